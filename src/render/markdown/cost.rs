//! Markdown for costs: the cost table of a report, and `llm-strategy cost` as a section with
//! every assumption, its date and source.

use std::fmt::Write as _;

use super::{Markdown, escape};
use crate::cost::{CostReport, Estimate};
use crate::render::{cost_lines, cost_sources};

impl Markdown {
    /// The cost table and the notes under it.
    pub(super) fn cost_table(out: &mut String, e: &Estimate) {
        let _ = writeln!(
            out,
            "| {} |\n|---|--:|--:|--:|--:|--:|",
            cost_lines::HEADINGS.join(" | ")
        );
        for row in cost_lines::rows(e) {
            let _ = writeln!(out, "| {} |", row.join(" | "));
        }
        out.push('\n');
        for note in cost_lines::notes(e) {
            let _ = writeln!(out, "{}\n", escape(&note));
        }
    }

    /// `llm-strategy cost --format markdown`.
    pub(super) fn cost_report(&self, c: &CostReport<'_>) -> String {
        let mut out = String::new();
        self.heading(&mut out, 0, &format!("Cost: {}", c.scenario));
        for w in &c.warnings {
            let _ = writeln!(out, "**Warning:** {}\n", escape(w));
        }
        Self::cost_table(&mut out, c.cost);
        self.heading(&mut out, 1, "Assumptions (pricing file)");
        for a in cost_sources::assumptions(c.cost, c.pricing) {
            let _ = writeln!(
                out,
                "- {} *({}; {})*",
                escape(&a.what),
                escape(&a.date),
                escape(&a.source)
            );
        }
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.push('\n');
        out
    }
}
