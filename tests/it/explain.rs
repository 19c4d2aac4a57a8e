//! End-to-end tests of `assess --explain` and of the what-if analysis every report carries.
//!
//! The explanation is checked by adding it up again: the fired rules' contributions must give
//! the scores exactly, and the rules that did not fire must add nothing. The what-if analysis
//! is checked by acting on it: each suggested answer is written into a copy of the example,
//! the copy is assessed, and the advice must change as stated. An exhaustive search over every
//! level must find the same level entries; for numbers, no threshold the rule conditions name
//! (and no sampled value) nearer than an entry may change the advice; stability must agree
//! with the one-step level changes counted from the outside.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::Path;
use std::sync::{Mutex, OnceLock, PoisonError};

use serde_json::Value;

use crate::common::{cli, examples, root};

// ---------------------------------------------------------------------------------------
// The questionnaire, as the README (and `llm-strategy questions`) documents it
// ---------------------------------------------------------------------------------------

const STRATEGIES: [&str; 4] = ["A", "B", "C", "D"];
const APPROACHES: [&str; 4] = ["prompting", "rag", "fine-tune", "train"];

/// The enumerated questions with their levels in ascending order; the flag says whether the
/// order means anything (`requirements.customization` is a set of choices, not a scale).
const LEVEL_QUESTIONS: [(&str, &[&str], bool); 15] = [
    (
        "data.sensitivity",
        &["public", "internal", "confidential", "regulated", "secret"],
        true,
    ),
    (
        "data.freshness",
        &["static", "monthly", "weekly", "daily"],
        true,
    ),
    (
        "data.uniqueness",
        &["common", "differentiated", "unique"],
        true,
    ),
    (
        "team.ml_talent",
        &["none", "basic", "experienced", "expert"],
        true,
    ),
    (
        "requirements.domain",
        &["generic", "specialized", "highly_specialized"],
        true,
    ),
    (
        "requirements.customization",
        &["none", "knowledge", "behavior", "both"],
        false,
    ),
    (
        "requirements.latency",
        &["batch", "interactive", "realtime"],
        true,
    ),
    (
        "requirements.time_to_market",
        &["weeks", "months", "year"],
        true,
    ),
    (
        "requirements.vendor_lock_in",
        &["acceptable", "avoid", "unacceptable"],
        true,
    ),
    (
        "requirements.transparency",
        &["standard", "auditable", "full"],
        true,
    ),
    ("data.residency", &["any", "region", "sovereign"], true),
    (
        "requirements.task",
        &["classify", "extract", "generate", "reason", "agent"],
        false,
    ),
    (
        "requirements.criticality",
        &["low", "business", "high_stakes"],
        true,
    ),
    (
        "requirements.language",
        &["well_served", "partly_served", "underserved"],
        true,
    ),
    (
        "requirements.hosting",
        &["any", "private_cloud", "on_premises"],
        true,
    ),
];

/// The numeric questions; `true` for counts, which take whole numbers only.
const NUMBER_QUESTIONS: [(&str, bool); 5] = [
    ("data.labeled_examples", true),
    ("data.corpus_tokens", false),
    ("budget.annual_usd", false),
    ("traffic.requests_per_day", false),
    ("traffic.tokens_per_request", false),
];

/// What a question accepts.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Level {
        levels: &'static [&'static str],
        ordered: bool,
    },
    Number {
        whole: bool,
    },
}

fn kind(question: &str) -> Kind {
    if let Some((_, levels, ordered)) = LEVEL_QUESTIONS.iter().find(|(q, ..)| *q == question) {
        return Kind::Level {
            levels,
            ordered: *ordered,
        };
    }
    if let Some((_, whole)) = NUMBER_QUESTIONS.iter().find(|(q, _)| *q == question) {
        return Kind::Number { whole: *whole };
    }
    panic!("question {question} is not in the questionnaire these tests know");
}

// ---------------------------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------------------------

/// The examples the text formats are snapshotted for.
const SNAPSHOT_EXAMPLES: [&str; 2] = ["regional-bank-advisor", "pharma-rnd-on-prem"];

