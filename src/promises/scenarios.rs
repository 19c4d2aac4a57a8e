//! The other answers a promise is checked under: every combination of the questions that can
//! matter when there are at most [`EXHAUSTIVE`], else a seeded sample of [`SAMPLE`] of them.

use crate::answers::{Answer, Answers};
use crate::questions::{COUNT, QuestionId};
use crate::rules::RuleBase;
use crate::whatif::candidates;

/// Spaces of at most this many combinations are enumerated whole.
pub const EXHAUSTIVE: u128 = 4096;

/// Larger spaces are checked on this many scenarios drawn from them.
pub const SAMPLE: usize = 1024;

/// The sample's seed: fixed, so that every run checks the same scenarios.
pub const SEED: u64 = 0x9E37_79B9_7F4A_7C15;

/// One question's values: one per region the rules tell apart, and unanswered when optional.
fn values(base: &RuleBase, question: QuestionId) -> Vec<Option<Answer>> {
    let mut out: Vec<Option<Answer>> = candidates(base, question).into_iter().map(Some).collect();
    if !question.question().required {
        out.push(None);
    }
    out
}

/// The scenarios to check a promise under.
pub(super) struct Scenarios {
    /// The varied questions and their values.
    dims: Vec<(QuestionId, Vec<Option<Answer>>)>,
    /// How many combinations they have (saturating).
    pub(super) space: u128,
    /// Whether they are all visited.
    pub(super) exhaustive: bool,
    /// The answers of the questions not varied: the first value of a required question,
    /// none for an optional one.
    fixed: Answers,
}

impl Scenarios {
    /// The scenarios varying `varied`, the others fixed.
    pub(super) fn new(base: &RuleBase, varied: &[QuestionId]) -> Scenarios {
        let mut fixed = Answers::new("promise", [None; COUNT]);
        for id in QuestionId::all() {
            if id.question().required {
                fixed.set(id, values(base, id)[0]);
            }
        }
        let dims: Vec<_> = varied.iter().map(|q| (*q, values(base, *q))).collect();
        let space = dims
            .iter()
            .fold(1u128, |n, (_, v)| n.saturating_mul(v.len() as u128));
        Scenarios {
            dims,
            space,
            exhaustive: space <= EXHAUSTIVE,
            fixed,
        }
    }

    /// How many scenarios are visited.
    pub(super) fn len(&self) -> usize {
        if self.exhaustive {
            self.space as usize
        } else {
            SAMPLE
        }
    }

    /// Visits every scenario in order, stopping when `visit` returns false.
    pub(super) fn each(&self, mut visit: impl FnMut(&mut Answers) -> bool) {
        let mut scenario = self.fixed.clone();
        let mut seed = SEED;
        for index in 0..self.len() {
            let mut rest = index;
            for (question, values) in &self.dims {
                let pick = if self.exhaustive {
                    let pick = rest % values.len();
                    rest /= values.len();
                    pick
                } else {
                    (next(&mut seed) % values.len() as u64) as usize
                };
                scenario.set(*question, values[pick]);
            }
            if !visit(&mut scenario) {
                return;
            }
        }
    }
}

/// The next number of a xorshift generator: deterministic, and plenty for spreading a sample.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}
