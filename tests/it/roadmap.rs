//! The roadmap in the report: its JSON shape, and that every stage is the advice the tool gives
//! when that one answer is grown to the trigger.

use serde_json::Value;

use crate::common::{examples, json, run, stdout};

fn assess(file: &std::path::Path, extra: &[&str]) -> Value {
    let mut args = vec![
        "assess".to_owned(),
        file.display().to_string(),
        "--format".to_owned(),
        "json".to_owned(),
    ];
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    json(&stdout(&run(args)))
}

fn pair(v: &Value) -> (String, String) {
    (
        v["strategy"].as_str().expect("strategy").to_owned(),
        v["approach"].as_str().expect("approach").to_owned(),
    )
}

#[test]
fn every_stage_is_the_advice_at_its_trigger() {
    let mut stages = 0;
    for file in examples() {
        let report = assess(&file, &[]);
        let roadmap = &report["roadmap"];
        assert_eq!(pair(&roadmap["now"]), pair(&report["recommendation"]));
        let text = std::fs::read_to_string(&file).expect("example");
        for stage in roadmap["stages"].as_array().expect("stages") {
            stages += 1;
            let question = stage["question"].as_str().expect("question");
            let (section, key) = question.split_once('.').expect("section.key");
            // Grow the one answer in a copy of the file.
            let value = match &stage["answer"] {
                Value::String(level) => format!("\"{level}\""),
                number => number.to_string(),
            };
            let mut doc: toml::Table = text.parse().expect("toml");
            doc.get_mut(section)
                .and_then(|s| s.as_table_mut())
                .expect("section")
                .insert(
                    key.to_owned(),
                    value.parse::<toml::Value>().expect("a value"),
                );
            let dir = tempfile::TempDir::new().expect("temp dir");
            let grown = dir.path().join("grown.toml");
            std::fs::write(&grown, toml::to_string(&doc).expect("toml")).expect("write");
            let after = assess(&grown, &[]);
            assert_eq!(
                pair(&after["recommendation"]),
                pair(stage),
                "{}: {stage}",
                file.display()
            );
            assert_ne!(pair(&stage["from"]), pair(stage), "{stage}");
            assert!(stage["prepare"].is_array(), "{stage}");
        }
    }
    assert!(stages > 0, "some bundled example has a stage");
}
