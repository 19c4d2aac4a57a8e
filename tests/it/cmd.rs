//! Command-line cases under `tests/cmd/`: arguments, exit status and exact output.
//!
//! Cases that need a file the repository cannot hold (a FIFO, a hard link, a read-only
//! or foreign-owned document, a closed or full stream, an input of many megabytes) run
//! `sh -c SCRIPT` with `llm-strategy` first on the `PATH`; the script builds the input in
//! the case's sandbox and runs the command.

use std::path::Path;

#[test]
fn cli_cases() {
    let bin = Path::new(env!("CARGO_BIN_EXE_llm-strategy"));
    let dir = bin.parent().expect("the binary is in a directory");
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path = std::env::join_paths(
        std::iter::once(dir.to_path_buf()).chain(std::env::split_paths(&path)),
    )
    .expect("the PATH joins");
    let cases = trycmd::TestCases::new();
    cases
        .env("LLM_STRATEGY_TODAY", crate::common::TODAY)
        .env("PATH", path.to_string_lossy())
        .case("tests/cmd/*.toml")
        .case("tests/cmd/*.trycmd");
    #[cfg(unix)]
    cases.register_bin("sh", Path::new("/bin/sh"));
}
