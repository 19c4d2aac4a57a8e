//! Fuzz target `pricing`: arbitrary bytes as a pricing file, as `--pricing FILE` reads it:
//! decode and size-check as the reader does, parse and check, then (when it is accepted)
//! price one fixed scenario as `cost` does, render the cost report in every format, and
//! advise the scenario with the pricing under the built-in rules (cost facts included).
//!
//! Checks: nothing panics; a rejected file has a message; an accepted pricing gives every
//! strategy a monthly and a one-time cost that is a number, not negative; every format renders
//! the cost report; the JSON parses.

#![no_main]

// Each target uses part of what the targets share.
#[allow(dead_code)]
#[path = "shared.rs"]
mod shared;

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use llm_strategy::answers::Answers;
use llm_strategy::cost::{self, CostReport, pricing, staleness};
use llm_strategy::diagnostic::input::{self, Kind};
use llm_strategy::render::Format;
use llm_strategy::{engine, report};
use shared::{LOOK, base};

/// The scenario priced, parsed once: self-hosted, so owned hardware is priced too.
fn scenario() -> &'static Answers {
    static SCENARIO: OnceLock<Answers> = OnceLock::new();
    SCENARIO.get_or_init(|| {
        shared::example(
            "high-volume-classifier-self-hosted.toml",
            include_bytes!("../../examples/high-volume-classifier-self-hosted.toml"),
        )
    })
}

/// 2026-12-01, in days since 1970-01-01: a fixed day, so the staleness warning is repeatable.
const TODAY: i64 = 20_788;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz-pricing.yaml");
    let parsed = input::text(path, data.to_vec(), Kind::Pricing)
        .and_then(|text| pricing::parse(path, &text));
    let pricing = match parsed {
        Ok(pricing) => pricing,
        Err(invalid) => {
            assert!(
                !invalid.0.is_empty(),
                "a rejected pricing file has a message"
            );
            return;
        }
    };
    let scenario = scenario();
    let estimate = cost::estimate_with_ranges(scenario, &pricing);
    for (what, figures) in [
        ("monthly", &estimate.monthly_usd),
        ("one-time", &estimate.one_time_usd),
    ] {
        for value in figures.0 {
            assert!(value.is_finite() && value >= 0.0, "{what} cost {value}");
        }
    }
    let model = CostReport {
        schema_version: report::SCHEMA_VERSION,
        scenario: &scenario.name,
        cost: &estimate,
        pricing: &pricing,
        warnings: staleness::warning(pricing.newest(), "fuzz-pricing.yaml", TODAY)
            .into_iter()
            .collect(),
    };
    for format in [Format::Table, Format::Markdown, Format::Json] {
        let text = format
            .renderer(LOOK)
            .cost(&model)
            .unwrap_or_else(|| panic!("{} renders the cost report", format.name()));
        if format == Format::Json {
            serde_json::from_str::<serde_json::Value>(&text).expect("the JSON cost report parses");
        }
    }
    let mut base = base().clone();
    base.pricing = pricing;
    let _ = engine::evaluate(&base, scenario).recommendation();
});
