//! JSON output: the report model serialized, nothing built by hand.

use serde::Serialize;

use super::Render;
use crate::compare::Comparison;
use crate::report::Report;

/// Pretty-printed JSON, one object per run.
pub(super) struct Json;

fn to_json(value: &impl Serialize) -> String {
    // The models hold only strings, numbers, lists and maps, so serializing cannot fail.
    let mut out = serde_json::to_string_pretty(value).unwrap_or_default();
    out.push('\n');
    out
}

impl Render for Json {
    fn assess(&self, report: &Report) -> String {
        to_json(report)
    }

    fn compare(&self, comparison: &Comparison) -> String {
        to_json(comparison)
    }
}
