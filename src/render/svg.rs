//! The control/complexity matrix as an SVG picture (`--chart FILE.svg`): each strategy's
//! region as the rule base defines it, lettered A to D, both axes from 0 to 10, and a
//! numbered mark for each scenario with its name in the legend below.
//!
//! Every coordinate is written with one decimal, so the same report always gives the same
//! bytes.

use svg::Document;
use svg::Node as _;
use svg::node::element::{Circle, Element, Group, Line, Polygon, Rectangle, Title};

use super::plot::{self, Mark};
use crate::compare::Comparison;
use crate::matrix::{self, MATRIX_MAX, Point};
use crate::number::one_decimal as num;
use crate::options::Strategy;
use crate::portfolio::Portfolio;
use crate::report::Report;

/// Pixels per unit of the matrix.
const SCALE: f64 = 40.0;
/// Left edge of the plot (room for the complexity axis).
const LEFT: f64 = 70.0;
/// Top edge of the plot (room for the title).
const TOP: f64 = 50.0;
/// Room right of the plot, for the labels of marks at control 10.
const RIGHT: f64 = 60.0;
/// Height of the control axis below the plot: ticks, numbers and its title.
const AXIS: f64 = 60.0;
/// Height of one legend line.
const LINE: f64 = 20.0;
/// Width of a legend character, roughly, at the legend's 12 pixels.
const CHAR: f64 = 7.0;
const FONT: &str = "sans-serif";
/// Text centred on its position.
const MIDDLE: &[(&str, &str)] = &[("text-anchor", "middle")];

/// The picture for one scenario (`assess --chart`).
pub fn assess(report: &Report) -> String {
    chart(&[report])
}

/// The picture with every scenario of a comparison (`compare --chart`).
pub fn compare(comparison: &Comparison) -> String {
    let reports: Vec<&Report> = comparison.scenarios.iter().collect();
    chart(&reports)
}

/// The picture with every use case of a portfolio (`portfolio --chart`).
pub fn portfolio(portfolio: &Portfolio) -> String {
    let reports: Vec<&Report> = portfolio.use_cases.iter().map(|u| &u.report).collect();
    chart(&reports)
}

/// Draws the regions of the first report's rule base and a mark for each report.
fn chart(reports: &[&Report]) -> String {
    let marks = plot::marks(reports);
    let plot = MATRIX_MAX * SCALE;
    let legend_chars = reports
        .iter()
        .enumerate()
        .map(|(i, r)| legend_line(i + 1, r).chars().count())
        .max()
        .unwrap_or(0);
    let width = (LEFT + plot + RIGHT).max(LEFT + legend_chars as f64 * CHAR + RIGHT);
    let height = TOP + plot + AXIS + LINE * reports.len() as f64 + LINE / 2.0;
    let mut doc = Document::new()
        .set("width", px(width))
        .set("height", px(height))
        .set("viewBox", format!("0 0 {} {}", px(width), px(height)))
        .set("font-family", FONT)
        .add(Title::new("Control/complexity matrix"))
        .add(
            Rectangle::new()
                .set("width", "100%")
                .set("height", "100%")
                .set("fill", "#ffffff"),
        )
        .add(text(
            LEFT,
            TOP / 2.0 + 6.0,
            16,
            "Control/complexity matrix",
            &[("font-weight", "bold")],
        ));
    if let Some(first) = reports.first() {
        doc = doc.add(regions(&first.matrix.regions.0));
    }
    doc = doc.add(axes()).add(points(&marks)).add(legend(reports));
    let mut out = doc.to_string();
    out.push('\n');
    out
}

/// Each strategy's region, filled, with its letter at its centre.
fn regions(bands: &[[f64; 2]; 4]) -> Group {
    let mut group = Group::new().set("class", "regions");
    let fills = ["#dbeafe", "#dcfce7", "#fef3c7", "#fee2e2"];
    for ((s, shape), fill) in Strategy::ALL
        .into_iter()
        .zip(matrix::shapes(bands))
        .zip(fills)
    {
        if shape.is_empty() {
            continue;
        }
        let corners: Vec<String> = shape
            .iter()
            .map(|p| {
                let (x, y) = at(*p);
                format!("{},{}", px(x), px(y))
            })
            .collect();
        group = group.add(
            Polygon::new()
                .set("points", corners.join(" "))
                .set("fill", fill)
                .set("stroke", "#6b7280")
                .set("stroke-width", "1.0")
                .set("class", format!("region-{}", s.name())),
        );
    }
    for (s, centre) in plot::anchors(bands) {
        let (x, y) = at(centre);
        group = group.add(text(
            x,
            y + 10.0,
            28,
            s.name(),
            &[
                ("text-anchor", "middle"),
                ("fill", "#374151"),
                ("class", "region-label"),
            ],
        ));
    }
    group
}

