//! `init`: the commented answers file, which fails `assess` until its placeholders are
//! replaced and passes once they are, never overwrites a file without `--force`, and writes
//! the schema its `#:schema` line points at.

use std::fmt::Write as _;
use std::path::Path;

use llm_strategy::questions::{PLACEHOLDER, QUESTIONS, SETTINGS};

use crate::common::{cli, stderr_of};

/// The template with each placeholder replaced by its question's example.
pub(crate) fn fill_in(template: &str) -> String {
    let placeholder = format!(" = \"{PLACEHOLDER}\"");
    let mut out = String::new();
    for line in template.lines() {
        match line.strip_suffix(&placeholder) {
            Some(key) => {
                let q = QUESTIONS
                    .iter()
                    .find(|q| q.key == key)
                    .unwrap_or_else(|| panic!("a placeholder for an unknown key: {line}"));
                let _ = writeln!(out, "{key} = {}", q.example);
            }
            None => {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    out
}

/// The template with every commented-out example answer uncommented.
pub(crate) fn uncomment_every_example(template: &str) -> String {
    let keys: Vec<&str> = QUESTIONS
        .iter()
        .map(|q| q.key)
        .chain(SETTINGS.iter().map(|s| s.key))
        .collect();
    let mut uncommented = 0;
    let mut out = String::new();
    for line in template.lines() {
        let answer = line
            .strip_prefix("# ")
            .filter(|rest| keys.iter().any(|k| rest.starts_with(&format!("{k} = "))));
        if let Some(answer) = answer {
            uncommented += 1;
            out.push_str(answer);
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    let optional = QUESTIONS.iter().filter(|q| !q.required).count() + SETTINGS.len();
    assert_eq!(
        uncommented, optional,
        "every optional key has an example line"
    );
    out
}

/// Runs the binary in `dir`.
fn run_in(dir: &Path, args: &[&str]) -> std::process::Output {
    cli()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn init_writes_a_file_that_assess_rejects_until_it_is_filled_in() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = run_in(dir.path(), &["init"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let path = dir.path().join("answers.toml");
    let template = read(&path);
    assert!(
        template.starts_with("#:schema ./answers.schema.json\n"),
        "{template}"
    );
    // The comments, unwrapped, hold every description and each level with its meaning.
    let words = template
        .split_whitespace()
        .filter(|w| *w != "#")
        .collect::<Vec<_>>()
        .join(" ");
    for q in &QUESTIONS {
        assert!(words.contains(q.description), "{}", q.description);
        for (level, meaning) in q.levels().unwrap_or_default().iter().zip(q.meanings) {
            assert!(words.contains(&format!("{level} {meaning}")), "{level}");
        }
    }

    let assess = run_in(dir.path(), &["assess", "answers.toml"]);
    assert_eq!(assess.status.code(), Some(2));
    let message = stderr_of(&assess);
    for q in QUESTIONS.iter().filter(|q| q.required) {
        let line = format!("[{}] {}: fill me in: {}\n", q.section, q.key, q.allowed());
        assert!(message.contains(&line), "{line}\n{message}");
    }

    std::fs::write(&path, fill_in(&template)).expect("written");
    let assess = run_in(dir.path(), &["assess", "answers.toml"]);
    assert!(assess.status.success(), "{}", stderr_of(&assess));

    std::fs::write(&path, uncomment_every_example(&fill_in(&template))).expect("written");
    let assess = run_in(dir.path(), &["assess", "answers.toml"]);
    assert!(assess.status.success(), "{}", stderr_of(&assess));
}

#[test]
fn init_never_overwrites_without_force() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("mine.toml");
    std::fs::write(&path, "# my answers\n").expect("written");
    let out = run_in(dir.path(), &["init", "mine.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr_of(&out),
        "error: mine.toml already exists; pass --force to overwrite it\n"
    );
    assert_eq!(read(&path), "# my answers\n");
    assert!(!dir.path().join("answers.schema.json").exists());
    // Nothing is left behind: no temporary file beside it.
    assert_eq!(std::fs::read_dir(dir.path()).expect("listed").count(), 1);

    let out = run_in(dir.path(), &["init", "--force", "mine.toml"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(read(&path).contains(PLACEHOLDER));
}

#[test]
fn the_schema_goes_beside_the_file_and_a_different_one_is_kept_without_force() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::create_dir(dir.path().join("plans")).expect("created");
    let schema = dir.path().join("plans/answers.schema.json");
    std::fs::write(&schema, "{}\n").expect("written");
    let out = run_in(dir.path(), &["init", "plans/bank.toml"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        read(&dir.path().join("plans/bank.toml")).starts_with("#:schema ./answers.schema.json\n")
    );
    assert_eq!(read(&schema), "{}\n");
    assert!(
        stderr_of(&out).contains("kept plans/answers.schema.json"),
        "{}",
        stderr_of(&out)
    );

    let out = run_in(dir.path(), &["init", "--force", "plans/bank.toml"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let printed = run_in(dir.path(), &["schema"]);
    assert_eq!(read(&schema).as_bytes(), printed.stdout.as_slice());
}

#[test]
fn no_schema_writes_neither_the_schema_nor_the_directive() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = run_in(dir.path(), &["init", "--no-schema"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(!read(&dir.path().join("answers.toml")).contains("#:schema"));
    assert!(!dir.path().join("answers.schema.json").exists());
}
