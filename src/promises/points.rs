//! The answers a promise's question is compared at, lowest first: every level, or for a number
//! the points where a rule's condition on it changes truth value.

use crate::answers::Answer;
use crate::questions::{Kind, QuestionId};
use crate::rules::RuleBase;
use crate::whatif::thresholds;

/// The values of `question` to compare, ascending. For a level question every level; for a
/// number, just below and at each threshold the rules compare it with, and one above the
/// highest (twice it), leaving out answers the question does not accept.
pub(super) fn points(base: &RuleBase, question: QuestionId) -> Vec<Answer> {
    match question.question().kind {
        Kind::Level { levels, .. } => (0..levels.len() as u8).map(Answer::Level).collect(),
        Kind::Number { whole, positive } => {
            let limits = thresholds(base, question);
            let mut values: Vec<f64> = limits
                .iter()
                .flat_map(|t| [below(*t, whole), *t])
                .chain(limits.last().map(|t| t * 2.0))
                .filter(|v| v.is_finite() && *v >= 0.0 && (!positive || *v > 0.0))
                .collect();
            values.sort_by(f64::total_cmp);
            values.dedup();
            values.into_iter().map(Answer::Number).collect()
        }
    }
}

/// The largest answer below a threshold.
fn below(threshold: f64, whole: bool) -> f64 {
    if whole {
        threshold - 1.0
    } else {
        threshold.next_down()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_compared_around_every_threshold() {
        let base = crate::rules::built_in().unwrap();
        let q = QuestionId::from_name("data.labeled_examples").unwrap();
        let values: Vec<f64> = points(&base, q)
            .into_iter()
            .filter_map(|a| match a {
                Answer::Number(n) => Some(n),
                Answer::Level(_) => None,
            })
            .collect();
        assert_eq!(
            values,
            [
                99.0, 100.0, 999.0, 1000.0, 9999.0, 10000.0, 49999.0, 50000.0, 100_000.0
            ]
        );
        let talent = QuestionId::from_name("team.ml_talent").unwrap();
        assert_eq!(points(&base, talent).len(), 4);
    }
}
