//! Fuzz target `rules`: arbitrary bytes as one rule file laid over the built-in rule base, as
//! `--rules DIR` reads a directory holding it: load and check, then (when it is accepted)
//! summarize it as `rules check` does and assess one fixed scenario with it.
//!
//! Checks: nothing panics; a rejected file has a message; an accepted rule base advises the
//! scenario and renders the report as JSON that parses.

#![no_main]

// Each target uses part of what the targets share.
#[allow(dead_code)]
#[path = "shared.rs"]
mod shared;

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use llm_strategy::answers::Answers;
use llm_strategy::render::Format;
use llm_strategy::rules::{self, RuleFile};
use llm_strategy::{engine, inspect, report};
use shared::LOOK;

/// The scenario every accepted rule base is asked about, parsed once.
fn scenario() -> &'static Answers {
    static SCENARIO: OnceLock<Answers> = OnceLock::new();
    SCENARIO.get_or_init(|| {
        shared::example(
            "regional-bank-advisor.toml",
            include_bytes!("../../examples/regional-bank-advisor.toml"),
        )
    })
}

fuzz_target!(|data: &[u8]| {
    let file = RuleFile {
        path: PathBuf::from("mine/fuzz.yaml"),
        bytes: data.to_vec(),
    };
    let base = match rules::over_built_in(&[file]) {
        Ok(base) => base,
        Err(invalid) => {
            assert!(!invalid.0.is_empty(), "a rejected rule file has a message");
            return;
        }
    };
    let _ = inspect::check_summary(&base, "mine");
    let scenario = scenario();
    let _ = engine::evaluate(&base, scenario).recommendation();
    let report = report::assess(&base, scenario);
    let json = Format::Json
        .renderer(LOOK)
        .assess(&report)
        .expect("json renders the report");
    serde_json::from_str::<serde_json::Value>(&json).expect("the JSON report parses");
});
