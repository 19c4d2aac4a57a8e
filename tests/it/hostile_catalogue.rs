//! The catalogue of hostile inputs, `tests/cmd/hostile.md`, agrees with the cases: every
//! `hostile-*` case is listed, every listed case exists with the exit status the table gives,
//! and there are at least sixty.

use std::collections::BTreeMap;
use std::path::Path;

/// The cases the catalogue lists, with the exit status its table gives each.
fn listed() -> BTreeMap<String, i64> {
    let text = std::fs::read_to_string("tests/cmd/hostile.md").expect("the catalogue reads");
    let mut rows = BTreeMap::new();
    for line in text.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split(" | ").collect();
        let name = cells[0].trim_start_matches("| `").trim_end_matches('`');
        let exit = cells[2]
            .parse()
            .unwrap_or_else(|_| panic!("exit of {name}: {line}"));
        assert!(rows.insert(name.to_owned(), exit).is_none(), "{name} twice");
    }
    rows
}

/// The exit status a case file expects (trycmd's default is 0).
fn expected_status(name: &str) -> i64 {
    let path = Path::new("tests/cmd").join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{name} is listed but {}: {e}", path.display()));
    let case: toml::Table = text.parse().expect("a case is TOML");
    case.get("status")
        .and_then(|s| s.get("code"))
        .and_then(toml::Value::as_integer)
        .unwrap_or(0)
}

#[test]
fn every_listed_case_exists_with_its_exit_status() {
    let rows = listed();
    assert!(rows.len() >= 60, "only {} hostile inputs", rows.len());
    for (name, exit) in &rows {
        assert_eq!(expected_status(name), *exit, "exit status of {name}");
    }
}

#[test]
fn every_hostile_case_is_listed() {
    let rows = listed();
    for entry in std::fs::read_dir("tests/cmd").expect("tests/cmd reads") {
        let file = entry.expect("an entry").file_name();
        let file = file.to_string_lossy();
        if let Some(name) = file.strip_suffix(".toml") {
            if name.starts_with("hostile-") {
                assert!(
                    rows.contains_key(name),
                    "{name} is not in tests/cmd/hostile.md"
                );
            }
        }
    }
}
