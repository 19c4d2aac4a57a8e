//! The terminal view of several scenarios side by side.

use std::fmt::Write as _;

use anstyle::Style;

use super::Table;
use crate::compare::Comparison;
use crate::render::rows::rows;
use crate::render::{sentences, transposed};
use comfy_table::{ColumnConstraint, Width};

impl Table {
    pub(super) fn comparison(&self, c: &Comparison) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}",
            self.paint(Style::new().bold(), "Scenario comparison")
        );
        self.wrap(&mut out, &transposed::baseline_line(c), "", "");
        let _ = writeln!(out);
        let width = usize::from(self.look.width);
        if transposed::transpose(c.scenarios.len(), width) {
            self.transposed_table(&mut out, c);
        } else {
            self.comparison_table(&mut out, c);
        }
        self.heading(&mut out, "What differs and why");
        for d in &c.differences {
            let _ = writeln!(out);
            self.wrap(
                &mut out,
                &format!("{} vs {}", d.scenario, d.baseline),
                "",
                "  ",
            );
            for line in sentences::difference_lines(d) {
                let text = match &line.subject {
                    Some(subject) => format!("{subject}{}", line.text),
                    None => line.text,
                };
                self.wrap(&mut out, &text, "- ", "  ");
            }
        }
        out
    }

    /// Scenarios as rows: the answers that tell them apart and the outcome as columns.
    fn transposed_table(&self, out: &mut String, c: &Comparison) {
        let layout = transposed::transposed(c, usize::from(self.look.width));
        let mut table = self.table();
        table.set_header(layout.columns.iter().map(|col| col.header.clone()));
        for i in 0..c.scenarios.len() {
            table.add_row(layout.columns.iter().map(|col| col.cells[i].clone()));
        }
        for (i, col) in layout.columns.iter().enumerate() {
            if let Some(column) = table.column_mut(i) {
                // The boundary counts the cell's padding, one space on each side.
                let lower = u16::try_from(col.min_width + 2).unwrap_or(u16::MAX);
                column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(lower)));
            }
        }
        let _ = writeln!(out, "{table}");
        self.wrap(out, transposed::ADVICE_NOTE, "", "");
        if !layout.left_out.is_empty() {
            self.wrap(
                out,
                &format!(
                    "Also answered differently (see below): {}.",
                    layout.left_out.join(", ")
                ),
                "",
                "",
            );
        }
    }

    fn comparison_table(&self, out: &mut String, c: &Comparison) {
        let mut table = self.table();
        let mut header = vec![String::new()];
        header.extend(c.scenarios.iter().map(|r| r.scenario.name.clone()));
        table.set_header(header);
        for row in rows(c) {
            let label = if row.differs {
                format!("≠ {}", row.label)
            } else {
                format!("  {}", row.label)
            };
            let mut cells = vec![label];
            cells.extend(row.cells.iter().map(|lines| lines.join("\n")));
            table.add_row(cells);
        }
        // Labels stay on one line when they take at most a third of the width.
        let longest = table
            .column_max_content_widths()
            .first()
            .copied()
            .unwrap_or(0);
        let label = longest.min(self.look.width / 3) + 2;
        if let Some(column) = table.column_mut(0) {
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(label)));
        }
        let _ = writeln!(out, "{table}");
        let _ = writeln!(out, "≠ marks rows where the scenarios differ.");
    }
}
