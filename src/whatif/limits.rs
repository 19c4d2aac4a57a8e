//! Where along one answer a cost fact crosses a limit some rule compares it with, found by
//! bisection over the compiled cost model with only that number changing.

use crate::answers::{Answer, Answers};
use crate::engine::Evaluator;
use crate::questions::QuestionId;

/// The values of `question` at which a cost fact crosses a threshold some rule compares it
/// with, for this scenario: found by bisection, since each fact moves one way as one answer
/// grows (more traffic or corpus costs more; more budget lowers its share).
///
/// Each limit comes with what becomes true there, in words.
pub(super) fn fact_limits(
    evaluator: &Evaluator<'_>,
    answers: &Answers,
    question: QuestionId,
) -> Vec<(f64, String)> {
    let base = evaluator.base();
    if !base.reads_facts || !crate::rules::Fact::QUESTIONS.contains(&question.name()) {
        return Vec::new();
    }
    let mut checks: Vec<_> = base
        .rules
        .iter()
        .flat_map(|r| r.when.fact_thresholds())
        .collect();
    checks.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    checks.dedup();
    let mut fact_at = fact_along(evaluator, answers, question);
    let mut out = Vec::new();
    for (fact, t) in checks {
        // Search on a log scale between 1 and 10^16.
        let (mut lo, mut hi) = (0.0f64, 16.0f64);
        let side = |v: Option<f64>| v.map(|v| v >= t);
        let (Some(low), Some(high)) = (side(fact_at(1.0, fact)), side(fact_at(1e16, fact))) else {
            continue;
        };
        if low == high {
            continue;
        }
        for _ in 0..64 {
            let mid = f64::midpoint(lo, hi);
            if side(fact_at(10f64.powf(mid), fact)) == Some(low) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        // Then on a linear scale, down to neighbouring numbers, so that the limit is the first
        // value on the far side of the crossing and anything below it is on the near side.
        let (mut a, mut b) = (10f64.powf(lo), 10f64.powf(hi));
        for _ in 0..128 {
            let mid = f64::midpoint(a, b);
            if mid <= a || mid >= b {
                break;
            }
            if side(fact_at(mid, fact)) == Some(low) {
                a = mid;
            } else {
                b = mid;
            }
        }
        out.push((b, super::roadmap::limit_words(fact, t)));
    }
    out.retain(|(v, _)| v.is_finite() && *v > 0.0);
    out
}

/// A cost fact as a function of the value of one question, other answers as in `answers`:
/// from the compiled cost model's inputs with that one number changed when the evaluator has
/// them (nothing else is looked up again), else from a full estimate.
fn fact_along<'e>(
    evaluator: &'e Evaluator<'_>,
    answers: &Answers,
    question: QuestionId,
) -> Box<dyn FnMut(f64, crate::rules::Fact) -> Option<f64> + 'e> {
    use crate::rules::Facts;
    if let Evaluator::Compiled(compiled) = evaluator {
        let model = compiled.cost_model().filter(|m| m.reads_number(question));
        if let (Some(model), Some(mut inputs)) = (model, compiled.cost_inputs(answers)) {
            return Box::new(move |value, fact| {
                inputs.set_number(model, question, Some(value));
                Facts::of_figures(&model.figures(&inputs)).get(fact)
            });
        }
    }
    let pricing = &evaluator.base().pricing;
    let mut scenario = answers.clone();
    Box::new(move |value, fact| {
        scenario.set(question, Some(Answer::Number(value)));
        Facts::of(&crate::cost::estimate(&scenario, pricing)).get(fact)
    })
}
