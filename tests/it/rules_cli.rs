//! End-to-end tests of the rule tooling: `rules list`, `rules show`, `rules check`,
//! `rules test` and `rules coverage`.
//!
//! Rule directories are copies of `rules/` in scratch directories. `rules coverage`
//! enumerates billions of scenarios, so the full rule base is covered twice only (default
//! threads and `--threads 1`); the table format is checked on a cut-down rule base whose
//! space is small. Broken rule sets, failing rule tests and unknown ids are tested by the
//! `rules-*` cases under `tests/cmd/`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

use crate::common::{examples, json, root, stderr_of};

/// The allowed strategy/approach pairs, in the order coverage lists them.
const PAIRS: [&str; 7] = [
    "A/prompting",
    "A/rag",
    "B/fine-tune",
    "C/prompting",
    "C/rag",
    "C/fine-tune",
    "D/train",
];

/// The example whose explanation is compared with the rule list.
const BANK_EXAMPLE: &str = "examples/regional-bank-advisor.toml";

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

fn cli() -> Command {
    let mut cmd = Command::cargo_bin("llm-strategy").expect("the llm-strategy binary is built");
    cmd.current_dir(root())
        .env_remove("NO_COLOR")
        .env("LLM_STRATEGY_TODAY", crate::common::TODAY);
    cmd
}

/// Runs the binary with `args` and returns its output, whatever the exit status.
fn output<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    cli().args(args).output().expect("the binary runs")
}

fn stdout_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs the binary with `args`, asserts exit status 0 and returns stdout.
fn run_ok<I, S>(args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let args: Vec<S> = args.into_iter().collect();
    let shown: Vec<String> = args
        .iter()
        .map(|a| a.as_ref().to_string_lossy().into_owned())
        .collect();
    let out = output(args);
    assert!(
        out.status.success(),
        "llm-strategy {}: exit {:?}\n{}",
        shown.join(" "),
        out.status.code(),
        stderr_of(&out)
    );
    stdout_of(&out)
}

/// `rules list --format json`.
fn rule_list() -> Vec<Value> {
    let list = json(&run_ok(["rules", "list", "--format", "json"]));
    assert_eq!(
        list["schema_version"], 1,
        "rules list JSON carries its schema version"
    );
    list["rules"]
        .as_array()
        .expect("rules list prints a list of rules")
        .clone()
}

fn ids(list: &[Value]) -> Vec<String> {
    list.iter()
        .map(|r| r["id"].as_str().expect("an id").to_owned())
        .collect()
}

/// The `*.yaml` files directly in `dir`, sorted.
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// A scratch copy of `rules/`: its `*.yaml` in `DIR`, and its `tests/*.yaml` in `DIR/tests`
/// when `with_tests` is set.
fn copy_rules(with_tests: bool) -> (TempDir, PathBuf) {
    let scratch = TempDir::new().expect("a scratch directory");
    let dir = scratch.path().join("rules");
    std::fs::create_dir(&dir).expect("rules dir");
    for file in yaml_files(&root().join("rules")) {
        std::fs::copy(&file, dir.join(file.file_name().expect("name"))).expect("copy");
    }
    if with_tests {
        std::fs::create_dir(dir.join("tests")).expect("tests dir");
        for file in yaml_files(&root().join("rules/tests")) {
            std::fs::copy(
                &file,
                dir.join("tests").join(file.file_name().expect("name")),
            )
            .expect("copy");
        }
    }
    (scratch, dir)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// The counts of the summary line `rule tests: N passed, M failed`.
fn test_counts(stdout: &str) -> (usize, usize) {
    let line = stdout
        .lines()
        .find(|l| l.starts_with("rule tests: "))
        .unwrap_or_else(|| panic!("no summary line in\n{stdout}"));
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        ["rule", "tests:", passed, "passed,", failed, "failed"] => (
            passed.parse().expect("a count"),
            failed.parse().expect("a count"),
        ),
        _ => panic!("summary line {line:?}"),
    }
}

