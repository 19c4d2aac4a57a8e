//! The rule base: sources, strategy and approach descriptions, weighted rules and next steps,
//! loaded from YAML (the built-in set, your files layered over it, or a directory alone) and
//! checked before use.

mod check;
mod condition;
pub mod effect;
pub mod fact;
mod identity;
mod in_place;
mod layer;
mod load;
pub mod promise;
mod raw;

use crate::cost::Pricing;
use crate::options::{Approach, PerApproach, PerStrategy, Strategy};
pub use check::TOPICS;
pub use condition::{Condition, Truth};
pub use effect::{Effect, Exclusion, Sums};
pub use fact::{Fact, Facts};
pub use identity::{Digest, Identity};
pub use layer::{Origin, Removed, Selection, load_layered, over_built_in};
pub use load::{
    ARCHIVE_FILE, PRICING_FILE, RuleFile, built_in, built_in_files, built_in_parsed,
    built_in_tests, dir_files, from_files, load, load_dir,
};
use load::{built_in_pricing, pricing_file};
pub use promise::{Direction, Promise, Quantity, Subject};

/// Text of the rule base: borrowed from the binary for the built-in rule base, which is read in
/// place from its archive, and owned when read from your files.
pub type Text = std::borrow::Cow<'static, str>;

/// An article or body of practice that rules cite.
#[derive(Debug, Clone, serde::Serialize, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Source {
    /// Stable id used by rules, e.g. `dida-strategies`.
    #[rkyv(with = rkyv::with::AsOwned)]
    pub id: Text,
    /// The article's title.
    #[rkyv(with = rkyv::with::AsOwned)]
    pub title: Text,
    /// Who published it.
    #[rkyv(with = rkyv::with::AsOwned)]
    pub publisher: Text,
    /// Publication date, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[rkyv(with = rkyv::with::Map<rkyv::with::AsOwned>)]
    pub date: Option<Text>,
    /// Where to read it, when it is online.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[rkyv(with = rkyv::with::Map<rkyv::with::AsOwned>)]
    pub url: Option<Text>,
}

/// A pro or con, with the source it comes from.
#[derive(Debug, Clone, serde::Serialize, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Point {
    /// The argument, in the rule base's words.
    #[rkyv(with = rkyv::with::AsOwned)]
    pub text: Text,
    /// Id of the source.
    #[rkyv(with = rkyv::with::AsOwned)]
    pub source: Text,
}

/// What the rule base says about one strategy.
#[derive(Debug, Clone, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct StrategyInfo {
    /// A short name, e.g. "Closed model through an API, used as is".
    #[rkyv(with = rkyv::with::AsOwned)]
    pub name: Text,
    /// One sentence on what it is.
    #[rkyv(with = rkyv::with::AsOwned)]
    pub summary: Text,
    /// Where it sits on the matrix: the band `[from, to)` of the mean of control and
    /// complexity (the last band includes its end).
    pub region: [f64; 2],
    /// Well-known examples.
    pub examples: Vec<String>,
    /// Id of the source.
    #[rkyv(with = rkyv::with::AsOwned)]
    pub source: Text,
    /// Arguments for.
    pub pros: Vec<Point>,
    /// Arguments against.
    pub cons: Vec<Point>,
}

/// What the rule base says about one approach.
#[derive(Debug, Clone, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct ApproachInfo {
    /// A short name, e.g. "Retrieval-augmented generation".
    #[rkyv(with = rkyv::with::AsOwned)]
    pub name: Text,
    /// What it is.
    #[rkyv(with = rkyv::with::AsOwned)]
    pub summary: Text,
    /// When it fits.
    #[rkyv(with = rkyv::with::AsOwned)]
    pub fits: Text,
    /// Id of the source.
    #[rkyv(with = rkyv::with::AsOwned)]
    pub source: Text,
}

/// One weighted rule.
#[derive(Debug, Clone, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Rule {
    /// Stable kebab-case id.
    #[rkyv(with = rkyv::with::AsOwned)]
    pub id: Text,
    /// One line on what the rule says.
    #[rkyv(with = rkyv::with::AsOwned)]
    pub summary: Text,
    /// Id of the source it encodes.
    #[rkyv(with = rkyv::with::AsOwned)]
    pub source: Text,
    /// When it fires.
    pub when: Condition,
    /// What it does when it fires.
    pub effect: Effect,
    /// The strategy and approach weights as the author set them, when calibration has since
    /// changed them (only those two parts of the effect are used).
    pub hand_set: Option<Effect>,
    /// Why, in a few sentences, for the user.
    #[rkyv(with = rkyv::with::AsOwned)]
    pub explanation: Text,
    /// The file it was defined in, as given to the loader.
    #[rkyv(with = rkyv::with::AsOwned)]
    pub file: Text,
    /// Its position in that file's `rules:` list.
    pub index: usize,
    /// Whether it is built in, yours, or yours in place of a built-in rule.
    pub origin: Origin,
}

