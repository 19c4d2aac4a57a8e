//! `questions` on the terminal: each section's keys in a table that fits the width, every
//! level on a row of its own under its question; too narrow for that, a list.

use comfy_table::ColumnConstraint;

use super::Table;
use crate::questions::{Entry, Questionnaire};
use crate::render::questionnaire::{self as words, INTRO, TITLE};

/// The narrowest the meanings column may be; narrower, the keys are listed instead.
const MEANING: usize = 24;

/// Every section of the questionnaire, a heading and a table (or list) each.
pub(super) fn render(t: &Table, q: &Questionnaire) -> String {
    let as_table = fits(t, q);
    let mut out = String::new();
    t.heading(&mut out, TITLE);
    out.push('\n');
    t.wrap(&mut out, INTRO, "", "");
    for section in &q.sections {
        t.heading(&mut out, &words::section_title(section));
        t.wrap(&mut out, section.description, "", "");
        if as_table {
            table(t, &mut out, &section.keys);
        } else {
            list(t, &mut out, &section.keys);
        }
    }
    out
}

/// Whether keys and answers (levels, a number's kind) fit in whole beside a meanings column
/// [`MEANING`] wide.
fn fits(t: &Table, q: &Questionnaire) -> bool {
    let width = |text: &str| text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    let key = q.entries().map(|(_, e)| e.key.len()).max().unwrap_or(0);
    let answer = q
        .entries()
        .flat_map(|(_, e)| {
            let levels = e.accepts.levels().iter().map(|l| l.level.len());
            levels.chain([width(&answer(e))])
        })
        .max()
        .unwrap_or(0);
    // Three columns: four borders and a space of padding either side of each.
    usize::from(t.look.width) >= key + answer + 4 + 6 + MEANING
}

/// What the key accepts, its unit on a line of its own.
fn answer(entry: &Entry) -> String {
    words::answer(entry).replacen(" (", "\n(", 1)
}

fn table(t: &Table, out: &mut String, entries: &[Entry]) {
    let mut table = t.table();
    table.set_header(vec!["Key", "Answer", "What it means"]);
    for entry in entries {
        // Whether it is required goes under the key, so the meanings keep the width.
        let key = if entry.required {
            format!("{}\n(required)", entry.key)
        } else {
            entry.key.to_owned()
        };
        table.add_row(vec![key, answer(entry), entry.description.to_owned()]);
        for level in entry.accepts.levels() {
            table.add_row(vec!["", level.level, level.meaning]);
        }
    }
    for i in 0..2 {
        if let Some(column) = table.column_mut(i) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    out.push_str(&table.to_string());
    out.push('\n');
}

fn list(t: &Table, out: &mut String, entries: &[Entry]) {
    for entry in entries {
        let required = if entry.required { " (required)" } else { "" };
        out.push('\n');
        t.wrap(out, &format!("{}{required}", entry.key), "", "");
        t.wrap(out, entry.description, "  ", "  ");
        t.wrap(
            out,
            &format!("Answer: {}", words::answer(entry)),
            "  ",
            "  ",
        );
        for level in entry.accepts.levels() {
            t.wrap(
                out,
                &format!("{}: {}", level.level, level.meaning),
                "    ",
                "      ",
            );
        }
    }
}
