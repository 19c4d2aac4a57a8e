//! Side-by-side comparison of scenarios: their reports, and what differs from the first and why.

use serde::Serialize;

use crate::answers::AnswerValue;
use crate::answers::Answers;
use crate::engine::Evaluation;
use crate::options::{Approach, PerApproach, PerStrategy, Strategy};
use crate::report::{self, Report, SCHEMA_VERSION, Stamp};
use crate::rules::RuleBase;

/// Most scenarios `compare` takes at once.
pub const MAX_SCENARIOS: usize = 16;

/// Several scenarios side by side.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The index in `scenarios` of the baseline the others are compared with.
    pub baseline: usize,
    /// Whether the baseline was chosen (`--baseline`) rather than taken as the first file.
    #[serde(skip)]
    pub baseline_chosen: bool,
    /// Each scenario's answers file, as given on the command line (empty when the scenarios
    /// did not come from files).
    pub files: Vec<String>,
    /// One report per scenario, in the order given.
    pub scenarios: Vec<Report>,
    /// For each scenario but the baseline, in order: how it differs from the baseline, and why.
    pub differences: Vec<Difference>,
    /// The tool, rules, pricing and answers (all scenarios, in order) it was computed from.
    pub stamp: Stamp,
}

/// How one scenario differs from the baseline.
#[derive(Debug, Clone, Serialize)]
pub struct Difference {
    /// The scenario's name.
    pub scenario: String,
    /// The baseline's name.
    pub baseline: String,
    /// Questions answered differently.
    pub answers: Vec<AnswerChange>,
    /// Rules that fired in one scenario but not the other, and the score they moved.
    pub rules: Vec<RuleChange>,
    /// Net change of each strategy score.
    pub strategy: PerStrategy<f64>,
    /// Net change of each approach score.
    pub approach: PerApproach<f64>,
    /// Whether the recommended pair differs.
    pub recommendation_changed: bool,
    /// The baseline's recommendation, as `A/rag`.
    pub from: String,
    /// This scenario's recommendation.
    pub to: String,
}

/// One question answered differently.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerChange {
    /// `section.key`.
    pub question: &'static str,
    /// The baseline's answer.
    pub from: Option<AnswerValue>,
    /// This scenario's answer.
    pub to: Option<AnswerValue>,
}

/// A rule that fired differently.
#[derive(Debug, Clone, Serialize)]
pub struct RuleChange {
    /// Rule id.
    pub rule: String,
    /// The rule's summary.
    pub summary: String,
    /// True when it fires here but not in the baseline; false for the reverse.
    pub fired: bool,
    /// How it moved each strategy score (its weights, negated when it stopped firing).
    pub strategy: PerStrategy<f64>,
    /// How it moved each approach score.
    pub approach: PerApproach<f64>,
    /// Strategies and approaches it rules out (when it fires).
    pub excludes: Vec<String>,
}

impl RuleChange {
    /// The non-zero score moves, as `A +2.0, rag -1.0`.
    pub fn moves(&self) -> Vec<(String, f64)> {
        let strategies = Strategy::ALL.map(|s| (s.name().to_owned(), self.strategy[s]));
        let approaches = Approach::ALL.map(|a| (a.name().to_owned(), self.approach[a]));
        strategies
            .into_iter()
            .chain(approaches)
            .filter(|(_, v)| *v != 0.0)
            .collect()
    }
}

/// Evaluates every scenario and compares each other one with the scenario at `baseline`
/// (the first when out of range).
pub fn compare(base: &RuleBase, scenarios: &[Answers], baseline: usize) -> Comparison {
    let (evaluations, reports): (Vec<Evaluation>, Vec<Report>) = scenarios
        .iter()
        .map(|a| report::evaluate_and_report(base, a, false))
        .unzip();
    let baseline = if baseline < reports.len() {
        baseline
    } else {
        0
    };
    let differences = match (reports.get(baseline), evaluations.get(baseline)) {
        (Some(first), Some(first_eval)) => reports
            .iter()
            .zip(&evaluations)
            .enumerate()
            .filter(|(i, _)| *i != baseline)
            .map(|(_, (r, e))| difference(base, (first, first_eval), (r, e)))
            .collect(),
        _ => Vec::new(),
    };
    Comparison {
        schema_version: SCHEMA_VERSION,
        baseline,
        baseline_chosen: false,
        files: Vec::new(),
        scenarios: reports,
        differences,
        stamp: Stamp::of_all(base, scenarios),
    }
}

fn pair_name(r: &Report) -> String {
    format!(
        "{} + {}",
        r.recommendation.strategy, r.recommendation.approach
    )
}

fn difference(
    base: &RuleBase,
    (first, first_eval): (&Report, &Evaluation),
    (other, other_eval): (&Report, &Evaluation),
) -> Difference {
    let answers = first
        .answers
        .iter()
        .zip(&other.answers)
        .filter(|(a, b)| a.value != b.value)
        .map(|(a, b)| AnswerChange {
            question: a.question,
            from: a.value,
            to: b.value,
        })
        .collect();
    let rules = base
        .rules
        .iter()
        .zip(first_eval.fired.iter().zip(&other_eval.fired))
        .filter(|(_, (was, now))| was != now)
        .map(|(rule, (_, now))| {
            let sign = if *now { 1 } else { -1 };
            RuleChange {
                rule: rule.id.to_string(),
                summary: rule.summary.to_string(),
                fired: *now,
                strategy: rule.effect.strategy_weights(sign),
                approach: rule.effect.approach_weights(sign),
                excludes: rule.effect.excluded_names(),
            }
        })
        .collect();
    let delta = |a: f64, b: f64| ((b - a) * 100.0).round() / 100.0;
    Difference {
        scenario: other.scenario.name.clone(),
        baseline: first.scenario.name.clone(),
        answers,
        rules,
        strategy: PerStrategy(std::array::from_fn(|i| {
            delta(first.scores.strategy.0[i], other.scores.strategy.0[i])
        })),
        approach: PerApproach(std::array::from_fn(|i| {
            delta(first.scores.approach.0[i], other.scores.approach.0[i])
        })),
        recommendation_changed: (first.recommendation.strategy, first.recommendation.approach)
            != (other.recommendation.strategy, other.recommendation.approach),
        from: pair_name(first),
        to: pair_name(other),
    }
}
