//! The rows of a side-by-side comparison, shared by the table and Markdown formats.

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
            .map(|r| {
                vec![
                    r.answers[i]
                        .value
                        .map_or_else(|| "-".to_owned(), |v| v.to_string()),
                ]
            })
            .collect();
        // Keys are unique across sections, so the key alone keeps the label column narrow.
        out.push(row(id.question().key, cells));
    }
    out
}

/// The advice: recommendation, runner-up, scores, costs, matrix and top reasons.
fn advice_rows(c: &Comparison) -> Vec<Row> {
    let mut out = Vec::new();
    out.push(row(
        "recommendation",
        each(c, |r| {
            format!(
                "{} + {}",
                r.recommendation.strategy, r.recommendation.approach
            )
        }),
    ));
    out.push(row(
        "runner-up (margin)",
        each(c, |r| {
            r.runner_up.as_ref().map_or_else(
                || "none".to_owned(),
                |u| format!("{} + {} ({:.1})", u.strategy, u.approach, u.margin),
            )
        }),
    ));
    for s in Strategy::ALL {
        out.push(row(
            format!("score {s}"),
            each(c, |r| score(r, s.name(), r.scores.strategy[s])),
        ));
    }
    for a in Approach::ALL {
        out.push(row(
            format!("score {a}"),
            each(c, |r| score(r, a.name(), r.scores.approach[a])),
        ));
    }
    for s in Strategy::ALL {
        out.push(row(
            format!("monthly cost {s}"),
            each(c, |r| crate::number::money(r.cost.monthly_usd[s])),
        ));
    }
    out.push(row(
        "break-even requests/day",
        each(c, |r| {
            r.cost
                .break_even_requests_per_day
                .map_or_else(|| "never".to_owned(), crate::number::round3)
        }),
    ));
    out.push(row(
        "control",
        each(c, |r| format!("{:.1}", r.matrix.control)),
    ));
    out.push(row(
        "complexity",
        each(c, |r| format!("{:.1}", r.matrix.complexity)),
    ));
    out.push(row(
        "matrix region",
        each(c, |r| r.matrix.region.to_string()),
    ));
    let reasons = c
        .scenarios
        .iter()
        .map(|r| {
            r.reasons
                .iter()
                .take(TOP_REASONS)
                .map(|reason| reason.rule.clone())
                .collect()
        })
        .collect();
    out.push(row("top reasons", reasons));
    out
}
