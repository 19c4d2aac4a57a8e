//! The calibration set of documented deployments (`rules/tests/calibration/`): its spread, its
//! sources, and the record of which answers are documented and which estimated.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::common::root;

/// Every case of the calibration set, as JSON values.
fn cases() -> Vec<Value> {
    let dir = root().join("rules/tests/calibration");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("rules/tests/calibration")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).expect("readable");
            let doc: Value =
                serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            doc["cases"].as_array().expect("a cases list").clone()
        })
        .collect()
}

fn text<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key]
        .as_str()
        .unwrap_or_else(|| panic!("{}: no {key}", case["name"]))
}

#[test]
fn the_set_has_the_spread_it_promises() {
    let cases = cases();
    assert!(cases.len() >= 100, "only {} cases", cases.len());
    let mut strategies: BTreeMap<&str, usize> = BTreeMap::new();
    let mut sectors = BTreeSet::new();
    let mut years = BTreeSet::new();
    for case in &cases {
        *strategies
            .entry(case["expect"]["strategy"].as_str().expect("a strategy"))
            .or_default() += 1;
        sectors.insert(text(case, "sector"));
        let year = case["year"].as_u64().expect("a year");
        assert!((2020..=2026).contains(&year), "{}: {year}", case["name"]);
        years.insert(year);
    }
    assert!(sectors.len() >= 10, "sectors: {sectors:?}");
    assert!(
        years.contains(&2020) && years.contains(&2026),
        "years: {years:?}"
    );
    assert!(strategies["A"] >= 25, "{strategies:?}");
    for s in ["B", "C", "D"] {
        assert!(strategies[s] >= 12, "{strategies:?}");
    }
}

#[test]
fn every_case_cites_its_source_and_says_what_is_estimated() {
    let mut names = BTreeSet::new();
    for case in cases() {
        let name = text(&case, "name").to_owned();
        assert!(name.starts_with("cal-"), "{name}");
        assert!(names.insert(name.clone()), "{name} twice");
        for key in ["title", "publisher", "date"] {
            assert!(
                case["source"][key].as_str().is_some_and(|s| !s.is_empty()),
                "{name}: source has no {key}"
            );
        }
        if let Some(url) = case["source"]["url"].as_str() {
            assert!(
                url.starts_with("https://") || url.starts_with("http://"),
                "{name}: {url}"
            );
        }
        let answers: toml::Table = text(&case, "answers").parse().expect("TOML answers");
        let answered: BTreeSet<String> = answers
            .iter()
            .filter(|(section, _)| *section != "scenario")
            .flat_map(|(section, keys)| {
                let keys = keys.as_table().expect("a section");
                keys.keys().map(move |k| format!("{section}.{k}"))
            })
            .collect();
        let list = |key: &str| -> BTreeSet<String> {
            case[key]
                .as_array()
                .unwrap_or_else(|| panic!("{name}: no {key}"))
                .iter()
                .map(|v| v.as_str().expect("a question").to_owned())
                .collect()
        };
        let (documented, estimated) = (list("documented"), list("estimated"));
        assert!(!documented.is_empty(), "{name}: nothing documented");
        assert!(
            documented.is_disjoint(&estimated),
            "{name}: documented and estimated overlap"
        );
        let listed: BTreeSet<String> = documented.union(&estimated).cloned().collect();
        assert_eq!(
            listed, answered,
            "{name}: documented + estimated must be the answered questions"
        );
    }
}
