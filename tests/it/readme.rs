//! The README's sample outputs are what the binary prints today.
//!
//! Each `text` block the README shows under a command is checked line by line against that
//! command's output (lines reading `...` stand for rows left out), and the table of bundled
//! examples against each example's recommendation.

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).expect("README.md is readable")
}

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_llm-strategy"))
        .current_dir(root())
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1")
        .env("LLM_STRATEGY_TODAY", crate::common::TODAY)
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(out.status.success(), "{args:?} failed: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The `text` block that opens with a line starting with `first`.
fn block<'a>(readme: &'a str, first: &str) -> Vec<&'a str> {
    let start = readme
        .find(&format!("```text\n{first}"))
        .unwrap_or_else(|| panic!("README has no text block opening with {first:?}"));
    readme[start..]
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with("```"))
        .collect()
}

/// Every line of the block, except `...` rows, is a line of the output.
fn assert_lines_shown(block: &[&str], output: &str, what: &str) {
    let lines: Vec<&str> = output.lines().collect();
    for line in block {
        if line.contains("...") {
            continue;
        }
        assert!(
            lines.contains(line),
            "README's sample of {what} shows a line the binary no longer prints:\n{line}\n\nactual output:\n{output}"
        );
    }
}

#[test]
fn what_if_sample_is_current() {
    let readme = readme();
    let sample = block(&readme, "What would change it");
    let output = run(&["assess", "examples/regional-bank-advisor.toml", "--full"]);
    assert_lines_shown(
        &sample,
        &output,
        "assess examples/regional-bank-advisor.toml",
    );
}

#[test]
fn compare_sample_is_current() {
    let readme = readme();
    let sample = block(&readme, "┌");
    let output = run(&[
        "compare",
        "examples/regional-bank-advisor.toml",
        "examples/saas-support-docs.toml",
        "examples/pharma-rnd-on-prem.toml",
        "--width",
        "100",
    ]);
    assert_lines_shown(&sample, &output, "compare ... --width 100");
}

#[test]
fn cost_sample_matches_the_cost_section() {
    let readme = readme();
    let sample = block(&readme, "Strategy  Usage/mo");
    let output = run(&[
        "assess",
        "examples/finance-data-monopoly.toml",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&output).expect("JSON");
    let cost = &report["cost"];
    let money = |v: &serde_json::Value| llm_strategy::number::money(v.as_f64().expect("a number"));
    for strategy in ["A", "B", "C", "D"] {
        let row = sample
            .iter()
            .find(|l| l.starts_with(&format!("{strategy} ")))
            .unwrap_or_else(|| panic!("no row for {strategy}"));
        let cells: Vec<&str> = row.split_whitespace().collect();
        for (i, key) in [(1, "monthly_usage_usd"), (2, "monthly_staff_usd")] {
            let want = money(&cost[key][strategy]);
            assert!(
                cells.get(i) == Some(&want.as_str()),
                "README's {key} of {strategy} is not {want}: {row}"
            );
        }
    }
    let text = run(&[
        "assess",
        "examples/finance-data-monopoly.toml",
        "--width",
        "100",
        "--full",
    ]);
    let break_even = sample
        .iter()
        .find(|l| l.starts_with("Self-hosting costs less"))
        .expect("a break-even line");
    assert!(
        text.lines().any(|l| l == *break_even),
        "README's break-even line is stale: {break_even}"
    );
}

#[test]
fn bundled_examples_table_matches_the_advice() {
    let readme = readme();
    let mut rows = 0;
    for line in readme.lines().filter(|l| l.starts_with("| `examples/")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let file = cells[1].trim_matches('`');
        let report: serde_json::Value =
            serde_json::from_str(&run(&["assess", file, "--format", "json"])).expect("JSON");
        let rec = &report["recommendation"];
        let advice = format!(
            "{} / {}",
            rec["strategy"].as_str().expect("strategy"),
            rec["approach"].as_str().expect("approach")
        );
        assert_eq!(cells[3], advice, "{file}");
        assert_eq!(cells[2], report["scenario"]["name"], "{file}");
        rows += 1;
    }
    let examples = std::fs::read_dir(root().join("examples"))
        .expect("examples/")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "toml"))
        })
        .count();
    assert_eq!(rows, examples, "README lists {rows} of {examples} examples");
}

#[test]
fn questionnaire_region_is_current() {
    // The README's questionnaire is `questions --format markdown`, embedded; --check fails
    // (exit 1, with a diff) when the definitions changed and the README did not.
    let out = Command::new(env!("CARGO_BIN_EXE_llm-strategy"))
        .current_dir(root())
        .args(["questions", "--embed", "README.md", "--check"])
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "the README's questionnaire is stale; run `llm-strategy questions --embed README.md`:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn init_sample_is_current() {
    let readme = readme();
    let sample = block(&readme, "$ llm-strategy init\n");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut output = String::new();
    for args in [&["init"][..], &["assess", "answers.toml"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_llm-strategy"))
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .args(args)
            .output()
            .expect("the binary runs");
        output.push_str(&String::from_utf8_lossy(&out.stderr));
    }
    let shown: Vec<&str> = sample
        .iter()
        .copied()
        .filter(|l| !l.starts_with("$ "))
        .collect();
    assert_lines_shown(&shown, &output, "init, then assess");
}
