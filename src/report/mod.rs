//! The report model: everything any output format shows, built from an evaluation.
//!
//! Renderers only lay this out; the JSON format is this model serialized.

use serde::Serialize;

mod build;
mod contributions;
mod fill;
mod roadmap;
mod stamp;

use crate::answers::AnswerRow;
use crate::cost::Estimate;
use crate::options::{Approach, PerApproach, PerStrategy, Strategy};
use crate::rules::{Point, Text};
use crate::whatif::WhatIf;
pub use build::{assess, assess_with, build, evaluate_and_report};
pub use contributions::{Contribution, CostChoices, Moves, contributions};
pub use fill::fill;
pub use roadmap::{Roadmap, Stage};
pub use stamp::Stamp;

/// Version of the JSON report's shape.
pub const SCHEMA_VERSION: u32 = 1;

/// The advice for one scenario.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Which scenario this is.
    pub scenario: Scenario,
    /// The recommended strategy and approach.
    pub recommendation: Recommendation,
    /// The next-best allowed pair, when there is one.
    pub runner_up: Option<RunnerUp>,
    /// Strategy and approach scores.
    pub scores: Scores,
    /// Position on the control/complexity matrix.
    pub matrix: Matrix,
    /// Fired rules that separate the recommendation from the runner-up, strongest first.
    pub reasons: Vec<Reason>,
    /// Every fired rule with what it added to each score and what it ruled out, in rule-base
    /// order: what `assess --since` compares to name the rules that moved the scores.
    pub contributions: Vec<Contribution>,
    /// Options ruled out, and why.
    pub exclusions: Vec<Excluded>,
    /// Arguments for the recommended strategy.
    pub pros: Vec<Point>,
    /// Arguments against the recommended strategy.
    pub cons: Vec<Point>,
    /// What each strategy would cost, from the answers and the pricing file.
    pub cost: Estimate,
    /// Recommended next steps for the chosen strategy and approach, grouped by topic.
    pub next_steps: Vec<Step>,
    /// Where the advice changes as the organization grows, and what to prepare for each
    /// change.
    pub roadmap: Roadmap,
    /// How the advice depends on the answers given as a range or a list of candidates:
    /// the share of plausible answers under which each pair wins, where along each one it
    /// wins, and costs as low–likely–high bands. Absent when every answer is one value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uncertainty: Option<crate::uncertainty::Uncertainty>,
    /// Every question with its answer (`null` when unanswered).
    pub answers: Vec<AnswerRow>,
    /// Optional questions left unanswered (`section.key`).
    pub unanswered: Vec<&'static str>,
    /// The `[cost]` choices of the answers file (tier, size class), `null` where the cost
    /// model chooses.
    pub cost_choices: CostChoices,
    /// For each question, the nearest answers that would change the recommendation: for an
    /// answered question one per direction, for an unanswered one every such answer.
    pub what_if: Vec<WhatIf>,
    /// Share of the one-step changes to the answers (one question moved to the next level or
    /// across the next threshold) that keep the recommendation, 0 to 1.
    pub stability: f64,
    /// How many one-step changes `stability` is taken over.
    pub stability_neighbours: usize,
    /// Problems with the advice itself, such as contradictory exclusions.
    pub warnings: Vec<String>,
    /// Every rule's part in the result (with `--explain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<crate::explain::Explanation>,
    /// The tool, rules, pricing and answers the report was computed from.
    pub stamp: Stamp,
}

impl Report {
    /// Whether a fired rule ruled out the strategy or approach with this name.
    pub fn is_excluded(&self, name: &str) -> bool {
        self.exclusions.iter().any(|e| e.names().contains(&name))
    }
}

/// The scenario's name and description.
#[derive(Debug, Clone, Serialize)]
pub struct Scenario {
    /// `[scenario] name`, or the file's stem.
    pub name: String,
    /// `[scenario] description`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The recommended pair.
#[derive(Debug, Clone, Serialize)]
pub struct Recommendation {
    /// `A`..`D`.
    pub strategy: Strategy,
    /// `prompting`, `rag`, `fine-tune` or `train`.
    pub approach: Approach,
    /// Strategy score plus approach score.
    pub score: f64,
    /// The strategy's name in the rule base.
    pub strategy_name: Text,
    /// The approach's name in the rule base.
    pub approach_name: Text,
    /// What the strategy is.
    pub strategy_summary: Text,
    /// Well-known examples of the strategy.
    pub examples: Vec<String>,
    /// When the approach fits.
    pub approach_fits: Text,
}

/// The next-best pair.
#[derive(Debug, Clone, Serialize)]
pub struct RunnerUp {
    /// `A`..`D`.
    pub strategy: Strategy,
    /// The approach.
    pub approach: Approach,
    /// Its pair score.
    pub score: f64,
    /// How far it trails the recommendation.
    pub margin: f64,
}

/// Scores per option.
#[derive(Debug, Clone, Serialize)]
pub struct Scores {
    /// Per strategy.
    pub strategy: PerStrategy<f64>,
    /// Per approach.
    pub approach: PerApproach<f64>,
    /// Every allowed pair with its score (its strategy's plus its approach's), best first,
    /// excluded pairs last: the numbers that decide.
    pub pairs: Vec<PairScore>,
}

/// One allowed strategy/approach pair and its score.
#[derive(Debug, Clone, Serialize)]
pub struct PairScore {
    /// `A`..`D`.
    pub strategy: Strategy,
    /// The approach.
    pub approach: Approach,
    /// The strategy's score plus the approach's score.
    pub score: f64,
    /// Whether a fired rule ruled out its strategy or its approach.
    pub excluded: bool,
}

/// Position on the control/complexity matrix, each axis 0 to 10.
#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    /// How much control over data and model the organization needs.
    pub control: f64,
    /// The technical, financial and staff burden it can carry.
    pub complexity: f64,
    /// The strategy whose region holds the point.
    pub region: Strategy,
    /// Each strategy's region: the band `[from, to)` of the mean of the two coordinates.
    pub regions: PerStrategy<[f64; 2]>,
}

/// A fired rule and how much it moved the decision.
#[derive(Debug, Clone, Serialize)]
pub struct Reason {
    /// Rule id.
    pub rule: Text,
    /// The rule's one-line summary.
    pub summary: Text,
    /// The rule's explanation.
    pub explanation: String,
    /// The cited source.
    pub source: SourceRef,
    /// Points it adds to the recommendation over the runner-up (negative: it argued against).
    pub impact: f64,
}

/// A cited source.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRef {
    /// Source id.
    pub id: Text,
    /// Its title.
    pub title: Text,
    /// Where to read it, when it is online.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<Text>,
}

/// An exclusion made by a fired rule.
#[derive(Debug, Clone, Serialize)]
pub struct Excluded {
    /// Rule id.
    pub rule: Text,
    /// Strategies ruled out.
    pub strategies: Vec<Strategy>,
    /// Approaches ruled out.
    pub approaches: Vec<Approach>,
    /// Why.
    pub reason: String,
}

impl Excluded {
    /// What it rules out, strategies first.
    pub fn names(&self) -> Vec<&'static str> {
        crate::options::names(&self.strategies, &self.approaches)
    }
}

/// A recommended next step.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// Step id.
    pub id: Text,
    /// Its topic: objectives, data, responsible-use, monitoring, team, vendor or infrastructure.
    pub topic: Text,
    /// What to do.
    pub text: Text,
    /// The cited source.
    pub source: SourceRef,
}
