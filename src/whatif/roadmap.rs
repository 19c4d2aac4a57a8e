//! The roadmap: from the current answers, the points where the advice changes as the
//! organization grows (more traffic, more curated examples, a stronger team, a bigger budget, a
//! longer time horizon), found from the rule base's thresholds and the cost model's limits.

use serde::Serialize;

use super::label::{label, threshold_text};
use super::{Probe, RegionMap, regions::region};
use crate::answers::{Answer, AnswerValue, Answers};
use crate::engine::Evaluator;
use crate::options::{Approach, Pair, Strategy};
use crate::questions::{Kind, QuestionId};
use crate::rules::RuleBase;

/// The directions an organization grows in, in the order the roadmap walks them, with how a
/// stage along each reads ("When requests per day reach 170,000").
pub const DIRECTIONS: [(&str, &str); 5] = [
    ("traffic.requests_per_day", "more traffic"),
    ("data.labeled_examples", "more curated examples"),
    ("team.ml_talent", "a stronger team"),
    ("budget.annual_usd", "a bigger budget"),
    ("requirements.time_to_market", "a longer time horizon"),
];

/// At most this many changes of advice are followed along one direction.
pub const STAGES_PER_DIRECTION: usize = 3;

/// One point where the advice changes as one answer grows.
#[derive(Debug, Clone, Serialize)]
pub struct Trigger {
    /// The question that grows (`section.key`).
    pub question: &'static str,
    /// The direction in words, such as "more traffic".
    pub direction: &'static str,
    /// The answer at which the advice changes: the smallest number or the next level.
    pub answer: AnswerValue,
    /// The change in words: `at least 10,000` or a level.
    pub change: String,
    /// The advice just before the trigger.
    pub from: Pair,
    /// The recommended strategy from the trigger on.
    pub strategy: Strategy,
    /// The recommended approach from the trigger on.
    pub approach: Approach,
    /// Set when the trigger is where a cost figure crosses a rule's limit, not a rule's
    /// threshold on the answer itself: the figure in words, such as "self-hosting costs less
    /// than the API, staff included".
    pub cost_limit: Option<String>,
}

/// The triggers along every growth direction the scenario has answered, in
/// [`DIRECTIONS`] order and ascending along each. Unanswered directions are skipped: there is
/// no "more" of an unknown.
pub fn triggers(base: &RuleBase, answers: &Answers, current: Pair) -> Vec<Trigger> {
    triggers_with(&Evaluator::new(base), answers, current)
}

/// [`triggers`] with an evaluator already built for the rule base.
pub fn triggers_with(evaluator: &Evaluator<'_>, answers: &Answers, current: Pair) -> Vec<Trigger> {
    triggers_in(
        evaluator,
        &RegionMap::new(evaluator, answers),
        answers,
        current,
    )
}

/// [`triggers`] with an evaluator and the scenario's regions already worked out.
pub fn triggers_in(
    evaluator: &Evaluator<'_>,
    regions: &RegionMap,
    answers: &Answers,
    current: Pair,
) -> Vec<Trigger> {
    let mut probe = Probe {
        evaluator,
        scenario: answers.clone(),
        current,
    };
    let mut out = Vec::new();
    for (name, direction) in DIRECTIONS {
        let Some(id) = QuestionId::from_name(name) else {
            continue;
        };
        let Some(now) = answers.get(id) else {
            continue;
        };
        out.extend(along(&mut probe, regions.get(id), (id, now), direction));
    }
    out
}

/// The changes of advice as question `id` grows from `now`, up to [`STAGES_PER_DIRECTION`].
fn along(
    probe: &mut Probe<'_, '_>,
    (thresholds, candidates, limits): &super::Regions,
    (id, now): (QuestionId, Answer),
    direction: &'static str,
) -> Vec<Trigger> {
    let whole = matches!(id.question().kind, Kind::Number { whole: true, .. });
    let here = region(thresholds, now);
    let mut before = probe.current;
    let mut out = Vec::new();
    for (j, candidate) in candidates.iter().enumerate().skip(here + 1) {
        let pair = probe.try_answer(id, *candidate);
        if pair == before {
            continue;
        }
        let cost_limit = match candidate {
            Answer::Number(v) => limits
                .iter()
                // The candidate is the limit itself (rounded up for counts), so they are equal.
                .find(|(limit, _)| {
                    let at = if whole { limit.ceil() } else { *limit };
                    at.total_cmp(v).is_eq()
                })
                .map(|(_, words)| words.clone()),
            Answer::Level(_) => None,
        };
        out.push(Trigger {
            question: id.name(),
            direction,
            answer: AnswerValue::of(id, *candidate),
            change: label(id, thresholds, j),
            from: before,
            strategy: pair.strategy,
            approach: pair.approach,
            cost_limit,
        });
        before = pair;
        if out.len() == STAGES_PER_DIRECTION {
            break;
        }
    }
    out
}

