//! What the command line says about itself: shell completions for every shell, and the
//! manual page.

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
