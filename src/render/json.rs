//! JSON output: the report model serialized, nothing built by hand.

use super::Render;
use crate::report::Report;

/// Pretty-printed JSON, one object per report.
pub(super) struct Json;

impl Render for Json {
    fn assess(&self, report: &Report) -> String {
        let mut out = serde_json::to_string_pretty(report)
            .unwrap_or_else(|e| format!("{{\"error\": \"cannot serialize report: {e}\"}}")); // allow-panic: never fails for this model
        out.push('\n');
        out
    }
}
