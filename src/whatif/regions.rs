//! The regions of the answer space that the rules tell apart: every level of a question, and
//! for numbers the bands between the rules' thresholds.

use crate::answers::Answer;
use crate::questions::{Kind, QuestionId};
use crate::rules::RuleBase;

/// The numeric thresholds the rules use for a question, ascending, without repeats; for
/// whole-number questions rounded up, since a count can only cross a threshold at a whole number.
pub fn thresholds(base: &RuleBase, question: QuestionId) -> Vec<f64> {
    let whole = matches!(question.question().kind, Kind::Number { whole: true, .. });
    let mut out = Vec::new();
    for (q, v) in base.rules.iter().flat_map(|r| r.when.thresholds()) {
        if q == question && v > 0.0 {
            out.push(if whole { v.ceil() } else { v });
        }
    }
    out.sort_by(f64::total_cmp);
    out.dedup();
    out
}

/// [`thresholds`] of every question at once, indexed by question, from one pass over the rules.
pub(super) fn all_thresholds(base: &RuleBase) -> Vec<Vec<f64>> {
    let mut out = vec![Vec::new(); crate::questions::COUNT];
    for (q, v) in base.rules.iter().flat_map(|r| r.when.thresholds()) {
        if v > 0.0 {
            let whole = matches!(q.question().kind, Kind::Number { whole: true, .. });
            out[usize::from(q.0)].push(if whole { v.ceil() } else { v });
        }
    }
    for list in &mut out {
        list.sort_by(f64::total_cmp);
        list.dedup();
    }
    out
}

/// The largest answer below a threshold.
pub(super) fn just_below(threshold: f64, whole: bool) -> f64 {
    if whole {
        threshold - 1.0
    } else {
        threshold.next_down()
    }
}

/// One representative answer per region of the answer space the rules distinguish, in
/// ascending order: every level, or for numbers the largest value below the lowest threshold
/// and then each threshold.
pub fn candidates(base: &RuleBase, question: QuestionId) -> Vec<Answer> {
    match question.question().kind {
        Kind::Level { levels, .. } => (0..levels.len() as u8).map(Answer::Level).collect(),
        Kind::Number { whole, .. } => {
            let thresholds = thresholds(base, question);
            let first = thresholds.first().map_or(0.0, |t| just_below(*t, whole));
            std::iter::once(first)
                .chain(thresholds)
                .map(Answer::Number)
                .collect()
        }
    }
}

/// The region (index into [`candidates`]) holding an answer.
pub(super) fn region(thresholds: &[f64], answer: Answer) -> usize {
    match answer {
        Answer::Level(i) => usize::from(i),
        Answer::Number(n) => thresholds.iter().filter(|t| **t <= n).count(),
    }
}
