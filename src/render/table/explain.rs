//! `--explain` on the terminal: fired rules grouped by what they move, then the unfired rules
//! that would have changed the advice, then a count of the rest. Ids and numbers are never
//! broken: text wraps at spaces only, and an id too long to share a line gets its own.

use std::fmt::Write as _;

use super::Table;
use crate::render::trace::{self, Entry};
use crate::report::Report;

impl Table {
    pub(super) fn explanation(&self, out: &mut String, r: &Report) {
        let Some(traced) = trace::traced(r) else {
            return;
        };
        self.heading(out, "Every rule");
        self.wrap(out, &traced.headline, "", "");
        for group in &traced.fired {
            self.heading(out, group.title);
            for entry in &group.entries {
                self.entry(out, entry);
            }
        }
        if !traced.would_change.is_empty() {
            self.heading(out, "Did not fire, but would have changed the advice");
            for entry in &traced.would_change {
                self.entry(out, entry);
            }
        }
        if traced.quiet > 0 {
            out.push('\n');
            self.wrap(
                out,
                &format!(
                    "{} other rules did not fire and would not have changed the advice \
                     (`--format json` lists every rule).",
                    traced.quiet
                ),
                "",
                "",
            );
        }
        out.push('\n');
        self.wrap(out, &traced.totals, "", "  ");
    }

    /// One rule: its id and effect on one line when they fit, else the id on its own line;
    /// then its condition and what it read, indented.
    fn entry(&self, out: &mut String, entry: &Entry) {
        let width = usize::from(self.look.width);
        let line = format!("  {}  {}", entry.id, entry.effect);
        if line.chars().count() <= width {
            let _ = writeln!(out, "{line}");
        } else {
            let _ = writeln!(out, "  {}", entry.id);
            self.wrap(out, &entry.effect, "      ", "      ");
        }
        self.wrap(out, &format!("when {}", entry.condition), "    ", "      ");
        self.wrap(out, &entry.read, "    ", "      ");
    }
}
