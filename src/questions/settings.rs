//! What an answers file holds besides the questions: its sections, `[scenario]`'s text and
//! `[cost]`'s pricing choices, each with the words that explain it.

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

/// What a section holds, in a sentence.
pub fn section_description(section: &str) -> &'static str {
    match section {
        "scenario" => "How reports name the scenario. Not a question: the rules never read it.",
        "data" => "The data the model would work on and could learn from.",
        "team" => "The people who would build and run it.",
        "budget" => "The money for the LLM effort.",
        "traffic" => "How much the model would be used.",
        "requirements" => {
            "What the use case demands. Every key is optional, and the whole section may be left out."
        }
        "cost" => {
            "Pricing choices that replace the cost model's right-sizing. Not questions: the \
             rules never read them, so they change the cost lines, never the recommendation."
        }
        _ => "",
    }
}

/// Keys of `[scenario]`: free text, not questions.
pub const SCENARIO_KEYS: [&str; 2] = ["name", "description"];

/// The hosted API tiers a scenario can be priced at, cheapest first.
pub const TIERS: [&str; 3] = ["small", "mid", "frontier"];

/// The open-model size classes a scenario can be priced at: about 1–8B, the 30B class,
/// 70B and more, and mixture-of-experts.
pub const SIZE_CLASSES: [&str; 4] = ["small", "medium", "large", "moe"];

/// Keys of `[cost]`: choices about pricing, not questions the rules read.
pub const COST_KEYS: [&str; 2] = ["tier", "size_class"];

/// What a key that is not a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingKind {
    /// Non-empty, printable text.
    Text,
    /// One of a fixed list of names.
    Choice(&'static [&'static str]),
}

/// A key of an answers file that is not a question: always optional.
#[derive(Debug)]
pub struct Setting {
    /// The TOML table the key lives in.
    pub section: &'static str,
    /// The key inside its section.
    pub key: &'static str,
    /// What it accepts.
    pub kind: SettingKind,
    /// What it is for, in a sentence or two.
    pub description: &'static str,
    /// What each choice means, in the order of the choices; empty for text.
    pub meanings: &'static [&'static str],
    /// A typical value as TOML writes it, for the commented lines `init` writes.
    pub example: &'static str,
}

/// Every key of `[scenario]` and `[cost]`, in the order `questions` lists them.
pub static SETTINGS: [Setting; 4] = [
    Setting {
        section: "scenario",
        key: "name",
        kind: SettingKind::Text,
        description: "How reports name the scenario (default: the file's name without its extension).",
        meanings: &[],
        example: r#""Regional bank: advisor assistant""#,
    },
    Setting {
        section: "scenario",
        key: "description",
        kind: SettingKind::Text,
        description: "A line on the organization and the use case, shown under the name.",
        meanings: &[],
        example: r#""Q&A for wealth advisors over internal research notes""#,
    },
    Setting {
        section: "cost",
        key: "tier",
        kind: SettingKind::Choice(&TIERS),
        description: "The hosted model tier to price strategies A and B at, instead of the one \
            the task, domain and latency pick.",
        meanings: &[
            "the cheapest hosted models",
            "mid-size hosted models",
            "the most capable and dearest hosted models",
        ],
        example: r#""mid""#,
    },
    Setting {
        section: "cost",
        key: "size_class",
        kind: SettingKind::Choice(&SIZE_CLASSES),
        description: "The open model size to price strategies C and D at, instead of the \
            right-sized one.",
        meanings: &[
            "about 1 to 8 billion parameters",
            "the 30-billion-parameter class",
            "70 billion parameters and more",
            "a large mixture-of-experts model",
        ],
        example: r#""large""#,
    },
];
