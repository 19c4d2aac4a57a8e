//! Markdown for a portfolio: the use cases as a table, the one to start with, what they
//! share, the combined cost, and every use case on a picture of the matrix.

use std::fmt::Write as _;

use super::{Markdown, escape};
use crate::portfolio::Portfolio;
use crate::render::portfolio_lines as lines;
use crate::report::Report;

impl Markdown {
    pub(super) fn portfolio_section(&self, p: &Portfolio) -> String {
        let mut out = String::new();
        let count = p.use_cases.len();
        let title = format!(
            "Portfolio of {count} use case{}",
            if count == 1 { "" } else { "s" }
        );
        self.heading(&mut out, 0, &title);
        let _ = writeln!(out, "| {} |", lines::USE_CASE_HEADER.join(" | "));
        let _ = writeln!(out, "|--:|---|---|---|--:|--:|");
        for (i, u) in p.use_cases.iter().enumerate() {
            let cells: Vec<String> = lines::use_case_row(i + 1, u)
                .iter()
                .map(|c| escape(c))
                .collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out.push('\n');
        for u in &p.use_cases {
            for w in &u.report.warnings {
                let _ = writeln!(
                    out,
                    "**Warning ({}):** {}\n",
                    escape(&u.report.scenario.name),
                    escape(w)
                );
            }
        }
        let _ = writeln!(out, "{}\n", escape(&lines::start_line(p)));
        self.heading(&mut out, 1, "What they can share");
        for line in lines::sharing_lines(p) {
            let _ = writeln!(out, "- {}", escape(&line));
        }
        out.push('\n');
        self.heading(&mut out, 1, "Combined cost (estimates)");
        let _ = writeln!(out, "| {} |", lines::COST_HEADER.join(" | "));
        let _ = writeln!(out, "|---|--:|--:|--:|");
        for row in lines::cost_rows(p) {
            let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        let _ = writeln!(out, "\n{}\n", escape(&lines::budget_line(p)));
        self.heading(&mut out, 1, "Matrix positions");
        let reports: Vec<&Report> = p.use_cases.iter().map(|u| &u.report).collect();
        self.matrix_picture(&mut out, &reports);
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.push('\n');
        out
    }
}
