//! Markdown for several scenarios side by side: one table (scenarios as columns, or as rows
//! from five up), then what differs and why.

use std::fmt::Write as _;

use super::{Markdown, escape};
use crate::compare::Comparison;
use crate::render::rows::rows;
use crate::render::{sentences, transposed};

/// The width a transposed Markdown table budgets its columns for: a wide page.
const MARKDOWN_WIDTH: usize = 160;

impl Markdown {
    pub(super) fn comparison(&self, c: &Comparison) -> String {
        let mut out = String::new();
        self.heading(&mut out, 0, "Scenario comparison");
        let _ = writeln!(out, "{}\n", escape(&transposed::baseline_line(c)));
        if c.scenarios.len() >= transposed::TRANSPOSE_FROM {
            Self::transposed_table(&mut out, c);
        } else {
            Self::comparison_table(&mut out, c);
        }
        self.heading(&mut out, 1, "What differs and why");
        for d in &c.differences {
            self.heading(&mut out, 2, &format!("{} vs {}", d.scenario, d.baseline));
            for line in sentences::difference_lines(d) {
                let _ = match &line.subject {
                    Some(subject) => writeln!(out, "- `{subject}`{}", escape(&line.text)),
                    None => writeln!(out, "- {}", escape(&line.text)),
                };
            }
            out.push('\n');
        }
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.push('\n');
        out
    }

    /// Scenarios as columns, one row per question and per part of the outcome.
    fn comparison_table(out: &mut String, c: &Comparison) {
        let names: Vec<String> = c
            .scenarios
            .iter()
            .map(|r| escape(&r.scenario.name))
            .collect();
        let _ = writeln!(out, "| | {} |", names.join(" | "));
        let _ = writeln!(out, "|---|{}", "---|".repeat(names.len()));
        for row in rows(c) {
            let label = if row.differs {
                format!("**{}** ≠", escape(&row.label))
            } else {
                escape(&row.label)
            };
            let cells: Vec<String> = row
                .cells
                .iter()
                .map(|lines| {
                    lines
                        .iter()
                        .map(|l| escape(l))
                        .collect::<Vec<_>>()
                        .join("<br>")
                })
                .collect();
            let _ = writeln!(out, "| {label} | {} |", cells.join(" | "));
        }
        out.push_str("\n≠ marks rows where the scenarios differ.\n\n");
    }

    /// Scenarios as rows, as many differing answers as a wide page holds, and the outcome.
    fn transposed_table(out: &mut String, c: &Comparison) {
        let layout = transposed::transposed(c, MARKDOWN_WIDTH);
        let header: Vec<String> = layout
            .columns
            .iter()
            .map(|col| escape(&col.header))
            .collect();
        let _ = writeln!(out, "| {} |", header.join(" | "));
        let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
        for i in 0..c.scenarios.len() {
            let cells: Vec<String> = layout
                .columns
                .iter()
                .map(|col| escape(&col.cells[i]))
                .collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        let _ = writeln!(out, "\n{}", escape(transposed::ADVICE_NOTE));
        if !layout.left_out.is_empty() {
            let _ = writeln!(
                out,
                "Also answered differently (see below): {}.",
                escape(&layout.left_out.join(", "))
            );
        }
        out.push('\n');
    }
}
