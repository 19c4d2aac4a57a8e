//! Every `console` block of the README runs as shown: its `$ llm-strategy ...` lines are run in
//! order, in one directory holding a copy of `examples/` and `rules/`, each must succeed, and
//! every other line must be a line of that command's output (stdout, then stderr; a line
//! holding `...` stands for lines left out). Two hidden directives let the README's steps
//! carry state: `<!-- readme-test: edit FILE -->` before a `toml` block sets each of its
//! `key = value` lines in FILE (replacing the key's line, or uncommenting its example), and
//! `<!-- readme-test: write FILE -->` before a block writes the block to FILE.

use std::path::Path;

use crate::common::{TODAY, cli, root};

/// One step of the README, in document order.
#[derive(Debug)]
enum Step {
    /// A command line and the output lines shown under it.
    Run(String, Vec<String>),
    /// `key = value` lines to set in a file.
    Edit(String, Vec<String>),
    /// A file to write.
    Write(String, String),
}

fn steps(readme: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut directive: Option<(String, String)> = None;
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if let Some(rest) = line
            .strip_prefix("<!-- readme-test: ")
            .and_then(|r| r.strip_suffix(" -->"))
        {
            let (verb, file) = rest.split_once(' ').expect("a directive names a file");
            directive = Some((verb.to_owned(), file.to_owned()));
            continue;
        }
        let Some(info) = line.strip_prefix("```").filter(|i| !i.is_empty()) else {
            continue;
        };
        let body: Vec<&str> = lines
            .by_ref()
            .take_while(|l| !l.starts_with("```"))
            .collect();
        match (directive.take(), info) {
            (Some((verb, file)), _) if verb == "edit" => {
                steps.push(Step::Edit(
                    file,
                    body.iter().map(|l| (*l).to_owned()).collect(),
                ));
            }
            (Some((verb, file)), _) if verb == "write" => {
                steps.push(Step::Write(file, format!("{}\n", body.join("\n"))));
            }
            (Some((verb, _)), _) => panic!("unknown readme-test directive {verb}"),
            (None, "console") => {
                for line in body {
                    match line.strip_prefix("$ ") {
                        Some(command) => steps.push(Step::Run(command.to_owned(), Vec::new())),
                        None => match steps.last_mut() {
                            Some(Step::Run(_, shown)) => shown.push(line.to_owned()),
                            _ => panic!("a console block must open with `$ `: {line}"),
                        },
                    }
                }
            }
            (None, _) => {}
        }
    }
    steps
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Sets each `key = value` of `edits` in the file: the line that sets the key, or the first
/// commented example of it.
fn edit(path: &Path, edits: &[String]) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for edit in edits {
        let key = edit.split('=').next().unwrap().trim();
        let at = lines
            .iter()
            .position(|l| l.starts_with(&format!("{key} = ")))
            .or_else(|| {
                lines
                    .iter()
                    .position(|l| l.starts_with(&format!("# {key} = ")))
            })
            .unwrap_or_else(|| panic!("{} has no line for {key}", path.display()));
        lines[at].clone_from(edit);
    }
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

fn run(dir: &Path, command: &str, shown: &[String]) {
    let mut words = command.split_whitespace();
    assert_eq!(words.next(), Some("llm-strategy"), "{command}");
    let output = cli()
        .current_dir(dir)
        .env("COLUMNS", "80")
        .env("NO_COLOR", "1")
        .env("LLM_STRATEGY_TODAY", TODAY)
        .args(words)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "`{command}` failed:\n{text}");
    let lines: Vec<&str> = text.lines().collect();
    for line in shown.iter().filter(|l| !l.contains("...")) {
        assert!(
            lines.contains(&line.as_str()),
            "the README shows a line `{command}` no longer prints:\n{line}\n\nit prints:\n{text}"
        );
    }
}

#[test]
fn console_blocks_run_as_shown() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("examples"), &dir.path().join("examples"));
    copy_dir(&root().join("rules"), &dir.path().join("rules"));
    let steps = steps(&readme);
    let runs = steps.iter().filter(|s| matches!(s, Step::Run(..))).count();
    assert!(
        runs >= 5,
        "only {runs} commands in the README's console blocks"
    );
    for step in &steps {
        match step {
            Step::Run(command, shown) => run(dir.path(), command, shown),
            Step::Edit(file, edits) => edit(&dir.path().join(file), edits),
            Step::Write(file, text) => {
                let path = dir.path().join(file);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, text).unwrap();
            }
        }
    }
}
