//! The rules engine: pure, deterministic evaluation of a rule base against one scenario.
//!
//! Scores are sums of the weights of fired rules. The recommendation is the allowed pair
//! (see [`PAIRS`]) with the highest strategy score plus approach score among the pairs no
//! fired rule excludes; ties go to the pair listed first in [`PAIRS`], the simpler one.

use crate::answers::Answers;
use crate::options::{PAIRS, Pair, PerApproach, PerStrategy};
use crate::rules::{RuleBase, Truth};

/// The matrix axes run from 0 to this.
pub const MATRIX_MAX: f64 = 10.0;

/// What the rules say about one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// For each rule of the rule base, in order, whether its condition held.
    pub fired: Vec<bool>,
    /// Strategy scores.
    pub strategy: PerStrategy<f64>,
    /// Approach scores.
    pub approach: PerApproach<f64>,
    /// Control and complexity, clamped to `0..=10`.
    pub matrix: [f64; 2],
    /// Strategies some fired rule excluded.
    pub excluded_strategy: PerStrategy<bool>,
    /// Approaches some fired rule excluded.
    pub excluded_approach: PerApproach<bool>,
    /// Every allowed pair with its score, best first; excluded pairs are not listed.
    pub ranking: Vec<(Pair, f64)>,
    /// True when exclusions ruled out every pair; the ranking then ignores exclusions.
    pub conflict: bool,
}

impl Evaluation {
    /// The recommended pair.
    pub fn recommendation(&self) -> Pair {
        self.ranking[0].0
    }

    /// The second-best pair and its score, when there is one.
    pub fn runner_up(&self) -> Option<(Pair, f64)> {
        self.ranking.get(1).copied()
    }

    /// Score of a pair: its strategy's score plus its approach's score.
    pub fn pair_score(&self, pair: Pair) -> f64 {
        self.strategy[pair.strategy] + self.approach[pair.approach]
    }
}

/// Evaluates every rule against the scenario and ranks the allowed pairs.
pub fn evaluate(base: &RuleBase, answers: &Answers) -> Evaluation {
    let mut fired = Vec::with_capacity(base.rules.len());
    let mut strategy = PerStrategy([0.0; 4]);
    let mut approach = PerApproach([0.0; 4]);
    let mut matrix = [0.0; 2];
    let mut excluded_strategy = PerStrategy([false; 4]);
    let mut excluded_approach = PerApproach([false; 4]);
    for rule in &base.rules {
        let on = rule.when.eval(answers) == Truth::True;
        fired.push(on);
        if !on {
            continue;
        }
        for i in 0..4 {
            strategy.0[i] += rule.strategy.0[i];
            approach.0[i] += rule.approach.0[i];
        }
        matrix[0] += rule.matrix[0];
        matrix[1] += rule.matrix[1];
        if let Some(exclusion) = &rule.exclude {
            for s in &exclusion.strategies {
                excluded_strategy[*s] = true;
            }
            for a in &exclusion.approaches {
                excluded_approach[*a] = true;
            }
        }
    }
    let score = |p: &Pair| strategy[p.strategy] + approach[p.approach];
    let allowed = |p: &&Pair| !excluded_strategy[p.strategy] && !excluded_approach[p.approach];
    let mut ranking: Vec<(Pair, f64)> = PAIRS
        .iter()
        .filter(allowed)
        .map(|p| (*p, score(p)))
        .collect();
    let conflict = ranking.is_empty();
    if conflict {
        ranking = PAIRS.iter().map(|p| (*p, score(p))).collect();
    }
    // Stable sort keeps PAIRS order among equal scores: the documented tie-break.
    ranking.sort_by(|a, b| b.1.total_cmp(&a.1));
    Evaluation {
        fired,
        strategy,
        approach,
        matrix: matrix.map(|v| v.clamp(0.0, MATRIX_MAX)),
        excluded_strategy,
        excluded_approach,
        ranking,
        conflict,
    }
}