/// The cases of a rule-test file, parsed with the crate's own YAML dependency.
fn cases(path: &Path) -> Vec<Value> {
    let file: Value = serde_yaml::from_str(&read(path))
        .unwrap_or_else(|e| panic!("{}: not YAML: {e}", path.display()));
    file["cases"]
        .as_array()
        .unwrap_or_else(|| panic!("{}: no cases list", path.display()))
        .clone()
}

/// Appends a case file to a copied rule directory's tests.
fn add_case_file(dir: &Path, yaml: &str) {
    write(&dir.join("tests/zz-added.yaml"), yaml);
}

/// An answers file's text without its leading `#` comment lines.
fn without_header(text: &str) -> &str {
    let mut rest = text;
    while rest.starts_with('#') {
        rest = rest.split_once('\n').map_or("", |(_, r)| r);
    }
    rest
}

/// The pair an example's header comment expects, from `# Expected: C/rag — because ...`.
fn expected_in_header(text: &str) -> Option<String> {
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| l.strip_prefix("# Expected: "))
        .and_then(|rest| rest.split_whitespace().next())
        .map(|pair| pair.trim_end_matches([',', '.', ':', ';']).to_owned())
}

// ---------------------------------------------------------------------------------------
// rules list
// ---------------------------------------------------------------------------------------

/// The first column of a table, its wrapped pieces joined.
fn first_column(table: &str) -> String {
    table
        .lines()
        .filter_map(|l| l.strip_prefix('│'))
        .filter_map(|l| l.split(['┆', '│']).next())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("")
}

#[test]
fn list_table_holds_every_rule_and_fits_the_width() {
    let out = run_ok(["rules", "list", "--width", "100", "--color", "never"]);
    let list = rule_list();
    let column = first_column(&out);
    for id in ids(&list) {
        assert!(column.contains(&id), "{id} is not in the table:\n{out}");
    }
    for line in out.lines() {
        assert!(
            line.chars().count() <= 100,
            "line wider than 100 columns: {line:?}"
        );
    }
    assert!(
        out.contains(&format!("\n{} rules\n", list.len())),
        "no rule count in\n{out}"
    );
}

#[test]
fn list_table_shows_every_rule_id_unbroken() {
    let out = run_ok(["rules", "list", "--width", "100", "--color", "never"]);
    for id in ids(&rule_list()) {
        assert!(
            out.lines().any(|l| l.split_whitespace().any(|w| w == id)),
            "{id} is not on one line of the table:\n{out}"
        );
    }
}

fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

#[test]
fn list_json_has_unique_kebab_case_ids() {
    let list = rule_list();
    assert!(!list.is_empty());
    let mut seen = std::collections::HashSet::new();
    for rule in &list {
        let mut keys: Vec<&str> = rule
            .as_object()
            .expect("a rule is an object")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["file", "id", "origin", "replaces", "source", "summary"],
            "{rule}"
        );
        assert_eq!(rule["origin"], "built-in", "{rule}");
        assert_eq!(rule["replaces"], Value::Null, "{rule}");
        let id = rule["id"].as_str().expect("id");
        assert!(is_kebab_case(id), "{id:?} is not kebab-case");
        assert!(seen.insert(id.to_owned()), "duplicate id {id}");
        for key in ["summary", "source", "file"] {
            let value = rule[key].as_str().unwrap_or("");
            assert!(!value.trim().is_empty(), "{id}: empty {key}");
        }
        let file = rule["file"].as_str().expect("file");
        assert!(
            Path::new(file).extension().is_some_and(|e| e == "yaml"),
            "{id}: file {file}"
        );
        assert!(root().join(file).is_file(), "{id}: {file} does not exist");
        assert!(
            read(&root().join(file)).contains(&format!("id: {id}")),
            "{id} is not defined in {file}"
        );
    }
}

#[test]
fn list_json_has_the_rules_an_explanation_traces() {
    let report = json(&run_ok([
        "assess",
        BANK_EXAMPLE,
        "--format",
        "json",
        "--explain",
    ]));
    let traced: Vec<String> = report["explanation"]["rules"]
        .as_array()
        .expect("explanation.rules")
        .iter()
        .map(|r| r["id"].as_str().expect("id").to_owned())
        .collect();
    assert_eq!(ids(&rule_list()), traced);
}

