//! End-to-end tests of the `llm-strategy` binary: exit statuses, error messages for bad
//! answers files and bad rule directories, and the shape of good output.
//!
//! Bad inputs are table-driven: each case is written to a scratch directory, the binary is
//! run on it, and every expected fact must appear in stderr. All failing cases of a table
//! are reported together.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// The example that rule-directory tests assess.
const BANK_EXAMPLE: &str = "examples/regional-bank-advisor.toml";

/// The binary under test.
fn cli() -> Command {
    Command::cargo_bin("llm-strategy").expect("the llm-strategy binary is built")
}

/// The crate's root directory (where `examples/` and `rules/` live).
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every answers file in `examples/`, sorted.
fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .expect("examples/ is readable")
        .map(|entry| entry.expect("examples/ entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no examples found");
    files
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `assess --format json` on `file` and parses the report.
fn assess_json(file: &Path, rules: Option<&Path>) -> Value {
    let mut cmd = cli();
    cmd.current_dir(root())
        .arg("assess")
        .arg(file)
        .args(["--format", "json"]);
    if let Some(dir) = rules {
        cmd.arg("--rules").arg(dir);
    }
    let output = cmd.output().expect("the binary runs");
    assert!(
        output.status.success(),
        "{}: exit {:?}\n{}",
        file.display(),
        output.status.code(),
        stderr_of(&output)
    );
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{}: output is not JSON: {e}", file.display()))
}

/// Checks the facts every input error shares: exit status 2, `error: ` first, each of
/// `expected` present and each of `absent` missing. Returns what went wrong, if anything.
fn check_input_error(
    output: &Output,
    expected: &[&str],
    absent: &[&str],
) -> Result<String, String> {
    let stderr = stderr_of(output);
    let mut wrong = String::new();
    if output.status.code() != Some(2) {
        let _ = writeln!(
            wrong,
            "  exit status {:?}, expected 2",
            output.status.code()
        );
    }
    if !stderr.starts_with("error: ") {
        wrong.push_str("  stderr does not start with \"error: \"\n");
    }
    for fact in expected {
        if !stderr.contains(fact) {
            let _ = writeln!(wrong, "  missing: {fact:?}");
        }
    }
    for fact in absent {
        if stderr.contains(fact) {
            let _ = writeln!(wrong, "  must not contain: {fact:?}");
        }
    }
    if wrong.is_empty() {
        Ok(stderr)
    } else {
        Err(format!("{wrong}  --- stderr ---\n{stderr}"))
    }
}

/// Panics listing every failed case, so one run shows all of them.
fn report_failures(what: &str, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} of the {what} failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

// ---------------------------------------------------------------------------------------
// Bad answers files
// ---------------------------------------------------------------------------------------

/// A valid answers file; bad cases are made from it by editing one spot.
///
/// Line numbers, for reading the expected `bad.toml:LINE:COLUMN` below:
/// 1 `[scenario]`, 2 `name`, 4 `[data]`, 5 `sensitivity`, 6 `labeled_examples`,
/// 8 `[team]`, 9 `ml_talent`, 11 `[budget]`, 12 `annual_usd`, 14 `[traffic]`,
/// 15 `requests_per_day`, 16 `tokens_per_request`, 18 `[requirements]`, 19 `domain`.
const VALID_ANSWERS: &str = r#"[scenario]
name = "Test scenario"

[data]
sensitivity = "internal"
labeled_examples = 100

[team]
ml_talent = "basic"

[budget]
annual_usd = 50_000

[traffic]
requests_per_day = 1_000
tokens_per_request = 500

[requirements]
domain = "generic"
"#;

/// How a bad answers file is made.
enum Input {
    /// [`VALID_ANSWERS`] with the first occurrence of `.0` replaced by `.1`.
    Replace(&'static str, &'static str),
    /// `.0` followed by [`VALID_ANSWERS`].
    Prepend(&'static str),
    /// Exactly this text.
    Text(&'static str),
    /// Exactly these bytes (for files that are not UTF-8).
    Bytes(&'static [u8]),
}

impl Input {
    fn bytes(&self) -> Vec<u8> {
        match self {
            Input::Replace(from, to) => {
                assert!(
                    VALID_ANSWERS.contains(from),
                    "{from:?} is not in VALID_ANSWERS"
                );
                VALID_ANSWERS.replacen(from, to, 1).into_bytes()
            }
            Input::Prepend(text) => format!("{text}{VALID_ANSWERS}").into_bytes(),
            Input::Text(text) => text.as_bytes().to_vec(),
            Input::Bytes(bytes) => bytes.to_vec(),
        }
    }
}

/// One bad answers file and what the error must say about it.
struct AnswersCase {
    name: &'static str,
    input: Input,
    /// Substrings stderr must contain.
    stderr: &'static [&'static str],
    /// Substrings stderr must not contain.
    absent: &'static [&'static str],
    /// When set: how many problems are reported (each a `bad.toml:...` line) and the
    /// closing `bad.toml: N problems` line.
    problems: Option<usize>,
}

const SENSITIVITY_LEVELS: &str =
    r#"allowed: one of "public", "internal", "confidential", "regulated", "secret""#;
const TALENT_LEVELS: &str = r#"allowed: one of "none", "basic", "experienced", "expert""#;
const SECTION_LIST: &str =
    r#"allowed sections: "scenario", "data", "team", "budget", "traffic", "requirements""#;
const REQUIRED_LIST: [&str; 5] = [
    "[data] sensitivity",
    "[data] labeled_examples",
    "[team] ml_talent",
    "[budget] annual_usd",
    "[traffic] requests_per_day",
];

const ANSWERS_CASES: &[AnswersCase] = &[
    AnswersCase {
        name: "unknown level, close to a valid one",
        input: Input::Replace(r#""internal""#, r#""publc""#),
        stderr: &[
            r#"bad.toml:5:15: [data] sensitivity: found "publc""#,
            SENSITIVITY_LEVELS,
            r#"did you mean "public"?"#,
        ],
        absent: &[],
        problems: Some(1),
    },
    AnswersCase {
        name: "level in the wrong case",
        input: Input::Replace(r#""internal""#, r#""Public""#),
        stderr: &[
            r#"bad.toml:5:15: [data] sensitivity: found "Public""#,
            SENSITIVITY_LEVELS,
            r#"did you mean "public"?"#,
        ],
        absent: &[],
        problems: Some(1),
    },
    AnswersCase {
        name: "unknown level far from every valid one",
        input: Input::Replace(r#"ml_talent = "basic""#, r#"ml_talent = "wizard""#),
        stderr: &[
            r#"bad.toml:9:13: [team] ml_talent: found "wizard""#,
            TALENT_LEVELS,
        ],
        absent: &["did you mean"],
        problems: Some(1),
    },
    AnswersCase {
        name: "unknown key in a section, close to a valid one",
        input: Input::Replace("tokens_per_request = 500", "tokens_per_requst = 500"),
        stderr: &[
            "bad.toml:16:1: [traffic] tokens_per_requst: unknown key",
            r#"allowed keys in [traffic]: "requests_per_day", "tokens_per_request""#,
            r#"did you mean "tokens_per_request"?"#,
        ],
        absent: &[],
        problems: Some(1),
    },
    AnswersCase {
        name: "key in the wrong section",
        input: Input::Replace(
            "labeled_examples = 100\n",
            "labeled_examples = 100\nml_talent = \"basic\"\n",
        ),
        stderr: &[
            "bad.toml:7:1: [data] ml_talent: unknown key",
            r#"allowed keys in [data]: "sensitivity", "labeled_examples", "corpus_tokens", "freshness", "uniqueness""#,
            "`ml_talent` belongs under [team]",
        ],
        absent: &[],
        problems: Some(1),
    },
    AnswersCase {
        name: "misspelled key of another section",
        input: Input::Replace(
            "labeled_examples = 100\n",
            "labeled_examples = 100\nml_talen = \"basic\"\n",
        ),
        stderr: &[
            "bad.toml:7:1: [data] ml_talen: unknown key",
            "did you mean `ml_talent` under [team]?",
        ],
        absent: &[],
        problems: Some(1),
    },
    AnswersCase {
        name: "unknown section, close to a valid one",
        input: Input::Replace("[requirements]", "[requirments]"),
        stderr: &[
            "bad.toml:18:2: unknown section [requirments]",
            SECTION_LIST,
            r#"did you mean "requirements"?"#,
        ],
        absent: &[],
        problems: Some(1),
    },
    AnswersCase {
        name: "question key outside any section",
        input: Input::Prepend("sensitivity = \"public\"\n"),
        stderr: &[
            "bad.toml:1:1: `sensitivity` is outside any section",
            "`sensitivity` belongs under [data]",
        ],
        absent: &[],
        problems: Some(1),
    },
    AnswersCase {
        name: "unknown top-level key",
        input: Input::Prepend("foo = 1\n"),
        stderr: &["bad.toml:1:1: unknown top-level key `foo`", SECTION_LIST],
        absent: &[],
        problems: Some(1),
    },
    AnswersCase {
        name: "missing required answer",
        input: Input::Replace("ml_talent = \"basic\"\n", ""),
        stderr: &[
            "bad.toml: [team] ml_talent: missing required answer",
            TALENT_LEVELS,
            "add `ml_talent = ...` under [team]",
        ],
        absent: &[":1:1"],
        problems: Some(1),
    },
    AnswersCase {
        name: "several problems in one file",
        input: Input::Text(
            r#"[data]
sensitivity = "publc"
labeled_examples = -1

[team]
ml_talent = "guru"

[budget]
annual_usd = "lots"
"#,
        ),
        stderr: &[
            r#"bad.toml:2:15: [data] sensitivity: found "publc""#,
            "bad.toml:3:20: [data] labeled_examples: found a negative number (-1)",
            r#"bad.toml:6:13: [team] ml_talent: found "guru""#,
            r#"bad.toml:9:14: [budget] annual_usd: found a string ("lots")"#,
            "bad.toml: [traffic] requests_per_day: missing required answer",
        ],
        absent: &[],
        problems: Some(5),
    },
    AnswersCase {
        name: "negative number",
        input: Input::Replace("annual_usd = 50_000", "annual_usd = -5"),
        stderr: &[
            "bad.toml:12:14: [budget] annual_usd: found a negative number (-5)",
            "allowed: a number >= 0",
        ],
        absent: &[],
        problems: Some(1),
    },
    AnswersCase {
        name: "nan",
        input: Input::Replace("annual_usd = 50_000", "annual_usd = nan"),
        stderr: &[
            "bad.toml:12:14: [budget] annual_usd: found nan",
            "allowed: a number >= 0",
        ],
        absent: &[],
        problems: Some(1),
    },
    AnswersCase {
        name: "inf",
        input: Input::Replace("requests_per_day = 1_000", "requests_per_day = inf"),
        stderr: &[
            "bad.toml:15:20: [traffic] requests_per_day: found infinity",
            "allowed: a number >= 0",
        ],
        absent: &[],
        problems: Some(1),
    },
    AnswersCase {
        name: "-inf",
        input: Input::Replace("annual_usd = 50_000", "annual_usd = -inf"),
        stderr: &[
            "bad.toml:12:14: [budget] annual_usd: found negative infinity",
            "allowed: a number >= 0",
        ],
        absent: &[],
        problems: Some(1),
    },
    AnswersCase {
        name: "zero tokens_per_request",
        input: Input::Replace("tokens_per_request = 500", "tokens_per_request = 0"),
        stderr: &[
            "bad.toml:16:22: [traffic] tokens_per_request: found zero",
            "allowed: a number > 0",
        ],
        absent: &[],
        problems: Some(1),
    },
    AnswersCase {
        name: "fractional labeled_examples",
        input: Input::Replace("labeled_examples = 100", "labeled_examples = 12.5"),
        stderr: &[
            "bad.toml:6:20: [data] labeled_examples: found a fractional count (12.5)",
            "allowed: a whole number >= 0",
        ],
        absent: &[],
        problems: Some(1),
    },
    AnswersCase {
        name: "integer too large to represent",
        input: Input::Replace(
            "annual_usd = 50_000",
            "annual_usd = 99999999999999999999999999999999999999999",
        ),
        stderr: &[
            "bad.toml:12:14: [budget] annual_usd: found a number too large to represent",
            "allowed: a number >= 0",
        ],
        absent: &[],
        problems: Some(1),
    },
    AnswersCase {
        name: "quoted number",
        input: Input::Replace("annual_usd = 50_000", r#"annual_usd = "50_000""#),
        stderr: &[
            r#"bad.toml:12:14: [budget] annual_usd: found a string ("50_000")"#,
            "allowed: a number >= 0",
            "help: remove the quotes: annual_usd = 50_000",
        ],
        absent: &[],
        problems: Some(1),
    },
    AnswersCase {
        name: "date-time where a number is expected",
        input: Input::Replace("annual_usd = 50_000", "annual_usd = 2024-01-01"),
        stderr: &[
            "bad.toml:12:14: [budget] annual_usd: found a date-time (2024-01-01)",
            "allowed: a number >= 0",
        ],
        absent: &[],
        problems: Some(1),
    },
    AnswersCase {
        name: "boolean where a level is expected",
        input: Input::Replace(r#"ml_talent = "basic""#, "ml_talent = true"),
        stderr: &[
            "bad.toml:9:13: [team] ml_talent: found a boolean (true)",
            TALENT_LEVELS,
        ],
        absent: &[],
        problems: Some(1),
    },
    AnswersCase {
        name: "number where a level is expected",
        input: Input::Replace(r#""internal""#, "3"),
        stderr: &[
            "bad.toml:5:15: [data] sensitivity: found an integer (3)",
            SENSITIVITY_LEVELS,
        ],
        absent: &[],
        problems: Some(1),
    },
    AnswersCase {
        name: "array where a level is expected",
        input: Input::Replace(r#""internal""#, r#"["public", "internal"]"#),
        stderr: &[
            "bad.toml:5:15: [data] sensitivity: found an array",
            SENSITIVITY_LEVELS,
        ],
        absent: &[],
        problems: Some(1),
    },
    AnswersCase {
        name: "inline table where a level is expected",
        input: Input::Replace(r#""internal""#, r#"{ level = "public" }"#),
        stderr: &[
            "bad.toml:5:15: [data] sensitivity: found a table",
            SENSITIVITY_LEVELS,
        ],
        absent: &[],
        problems: Some(1),
    },
    AnswersCase {
        name: "section that is not a table",
        input: Input::Text(
            r#"data = 5

[team]
ml_talent = "basic"

[budget]
annual_usd = 50_000

[traffic]
requests_per_day = 1_000
"#,
        ),
        stderr: &[
            "bad.toml:1:8: [data]: must be a table of answers, found an integer (5)",
            "write it as a section header: [data]",
            "bad.toml: [data] sensitivity: missing required answer",
            "bad.toml: [data] labeled_examples: missing required answer",
        ],
        absent: &[],
        problems: Some(3),
    },
    AnswersCase {
        name: "empty file",
        input: Input::Text(""),
        stderr: &[
            "error: bad.toml: the file is empty",
            REQUIRED_LIST[0],
            REQUIRED_LIST[1],
            REQUIRED_LIST[2],
            REQUIRED_LIST[3],
            REQUIRED_LIST[4],
        ],
        absent: &[],
        problems: None,
    },
    AnswersCase {
        name: "whitespace-only file",
        input: Input::Text("  \n\t\n   \n"),
        stderr: &[
            "error: bad.toml: the file is empty",
            REQUIRED_LIST[0],
            REQUIRED_LIST[1],
            REQUIRED_LIST[2],
            REQUIRED_LIST[3],
            REQUIRED_LIST[4],
        ],
        absent: &[],
        problems: None,
    },
    AnswersCase {
        name: "not UTF-8",
        input: Input::Bytes(b"[data]\nsensitivity = \"caf\xe9\"\n"),
        stderr: &[
            "error: bad.toml:2:19: the file is not valid UTF-8 (byte 0xe9)",
            "answers files must be UTF-8 text",
        ],
        absent: &[],
        problems: None,
    },
    AnswersCase {
        name: "TOML syntax error: unclosed table header",
        input: Input::Replace("[budget]", "[budget"),
        stderr: &[
            "error: bad.toml: TOML parse error at line 11, column 8",
            "11 | [budget",
            "unclosed table, expected `]`",
        ],
        absent: &[],
        problems: None,
    },
    AnswersCase {
        name: "TOML syntax error: unquoted string",
        input: Input::Replace(r#""basic""#, "basic"),
        stderr: &[
            "error: bad.toml: TOML parse error at line 9, column 13",
            "9 | ml_talent = basic",
            "string values must be quoted",
        ],
        absent: &[],
        problems: None,
    },
    AnswersCase {
        name: "empty [scenario] name",
        input: Input::Replace(r#"name = "Test scenario""#, r#"name = """#),
        stderr: &[
            "bad.toml:2:8: [scenario] name: found an empty string",
            "allowed: a non-empty string, or leave the key out",
        ],
        absent: &[],
        problems: Some(1),
    },
    AnswersCase {
        name: "[scenario] name that is not a string",
        input: Input::Replace(r#"name = "Test scenario""#, "name = 5"),
        stderr: &[
            "bad.toml:2:8: [scenario] name: found an integer (5)",
            "allowed: a string",
        ],
        absent: &[],
        problems: Some(1),
    },
    AnswersCase {
        name: "terminal escape sequence in the [scenario] name",
        input: Input::Replace(
            r#"name = "Test scenario""#,
            r#"name = "Test \u001b[31mscenario""#,
        ),
        stderr: &[
            "bad.toml:2:8: [scenario] name: found the control character U+001B",
            "allowed: printable text",
        ],
        absent: &["\u{1b}[31m"],
        problems: Some(1),
    },
];

/// Checks the problem count: one `bad.toml:` line per problem plus a closing
/// `bad.toml: N problem(s)` line.
fn count_problems(stderr: &str, expected: usize) -> Result<(), String> {
    let body = stderr.strip_prefix("error: ").unwrap_or(stderr);
    let headers = body
        .lines()
        .filter(|line| line.starts_with("bad.toml:"))
        .count();
    let closing = format!(
        "bad.toml: {expected} problem{}",
        if expected == 1 { "" } else { "s" }
    );
    let last = body.lines().last().unwrap_or("");
    if last != closing {
        return Err(format!("  last line is {last:?}, expected {closing:?}"));
    }
    if headers != expected + 1 {
        return Err(format!(
            "  {} problem lines, expected {expected}",
            headers.saturating_sub(1)
        ));
    }
    Ok(())
}

#[test]
fn bad_answers_files_exit_2_with_located_messages() {
    assert!(ANSWERS_CASES.len() >= 18);
    let mut failures = Vec::new();
    for case in ANSWERS_CASES {
        let dir = TempDir::new().expect("temp dir");
        std::fs::write(dir.path().join("bad.toml"), case.input.bytes()).expect("write bad.toml");
        let output = cli()
            .current_dir(dir.path())
            .args(["assess", "bad.toml"])
            .output()
            .expect("the binary runs");
        let checked = check_input_error(&output, case.stderr, case.absent).and_then(|stderr| {
            match case.problems {
                Some(n) => count_problems(&stderr, n).map_err(|e| format!("{e}\n{stderr}")),
                None => Ok(()),
            }
        });
        if let Err(why) = checked {
            failures.push(format!("case {:?}:\n{why}", case.name));
        }
    }
    report_failures("bad answers files", &failures);
}

#[test]
fn the_valid_answers_file_used_by_the_bad_cases_is_accepted() {
    let dir = TempDir::new().expect("temp dir");
    std::fs::write(dir.path().join("good.toml"), VALID_ANSWERS).expect("write good.toml");
    cli()
        .current_dir(dir.path())
        .args(["assess", "good.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Recommendation:"));
}

// ---------------------------------------------------------------------------------------
// Exit status 1 and command-line usage errors
// ---------------------------------------------------------------------------------------

#[test]
fn missing_answers_file_exits_1() {
    let dir = TempDir::new().expect("temp dir");
    cli()
        .current_dir(dir.path())
        .args(["assess", "no-such-file.toml"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::starts_with("error: ")
                .and(predicate::str::contains("cannot read"))
                .and(predicate::str::contains("no-such-file.toml")),
        );
}

#[test]
fn missing_rules_directory_exits_1() {
    let dir = TempDir::new().expect("temp dir");
    cli()
        .current_dir(dir.path())
        .arg("assess")
        .arg(root().join(BANK_EXAMPLE))
        .args(["--rules", "no-such-dir"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::starts_with("error: ").and(predicate::str::contains(
                "cannot read rules directory no-such-dir",
            )),
        );
}

#[test]
fn usage_errors_exit_2() {
    let bank = root().join(BANK_EXAMPLE);
    let bank = bank.to_str().expect("UTF-8 path");
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("no arguments", &[], &["Usage:"]),
        (
            "unknown flag",
            &["assess", bank, "--bogus"],
            &["error:", "unexpected argument '--bogus'"],
        ),
        (
            "--format xml",
            &["assess", bank, "--format", "xml"],
            &["error:", "invalid value 'xml'", "table, json"],
        ),
        ("assess without a file", &["assess"], &["error:", "<FILE>"]),
    ];
    let mut failures = Vec::new();
    for (name, args, expected) in cases {
        let output = cli().args(*args).output().expect("the binary runs");
        let stderr = stderr_of(&output);
        let mut wrong = String::new();
        if output.status.code() != Some(2) {
            let _ = writeln!(wrong, "  exit status {:?}", output.status.code());
        }
        for fact in *expected {
            if !stderr.contains(fact) {
                let _ = writeln!(wrong, "  missing: {fact:?}");
            }
        }
        if !wrong.is_empty() {
            failures.push(format!("case {name:?}:\n{wrong}{stderr}"));
        }
    }
    report_failures("usage errors", &failures);
}

// ---------------------------------------------------------------------------------------
// Bad rule directories
// ---------------------------------------------------------------------------------------

/// The rule files copied from the repository's `rules/` into every rule directory: they
/// describe the sources, strategies A-D and the four approaches, but hold no rules. The
/// test cases add the rules (the only part they break), citing the source `dida-strategies`.
const DESCRIPTION_FILES: [&str; 2] = ["sources.yaml", "strategies.yaml"];

/// A rule file: a valid rule `prior` on lines 1-6, then the given lines from line 7 on.
macro_rules! rules_yaml {
    ($($line:literal),* $(,)?) => {
        concat!(
            "rules:\n",                          // 1
            "  - id: prior\n",                   // 2
            "    summary: \"A prior\"\n",        // 3
            "    source: dida-strategies\n",     // 4
            "    strategy: { A: 1 }\n",          // 5
            "    explanation: \"Always.\"\n",    // 6
            $($line, "\n",)*
        )
    };
}

/// One bad rule directory: the [`DESCRIPTION_FILES`] plus `files`, and what the error must say.
struct RuleCase {
    name: &'static str,
    /// File names and contents, written next to the description files.
    files: &'static [(&'static str, &'static str)],
    /// Where the problem is: `file:line:`.
    at: &'static str,
    /// What is wrong; must be on the same line of stderr as `at`.
    message: &'static str,
    /// Further facts stderr must contain: what is allowed, a suggestion.
    stderr: &'static [&'static str],
}

const RULE_CASES: &[RuleCase] = &[
    RuleCase {
        name: "unknown placeholder in an explanation",
        files: &[(
            "rules.yaml",
            rules_yaml!(
                "  - id: second",
                "    summary: s",
                "    source: dida-strategies",
                "    when: { fact: cost.budget_share.C, at_least: 1 }",
                "    strategy: { C: -2 }",
                "    explanation: costs {cost.first_yaer.C}",
            ),
        )],
        at: "rules.yaml:",
        message: "unknown placeholder {cost.first_yaer.C}",
        stderr: &[r#"did you mean "cost.first_year.C"?"#],
    },
    RuleCase {
        name: "unknown fact in a condition",
        files: &[(
            "rules.yaml",
            rules_yaml!(
                "  - id: second",
                "    summary: s",
                "    source: dida-strategies",
                "    when: { fact: cost.budget_share.E, at_least: 1 }",
                "    strategy: { C: -2 }",
                "    explanation: x",
            ),
        )],
        at: "rules.yaml:10:",
        message: r#"unknown fact "cost.budget_share.E""#,
        stderr: &["cost.budget_share.A", "did you mean"],
    },
    RuleCase {
        name: "unknown question in a condition",
        files: &[(
            "rules.yaml",
            rules_yaml!(
                "  - id: second",
                "    summary: s",
                "    source: dida-strategies",
                "    when: { question: data.sensitivty, is: secret }",
                "    strategy: { C: 2 }",
                "    explanation: x",
            ),
        )],
        at: "rules.yaml:10:",
        message: r#"unknown question "data.sensitivty""#,
        stderr: &[
            r#""data.sensitivity", "data.labeled_examples""#,
            r#"did you mean "data.sensitivity"?"#,
        ],
    },
    RuleCase {
        name: "unknown level",
        files: &[(
            "rules.yaml",
            rules_yaml!(
                "  - id: second",
                "    summary: s",
                "    source: dida-strategies",
                "    when: { question: data.sensitivity, is: secrte }",
                "    strategy: { C: 2 }",
                "    explanation: x",
            ),
        )],
        at: "rules.yaml:10:",
        message: r#"unknown level "secrte" for data.sensitivity"#,
        stderr: &[
            r#"allowed: one of "public", "internal", "confidential", "regulated", "secret""#,
            r#"did you mean "secret"?"#,
        ],
    },
    RuleCase {
        name: "duplicate rule id across two files",
        files: &[
            ("a.yaml", rules_yaml!()),
            (
                "b.yaml",
                concat!(
                    "# second file\n",               // 1
                    "rules:\n",                      // 2
                    "  - id: other\n",               // 3
                    "    summary: s\n",              // 4
                    "    source: dida-strategies\n", // 5
                    "    strategy: { A: 1 }\n",      // 6
                    "    explanation: x\n",          // 7
                    "  - id: prior\n",               // 8
                    "    summary: s\n",              // 9
                    "    source: dida-strategies\n", // 10
                    "    strategy: { B: 1 }\n",      // 11
                    "    explanation: x\n",          // 12
                ),
            ),
        ],
        at: "b.yaml:8:",
        message: r#"duplicate rule id "prior""#,
        stderr: &["first defined", "a.yaml:2:"],
    },
    RuleCase {
        name: "malformed condition: both `is` and `in`",
        files: &[(
            "rules.yaml",
            rules_yaml!(
                "  - id: second",
                "    summary: s",
                "    source: dida-strategies",
                "    when: { question: data.sensitivity, is: secret, in: [public] }",
                "    strategy: { C: 2 }",
                "    explanation: x",
            ),
        )],
        at: "rules.yaml:10:",
        message: r#"malformed condition: it has "is", "in" forms at once"#,
        stderr: &["allowed: `question` (or `fact`) with one of `is`, `in`, `at_least`, `below`"],
    },
    RuleCase {
        name: "malformed condition: `question` without a comparison",
        files: &[(
            "rules.yaml",
            rules_yaml!(
                "  - id: second",
                "    summary: s",
                "    source: dida-strategies",
                "    when:",
                "      question: data.sensitivity",
                "    strategy: { C: 2 }",
                "    explanation: x",
            ),
        )],
        at: "rules.yaml:11:",
        message: "malformed condition: `question` without a comparison",
        stderr: &["allowed: `question` (or `fact`) with one of `is`, `in`, `at_least`, `below`"],
    },
    RuleCase {
        name: "non-finite weight",
        files: &[(
            "rules.yaml",
            rules_yaml!(
                "  - id: second",
                "    summary: s",
                "    source: dida-strategies",
                "    strategy: { C: .nan }",
                "    explanation: x",
            ),
        )],
        at: "rules.yaml:10:",
        message: "weight NaN is not a finite number",
        stderr: &["allowed: a number such as 2"],
    },
    RuleCase {
        name: "weight finer than hundredths",
        files: &[(
            "rules.yaml",
            rules_yaml!(
                "  - id: second",
                "    summary: s",
                "    source: dida-strategies",
                "    approach: { rag: 0.125 }",
                "    explanation: x",
            ),
        )],
        at: "rules.yaml:10:",
        message: "weight 0.125 has more than two decimals",
        stderr: &["with at most two decimals, from -1000 to 1000"],
    },
    RuleCase {
        name: "weight out of range",
        files: &[(
            "rules.yaml",
            rules_yaml!(
                "  - id: second",
                "    summary: s",
                "    source: dida-strategies",
                "    strategy: { D: -5000 }",
                "    explanation: x",
            ),
        )],
        at: "rules.yaml:10:",
        message: "weight -5000 is too large",
        stderr: &["from -1000 to 1000"],
    },
    RuleCase {
        name: "non-numeric weight",
        files: &[(
            "rules.yaml",
            rules_yaml!(
                "  - id: second",
                "    summary: s",
                "    source: dida-strategies",
                "    strategy: { C: \"high\" }",
                "    explanation: x",
            ),
        )],
        at: "rules.yaml:10:",
        message: "rules[1].strategy.C",
        stderr: &[r#"invalid type: string "high""#],
    },
    RuleCase {
        name: "unknown strategy key in weights",
        files: &[(
            "rules.yaml",
            rules_yaml!(
                "  - id: second",
                "    summary: s",
                "    source: dida-strategies",
                "    strategy: { E: 2 }",
                "    explanation: x",
            ),
        )],
        at: "rules.yaml:10:",
        message: r#"unknown strategy key "E""#,
        stderr: &[r#"allowed: "A", "B", "C", "D""#],
    },
    RuleCase {
        name: "unknown field in a rule",
        files: &[(
            "rules.yaml",
            rules_yaml!(
                "  - id: second",
                "    summary: s",
                "    source: dida-strategies",
                "    strategy: { C: 2 }",
                "    explaination: x",
            ),
        )],
        at: "rules.yaml:11:",
        message: "rules[1]: unknown field `explaination`",
        stderr: &["expected one of `id`, `summary`", "`explanation`"],
    },
    RuleCase {
        name: "YAML syntax error",
        files: &[(
            "rules.yaml",
            rules_yaml!(
                "  - id: second",
                "    summary: s: t",
                "    source: dida-strategies",
            ),
        )],
        at: "rules.yaml:8:",
        message: "mapping values are not allowed in this context",
        stderr: &[],
    },
    RuleCase {
        name: "`at_least` on the unordered requirements.customization",
        files: &[(
            "rules.yaml",
            rules_yaml!(
                "  - id: second",
                "    summary: s",
                "    source: dida-strategies",
                "    when: { question: requirements.customization, at_least: knowledge }",
                "    strategy: { C: 2 }",
                "    explanation: x",
            ),
        )],
        at: "rules.yaml:10:",
        message: "`at_least` compares levels, but the levels of requirements.customization have no order",
        stderr: &["allowed: `is` or `in`"],
    },
    RuleCase {
        name: "`is` on a numeric question",
        files: &[(
            "rules.yaml",
            rules_yaml!(
                "  - id: second",
                "    summary: s",
                "    source: dida-strategies",
                "    when: { question: traffic.requests_per_day, is: high }",
                "    strategy: { C: 2 }",
                "    explanation: x",
            ),
        )],
        at: "rules.yaml:10:",
        message: "`is` needs levels, but traffic.requests_per_day is a number",
        stderr: &["allowed: `at_least: N` or `below: N`"],
    },
];

/// Copies the [`DESCRIPTION_FILES`] and writes `files` into a fresh directory.
fn rule_dir(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    for name in DESCRIPTION_FILES {
        std::fs::copy(root().join("rules").join(name), dir.path().join(name))
            .unwrap_or_else(|e| panic!("copy rules/{name}: {e}"));
    }
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write rule file");
    }
    dir
}

/// Runs `assess` on the bank example with `--rules dir`.
fn assess_with_rules(dir: &Path) -> Output {
    cli()
        .arg("assess")
        .arg(root().join(BANK_EXAMPLE))
        .arg("--rules")
        .arg(dir)
        .output()
        .expect("the binary runs")
}

#[test]
fn minimal_rule_set_used_by_the_bad_cases_is_valid() {
    let dir = rule_dir(&[("rules.yaml", rules_yaml!())]);
    let output = assess_with_rules(dir.path());
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("Recommendation:"));
}

/// Checks that one line of stderr holds both a position (`rules.yaml:10:`) and a message.
fn located(stderr: &str, at: &str, message: &str) -> Result<(), String> {
    if stderr
        .lines()
        .any(|line| line.contains(at) && line.contains(message))
    {
        Ok(())
    } else {
        Err(format!(
            "  no line holds both {at:?} and {message:?}\n  --- stderr ---\n{stderr}"
        ))
    }
}

#[test]
fn bad_rule_dirs_exit_2_with_located_messages() {
    let mut failures = Vec::new();
    for case in RULE_CASES {
        let dir = rule_dir(case.files);
        let output = assess_with_rules(dir.path());
        let checked = check_input_error(&output, case.stderr, &[])
            .and_then(|stderr| located(&stderr, case.at, case.message));
        if let Err(why) = checked {
            failures.push(format!("case {:?}:\n{why}", case.name));
        }
    }
    report_failures("bad rule directories", &failures);
}

/// A rule file with five problems in two rules, each with the line it is on.
const SEVERAL_RULE_PROBLEMS: &str = rules_yaml!(
    "  - id: second",                                      // 7
    "    summary: s",                                      // 8
    "    source: dida-strategies",                         // 9
    "    when: { question: data.sensitivty, is: secret }", // 10
    "    strategy: { C: 2, E: 1 }",                        // 11
    "    explanation: x",                                  // 12
    "  - id: third",                                       // 13
    "    summary: s",                                      // 14
    "    source: nowhere",                                 // 15
    "    when: { question: team.ml_talent, is: guru }",    // 16
    "    approach: { rag: .inf }",                         // 17
    "    explanation: x",                                  // 18
);

#[test]
fn several_problems_in_one_rule_file_are_all_reported() {
    let dir = rule_dir(&[("rules.yaml", SEVERAL_RULE_PROBLEMS)]);
    let output = assess_with_rules(dir.path());
    let stderr = check_input_error(&output, &[], &[]).unwrap_or_else(|why| panic!("{why}"));
    let problems = [
        ("rules.yaml:10:", r#"unknown question "data.sensitivty""#),
        ("rules.yaml:11:", r#"unknown strategy key "E""#),
        ("rules.yaml:15:", r#"unknown source "nowhere""#),
        (
            "rules.yaml:16:",
            r#"unknown level "guru" for team.ml_talent"#,
        ),
        ("rules.yaml:17:", "weight inf is not a finite number"),
    ];
    let failures: Vec<String> = problems
        .iter()
        .filter_map(|(at, message)| located(&stderr, at, message).err())
        .collect();
    report_failures("expected problems", &failures);
    assert!(
        stderr.trim_end().ends_with("rules.yaml: 5 problems"),
        "{stderr}"
    );
}

#[test]
fn problems_in_two_rule_files_are_all_reported() {
    let dir = rule_dir(&[
        ("a.yaml", rules_yaml!()),
        (
            "b.yaml",
            concat!(
                "rules:\n",
                "  - id: Bad_Id\n",
                "    summary: s\n",
                "    source: dida-strategies\n",
                "    strategy: { A: 1 }\n",
                "    explanation: x\n",
            ),
        ),
        ("c.yaml", "rules:\n  - id: x\n    summary: [\n"),
    ]);
    let output = assess_with_rules(dir.path());
    check_input_error(
        &output,
        &[
            "b.yaml",
            r#"rule id "Bad_Id" is not kebab-case"#,
            "b.yaml: 1 problem",
            "c.yaml:",
        ],
        &[],
    )
    .unwrap_or_else(|why| panic!("{why}"));
}

#[test]
fn incomplete_rule_base_names_what_is_missing() {
    let dir = TempDir::new().expect("temp dir");
    std::fs::write(dir.path().join("rules.yaml"), rules_yaml!()).expect("write rules.yaml");
    let output = assess_with_rules(dir.path());
    check_input_error(
        &output,
        &[
            r#"unknown source "dida-strategies""#,
            "strategy A is not described in any file (add it under `strategies:`)",
            "approach train is not described in any file (add it under `approaches:`)",
        ],
        &[],
    )
    .unwrap_or_else(|why| panic!("{why}"));
}

#[test]
fn empty_rule_dir_exits_2() {
    let dir = TempDir::new().expect("temp dir");
    std::fs::write(dir.path().join("notes.txt"), "not a rule file").expect("write notes.txt");
    let output = assess_with_rules(dir.path());
    check_input_error(
        &output,
        &[
            &dir.path().display().to_string(),
            "no rule files (*.yaml or *.yml) in this directory",
        ],
        &[],
    )
    .unwrap_or_else(|why| panic!("{why}"));
}

#[test]
fn an_unparsable_file_causes_no_follow_on_errors() {
    let dir = TempDir::new().expect("temp dir");
    for entry in std::fs::read_dir(root().join("rules")).expect("rules/ is readable") {
        let path = entry.expect("rules/ entry").path();
        if path.extension().is_some_and(|ext| ext == "yaml") {
            let name = path.file_name().expect("file name");
            std::fs::copy(&path, dir.path().join(name)).expect("copy rule file");
        }
    }
    let sources = dir.path().join("sources.yaml");
    let text = std::fs::read_to_string(&sources).expect("read sources.yaml");
    let broken = text.replacen("sources:\n", "sources:\n  - bogus: 1\n", 1);
    assert_ne!(text, broken, "sources.yaml has no `sources:` line");
    std::fs::write(&sources, broken).expect("write sources.yaml");

    let output = assess_with_rules(dir.path());
    check_input_error(
        &output,
        &["sources.yaml:", "unknown field `bogus`"],
        &["unknown source", "allowed: one of \n"],
    )
    .unwrap_or_else(|why| panic!("{why}"));
}

// ---------------------------------------------------------------------------------------
// Good paths
// ---------------------------------------------------------------------------------------

#[test]
fn every_example_is_assessed() {
    for file in examples() {
        cli()
            .current_dir(root())
            .arg("assess")
            .arg(&file)
            .assert()
            .success()
            .stdout(predicate::str::contains("Recommendation:"));
    }
}

/// Keys of a JSON object, sorted.
fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

#[test]
fn every_example_gives_a_json_report_within_the_contract() {
    for file in examples() {
        let name = file.display();
        let report = assess_json(&file, None);
        assert_eq!(report["schema_version"], 1, "{name}");
        assert!(report["scenario"]["name"].is_string(), "{name}");

        let strategy = report["recommendation"]["strategy"].as_str().unwrap_or("");
        let approach = report["recommendation"]["approach"].as_str().unwrap_or("");
        let allowed: &[&str] = match strategy {
            "A" => &["prompting", "rag"],
            "B" => &["fine-tune"],
            "C" => &["prompting", "rag", "fine-tune"],
            "D" => &["train"],
            other => panic!("{name}: strategy {other:?} is not one of A-D"),
        };
        assert!(
            allowed.contains(&approach),
            "{name}: {strategy} + {approach:?} is outside the spec's table"
        );

        assert_eq!(
            keys(&report["scores"]["strategy"]),
            ["A", "B", "C", "D"],
            "{name}"
        );
        assert_eq!(
            keys(&report["scores"]["approach"]),
            ["fine-tune", "prompting", "rag", "train"],
            "{name}"
        );
        for score in report["scores"]["strategy"]
            .as_object()
            .into_iter()
            .chain(report["scores"]["approach"].as_object())
            .flat_map(|scores| scores.values())
        {
            assert!(score.is_number(), "{name}: score {score}");
        }

        for axis in ["control", "complexity"] {
            let value = report["matrix"][axis]
                .as_f64()
                .unwrap_or_else(|| panic!("{name}: matrix.{axis} is not a number"));
            assert!(
                (0.0..=10.0).contains(&value),
                "{name}: matrix.{axis} = {value} is outside 0..=10"
            );
        }
    }
}

#[test]
fn repo_rules_dir_gives_the_same_report_as_the_built_in_rules() {
    for file in examples() {
        assert_eq!(
            assess_json(&file, Some(Path::new("rules"))),
            assess_json(&file, None),
            "{}",
            file.display()
        );
    }
}

#[test]
fn works_from_another_directory_with_built_in_rules() {
    let elsewhere = TempDir::new().expect("temp dir");
    cli()
        .current_dir(elsewhere.path())
        .arg("assess")
        .arg(root().join(BANK_EXAMPLE))
        .assert()
        .success()
        .stdout(predicate::str::contains("Recommendation:"));
}

#[test]
fn no_color_env_turns_auto_color_off() {
    cli()
        .current_dir(root())
        .env("NO_COLOR", "1")
        .args(["assess", BANK_EXAMPLE, "--color", "auto"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Recommendation:")
                .and(predicate::str::contains("\x1b[").not()),
        );
}

#[test]
fn color_always_uses_ansi_codes() {
    cli()
        .current_dir(root())
        .env_remove("NO_COLOR")
        .args(["assess", BANK_EXAMPLE, "--color", "always"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\x1b["));
}
