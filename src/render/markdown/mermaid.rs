//! The matrix as a picture in Markdown: a link to the `--chart` SVG, or else a Mermaid
//! `quadrantChart` block, so GitHub draws the points with no file beside the document.
//!
//! A quadrant chart only draws four equal quadrants, so its borders are not the rule base's
//! regions; the points are exact: every scenario, and each strategy's anchor at the centre of
//! its region.

use std::fmt::Write as _;
use std::path::{Component, Path};

use super::Markdown;
use crate::compare::Comparison;
use crate::matrix::{MATRIX_MAX, Point};
use crate::render::plot;
use crate::report::Report;

/// Said under the Mermaid block, and as a comment inside it.
const NOTE: &str = "Mermaid can only draw four equal quadrants, so its borders are not the rule base's regions (`--chart FILE.svg` draws those); the points are exact: each scenario, and each strategy at the centre of its region.";

impl Markdown {
    /// This renderer, linking the `--chart` picture at `chart` (when given) in place of the
    /// Mermaid block.
    pub(super) fn with_chart(&self, chart: Option<&str>) -> Markdown {
        Markdown {
            look: self.look,
            chart: chart.map(str::to_owned),
        }
    }

    /// The comparison, then a section with every scenario's point on the matrix.
    pub(super) fn comparison_and_matrix(&self, c: &Comparison) -> String {
        let mut out = self.comparison(c);
        out.push('\n');
        self.heading(&mut out, 1, "Matrix positions");
        let reports: Vec<&Report> = c.scenarios.iter().collect();
        self.matrix_picture(&mut out, &reports);
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.push('\n');
        out
    }

    /// The picture of the matrix with `reports`' points: a link to the `--chart` file when
    /// one was given, else a Mermaid quadrant chart and a note on what it leaves out.
    pub(super) fn matrix_picture(&self, out: &mut String, reports: &[&Report]) {
        if let Some(link) = &self.chart {
            let _ = writeln!(out, "![Control/complexity matrix]({link})\n");
        } else {
            // The note is this file's own Markdown: nothing in it needs escaping.
            let _ = writeln!(out, "{}\n{NOTE}\n", quadrant_chart(reports));
        }
    }
}

/// A fenced Mermaid `quadrantChart` with the strategies' anchors and one point per mark.
fn quadrant_chart(reports: &[&Report]) -> String {
    let mut out = String::from("```mermaid\nquadrantChart\n");
    let _ = writeln!(out, "    %% {NOTE}");
    out.push_str("    title Control/complexity matrix\n");
    out.push_str("    x-axis Low control --> High control\n");
    out.push_str("    y-axis Low complexity --> High complexity\n");
    if let Some(first) = reports.first() {
        for (s, centre) in plot::anchors(&first.matrix.regions.0) {
            let _ = writeln!(out, "    \"Strategy {s}\": {}", position(centre));
        }
    }
    for mark in plot::marks(reports) {
        let _ = writeln!(
            out,
            "    \"{}\": {}",
            label(&mark.names()),
            position(mark.at)
        );
    }
    out.push_str("```\n");
    out
}

/// `[x, y]` on Mermaid's 0 to 1 axes, as its grammar reads numbers: `1`, or `0.` and digits.
fn position((control, complexity): Point) -> String {
    let unit = |v: f64| {
        let s = format!("{:.2}", (v / MATRIX_MAX).clamp(0.0, 1.0));
        if s.starts_with('1') {
            "1".to_owned()
        } else {
            s
        }
    };
    format!("[{}, {}]", unit(control), unit(complexity))
}

/// A point's name inside Mermaid's double quotes: no quote, backtick or line break in it.
fn label(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '"' | '`' => '\'',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// The link to the `--chart` file from the Markdown: relative to the document's folder with
/// `--embed` (when the two paths can be related without the file system), else as given.
/// Characters that would end a Markdown link are percent-encoded.
pub fn chart_link(chart: &Path, document: Option<&Path>) -> String {
    let path = document
        .and_then(|doc| relative(chart, doc.parent()?))
        .unwrap_or_else(|| {
            chart
                .to_string_lossy()
                .replace(std::path::MAIN_SEPARATOR, "/")
        });
    let mut link = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' | '(' | ')' | '<' | '>' | '\\' => {
                let _ = write!(link, "%{:02X}", u32::from(c));
            }
            c => link.push(c),
        }
    }
    link
}

/// `path` from folder `dir`, worked out from their names alone; `None` when that cannot be
/// done (one absolute and one not, or `dir` climbing with `..`).
fn relative(path: &Path, dir: &Path) -> Option<String> {
    if path.is_absolute() != dir.is_absolute() {
        return None;
    }
    let parts = |p: &Path| -> Vec<String> {
        p.components()
            .filter(|c| *c != Component::CurDir)
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect()
    };
    let (to, from) = (parts(path), parts(dir));
    if dir.components().any(|c| c == Component::ParentDir) {
        return None;
    }
    let common = to.iter().zip(&from).take_while(|(a, b)| a == b).count();
    let mut out: Vec<&str> = vec![".."; from.len() - common];
    out.extend(to[common..].iter().map(String::as_str));
    Some(out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_read_as_mermaid_numbers() {
        assert_eq!(position((4.5, 0.0)), "[0.45, 0.00]");
        assert_eq!(position((10.0, 9.99)), "[1, 1]");
        assert_eq!(position((12.0, -1.0)), "[1, 0.00]");
    }

    #[test]
    fn labels_cannot_end_their_quotes() {
        assert_eq!(label("Bank \"A\"\n`x`"), "Bank 'A' 'x'");
    }

    #[test]
    fn links_are_relative_to_the_embedded_document() {
        let link =
            |chart: &str, doc: Option<&str>| chart_link(Path::new(chart), doc.map(Path::new));
        assert_eq!(link("chart.svg", None), "chart.svg");
        assert_eq!(link("docs/chart.svg", None), "docs/chart.svg");
        assert_eq!(link("docs/chart.svg", Some("docs/plan.md")), "chart.svg");
        assert_eq!(link("./docs/img/m.svg", Some("docs/plan.md")), "img/m.svg");
        assert_eq!(
            link("chart.svg", Some("docs/plans/q3.md")),
            "../../chart.svg"
        );
        assert_eq!(link("chart.svg", Some("plan.md")), "chart.svg");
        assert_eq!(link("my chart (1).svg", None), "my%20chart%20%281%29.svg");
        // Nothing to go on: kept as given.
        assert_eq!(link("chart.svg", Some("../plan.md")), "chart.svg");
        assert_eq!(link("/tmp/chart.svg", Some("plan.md")), "/tmp/chart.svg");
    }
}
