//! Help that teaches: snapshots of the top-level help and every command's `--help` at 80
//! columns, each command's examples run against the bundled files, shell completions for
//! every shell, and the manual page.

use std::path::Path;
use std::process::Output;

use clap::CommandFactory as _;

use crate::common::{cli, root, stdout};

/// Every command a user runs, as its words after `llm-strategy`: `["assess"]`, ...,
/// `["rules", "list"]`, ...; `help` left out.
fn command_paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, prefix: &[String], found: &mut Vec<Vec<String>>) {
        for sub in cmd.get_subcommands() {
            if sub.get_name() == "help" {
                continue;
            }
            let mut path = prefix.to_vec();
            path.push(sub.get_name().to_owned());
            found.push(path.clone());
            walk(sub, &path, found);
        }
    }
    let mut found = Vec::new();
    walk(&llm_strategy::Cli::command(), &[], &mut found);
    assert!(found.len() >= 12, "too few commands: {found:?}");
    found
}

/// The binary's output for `args` at 80 columns, whatever the terminal.
fn run_at_80(args: &[String]) -> Output {
    cli()
        .current_dir(root())
        .args(args)
        .env("COLUMNS", "80")
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}

#[test]
fn top_level_help() {
    let long = stdout(&run_at_80(&["--help".to_owned()]));
    insta::assert_snapshot!("help", long);
    let short = stdout(&run_at_80(&["-h".to_owned()]));
    insta::assert_snapshot!("help_short", short);
}

#[test]
fn every_command_has_help_with_examples() {
    for path in command_paths() {
        let mut args = path.clone();
        args.push("--help".to_owned());
        let help = stdout(&run_at_80(&args));
        let name = path.join(" ");
        let about = help.lines().next().unwrap_or_default();
        assert!(
            !about.is_empty() && !about.starts_with("Usage"),
            "{name}: no description"
        );
        assert!(
            help.contains("\nExamples:\n  "),
            "{name}: no examples\n{help}"
        );
        assert!(
            help.contains(&format!("llm-strategy {name}")),
            "{name}: the examples do not run it\n{help}"
        );
        insta::assert_snapshot!(format!("help_{}", path.join("_")), help);
    }
}

/// The examples of a help text, each a command line with its continuation lines joined.
fn examples(help: &str) -> Vec<String> {
    let Some((_, section)) = help.split_once("Examples:\n") else {
        return Vec::new();
    };
    let mut found: Vec<String> = Vec::new();
    let mut continued = false;
    for line in section.lines().take_while(|l| l.starts_with("  ")) {
        let line = line.trim();
        if continued {
            let last = found.last_mut().expect("a line to continue");
            last.push(' ');
            last.push_str(line.trim_end_matches('\\').trim_end());
        } else if !line.starts_with('#') {
            found.push(line.trim_end_matches('\\').trim_end().to_owned());
        }
        continued = line.ends_with('\\');
    }
    found
}

#[test]
fn examples_fit_80_columns_and_name_bundled_files() {
    let mut help = vec![llm_strategy::Cli::command().render_long_help().to_string()];
    let top = llm_strategy::Cli::command();
    for path in command_paths() {
        let mut cmd = &top;
        for word in &path {
            cmd = cmd.find_subcommand(word).expect("the command exists");
        }
        let after = cmd.get_after_help().map(ToString::to_string);
        help.push(format!("Examples:\n{}", after.unwrap_or_default()));
    }
    for text in &help {
        let (_, section) = text.split_once("Examples:\n").expect("examples");
        for line in section.lines() {
            // Wider lines would be wrapped by clap at 80 columns, splitting a command.
            assert!(line.chars().count() <= 80, "example wider than 80: {line}");
        }
        for example in examples(text) {
            for word in example.split_whitespace() {
                if word.starts_with("examples/") || word.starts_with("rules/") {
                    assert!(root().join(word).exists(), "{example}: no {word}");
                }
            }
        }
    }
}