/// Runs the binary with `args`, asserts success and returns stdout.
fn run(args: &[&str]) -> String {
    let output = cli()
        .current_dir(root())
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "llm-strategy {}: exit {:?}\n{}",
        args.join(" "),
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// `assess --format json` on a file, with `--explain` when asked.
fn assess_json(file: &Path, explain: bool) -> Value {
    let file = file.to_str().expect("a UTF-8 path");
    let mut args = vec!["assess", file, "--format", "json"];
    if explain {
        args.push("--explain");
    }
    let out = run(&args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{file}: output is not JSON: {e}"))
}

/// The whole `assess` report (`--full`) in a text format, at a fixed width and without color.
fn assess_text(file: &Path, format: &str, width: u16, explain: bool) -> String {
    let file = file.to_str().expect("a UTF-8 path");
    let width = width.to_string();
    let mut args = vec![
        "assess", file, "--format", format, "--width", &width, "--color", "never", "--full",
    ];
    if explain {
        args.push("--explain");
    }
    run(&args)
}

/// The rule ids of the built-in rule base, in order, from `rules list --format json`.
fn rule_ids() -> Vec<String> {
    let list: Value = serde_json::from_str(&run(&["rules", "list", "--format", "json"]))
        .expect("rules list prints JSON");
    list["rules"]
        .as_array()
        .expect("rules list prints a list of rules")
        .iter()
        .map(|r| r["id"].as_str().expect("an id").to_owned())
        .collect()
}

type Pair = (String, String);

fn pair_of(report: &Value) -> Pair {
    let r = &report["recommendation"];
    (
        r["strategy"].as_str().expect("strategy").to_owned(),
        r["approach"].as_str().expect("approach").to_owned(),
    )
}

fn show(pair: &Pair) -> String {
    format!("{} + {}", pair.0, pair.1)
}

/// The recommended pair for an answers file's text. Cached, since the searches below ask for
/// the same scenario many times.
fn advice(text: &str) -> Pair {
    static CACHE: OnceLock<Mutex<HashMap<String, Pair>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Mutex::default);
    if let Some(pair) = cache
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(text)
    {
        return pair.clone();
    }
    let mut file = tempfile::Builder::new()
        .suffix(".toml")
        .tempfile()
        .expect("a temporary file");
    file.write_all(text.as_bytes())
        .expect("the scenario is written");
    let pair = pair_of(&assess_json(file.path(), false));
    cache
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(text.to_owned(), pair.clone());
    pair
}

// ---------------------------------------------------------------------------------------
// Editing answers files as text
// ---------------------------------------------------------------------------------------

/// An answer as a TOML value: levels are strings, numbers are numbers.
fn toml_value(answer: &Value) -> String {
    match answer {
        Value::String(level) => format!("\"{level}\""),
        Value::Number(n) => {
            let n = n.as_f64().expect("a finite number");
            if n.fract() == 0.0 && n.abs() < 1e15 {
                format!("{}", n as i64)
            } else {
                // Debug always writes a decimal point or an exponent: a TOML float that
                // reads back as exactly this number.
                format!("{n:?}")
            }
        }
        other => panic!("not an answer: {other}"),
    }
}

/// Whether a line is the header of `[section]`.
fn is_header(line: &str, section: &str) -> bool {
    line.split('#').next().unwrap_or("").trim() == format!("[{section}]")
}

/// Whether a line assigns `key`.
fn assigns(line: &str, key: &str) -> bool {
    line.trim_start()
        .strip_prefix(key)
        .is_some_and(|rest| rest.trim_start().starts_with('='))
}

/// The answers file `text` with `question` (`section.key`) answered `answer`: the key's line
/// is replaced, or added under its section header, or the section is added at the end.
fn with_answer(text: &str, question: &str, answer: &Value) -> String {
    let (section, key) = question.split_once('.').expect("section.key");
    let line = format!("{key} = {}", toml_value(answer));
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    match lines.iter().position(|l| is_header(l, section)) {
        None => {
            lines.push(String::new());
            lines.push(format!("[{section}]"));
            lines.push(line);
        }
        Some(header) => {
            let end = lines[header + 1..]
                .iter()
                .position(|l| l.trim_start().starts_with('['))
                .map_or(lines.len(), |i| header + 1 + i);
            match (header + 1..end).find(|i| assigns(&lines[*i], key)) {
                Some(i) => lines[i] = line,
                None => lines.insert(header + 1, line),
            }
        }
    }
    lines.join("\n") + "\n"
}

#[test]
fn with_answer_replaces_adds_and_creates() {
    let text = "[data]\nsensitivity = \"internal\"\nlabeled_examples = 5\n\n[team]\nml_talent = \"basic\"\n";
    assert_eq!(
        with_answer(text, "data.sensitivity", &Value::from("secret")),
        "[data]\nsensitivity = \"secret\"\nlabeled_examples = 5\n\n[team]\nml_talent = \"basic\"\n"
    );
    assert_eq!(
        with_answer(
            text,
            "data.corpus_tokens",
            &Value::from(999_999.999_999_999_9)
        ),
        "[data]\ncorpus_tokens = 999999.9999999999\nsensitivity = \"internal\"\nlabeled_examples = 5\n\n[team]\nml_talent = \"basic\"\n"
    );
    assert_eq!(
        with_answer(text, "requirements.latency", &Value::from("batch")),
        format!("{text}\n[requirements]\nlatency = \"batch\"\n")
    );
    assert_eq!(
        with_answer(text, "data.labeled_examples", &Value::from(10_000.0)),
        text.replace("= 5", "= 10000")
    );
}

// ---------------------------------------------------------------------------------------
// --explain
// ---------------------------------------------------------------------------------------

fn explanation_rules(report: &Value) -> &Vec<Value> {
    report["explanation"]["rules"]
        .as_array()
        .expect("explanation.rules is a list")
}

fn num(v: &Value, what: &str) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("{what} is not a number: {v}"))
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

#[test]
fn explanation_has_one_entry_per_rule_in_rule_base_order() {
    let ids = rule_ids();
    assert!(!ids.is_empty());
    for example in examples() {
        let report = assess_json(&example, true);
        let traced: Vec<&str> = explanation_rules(&report)
            .iter()
            .map(|r| r["id"].as_str().expect("id"))
            .collect();
        assert_eq!(traced, ids, "{}", example.display());
        for rule in explanation_rules(&report) {
            let keys: Vec<&str> = rule
                .as_object()
                .expect("a rule trace is an object")
                .keys()
                .map(String::as_str)
                .collect();
            // The contract's keys; more (such as the cost facts read) may be added.
            for key in [
                "condition",
                "contributions",
                "excludes",
                "fired",
                "id",
                "reads",
                "truth",
            ] {
                assert!(
                    keys.contains(&key),
                    "{}: {}: no {key} in {keys:?}",
                    example.display(),
                    rule["id"]
                );
            }
            let c = &rule["contributions"];
            for (part, names) in [("strategy", &STRATEGIES), ("approach", &APPROACHES)] {
                let mut got: Vec<&str> = c[part]
                    .as_object()
                    .unwrap_or_else(|| panic!("contributions.{part} is an object"))
                    .keys()
                    .map(String::as_str)
                    .collect();
                got.sort_unstable();
                let mut want = names.to_vec();
                want.sort_unstable();
                assert_eq!(got, want, "{}: {}", example.display(), rule["id"]);
            }
            num(&c["control"], "control");
            num(&c["complexity"], "complexity");
        }
    }
}

