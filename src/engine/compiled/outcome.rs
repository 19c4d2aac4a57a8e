//! What one compiled evaluation gives: a small value with no heap data (fired rules as bits,
//! scores in hundredths, the matrix, exclusions, the pick and the runner-up), which becomes an
//! [`Evaluation`] when a report needs one.

use super::tables::Entry;
use crate::engine::Evaluation;
use crate::matrix::MATRIX_MAX;
use crate::options::{Approach, PAIRS, Pair, PerApproach, PerStrategy, Strategy};
use crate::rules::effect::to_weight;
use crate::rules::{Facts, Sums};

/// The result of one evaluation, as [`Evaluation`] has it but fixed in size and `Copy`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// Bit `i` (of word `i / 64`) set when rule `i` fired.
    pub fired: [u64; 4],
    /// How many rules the rule base has.
    pub rules: usize,
    /// Strategy scores in hundredths.
    pub strategy: PerStrategy<i64>,
    /// Approach scores in hundredths.
    pub approach: PerApproach<i64>,
    /// Control and complexity, clamped to `0..=10`.
    pub matrix: [f64; 2],
    /// The options some fired rule excluded: strategies in bits 0..4, approaches in 4..8.
    pub excluded: u8,
    /// The recommended pair.
    pub pick: Pair,
    /// The second-best pair with its score in hundredths, when there is one.
    pub runner_up: Option<(Pair, i64)>,
    /// True when exclusions ruled out every pair; pick and runner-up then ignore exclusions.
    pub conflict: bool,
    /// The cost facts the rules were evaluated with.
    pub facts: Facts,
}

/// The best pair with its score, and the second-best when there is one.
type BestTwo = ((Pair, i64), Option<(Pair, i64)>);

/// The best and second-best of the pairs whose bit is set in `allowed` (bit `i`: `PAIRS[i]`),
/// ties to the pair listed first, as a stable sort by descending score ranks them.
///
/// Without branches: each allowed pair's key is its score with `7 - i` in the three low bits,
/// so keys are distinct, a higher score wins and, among equal scores, the earlier pair.
// Measured: with `#[inline]` alone it stayed a call.
#[allow(clippy::inline_always)]
#[inline(always)]
fn best_two(scores: &[i64; 7], allowed: u8) -> Option<BestTwo> {
    // Scores are sums of two `i32`s, so shifting by three cannot overflow.
    let keys: [i64; 7] = std::array::from_fn(|i| {
        if allowed & (1 << i) == 0 {
            i64::MIN
        } else {
            (scores[i] << 3) | i64::from(7 - i as u8)
        }
    });
    let best = keys.iter().fold(i64::MIN, |m, &k| m.max(k));
    let second = keys
        .iter()
        .fold(i64::MIN, |m, &k| if k == best { m } else { m.max(k) });
    let decode = |k: i64| (PAIRS[7 - (k & 7) as usize], k >> 3);
    (best != i64::MIN).then(|| (decode(best), (second != i64::MIN).then(|| decode(second))))
}

impl Outcome {
    /// Ranks the pairs of a sum of fired rules, as the reference evaluator does.
    // Measured: inlined, the outcome is written once in the caller's place.
    #[allow(clippy::inline_always)]
    #[inline(always)]
    pub(super) fn of_entry(sum: &Entry, matrix: [f64; 2], rules: usize, facts: Facts) -> Outcome {
        let strategy: [i64; 4] = std::array::from_fn(|i| i64::from(sum.scores[i]));
        let approach: [i64; 4] = std::array::from_fn(|i| i64::from(sum.scores[4 + i]));
        let scores = PAIRS.map(|p| strategy[p.strategy as usize] + approach[p.approach as usize]);
        let mut allowed = 0u8;
        for (i, p) in PAIRS.iter().enumerate() {
            let mask = (1u8 << (p.strategy as u8)) | (1u8 << (4 + p.approach as u8));
            allowed |= u8::from(sum.excluded & mask == 0) << i;
        }
        let (best, conflict) = match best_two(&scores, allowed) {
            Some(found) => (found, false),
            None => (
                best_two(&scores, 0x7f).unwrap_or(((PAIRS[0], 0), None)),
                true,
            ),
        };
        Outcome {
            fired: sum.fired,
            rules,
            strategy: PerStrategy(strategy),
            approach: PerApproach(approach),
            matrix: matrix.map(|v| v.clamp(0.0, MATRIX_MAX)),
            excluded: sum.excluded,
            pick: best.0.0,
            runner_up: best.1,
            conflict,
            facts,
        }
    }

    /// The outcome of a reference evaluation.
    pub fn of(e: &Evaluation) -> Outcome {
        let mut fired = [0u64; 4];
        for (i, on) in e.fired.iter().enumerate() {
            if *on && i < 256 {
                fired[i / 64] |= 1 << (i % 64);
            }
        }
        let (strategy, approach) = e.hundredths;
        let mut excluded = 0u8;
        for s in Strategy::ALL {
            excluded |= u8::from(e.excluded_strategy[s]) << (s as u8);
        }
        for a in Approach::ALL {
            excluded |= u8::from(e.excluded_approach[a]) << (4 + a as u8);
        }
        Outcome {
            fired,
            rules: e.fired.len(),
            strategy,
            approach,
            matrix: e.matrix,
            excluded,
            pick: e.recommendation(),
            runner_up: e.runner_up().map(|(p, _)| (p, e.pair_score_hundredths(p))),
            conflict: e.conflict,
            facts: e.facts,
        }
    }

    /// The recommended pair.
    pub fn recommendation(&self) -> Pair {
        self.pick
    }

    /// Whether rule `i` fired.
    pub fn fired(&self, i: usize) -> bool {
        i < 256 && self.fired[i / 64] & (1 << (i % 64)) != 0
    }

    /// The second-best pair and its score, as [`Evaluation::runner_up`] gives it.
    pub fn runner_up(&self) -> Option<(Pair, f64)> {
        self.runner_up.map(|(p, s)| (p, to_weight(s)))
    }

    /// The full evaluation, with its ranking, for a report.
    pub fn evaluation(&self) -> Evaluation {
        let sums = Sums {
            strategy: self.strategy,
            approach: self.approach,
            matrix: self.matrix,
            excluded_strategy: PerStrategy(
                Strategy::ALL.map(|s| self.excluded & (1 << (s as u8)) != 0),
            ),
            excluded_approach: PerApproach(
                Approach::ALL.map(|a| self.excluded & (1 << (4 + a as u8)) != 0),
            ),
        };
        let fired = (0..self.rules).map(|i| self.fired(i)).collect();
        Evaluation::from_sums(fired, sums, self.facts)
    }
}
