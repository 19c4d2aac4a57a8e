//! The questionnaire's catalogue: every question, its section and key, what it accepts and
//! what each answer means, and the other keys an answers file may hold.
//!
//! This is the single place that knows the spec's questions; parsing, rule loading,
//! the engine and the renderers all index answers by [`QuestionId`]. Validation reads the
//! same definitions that `questions`, `init` and `schema` show ([`questionnaire`]), so what
//! the tool documents is what it accepts.

use std::fmt;

mod catalogue;
mod listing;
mod settings;

pub use catalogue::QUESTIONS;
pub use listing::{Accepts, Entry, Level, Questionnaire, Section, questionnaire};
pub use settings::{
    COST_KEYS, SCENARIO_KEYS, SECTIONS, SETTINGS, SIZE_CLASSES, Setting, SettingKind, TIERS,
    section_description,
};

/// The answer `init` writes for each required question: validation rejects it with a
/// "fill me in" message naming what is allowed.
pub const PLACEHOLDER: &str = "FILL-ME-IN";

/// Answers given at `init --interactive`'s prompts, as TOML writes them (`5e8`,
/// `"regulated"`), by dotted name (`data.sensitivity`, `scenario.name`).
pub type Filled = std::collections::BTreeMap<String, String>;

/// What kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One of a fixed list of levels, in ascending order when `ordered`.
    Level {
        /// The allowed levels.
        levels: &'static [&'static str],
        /// Whether `at_least`/`below` comparisons make sense.
        ordered: bool,
    },
    /// A finite number, never negative; `whole` numbers must have no fraction,
    /// `positive` ones must be greater than zero.
    Number {
        /// Only whole numbers (counts).
        whole: bool,
        /// Zero is not allowed.
        positive: bool,
    },
}

/// One question of the answers file.
#[derive(Debug)]
pub struct Question {
    /// The TOML table the key lives in.
    pub section: &'static str,
    /// The key inside its section.
    pub key: &'static str,
    /// What it accepts.
    pub kind: Kind,
    /// Whether an answers file must answer it.
    pub required: bool,
    /// A short label for reports.
    pub label: &'static str,
    /// What the question asks, in a sentence or two, for `questions`, `init` and `schema`.
    pub description: &'static str,
    /// The unit of a number's answer, such as `tokens`; `None` for levels.
    pub unit: Option<&'static str>,
    /// What each level means, in the order of the levels; empty for numbers.
    pub meanings: &'static [&'static str],
    /// A typical answer as TOML writes it, for the commented lines `init` writes.
    pub example: &'static str,
}

/// Index of a question in [`QUESTIONS`].
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub struct QuestionId(pub u8);

impl QuestionId {
    /// The question this id names.
    pub fn question(self) -> &'static Question {
        &QUESTIONS[usize::from(self.0)]
    }

    /// Every question, in catalogue order.
    pub fn all() -> impl Iterator<Item = QuestionId> {
        (0..QUESTIONS.len() as u8).map(QuestionId)
    }

    /// Looks a question up by its dotted name, `section.key`.
    pub fn from_name(name: &str) -> Option<QuestionId> {
        QuestionId::all().find(|id| id.name() == name)
    }

    /// The dotted name used by rule files, `section.key`.
    pub fn name(self) -> &'static str {
        NAMES[usize::from(self.0)]
    }
}

impl fmt::Display for QuestionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let q = self.question();
        write!(f, "[{}] {}", q.section, q.key)
    }
}

impl Question {
    /// The allowed levels, for enumerated questions.
    pub fn levels(&self) -> Option<&'static [&'static str]> {
        match self.kind {
            Kind::Level { levels, .. } => Some(levels),
            Kind::Number { .. } => None,
        }
    }

    /// A human description of what the question accepts.
    pub fn allowed(&self) -> String {
        match self.kind {
            Kind::Level { levels, .. } => format!("one of {}", quote_list(levels)),
            Kind::Number { whole: true, .. } => "a whole number >= 0".to_owned(),
            Kind::Number { positive: true, .. } => "a number > 0".to_owned(),
            Kind::Number { .. } => "a number >= 0".to_owned(),
        }
    }
}

/// Joins names as `"a", "b" or "c"`-style text for messages.
pub fn quote_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Number of questions; answers are stored in an array of this length.
pub const COUNT: usize = 20;

const NAMES: [&str; COUNT] = [
    "data.sensitivity",
    "data.labeled_examples",
    "data.corpus_tokens",
    "data.freshness",
    "data.uniqueness",
    "data.residency",
    "team.ml_talent",
    "budget.annual_usd",
    "traffic.requests_per_day",
    "traffic.tokens_per_request",
    "requirements.domain",
    "requirements.customization",
    "requirements.latency",
    "requirements.time_to_market",
    "requirements.vendor_lock_in",
    "requirements.transparency",
    "requirements.task",
    "requirements.criticality",
    "requirements.language",
    "requirements.hosting",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_sections_and_keys() {
        for id in QuestionId::all() {
            let q = id.question();
            assert_eq!(id.name(), format!("{}.{}", q.section, q.key));
            assert!(SECTIONS.contains(&q.section));
        }
    }

    #[test]
    fn levels_fit_in_a_byte_mask() {
        for q in &QUESTIONS {
            if let Some(levels) = q.levels() {
                assert!(levels.len() <= 8, "{} has too many levels", q.key);
            }
        }
    }
}
