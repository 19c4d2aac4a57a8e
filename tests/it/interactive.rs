//! `init --interactive` through a pseudo-terminal: keys in, prompts out, as a person at a
//! keyboard would see and answer them. Unix only (the pseudo-terminal is a Unix device).
#![cfg(unix)]

use std::path::Path;
use std::process::Command;

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

use crate::common::{TODAY, cli};

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
const ESC: &str = "\x1b";

/// `init --interactive FILE` in `dir`, on a 100-column terminal, without colors.
fn start(dir: &Path, file: &str) -> PtySession {
    let bin = assert_cmd::cargo::cargo_bin("llm-strategy");
    let mut command = Command::new("sh");
    command
        .arg("-c")
        // A new pseudo-terminal has no size; a real one does.
        .arg(r#"stty cols 100 rows 40 && exec "$0" init --interactive "$1""#)
        .arg(bin)
        .arg(file)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("LLM_STRATEGY_TODAY", TODAY);
    spawn_command(command, Some(20_000)).expect("a pseudo-terminal")
}

/// Waits for `text`, keeping what the terminal showed up to it in `shown`.
fn expect(p: &mut PtySession, shown: &mut String, text: &str) {
    let before = p
        .exp_string(text)
        .unwrap_or_else(|e| panic!("never showed {text}: {e}"));
    shown.push_str(&before);
    shown.push_str(text);
}

/// Waits for the prompt of `key`, then types `keys`.
fn answer(p: &mut PtySession, key: &str, keys: &str) {
    expect(p, &mut String::new(), key);
    type_keys(p, keys);
}

fn type_keys(p: &mut PtySession, keys: &str) {
    p.send(keys).expect("keys sent");
    p.flush().expect("keys flushed");
}

/// The screen's text without its escape sequences (colors, cursor moves) and carriage returns.
fn plain(screen: &str) -> String {
    let mut out = String::new();
    let mut chars = screen.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' if chars.peek() == Some(&'[') => {
                chars.next();
                // Parameters, then one final byte in @..~.
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
            '\x1b' => {
                chars.next();
            }
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

fn exit_code(p: &PtySession) -> i32 {
    match p.process().wait().expect("the process ends") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("ended by {other:?}"),
    }
}

#[test]
fn answers_become_a_file_that_assess_reads() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = start(dir.path(), "bank.toml");
    let mut shown = String::new();
    let mut answer = |p: &mut PtySession, key: &str, keys: &str| {
        expect(p, &mut shown, key);
        type_keys(p, keys);
    };
    answer(&mut p, "[scenario] name", &format!("Regional bank{ENTER}"));
    answer(&mut p, "[scenario] description", ESC);
    answer(
        &mut p,
        "[data] sensitivity",
        &format!("{DOWN}{DOWN}{DOWN}{ENTER}"),
    );
    answer(
        &mut p,
        "[data] labeled_examples (examples)",
        &format!("2.5{ENTER}"),
    );
    // A wrong number is refused with the words validation uses, and asked again.
    answer(
        &mut p,
        "found a fractional count (2.5); allowed: a whole number >= 0",
        &format!("\x7f\x7f\x7f20_000{ENTER}"),
    );
    answer(&mut p, "[data] corpus_tokens (tokens) (optional)", ENTER);
    for key in ["freshness", "uniqueness", "residency"] {
        answer(&mut p, &format!("[data] {key}"), ESC);
    }
    answer(&mut p, "[team] ml_talent", &format!("{DOWN}{ENTER}"));
    answer(
        &mut p,
        "[budget] annual_usd (USD a year)",
        &format!("4e5{ENTER}"),
    );
    answer(
        &mut p,
        "[traffic] requests_per_day",
        &format!("20000{ENTER}"),
    );
    answer(&mut p, "[traffic] tokens_per_request", ESC);
    answer(&mut p, "[requirements] domain", &format!("{DOWN}{ENTER}"));
    for key in [
        "customization",
        "latency",
        "time_to_market",
        "vendor_lock_in",
        "transparency",
        "task",
        "criticality",
        "language",
        "hosting",
    ] {
        answer(&mut p, &format!("[requirements] {key}"), ESC);
    }
    shown.push_str(&p.exp_eof().unwrap());
    assert_eq!(exit_code(&p), 0);
    let shown = plain(&shown);
    // Each level is listed with its meaning, in full above and on one line in the list.
    assert!(shown.contains("law or a regulator restricts where it may go"));
    assert_readme_sample_shown(&shown);

    let written = std::fs::read_to_string(dir.path().join("bank.toml")).unwrap();
    for line in [
        "#:schema ./answers.schema.json",
        "name = \"Regional bank\"",
        "sensitivity = \"regulated\"",
        "labeled_examples = 20_000",
        "ml_talent = \"basic\"",
        "annual_usd = 4e5",
        "requests_per_day = 20000",
        "domain = \"specialized\"",
        "# corpus_tokens = 5e8",
        "# tier = \"mid\"",
    ] {
        assert!(
            written.lines().any(|l| l == line),
            "no line `{line}` in:\n{written}"
        );
    }
    assert!(!written.contains("FILL-ME-IN"));
    assert!(dir.path().join("answers.schema.json").is_file());
    cli()
        .current_dir(dir.path())
        .args(["assess", "bank.toml", "--format", "json"])
        .assert()
        .success();
}

#[test]
fn ctrl_c_stops_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = start(dir.path(), "answers.toml");
    answer(&mut p, "[scenario] name", ENTER);
    answer(&mut p, "[scenario] description", "\x03");
    p.exp_string("interrupted at scenario.description; nothing was written")
        .unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 1);
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn esc_on_a_required_question_stops_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = start(dir.path(), "answers.toml");
    answer(&mut p, "[scenario] name", ENTER);
    answer(&mut p, "[scenario] description", ESC);
    answer(&mut p, "[data] sensitivity", ESC);
    p.exp_string("stopped at data.sensitivity, which is required")
        .unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 1);
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}

/// Every line of the README's sample of `init --interactive` (but `...` and the command
/// line) is part of what the terminal showed.
fn assert_readme_sample_shown(shown: &str) {
    let readme = std::fs::read_to_string(crate::common::root().join("README.md")).unwrap();
    let start = readme
        .find("```text\n$ llm-strategy init --interactive")
        .expect("the README shows init --interactive");
    let sample = readme[start..]
        .lines()
        .skip(2)
        .take_while(|l| !l.starts_with("```"));
    for line in sample.filter(|l| !l.contains("...") && !l.is_empty()) {
        assert!(
            shown.contains(line),
            "the README shows a line init --interactive no longer shows:\n{line}\n\nit shows:\n{shown}"
        );
    }
}