// ---------------------------------------------------------------------------------------
// rules show
// ---------------------------------------------------------------------------------------

/// Weights as `rules show` writes them: non-zero ones as `name +w`, or `-`.
fn weights(parts: &[(&str, f64)]) -> String {
    let shown: Vec<String> = parts
        .iter()
        .filter(|(_, w)| *w != 0.0)
        .map(|(n, w)| format!("{n} {w:+}"))
        .collect();
    if shown.is_empty() {
        "-".to_owned()
    } else {
        shown.join(", ")
    }
}

/// The value of a `label:` line of `rules show`.
fn shown(out: &str, label: &str) -> String {
    // A value wrapped to the width continues on lines indented under it.
    let mut lines = out.lines();
    let first = lines
        .find_map(|l| l.strip_prefix(&format!("{label}:")))
        .unwrap_or_else(|| panic!("no {label}: line in\n{out}"));
    let mut value = first.trim().to_owned();
    for more in lines.take_while(|l| l.starts_with("             ")) {
        value.push(' ');
        value.push_str(more.trim());
    }
    value
}

#[test]
fn show_wraps_to_the_width() {
    for width in ["60", "100"] {
        let out = run_ok([
            "rules",
            "show",
            "unique-data-research-team-at-scale",
            "--width",
            width,
        ]);
        let max: usize = width.parse().expect("a number");
        for line in out.lines() {
            assert!(line.chars().count() <= max, "wider than {width}: {line}");
        }
    }
}

/// Checks the weights and exclusions `rules show` prints against what the rule contributed
/// where it fired.
fn check_shown_weights(id: &str, out: &str, fired: &Value) {
    let c = &fired["contributions"];
    let w = |v: &Value| v.as_f64().expect("a weight");
    let per = |part: &str, names: &[&'static str]| -> String {
        let parts: Vec<(&str, f64)> = names.iter().map(|n| (*n, w(&c[part][*n]))).collect();
        weights(&parts)
    };
    assert_eq!(
        shown(out, "strategy"),
        per("strategy", &["A", "B", "C", "D"]),
        "{id}"
    );
    assert_eq!(
        shown(out, "approach"),
        per("approach", &["prompting", "rag", "fine-tune", "train"]),
        "{id}"
    );
    assert_eq!(
        shown(out, "matrix"),
        weights(&[
            ("control", w(&c["control"])),
            ("complexity", w(&c["complexity"]))
        ]),
        "{id}"
    );
    let excludes: Vec<&str> = fired["excludes"]
        .as_array()
        .expect("excludes")
        .iter()
        .map(|e| e.as_str().expect("a name"))
        .collect();
    if excludes.is_empty() {
        assert!(!out.contains("excludes:"), "{id}: {out}");
    } else {
        let line = shown(out, "excludes");
        assert!(
            line.starts_with(&format!("{} (", excludes.join(", "))),
            "{id}: {line}"
        );
    }
}

