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
use crate::report::Report;

/// Pretty-printed JSON, one object per run.
pub(super) struct Json;

/// The one code path that writes JSON.
fn to_json(value: &impl Serialize) -> Option<String> {
    // The models hold only strings, numbers, lists and maps, so serializing cannot fail.
    let mut out = serde_json::to_string_pretty(value).ok()?;
    out.push('\n');
    Some(out)
}

impl Render for Json {
    fn assess(&self, report: &Report) -> Option<String> {
        to_json(report)
    }

    fn compare(&self, comparison: &Comparison) -> Option<String> {
        to_json(comparison)
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
}
