//! The questionnaire's catalogue: every question, its section and key, and what it accepts.
//!
//! This is the single place that knows the spec's questions; parsing, rule loading,
//! the engine and the renderers all index answers by [`QuestionId`].

use std::fmt;

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
}

/// Index of a question in [`QUESTIONS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

const fn level(levels: &'static [&'static str]) -> Kind {
    Kind::Level {
        levels,
        ordered: true,
    }
}

const NUMBER: Kind = Kind::Number {
    whole: false,
    positive: false,
};

/// The sections of an answers file, in the order reports list them.
pub const SECTIONS: [&str; 7] = [
    "scenario",
    "data",
    "team",
    "budget",
    "traffic",
    "requirements",
    "cost",
];

/// Keys of `[scenario]`: free text, not questions.
pub const SCENARIO_KEYS: [&str; 2] = ["name", "description"];

/// Number of questions; answers are stored in an array of this length.
pub const COUNT: usize = 20;

/// Every question of the spec, in the order reports list them.
pub static QUESTIONS: [Question; COUNT] = [
    Question {
        section: "data",
        key: "sensitivity",
        kind: level(&["public", "internal", "confidential", "regulated", "secret"]),
        required: true,
        label: "Data sensitivity",
    },
    Question {
        section: "data",
        key: "labeled_examples",
        kind: Kind::Number {
            whole: true,
            positive: false,
        },
        required: true,
        label: "Labeled examples",
    },
    Question {
        section: "data",
        key: "corpus_tokens",
        kind: NUMBER,
        required: false,
        label: "Domain corpus (tokens)",
    },
    Question {
        section: "data",
        key: "freshness",
        kind: level(&["static", "monthly", "weekly", "daily"]),
        required: false,
        label: "Knowledge freshness",
    },
    Question {
        section: "data",
        key: "uniqueness",
        kind: level(&["common", "differentiated", "unique"]),
        required: false,
        label: "Data uniqueness",
    },
    Question {
        section: "data",
        key: "residency",
        kind: level(&["any", "region", "sovereign"]),
        required: false,
        label: "Data residency",
    },
    Question {
        section: "team",
        key: "ml_talent",
        kind: level(&["none", "basic", "experienced", "expert"]),
        required: true,
        label: "ML talent",
    },
    Question {
        section: "budget",
        key: "annual_usd",
        kind: NUMBER,
        required: true,
        label: "Annual budget (USD)",
    },
    Question {
        section: "traffic",
        key: "requests_per_day",
        kind: NUMBER,
        required: true,
        label: "Requests per day",
    },
    Question {
        section: "traffic",
        key: "tokens_per_request",
        kind: Kind::Number {
            whole: false,
            positive: true,
        },
        required: false,
        label: "Tokens per request",
    },
    Question {
        section: "requirements",
        key: "domain",
        kind: level(&["generic", "specialized", "highly_specialized"]),
        required: false,
        label: "Domain",
    },
    Question {
        section: "requirements",
        key: "customization",
        kind: Kind::Level {
            levels: &["none", "knowledge", "behavior", "both"],
            ordered: false,
        },
        required: false,
        label: "Customization",
    },
    Question {
        section: "requirements",
        key: "latency",
        kind: level(&["batch", "interactive", "realtime"]),
        required: false,
        label: "Latency",
    },
    Question {
        section: "requirements",
        key: "time_to_market",
        kind: level(&["weeks", "months", "year"]),
        required: false,
        label: "Time to market",
    },
    Question {
        section: "requirements",
        key: "vendor_lock_in",
        kind: level(&["acceptable", "avoid", "unacceptable"]),
        required: false,
        label: "Vendor lock-in",
    },
    Question {
        section: "requirements",
        key: "transparency",
        kind: level(&["standard", "auditable", "full"]),
        required: false,
        label: "Transparency",
    },
    Question {
        section: "requirements",
        key: "task",
        kind: Kind::Level {
            levels: &["classify", "extract", "generate", "reason", "agent"],
            ordered: false,
        },
        required: false,
        label: "Task",
    },
    Question {
        section: "requirements",
        key: "criticality",
        kind: level(&["low", "business", "high_stakes"]),
        required: false,
        label: "Criticality",
    },
    Question {
        section: "requirements",
        key: "language",
        kind: level(&["well_served", "partly_served", "underserved"]),
        required: false,
        label: "Language coverage",
    },
    Question {
        section: "requirements",
        key: "hosting",
        kind: level(&["any", "private_cloud", "on_premises"]),
        required: false,
        label: "Hosting",
    },
];

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