#[test]
fn fired_contributions_add_up_to_the_scores() {
    for example in examples() {
        let report = assess_json(&example, true);
        let rules = explanation_rules(&report);
        let name = example.display();
        for (part, names) in [("strategy", &STRATEGIES), ("approach", &APPROACHES)] {
            for option in names {
                let sum: f64 = rules
                    .iter()
                    .filter(|r| r["fired"] == true)
                    .map(|r| num(&r["contributions"][part][option], "a contribution"))
                    .sum();
                let score = num(&report["scores"][part][option], "a score");
                assert!(
                    (sum - score).abs() < 1e-9,
                    "{name}: {part} {option}: fired rules add {sum}, the score is {score}"
                );
            }
        }
        // The matrix is the same sums, clamped to 0..10 and rounded to 2 decimals.
        for axis in ["control", "complexity"] {
            let sum: f64 = rules
                .iter()
                .filter(|r| r["fired"] == true)
                .map(|r| num(&r["contributions"][axis], axis))
                .sum();
            let shown = num(&report["matrix"][axis], axis);
            assert!(
                (round2(sum.clamp(0.0, 10.0)) - shown).abs() < 1e-9,
                "{name}: {axis}: fired rules add {sum}, the matrix shows {shown}"
            );
        }
        // The recommendation's score is its strategy's plus its approach's.
        let (s, a) = pair_of(&report);
        let total = num(&report["scores"]["strategy"][&s], "score")
            + num(&report["scores"]["approach"][&a], "score");
        let score = num(&report["recommendation"]["score"], "recommendation.score");
        assert!(
            (total - score).abs() < 0.011,
            "{name}: {s} + {a} scores {total}, the recommendation says {score}"
        );
    }
}

#[test]
fn rules_that_did_not_fire_contribute_nothing() {
    for example in examples() {
        let report = assess_json(&example, true);
        for rule in explanation_rules(&report) {
            let id = &rule["id"];
            let fired = rule["fired"].as_bool().expect("fired is a bool");
            let truth = rule["truth"].as_str().expect("truth is a string");
            assert!(
                ["true", "false", "unknown"].contains(&truth),
                "{id}: truth {truth}"
            );
            assert_eq!(fired, truth == "true", "{}: {id}", example.display());
            if fired {
                continue;
            }
            let c = &rule["contributions"];
            let mut values: Vec<f64> = STRATEGIES
                .iter()
                .map(|s| num(&c["strategy"][s], "strategy"))
                .chain(
                    APPROACHES
                        .iter()
                        .map(|a| num(&c["approach"][a], "approach")),
                )
                .collect();
            values.push(num(&c["control"], "control"));
            values.push(num(&c["complexity"], "complexity"));
            assert!(
                values.iter().all(|v| *v == 0.0),
                "{}: {id} did not fire but contributes {c}",
                example.display()
            );
            assert_eq!(
                rule["excludes"],
                Value::Array(vec![]),
                "{}: {id} did not fire but excludes",
                example.display()
            );
        }
    }
}

#[test]
fn each_rule_reads_the_answers_its_condition_names() {
    for example in examples() {
        let report = assess_json(&example, true);
        let answers: HashMap<&str, &Value> = report["answers"]
            .as_array()
            .expect("answers")
            .iter()
            .map(|a| (a["question"].as_str().expect("question"), &a["value"]))
            .collect();
        for rule in explanation_rules(&report) {
            let id = &rule["id"];
            let condition = rule["condition"].as_str().expect("condition");
            assert!(!condition.is_empty(), "{id}: empty condition");
            let reads = rule["reads"].as_array().expect("reads is a list");
            let mut seen = Vec::new();
            for read in reads {
                let q = read["question"].as_str().expect("question");
                assert!(
                    condition.contains(q),
                    "{id} reads {q}, which its condition `{condition}` does not name"
                );
                assert!(!seen.contains(&q), "{id} reads {q} twice");
                seen.push(q);
                assert_eq!(
                    &read["value"],
                    *answers.get(q).expect("a known question"),
                    "{}: {id} read a different value of {q} than the report shows",
                    example.display()
                );
            }
            if condition == "always" {
                assert!(reads.is_empty(), "{id}");
            }
            // A condition that names a question must read it.
            for q in answers.keys() {
                let named = condition
                    .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
                    .any(|token| token == *q);
                assert_eq!(
                    named,
                    seen.contains(q),
                    "{id}: `{condition}` and its reads disagree about {q}"
                );
            }
            // Cost facts a condition reads (when the trace lists them) are named in it too.
            let facts = rule
                .get("facts")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for fact in &facts {
                let name = fact["fact"].as_str().expect("a fact name");
                assert!(
                    condition.contains(name),
                    "{id} reads fact {name}, which `{condition}` does not name"
                );
                assert!(
                    fact["value"].is_null() || fact["value"].is_number(),
                    "{id}: fact {name} = {}",
                    fact["value"]
                );
            }
            if rule["truth"] == "unknown" {
                assert!(
                    reads.iter().chain(&facts).any(|r| r["value"].is_null()),
                    "{}: {id} is unknown yet read nothing unknown",
                    example.display()
                );
            }
        }
    }
}

