//! `assess --since`: the review against an earlier JSON report, rendered in every format at a
//! fixed width. The earlier report is written by the same binary, so only the answers differ.

use assert_cmd::Command;

fn run(dir: &std::path::Path, args: &[&str]) -> String {
    let output = Command::cargo_bin("llm-strategy")
        .expect("binary builds")
        .current_dir(dir)
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// A directory with the bank example's JSON report, and the example with secret data.
fn scenario() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    let bank = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/regional-bank-advisor.toml"),
    )
    .expect("example");
    std::fs::write(dir.path().join("bank.toml"), &bank).expect("write");
    let previous = run(dir.path(), &["assess", "bank.toml", "--format", "json"]);
    std::fs::write(dir.path().join("previous.json"), previous).expect("write");
    let secret = bank.replace("sensitivity = \"regulated\"", "sensitivity = \"secret\"");
    std::fs::write(dir.path().join("bank.toml"), secret).expect("write");
    dir
}

fn since(format: &str) -> String {
    let dir = scenario();
    run(
        dir.path(),
        &[
            "assess",
            "bank.toml",
            "--since",
            "previous.json",
            "--width",
            "80",
            "--color",
            "never",
            "--format",
            format,
        ],
    )
}

#[test]
fn review_table() {
    let out = since("table");
    let review = &out[out.find("\nSince previous.json").expect("a review section")..];
    insta::assert_snapshot!(review);
}

#[test]
fn review_markdown() {
    let out = since("markdown");
    let start = out
        .find("### Since previous.json")
        .expect("a review section");
    let end = out.find("<!-- llm-strategy stamp").expect("the stamp");
    insta::assert_snapshot!(&out[start..end]);
}

#[test]
fn review_json() {
    let out = since("json");
    let value: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert!(value["contributions"].is_array());
    insta::assert_json_snapshot!(value["review"]);
}
