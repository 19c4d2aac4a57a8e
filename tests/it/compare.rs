//! `compare`: snapshots of three bundled examples in every format, the JSON contract, the
//! table's width, directories as input, 16 files at most, and the Markdown table as a
//! GitHub-flavored Markdown parser reads it. Bad input (1 or 17 files, broken or missing
//! answers files) is tested by the `compare-*` cases under `tests/cmd/`.

use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde_json::Value;
use tempfile::TempDir;

use crate::common::{json, root, run, stdout};

/// The three scenarios compared, in the order given: the first is the baseline.
const SCENARIOS: [&str; 3] = [
    "examples/regional-bank-advisor.toml",
    "examples/saas-support-docs.toml",
    "examples/pharma-rnd-on-prem.toml",
];

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// `compare` of [`SCENARIOS`] with `args` after them.
fn compare(args: &[&str]) -> String {
    let mut all = vec!["compare"];
    all.extend(SCENARIOS);
    all.extend(args);
    stdout(&run(all))
}

/// `assess --format json` of one file.
fn assess_json(file: &Path) -> Value {
    json(&stdout(&run([
        "assess".as_ref(),
        file.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ])))
}

fn copy_example(name: &str, dir: &Path, as_name: &str) -> PathBuf {
    let to = dir.join(as_name);
    std::fs::copy(root().join("examples").join(name), &to).expect("copy example");
    to
}

// ---------------------------------------------------------------------------------------
// Snapshots
// ---------------------------------------------------------------------------------------

#[test]
fn compare_table() {
    insta::assert_snapshot!(compare(&["--width", "100"]));
}

#[test]
fn compare_markdown() {
    insta::assert_snapshot!(compare(&["--format", "markdown"]));
}

#[test]
fn compare_json() {
    insta::assert_snapshot!(compare(&["--format", "json"]));
}

// ---------------------------------------------------------------------------------------
// Table
// ---------------------------------------------------------------------------------------

#[test]
fn table_fits_the_width() {
    for width in [100_usize, 80] {
        let out = compare(&["--width", &width.to_string()]);
        for line in out.lines() {
            assert!(
                line.chars().count() <= width,
                "line wider than {width} columns ({}): {line:?}",
                line.chars().count()
            );
        }
    }
    // Twelve scenarios still fit, however narrow the columns get.
    let out = stdout(&run(["compare", "examples", "--width", "80"]));
    for line in out.lines() {
        assert!(
            line.chars().count() <= 80,
            "line wider than 80 columns: {line:?}"
        );
    }
}

#[test]
fn table_names_every_scenario_and_marks_differences() {
    let out = compare(&["--width", "100"]);
    assert!(out.starts_with("Scenario comparison\n"), "{out}");
    for row in [
        "≠ Data sensitivity",
        "≠ Recommendation",
        "  Knowledge freshness",
    ] {
        assert!(out.contains(row), "no row {row:?}:\n{out}");
    }
    assert!(out.contains("What differs and why"), "{out}");
    assert!(
        !out.contains('\u{1b}'),
        "escape codes with --color never:\n{out}"
    );
}

// ---------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------

#[test]
fn json_holds_one_report_per_file_in_the_order_given() {
    let out = json(&compare(&["--format", "json"]));
    assert_eq!(out["schema_version"], 1, "{out}");
    let scenarios = out["scenarios"].as_array().expect("scenarios is an array");
    assert_eq!(scenarios.len(), 3);
    for (report, file) in scenarios.iter().zip(SCENARIOS) {
        assert!(
            report["scenario"]["name"].is_string(),
            "{file}: scenario.name"
        );
        let strategy = report["recommendation"]["strategy"]
            .as_str()
            .expect("recommendation.strategy");
        assert!(
            ["A", "B", "C", "D"].contains(&strategy),
            "{file}: {strategy}"
        );
        let approach = report["recommendation"]["approach"]
            .as_str()
            .expect("recommendation.approach");
        assert!(
            ["prompting", "rag", "fine-tune", "train"].contains(&approach),
            "{file}: {approach}"
        );
        for key in ["A", "B", "C", "D"] {
            assert!(
                report["scores"]["strategy"][key].is_number(),
                "{file}: scores.strategy.{key}"
            );
        }
        for key in ["prompting", "rag", "fine-tune", "train"] {
            assert!(
                report["scores"]["approach"][key].is_number(),
                "{file}: scores.approach.{key}"
            );
        }
        for key in ["control", "complexity"] {
            let v = report["matrix"][key].as_f64().expect("matrix coordinate");
            assert!((0.0..=10.0).contains(&v), "{file}: matrix.{key} = {v}");
        }
        // The same report `assess` gives for the file alone.
        assert_eq!(
            report,
            &assess_json(Path::new(file)),
            "{file}: differs from assess"
        );
    }
}

