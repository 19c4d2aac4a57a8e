//! Where along one answer a cost fact crosses a limit some rule compares it with, found by
//! bisection over the compiled cost model with only that number changing.

use crate::answers::{Answer, Answers};
use crate::engine::Evaluator;
use crate::questions::QuestionId;
use crate::rules::{Fact, Facts};

/// Every cost fact some rule compares with a limit, with that limit: sorted, without repeats.
pub(super) fn fact_checks(base: &crate::rules::RuleBase) -> Vec<(Fact, f64)> {
    let mut checks: Vec<_> = base
        .rules
        .iter()
        .flat_map(|r| r.when.fact_thresholds())
        .collect();
    checks.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    checks.dedup();
    checks
}

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
    fact_limits_among(evaluator, answers, question, &fact_checks(evaluator.base()))
}

/// [`fact_limits`] for the limits `checks` ([`fact_checks`] of the evaluator's rule base).
pub(super) fn fact_limits_among(
    evaluator: &Evaluator<'_>,
    answers: &Answers,
    question: QuestionId,
    checks: &[(Fact, f64)],
) -> Vec<(f64, String)> {
    let base = evaluator.base();
    if !base.reads_facts || !Fact::QUESTIONS.contains(&question.name()) {
        return Vec::new();
    }
    let mut facts_at = facts_along(evaluator, answers, question);
    // The ends of the search, the same for every check.
    let (first, last) = (facts_at(1.0), facts_at(1e16));
    let mut out = Vec::new();
    for &(fact, t) in checks {
        let mut fact_value = |v: f64, fact: Fact| facts_at(v).get(fact);
        // Search on a log scale between 1 and 10^16.
        let (mut lo, mut hi) = (0.0f64, 16.0f64);
        let side = |v: Option<f64>| v.map(|v| v >= t);
        let (Some(low), Some(high)) = (side(first.get(fact)), side(last.get(fact))) else {
            continue;
        };
        if low == high {
            continue;
        }
        for _ in 0..64 {
            let mid = f64::midpoint(lo, hi);
            // Neighbouring numbers: the rest of the halvings would change nothing.
            if mid <= lo || mid >= hi {
                break;
            }
            if side(fact_value(10f64.powf(mid), fact)) == Some(low) {
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
            if side(fact_value(mid, fact)) == Some(low) {
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

/// The cost facts as a function of the value of one question, other answers as in `answers`:
/// from the compiled cost model's inputs with that one number changed when the evaluator has
/// them (nothing else is looked up again), else from a full estimate.
fn facts_along<'e>(
    evaluator: &'e Evaluator<'_>,
    answers: &Answers,
    question: QuestionId,
) -> Box<dyn FnMut(f64) -> Facts + 'e> {
    if let Evaluator::Compiled(compiled) = evaluator {
        let model = compiled.cost_model().filter(|m| m.reads_number(question));
        if let (Some(model), Some(mut inputs)) = (model, compiled.cost_inputs(answers)) {
            return Box::new(move |value| {
                inputs.set_number(model, question, Some(value));
                Facts::of_figures(&model.figures(&inputs))
            });
        }
    }
    let pricing = &evaluator.base().pricing;
    let mut scenario = answers.clone();
    Box::new(move |value| {
        scenario.set(question, Some(Answer::Number(value)));
        Facts::of(&crate::cost::estimate(&scenario, pricing))
    })
}