#[test]
fn show_prints_id_file_source_condition_weights_and_explanation() {
    let list = rule_list();
    // Every rule's trace from every example: conditions for all, weights where it fired.
    let traces: Vec<Value> = examples()
        .iter()
        .flat_map(|e| {
            let report = json(&run_ok([
                "assess",
                e.to_str().expect("UTF-8 path"),
                "--format",
                "json",
                "--explain",
            ]));
            report["explanation"]["rules"]
                .as_array()
                .expect("explanation.rules")
                .clone()
        })
        .collect();
    let mut weights_checked = 0;
    for rule in &list {
        let id = rule["id"].as_str().expect("id");
        let out = run_ok(["rules", "show", id]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.first().copied(), Some(id), "{out}");
        assert!(
            out.contains(rule["summary"].as_str().expect("summary")),
            "{id}: no summary in\n{out}"
        );
        assert_eq!(
            shown(&out, "file"),
            rule["file"].as_str().expect("file"),
            "{id}"
        );
        assert!(
            shown(&out, "source")
                .starts_with(&format!("{} (", rule["source"].as_str().expect("source"))),
            "{id}: {}",
            shown(&out, "source")
        );
        let trace = traces
            .iter()
            .find(|t| t["id"] == id)
            .unwrap_or_else(|| panic!("{id} is not traced"));
        assert_eq!(
            shown(&out, "when"),
            trace["condition"].as_str().expect("condition"),
            "{id}"
        );
        for label in ["strategy", "approach", "matrix"] {
            shown(&out, label);
        }
        if let Some(fired) = traces.iter().find(|t| t["id"] == id && t["fired"] == true) {
            check_shown_weights(id, &out, fired);
            weights_checked += 1;
        }
        // The explanation closes the output, after a blank line.
        let last_blank = lines
            .iter()
            .rposition(|l| l.trim().is_empty())
            .unwrap_or_else(|| panic!("{id}: no blank line in\n{out}"));
        assert!(
            lines[last_blank + 1..].iter().any(|l| l.len() > 20),
            "{id}: no explanation at the end of\n{out}"
        );
    }
    assert!(
        weights_checked * 2 > list.len(),
        "only {weights_checked} of {} rules fire in some example",
        list.len()
    );
}

#[test]
fn show_snapshot() {
    insta::assert_snapshot!(run_ok(["rules", "show", "basic-engineering-team"]));
}

// ---------------------------------------------------------------------------------------
// rules check
// ---------------------------------------------------------------------------------------

#[test]
fn check_built_in_rules_is_ok() {
    cli()
        .args(["rules", "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ok"));
}

#[test]
fn check_a_copy_of_the_rules_is_ok() {
    let (_scratch, dir) = copy_rules(false);
    cli()
        .args(["rules", "check"])
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicate::str::contains("ok"));
}

// ---------------------------------------------------------------------------------------
// rules test
// ---------------------------------------------------------------------------------------

#[test]
fn test_built_in_cases_pass() {
    let out = run_ok(["rules", "test"]);
    let (passed, failed) = test_counts(&out);
    assert_eq!(failed, 0, "{out}");
    assert!(passed >= 20, "only {passed} rule tests:\n{out}");
    assert!(
        out.contains(&format!("rule tests: {passed} passed, 0 failed")),
        "{out}"
    );
    assert!(!out.contains("FAILED"), "{out}");
}

#[test]
fn test_a_copy_of_the_rules_passes_the_same_cases() {
    let (_scratch, dir) = copy_rules(true);
    let built_in = test_counts(&run_ok(["rules", "test"]));
    // Alone, or laid over the built-in rules (every rule replaced by its copy): the same.
    for how in ["--rules-only", "--rules"] {
        let copy = test_counts(&run_ok([
            "rules".as_ref(),
            "test".as_ref(),
            how.as_ref(),
            dir.as_os_str(),
        ]));
        assert_eq!(copy, built_in, "{how}");
        assert_eq!(copy.1, 0, "{how}");
    }
}

/// A case file with one case, answering like the bank example.
fn one_case(name: &str, answers: &str, fires: &str) -> String {
    let indented = answers.lines().fold(String::new(), |mut out, l| {
        let _ = writeln!(out, "      {l}");
        out
    });
    format!(
        "cases:\n  - name: {name}\n    answers: |\n{indented}    expect:\n      strategy: A\n      approach: rag\n      fires: [{fires}]\n"
    )
}

#[test]
fn test_added_case_file_is_run() {
    let (_scratch, dir) = copy_rules(true);
    let bank = read(&root().join(BANK_EXAMPLE));
    add_case_file(
        &dir,
        &one_case(
            "added-bank-case",
            without_header(&bank),
            "needs-our-knowledge",
        ),
    );
    let built_in = test_counts(&run_ok(["rules", "test"])).0;
    let out = run_ok([
        "rules".as_ref(),
        "test".as_ref(),
        "--rules".as_ref(),
        dir.as_os_str(),
    ]);
    assert_eq!(test_counts(&out), (built_in + 1, 0), "{out}");
    assert!(out.contains("ok     added-bank-case"), "{out}");
}

