//! The terminal view of a portfolio: the use cases, the one to start with, what they share,
//! and the combined cost.

use std::fmt::Write as _;

use anstyle::Style;
use comfy_table::CellAlignment;

use super::Table;
use crate::portfolio::Portfolio;
use crate::render::portfolio_lines as lines;

impl Table {
    pub(super) fn portfolio(&self, p: &Portfolio) -> String {
        let mut out = String::new();
        let count = p.use_cases.len();
        let title = format!(
            "Portfolio of {count} use case{}",
            if count == 1 { "" } else { "s" }
        );
        let _ = writeln!(out, "{}", self.paint(Style::new().bold(), &title));
        let mut table = self.table();
        table.set_header(lines::USE_CASE_HEADER);
        for (i, u) in p.use_cases.iter().enumerate() {
            table.add_row(lines::use_case_row(i + 1, u));
        }
        let _ = writeln!(out, "{table}");
        for u in &p.use_cases {
            for w in &u.report.warnings {
                self.wrap(
                    &mut out,
                    &format!("Warning ({}): {w}", u.report.scenario.name),
                    "",
                    "  ",
                );
            }
        }
        let _ = writeln!(out);
        self.wrap(&mut out, &lines::start_line(p), "", "  ");
        self.heading(&mut out, "What they can share");
        for line in lines::sharing_lines(p) {
            self.wrap(&mut out, &line, "- ", "  ");
        }
        self.heading(&mut out, "Combined cost (estimates)");
        let mut costs = self.table();
        costs.set_header(lines::COST_HEADER);
        for row in lines::cost_rows(p) {
            costs.add_row(row);
        }
        for i in 1..4 {
            if let Some(column) = costs.column_mut(i) {
                column.set_cell_alignment(CellAlignment::Right);
            }
        }
        let _ = writeln!(out, "{costs}");
        self.wrap(&mut out, &lines::budget_line(p), "", "");
        out
    }
}
