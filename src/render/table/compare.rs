//! The terminal view of several scenarios side by side.

use std::fmt::Write as _;

use anstyle::Style;

use super::Table;
use crate::compare::Comparison;
use crate::render::rows::rows;
use crate::render::sentences;

impl Table {
    pub(super) fn comparison(&self, c: &Comparison) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}",
            self.paint(Style::new().bold(), "Scenario comparison")
        );
        let _ = writeln!(out);
        self.comparison_table(&mut out, c);
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
        let _ = writeln!(out, "{table}");
        let _ = writeln!(out, "≠ marks rows where the scenarios differ.");
    }
}