#[test]
fn every_example_has_a_case_with_its_answers() {
    let cases = cases(&root().join("rules/tests/examples.yaml"));
    for example in examples() {
        let text = read(&example);
        let answers = without_header(&text).trim();
        let case = cases
            .iter()
            .find(|c| c["answers"].as_str().map(str::trim) == Some(answers))
            .unwrap_or_else(|| {
                panic!(
                    "{}: no case in rules/tests/examples.yaml has its answers",
                    example.display()
                )
            });
        let expect = format!(
            "{}/{}",
            case["expect"]["strategy"].as_str().expect("strategy"),
            case["expect"]["approach"].as_str().expect("approach")
        );
        // The header comment, the case and the rules agree on the advice.
        assert_eq!(
            expected_in_header(&text).as_deref(),
            Some(expect.as_str()),
            "{}: the header expects otherwise than case {}",
            example.display(),
            case["name"]
        );
        let report = json(&run_ok([
            "assess".as_ref(),
            example.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
        ]));
        let got = format!(
            "{}/{}",
            report["recommendation"]["strategy"].as_str().expect("s"),
            report["recommendation"]["approach"].as_str().expect("a")
        );
        assert_eq!(got, expect, "{}", example.display());
    }
}

// ---------------------------------------------------------------------------------------
// rules coverage
// ---------------------------------------------------------------------------------------

#[test]
fn coverage_json_counts_the_whole_space() {
    // The only full coverage run of this suite; the thread count is checked on a smaller base.
    let default = run_ok(["rules", "coverage", "--format", "json"]);

    let c = json(&default);
    let ids = ids(&rule_list());
    let scenarios = c["scenarios"].as_u64().expect("scenarios is a count");
    assert!(scenarios > 0);

    let pairs = c["pairs"].as_object().expect("pairs is an object");
    let keys: Vec<&str> = pairs.keys().map(String::as_str).collect();
    let mut sorted_keys = keys.clone();
    sorted_keys.sort_unstable();
    let mut expected = PAIRS.to_vec();
    expected.sort_unstable();
    assert_eq!(sorted_keys, expected);
    let mut sum = 0;
    for pair in PAIRS {
        let n = pairs[pair].as_u64().expect("a count");
        assert!(n > 0, "{pair} is never recommended");
        sum += n;
    }
    assert_eq!(sum, scenarios, "pairs do not add up to scenarios");

    // The README's sample of this report shows today's counts.
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    for pair in PAIRS {
        let line = readme
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{pair} ")))
            .unwrap_or_else(|| panic!("README's coverage sample has no {pair} line"));
        let shown = line.split_whitespace().nth(1).expect("a count");
        let n = pairs[pair].as_u64().expect("a count");
        assert_eq!(
            shown.replace(',', ""),
            n.to_string(),
            "README's coverage sample is stale for {pair}"
        );
    }

    for dead in c["dead_rules"].as_array().expect("dead_rules is a list") {
        let rule = dead["rule"].as_str().expect("rule");
        assert!(ids.iter().any(|id| id == rule), "dead rule {rule} unknown");
        let reason = dead["reason"].as_str().expect("reason");
        assert!(
            ["never fires", "never changes an outcome"].contains(&reason),
            "{rule}: {reason}"
        );
    }
    for rule in c["matrix_only"].as_array().expect("matrix_only is a list") {
        let rule = rule.as_str().expect("a rule id");
        assert!(
            ids.iter().any(|id| id == rule),
            "matrix-only rule {rule} unknown"
        );
        let show = run_ok(["rules", "show", rule]);
        assert!(
            show.contains("strategy:    -") && show.contains("approach:    -"),
            "{rule} is listed as matrix-only but has weights:\n{show}"
        );
        assert!(
            c["dead_rules"]
                .as_array()
                .is_some_and(|d| d.iter().all(|x| x["rule"] != rule)),
            "{rule} is both matrix-only and dead"
        );
    }
    let ties = c["ties"].as_u64().expect("ties is a count");
    assert!(ties <= scenarios);
    assert_eq!(c["conflicts"].as_u64(), Some(0), "conflicts");

    let exclusions = c["exclusions"].as_array().expect("exclusions is a list");
    assert!(!exclusions.is_empty());
    for e in exclusions {
        let rule = e["rule"].as_str().expect("rule");
        assert!(ids.iter().any(|id| id == rule), "exclusion {rule} unknown");
        let share = e["share"].as_f64().expect("share is a number");
        assert!((0.0..=1.0).contains(&share), "{rule}: share {share}");
        let excludes: Vec<&str> = e["excludes"]
            .as_array()
            .expect("excludes")
            .iter()
            .map(|x| x.as_str().expect("a name"))
            .collect();
        assert!(!excludes.is_empty(), "{rule} excludes nothing");
        let show = run_ok(["rules", "show", rule]);
        assert!(
            show.contains(&format!("excludes:    {} (", excludes.join(", "))),
            "{rule}: coverage says it excludes {excludes:?}; rules show says\n{show}"
        );
    }
}