#[test]
fn exclusions_are_the_fired_rules_excludes() {
    for example in examples() {
        let report = assess_json(&example, true);
        let from_trace: Vec<(String, Vec<Value>)> = explanation_rules(&report)
            .iter()
            .filter(|r| r["fired"] == true)
            .filter(|r| !r["excludes"].as_array().expect("excludes").is_empty())
            .map(|r| {
                (
                    r["id"].as_str().expect("id").to_owned(),
                    r["excludes"].as_array().expect("excludes").clone(),
                )
            })
            .collect();
        let from_report: Vec<(String, Vec<Value>)> = report["exclusions"]
            .as_array()
            .expect("exclusions")
            .iter()
            .map(|e| {
                let mut what = e["strategies"].as_array().expect("strategies").clone();
                what.extend(e["approaches"].as_array().expect("approaches").clone());
                (e["rule"].as_str().expect("rule").to_owned(), what)
            })
            .collect();
        assert_eq!(from_trace, from_report, "{}", example.display());
        let (s, a) = pair_of(&report);
        for (rule, what) in &from_trace {
            assert!(
                !what.contains(&Value::from(s.as_str()))
                    && !what.contains(&Value::from(a.as_str())),
                "{}: {rule} excludes part of the recommendation {s} + {a}",
                example.display()
            );
        }
    }
}

#[test]
fn without_explain_there_is_no_explanation() {
    for example in examples() {
        let report = assess_json(&example, false);
        assert!(
            report.get("explanation").is_none(),
            "{}: explanation present without --explain",
            example.display()
        );
        let explained = assess_json(&example, true);
        // Apart from the explanation, --explain changes nothing.
        let mut stripped = explained.clone();
        stripped
            .as_object_mut()
            .expect("an object")
            .remove("explanation");
        assert_eq!(stripped, report, "{}", example.display());
    }
}

#[test]
fn every_rule_section_appears_only_with_explain() {
    for example in examples() {
        for format in ["table", "markdown"] {
            let plain = assess_text(&example, format, 100, false);
            let explained = assess_text(&example, format, 100, true);
            assert!(
                !plain.contains("Every rule"),
                "{} ({format}): \"Every rule\" without --explain",
                example.display()
            );
            assert!(
                explained.contains("Every rule"),
                "{} ({format}): no \"Every rule\" with --explain",
                example.display()
            );
            // The explanation is added at the end, before the Markdown stamp; what comes
            // before is unchanged.
            let body = |text: &str| {
                text.split("\n\n<!-- llm-strategy stamp: ")
                    .next()
                    .unwrap_or(text)
                    .trim_end()
                    .to_owned()
            };
            assert!(
                body(&explained).starts_with(&body(&plain)),
                "{} ({format}): --explain changed the report before the explanation",
                example.display()
            );
        }
    }
}

/// The rule ids of the explanation that fired, and those that did not but name the pair they
/// would have led to.
fn fired_and_would(report: &Value) -> (Vec<String>, Vec<(String, String)>) {
    let mut fired = Vec::new();
    let mut would = Vec::new();
    for rule in explanation_rules(report) {
        let id = rule["id"].as_str().expect("an id").to_owned();
        if rule["fired"] == Value::Bool(true) {
            fired.push(id);
        } else if let Some(pair) = rule["would_recommend"].as_str() {
            would.push((id, pair.to_owned()));
        }
    }
    (fired, would)
}

#[test]
fn explain_lists_fired_rules_then_the_ones_that_would_change_the_advice_then_a_count() {
    for example in examples() {
        let report = assess_json(&example, true);
        let total = explanation_rules(&report).len();
        let (fired, would) = fired_and_would(&report);
        let (strategy, approach) = pair_of(&report);
        let recommended = format!("{strategy}/{approach}");
        for format in ["table", "markdown"] {
            let out = assess_text(&example, format, 80, true);
            let section = out
                .split("Every rule")
                .nth(1)
                .expect("an Every rule section");
            let quiet = total - fired.len() - would.len();
            assert!(
                section.contains(&format!(
                    "{} rules fired; {} did not but would have changed the advice; {quiet} others",
                    fired.len(),
                    would.len()
                )),
                "{} ({format}): no headline counting the rules\n{section}",
                example.display()
            );
            let change = section
                .find("would have changed the advice\n")
                .unwrap_or(section.len());
            for id in &fired {
                let at = section.find(id.as_str());
                assert!(
                    at.is_some_and(|at| at < change),
                    "{} ({format}): fired rule {id} not listed before the unfired ones",
                    example.display()
                );
            }
            for (id, pair) in &would {
                assert_ne!(
                    pair, &recommended,
                    "{id} would recommend the recommendation"
                );
                let at = section.find(id.as_str());
                assert!(
                    at.is_some_and(|at| at > change),
                    "{} ({format}): rule {id}, which would change the advice, not listed \
                     after the fired ones",
                    example.display()
                );
            }
        }
    }
}

/// The words of the `--explain` section, whatever the lines they were wrapped into.
fn explain_words(example: &Path, width: u16) -> Vec<String> {
    let out = assess_text(example, "table", width, true);
    let section = out
        .split("\nEvery rule\n")
        .nth(1)
        .expect("an Every rule section");
    section.split_whitespace().map(str::to_owned).collect()
}

#[test]
fn explain_never_breaks_an_id_or_a_number_at_60_columns_or_more() {
    for example in examples() {
        // At 1,000 columns nothing wraps: the words as they are meant to read.
        let whole = explain_words(&example, 1000);
        for width in [60, 67, 80, 100] {
            let wrapped = explain_words(&example, width);
            assert_eq!(
                wrapped,
                whole,
                "{} at {width} columns: wrapping split or joined a word",
                example.display()
            );
            let out = assess_text(&example, "table", width, true);
            let section = out.split("\nEvery rule\n").nth(1).expect("a section");
            for line in section.lines() {
                assert!(
                    line.chars().count() <= usize::from(width),
                    "{} at {width}: {line:?} is too wide",
                    example.display()
                );
            }
        }
    }
}

