//! JSON output: the model serialized, nothing built by hand. Every model carries its
//! `schema_version`.

use serde::Serialize;

use super::Render;
use crate::calibrate::CrossValidation;
use crate::cases::TestRun;
use crate::compare::Comparison;
use crate::cost::CostReport;
use crate::coverage::CoverageReport;
use crate::inspect::RuleList;
use crate::portfolio::Portfolio;
use crate::questions::Questionnaire;
use crate::report::Report;
use crate::review::{Review, Reviewed};

/// Pretty-printed JSON, one object per run.
pub(super) struct Json;

/// The one code path that writes JSON.
fn to_json(value: &impl Serialize) -> Option<String> {
    // The models hold only strings, numbers, lists and maps, so serializing cannot fail.
    let mut tree = serde_json::to_value(value).ok()?;
    tidy(&mut tree, Precision::Exact);
    let mut out = serde_json::to_string_pretty(&tree).ok()?;
    out.push('\n');
    Some(out)
}

/// How a number is written, chosen by the name of the key that holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Precision {
    /// As computed: scores, answers, thresholds and the facts rules compared.
    Exact,
    /// Money (keys ending in `_usd`): rounded to cents.
    Cents,
    /// Counts: whole numbers, written without a decimal point.
    Whole,
    /// Rates and shares of the cost model: four decimal places.
    Rate,
}

/// Keys whose values are counts.
const COUNTS: [&str; 9] = [
    "tokens_per_month",
    "break_even_requests_per_day",
    "gpus",
    "gpus_per_replica",
    "cluster_gpus",
    "params",
    "tokens",
    "own_tokens",
    "public_tokens",
];

/// Keys whose values are rates or shares estimated by the cost model.
const RATES: [&str; 6] = [
    "budget_share",
    "training_budget_share",
    "concurrency",
    "peak_tokens_per_second",
    "gpu_hours",
    "lead_time_weeks",
];

fn precision_of(key: &str, inherited: Precision) -> Precision {
    if key.ends_with("_usd") {
        Precision::Cents
    } else if COUNTS.contains(&key) {
        Precision::Whole
    } else if RATES.contains(&key) {
        Precision::Rate
    } else {
        inherited
    }
}

/// Rounds every number to its key's precision; a key's precision holds for what it contains
/// (the per-strategy values under `monthly_usd`, the low and high of a range).
fn tidy(value: &mut serde_json::Value, precision: Precision) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                // Per-strategy maps keep their parent's precision; other keys choose their own.
                let inherited = if key.len() == 1 {
                    precision
                } else {
                    Precision::Exact
                };
                tidy(v, precision_of(key, inherited));
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| tidy(v, precision)),
        Value::Number(n) => {
            if let Some(x) = n.as_f64().filter(|x| x.is_finite()) {
                *value = rounded(x, precision).unwrap_or_else(|| value.clone());
            }
        }
        _ => {}
    }
}

fn rounded(x: f64, precision: Precision) -> Option<serde_json::Value> {
    let scaled = |k: f64| serde_json::Number::from_f64((x * k).round() / k + 0.0);
    let number = match precision {
        Precision::Cents => scaled(100.0)?,
        Precision::Rate => scaled(10_000.0)?,
        // Counts past 2^53 are not exact in JSON anyway; they keep their form.
        #[allow(clippy::cast_possible_truncation)]
        Precision::Whole if x.abs() < 9e15 => serde_json::Number::from(x.round() as i64),
        Precision::Whole | Precision::Exact => return None,
    };
    Some(serde_json::Value::Number(number))
}

impl Render for Json {
    fn assess(&self, report: &Report) -> Option<String> {
        to_json(report)
    }

    fn assess_since(&self, report: &Report, review: &Review, _: Option<&str>) -> Option<String> {
        to_json(&Reviewed { report, review })
    }

    fn compare(&self, comparison: &Comparison) -> Option<String> {
        to_json(comparison)
    }

    fn portfolio(&self, portfolio: &Portfolio) -> Option<String> {
        to_json(portfolio)
    }

    fn cost(&self, cost: &CostReport<'_>) -> Option<String> {
        to_json(cost)
    }

    fn rules_list(&self, list: &RuleList<'_>) -> Option<String> {
        to_json(list)
    }

    fn rules_test(&self, run: &TestRun) -> Option<String> {
        to_json(run)
    }

    fn cross_validation(&self, cv: &CrossValidation) -> Option<String> {
        to_json(cv)
    }

    fn coverage(&self, coverage: &CoverageReport<'_>) -> Option<String> {
        to_json(coverage)
    }

    fn questions(&self, questionnaire: &Questionnaire) -> Option<String> {
        to_json(questionnaire)
    }
}

/// The record an embedded region carries, one line of compact JSON: the keys of the JSON
/// report a review reads (see [`crate::review::read`]), rounded as the report rounds them,
/// with `>` written as `\u003e` so the line cannot close the HTML comment around it.
pub(super) fn record(report: &Report) -> String {
    let rec = &report.recommendation;
    let answers: Vec<_> = report
        .answers
        .iter()
        .filter(|a| a.value.is_some())
        .collect();
    let value = serde_json::json!({
        "schema_version": report.schema_version,
        "recommendation": { "strategy": rec.strategy, "approach": rec.approach, "score": rec.score },
        "runner_up": report.runner_up.as_ref().map(|r| {
            serde_json::json!({ "strategy": r.strategy, "approach": r.approach, "score": r.score })
        }),
        "scores": { "strategy": report.scores.strategy, "approach": report.scores.approach },
        "contributions": report.contributions,
        "cost": {
            "monthly_usd": report.cost.monthly_usd,
            "first_year_usd": report.cost.first_year_usd,
            "budget_share": report.cost.budget_share,
            "training_budget_share": report.cost.training_budget_share,
        },
        "answers": answers,
        "cost_choices": report.cost_choices,
        "stamp": report.stamp,
    });
    let mut tree = value;
    tidy(&mut tree, Precision::Exact);
    tree.to_string().replace('>', "\\u003e")
}