/// The examples of `assess`, `compare`, `cost`, `questions`, `init`, `schema` and the quick
/// `rules` commands run as shown, in a copy of `examples/`, `rules/` and the README (so files
/// they write land there), and succeed.
#[test]
fn quick_examples_run_as_shown() {
    let dir = tempfile::tempdir().unwrap();
    for sub in [
        "examples",
        "rules",
        "rules/tests",
        "rules/tests/calibration",
    ] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        for entry in std::fs::read_dir(root().join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                std::fs::copy(&path, dir.path().join(sub).join(path.file_name().unwrap())).unwrap();
            }
        }
    }
    // `questions --embed README.md` keeps the README's region current.
    std::fs::copy(root().join("README.md"), dir.path().join("README.md")).unwrap();
    let mut ran = 0;
    for path in command_paths() {
        let mut words = path.clone();
        words.push("--help".to_owned());
        let help = stdout(&run_at_80(&words));
        for example in examples(&help) {
            let slow = [
                "coverage",
                "calibrate",
                "--cross-validate",
                "completions",
                "man",
            ];
            let shell = ["|", ">", "&&", "my-rules/", "$"];
            // It asks at a terminal; `interactive.rs` runs it through a pseudo-terminal.
            let terminal = ["--interactive"];
            if slow
                .iter()
                .chain(&shell)
                .chain(&terminal)
                .any(|w| example.contains(w))
            {
                continue;
            }
            run_example(&example, dir.path());
            ran += 1;
        }
    }
    assert!(ran >= 10, "only {ran} examples ran");
}

/// Runs one example command line (words, with `< FILE` for standard input) in `dir`.
fn run_example(example: &str, dir: &Path) {
    let mut words: Vec<&str> = example.split_whitespace().collect();
    assert_eq!(words.remove(0), "llm-strategy", "{example}");
    let mut cmd = cli();
    cmd.current_dir(dir).env("COLUMNS", "80");
    if let Some(at) = words.iter().position(|w| *w == "<") {
        cmd.pipe_stdin(dir.join(words[at + 1])).unwrap();
        words.drain(at..at + 2);
    }
    let output = cmd.args(&words).output().expect("the binary runs");
    assert!(
        output.status.success(),
        "{example}: exit {:?}\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn completions_for_every_shell_name_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout(&run_at_80(&["completions".to_owned(), shell.to_owned()]));
        assert!(script.len() > 1000, "{shell}: {} bytes", script.len());
        for path in command_paths() {
            let last = path.last().expect("a word");
            assert!(script.contains(last.as_str()), "{shell}: no {last}");
        }
        // Fish names options without their dashes (`-l format`).
        for option in ["format", "output", "width", "embed"] {
            assert!(script.contains(option), "{shell}: no {option}");
        }
    }
}

#[test]
fn man_page_is_roff_naming_every_command() {
    let page = stdout(&run_at_80(&["man".to_owned()]));
    assert!(page.starts_with(".TH llm-strategy 1 "), "{}", &page[..80]);
    for section in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "COMMANDS",
        "EXAMPLES",
    ] {
        assert!(page.contains(&format!("\n.SH {section}\n")), "no {section}");
    }
    assert!(page.contains("\n.SH \"EXIT STATUS\"\n"));
    for path in command_paths() {
        let heading = format!(".SS \"llm\\-strategy {}\"", path.join(" "));
        assert!(page.contains(&heading), "no {heading}");
    }
    for line in page.lines() {
        // Every control line is a known request, so the page reads the same in any man.
        if let Some(request) = line.strip_prefix('.') {
            let name = request.split_whitespace().next().unwrap_or_default();
            let known = [
                "TH", "SH", "SS", "PP", "TP", "IP", "RS", "RE", "br", "nf", "fi",
            ];
            assert!(
                known.contains(&name) || ["ie", "el"].contains(&name),
                "{line}"
            );
        }
    }
    // Where groff is installed, it reads the page without a warning.
    let groff = std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    if let Ok(mut child) = groff {
        use std::io::Write as _;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(page.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success() && out.stderr.is_empty(), "{out:?}");
    }
}

#[test]
fn no_command_prints_the_first_steps_and_exits_2() {
    let output = run_at_80(&[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let text = String::from_utf8_lossy(&output.stderr);
    assert!(
        text.starts_with("Usage: llm-strategy [OPTIONS] <COMMAND>"),
        "{text}"
    );
    assert!(text.contains("llm-strategy init"), "{text}");
    assert!(
        text.contains("llm-strategy assess examples/regional-bank-advisor.toml"),
        "{text}"
    );
}