impl Trigger {
    /// The advice from the trigger on.
    pub fn pair(&self) -> Pair {
        Pair {
            strategy: self.strategy,
            approach: self.approach,
        }
    }
}

/// A trigger in one line: "at least 170,000 → C + fine-tune".
impl std::fmt::Display for Trigger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} → {}/{}",
            self.question, self.change, self.strategy, self.approach
        )
    }
}

/// A limit in words, for the figure a cost rule compares: what becomes true at the limit.
pub(super) fn limit_words(fact: crate::rules::Fact, threshold: f64) -> String {
    use crate::rules::Fact;
    let t = threshold_text(threshold);
    match fact {
        Fact::ApiOverSelfHosting if threshold >= 1.0 => {
            format!("the API costs {t} times self-hosting, staff included")
        }
        Fact::ApiOverSelfHosting => {
            format!("the API costs {t} times self-hosting or less, staff included")
        }
        Fact::BudgetShare(s) if (threshold - 1.0).abs() < f64::EPSILON => {
            format!("strategy {s}'s first year reaches the budget")
        }
        Fact::BudgetShare(s) => format!("strategy {s}'s first year is {t} times the budget"),
        Fact::TrainingShare if (threshold - 1.0).abs() < f64::EPSILON => {
            "one training run reaches the budget".to_owned()
        }
        Fact::TrainingShare => format!("one training run is {t} times the budget"),
        Fact::FirstYear(s) => format!("strategy {s}'s first year reaches ${t}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate;

    fn load(path: &str) -> Answers {
        let text = std::fs::read(path).unwrap();
        crate::answers::parse(std::path::Path::new(path), &text).unwrap()
    }

    #[test]
    fn the_first_trigger_of_each_direction_is_the_upward_what_if() {
        let base = crate::rules::built_in().unwrap();
        for entry in std::fs::read_dir("examples").unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "toml") {
                continue;
            }
            let answers = load(path.to_str().unwrap());
            let now = evaluate(&base, &answers).recommendation();
            let whatif = super::super::analyse(&base, &answers, now).what_if;
            let triggers = triggers(&base, &answers, now);
            for (name, _) in DIRECTIONS {
                let first = triggers.iter().find(|t| t.question == name);
                let upward = whatif.iter().find(|w| {
                    w.question == name
                        && w.current.is_some()
                        && match (w.answer, w.current) {
                            (AnswerValue::Number(a), Some(AnswerValue::Number(c))) => a > c,
                            (AnswerValue::Level(a), Some(AnswerValue::Level(c))) => {
                                let levels = QuestionId::from_name(name).unwrap().question();
                                let Kind::Level { levels, .. } = levels.kind else {
                                    unreachable!()
                                };
                                let at = |l| levels.iter().position(|x| *x == l);
                                at(a) > at(c)
                            }
                            _ => false,
                        }
                });
                match (first, upward) {
                    (Some(t), Some(w)) => {
                        assert_eq!(t.change, w.change, "{}: {name}", path.display());
                        assert_eq!((t.strategy, t.approach), (w.strategy, w.approach));
                    }
                    (None, None) => {}
                    (t, w) => panic!("{}: {name}: roadmap {t:?}, what-if {w:?}", path.display()),
                }
            }
        }
    }

    #[test]
    fn every_trigger_changes_the_advice_it_follows() {
        let base = crate::rules::built_in().unwrap();
        let answers = load("examples/saas-support-docs.toml");
        let now = evaluate(&base, &answers).recommendation();
        let mut previous: Option<&Trigger> = None;
        for t in &triggers(&base, &answers, now) {
            assert_ne!(t.from, t.pair(), "{t}");
            if let Some(p) = previous.filter(|p| p.question == t.question) {
                assert_eq!(t.from, p.pair(), "{t}");
            } else {
                assert_eq!(t.from, now, "{t}");
            }
            let mut grown = answers.clone();
            let id = QuestionId::from_name(t.question).unwrap();
            let answer = match t.answer {
                AnswerValue::Number(v) => Answer::Number(v),
                AnswerValue::Level(l) => {
                    let Kind::Level { levels, .. } = id.question().kind else {
                        unreachable!()
                    };
                    Answer::Level(
                        u8::try_from(levels.iter().position(|x| *x == l).unwrap()).unwrap(),
                    )
                }
            };
            grown.set(id, Some(answer));
            assert_eq!(evaluate(&base, &grown).recommendation(), t.pair(), "{t}");
            previous = Some(t);
        }
    }
}