/// The frame, a tick and a number at each unit of both axes, and the axes' titles.
fn axes() -> Group {
    let plot = MATRIX_MAX * SCALE;
    let mut group = Group::new().set("class", "axes").add(
        Rectangle::new()
            .set("x", px(LEFT))
            .set("y", px(TOP))
            .set("width", px(plot))
            .set("height", px(plot))
            .set("fill", "none")
            .set("stroke", "#111827"),
    );
    let bottom = TOP + plot;
    for step in 0..=(MATRIX_MAX as u32) {
        let value = f64::from(step);
        let (x, y) = at((value, value));
        group = group
            .add(line((x, bottom), (x, bottom + 5.0)))
            .add(text(x, bottom + 18.0, 11, &step.to_string(), MIDDLE))
            .add(line((LEFT - 5.0, y), (LEFT, y)))
            .add(text(
                LEFT - 8.0,
                y + 4.0,
                11,
                &step.to_string(),
                &[("text-anchor", "end")],
            ));
    }
    let middle = LEFT + plot / 2.0;
    let centre = TOP + plot / 2.0;
    let turn = format!("rotate(-90 {} {})", px(LEFT - 40.0), px(centre));
    group
        .add(text(
            middle,
            bottom + 40.0,
            13,
            "control (0 to 10) →",
            MIDDLE,
        ))
        .add(text(
            LEFT - 40.0,
            centre,
            13,
            "complexity (0 to 10) →",
            &[("text-anchor", "middle"), ("transform", &turn)],
        ))
}

/// A dot for each mark, numbered with its scenarios.
fn points(marks: &[Mark<'_>]) -> Group {
    let mut group = Group::new().set("class", "scenarios");
    for mark in marks {
        let (x, y) = at(mark.at);
        group = group
            .add(
                Circle::new()
                    .set("cx", px(x))
                    .set("cy", px(y))
                    .set("r", "6.0")
                    .set("fill", "#111827")
                    .set("stroke", "#ffffff")
                    .set("stroke-width", "1.5")
                    .add(Title::new(mark.names())),
            )
            .add(text(
                x + 9.0,
                y - 9.0,
                12,
                &mark.numbers(),
                &[("font-weight", "bold"), ("class", "point")],
            ));
    }
    group
}

/// One line per scenario under the axis: its number, name, position and region.
fn legend(reports: &[&Report]) -> Group {
    let mut group = Group::new().set("class", "legend");
    let mut y = TOP + MATRIX_MAX * SCALE + AXIS + LINE / 2.0;
    for (i, r) in reports.iter().enumerate() {
        group = group.add(text(LEFT, y, 12, &legend_line(i + 1, r), &[]));
        y += LINE;
    }
    group
}

fn legend_line(number: usize, r: &Report) -> String {
    let m = &r.matrix;
    format!(
        "{number}. {}: control {}, complexity {}, region {}",
        r.scenario.name,
        num(m.control),
        num(m.complexity),
        m.region
    )
}

/// A text element at `(x, y)` of `size` pixels, with `more` attributes. (The crate's own
/// `Text` puts its content on lines of its own; this keeps it inline.)
fn text(x: f64, y: f64, size: u32, content: &str, more: &[(&str, &str)]) -> Element {
    let mut element = Element::new("text");
    element.assign("x", px(x));
    element.assign("y", px(y));
    element.assign("font-size", size);
    for (name, value) in more {
        element.assign(*name, *value);
    }
    element.append(svg::node::Text::new(content));
    element
}

fn line(from: Point, to: Point) -> Line {
    Line::new()
        .set("x1", px(from.0))
        .set("y1", px(from.1))
        .set("x2", px(to.0))
        .set("y2", px(to.1))
        .set("stroke", "#111827")
}

/// Where a point of the matrix lands in the picture: control across, complexity up.
fn at((control, complexity): Point) -> Point {
    (
        LEFT + control * SCALE,
        TOP + (MATRIX_MAX - complexity) * SCALE,
    )
}

/// A length with one decimal, never `-0.0`.
fn px(value: f64) -> String {
    let s = format!("{value:.1}");
    if s == "-0.0" { "0.0".to_owned() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_have_one_decimal() {
        assert_eq!(px(1.0 / 3.0), "0.3");
        assert_eq!(px(-0.04), "0.0");
        assert_eq!(px(450.0), "450.0");
    }

    #[test]
    fn complexity_runs_up() {
        assert_eq!(at((0.0, 0.0)), (LEFT, TOP + MATRIX_MAX * SCALE));
        assert_eq!(
            at((MATRIX_MAX, MATRIX_MAX)),
            (LEFT + MATRIX_MAX * SCALE, TOP)
        );
    }
}
