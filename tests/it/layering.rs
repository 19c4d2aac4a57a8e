//! Rules you extend, not copy: `--rules DIR` lays a directory's rule files over the built-in
//! rule base (same id replaces, new id adds, `remove:` takes away), `--rules-only DIR` reads a
//! directory alone, and every command that reads rules takes them the same way.
//!
//! The one-rule file is the README's own example, so the README's promise is what is tested:
//! one built-in rule changed with one file.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

use crate::common::{json, root, run, stderr_of, stdout};

const BANK: &str = "examples/regional-bank-advisor.toml";

/// The README's one-rule file: the text of the `yaml` block that opens with its name.
fn readme_rule_file() -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let start = readme
        .find("```yaml\n# my-rules/compliance.yaml")
        .expect("README shows my-rules/compliance.yaml");
    readme[start..]
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with("```"))
        .fold(String::new(), |out, l| out + l + "\n")
}

/// A scratch rules directory holding one file.
fn rules_dir(name: &str, text: &str) -> (TempDir, PathBuf) {
    let scratch = TempDir::new().expect("a scratch directory");
    let dir = scratch.path().join("my-rules");
    std::fs::create_dir(&dir).expect("rules dir");
    std::fs::write(dir.join(name), text).expect("rule file");
    (scratch, dir)
}

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// `assess BANK --format json` with extra arguments.
fn assess(extra: &[&str]) -> Value {
    let mut args = vec!["assess", BANK, "--format", "json"];
    args.extend_from_slice(extra);
    json(&stdout(&run(args)))
}

fn pair(report: &Value) -> String {
    let rec = &report["recommendation"];
    format!(
        "{}/{}",
        rec["strategy"].as_str().expect("strategy"),
        rec["approach"].as_str().expect("approach")
    )
}

#[test]
fn a_one_rule_file_changes_a_built_in_weight_and_the_advice() {
    let (_scratch, dir) = rules_dir("compliance.yaml", &readme_rule_file());
    let before = assess(&[]);
    let after = assess(&["--rules", path(&dir)]);
    assert_eq!(pair(&before), "A/rag");
    assert_eq!(pair(&after), "C/rag");
    // The built-in rule gave A -0.25, B -0.5, C +0.5; the README's gives A -3, B -3, C +7.
    let score = |r: &Value, s: &str| r["scores"]["strategy"][s].as_f64().expect("a score");
    for (s, delta) in [("A", -2.75), ("B", -2.5), ("C", 6.5), ("D", 0.0)] {
        let moved = score(&after, s) - score(&before, s);
        assert!((moved - delta).abs() < 1e-9, "{s} moved by {moved}");
    }
    // Every other rule is the built-in one: the approach scores do not move.
    assert_eq!(before["scores"]["approach"], after["scores"]["approach"]);
    assert_ne!(before["stamp"]["rules"], after["stamp"]["rules"]);
}

#[test]
fn show_and_list_say_where_a_rule_comes_from() {
    let (_scratch, dir) = rules_dir("compliance.yaml", &readme_rule_file());
    let file = dir.join("compliance.yaml");
    let show = stdout(&run([
        "rules",
        "show",
        "regulated-data-favours-own-hosting",
        "--rules",
        path(&dir),
        "--width",
        "200",
    ]));
    assert!(
        show.contains(&format!("file:        {}\n", file.display())),
        "{show}"
    );
    assert!(
        show.contains("origin:      yours, replaces the built-in rule in rules/data.yaml\n"),
        "{show}"
    );
    assert!(show.contains("strategy:    A -3, B -3, C +7\n"), "{show}");
    let built_in = stdout(&run([
        "rules",
        "show",
        "regulated-data-favours-own-hosting",
    ]));
    assert!(built_in.contains("origin:      built in\n"), "{built_in}");

    let list = json(&stdout(&run([
        "rules",
        "list",
        "--format",
        "json",
        "--rules",
        path(&dir),
    ])));
    assert_eq!(list["layered"], true);
    let rules = list["rules"].as_array().expect("rules");
    let mine: Vec<&Value> = rules.iter().filter(|r| r["origin"] != "built-in").collect();
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!(mine[0]["id"], "regulated-data-favours-own-hosting");
    assert_eq!(mine[0]["origin"], "replaces");
    assert_eq!(mine[0]["replaces"], "rules/data.yaml");
    assert_eq!(mine[0]["file"], path(&file));

    let table = stdout(&run([
        "rules",
        "list",
        "--rules",
        path(&dir),
        "--width",
        "120",
    ]));
    assert!(table.contains("Origin"), "{table}");
    assert!(
        table.contains("layered over the built-in rules: 1 replaced, 0 added, 0 removed\n"),
        "{table}"
    );
}

