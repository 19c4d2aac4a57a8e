//! A broken promise's counterexample: the scenario, the two answers, the two outcomes, and the
//! rules whose firing differs between them.

use super::Watch;
use crate::answers::{Answer, AnswerValue, Answers};
use crate::diagnostic::Diagnostic;
use crate::engine::{Evaluation, evaluate};
use crate::number::format_number;
use crate::questions::QuestionId;
use crate::rules::effect::to_weight;
use crate::rules::{Direction, Quantity, Rule, Subject};

/// A scenario under which a promise breaks between two neighbouring answers.
pub(super) struct Breach {
    scenario: Answers,
    question: QuestionId,
    low: Answer,
    high: Answer,
}

/// At most this many rules are listed as making the difference.
const LISTED: usize = 8;

impl Breach {
    pub(super) fn new(scenario: &Answers, question: QuestionId, values: (Answer, Answer)) -> Self {
        Breach {
            scenario: scenario.clone(),
            question,
            low: values.0,
            high: values.1,
        }
    }

    /// The answers file line of one answer: `key = "level"` or `key = 1000`.
    fn answer(question: QuestionId, answer: Answer) -> String {
        match AnswerValue::of(question, answer) {
            AnswerValue::Level(l) => format!("\"{l}\""),
            AnswerValue::Number(n) => format!("{n}"),
        }
    }

    /// The problem to report, at the promise's place.
    pub(super) fn diagnostic(&self, watch: &Watch<'_>) -> Diagnostic {
        let promise = watch.promise;
        let mut at = self.scenario.clone();
        at.set(self.question, Some(self.low));
        let before = evaluate(watch.base, &at);
        at.set(self.question, Some(self.high));
        let after = evaluate(watch.base, &at);
        let (low, high) = (
            Breach::answer(self.question, self.low),
            Breach::answer(self.question, self.high),
        );
        let moved = outcome(promise.quantity, promise.direction, &before, &after);
        let mut d = Diagnostic::nowhere(format!(
            "promise \"{}\" is broken: {moved} when {} rises from {low} to {high}",
            promise.id,
            self.question.name()
        ))
        .note(format!("promised: {}", promise.summary));
        let others: Vec<String> = QuestionId::all()
            .filter(|q| *q != self.question)
            .filter_map(|q| {
                Some(format!(
                    "{} = {}",
                    q.name(),
                    Breach::answer(q, self.scenario.get(q)?)
                ))
            })
            .collect();
        d = d.note(format!("scenario: {}", others.join(", ")));
        d = d.note(format!(
            "recommended: {} at {low}, {} at {high}",
            before.recommendation(),
            after.recommendation()
        ));
        let rules: Vec<usize> = watch
            .rules
            .iter()
            .copied()
            .filter(|r| before.fired[*r] != after.fired[*r])
            .collect();
        for r in rules.iter().take(LISTED) {
            let at_which = if after.fired[*r] { &high } else { &low };
            d = d.note(format!(
                "the difference: {} fires only at {at_which}",
                rule_line(&watch.base.rules[*r], promise.quantity)
            ));
        }
        if rules.len() > LISTED {
            d = d.note(format!("and {} more rules", rules.len() - LISTED));
        }
        let scenarios = &watch.scenarios;
        d.note(if scenarios.exhaustive {
            format!(
                "checked every combination of the answers that can matter ({} scenarios)",
                format_number(scenarios.space as f64)
            )
        } else {
            format!(
                "checked a seeded sample of {} of {} scenarios",
                format_number(scenarios.len() as f64),
                format_number(scenarios.space as f64)
            )
        })
    }
}

/// How the quantity moved against the promise: `the score of A rises from 0.75 to 2`, `D
/// becomes ruled out`, `D is no longer recommended`.
fn outcome(
    quantity: Quantity,
    direction: Direction,
    before: &Evaluation,
    after: &Evaluation,
) -> String {
    let rises = direction == Direction::NeverRises;
    match quantity {
        Quantity::Score(subject) => {
            let score = |e: &Evaluation| match subject {
                Subject::Strategy(s) => e.strategy[s],
                Subject::Approach(a) => e.approach[a],
            };
            let verb = if rises { "rises" } else { "falls" };
            format!(
                "the score of {subject} {verb} from {} to {}",
                score(before),
                score(after)
            )
        }
        Quantity::Recommended(subject) if rises => format!("{subject} becomes recommended"),
        Quantity::Recommended(subject) => format!("{subject} is no longer recommended"),
        Quantity::RuledOut(subject) if rises => format!("{subject} becomes ruled out"),
        Quantity::RuledOut(subject) => format!("{subject} is no longer ruled out"),
    }
}

/// A rule and what it does to the quantity: `rule "x" (file): A +2`.
fn rule_line(rule: &Rule, quantity: Quantity) -> String {
    let effect = match quantity {
        Quantity::Score(Subject::Strategy(s)) => {
            format!("{s} {:+}", to_weight(rule.effect.strategy[s]))
        }
        Quantity::Score(Subject::Approach(a)) => {
            format!("{a} {:+}", to_weight(rule.effect.approach[a]))
        }
        Quantity::RuledOut(_) | Quantity::Recommended(_) => {
            let mut parts: Vec<String> = rule
                .effect
                .moves(1)
                .into_iter()
                .map(|(name, w)| format!("{name} {w:+}"))
                .collect();
            let excluded = rule.effect.excluded_names();
            if !excluded.is_empty() {
                parts.push(format!("rules out {}", excluded.join(", ")));
            }
            parts.join(", ")
        }
    };
    format!("rule \"{}\" ({}): {effect}", rule.id, rule.file)
}
