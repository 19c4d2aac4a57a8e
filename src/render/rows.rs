//! The rows of a side-by-side comparison, shared by the table and Markdown formats.

use super::verdict;
use crate::compare::Comparison;
use crate::options::{Approach, Strategy};
use crate::questions::QuestionId;
use crate::report::Report;

/// How many reasons per scenario the comparison lists.
pub(super) const TOP_REASONS: usize = 3;

/// One row: a label and one cell per scenario.
pub(super) struct Row {
    /// What the row shows.
    pub(super) label: String,
    /// One cell per scenario; several lines where a cell lists things.
    pub(super) cells: Vec<Vec<String>>,
    /// Whether the scenarios differ in this row.
    pub(super) differs: bool,
}

fn row(label: impl Into<String>, cells: Vec<Vec<String>>) -> Row {
    let differs = cells.windows(2).any(|w| w[0] != w[1]);
    Row {
        label: label.into(),
        cells,
        differs,
    }
}

fn each(c: &Comparison, f: impl Fn(&Report) -> String) -> Vec<Vec<String>> {
    c.scenarios.iter().map(|r| vec![f(r)]).collect()
}

fn score(r: &Report, name: &str, value: f64) -> String {
    if r.is_excluded(name) {
        format!("{value:.1} (excluded)")
    } else {
        format!("{value:.1}")
    }
}

/// Every row of the comparison: answers, recommendation, scores, matrix, top reasons.
pub(super) fn rows(c: &Comparison) -> Vec<Row> {
    let mut out = answer_rows(c);
    out.extend(advice_rows(c));
    out
}

/// One row per question.
fn answer_rows(c: &Comparison) -> Vec<Row> {
    let mut out = Vec::new();
    for (i, id) in QuestionId::all().enumerate() {
        let cells = c
            .scenarios
            .iter()
            .map(|r| vec![verdict::answer_cell(r, i)])
            .collect();
        out.push(row(id.question().label, cells));
    }
    out
}

/// The advice: recommendation, runner-up, scores, costs, matrix and top reasons.
fn advice_rows(c: &Comparison) -> Vec<Row> {
    let mut out = Vec::new();
    out.push(row(
        "Recommendation",
        each(c, |r| {
            format!(
                "{} + {}",
                r.recommendation.strategy, r.recommendation.approach
            )
        }),
    ));
    out.push(row(
        "Runner-up (margin in points)",
        each(c, |r| {
            r.runner_up.as_ref().map_or_else(
                || "none".to_owned(),
                |u| format!("{} + {} ({:.1})", u.strategy, u.approach, u.margin),
            )
        }),
    ));
    for s in Strategy::ALL {
        out.push(row(
            format!("Strategy score {s}"),
            each(c, |r| score(r, s.name(), r.scores.strategy[s])),
        ));
    }
    for a in Approach::ALL {
        out.push(row(
            format!("Approach score {a}"),
            each(c, |r| score(r, a.name(), r.scores.approach[a])),
        ));
    }
    for s in Strategy::ALL {
        out.push(row(
            format!("Cost per month, {s}"),
            each(c, |r| crate::number::money(r.cost.monthly_usd[s])),
        ));
    }
    out.push(row(
        "Break-even (requests per day)",
        each(c, |r| {
            r.cost
                .break_even_requests_per_day
                .map_or_else(|| "never".to_owned(), crate::number::round3)
        }),
    ));
    out.push(row(
        "Control (0-10)",
        each(c, |r| format!("{:.1}", r.matrix.control)),
    ));
    out.push(row(
        "Complexity (0-10)",
        each(c, |r| format!("{:.1}", r.matrix.complexity)),
    ));
    out.push(row(
        "Matrix region",
        each(c, |r| r.matrix.region.to_string()),
    ));
    let reasons = c
        .scenarios
        .iter()
        .map(|r| {
            r.reasons
                .iter()
                .take(TOP_REASONS)
                .map(|reason| reason.rule.to_string())
                .collect()
        })
        .collect();
    out.push(row("Top reasons (rule ids)", reasons));
    out
}
