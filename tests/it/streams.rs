//! Standard output and error that cannot be written: a report that cannot be printed is an
//! error (exit status 1, said on stderr as far as it can be), a notice that cannot be printed
//! is dropped, and nothing panics (exit status 101).

use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::common::{TODAY, root};

const BANK: &str = "examples/regional-bank-advisor.toml";

/// The binary with `args`, in the crate root, at a fixed date.
fn command(args: &[&str]) -> Command {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("llm-strategy"));
    command
        .current_dir(root())
        .args(args)
        .env("LLM_STRATEGY_TODAY", TODAY);
    command
}

/// `/dev/full`, where every write fails with "No space left on device".
fn full() -> Stdio {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full")
        .into()
}

/// Runs the binary through `sh` with `redirect` (such as `>&-`) applied to it.
fn through_shell(args: &[&str], redirect: &str) -> Output {
    let binary = assert_cmd::cargo::cargo_bin("llm-strategy");
    Command::new("sh")
        .current_dir(root())
        .arg("-c")
        .arg(format!("exec \"$0\" \"$@\" {redirect}"))
        .arg(binary)
        .args(args)
        .env("LLM_STRATEGY_TODAY", TODAY)
        .output()
        .expect("sh runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A scratch document holding an empty region for [`BANK`].
fn document() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plan.md");
    std::fs::write(
        &path,
        "<!-- llm-strategy:begin regional-bank-advisor -->\n<!-- llm-strategy:end regional-bank-advisor -->\n",
    )
    .expect("write document");
    (dir, path)
}

fn embedded(path: &Path) -> bool {
    std::fs::read_to_string(path)
        .expect("read document")
        .contains("## ")
}

#[test]
fn a_full_stdout_is_an_error_said_on_stderr() {
    let output = command(&["assess", BANK])
        .stdout(full())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "error: cannot write to standard output: No space left on device (os error 28)\n"
    );
}

#[test]
fn a_closed_stdout_is_an_error_and_dev_null_is_not() {
    let closed = through_shell(&["assess", BANK], ">&-");
    assert_eq!(closed.status.code(), Some(1), "{}", stderr(&closed));
    assert_eq!(
        stderr(&closed),
        "error: cannot write to standard output: it is closed\n"
    );
    let discarded = through_shell(&["assess", BANK], ">/dev/null");
    assert_eq!(discarded.status.code(), Some(0), "{}", stderr(&discarded));
    for help in [&["--help"][..], &["assess", "--help"]] {
        let lost = through_shell(help, ">&-");
        assert_eq!(lost.status.code(), Some(1), "{help:?}: {}", stderr(&lost));
    }
}

#[test]
fn help_that_cannot_be_printed_is_an_error() {
    let output = command(&["--help"]).stdout(full()).output().expect("runs");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with("error: cannot write to standard output: "),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_embed_succeeds_whatever_becomes_of_its_notice() {
    // stderr on a full disk, closed by the shell, and a pipe nobody reads.
    let (_dir, path) = document();
    let args = [
        "assess",
        BANK,
        "--embed",
        path.to_str().expect("UTF-8 path"),
    ];
    let output = command(&args).stderr(full()).output().expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert!(embedded(&path));

    let (_dir, path) = document();
    let args = [
        "assess",
        BANK,
        "--embed",
        path.to_str().expect("UTF-8 path"),
    ];
    let output = through_shell(&args, "2>&-");
    assert_eq!(output.status.code(), Some(0));
    assert!(embedded(&path));

    let (_dir, path) = document();
    let args = [
        "assess",
        BANK,
        "--embed",
        path.to_str().expect("UTF-8 path"),
    ];
    let mut child = command(&args).stderr(Stdio::piped()).spawn().expect("runs");
    drop(child.stderr.take());
    assert_eq!(child.wait().expect("finishes").code(), Some(0));
    assert!(embedded(&path));
}

#[test]
fn an_error_with_a_full_stderr_keeps_its_exit_status() {
    let output = command(&["assess", "no-such-file.toml"])
        .stderr(full())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let usage = command(&["assess", "--no-such-option"])
        .stderr(full())
        .output()
        .expect("runs");
    assert_eq!(usage.status.code(), Some(2));
}
