//! Input from anywhere and output to a file: `-` reads an answers file from standard input
//! (in `assess`, `cost` and once in `compare`), and `-o FILE` writes what a command would
//! print into FILE. Refusals with exact messages are the `*-stdin-*` and `*-output-*` cases
//! under `tests/cmd/`.

use std::path::Path;
use std::process::Output;

use crate::common::{cli, json, root, stderr_of, stdout};

/// The bundled example read from a file and from standard input.
const BANK: &str = "examples/regional-bank-advisor.toml";
const SAAS: &str = "examples/saas-support-docs.toml";

/// Runs the binary in the crate root at 80 columns without colors, with `stdin` (a file)
/// as standard input when given.
fn run(args: &[&str], stdin: Option<&Path>) -> Output {
    let mut cmd = cli();
    cmd.current_dir(root())
        .args(args)
        .args(["--width", "80", "--color", "never"])
        .env_remove("NO_COLOR");
    if let Some(file) = stdin {
        cmd.pipe_stdin(file).expect("stdin file readable");
    }
    cmd.output().expect("the binary runs")
}

#[test]
fn assess_and_cost_read_the_same_answers_from_stdin() {
    let bank = root().join(BANK);
    for command in ["assess", "cost"] {
        for format in ["table", "json", "markdown"] {
            let from_file = stdout(&run(&[command, BANK, "--format", format], None));
            let from_stdin = stdout(&run(&[command, "-", "--format", format], Some(&bank)));
            assert_eq!(from_stdin, from_file, "{command} --format {format}");
        }
    }
}

#[test]
fn compare_reads_one_scenario_from_stdin_named_stdin() {
    let bank = root().join(BANK);
    let from_files = json(&stdout(&run(&["compare", BANK, SAAS, "-f", "json"], None)));
    let output = run(&["compare", "-", SAAS, "-f", "json"], Some(&bank));
    let with_stdin = json(&stdout(&output));
    assert_eq!(with_stdin["files"][0], "<stdin>");
    assert_eq!(with_stdin["files"][1], SAAS);
    assert_eq!(with_stdin["scenarios"], from_files["scenarios"]);
    // As the baseline too: `--baseline -` is the `-` among the inputs, not a third scenario.
    let output = run(
        &["compare", SAAS, "-", "--baseline", "-", "-f", "json"],
        Some(&bank),
    );
    let baseline = json(&stdout(&output));
    assert_eq!(baseline["files"].as_array().map(Vec::len), Some(2));
    assert_eq!(baseline["baseline"], 1, "{baseline:#}");
}

#[test]
fn a_scenario_from_stdin_without_a_name_is_called_stdin_and_embeds_as_region_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(BANK)).unwrap();
    // The example without its [scenario] table.
    let start = text
        .find("[scenario]")
        .expect("the example names its scenario");
    let rest = &text[start + 1..];
    let end = rest.find("\n[").map_or(text.len(), |i| start + 1 + i + 1);
    let unnamed = format!("{}{}", &text[..start], &text[end..]);
    let answers = dir.path().join("unnamed.toml");
    std::fs::write(&answers, unnamed).unwrap();

    let report = json(&stdout(&run(
        &["assess", "-", "-f", "json"],
        Some(&answers),
    )));
    assert_eq!(
        report["scenario"]["name"], "stdin",
        "{:#}",
        report["scenario"]
    );

    let doc = dir.path().join("plan.md");
    std::fs::write(
        &doc,
        "# Plan\n<!-- llm-strategy:begin stdin -->\n<!-- llm-strategy:end stdin -->\n",
    )
    .unwrap();
    let output = run(
        &["assess", "-", "--embed", doc.to_str().unwrap()],
        Some(&answers),
    );
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(stderr_of(&output).contains("region \"stdin\" updated"));
    assert!(std::fs::read_to_string(&doc).unwrap().contains("## stdin"));
}

#[test]
fn stdin_over_the_size_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.toml");
    std::fs::write(&big, "#".repeat(1024 * 1024 + 1)).unwrap();
    let output = run(&["assess", "-"], Some(&big));
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr_of(&output),
        "error: <stdin>: the answers file is larger than the limit of 1 MiB\n"
    );
}

/// Every command that prints a report writes the same bytes into `-o FILE`, and nothing on
/// stdout.
#[test]
fn output_writes_what_would_be_printed() {
    let dir = tempfile::tempdir().unwrap();
    let commands: [&[&str]; 9] = [
        &["assess", BANK],
        &["assess", BANK, "--format", "markdown", "--explain"],
        &["compare", BANK, SAAS, "--format", "json"],
        &["cost", SAAS, "--format", "markdown"],
        &["rules", "list"],
        &["rules", "show", "regulated-data-favours-own-hosting"],
        &["rules", "check"],
        &["rules", "test", "--format", "json"],
        &["rules", "list", "--format", "json"],
    ];
    for (i, args) in commands.iter().enumerate() {
        let printed = stdout(&run(args, None));
        let file = dir.path().join(format!("out-{i}.txt"));
        let mut with_output = args.to_vec();
        with_output.extend(["-o", file.to_str().unwrap()]);
        let output = run(&with_output, None);
        assert!(stdout(&output).is_empty(), "{args:?}: printed with -o");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), printed, "{args:?}");
        // Again over the file it wrote: replaced whole, with no temporary file left beside it.
        let output = run(&with_output, None);
        assert!(output.status.success(), "{}", stderr_of(&output));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), printed, "{args:?}");
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), commands.len(), "{left:?}");
}

/// In a file, `--color auto` means no colors and the width is as in a pipe; `--color always`
/// still colors.
#[test]
fn output_files_are_not_colored_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.txt");
    let out = file.to_str().unwrap();
    let output = cli()
        .current_dir(root())
        .args(["assess", BANK, "-o", out, "--color", "auto"])
        .env("COLUMNS", "100")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains('\u{1b}'), "colors in the file");
    assert!(
        text.lines().any(|l| l.chars().count() > 80),
        "not $COLUMNS wide"
    );
    assert!(text.lines().all(|l| l.chars().count() <= 100));
    let output = cli()
        .current_dir(root())
        .args(["assess", BANK, "-o", out, "--color", "always"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(std::fs::read_to_string(&file).unwrap().contains('\u{1b}'));
}

/// With `-o`, Markdown links the `--chart` picture relative to the output file, as it does
/// relative to an `--embed` document.
#[test]
fn output_markdown_links_the_chart_relative_to_the_output_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("docs/img")).unwrap();
    let output = cli()
        .current_dir(dir.path())
        .arg("assess")
        .arg(root().join(BANK))
        .args([
            "-f",
            "markdown",
            "-o",
            "docs/plan.md",
            "--chart",
            "docs/img/m.svg",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let doc = std::fs::read_to_string(dir.path().join("docs/plan.md")).unwrap();
    assert!(doc.contains("](img/m.svg)"), "{doc}");
    assert!(dir.path().join("docs/img/m.svg").is_file());
}
