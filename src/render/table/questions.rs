//! `questions` on the terminal: each section's keys in a table that fits the width, every
//! level on a row of its own under its question.

use comfy_table::ColumnConstraint;

use super::Table;
use crate::questions::Questionnaire;
use crate::render::questionnaire::{self as words, INTRO, TITLE};

/// Every section of the questionnaire, a heading and a table each.
pub(super) fn render(t: &Table, q: &Questionnaire) -> String {
    let mut out = String::new();
    t.heading(&mut out, TITLE);
    out.push('\n');
    t.wrap(&mut out, INTRO, "", "");
    for section in &q.sections {
        t.heading(&mut out, &words::section_title(section));
        t.wrap(&mut out, section.description, "", "");
        let mut table = t.table();
        table.set_header(vec!["Key", "Answer", "What it means"]);
        for entry in &section.keys {
            // The narrow columns say required or not, and a number's unit, on a line of
            // their own, so the meanings keep most of the width.
            let key = if entry.required {
                format!("{}\n(required)", entry.key)
            } else {
                entry.key.to_owned()
            };
            let answer = words::answer(entry).replacen(" (", "\n(", 1);
            table.add_row(vec![key, answer, entry.description.to_owned()]);
            for level in entry.accepts.levels() {
                table.add_row(vec!["", level.level, level.meaning]);
            }
        }
        // Keys and levels are never split.
        for i in 0..2 {
            if let Some(column) = table.column_mut(i) {
                column.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
        out.push_str(&table.to_string());
        out.push('\n');
    }
    out
}
