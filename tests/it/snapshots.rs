//! Snapshots of `assess` for every bundled example, in every format, at a fixed width.

use std::path::Path;

use assert_cmd::Command;

fn assess(path: &Path, format: &str) -> String {
    assess_with(path, format, &["--full"])
}

fn assess_with(path: &Path, format: &str, extra: &[&str]) -> String {
    let output = Command::cargo_bin("llm-strategy")
        .expect("binary builds")
        .args([
            "assess", "--width", "80", "--color", "never", "--format", format,
        ])
        .args(extra)
        .arg(path)
        .env_remove("NO_COLOR")
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn assess_table() {
    insta::glob!("../../examples", "*.toml", |path| {
        let out = assess(path, "table");
        for line in out.lines() {
            // A source's link stands alone on its line and is never broken, so that terminals
            // can follow it; it is the one thing allowed past the width.
            let link = line.trim_start().starts_with("https://") && !line.trim().contains(' ');
            assert!(
                link || line.chars().count() <= 80,
                "line wider than 80 columns: {line:?}"
            );
        }
        insta::assert_snapshot!(out);
    });
}

/// The default terminal report: one screen (at most 45 lines of 80 columns) per example.
#[test]
fn assess_summary() {
    insta::glob!("../../examples", "*.toml", |path| {
        let out = assess_with(path, "table", &[]);
        let lines = out.lines().count();
        assert!(lines <= 45, "{}: {lines} lines", path.display());
        for line in out.lines() {
            assert!(
                line.chars().count() <= 80,
                "line wider than 80 columns: {line:?}"
            );
        }
        assert!(out.contains("--full"), "the summary points to --full");
        insta::assert_snapshot!(out);
    });
}

#[test]
fn assess_json() {
    insta::glob!("../../examples", "*.toml", |path| {
        insta::assert_snapshot!(assess(path, "json"));
    });
}

/// Odd but valid answers: a scenario name longer than a line, a zero budget, absurdly large
/// traffic. The report still fits 80 columns and prints no `NaN`, `inf` or raw float noise.
#[test]
fn extreme_answers_stay_readable() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let cases = [
        (
            "long-name",
            format!("name = \"{}\"", "A very long scenario name ".repeat(6)),
        ),
        ("zero-budget", String::new()),
        ("huge", String::new()),
    ];
    for (stem, scenario) in cases {
        let (budget, requests, tokens) = match stem {
            "zero-budget" => ("0", "2_000", "1_000"),
            "huge" => ("1e30", "1e30", "1e30"),
            _ => ("100_000", "2_000", "1e-300"),
        };
        let text = format!(
            "[scenario]\n{scenario}\n[data]\nsensitivity = \"internal\"\nlabeled_examples = 500\n\
             [team]\nml_talent = \"basic\"\n[budget]\nannual_usd = {budget}\n\
             [traffic]\nrequests_per_day = {requests}\ntokens_per_request = {tokens}\n"
        );
        let path = dir.path().join(format!("{stem}.toml"));
        std::fs::write(&path, text).expect("writable");
        for format in ["table", "markdown"] {
            let out = assess(&path, format);
            for word in ["NaN", "inf%", "inf ", "0000000000"] {
                assert!(
                    !out.contains(word),
                    "{stem} ({format}) shows {word:?}:\n{out}"
                );
            }
            if format == "table" {
                for line in out.lines() {
                    assert!(
                        line.chars().count() <= 80,
                        "{stem}: wider than 80: {line:?}"
                    );
                }
            }
        }
    }
}

/// When the recommendation lies outside the matrix region, the report says why that can be,
/// in the direction that applies.
#[test]
fn a_recommendation_outside_the_matrix_region_is_explained() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    // A capable team with a generic, high-volume task: it could carry more than it needs.
    let text = "[data]\nsensitivity = \"internal\"\nlabeled_examples = 3_000\n\
                [team]\nml_talent = \"experienced\"\n[budget]\nannual_usd = 1_000_000\n\
                [traffic]\nrequests_per_day = 500_000\ntokens_per_request = 1_000\n\
                [requirements]\ndomain = \"generic\"\ncustomization = \"none\"\n";
    let path = dir.path().join("capable.toml");
    std::fs::write(&path, text).expect("writable");
    let out = assess(&path, "table");
    assert!(out.contains("could carry a heavier option"), "{out}");
    let bank = assess(Path::new("examples/regional-bank-advisor.toml"), "markdown");
    assert!(
        bank.contains("ask for more control than the organization can carry"),
        "{bank}"
    );
    let saas = assess(Path::new("examples/saas-support-docs.toml"), "table");
    assert!(!saas.contains("points to"), "{saas}");
}
