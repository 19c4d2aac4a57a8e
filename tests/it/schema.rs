//! `schema`: a valid JSON Schema that accepts every bundled example and every filled-in
//! `init` file, and rejects what validation rejects, read as draft 2020-12 and as draft 7
//! (which some editors still use).

use llm_strategy::questions::{PLACEHOLDER, QUESTIONS};
use serde_json::Value;

use crate::common::{examples, json, run, stdout};
use crate::questions::{answers_file, entries, listing, validate};

/// The schema as `schema` prints it.
fn schema() -> Value {
    json(&stdout(&run(["schema"])))
}

/// The schema read under both drafts.
fn validators() -> Vec<jsonschema::Validator> {
    let schema = schema();
    vec![
        jsonschema::draft202012::new(&schema).expect("a valid draft 2020-12 schema"),
        jsonschema::draft7::new(&schema).expect("a valid draft 7 schema"),
    ]
}

/// An answers file as the JSON that editors check against the schema.
fn as_json(toml_text: &str) -> Value {
    toml::from_str(toml_text).unwrap_or_else(|e| panic!("not TOML ({e}):\n{toml_text}"))
}

/// The schema's errors for `toml_text` under every draft; none when it is valid.
fn errors(validators: &[jsonschema::Validator], toml_text: &str) -> Vec<String> {
    let instance = as_json(toml_text);
    validators
        .iter()
        .flat_map(|v| v.iter_errors(&instance).map(|e| e.to_string()))
        .collect()
}

#[test]
fn the_schema_is_a_draft_2020_12_schema() {
    let schema = schema();
    jsonschema::meta::validate(&schema).expect("the schema is valid against its metaschema");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["additionalProperties"], false);
    assert_eq!(
        schema["required"],
        serde_json::json!(["data", "team", "budget", "traffic"])
    );
}

#[test]
fn schema_json() {
    insta::assert_snapshot!(stdout(&run(["schema"])));
}

#[test]
fn every_example_is_valid() {
    let validators = validators();
    for path in examples() {
        let text = std::fs::read_to_string(&path).expect("readable");
        let errors = errors(&validators, &text);
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    }
}

#[test]
fn the_schema_accepts_what_validation_accepts() {
    let validators = validators();
    let mut texts = vec![answers_file(&[])];
    for (section, entry) in entries(&listing()) {
        let key = entry["key"].as_str().expect("key");
        texts.push(answers_file(&[(
            &section,
            key,
            Some(&entry["example"].to_string()),
        )]));
        for level in entry["levels"].as_array().into_iter().flatten() {
            let value = level["level"].to_string();
            texts.push(answers_file(&[(&section, key, Some(&value))]));
        }
    }
    // A whole count written as a float is still a whole count.
    texts.push(answers_file(&[("data", "labeled_examples", Some("2e3"))]));
    for text in texts {
        validate(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let errors = errors(&validators, &text);
        assert!(errors.is_empty(), "{errors:?}\n{text}");
    }
}

#[test]
fn the_schema_rejects_what_validation_rejects() {
    let validators = validators();
    let placeholder = format!("\"{PLACEHOLDER}\"");
    let cases: Vec<(&str, String)> = vec![
        (
            "a misspelt level",
            answers_file(&[("data", "sensitivity", Some("\"publc\""))]),
        ),
        (
            "a misspelt [cost] choice",
            answers_file(&[("cost", "tier", Some("\"fronteir\""))]),
        ),
        (
            "a negative number",
            answers_file(&[("budget", "annual_usd", Some("-1"))]),
        ),
        (
            "a fractional count",
            answers_file(&[("data", "labeled_examples", Some("1.5"))]),
        ),
        (
            "zero tokens per request",
            answers_file(&[("traffic", "tokens_per_request", Some("0"))]),
        ),
        (
            "a number in quotes",
            answers_file(&[("traffic", "requests_per_day", Some("\"20000\""))]),
        ),
        (
            "an unknown key",
            answers_file(&[("requirements", "latencyy", Some("\"batch\""))]),
        ),
        (
            "a key in the wrong section",
            answers_file(&[("team", "sensitivity", Some("\"public\""))]),
        ),
        (
            "a missing required key",
            answers_file(&[("team", "ml_talent", None)]),
        ),
        (
            "an empty scenario name",
            answers_file(&[("scenario", "name", Some("\"  \""))]),
        ),
        (
            "an unknown section",
            format!("{}[extra]\nx = 1\n", answers_file(&[])),
        ),
        (
            "a placeholder for a level",
            answers_file(&[("data", "sensitivity", Some(&placeholder))]),
        ),
        (
            "a placeholder for a number",
            answers_file(&[("budget", "annual_usd", Some(&placeholder))]),
        ),
    ];
    for (what, text) in cases {
        assert!(
            validate(&text).is_err(),
            "validation accepts {what}:\n{text}"
        );
        let instance = as_json(&text);
        for v in &validators {
            assert!(!v.is_valid(&instance), "the schema accepts {what}:\n{text}");
        }
    }
}

#[test]
fn init_files_are_valid_once_filled_in() {
    let validators = validators();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("answers.toml");
    let out = run(["init", path.to_str().expect("a UTF-8 path")]);
    assert!(out.status.success(), "{out:?}");
    let template = std::fs::read_to_string(&path).expect("init wrote the file");
    // As written, every required answer is a placeholder the schema flags.
    let required = QUESTIONS.iter().filter(|q| q.required).count();
    assert_eq!(errors(&validators[..1], &template).len(), required);
    let filled = crate::init::fill_in(&template);
    let errors_filled = errors(&validators, &filled);
    assert!(errors_filled.is_empty(), "{errors_filled:?}\n{filled}");
    let everything = crate::init::uncomment_every_example(&filled);
    let errors_all = errors(&validators, &everything);
    assert!(errors_all.is_empty(), "{errors_all:?}\n{everything}");
    // The schema init wrote beside the file is the one `schema` prints.
    let written = std::fs::read_to_string(dir.path().join("answers.schema.json"))
        .expect("init wrote the schema");
    assert_eq!(written, stdout(&run(["schema"])));
}

#[test]
fn output_writes_what_stdout_shows() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (command, file) in [("schema", "s.json"), ("questions", "q.txt")] {
        let path = dir.path().join(file);
        let out = run([command, "-o", path.to_str().expect("a UTF-8 path")]);
        assert!(out.status.success(), "{out:?}");
        assert!(out.stdout.is_empty());
        let written = std::fs::read_to_string(&path).expect("written");
        assert_eq!(
            written,
            stdout(&run([command, "--width", "80"])),
            "{command}"
        );
    }
}
