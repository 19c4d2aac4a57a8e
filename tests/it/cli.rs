//! End-to-end tests of the `llm-strategy` binary on good input: every example is assessed,
//! the JSON report keeps its contract, the repository's rules match the built-in ones, and
//! colors follow `--color` and `NO_COLOR`.
//!
//! Bad input (answers files, rule directories, usage errors, missing files) is tested by the
//! command-line cases under `tests/cmd/`, each with its exact exit status and output.

use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

use crate::common::{cli, examples, root, stderr_of};

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// The example assessed from another directory and with each color setting.
const BANK_EXAMPLE: &str = "examples/regional-bank-advisor.toml";

/// Runs `assess --format json` on `file` and parses the report.
/// `assess FILE --format json`, with `rules` as `(option, DIR)` when given.
fn assess_json(file: &Path, rules: Option<(&str, &Path)>) -> Value {
    let mut cmd = cli();
    cmd.current_dir(root())
        .arg("assess")
        .arg(file)
        .args(["--format", "json"]);
    if let Some((option, dir)) = rules {
        cmd.arg(option).arg(dir);
    }
    let output = cmd.output().expect("the binary runs");
    assert!(
        output.status.success(),
        "{}: exit {:?}\n{}",
        file.display(),
        output.status.code(),
        stderr_of(&output)
    );
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{}: output is not JSON: {e}", file.display()))
}

// ---------------------------------------------------------------------------------------
// Good paths
// ---------------------------------------------------------------------------------------

#[test]
fn every_example_is_assessed() {
    for file in examples() {
        cli()
            .current_dir(root())
            .arg("assess")
            .arg(&file)
            .assert()
            .success()
            .stdout(predicate::str::contains("Recommendation:"));
    }
}

/// Keys of a JSON object, sorted.
fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

#[test]
fn every_example_gives_a_json_report_within_the_contract() {
    for file in examples() {
        let name = file.display();
        let report = assess_json(&file, None);
        assert_eq!(report["schema_version"], 1, "{name}");
        assert!(report["scenario"]["name"].is_string(), "{name}");

        let strategy = report["recommendation"]["strategy"].as_str().unwrap_or("");
        let approach = report["recommendation"]["approach"].as_str().unwrap_or("");
        let allowed: &[&str] = match strategy {
            "A" => &["prompting", "rag"],
            "B" => &["fine-tune"],
            "C" => &["prompting", "rag", "fine-tune"],
            "D" => &["train"],
            other => panic!("{name}: strategy {other:?} is not one of A-D"),
        };
        assert!(
            allowed.contains(&approach),
            "{name}: {strategy} + {approach:?} is outside the spec's table"
        );

        assert_eq!(
            keys(&report["scores"]["strategy"]),
            ["A", "B", "C", "D"],
            "{name}"
        );
        assert_eq!(
            keys(&report["scores"]["approach"]),
            ["fine-tune", "prompting", "rag", "train"],
            "{name}"
        );
        for score in report["scores"]["strategy"]
            .as_object()
            .into_iter()
            .chain(report["scores"]["approach"].as_object())
            .flat_map(|scores| scores.values())
        {
            assert!(score.is_number(), "{name}: score {score}");
        }

        for axis in ["control", "complexity"] {
            let value = report["matrix"][axis]
                .as_f64()
                .unwrap_or_else(|| panic!("{name}: matrix.{axis} is not a number"));
            assert!(
                (0.0..=10.0).contains(&value),
                "{name}: matrix.{axis} = {value} is outside 0..=10"
            );
        }
    }
}

#[test]
fn repo_rules_dir_gives_the_same_report_as_the_built_in_rules() {
    let rules = Path::new("rules");
    for file in examples() {
        let built_in = assess_json(&file, None);
        assert_eq!(
            assess_json(&file, Some(("--rules-only", rules))),
            built_in,
            "{}",
            file.display()
        );
        // Laid over the built-in rules, every rule replaces itself: the same report, but the
        // rules hash covers both sets of files.
        let mut layered = assess_json(&file, Some(("--rules", rules)));
        assert_ne!(layered["stamp"]["rules"], built_in["stamp"]["rules"]);
        layered["stamp"]["rules"] = built_in["stamp"]["rules"].clone();
        assert_eq!(layered, built_in, "{}", file.display());
    }
}

#[test]
fn works_from_another_directory_with_built_in_rules() {
    let elsewhere = TempDir::new().expect("temp dir");
    cli()
        .current_dir(elsewhere.path())
        .arg("assess")
        .arg(root().join(BANK_EXAMPLE))
        .assert()
        .success()
        .stdout(predicate::str::contains("Recommendation:"));
}

#[test]
fn no_color_env_turns_auto_color_off() {
    cli()
        .current_dir(root())
        .env("NO_COLOR", "1")
        .args(["assess", BANK_EXAMPLE, "--color", "auto"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Recommendation:")
                .and(predicate::str::contains("\x1b[").not()),
        );
}

#[test]
fn color_always_uses_ansi_codes() {
    cli()
        .current_dir(root())
        .env_remove("NO_COLOR")
        .args(["assess", BANK_EXAMPLE, "--color", "always"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\x1b["));
}
