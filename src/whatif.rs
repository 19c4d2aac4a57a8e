//! Alternative answers to a question: the values worth trying when asking "what would change it?".

use crate::answers::{Answer, Answers};
use crate::engine::evaluate;
use crate::options::Pair;
use crate::questions::{Kind, QuestionId};
use crate::rules::RuleBase;

/// One representative answer per region of the answer space the rules distinguish:
/// every level, or for numbers one value below the lowest threshold and each threshold.
pub fn candidates(base: &RuleBase, question: QuestionId) -> Vec<Answer> {
    match question.question().kind {
        Kind::Level { levels, .. } => (0..levels.len() as u8).map(Answer::Level).collect(),
        Kind::Number { whole, .. } => {
            let mut thresholds = thresholds(base, question);
            if whole {
                for t in &mut thresholds {
                    *t = t.ceil();
                }
                thresholds.dedup();
            }
            let mut out = Vec::with_capacity(thresholds.len() + 1);
            match thresholds.first() {
                Some(&first) if first > 0.0 => {
                    let below = if whole {
                        (first - 1.0).max(0.0)
                    } else {
                        first / 2.0
                    };
                    out.push(Answer::Number(below));
                }
                Some(_) => {}
                None => out.push(Answer::Number(0.0)),
            }
            out.extend(
                thresholds
                    .into_iter()
                    .filter(|t| *t > 0.0)
                    .map(Answer::Number),
            );
            out
        }
    }
}

/// The numeric thresholds the rules use for a question, ascending, without repeats.
pub fn thresholds(base: &RuleBase, question: QuestionId) -> Vec<f64> {
    let mut out = Vec::new();
    for rule in &base.rules {
        rule.when.for_each_threshold(&mut |q, v| {
            if q == question {
                out.push(v);
            }
        });
    }
    out.sort_by(f64::total_cmp);
    out.dedup();
    out
}

/// The answers to `question` that would change the recommendation from `current`, with the
/// pair each would lead to.
pub fn changes(
    base: &RuleBase,
    answers: &Answers,
    question: QuestionId,
    current: Pair,
) -> Vec<(Answer, Pair)> {
    let mut scenario = answers.clone();
    let mut out = Vec::new();
    for candidate in candidates(base, question) {
        if answers.get(question) == Some(candidate) {
            continue;
        }
        scenario.set(question, Some(candidate));
        let pair = evaluate(base, &scenario).recommendation();
        if pair != current {
            out.push((candidate, pair));
        }
    }
    out
}
