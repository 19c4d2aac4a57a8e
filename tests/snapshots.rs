//! Snapshots of `assess` for every bundled example, in every format, at a fixed width.

use std::path::Path;

use assert_cmd::Command;

fn assess(path: &Path, format: &str) -> String {
    let output = Command::cargo_bin("llm-strategy")
        .expect("binary builds")
        .args([
            "assess", "--width", "80", "--color", "never", "--format", format,
        ])
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
    insta::glob!("../examples", "*.toml", |path| {
        let out = assess(path, "table");
        for line in out.lines() {
            assert!(
                line.chars().count() <= 80,
                "line wider than 80 columns: {line:?}"
            );
        }
        insta::assert_snapshot!(out);
    });
}

#[test]
fn assess_json() {
    insta::glob!("../examples", "*.toml", |path| {
        insta::assert_snapshot!(assess(path, "json"));
    });
}
