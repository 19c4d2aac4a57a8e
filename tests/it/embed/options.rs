//! Embeds that know what they wrote: the begin marker records the format, heading level,
//! `--explain` and the digests of the rules and pricing; `--check` and the next embed reuse
//! them unless the command line sets them, and a stale region prints a unified diff.

use super::*;

/// A 12-digit lowercase hex digest.
fn is_digest(text: &str) -> bool {
    text.len() == 12 && text.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f'))
}

/// The options the begin marker of `name` records, as its words after the name.
fn recorded(doc: &str, name: &str) -> Vec<String> {
    let line = begin_line(doc, name);
    let inner = line
        .trim()
        .strip_prefix(&format!("<!-- llm-strategy:begin {name}"))
        .and_then(|rest| rest.strip_suffix("-->"))
        .unwrap_or_else(|| panic!("not a begin marker of {name}: {line}"));
    inner.split_whitespace().map(str::to_owned).collect()
}

/// Asserts the marker records exactly `options` before its two digests.
fn assert_records(doc: &str, name: &str, options: &[&str]) {
    let words = recorded(doc, name);
    let (head, digests) = words.split_at(words.len().saturating_sub(2));
    assert_eq!(head, options, "{}", begin_line(doc, name));
    assert!(
        digests[0].strip_prefix("rules=").is_some_and(is_digest)
            && digests[1].strip_prefix("pricing=").is_some_and(is_digest),
        "{}",
        begin_line(doc, name)
    );
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

/// The changed lines of a unified diff: those starting with `-` or `+`, headers left out.
fn changed_lines(diff: &str) -> Vec<&str> {
    diff.lines()
        .filter(|l| !l.starts_with("--- ") && !l.starts_with("+++ "))
        .filter(|l| l.starts_with('-') || l.starts_with('+'))
        .collect()
}

const OPTIONS: [&str; 3] = ["--heading-level", "3", "--explain"];

#[test]
fn options_are_recorded_and_reused_by_a_plain_check_and_embed() {
    let (_dir, path) = doc_with(planning_doc().as_bytes());
    assert_code(&assess_embed(BANK, &path, &OPTIONS), 0);
    let embedded = read_text(&path);
    assert_records(
        &embedded,
        BANK_REGION,
        &["format=markdown", "heading-level=3", "explain"],
    );
    assert_region_holds(&embedded, BANK_REGION, &assess_markdown(BANK, &OPTIONS));

    let same = assess_embed(BANK, &path, &[&OPTIONS[..], &["--check"]].concat());
    assert_code(&same, 0);
    let plain = assess_embed(BANK, &path, &["--check"]);
    assert_code(&plain, 0);
    assert_eq!(stdout(&plain), "", "no diff for a current region");
    assert!(
        stderr(&plain).contains("is up to date"),
        "{}",
        stderr(&plain)
    );

    // Embedding again without options keeps the recorded ones: nothing changes.
    let again = assess_embed(BANK, &path, &[]);
    assert_code(&again, 0);
    assert!(
        stderr(&again).contains("is up to date"),
        "{}",
        stderr(&again)
    );
    assert_eq!(read_text(&path), embedded);
}

#[test]
fn a_changed_answer_fails_the_check_with_a_unified_diff() {
    let (dir, path) = doc_with(planning_doc().as_bytes());
    let answers = dir.path().join("regional-bank-advisor.toml");
    let original = std::fs::read_to_string(root().join(BANK)).expect("read example");
    std::fs::write(&answers, &original).expect("copy example");
    let answers = answers.to_str().expect("UTF-8 path");
    assert_code(&assess_embed(answers, &path, &OPTIONS), 0);
    let embedded = read_text(&path);

    let changed = original.replace("requests_per_day = 20_000", "requests_per_day = 25_000");
    assert_ne!(
        changed, original,
        "the example answers 20,000 requests a day"
    );
    std::fs::write(answers, changed).expect("change an answer");
    let check = assess_embed(answers, &path, &["--check"]);
    assert_code(&check, 1);
    assert_eq!(read_text(&path), embedded, "--check wrote the document");
    assert!(
        stderr(&check).contains("is out of date; run the same command without --check"),
        "{}",
        stderr(&check)
    );
    let diff = stdout(&check);
    let doc = path.display();
    assert!(
        diff.starts_with(&format!(
            "--- {doc} (region {BANK_REGION}, embedded)\n+++ {doc} (region {BANK_REGION}, current)\n@@ -"
        )),
        "{diff}"
    );
    let changed = changed_lines(&diff);
    assert!(
        changed.contains(&"-| Requests per day | 20,000 |"),
        "{diff}"
    );
    assert!(
        changed.contains(&"+| Requests per day | 25,000 |"),
        "{diff}"
    );
    // The recorded options were reused: the marker is not in the diff, and any heading in it
    // is still at level 3 or below.
    assert!(
        changed.iter().all(|l| !l.contains("llm-strategy:begin")),
        "{diff}"
    );
    assert!(
        changed
            .iter()
            .filter(|l| l[1..].starts_with('#'))
            .all(|l| l[1..].starts_with("###")),
        "{diff}"
    );

    assert_code(&assess_embed(answers, &path, &[]), 0);
    let updated = read_text(&path);
    assert!(
        updated.contains("| Requests per day | 25,000 |"),
        "{updated}"
    );
    assert_eq!(
        begin_line(&updated, BANK_REGION),
        begin_line(&embedded, BANK_REGION)
    );
    assert_code(&assess_embed(answers, &path, &["--check"]), 0);
}

#[test]
fn an_option_on_the_command_line_overrides_the_recorded_one() {
    let (_dir, path) = doc_with(planning_doc().as_bytes());
    assert_code(&assess_embed(BANK, &path, &OPTIONS), 0);

    let check = assess_embed(BANK, &path, &["--check", "--heading-level", "2"]);
    assert_code(&check, 1);
    let diff = stdout(&check);
    let changed = changed_lines(&diff);
    assert!(
        changed.contains(&"-### Regional bank: advisor assistant"),
        "{diff}"
    );
    assert!(
        changed.contains(&"+## Regional bank: advisor assistant"),
        "{diff}"
    );
    let marker_lines: Vec<&&str> = changed
        .iter()
        .filter(|l| l.contains("llm-strategy:begin"))
        .collect();
    assert_eq!(marker_lines.len(), 2, "{diff}");
    assert!(
        marker_lines[0].contains(" heading-level=3 explain "),
        "{diff}"
    );
    assert!(
        marker_lines[1].contains(" heading-level=2 explain "),
        "{diff}"
    );

    // Written, the new level is recorded and the recorded --explain kept.
    assert_code(&assess_embed(BANK, &path, &["--heading-level", "2"]), 0);
    let doc = read_text(&path);
    assert_records(
        &doc,
        BANK_REGION,
        &["format=markdown", "heading-level=2", "explain"],
    );
    assert_region_holds(
        &doc,
        BANK_REGION,
        &assess_markdown(BANK, &["--heading-level", "2", "--explain"]),
    );
}

#[test]
fn an_old_style_marker_still_works() {
    let (_dir, path) = doc_with(planning_doc().as_bytes());
    assert_code(&assess_embed(BANK, &path, &[]), 0);
    let embedded = read_text(&path);
    assert_records(
        &embedded,
        BANK_REGION,
        &["format=markdown", "heading-level=2"],
    );
    // As a version that recorded no options would have left it.
    let old = embedded.replace(begin_line(&embedded, BANK_REGION), &begin(BANK_REGION));
    std::fs::write(&path, &old).expect("write old-style document");

    let check = assess_embed(BANK, &path, &["--check"]);
    assert_code(&check, 0);
    assert_eq!(stdout(&check), "");
    assert_eq!(read_text(&path), old);
    // A heading level that differs from the default it stands for is stale.
    assert_code(
        &assess_embed(BANK, &path, &["--check", "--heading-level", "3"]),
        1,
    );

    // The next embed writes the options into the marker and nothing else.
    let upgrade = assess_embed(BANK, &path, &[]);
    assert_code(&upgrade, 0);
    assert!(stderr(&upgrade).contains("updated"), "{}", stderr(&upgrade));
    assert_eq!(read_text(&path), embedded);
}

#[test]
fn changed_rules_make_the_region_stale_and_say_so() {
    let (dir, path) = doc_with(planning_doc().as_bytes());
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).expect("rules dir");
    for entry in std::fs::read_dir(root().join("rules")).expect("read rules") {
        let entry = entry.expect("entry");
        if entry.path().is_file() {
            std::fs::copy(entry.path(), rules.join(entry.file_name())).expect("copy rule file");
        }
    }
    let with_rules = |extra: &[&str]| {
        let mut args = vec!["--rules-only", rules.to_str().expect("UTF-8 path")];
        args.extend(extra);
        assess_embed(BANK, &path, &args)
    };
    assert_code(&with_rules(&[]), 0);
    assert_code(&with_rules(&["--check"]), 0);
    // The same files anywhere are the same rules.
    assert_code(&assess_embed(BANK, &path, &["--check"]), 0);

    let data = rules.join("data.yaml");
    let mut text = std::fs::read_to_string(&data).expect("read rule file");
    text.push_str("# a comment changes the bytes, not the advice\n");
    std::fs::write(&data, text).expect("edit rule file");
    let check = with_rules(&["--check"]);
    assert_code(&check, 1);
    let message = stderr(&check);
    assert!(
        message.contains("is out of date: it was embedded with other rules (rules="),
        "{message}"
    );
    assert!(!message.contains("other pricing"), "{message}");
    // The review on stderr names the rule base that changed, and the same advice.
    assert!(message.contains("Same advice (A/rag)"), "{message}");
    assert!(message.contains("  Rules: "), "{message}");
    // Only the marker line, the stamp (its comment and footer line) and the record differ.
    let diff = stdout(&check);
    let changed = changed_lines(&diff);
    assert_eq!(changed.len(), 8, "{diff}");
    assert!(
        changed.iter().all(|l| l.contains("llm-strategy:begin")
            || l.contains("llm-strategy:record ")
            || l.contains("llm-strategy stamp: ")
            || l.contains("Computed by llm-strategy")),
        "{diff}"
    );

    assert_code(&with_rules(&[]), 0);
    assert_code(&with_rules(&["--check"]), 0);
}

#[test]
fn a_compare_region_records_its_options_too() {
    let files = [BANK, SAAS];
    let original = format!("# Options\n\n{}\n{}\n", begin("compare"), end("compare"));
    let (_dir, path) = doc_with(original.as_bytes());
    assert_code(&compare_embed(&files, &path, &["--heading-level", "4"]), 0);
    let doc = read_text(&path);
    assert_records(&doc, "compare", &["format=markdown", "heading-level=4"]);
    assert_code(&compare_embed(&files, &path, &["--check"]), 0);
    assert_code(&compare_embed(&files, &path, &[]), 0);
    assert_eq!(read_text(&path), doc);
}
