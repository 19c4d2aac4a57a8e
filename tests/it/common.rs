//! Helpers shared by every integration test: the binary, the crate's root, the bundled
//! examples, and reading a run's output.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

/// The binary under test.
/// The date the tests run on, as far as the binary knows.
pub(crate) const TODAY: &str = "2026-11-30";

pub(crate) fn cli() -> Command {
    let mut cmd = Command::cargo_bin("llm-strategy").expect("the llm-strategy binary is built");
    // Reports warn when the prices are old; a fixed today keeps the output reproducible.
    cmd.env("LLM_STRATEGY_TODAY", TODAY);
    cmd
}

/// The crate's root directory (where `examples/` and `rules/` live).
pub(crate) fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every answers file in `examples/`, sorted.
pub(crate) fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .expect("examples/ is readable")
        .map(|entry| entry.expect("examples/ entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "too few examples: {files:?}");
    files
}

/// A run's stderr as text.
pub(crate) fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A successful run's stdout; fails the test with the run's stderr otherwise.
pub(crate) fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

/// Parses JSON output, failing the test with the text when it is not JSON.
pub(crate) fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// Runs the binary in the crate root with `--color never` and `args`, whatever the caller's
/// `NO_COLOR` and `COLUMNS`.
pub(crate) fn run<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    cli()
        .current_dir(root())
        .args(args)
        .args(["--color", "never"])
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .output()
        .expect("the binary runs")
}
