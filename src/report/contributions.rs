//! The compact record of what each fired rule added: the `contributions` key of the JSON
//! report, which `assess --since` reads back to name the rules that moved the scores.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::answers::Answers;
use crate::engine::Evaluation;
use crate::options::{Approach, Strategy};
use crate::rules::RuleBase;
use crate::rules::effect::to_weight;

/// One fired rule and what it added to the scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    /// Rule id.
    pub rule: String,
    /// What it added to each strategy's score (strategies it left alone are not listed).
    pub strategy: Moves,
    /// What it added to each approach's score (approaches it left alone are not listed).
    pub approach: Moves,
    /// The strategies and approaches it ruled out.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub excludes: Vec<String>,
}

/// Non-zero score moves by option name, in the options' order; JSON shows them as an object
/// (`{"A": 1.5, "C": -2}`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Moves(pub Vec<(String, f64)>);

impl Moves {
    /// The move of the option `name`, zero when it has none.
    pub fn get(&self, name: &str) -> f64 {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map_or(0.0, |(_, w)| *w)
    }
}

impl Serialize for Moves {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, weight) in &self.0 {
            map.serialize_entry(name, weight)?;
        }
        map.end()
    }
}

/// The `[cost]` choices of the answers file, which price the scenario at a tier or size
/// class of the file's choosing; `null` where the cost model chooses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CostChoices {
    /// `[cost] tier`.
    pub tier: Option<String>,
    /// `[cost] size_class`.
    pub size_class: Option<String>,
}

impl CostChoices {
    /// The choices an answers file makes.
    pub fn of(answers: &Answers) -> Self {
        CostChoices {
            tier: answers.cost.tier.map(str::to_owned),
            size_class: answers.cost.size_class.map(str::to_owned),
        }
    }
}

/// Every fired rule of an evaluation with what it added, in rule-base order.
pub fn contributions(base: &RuleBase, eval: &Evaluation) -> Vec<Contribution> {
    base.rules
        .iter()
        .zip(&eval.fired)
        .filter(|(_, on)| **on)
        .map(|(rule, _)| {
            let effect = &rule.effect;
            let strategy = Strategy::ALL
                .iter()
                .map(|s| (s.name().to_owned(), to_weight(effect.strategy[*s])))
                .filter(|(_, w)| *w != 0.0)
                .collect();
            let approach = Approach::ALL
                .iter()
                .map(|a| (a.name().to_owned(), to_weight(effect.approach[*a])))
                .filter(|(_, w)| *w != 0.0)
                .collect();
            Contribution {
                rule: rule.id.to_string(),
                strategy: Moves(strategy),
                approach: Moves(approach),
                excludes: effect.excluded_names(),
            }
        })
        .collect()
}