#[test]
fn explain_table_snapshots() {
    for name in SNAPSHOT_EXAMPLES {
        let path = root().join(format!("examples/{name}.toml"));
        let out = assess_text(&path, "table", 80, true);
        for line in out.lines() {
            assert!(
                line.chars().count() <= 80,
                "{name}: line wider than 80 columns: {line:?}"
            );
        }
        insta::assert_snapshot!(format!("explain_table@{name}"), out);
    }
}

#[test]
fn explain_markdown_snapshots() {
    for name in SNAPSHOT_EXAMPLES {
        let path = root().join(format!("examples/{name}.toml"));
        let out = assess_text(&path, "markdown", 80, true);
        insta::assert_snapshot!(format!("explain_markdown@{name}"), out);
    }
}

#[test]
fn explanation_has_no_negative_zeros() {
    for example in examples() {
        let out = run(&[
            "assess",
            example.to_str().expect("UTF-8 path"),
            "--format",
            "json",
            "--explain",
        ]);
        assert!(
            !out.contains("-0.0"),
            "{}: -0.0 in the JSON:\n{}",
            example.display(),
            out.lines()
                .filter(|l| l.contains("-0.0"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

// ---------------------------------------------------------------------------------------
// What-if and stability
// ---------------------------------------------------------------------------------------

fn what_if(report: &Value) -> &Vec<Value> {
    report["what_if"].as_array().expect("what_if is a list")
}

/// A report (with `--explain`, for the rule conditions) and its what-if answers read exactly.
struct Assessed {
    report: Value,
    /// `what_if[i].answer`, exactly as printed.
    answers: Vec<Value>,
}

impl Assessed {
    fn of(file: &Path) -> Assessed {
        let path = file.to_str().expect("a UTF-8 path");
        let out = run(&["assess", path, "--format", "json", "--explain"]);
        let report: Value =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("{path}: not JSON: {e}"));
        let answers = exact_what_if_answers(&out);
        assert_eq!(
            answers.len(),
            what_if(&report).len(),
            "{path}: the what_if answers were not all found in the JSON text"
        );
        Assessed { report, answers }
    }

    /// Each what-if entry with its exact answer.
    fn entries(&self) -> impl Iterator<Item = (&Value, &Value)> {
        what_if(&self.report).iter().zip(&self.answers)
    }
}

/// The `answer` of every what-if entry, read from the JSON text with Rust's own float parser.
///
/// `serde_json`, built without its `float_roundtrip` feature, may read a float one unit in the
/// last place off: it reads `999999.9999999999` (the largest double below 1,000,000, which the
/// binary prints correctly) as `1000000.0`, which is on the other side of the threshold.
fn exact_what_if_answers(json: &str) -> Vec<Value> {
    let mut lines = json.lines().skip_while(|l| *l != "  \"what_if\": [");
    if lines.next().is_none() {
        return Vec::new();
    }
    lines
        .take_while(|l| !l.starts_with("  ]"))
        .filter_map(|l| l.trim().strip_prefix("\"answer\": "))
        .map(|v| {
            let v = v.trim_end_matches(',');
            if v.starts_with('"') {
                serde_json::from_str(v).expect("a JSON string")
            } else {
                Value::from(v.parse::<f64>().expect("a number"))
            }
        })
        .collect()
}

/// The report's answers in questionnaire order: (question, value or null).
fn answers(report: &Value) -> Vec<(String, Value)> {
    report["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .map(|a| {
            (
                a["question"].as_str().expect("question").to_owned(),
                a["value"].clone(),
            )
        })
        .collect()
}

fn entry_pair(entry: &Value) -> Pair {
    (
        entry["strategy"].as_str().expect("strategy").to_owned(),
        entry["approach"].as_str().expect("approach").to_owned(),
    )
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn level_index(levels: &[&str], answer: &Value) -> usize {
    let level = answer.as_str().expect("a level");
    levels
        .iter()
        .position(|l| *l == level)
        .unwrap_or_else(|| panic!("{level} is not one of {levels:?}"))
}

/// The largest answer below a threshold.
fn just_below(t: f64, whole: bool) -> f64 {
    if whole { t - 1.0 } else { t.next_down() }
}

/// A number as the reports write it: whole numbers with thousands separators.
fn format_number(n: f64) -> String {
    if n.fract() != 0.0 || n.abs() >= 1e15 {
        return format!("{n}");
    }
    let digits = format!("{}", n.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0.0 {
        out.insert(0, '-');
    }
    out
}

fn format_answer(answer: &Value) -> String {
    match answer {
        Value::String(s) => s.clone(),
        Value::Number(n) => format_number(n.as_f64().expect("finite")),
        other => other.to_string(),
    }
}

/// The numeric thresholds the rule conditions compare answers with (`q >= N`, `q < N`), per
/// question: rounded up for counts, ascending, without repeats. Thresholds that come from
/// cost facts are not among them.
fn thresholds(report: &Value) -> HashMap<String, Vec<f64>> {
    let mut out: HashMap<String, Vec<f64>> = HashMap::new();
    for rule in explanation_rules(report) {
        let condition = rule["condition"].as_str().expect("condition");
        let tokens: Vec<&str> = condition
            .split_whitespace()
            .map(|t| t.trim_matches(|c| c == '(' || c == ')'))
            .collect();
        for w in tokens.windows(3) {
            let Some((q, whole)) = NUMBER_QUESTIONS.iter().find(|(q, _)| *q == w[0]) else {
                continue;
            };
            if w[1] != ">=" && w[1] != "<" {
                continue;
            }
            let v: f64 = w[2]
                .replace(',', "")
                .parse()
                .unwrap_or_else(|e| panic!("threshold {} in `{condition}`: {e}", w[2]));
            if v > 0.0 {
                out.entry((*q).to_owned())
                    .or_default()
                    .push(if *whole { v.ceil() } else { v });
            }
        }
    }
    for list in out.values_mut() {
        list.sort_by(f64::total_cmp);
        list.dedup();
    }
    out
}

#[test]
fn thresholds_are_read_from_the_conditions() {
    let report = assess_json(&root().join("examples/regional-bank-advisor.toml"), true);
    let t = thresholds(&report);
    assert!(
        t["data.labeled_examples"].contains(&10_000.0),
        "{:?}",
        t["data.labeled_examples"]
    );
    assert!(t["budget.annual_usd"].contains(&1_000_000.0));
}

#[test]
fn every_report_has_what_if_stability_and_unanswered() {
    for example in examples() {
        let assessed = Assessed::of(&example);
        let report = &assessed.report;
        let known = thresholds(report);
        let name = example.display();
        let stability = num(&report["stability"], "stability");
        assert!((0.0..=1.0).contains(&stability), "{name}: {stability}");
        let neighbours = report["stability_neighbours"]
            .as_u64()
            .unwrap_or_else(|| panic!("{name}: stability_neighbours is not a count"));
        if neighbours == 0 {
            assert!((stability - 1.0).abs() < 1e-9, "{name}");
        }
        let unanswered: Vec<&str> = report["unanswered"]
            .as_array()
            .expect("unanswered is a list")
            .iter()
            .map(|q| q.as_str().expect("a question name"))
            .collect();
        let answered = answers(report);
        let expected: Vec<&str> = answered
            .iter()
            .filter(|(_, v)| v.is_null())
            .map(|(q, _)| q.as_str())
            .collect();
        assert_eq!(unanswered, expected, "{name}");
        let current = pair_of(report);
        for (entry, exact) in assessed.entries() {
            let mut keys: Vec<&str> = entry
                .as_object()
                .expect("a what-if entry is an object")
                .keys()
                .map(String::as_str)
                .collect();
            keys.sort_unstable();
            assert_eq!(
                keys,
                [
                    "answer", "approach", "change", "current", "question", "strategy"
                ],
                "{name}"
            );
            let q = entry["question"].as_str().expect("question");
            let now = &answered
                .iter()
                .find(|(question, _)| question == q)
                .unwrap_or_else(|| panic!("{name}: unknown question {q}"))
                .1;
            assert_eq!(&entry["current"], now, "{name}: {q}");
            assert_ne!(exact, now, "{name}: {q}: the same answer");
            assert_ne!(entry_pair(entry), current, "{name}: {q} keeps the advice");
            let change = entry["change"].as_str().expect("change");
            let Kind::Number { whole } = kind(q) else {
                assert_eq!(Value::from(change), *exact, "{name}: {q}");
                continue;
            };
            // `at least N` or `below N`, N the threshold crossed (rounded for people when it
            // is a fractional budget derived from a cost estimate).
            let x = num(exact, "answer");
            if whole {
                assert!(x.fract() == 0.0, "{name}: {q}: {x} is not whole");
            }
            let (below, shown) = if let Some(t) = change.strip_prefix("at least ") {
                (false, t)
            } else if let Some(t) = change.strip_prefix("below ") {
                (true, t)
            } else {
                panic!("{name}: {q}: change {change:?}");
            };
            let t: f64 = shown
                .replace(',', "")
                .parse()
                .unwrap_or_else(|e| panic!("{name}: {q}: {change:?}: {e}"));
            assert!((x - t).abs() <= 1.0, "{name}: {q}: {change:?} but {x}");
            if known.get(q).is_some_and(|k| k.contains(&t)) {
                let want = if below { just_below(t, whole) } else { t };
                assert!(
                    x.total_cmp(&want).is_eq(),
                    "{name}: {q}: {change:?} should try {want:?}, not {x:?}"
                );
            }
            if let Some(now) = now.as_f64() {
                assert_eq!(below, x < now, "{name}: {q}: {now} → {change}");
            }
        }
        // Answered questions first, each in questionnaire order.
        let order: Vec<(bool, usize)> = what_if(report)
            .iter()
            .map(|e| {
                let q = e["question"].as_str().expect("question");
                (
                    e["current"].is_null(),
                    answered.iter().position(|(a, _)| a == q).expect("known"),
                )
            })
            .collect();
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(order, sorted, "{name}: what_if is out of order");
    }
}

#[test]
fn every_what_if_entry_changes_the_recommendation_as_stated() {
    std::thread::scope(|scope| {
        for example in examples() {
            scope.spawn(move || {
                let assessed = Assessed::of(&example);
                let text = read(&example);
                let original = pair_of(&assessed.report);
                assert_eq!(advice(&text), original, "{}", example.display());
                for (entry, exact) in assessed.entries() {
                    let q = entry["question"].as_str().expect("question");
                    let got = advice(&with_answer(&text, q, exact));
                    let stated = entry_pair(entry);
                    assert_eq!(
                        got,
                        stated,
                        "{}: {q} = {} gives {}, what_if says {}",
                        example.display(),
                        toml_value(exact),
                        show(&got),
                        show(&stated)
                    );
                    assert_ne!(got, original, "{}: {q}", example.display());
                }
            });
        }
    });
}

#[test]
fn level_what_if_entries_are_the_nearest_change() {
    std::thread::scope(|scope| {
        for example in examples() {
            scope.spawn(move || {
                let assessed = Assessed::of(&example);
                let text = read(&example);
                let original = pair_of(&assessed.report);
                for (entry, exact) in assessed.entries() {
                    let q = entry["question"].as_str().expect("question");
                    let Kind::Level {
                        levels,
                        ordered: true,
                    } = kind(q)
                    else {
                        continue;
                    };
                    if entry["current"].is_null() {
                        continue;
                    }
                    let now = level_index(levels, &entry["current"]);
                    let to = level_index(levels, exact);
                    for between in now.min(to) + 1..now.max(to) {
                        let edited = with_answer(&text, q, &Value::from(levels[between]));
                        assert_eq!(
                            advice(&edited),
                            original,
                            "{}: {q} = {} already changes the advice, nearer than {}",
                            example.display(),
                            levels[between],
                            levels[to]
                        );
                    }
                }
            });
        }
    });
}

/// Values on the way from `now` in one direction, nearest first.
fn samples(now: f64, up: bool, whole: bool, positive: bool) -> Vec<f64> {
    let factors: &[f64] = if up {
        &[1.1, 1.25, 1.5, 2.0, 3.0, 5.0, 10.0, 30.0, 100.0, 1000.0]
    } else {
        &[0.9, 0.8, 0.5, 0.3, 0.1, 0.03, 0.01, 0.001, 0.0]
    };
    let mut out: Vec<f64> = factors
        .iter()
        .map(|f| now * f)
        .map(|v| if whole { v.round() } else { v })
        .filter(|v| v.total_cmp(&now).is_ne() && !(positive && *v <= 0.0))
        .collect();
    out.dedup();
    out
}

#[test]
fn number_what_if_entries_are_the_nearest_known_threshold() {
    std::thread::scope(|scope| {
        for example in examples() {
            scope.spawn(move || {
                let assessed = Assessed::of(&example);
                let text = read(&example);
                let original = pair_of(&assessed.report);
                let known = thresholds(&assessed.report);
                for (entry, exact) in assessed.entries() {
                    let q = entry["question"].as_str().expect("question");
                    let (Kind::Number { whole }, Some(now)) = (kind(q), entry["current"].as_f64())
                    else {
                        continue;
                    };
                    let x = num(exact, "answer");
                    // Each region boundary the conditions set between the current answer and
                    // the entry's, tried from the current answer's side.
                    let between: Vec<f64> = known
                        .get(q)
                        .into_iter()
                        .flatten()
                        .map(|t| if x > now { *t } else { just_below(*t, whole) })
                        .filter(|v| {
                            (x > now && now < *v && *v < x) || (x < now && x < *v && *v < now)
                        })
                        .collect();
                    for v in between {
                        assert_eq!(
                            advice(&with_answer(&text, q, &Value::from(v))),
                            original,
                            "{}: {q} = {v:?} already changes the advice, nearer than {x:?}",
                            example.display()
                        );
                    }
                }
            });
        }
    });
}

#[test]
fn no_number_change_nearer_than_the_what_if_entry_changes_the_advice() {
    let mut failures = Vec::new();
    std::thread::scope(|scope| {
        let handles: Vec<_> = examples()
            .into_iter()
            .map(|example| {
                scope.spawn(move || {
                    let mut failures = Vec::new();
                    let assessed = Assessed::of(&example);
                    let text = read(&example);
                    let original = pair_of(&assessed.report);
                    for (q, now) in answers(&assessed.report) {
                        let (Kind::Number { whole }, Some(now)) = (kind(&q), now.as_f64()) else {
                            continue;
                        };
                        let positive = q == "traffic.tokens_per_request";
                        for up in [false, true] {
                            // The entry in this direction, if any: nothing nearer may change it.
                            let limit = assessed
                                .entries()
                                .filter(|(e, _)| e["question"] == q.as_str())
                                .map(|(_, x)| num(x, "answer"))
                                .find(|x| (*x > now) == up);
                            for v in samples(now, up, whole, positive) {
                                if limit.is_some_and(|x| if up { v >= x } else { v <= x }) {
                                    break;
                                }
                                let got = advice(&with_answer(&text, &q, &Value::from(v)));
                                if got != original {
                                    failures.push(format!(
                                        "{}: {q} = {} gives {} (now {} with {}); what_if {}",
                                        example.display(),
                                        format_number(v),
                                        show(&got),
                                        format_number(now),
                                        show(&original),
                                        limit.map_or_else(
                                            || "has no change that way".to_owned(),
                                            |x| format!("says the nearest is {}", format_number(x))
                                        )
                                    ));
                                    break;
                                }
                            }
                        }
                    }
                    failures
                })
            })
            .collect();
        for handle in handles {
            failures.extend(handle.join().expect("a search thread"));
        }
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn stability_is_below_one_when_a_one_step_level_change_flips_the_advice() {
    let mut checked = 0;
    for example in examples() {
        let report = assess_json(&example, false);
        let one_step = what_if(&report).iter().any(|entry| {
            let q = entry["question"].as_str().expect("question");
            match kind(q) {
                _ if entry["current"].is_null() => false,
                Kind::Level { levels, ordered } => {
                    !ordered
                        || level_index(levels, &entry["current"])
                            .abs_diff(level_index(levels, &entry["answer"]))
                            == 1
                }
                Kind::Number { .. } => false,
            }
        });
        if one_step {
            checked += 1;
            let stability = num(&report["stability"], "stability");
            assert!(
                stability < 1.0,
                "{}: a one-step change flips the advice, yet stability is {stability}",
                example.display()
            );
        }
    }
    assert!(checked > 0, "no example has a one-step level change");
}

/// The what-if lines of the level questions by exhaustive search, and the one-step level
/// changes: (lines, kept, neighbours).
fn level_search(example: &Path, report: &Value) -> (Vec<String>, usize, usize) {
    let text = read(example);
    let current = pair_of(report);
    let (mut answered, mut unanswered) = (Vec::new(), Vec::new());
    let (mut kept, mut neighbours) = (0, 0);
    for (q, now) in answers(report) {
        let Kind::Level { levels, ordered } = kind(&q) else {
            continue;
        };
        let try_level = |j: usize| advice(&with_answer(&text, &q, &Value::from(levels[j])));
        if now.is_null() {
            for (j, level) in levels.iter().enumerate() {
                let pair = try_level(j);
                if pair != current {
                    unanswered.push(format!("{q}: null -> {level} gives {}", show(&pair)));
                }
            }
            continue;
        }
        let here = level_index(levels, &now);
        let directions: Vec<Vec<usize>> = if ordered {
            vec![
                (0..here).rev().collect(),
                (here + 1..levels.len()).collect(),
            ]
        } else {
            (0..levels.len())
                .filter(|j| *j != here)
                .map(|j| vec![j])
                .collect()
        };
        for direction in directions {
            for (step, j) in direction.into_iter().enumerate() {
                let pair = try_level(j);
                if step == 0 {
                    neighbours += 1;
                    kept += usize::from(pair == current);
                }
                if pair != current {
                    answered.push(format!(
                        "{q}: {} -> {} gives {}",
                        levels[here],
                        levels[j],
                        show(&pair)
                    ));
                    break;
                }
            }
        }
    }
    answered.extend(unanswered);
    (answered, kept, neighbours)
}

#[test]
fn level_what_if_entries_match_an_exhaustive_search() {
    std::thread::scope(|scope| {
        for example in examples() {
            scope.spawn(move || {
                let report = assess_json(&example, true);
                let name = example.display();
                let (expected, kept, neighbours) = level_search(&example, &report);
                let actual: Vec<String> = what_if(&report)
                    .iter()
                    .filter(|e| matches!(kind(e["question"].as_str().expect("q")), Kind::Level { .. }))
                    .map(|e| {
                        format!(
                            "{}: {} -> {} gives {}",
                            e["question"].as_str().expect("question"),
                            e["current"].as_str().unwrap_or("null"),
                            e["answer"].as_str().expect("a level"),
                            show(&entry_pair(e))
                        )
                    })
                    .collect();
                assert_eq!(actual, expected, "{name}");
                // Stability counts one-step changes of every answered question: the level
                // ones above, and per answered number one or two (one region down, one up),
                // at least one on each side where the conditions put a threshold.
                let known = thresholds(&report);
                let (mut low, mut high) = (0, 0);
                for (q, now) in answers(&report) {
                    let (Kind::Number { .. }, Some(v)) = (kind(&q), now.as_f64()) else {
                        continue;
                    };
                    let t = known.get(&q).cloned().unwrap_or_default();
                    low += usize::from(t.iter().any(|t| *t <= v)) + usize::from(t.iter().any(|t| *t > v));
                    high += 2;
                }
                let total = usize::try_from(
                    report["stability_neighbours"].as_u64().expect("a count"),
                )
                .expect("small");
                assert!(
                    (neighbours + low..=neighbours + high).contains(&total),
                    "{name}: {total} one-step changes; levels give {neighbours}, numbers {low} to {high}"
                );
                let stability = num(&report["stability"], "stability");
                let same = (stability * total as f64).round() as usize;
                assert!(
                    (kept..=kept + (total - neighbours)).contains(&same),
                    "{name}: {same} of {total} keep the advice; {kept} of the {neighbours} level changes do"
                );
                if total == neighbours {
                    let exact = if total == 0 { 1.0 } else { kept as f64 / total as f64 };
                    assert!((round2(exact) - stability).abs() < 1e-9, "{name}");
                }
            });
        }
    });
}

#[test]
fn text_formats_show_what_would_change_it() {
    for example in examples() {
        let report = assess_json(&example, false);
        let stability = num(&report["stability"], "stability");
        let neighbours = report["stability_neighbours"].as_u64().expect("count");
        let kept = (stability * neighbours as f64).round() as u64;
        let heading = format!(
            "What would change it (stability {:.0}%: {kept} of {neighbours} one-step changes keep it)",
            stability * 100.0
        );
        let table = assess_text(&example, "table", 200, false);
        let markdown = assess_text(&example, "markdown", 200, false);
        let name = example.display();
        assert!(
            table.contains(&heading),
            "{name}: no {heading:?} in\n{table}"
        );
        assert!(
            markdown.contains(&format!("## {heading}")),
            "{name}: no {heading:?} heading in\n{markdown}"
        );
        for entry in what_if(&report) {
            let q = entry["question"].as_str().expect("question");
            let change = entry["change"].as_str().expect("change");
            let gives = format!("gives {}", show(&entry_pair(entry)));
            if entry["current"].is_null() {
                let line = table
                    .lines()
                    .find(|l| l.starts_with(&format!("- {q}: ")))
                    .unwrap_or_else(|| panic!("{name}: no line for unanswered {q}"));
                // Answers with the same outcome are listed together: "x or y gives P".
                let (_, rest) = line.split_once(": ").expect("a question and its answers");
                let listed = rest.split("; ").any(|part| {
                    part.split_once(" gives ").is_some_and(|(answers, pair)| {
                        format!("gives {pair}") == gives
                            && answers.split(" or ").any(|a| a == change)
                    })
                });
                assert!(listed, "{name}: {change} {gives} not in {line:?}");
            } else {
                let now = format_answer(&entry["current"]);
                let line = format!("- {q}: {now} → {change} {gives}");
                assert!(table.contains(&line), "{name}: no {line:?} in\n{table}");
                let line = format!("- `{q}`: {now} → {change} {gives}");
                assert!(markdown.contains(&line), "{name}: no {line:?}");
            }
        }
    }
}
