//! What a picture of the matrix plots, for the SVG chart and the Mermaid block alike: the
//! scenarios' points, one mark for those that share a position, and each strategy's anchor.

use crate::matrix::{self, Point};
use crate::options::Strategy;
use crate::report::Report;

/// One mark on the matrix: every scenario shown at this position.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Mark<'a> {
    /// Control and complexity as the reports show them (one decimal).
    pub(super) at: Point,
    /// The scenarios here: their number (1 for the first given) and name.
    pub(super) scenarios: Vec<(usize, &'a str)>,
}

impl Mark<'_> {
    /// The scenarios' numbers, as `1` or `1, 3`.
    pub(super) fn numbers(&self) -> String {
        let numbers: Vec<String> = self.scenarios.iter().map(|(n, _)| n.to_string()).collect();
        numbers.join(", ")
    }

    /// The scenarios' names, as `Bank` or `Bank; Clinic`.
    pub(super) fn names(&self) -> String {
        let names: Vec<&str> = self.scenarios.iter().map(|(_, name)| *name).collect();
        names.join("; ")
    }
}

/// The marks for `reports`, in the order their first scenario was given. Scenarios whose
/// positions read the same to one decimal share a mark, so their labels never overlap.
pub(super) fn marks<'a>(reports: &[&'a Report]) -> Vec<Mark<'a>> {
    let mut marks: Vec<Mark<'a>> = Vec::new();
    for (i, r) in reports.iter().enumerate() {
        let at = (shown(r.matrix.control), shown(r.matrix.complexity));
        let scenario = (i + 1, r.scenario.name.as_str());
        match marks.iter_mut().find(|m| m.at == at) {
            Some(mark) => mark.scenarios.push(scenario),
            None => marks.push(Mark {
                at,
                scenarios: vec![scenario],
            }),
        }
    }
    marks
}

/// Each strategy's anchor: the centre of its region as the rule base's bands define it.
/// A strategy whose region is empty has none.
pub(super) fn anchors(bands: &[[f64; 2]; 4]) -> Vec<(Strategy, Point)> {
    Strategy::ALL
        .into_iter()
        .zip(matrix::shapes(bands))
        .filter_map(|(s, shape)| matrix::centroid(&shape).map(|c| (s, c)))
        .collect()
}

/// A coordinate as the reports show it: one decimal, within the matrix.
fn shown(value: f64) -> f64 {
    ((value.clamp(0.0, matrix::MATRIX_MAX) * 10.0).round() / 10.0).abs()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_the_region_centres() {
        let anchors = anchors(&[[0.0, 3.0], [3.0, 5.0], [5.0, 7.5], [7.5, 10.0]]);
        let letters: Vec<Strategy> = anchors.iter().map(|(s, _)| *s).collect();
        assert_eq!(letters, Strategy::ALL);
        let (x, y) = anchors[0].1;
        assert!((x - 2.0).abs() < 1e-9 && (y - 2.0).abs() < 1e-9);
        // Regions are bands across the diagonal, so every centre sits on it.
        assert!(anchors.iter().all(|(_, (x, y))| (x - y).abs() < 1e-9));
    }

    #[test]
    fn rounding_to_one_decimal_is_what_is_shown() {
        assert!((shown(4.449) - 4.4).abs() < 1e-12);
        assert!((shown(10.7) - 10.0).abs() < 1e-12);
        assert_eq!(shown(-0.01).to_string(), "0");
    }
}
