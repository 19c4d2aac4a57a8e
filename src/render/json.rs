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

/// The one code path that writes JSON: pretty-printed, numbers rounded to their keys'
/// precision (see `rounding.rs`).
fn to_json(value: &impl Serialize) -> Option<String> {
    let mut out = super::rounding::to_string(value, true)?;
    out.push('\n');
    Some(out)
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
    super::rounding::to_string(&value, false)
        .unwrap_or_default()
        .replace('>', "\\u003e")
}
