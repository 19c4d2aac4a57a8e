//! `questions`: what it lists is exactly what validation accepts, every question and level
//! is explained, and its table and Markdown are snapshots at a fixed width.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use llm_strategy::answers;
use llm_strategy::questions::{
    COST_KEYS, Kind, PLACEHOLDER, QUESTIONS, QuestionId, SCENARIO_KEYS, SECTIONS, SETTINGS,
    SettingKind,
};
use serde_json::Value;

use crate::common::{json, run, stderr_of, stdout};

/// The listing as `questions --format json` prints it.
pub(crate) fn listing() -> Value {
    json(&stdout(&run(["questions", "--format", "json"])))
}

/// Every key of the listing: (section, entry).
pub(crate) fn entries(listing: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for section in listing["sections"].as_array().expect("sections") {
        let name = section["section"].as_str().expect("section name");
        for key in section["keys"].as_array().expect("keys") {
            out.push((name.to_owned(), key.clone()));
        }
    }
    out
}

/// An answers file answering every required question with its example, with `changes`
/// (section, key, TOML value) set on top; a `None` value leaves the key out.
pub(crate) fn answers_file(changes: &[(&str, &str, Option<&str>)]) -> String {
    let mut lines: Vec<(String, String, Option<String>)> = QUESTIONS
        .iter()
        .filter(|q| q.required)
        .map(|q| (q.section.into(), q.key.into(), Some(q.example.into())))
        .collect();
    for (section, key, value) in changes {
        let value = value.map(str::to_owned);
        match lines.iter_mut().find(|(s, k, _)| s == section && k == key) {
            Some(line) => line.2 = value,
            None => lines.push(((*section).into(), (*key).into(), value)),
        }
    }
    let mut text = String::new();
    for section in SECTIONS {
        let _ = writeln!(text, "[{section}]");
        for (_, key, value) in lines.iter().filter(|(s, _, _)| s == section) {
            if let Some(value) = value {
                let _ = writeln!(text, "{key} = {value}");
            }
        }
    }
    text
}

/// Validates `text`, with the problems as text when it is not valid.
pub(crate) fn validate(text: &str) -> Result<answers::Answers, String> {
    answers::parse_text(Path::new("answers.toml"), text).map_err(|e| e.0)
}

fn str_of<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} in {value}"))
}

#[test]
fn every_listed_level_is_accepted_and_a_misspelt_one_is_not() {
    let mut levels = 0;
    for (section, entry) in entries(&listing()) {
        let key = str_of(&entry, "key");
        for level in entry["levels"].as_array().into_iter().flatten() {
            let level = str_of(level, "level");
            let ok = answers_file(&[(&section, key, Some(&format!("\"{level}\"")))]);
            validate(&ok).unwrap_or_else(|e| panic!("[{section}] {key} = {level}: {e}"));
            let misspelt = answers_file(&[(&section, key, Some(&format!("\"{level}x\"")))]);
            let err = validate(&misspelt).expect_err(&misspelt);
            assert!(err.contains(&format!("{level}x")), "{err}");
            levels += 1;
        }
    }
    let known = QUESTIONS
        .iter()
        .filter_map(llm_strategy::questions::Question::levels)
        .map(<[_]>::len);
    let choices = SETTINGS.iter().map(|s| s.meanings.len());
    assert_eq!(levels, known.chain(choices).sum::<usize>());
}

#[test]
fn every_listed_key_is_accepted_and_a_misspelt_one_is_not() {
    for (section, entry) in entries(&listing()) {
        let key = str_of(&entry, "key");
        let example = entry["example"].to_string();
        let ok = answers_file(&[(&section, key, Some(&example))]);
        validate(&ok).unwrap_or_else(|e| panic!("[{section}] {key} = {example}: {e}"));
        let misspelt = format!("{key}x");
        let bad = answers_file(&[(&section, &misspelt, Some(&example))]);
        let err = validate(&bad).expect_err(&bad);
        assert!(
            err.contains(&format!("[{section}] {misspelt}: unknown key")),
            "{err}"
        );
    }
}

#[test]
fn numbers_are_bounded_as_listed() {
    for (section, entry) in entries(&listing()) {
        if entry["type"] != "number" {
            continue;
        }
        let key = str_of(&entry, "key");
        let with = |value: &str| validate(&answers_file(&[(&section, key, Some(value))]));
        assert!(with("-1").is_err(), "[{section}] {key} = -1");
        assert_eq!(
            with("0").is_ok(),
            entry["positive"] == false,
            "[{section}] {key} = 0"
        );
        assert_eq!(
            with("1.5").is_ok(),
            entry["whole"] == false,
            "[{section}] {key} = 1.5"
        );
        assert!(with("2e3").is_ok(), "[{section}] {key} = 2e3");
        assert!(!str_of(&entry, "unit").is_empty(), "{key} has no unit");
    }
}