#[test]
fn json_says_how_each_later_scenario_differs_from_the_first() {
    let out = json(&compare(&["--format", "json"]));
    let scenarios = out["scenarios"].as_array().expect("scenarios");
    let differences = out["differences"].as_array().expect("differences");
    assert_eq!(differences.len(), 2, "{out}");
    let pair = |r: &Value| {
        format!(
            "{} + {}",
            r["recommendation"]["strategy"].as_str().unwrap_or_default(),
            r["recommendation"]["approach"].as_str().unwrap_or_default()
        )
    };
    for (d, report) in differences.iter().zip(&scenarios[1..]) {
        assert_eq!(d["scenario"], report["scenario"]["name"]);
        assert_eq!(d["baseline"], scenarios[0]["scenario"]["name"]);
        assert_eq!(d["from"], pair(&scenarios[0]));
        assert_eq!(d["to"], pair(report));
        assert_eq!(
            d["recommendation_changed"],
            pair(&scenarios[0]) != pair(report)
        );
        assert!(
            !d["answers"].as_array().expect("answers").is_empty(),
            "the examples answer differently"
        );
        for (key, scores) in [("strategy", "strategy"), ("approach", "approach")] {
            let delta = d[key].as_object().expect("score deltas");
            for (name, v) in delta {
                let expected = report["scores"][scores][name].as_f64().expect("score")
                    - scenarios[0]["scores"][scores][name]
                        .as_f64()
                        .expect("score");
                let got = v.as_f64().expect("delta");
                assert!(
                    (got - expected).abs() < 0.01,
                    "{key}.{name}: delta {got}, scores differ by {expected}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------

fn scenario_names(out: &Value) -> Vec<String> {
    out["scenarios"]
        .as_array()
        .expect("scenarios")
        .iter()
        .map(|r| r["scenario"]["name"].as_str().expect("name").to_owned())
        .collect()
}

#[test]
fn a_directory_gives_its_toml_files_in_name_order() {
    let dir = TempDir::new().expect("temp dir");
    // Given out of name order; the directory listing decides.
    let files = [
        copy_example("saas-support-docs.toml", dir.path(), "b-saas.toml"),
        copy_example("pharma-rnd-on-prem.toml", dir.path(), "c-pharma.toml"),
        copy_example("regional-bank-advisor.toml", dir.path(), "a-bank.toml"),
    ];
    // Neither of these is a scenario.
    std::fs::write(dir.path().join("notes.md"), "not a scenario\n").expect("write notes");
    std::fs::create_dir(dir.path().join("nested.toml")).expect("create sub-directory");
    let out = json(&stdout(&run([
        "compare".as_ref(),
        dir.path().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ])));
    let expected: Vec<String> = [&files[2], &files[0], &files[1]]
        .iter()
        .map(|f| {
            assess_json(f)["scenario"]["name"]
                .as_str()
                .expect("name")
                .to_owned()
        })
        .collect();
    assert_eq!(scenario_names(&out), expected);
    assert_eq!(out["differences"].as_array().map(Vec::len), Some(2));
}

/// 16 files are the most `compare` takes; the `compare-seventeen-*` cases under `tests/cmd/`
/// show 17 refused.
#[test]
fn sixteen_files_are_compared() {
    let dir = TempDir::new().expect("temp dir");
    let files: Vec<PathBuf> = (0..16)
        .map(|i| {
            copy_example(
                "saas-support-docs.toml",
                dir.path(),
                &format!("scenario-{i:02}.toml"),
            )
        })
        .collect();
    let mut args = vec!["compare".into(), "--format".into(), "json".into()];
    args.extend(files.into_iter().map(PathBuf::into_os_string));
    let out = json(&stdout(&run(&args)));
    assert_eq!(out["scenarios"].as_array().map(Vec::len), Some(16));
    assert_eq!(out["differences"].as_array().map(Vec::len), Some(15));
}

/// A directory of 16 scenarios: the bundled examples, then copies of the first ones under
/// other names, so the names differ.
fn sixteen_scenarios() -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    let examples = crate::common::examples();
    for example in &examples {
        std::fs::copy(
            example,
            dir.path().join(example.file_name().expect("a name")),
        )
        .expect("copy example");
    }
    for (i, example) in examples.iter().take(16 - examples.len()).enumerate() {
        let text = std::fs::read_to_string(example).expect("example");
        let renamed = text.replacen("name = \"", &format!("name = \"Variant {}: ", i + 1), 1);
        std::fs::write(dir.path().join(format!("variant-{}.toml", i + 1)), renamed)
            .expect("write variant");
    }
    dir
}

/// `compare .` in `dir` with `args`.
fn compare_in(dir: &Path, args: &[&str]) -> String {
    let output = crate::common::cli()
        .current_dir(dir)
        .arg("compare")
        .arg(".")
        .args(args)
        .args(["--color", "never"])
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .output()
        .expect("the binary runs");
    stdout(&output)
}

/// The words of the scenario table (the lines before "What differs and why").
fn table_words(out: &str) -> Vec<String> {
    let table: String = out
        .split("What differs and why")
        .next()
        .expect("a table")
        .lines()
        .filter(|l| l.starts_with(['│', '┌', '└', '╞']))
        .collect::<Vec<_>>()
        .join("\n");
    table
        .split(|c: char| c.is_whitespace() || "│┆┌┐└┘├┤┬┴┼─═╞╡╪".contains(c))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn sixteen_scenarios_at_80_columns_are_rows_and_no_word_is_split() {
    let dir = sixteen_scenarios();
    let out = compare_in(dir.path(), &["--width", "80"]);
    let table = out.split("What differs and why").next().expect("a table");
    insta::assert_snapshot!("compare_sixteen_at_80", table);
    // Unwrapped, at 1,000 columns, every word is whole; no narrower table may hold a word
    // the unwrapped one does not (a word broken across lines would be two such fragments).
    let whole: std::collections::HashSet<String> =
        table_words(&compare_in(dir.path(), &["--width", "1000"]))
            .into_iter()
            .collect();
    for width in ["60", "80", "100"] {
        let out = compare_in(dir.path(), &["--width", width]);
        for line in out.lines() {
            assert!(
                line.chars().count() <= width.parse().expect("a width"),
                "{line:?}"
            );
        }
        for word in table_words(&out) {
            assert!(
                whole.contains(&word),
                "at {width} columns, {word:?} is a split word"
            );
        }
        // Scenarios are rows: each name starts a row, the outcome is a column.
        assert!(out.contains("│ Scenario "), "{out}");
        assert!(out.contains("Advice (margin)"), "{out}");
        assert_eq!(out.matches("(baseline)").count(), 1, "{out}");
    }
}

#[test]
fn four_scenarios_stay_side_by_side_and_five_turn() {
    let four = stdout(&run([
        "compare",
        SCENARIOS[0],
        SCENARIOS[1],
        SCENARIOS[2],
        "examples/chip-design-assistant.toml",
        "--width",
        "120",
    ]));
    assert!(four.contains("Data sensitivity"), "{four}");
    assert!(!four.contains("│ Scenario "), "{four}");
    let five = stdout(&run([
        "compare",
        SCENARIOS[0],
        SCENARIOS[1],
        SCENARIOS[2],
        "examples/chip-design-assistant.toml",
        "examples/defence-air-gapped.toml",
        "--width",
        "120",
    ]));
    assert!(five.contains("│ Scenario "), "{five}");
}

#[test]
fn rows_are_labelled_in_words_with_units() {
    let out = compare(&["--width", "120"]);
    for label in [
        "Annual budget (USD)",
        "Requests per day",
        "Recommendation",
        "Cost per month, A",
        "Break-even (requests per day)",
    ] {
        assert!(out.contains(label), "no row {label:?}:\n{out}");
    }
    assert!(out.contains("$400,000"), "the budget in dollars:\n{out}");
    let table = out.split("What differs and why").next().expect("a table");
    assert!(!table.contains("annual_usd"), "a key as a label:\n{table}");
}

#[test]
fn the_baseline_is_the_first_file_unless_chosen() {
    let first = json(&compare(&["--format", "json"]));
    assert_eq!(first["baseline"], 0);
    let text = compare(&["--width", "100"]);
    assert!(
        text.contains("compared with the baseline, Regional bank"),
        "{text}"
    );
    assert!(text.contains("the first file"), "{text}");

    let chosen = json(&compare(&["--format", "json", "--baseline", SCENARIOS[2]]));
    assert_eq!(chosen["baseline"], 2);
    let names: Vec<&str> = chosen["differences"]
        .as_array()
        .expect("differences")
        .iter()
        .map(|d| {
            assert_eq!(
                d["baseline"],
                "Pharma R&D: lab-report assistant on premises"
            );
            d["scenario"].as_str().expect("a name")
        })
        .collect();
    assert_eq!(
        names,
        [
            "Regional bank: advisor assistant",
            "SaaS company: support answers from product docs"
        ]
    );
    let text = compare(&["--width", "100", "--baseline", SCENARIOS[2]]);
    assert!(text.contains("chosen with --baseline"), "{text}");
}

// ---------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------

fn parse(md: &str) -> Vec<(Event<'_>, Range<usize>)> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
    Parser::new_ext(md, options).into_offset_iter().collect()
}

/// Cells of a table row's source line: the unescaped `|` between the outer ones. (The parser
/// pads short rows and drops extra cells, so its events alone cannot show a broken row.)
fn source_cells(line: &str) -> usize {
    let line = line.trim();
    assert!(
        line.starts_with('|') && line.ends_with('|') && !line.ends_with("\\|"),
        "row not enclosed in `|`: {line:?}"
    );
    let mut pipes = 0;
    let mut escaped = false;
    for c in line.chars() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '|' {
            pipes += 1;
        }
    }
    pipes - 1
}

#[test]
fn markdown_table_has_a_column_per_scenario_in_every_row() {
    let md = compare(&["--format", "markdown"]);
    let events = parse(&md);
    let columns: Vec<usize> = events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Start(Tag::Table(alignments)) => Some(alignments.len()),
            _ => None,
        })
        .collect();
    assert_eq!(columns, vec![1 + SCENARIOS.len()], "one table:\n{md}");
    let mut rows = 0;
    let mut cells = 0;
    for (event, range) in &events {
        match event {
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                cells = 0;
                let line = md[range.clone()].lines().next().unwrap_or_default();
                assert_eq!(source_cells(line), 1 + SCENARIOS.len(), "{line:?}");
            }
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                rows += 1;
                assert_eq!(cells, 1 + SCENARIOS.len(), "{:?}", &md[range.clone()]);
            }
            _ => {}
        }
    }
    // Every `|` line of the source is a row the parser read.
    let source_rows = md
        .lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("|---"))
        .count();
    assert_eq!(
        rows, source_rows,
        "rows the parser did not read as a table:\n{md}"
    );
    // Multi-line cells join with <br>, the only HTML there is but the stamp's comment.
    for (event, _) in &events {
        if let Event::Html(h) | Event::InlineHtml(h) = event {
            if !h.starts_with("<!-- llm-strategy stamp: ") {
                assert_eq!(h.as_ref(), "<br>", "raw HTML in the comparison");
            }
        }
    }
}

