//! Words shared by the table and Markdown listings of the questionnaire (`questions`).

use crate::questions::{Accepts, Entry, Section};

/// The listing's title.
pub(super) const TITLE: &str = "The questionnaire";

/// What the listing opens with.
pub(super) const INTRO: &str = "One answers file (TOML) describes one scenario: one organization \
    and one use case. Sections and keys are exactly these; an unknown section or key is an error, \
    never ignored. An unanswered optional question is unknown, not a default: no rule reads it. \
    Numbers may be TOML integers or floats (5e8, 700_000_000_000). Unsure of an answer? A number \
    may be a range, { low = 5_000, likely = 20_000, high = 80_000 } (likely optional), and a level \
    a list of candidates, [\"basic\", \"experienced\"]: the report then says how often each \
    strategy wins across them, where along each range it changes, and what it costs at the ends.";

/// The column headings of a section's table.
pub(super) const HEADINGS: [&str; 4] = ["Key", "Required", "Answer", "What it means"];

/// A section's heading: `[data]`, marked when an answers file must have it.
pub(super) fn section_title(section: &Section) -> String {
    if section.required {
        format!("[{}] (required)", section.section)
    } else {
        format!("[{}]", section.section)
    }
}

/// Whether the key must be answered, as the Required column says it.
pub(super) fn required(entry: &Entry) -> &'static str {
    if entry.required { "yes" } else { "no" }
}

/// What the key accepts, in a few words: the levels follow on rows of their own.
pub(super) fn answer(entry: &Entry) -> String {
    match &entry.accepts {
        Accepts::Level { .. } => "one of:".to_owned(),
        Accepts::Number {
            unit,
            whole,
            positive,
        } => {
            let kind = if *whole { "whole number" } else { "number" };
            let bound = if *positive { "> 0" } else { "≥ 0" };
            format!("{kind} {bound} ({unit})")
        }
        Accepts::Text => "text".to_owned(),
    }
}
