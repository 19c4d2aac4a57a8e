//! `questions --format markdown`: the questionnaire as a section for a document (the README
//! embeds it), a table per answers-file section with every level on a row of its own.

use std::fmt::Write as _;

use super::{Markdown, escape};
use crate::questions::Questionnaire;
use crate::render::questionnaire::{self as words, HEADINGS, INTRO, TITLE};

impl Markdown {
    /// The questionnaire, headed at the look's heading level.
    pub(super) fn questionnaire(&self, q: &Questionnaire) -> String {
        let mut out = String::new();
        self.heading(&mut out, 0, TITLE);
        let _ = writeln!(out, "{}\n", escape(INTRO));
        for section in &q.sections {
            self.heading(&mut out, 1, &words::section_title(section));
            let _ = writeln!(out, "{}\n", escape(section.description));
            let _ = writeln!(out, "| {} |\n|---|---|---|---|", HEADINGS.join(" | "));
            for entry in &section.keys {
                let _ = writeln!(
                    out,
                    "| `{}` | {} | {} | {} |",
                    entry.key,
                    words::required(entry),
                    escape(&words::answer(entry)),
                    escape(entry.description)
                );
                for level in entry.accepts.levels() {
                    let _ = writeln!(out, "| | | `{}` | {} |", level.level, escape(level.meaning));
                }
            }
            out.push('\n');
        }
        out
    }
}
