//! Fuzz target `answers`: arbitrary bytes as an answers file, through `assess` as a user's
//! file flows: parse and validate, evaluate against the built-in rule base, build the report
//! (with `--explain`'s trace) and render it in every format.
//!
//! Checks: nothing panics; a rejected file has a message; every format renders the report
//! (`None` would tell the user the format is not offered); the JSON parses.

#![no_main]

// Each target uses part of what the targets share.
#[allow(dead_code)]
#[path = "shared.rs"]
mod shared;

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use llm_strategy::render::{Format, Look};
use llm_strategy::{answers, engine, report};
use shared::{LOOK, base};

fuzz_target!(|data: &[u8]| {
    let answers = match answers::parse(Path::new("fuzz.toml"), data) {
        Ok(answers) => answers,
        Err(invalid) => {
            assert!(!invalid.0.is_empty(), "a rejected file has a message");
            return;
        }
    };
    let base = base();
    let evaluation = engine::evaluate(base, &answers);
    let _ = evaluation.recommendation();
    let report = report::assess_with(base, &answers, true);
    for format in [Format::Table, Format::Markdown, Format::Json] {
        let text = format
            .renderer(LOOK)
            .assess(&report)
            .unwrap_or_else(|| panic!("{} renders the report", format.name()));
        if format == Format::Json {
            serde_json::from_str::<serde_json::Value>(&text).expect("the JSON report parses");
        }
    }
    // The one-screen summary a terminal shows without --full.
    let summary = Look {
        full: false,
        ..LOOK
    };
    assert!(Format::Table.renderer(summary).assess(&report).is_some());
});