/// A recommended step, for some strategies and approaches.
#[derive(Debug, Clone, serde::Serialize, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct NextStep {
    /// Stable kebab-case id.
    #[rkyv(with = rkyv::with::AsOwned)]
    pub id: Text,
    /// What it is about: objectives, data, responsible-use, monitoring, ...
    #[rkyv(with = rkyv::with::AsOwned)]
    pub topic: Text,
    /// Strategies it applies to.
    #[serde(skip)]
    pub strategies: Vec<Strategy>,
    /// Approaches it applies to.
    #[serde(skip)]
    pub approaches: Vec<Approach>,
    /// The answers it applies to (always, without a `when`).
    #[serde(skip)]
    pub when: Condition,
    /// The step.
    #[rkyv(with = rkyv::with::AsOwned)]
    pub text: Text,
    /// Id of the source.
    #[rkyv(with = rkyv::with::AsOwned)]
    pub source: Text,
}

/// The whole checked rule base.
#[derive(Debug, Clone, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct RuleBase {
    /// Cited sources.
    pub sources: Vec<Source>,
    /// Descriptions of A, B, C and D.
    pub strategies: PerStrategy<StrategyInfo>,
    /// Descriptions of the approaches.
    pub approaches: PerApproach<ApproachInfo>,
    /// The weighted rules, in file order.
    pub rules: Vec<Rule>,
    /// Recommended next steps.
    pub next_steps: Vec<NextStep>,
    /// What the rule base promises about itself, verified by `rules check`.
    pub promises: Vec<Promise>,
    /// The prices and capacities behind cost estimates and cost facts.
    pub pricing: Pricing,
    /// Where the pricing came from, as the reports name it.
    pub pricing_file: String,
    /// Digests of the rule files and the pricing, recorded by embedded regions.
    pub identity: Identity,
    /// Whether any rule reads a cost fact (so evaluation must estimate costs).
    pub reads_facts: bool,
    /// Whether your files were layered over the built-in rule base (`--rules DIR`).
    pub layered: bool,
    /// The built-in rules and next steps that layered files removed.
    pub removed: Removed,
}

impl RuleBase {
    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The strategy whose matrix region holds a point.
    pub fn region(&self, control: f64, complexity: f64) -> Strategy {
        crate::matrix::region(
            &self.strategies.0.each_ref().map(|s| s.region),
            control,
            complexity,
        )
    }

    /// The cost facts of a scenario, estimated only when some rule reads them.
    pub fn facts(&self, answers: &crate::answers::Answers) -> Facts {
        if self.reads_facts {
            Facts::of(&crate::cost::estimate(answers, &self.pricing))
        } else {
            Facts::default()
        }
    }

    /// The cost facts of an estimate already made, as [`RuleBase::facts`] gives them.
    pub fn facts_of(&self, estimate: &crate::cost::Estimate) -> Facts {
        if self.reads_facts {
            Facts::of(estimate)
        } else {
            Facts::default()
        }
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// A warning when the pricing's newest date is more than 180 days before `today` (days
    /// since 1970-01-01).
    pub fn stale_pricing(&self, today: i64) -> Option<String> {
        crate::cost::staleness::warning(self.pricing.newest(), &self.pricing_file, today)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::questions::QuestionId;

    #[test]
    fn the_archived_rule_base_is_the_parsed_one() {
        let archived = built_in().unwrap_or_else(|e| panic!("{e:#}"));
        let parsed = built_in_parsed().unwrap_or_else(|e| panic!("{e}"));
        // Every field, every rule's condition and effect, every price and digest.
        assert_eq!(format!("{archived:#?}"), format!("{parsed:#?}"));
    }

    #[test]
    fn built_in_rules_load() {
        let base = built_in().unwrap_or_else(|e| panic!("{e}"));
        assert!(base.rules.len() >= 20);
    }

    #[test]
    fn rule_ids_are_unique_and_kebab_case() {
        let base = built_in().unwrap();
        let mut seen = HashSet::new();
        for rule in &base.rules {
            assert!(seen.insert(&*rule.id), "duplicate rule id {}", rule.id);
            assert!(check::is_kebab(&rule.id), "{} is not kebab-case", rule.id);
        }
    }

    #[test]
    fn every_question_is_read_by_some_rule() {
        let base = built_in().unwrap();
        let mut read = HashSet::new();
        for rule in &base.rules {
            read.extend(rule.when.questions());
        }
        for id in QuestionId::all() {
            assert!(read.contains(&id), "no rule reads {}", id.name());
        }
    }

    #[test]
    fn every_rule_cites_a_known_source() {
        let base = built_in().unwrap();
        for rule in &base.rules {
            assert!(base.source(&rule.source).is_some(), "{}", rule.id);
        }
    }
}
