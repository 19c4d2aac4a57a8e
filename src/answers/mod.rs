//! Answers files: parse the TOML with spans, then validate into checked [`Answers`].
//!
//! Validation walks the whole document and collects every problem before failing,
//! so a user fixes a file in one pass.

use std::fmt;
use std::path::Path;

use toml::de::DeTable;

mod literal;
mod overrides;
mod plausible;
mod spread;
mod syntax;
mod validate;

pub use crate::questions::{COST_KEYS, SIZE_CLASSES, TIERS};
pub use literal::check_literal;
pub use overrides::CostOverrides;
pub use plausible::implausible;
pub use spread::{Spread, SpreadValue};

use crate::diagnostic::{Invalid, Problems, file_error, input};
use crate::questions::{COUNT, QUESTIONS, QuestionId};

/// One checked answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Answer {
    /// Index into the question's levels.
    Level(u8),
    /// A finite, non-negative number.
    Number(f64),
}

/// A checked scenario: every required question answered with an allowed value.
#[derive(Debug, Clone, PartialEq)]
pub struct Answers {
    /// The scenario's name: `[scenario] name`, or the file's stem (`stdin` for standard input).
    pub name: String,
    /// `[scenario] description`, when given.
    pub description: Option<String>,
    values: [Option<Answer>; COUNT],
    spreads: [Option<Spread>; COUNT],
    /// `[cost]`: the tier and size class to price at, when the file chooses them.
    pub cost: CostOverrides,
}

impl Answers {
    /// A scenario with the given answers, for tests and what-if exploration.
    pub fn new(name: impl Into<String>, values: [Option<Answer>; COUNT]) -> Self {
        Answers {
            name: name.into(),
            description: None,
            values,
            spreads: [None; COUNT],
            cost: CostOverrides::default(),
        }
    }

    /// The answer to a question, `None` when unanswered.
    pub fn get(&self, id: QuestionId) -> Option<Answer> {
        self.values[usize::from(id.0)]
    }

    /// Sets or clears one answer.
    pub fn set(&mut self, id: QuestionId, answer: Option<Answer>) {
        self.values[usize::from(id.0)] = answer;
    }

    /// How unsure the answer to a question is, `None` when it is one value (or unanswered).
    pub fn spread(&self, id: QuestionId) -> Option<Spread> {
        self.spreads[usize::from(id.0)]
    }

    /// Sets or clears how unsure an answer is; the answer itself stays the point value.
    pub fn set_spread(&mut self, id: QuestionId, spread: Option<Spread>) {
        self.spreads[usize::from(id.0)] = spread;
    }

    /// The questions answered with a range or a list of candidates, in questionnaire order.
    pub fn uncertain(&self) -> impl Iterator<Item = (QuestionId, Spread)> + '_ {
        QuestionId::all().filter_map(|id| self.spread(id).map(|s| (id, s)))
    }

    /// All answers, indexed by question.
    pub fn values(&self) -> &[Option<Answer>; COUNT] {
        &self.values
    }

    /// The answer to a question as people and JSON read it, `None` when unanswered.
    pub fn value(&self, id: QuestionId) -> Option<AnswerValue> {
        self.get(id).map(|answer| AnswerValue::of(id, answer))
    }
}

/// One question and its answer.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AnswerRow {
    /// `section.key`.
    pub question: &'static str,
    /// The answer, `null` when unanswered; for an uncertain answer, the value the
    /// recommendation is computed from.
    pub value: Option<AnswerValue>,
    /// The range or candidates of an uncertain answer; absent when the answer is one value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spread: Option<SpreadValue>,
}

/// An answer as JSON: a level's name or a number.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum AnswerValue {
    /// A level.
    Level(&'static str),
    /// A number.
    Number(f64),
}

impl AnswerValue {
    /// The answer to a question as JSON shows it.
    pub fn of(id: QuestionId, answer: Answer) -> AnswerValue {
        match answer {
            Answer::Level(i) => AnswerValue::Level(
                id.question()
                    .levels()
                    .and_then(|l| l.get(usize::from(i)))
                    .copied()
                    .unwrap_or("?"),
            ),
            Answer::Number(n) => AnswerValue::Number(n),
        }
    }
}

impl fmt::Display for AnswerValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnswerValue::Level(l) => f.write_str(l),
            AnswerValue::Number(n) => f.write_str(&crate::number::format_number(*n)),
        }
    }
}

/// Reads and validates an answers file; `-` reads it from standard input, named `<stdin>`.
///
/// Fails with [`Invalid`] (exit status 2) listing every problem, or with an I/O error
/// (exit status 1) when the file cannot be read.
pub fn load(path: &Path) -> anyhow::Result<Answers> {
    let text = input::read(path, input::Kind::Answers)?;
    Ok(parse_text(input::shown(path), &text)?)
}

/// Validates the bytes of an answers file; `path` names it in messages and gives the default name.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Answers, Invalid> {
    parse_text(path, input::utf8(path, bytes, input::Kind::Answers)?)
}

/// Validates the text of an answers file; `path` names it in messages and gives the default name.
pub fn parse_text(path: &Path, source: &str) -> Result<Answers, Invalid> {
    if source.trim().is_empty() {
        let required: Vec<String> = QUESTIONS
            .iter()
            .filter(|q| q.required)
            .map(|q| format!("[{}] {}", q.section, q.key))
            .collect();
        return Err(file_error(
            path,
            format!(
                "the file is empty; an answers file must answer at least {}",
                required.join(", ")
            ),
        ));
    }
    let (document, errors) = DeTable::parse_recoverable(source);
    if !errors.is_empty() {
        return Err(syntax::invalid(path, source, errors));
    }
    let problems = Problems::new(path, source);
    validate::validate(problems, document.get_ref(), input::stem(path))
}

/// Validates the text of an answers file like [`parse_text`], without describing its
/// problems: the answers, or `None` where [`parse_text`] fails (call it then for the
/// message). For callers that show the problems of only some of many answers.
pub fn parse_quietly(path: &Path, source: &str) -> Option<Answers> {
    if source.trim().is_empty() {
        return None;
    }
    let (document, errors) = DeTable::parse_recoverable(source);
    if !errors.is_empty() {
        return None;
    }
    let problems = Problems::counting(path, source);
    validate::validate(problems, document.get_ref(), input::stem(path)).ok()
}
