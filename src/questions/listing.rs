//! The questionnaire as one model: every section and key of an answers file, whether it is
//! required, what it accepts and what each answer means. `questions` renders it, `init`
//! writes it as a commented answers file, and `schema` turns it into a JSON Schema.

use serde::Serialize;

use super::{Kind, QUESTIONS, SECTIONS, SETTINGS, SettingKind, quote_list, section_description};

/// The version of the `questions --format json` object; it grows, it is not renamed.
const SCHEMA_VERSION: u32 = 1;

/// Every section of an answers file, in order.
#[derive(Debug, Clone, Serialize)]
pub struct Questionnaire {
    /// The version of this JSON shape.
    pub schema_version: u32,
    /// The sections, in the order an answers file and reports list them.
    pub sections: Vec<Section>,
}

/// One section (TOML table) and its keys.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The table's name.
    pub section: &'static str,
    /// Whether it holds a required key, so an answers file must have it.
    pub required: bool,
    /// What the section holds.
    pub description: &'static str,
    /// Its keys, in order.
    pub keys: Vec<Entry>,
}

/// One key of a section: a question, or a setting of `[scenario]` or `[cost]`.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// The key inside its section.
    pub key: &'static str,
    /// `section.key`, as rule files and JSON reports name it.
    pub name: String,
    /// Whether an answers file must answer it.
    pub required: bool,
    /// Whether rules read it (a question) or not (`[scenario]` and `[cost]`).
    pub question: bool,
    /// What it asks or is for.
    pub description: &'static str,
    /// What it accepts, in words, as validation messages say it.
    pub allowed: String,
    /// How an uncertain answer is written, for questions: a range for numbers, a list of
    /// candidates for levels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uncertain: Option<&'static str>,
    /// A typical answer as TOML writes it (in JSON, as a JSON value).
    #[serde(serialize_with = "example_as_json")]
    pub example: &'static str,
    /// What it accepts.
    #[serde(flatten)]
    pub accepts: Accepts,
}

/// What a key accepts.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Accepts {
    /// One of a list of levels.
    Level {
        /// Whether the levels are in ascending order, so rules may compare them.
        ordered: bool,
        /// The levels, each with its meaning.
        levels: Vec<Level>,
    },
    /// A finite number, never negative.
    Number {
        /// What it counts or measures.
        unit: &'static str,
        /// Only whole numbers (counts).
        whole: bool,
        /// Zero is not allowed.
        positive: bool,
    },
    /// Non-empty, printable text.
    Text,
}

/// One allowed level and what it means.
#[derive(Debug, Clone, Serialize)]
pub struct Level {
    /// The level as an answers file writes it.
    pub level: &'static str,
    /// What answering it says.
    pub meaning: &'static str,
}

impl Accepts {
    /// The allowed levels, for levels.
    pub fn levels(&self) -> &[Level] {
        match self {
            Accepts::Level { levels, .. } => levels,
            Accepts::Number { .. } | Accepts::Text => &[],
        }
    }
}

impl Entry {
    /// The example as a JSON value: a string or a number.
    pub fn example_value(&self) -> serde_json::Value {
        toml_to_json(self.example)
    }
}

/// A TOML value as JSON; text that is not one stays a string.
fn toml_to_json(value: &str) -> serde_json::Value {
    toml::from_str::<toml::Table>(&format!("x = {value}"))
        .ok()
        .and_then(|mut table| table.remove("x"))
        .and_then(|v| serde_json::to_value(v).ok())
        .unwrap_or_else(|| serde_json::Value::from(value))
}

fn example_as_json<S: serde::Serializer>(example: &&'static str, s: S) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&toml_to_json(example), s)
}

impl Questionnaire {
    /// Every key of every section, with its section's name.
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, &Entry)> {
        self.sections
            .iter()
            .flat_map(|s| s.keys.iter().map(move |k| (s.section, k)))
    }
}

/// Pairs levels with their meanings; a level without one (a catalogue defect, which tests
/// catch) gets an empty meaning.
fn levels(names: &[&'static str], meanings: &[&'static str]) -> Vec<Level> {
    names
        .iter()
        .enumerate()
        .map(|(i, level)| Level {
            level,
            meaning: meanings.get(i).copied().unwrap_or(""),
        })
        .collect()
}

/// The questionnaire: [`QUESTIONS`] and [`SETTINGS`], by section.
pub fn questionnaire() -> Questionnaire {
    let mut sections: Vec<Section> = SECTIONS
        .iter()
        .map(|&section| Section {
            section,
            required: QUESTIONS.iter().any(|q| q.section == section && q.required),
            description: section_description(section),
            keys: Vec::new(),
        })
        .collect();
    let questions = QUESTIONS.iter().map(|q| {
        let accepts = match q.kind {
            Kind::Level {
                levels: names,
                ordered,
            } => Accepts::Level {
                ordered,
                levels: levels(names, q.meanings),
            },
            Kind::Number { whole, positive } => Accepts::Number {
                unit: q.unit.unwrap_or(""),
                whole,
                positive,
            },
        };
        let uncertain = match q.kind {
            Kind::Level { .. } => "a list of candidate levels, each equally plausible",
            Kind::Number { .. } => {
                "a range: { low = ..., likely = ..., high = ... }, likely optional"
            }
        };
        let entry = Entry {
            key: q.key,
            name: format!("{}.{}", q.section, q.key),
            required: q.required,
            question: true,
            uncertain: Some(uncertain),
            description: q.description,
            allowed: q.allowed(),
            example: q.example,
            accepts,
        };
        (q.section, entry)
    });
    let settings = SETTINGS.iter().map(|s| {
        let (accepts, allowed) = match s.kind {
            SettingKind::Text => (Accepts::Text, "a non-empty string".to_owned()),
            SettingKind::Choice(names) => (
                Accepts::Level {
                    ordered: false,
                    levels: levels(names, s.meanings),
                },
                format!("one of {}", quote_list(names)),
            ),
        };
        let entry = Entry {
            key: s.key,
            name: format!("{}.{}", s.section, s.key),
            required: false,
            question: false,
            uncertain: None,
            description: s.description,
            allowed,
            example: s.example,
            accepts,
        };
        (s.section, entry)
    });
    for (section, entry) in settings.chain(questions) {
        if let Some(s) = sections.iter_mut().find(|s| s.section == section) {
            s.keys.push(entry);
        }
    }
    Questionnaire {
        schema_version: SCHEMA_VERSION,
        sections,
    }
}
