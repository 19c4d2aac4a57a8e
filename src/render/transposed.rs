//! A comparison of many scenarios turned on its side: one row per scenario, with the answers
//! that tell them apart and the outcome as columns, chosen to fit the width without breaking
//! a word.

use super::verdict;
use crate::compare::Comparison;
use crate::number::{format_number, money};
use crate::questions::QuestionId;
use crate::report::Report;

/// From this many scenarios up, a comparison is laid out with scenarios as rows.
pub(super) const TRANSPOSE_FROM: usize = 5;

/// What the outcome columns of the transposed table hold.
pub(super) const ADVICE_NOTE: &str = "Advice (margin): the recommended pair and, in brackets, \
    how far the runner-up trails it in score points. Cost per month: the recommended \
    strategy's estimate.";

/// Narrowest useful column of a scenario in the side-by-side layout, in characters.
pub(super) const MIN_SCENARIO_COLUMN: usize = 14;

/// Whether `scenarios` side by side would leave each under [`MIN_SCENARIO_COLUMN`] of `width`
/// (after a label column of about 24), or are too many to read across.
pub(super) fn transpose(scenarios: usize, width: usize) -> bool {
    scenarios >= TRANSPOSE_FROM
        || width.saturating_sub(24) / scenarios.max(1) < MIN_SCENARIO_COLUMN + 3
}

/// One column of the transposed table.
pub(super) struct Column {
    /// Its heading.
    pub(super) header: String,
    /// One cell per scenario.
    pub(super) cells: Vec<String>,
    /// The column is never narrower: the longest word of its heading and cells, or more
    /// where the width allows.
    pub(super) min_width: usize,
}

/// The transposed table, and the labels of the differing answers that did not fit.
pub(super) struct Transposed {
    pub(super) columns: Vec<Column>,
    pub(super) left_out: Vec<&'static str>,
}

fn column(header: impl Into<String>, cells: Vec<String>) -> Column {
    let header = header.into();
    let min_width = std::iter::once(&header)
        .chain(&cells)
        .flat_map(|c| c.split_whitespace())
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(1);
    Column {
        header,
        cells,
        min_width,
    }
}

/// The width a column takes when nothing in it wraps (its heading may wrap at spaces).
fn natural(c: &Column) -> usize {
    c.cells
        .iter()
        .map(|x| x.chars().count())
        .max()
        .unwrap_or(0)
        .max(c.min_width)
}

/// The scenario, its outcome, and as many differing answers as fit in `width` columns of a
/// bordered table (each column costs its width plus 3; the table 1 more).
pub(super) fn transposed(c: &Comparison, width: usize) -> Transposed {
    let names = c
        .scenarios
        .iter()
        .enumerate()
        .map(|(i, r)| {
            if i == c.baseline {
                format!("{} (baseline)", r.scenario.name)
            } else {
                r.scenario.name.clone()
            }
        })
        .collect();
    let scenario = column("Scenario", names);
    let mut outcome = [
        column("Advice (margin)", each(c, advice)),
        column("Cost per month", each(c, cost)),
    ];
    // The scenario column wraps its names at spaces; budget it at 18 columns.
    let mut used = 1 + natural(&scenario).min(18).max(scenario.min_width) + 3;
    // The advice may wrap its margin onto a second line: it keeps 15 columns.
    outcome[0].min_width = natural(&outcome[0]).min(15).max(outcome[0].min_width);
    used += outcome[0].min_width + 3;
    used += natural(&outcome[1]) + 3;
    let mut answers = Vec::new();
    let mut left_out = Vec::new();
    for (i, id) in differing(c) {
        let col = column(id.question().label, each(c, |r| verdict::answer_cell(r, i)));
        // In order of priority: once one does not fit, the rest are named below the table.
        if left_out.is_empty() && used + natural(&col) + 3 <= width {
            used += natural(&col) + 3;
            answers.push((i, col));
        } else {
            left_out.push(id.question().label);
        }
    }
    // Answers in questionnaire order, between the scenario and its outcome.
    answers.sort_by_key(|(i, _)| *i);
    // Room left over goes to the names first, so they wrap less.
    let mut scenario = scenario;
    let budgeted = natural(&scenario).min(18).max(scenario.min_width);
    scenario.min_width = natural(&scenario).min(budgeted + width.saturating_sub(used));
    let mut columns = vec![scenario];
    columns.extend(answers.into_iter().map(|(_, col)| col));
    columns.extend(outcome);
    Transposed { columns, left_out }
}

/// The questions the scenarios answer differently: the required ones first (the key answers
/// every scenario gives), then those with the most distinct answers.
fn differing(c: &Comparison) -> Vec<(usize, QuestionId)> {
    let mut found: Vec<(usize, QuestionId, usize)> = QuestionId::all()
        .enumerate()
        .filter_map(|(i, id)| {
            let mut values: Vec<String> = c
                .scenarios
                .iter()
                .map(|r| verdict::answer_cell(r, i))
                .collect();
            values.sort();
            values.dedup();
            (values.len() > 1).then_some((i, id, values.len()))
        })
        .collect();
    found.sort_by_key(|(i, id, distinct)| {
        (!id.question().required, std::cmp::Reverse(*distinct), *i)
    });
    found.into_iter().map(|(i, id, _)| (i, id)).collect()
}

fn each(c: &Comparison, f: impl Fn(&Report) -> String) -> Vec<String> {
    c.scenarios.iter().map(f).collect()
}

/// The recommended pair and how far the runner-up trails it, in score points.
fn advice(r: &Report) -> String {
    let pair = format!(
        "{} + {}",
        r.recommendation.strategy, r.recommendation.approach
    );
    match &r.runner_up {
        Some(u) => format!("{pair} ({:.1})", u.margin),
        None => pair,
    }
}

fn cost(r: &Report) -> String {
    money(r.cost.monthly_usd[r.recommendation.strategy])
}

/// The line naming the baseline, and how it was chosen.
pub(super) fn baseline_line(c: &Comparison) -> String {
    let name = c
        .scenarios
        .get(c.baseline)
        .map_or("", |r| r.scenario.name.as_str());
    let file = c
        .files
        .get(c.baseline)
        .map(|f| format!(" ({f})"))
        .unwrap_or_default();
    let how = if c.baseline_chosen {
        "chosen with --baseline"
    } else {
        "the first file; --baseline FILE chooses another"
    };
    let count = format_number(c.scenarios.len() as f64);
    format!("{count} scenarios compared with the baseline, {name}{file}: {how}.")
}
