//! The full explanation of an evaluation: every rule, whether its condition held, and exactly
//! what it added to each score and to the matrix, so the numbers can be re-added by hand.

use serde::Serialize;

use crate::answers::AnswerRow;
use crate::answers::Answers;
use crate::engine::{Evaluation, recommendation_with};
use crate::options::{PerApproach, PerStrategy};
use crate::rules::{RuleBase, Truth};

/// Every rule's part in the result.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// One entry per rule, in rule-base order.
    pub rules: Vec<RuleTrace>,
}

/// One rule's part in the result.
#[derive(Debug, Clone, Serialize)]
pub struct RuleTrace {
    /// Rule id.
    pub id: String,
    /// Whether it fired (its condition was true).
    pub fired: bool,
    /// Its condition, as rule files write it.
    pub condition: String,
    /// The condition's value: `true`, `false`, or `unknown` when it reads an unanswered question.
    pub truth: Truth,
    /// The answers the condition reads.
    pub reads: Vec<AnswerRow>,
    /// The cost facts the condition reads, with their values (`null` when unknown).
    pub facts: Vec<FactRow>,
    /// What it added; zero everywhere when it did not fire.
    pub contributions: Contributions,
    /// Strategies and approaches it ruled out (when it fired).
    pub excludes: Vec<String>,
    /// For a rule that did not fire: the pair that would be recommended had it fired, when
    /// that differs from the recommendation (`null` otherwise).
    pub would_recommend: Option<String>,
}

/// A cost fact and its value in this scenario.
#[derive(Debug, Clone, Serialize)]
pub struct FactRow {
    /// The fact's name, e.g. `cost.budget_share.C`.
    pub fact: String,
    /// Its value, `null` when it cannot be computed (say, D without a corpus size).
    pub value: Option<f64>,
}

/// What a rule added to the scores and the matrix.
#[derive(Debug, Clone, Serialize)]
pub struct Contributions {
    /// Per strategy.
    pub strategy: PerStrategy<f64>,
    /// Per approach.
    pub approach: PerApproach<f64>,
    /// To the control coordinate (before clamping to 0..10).
    pub control: f64,
    /// To the complexity coordinate (before clamping).
    pub complexity: f64,
}

/// Traces every rule of the rule base for one evaluated scenario.
pub fn explain(base: &RuleBase, answers: &Answers, eval: &Evaluation) -> Explanation {
    let rules = base
        .rules
        .iter()
        .zip(&eval.fired)
        .enumerate()
        .map(|(index, (rule, &fired))| {
            // Unfired rules add exactly zero (not -0.0 from a negative weight times zero).
            let factor = i64::from(fired);
            let scale = |w: f64| if fired { w } else { 0.0 };
            let mut reads: Vec<AnswerRow> = Vec::new();
            for q in rule.when.questions() {
                if !reads.iter().any(|r| r.question == q.name()) {
                    reads.push(AnswerRow {
                        question: q.name(),
                        value: answers.value(q),
                        spread: answers
                            .spread(q)
                            .map(|s| crate::answers::SpreadValue::of(q, s)),
                    });
                }
            }
            let mut facts: Vec<FactRow> = Vec::new();
            for f in rule.when.facts() {
                if !facts.iter().any(|r| r.fact == f.name()) {
                    facts.push(FactRow {
                        fact: f.name(),
                        value: eval.facts.get(f),
                    });
                }
            }
            RuleTrace {
                id: rule.id.to_string(),
                facts,
                fired,
                condition: rule.when.to_string(),
                truth: rule.when.eval(answers, &eval.facts),
                reads,
                contributions: Contributions {
                    strategy: rule.effect.strategy_weights(factor),
                    approach: rule.effect.approach_weights(factor),
                    control: scale(rule.effect.matrix[0]),
                    complexity: scale(rule.effect.matrix[1]),
                },
                excludes: if fired {
                    rule.effect.excluded_names()
                } else {
                    Vec::new()
                },
                would_recommend: if fired {
                    None
                } else {
                    let pair = recommendation_with(base, eval, index);
                    (pair != eval.recommendation()).then(|| pair.to_string())
                },
            }
        })
        .collect();
    Explanation { rules }
}