#[test]
fn the_listing_holds_every_key_validation_knows_and_no_other() {
    let listing = listing();
    let sections: Vec<&str> = listing["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .map(|s| str_of(s, "section"))
        .collect();
    assert_eq!(sections, SECTIONS);
    let listed: BTreeSet<(String, bool)> = entries(&listing)
        .into_iter()
        .map(|(_, e)| (str_of(&e, "name").to_owned(), e["required"] == true))
        .collect();
    let mut known: BTreeSet<(String, bool)> = QuestionId::all()
        .map(|id| (id.name().to_owned(), id.question().required))
        .collect();
    known.extend(SCENARIO_KEYS.map(|k| (format!("scenario.{k}"), false)));
    known.extend(COST_KEYS.map(|k| (format!("cost.{k}"), false)));
    assert_eq!(listed, known);
}

#[test]
fn every_question_and_level_is_explained() {
    for q in &QUESTIONS {
        assert!(q.description.ends_with('.'), "{}: {}", q.key, q.description);
        match q.kind {
            Kind::Level { levels, .. } => {
                assert_eq!(levels.len(), q.meanings.len(), "{} meanings", q.key);
                assert!(q.unit.is_none(), "{} has a unit", q.key);
            }
            Kind::Number { .. } => {
                assert!(q.meanings.is_empty(), "{} has meanings", q.key);
                assert!(q.unit.is_some_and(|u| !u.is_empty()), "{} unit", q.key);
            }
        }
        assert!(q.meanings.iter().all(|m| !m.is_empty()), "{}", q.key);
    }
    for s in &SETTINGS {
        assert!(s.description.ends_with('.'), "{}", s.key);
        let choices = match s.kind {
            SettingKind::Text => 0,
            SettingKind::Choice(names) => names.len(),
        };
        assert_eq!(choices, s.meanings.len(), "{} meanings", s.key);
    }
    for (section, entry) in entries(&listing()) {
        assert!(!str_of(&entry, "description").is_empty(), "{section}");
        for level in entry["levels"].as_array().into_iter().flatten() {
            assert!(!str_of(level, "meaning").is_empty(), "{level}");
        }
    }
}

#[test]
fn a_required_key_left_out_is_reported_missing() {
    for q in QUESTIONS.iter().filter(|q| q.required) {
        let err = validate(&answers_file(&[(q.section, q.key, None)])).expect_err(q.key);
        assert!(
            err.contains(&format!(
                "[{}] {}: missing required answer",
                q.section, q.key
            )),
            "{err}"
        );
    }
}

#[test]
fn the_placeholder_asks_to_be_filled_in() {
    for q in QUESTIONS.iter().filter(|q| q.required) {
        let text = answers_file(&[(q.section, q.key, Some(&format!("\"{PLACEHOLDER}\"")))]);
        let err = validate(&text).expect_err(q.key);
        assert!(
            err.contains(&format!(
                "[{}] {}: fill me in: {}\n",
                q.section,
                q.key,
                q.allowed()
            )),
            "{err}"
        );
        assert!(err.ends_with("answers.toml: 1 problem"), "{err}");
    }
}

#[test]
fn the_table_fits_the_width() {
    for width in ["40", "80", "120"] {
        let out = stdout(&run(["questions", "--width", width]));
        let max: usize = width.parse().expect("a number");
        for line in out.lines() {
            assert!(line.chars().count() <= max, "{width}: {line:?}");
        }
        for q in &QUESTIONS {
            assert!(out.contains(q.key), "{width}: {} is not listed", q.key);
        }
    }
}

#[test]
fn questions_table() {
    insta::assert_snapshot!(stdout(&run(["questions", "--width", "80"])));
}

#[test]
fn questions_markdown() {
    insta::assert_snapshot!(stdout(&run([
        "questions",
        "--width",
        "80",
        "--format",
        "markdown"
    ])));
}

#[test]
fn embed_writes_the_region_and_check_finds_it_stale() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("doc.md");
    let doc = path.to_str().expect("a UTF-8 path");
    let stale = "# Doc\n\n<!-- llm-strategy:begin questions -->\nold\n<!-- llm-strategy:end questions -->\ntail\n";
    std::fs::write(&path, stale).expect("written");
    let check = run(["questions", "--check", "--embed", doc]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr_of(&check));
    assert!(stderr_of(&check).contains("region \"questions\" is out of date"));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), stale);
    let embed = run(["questions", "--heading-level", "3", "--embed", doc]);
    assert!(embed.status.success(), "{}", stderr_of(&embed));
    let written = std::fs::read_to_string(&path).expect("read");
    assert!(
        written.starts_with(
            "# Doc\n\n<!-- llm-strategy:begin questions format=markdown heading-level=3 -->\n\n### The questionnaire\n"
        ),
        "{written}"
    );
    assert!(written.ends_with("<!-- llm-strategy:end questions -->\ntail\n"));
    let again = run(["questions", "--check", "--embed", doc]);
    assert!(again.status.success(), "{}", stderr_of(&again));
    let json = run(["questions", "--format", "json", "--embed", doc]);
    assert_eq!(json.status.code(), Some(2), "{}", stderr_of(&json));
}
