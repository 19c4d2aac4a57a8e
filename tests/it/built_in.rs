//! The rule base built into the binary (checked and archived by `build.rs`) is the one its YAML
//! files give when parsed at run time: it evaluates every stored case and example alike.

use llm_strategy::{answers, cases, engine, rules};

use crate::common::{examples, root};

#[test]
fn archived_and_parsed_rule_bases_evaluate_identically() {
    let archived = rules::built_in().unwrap_or_else(|e| panic!("{e:#}"));
    let parsed = rules::built_in_parsed().unwrap_or_else(|e| panic!("{e}"));
    let mut scenarios: Vec<answers::Answers> = examples()
        .iter()
        .map(|path| answers::load(path).unwrap_or_else(|e| panic!("{e:#}")))
        .collect();
    let calibration = root().join("rules/tests/calibration");
    let stored = cases::built_in(&parsed).unwrap_or_else(|e| panic!("{e}"));
    let documented = cases::load_dirs(&parsed, &[calibration]).unwrap_or_else(|e| panic!("{e:#}"));
    scenarios.extend(stored.into_iter().chain(documented).map(|c| c.answers));
    assert!(
        scenarios.len() > 150,
        "too few scenarios: {}",
        scenarios.len()
    );
    for scenario in &scenarios {
        assert_eq!(
            engine::evaluate(&archived, scenario),
            engine::evaluate(&parsed, scenario),
            "{}",
            scenario.name
        );
    }
}

/// The archive is read in place, each field by hand: every text and every part comes out as
/// the YAML files give it (a field read from the wrong place shows here).
#[test]
fn the_archive_read_in_place_holds_the_parsed_rule_base_field_for_field() {
    let archived = rules::built_in().unwrap_or_else(|e| panic!("{e:#}"));
    let parsed = rules::built_in_parsed().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(format!("{archived:#?}"), format!("{parsed:#?}"));
}