/// A cut-down copy of `rules/`: every file that is not only rules, and the first file that
/// is, so the answer space is small and coverage is quick.
fn small_rule_base() -> (TempDir, PathBuf) {
    let (scratch, dir) = copy_rules(false);
    let mut kept_rules = false;
    for file in yaml_files(&dir) {
        let doc: Value = serde_yaml::from_str(&read(&file))
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let only_rules = doc
            .as_object()
            .is_some_and(|m| m.keys().all(|k| k == "rules"));
        if only_rules {
            if kept_rules {
                std::fs::remove_file(&file).expect("remove");
            }
            kept_rules = true;
        }
    }
    (scratch, dir)
}

#[test]
fn coverage_table_reports_scenarios_and_pairs() {
    let (_scratch, dir) = small_rule_base();
    let list = json(&run_ok([
        "rules".as_ref(),
        "list".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        "--rules-only".as_ref(),
        dir.as_os_str(),
    ]));
    let n = list["rules"].as_array().expect("a list").len();
    let out = run_ok([
        "rules".as_ref(),
        "coverage".as_ref(),
        "--rules-only".as_ref(),
        dir.as_os_str(),
    ]);
    assert!(out.contains("scenarios"), "{out}");
    assert!(out.contains(&format!("{n} rules")), "{out}");
    for pair in PAIRS {
        assert!(
            out.lines().any(|l| l.trim_start().starts_with(pair)),
            "no {pair} row in\n{out}"
        );
    }
    // The same counts as JSON, whatever the number of threads.
    let as_json = |threads: &str| {
        run_ok([
            "rules".as_ref(),
            "coverage".as_ref(),
            "--rules-only".as_ref(),
            dir.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
            "--threads".as_ref(),
            threads.as_ref(),
        ])
    };
    let one = as_json("1");
    assert_eq!(one, as_json("3"), "the thread count changes the result");
    let c = json(&one);
    let sum: u64 = PAIRS
        .iter()
        .map(|p| c["pairs"][p].as_u64().expect("a count"))
        .sum();
    assert_eq!(Some(sum), c["scenarios"].as_u64());
}

#[test]
fn show_gives_the_hand_set_weights_of_a_calibrated_rule() {
    // The built-in weights are calibrated: at least one rule keeps its author's values.
    let yaml: String = yaml_files(&root().join("rules"))
        .iter()
        .map(|f| read(f))
        .collect();
    let calibrated = yaml
        .split("\n  - id: ")
        .skip(1)
        .find(|rule| rule.contains("\n    hand_set:"))
        .and_then(|rule| rule.lines().next())
        .expect("a rule with hand_set")
        .trim()
        .to_owned();
    let out = run_ok(["rules", "show", &calibrated]);
    let line = out
        .lines()
        .find(|l| l.starts_with("hand-set:"))
        .unwrap_or_else(|| panic!("no hand-set line in\n{out}"));
    assert!(line.ends_with("(calibrated from these)"), "{line}");
    // A rule the fit left alone has none.
    let out = run_ok(["rules", "show", "secret-data-stays-inside"]);
    assert!(!out.contains("hand-set:"), "{out}");
}