#[test]
fn markdown_headings_follow_the_heading_level() {
    let names: Vec<String> = SCENARIOS
        .iter()
        .map(|f| {
            assess_json(Path::new(f))["scenario"]["name"]
                .as_str()
                .expect("name")
                .to_owned()
        })
        .collect();
    for (level, expected) in [
        (None, HeadingLevel::H2),
        (Some("1"), HeadingLevel::H1),
        (Some("4"), HeadingLevel::H4),
    ] {
        let md = match level {
            Some(n) => compare(&["--format", "markdown", "--heading-level", n]),
            None => compare(&["--format", "markdown"]),
        };
        let events = parse(&md);
        let mut found: Vec<(HeadingLevel, String)> = Vec::new();
        let mut open = None;
        for (event, _) in &events {
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    open = Some(*level);
                    found.push((*level, String::new()));
                }
                Event::Text(t) if open.is_some() => {
                    if let Some(last) = found.last_mut() {
                        last.1.push_str(t);
                    }
                }
                Event::End(TagEnd::Heading(_)) => open = None,
                _ => {}
            }
        }
        assert_eq!(
            found.first(),
            Some(&(expected, "Scenario comparison".to_owned())),
            "{level:?}: {found:?}"
        );
        assert!(
            found.iter().skip(1).all(|(l, _)| *l > expected),
            "{level:?}: a heading not below the top one: {found:?}"
        );
        for name in &names[1..] {
            let title = format!("{name} vs {}", names[0]);
            assert!(
                found.iter().any(|(_, t)| *t == title),
                "{level:?}: no heading {title:?} in {found:?}"
            );
        }
    }
}
