//! The roadmap section of the report: each trigger where the advice changes as the
//! organization grows, with what to prepare before it is reached.

use serde::Serialize;

use super::Step;
use super::build::next_steps;
use crate::answers::{Answer, AnswerValue, Answers};
use crate::engine::Evaluator;
use crate::options::Pair;
use crate::questions::{Kind, QuestionId};
use crate::rules::Facts;
use crate::whatif::RegionMap;
use crate::whatif::roadmap::{Trigger, triggers_in};

/// A staged plan: the advice now, then each point where it changes as one answer grows.
#[derive(Debug, Clone, Serialize)]
pub struct Roadmap {
    /// The advice for the answers as they are.
    pub now: Pair,
    /// The stages, by direction (traffic, examples, team, budget, time horizon), then
    /// ascending along each.
    pub stages: Vec<Stage>,
}

/// One stage of the roadmap.
#[derive(Debug, Clone, Serialize)]
pub struct Stage {
    /// Where the advice changes, and to what.
    #[serde(flatten)]
    pub trigger: Trigger,
    /// Next steps of the new advice that the current advice does not already call for: what
    /// to prepare before the trigger is reached.
    pub prepare: Vec<Step>,
}

/// The roadmap of a scenario whose advice is `now` and whose next steps are `current_steps`.
pub(super) fn roadmap(
    (evaluator, regions): (&Evaluator<'_>, &RegionMap),
    answers: &Answers,
    now: Pair,
    current_steps: &[Step],
) -> Roadmap {
    let base = evaluator.base();
    let stages = triggers_in(evaluator, regions, answers, now)
        .into_iter()
        .map(|trigger| {
            let grown = grown(answers, &trigger);
            let facts = Facts::of(&crate::cost::estimate(&grown, &base.pricing));
            let prepare = next_steps(base, trigger.pair(), (&grown, &facts))
                .into_iter()
                .filter(|s| current_steps.iter().all(|c| c.id != s.id))
                .collect();
            Stage { trigger, prepare }
        })
        .collect();
    Roadmap { now, stages }
}

/// The answers with the trigger's answer in place.
fn grown(answers: &Answers, trigger: &Trigger) -> Answers {
    let mut out = answers.clone();
    let Some(id) = QuestionId::from_name(trigger.question) else {
        return out;
    };
    let answer = match (trigger.answer, id.question().kind) {
        (AnswerValue::Number(v), _) => Some(Answer::Number(v)),
        (AnswerValue::Level(l), Kind::Level { levels, .. }) => levels
            .iter()
            .position(|x| *x == l)
            .and_then(|i| u8::try_from(i).ok())
            .map(Answer::Level),
        (AnswerValue::Level(_), Kind::Number { .. }) => None,
    };
    if answer.is_some() {
        out.set(id, answer);
    }
    out
}
