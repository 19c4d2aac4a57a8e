//! Verifying the promises a rule base states (`promises:` in its files): as one answer rises,
//! the other answers fixed, a score, a recommendation or an exclusion never moves the other way.
//!
//! Each promise is checked at every pair of neighbouring values of its question (see
//! `points.rs`), under the other answers that can matter: the questions read by the rules
//! that feed the watched quantity (for a recommendation, every question). Those are enumerated
//! whole when they have at most [`scenarios::EXHAUSTIVE`] combinations, else a seeded sample of
//! [`scenarios::SAMPLE`] is drawn (see `scenarios.rs`). A broken promise is reported with the
//! scenario, the two answers, the two outcomes and the rules that made the difference.

mod breach;
mod points;
pub mod scenarios;

use crate::answers::{Answer, Answers};
use crate::diagnostic::{Diagnostic, Invalid, Problems};
use crate::engine::evaluate;
use crate::options::Pair;
use crate::questions::QuestionId;
use crate::rules::{Direction, Promise, Quantity, RuleBase, Subject, Truth};
use breach::Breach;
use scenarios::Scenarios;

/// What verifying a rule base's promises did, when every one was kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Kept {
    /// How many promises were verified.
    pub promises: usize,
    /// How many pairs of scenarios were compared, over all promises.
    pub comparisons: u64,
    /// The promises checked on a sample rather than every combination.
    pub sampled: Vec<String>,
}

/// Verifies every promise of the rule base; every broken one is reported with a
/// counterexample (exit status 2).
pub fn verify(base: &RuleBase) -> Result<Kept, Invalid> {
    let mut kept = Kept {
        promises: base.promises.len(),
        ..Kept::default()
    };
    let mut out = String::new();
    for promise in &base.promises {
        let watch = Watch::new(base, promise);
        let (comparisons, breach) = watch.check();
        kept.comparisons += comparisons;
        if !watch.scenarios.exhaustive {
            kept.sampled.push(promise.id.clone());
        }
        if let Some(breach) = breach {
            out.push_str(&report(promise, &breach.diagnostic(&watch)));
            out.push('\n');
        }
    }
    if out.is_empty() {
        Ok(kept)
    } else {
        Err(Invalid(out.trim_end().to_owned()))
    }
}

/// One broken promise as the rule-file problems are shown: its place, a snippet and notes.
fn report(promise: &Promise, diagnostic: &Diagnostic) -> String {
    let place = &promise.place;
    let mut problems = Problems::new(&place.file, &place.text);
    let mut d = diagnostic.clone();
    d.span.clone_from(&place.span);
    problems.push(d);
    match problems.finish() {
        Err(Invalid(text)) => text,
        Ok(()) => String::new(),
    }
}

/// A promise being checked: the rules that feed its quantity and the scenarios to try.
struct Watch<'a> {
    base: &'a RuleBase,
    promise: &'a Promise,
    /// The rules whose firing can change the quantity.
    rules: Vec<usize>,
    /// Whether any of them reads a cost fact.
    reads_facts: bool,
    points: Vec<Answer>,
    scenarios: Scenarios,
}

impl<'a> Watch<'a> {
    fn new(base: &'a RuleBase, promise: &'a Promise) -> Watch<'a> {
        let subject = promise.quantity.subject();
        let rules: Vec<usize> = (0..base.rules.len())
            .filter(|r| {
                let effect = &base.rules[*r].effect;
                match promise.quantity {
                    Quantity::Score(Subject::Strategy(s)) => effect.strategy[s] != 0,
                    Quantity::Score(Subject::Approach(a)) => effect.approach[a] != 0,
                    Quantity::RuledOut(_) => excludes(base, *r, subject),
                    Quantity::Recommended(_) => true,
                }
            })
            .collect();
        let varied = varied(base, promise, &rules);
        Watch {
            reads_facts: rules.iter().any(|r| base.rules[*r].when.reads_facts()),
            points: points::points(base, promise.question),
            scenarios: Scenarios::new(base, &varied),
            base,
            promise,
            rules,
        }
    }

    /// The quantity in one scenario: a score in hundredths, or 1 for true and 0 for false.
    fn measure(&self, answers: &Answers) -> i64 {
        if let Quantity::Recommended(subject) = self.promise.quantity {
            return i64::from(has(evaluate(self.base, answers).recommendation(), subject));
        }
        let facts = if self.reads_facts {
            self.base.facts(answers)
        } else {
            crate::rules::Facts::default()
        };
        let fired = self
            .rules
            .iter()
            .filter(|r| self.base.rules[**r].when.eval(answers, &facts) == Truth::True);
        match self.promise.quantity {
            Quantity::Score(Subject::Strategy(s)) => {
                fired.map(|r| self.base.rules[*r].effect.strategy[s]).sum()
            }
            Quantity::Score(Subject::Approach(a)) => {
                fired.map(|r| self.base.rules[*r].effect.approach[a]).sum()
            }
            Quantity::RuledOut(_) | Quantity::Recommended(_) => i64::from(fired.count() > 0),
        }
    }

    /// Compares every pair of neighbouring points under every scenario; returns how many
    /// comparisons were made and the first breach found.
    fn check(&self) -> (u64, Option<Breach>) {
        let question = self.promise.question;
        let mut comparisons = 0u64;
        let mut breach = None;
        self.scenarios.each(|scenario| {
            let mut previous: Option<(Answer, i64)> = None;
            for point in &self.points {
                scenario.set(question, Some(*point));
                let value = self.measure(scenario);
                if let Some((low, before)) = previous {
                    comparisons += 1;
                    let broken = match self.promise.direction {
                        Direction::NeverRises => value > before,
                        Direction::NeverFalls => value < before,
                    };
                    if broken {
                        breach = Some(Breach::new(scenario, question, (low, *point)));
                        return false;
                    }
                }
                previous = Some((*point, value));
            }
            true
        });
        (comparisons, breach)
    }
}

/// The questions to vary for a promise: those that can change the difference the promise
/// watches. A score moves only through the rules that weigh it and read the question; an
/// exclusion through every rule that excludes it (one of them may hold it either way); a
/// recommendation through every rule.
fn varied(base: &RuleBase, promise: &Promise, rules: &[usize]) -> Vec<QuestionId> {
    let q = promise.question;
    let reads_q = |r: &usize| base.rules[*r].when.inputs().any(|i| i == q);
    let mut out: Vec<QuestionId> = Vec::new();
    let feeding: Vec<usize> = match promise.quantity {
        Quantity::Recommended(_) => return QuestionId::all().filter(|i| *i != q).collect(),
        Quantity::Score(_) => rules.iter().copied().filter(reads_q).collect(),
        Quantity::RuledOut(_) if rules.iter().any(reads_q) => rules.to_vec(),
        Quantity::RuledOut(_) => Vec::new(),
    };
    for r in feeding {
        for i in base.rules[r].when.inputs() {
            if i != q && !out.contains(&i) {
                out.push(i);
            }
        }
    }
    out.sort_unstable();
    out
}

/// Whether rule `r` rules the subject out.
fn excludes(base: &RuleBase, r: usize, subject: Subject) -> bool {
    base.rules[r]
        .effect
        .exclude
        .as_ref()
        .is_some_and(|e| match subject {
            Subject::Strategy(s) => e.strategies.contains(&s),
            Subject::Approach(a) => e.approaches.contains(&a),
        })
}

/// Whether a pair has the subject as its strategy or approach.
fn has(pair: Pair, subject: Subject) -> bool {
    match subject {
        Subject::Strategy(s) => pair.strategy == s,
        Subject::Approach(a) => pair.approach == a,
    }
}
