//! What the compiled evaluator reads: each question or cost fact some rule tests, with the
//! regions its answers fall into (unanswered, a level, or a band between the rule base's
//! thresholds) and a representative value for each region.

use crate::answers::{Answer, Answers};
use crate::questions::{COUNT, Kind, QuestionId};
use crate::rules::{Condition, Fact, Facts, RuleBase};

/// One input of the rules: a question (by index) or a cost fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Source {
    /// A question.
    Question(QuestionId),
    /// A cost fact.
    Fact(Fact),
}

/// An input with its regions.
#[derive(Debug, Clone)]
pub(super) struct Input {
    /// What is read.
    pub(super) source: Source,
    /// For a level question, its number of levels; `None` for numbers and facts.
    levels: Option<usize>,
    /// Ascending, distinct thresholds (numbers and facts).
    thresholds: Box<[f64]>,
}

impl Input {
    /// Whether every threshold is a finite number, as regions need.
    pub(super) fn finite(&self) -> bool {
        self.thresholds.iter().all(|t| t.is_finite())
    }

    /// For a level question, its number of levels.
    pub(super) fn levels(&self) -> Option<usize> {
        self.levels
    }

    /// Its thresholds, ascending and distinct (none for a level question).
    pub(super) fn thresholds(&self) -> &[f64] {
        &self.thresholds
    }

    /// The number of regions: unanswered, then each level or band.
    pub(super) fn regions(&self) -> usize {
        1 + self.levels.unwrap_or(self.thresholds.len() + 1)
    }

    /// Sets a scenario's value of this input to one in `region`.
    pub(super) fn represent(&self, region: usize, answers: &mut Answers, facts: &mut Facts) {
        let value = match region {
            0 => None,
            1 => Some(f64::NEG_INFINITY),
            r => Some(self.thresholds.get(r - 2).copied().unwrap_or(0.0)),
        };
        match self.source {
            Source::Fact(fact) => facts.0[fact.index()] = value,
            Source::Question(q) if self.levels.is_some() => {
                let level = region.checked_sub(1).and_then(|l| u8::try_from(l).ok());
                answers.set(q, level.map(Answer::Level));
            }
            Source::Question(q) => answers.set(q, value.map(Answer::Number)),
        }
    }
}

/// The inputs a condition reads, in [`Source`] order, without repeats.
pub(super) fn sources(when: &Condition) -> Vec<Source> {
    let mut out: Vec<Source> = when
        .questions()
        .map(Source::Question)
        .chain(when.facts().map(Source::Fact))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Every input some rule reads, in [`Source`] order, with the rule base's thresholds, given
/// each rule's [`sources`].
pub(super) fn inputs(base: &RuleBase, each: &[Vec<Source>]) -> Vec<Input> {
    let mut numbers: Vec<(Source, f64)> = Vec::new();
    let mut read: Vec<Source> = Vec::new();
    for (rule, sources) in base.rules.iter().zip(each) {
        read.extend_from_slice(sources);
        numbers.extend(
            rule.when
                .thresholds()
                .map(|(q, t)| (Source::Question(q), t)),
        );
        numbers.extend(
            rule.when
                .fact_thresholds()
                .map(|(f, t)| (Source::Fact(f), t)),
        );
    }
    read.sort();
    read.dedup();
    read.into_iter()
        .map(|source| {
            let mut thresholds: Vec<f64> = numbers
                .iter()
                .filter(|(s, _)| *s == source)
                .map(|(_, t)| *t)
                .collect();
            thresholds.sort_by(f64::total_cmp);
            thresholds.dedup_by(|a, b| a.partial_cmp(&b) == Some(std::cmp::Ordering::Equal));
            let levels = match source {
                Source::Question(q) => match q.question().kind {
                    Kind::Level { levels, .. } => Some(levels.len()),
                    Kind::Number { .. } => None,
                },
                Source::Fact(_) => None,
            };
            Input {
                source,
                levels,
                thresholds: thresholds.into(),
            }
        })
        .collect()
}

/// A scenario with nothing answered and no cost facts, to set representatives in.
pub(super) fn blank() -> (Answers, Facts) {
    (Answers::new("", [None; COUNT]), Facts::default())
}