#[test]
fn a_new_rule_is_added_and_a_built_in_one_removed() {
    let text = "rules:\n  - id: our-regulator-knows-vendor-x\n    summary: Our regulator has approved vendor X's hosted model\n    \
                source: public-practice\n    when: { question: data.sensitivity, is: regulated }\n    \
                strategy: { A: 1 }\n    explanation: Approved in writing.\n\
                remove:\n  rules: [hedge-lock-in-in-software]\n";
    let (_scratch, dir) = rules_dir("ours.yaml", text);
    let built_in = json(&stdout(&run(["rules", "list", "--format", "json"])));
    let layered = json(&stdout(&run([
        "rules",
        "list",
        "--format",
        "json",
        "--rules",
        path(&dir),
    ])));
    let ids = |list: &Value| -> Vec<String> {
        list["rules"]
            .as_array()
            .expect("rules")
            .iter()
            .map(|r| r["id"].as_str().expect("id").to_owned())
            .collect()
    };
    let mut expected = ids(&built_in);
    expected.retain(|id| id != "hedge-lock-in-in-software");
    expected.push("our-regulator-knows-vendor-x".to_owned());
    assert_eq!(ids(&layered), expected);
    assert_eq!(
        layered["removed"],
        serde_json::json!(["hedge-lock-in-in-software"])
    );
    let last = layered["rules"]
        .as_array()
        .and_then(|r| r.last())
        .expect("a rule");
    assert_eq!(last["origin"], "added");

    let check = stdout(&run(["rules", "check", path(&dir)]));
    assert!(
        check.contains("layered over the built-in rules: 0 replaced, 1 added, 1 removed"),
        "{check}"
    );
    // The new rule fires for the bank; the removed one no longer does.
    let report = assess(&["--rules", path(&dir), "--explain"]);
    let fired: Vec<&str> = report["explanation"]["rules"]
        .as_array()
        .expect("explanation.rules")
        .iter()
        .filter(|r| r["fired"] == true)
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    assert!(fired.contains(&"our-regulator-knows-vendor-x"), "{fired:?}");
    assert!(!fired.contains(&"hedge-lock-in-in-software"), "{fired:?}");
}

#[test]
fn a_bad_source_in_your_rule_points_at_your_file() {
    let text = readme_rule_file().replace("source: dida-strategies", "source: dida-strategy");
    let (_scratch, dir) = rules_dir("compliance.yaml", &text);
    let line = text
        .lines()
        .position(|l| l.contains("dida-strategy"))
        .expect("the source line")
        + 1;
    for command in [
        vec!["assess", BANK],
        vec!["cost", BANK],
        vec!["rules", "list"],
        vec!["rules", "check"],
    ] {
        let mut args = command.clone();
        args.extend(["--rules", path(&dir)]);
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{command:?}");
        let err = stderr_of(&out);
        let at = format!(
            "{}:{line}:13: unknown source \"dida-strategy\"",
            dir.join("compliance.yaml").display()
        );
        assert!(err.contains(&at), "{command:?}: {err}");
        assert!(err.contains("did you mean \"dida-strategies\"?"), "{err}");
        assert!(!err.contains("not described"), "{err}");
    }
}

#[test]
fn rules_only_reads_a_partial_directory_alone_and_fails_as_before() {
    let (_scratch, dir) = rules_dir("compliance.yaml", &readme_rule_file());
    let out = run(["assess", BANK, "--rules-only", path(&dir)]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.contains("unknown source \"dida-strategies\""), "{err}");
    assert!(
        err.contains("rules: strategy A is not described in any file"),
        "{err}"
    );
    let out = run(["rules", "check", "--rules-only", path(&dir)]);
    assert_eq!(out.status.code(), Some(2));
    // The two options exclude each other.
    let out = run([
        "assess",
        BANK,
        "--rules",
        path(&dir),
        "--rules-only",
        path(&dir),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("cannot be used with"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn embed_check_notices_a_changed_rule_of_yours() {
    let (scratch, dir) = rules_dir("compliance.yaml", &readme_rule_file());
    let doc = scratch.path().join("plan.md");
    std::fs::write(
        &doc,
        "# Plan\n\n<!-- llm-strategy:begin bank -->\n<!-- llm-strategy:end bank -->\n",
    )
    .expect("plan.md");
    let embed = |extra: &[&str]| {
        let mut args = vec![
            "assess",
            BANK,
            "--embed",
            path(&doc),
            "--region",
            "bank",
            "--rules",
            path(&dir),
        ];
        args.extend_from_slice(extra);
        run(args)
    };
    stdout(&embed(&[]));
    stdout(&embed(&["--check"]));
    let changed = readme_rule_file().replace("C: 7", "C: 6.5");
    std::fs::write(dir.join("compliance.yaml"), changed).expect("rule file");
    let out = embed(&["--check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("it was embedded with other rules"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn calibrating_a_layered_directory_rewrites_only_its_own_rules() {
    let (scratch, dir) = rules_dir("compliance.yaml", &readme_rule_file());
    let out = scratch.path().join("calibrated");
    let report = stdout(&run([
        "rules",
        "calibrate",
        path(&dir),
        "--cases",
        "rules/tests/calibration",
        "--out",
        path(&out),
    ]));
    // Only the layered rule's weights are fitted; the built-in rules keep theirs.
    let changed: Vec<&str> = report
        .lines()
        .filter(|l| l.contains(" -> "))
        .map(|l| l.split_whitespace().next().expect("a rule id"))
        .collect();
    assert!(!changed.is_empty(), "{report}");
    assert!(
        changed
            .iter()
            .all(|id| *id == "regulated-data-favours-own-hosting"),
        "{report}"
    );
    let written: Vec<String> = std::fs::read_dir(&out)
        .expect("calibrated/")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written, ["compliance.yaml"]);
    let text = std::fs::read_to_string(out.join("compliance.yaml")).expect("written file");
    assert!(
        text.contains("hand_set: { strategy: { A: -3, B: -3, C: 7 } }"),
        "{text}"
    );
    // The written file is a layer again.
    stdout(&run(["rules", "check", path(&out)]));
}
