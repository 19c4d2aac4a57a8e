//! Markdown for several scenarios side by side: one table, then what differs and why.

use std::fmt::Write as _;

use super::{Markdown, escape};
use crate::compare::Comparison;
use crate::render::rows::rows;
use crate::render::sentences;

impl Markdown {
    pub(super) fn comparison(&self, c: &Comparison) -> String {
        let mut out = String::new();
        self.heading(&mut out, 0, "Scenario comparison");
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
}
