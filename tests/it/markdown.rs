//! The Markdown format of `assess`: snapshots of every bundled example, and its structure as
//! a GitHub-flavored Markdown parser reads it (tables, headings, the charts' code fences, task
//! lists), and escaping of rule text that holds Markdown-special characters.
//!
//! pulldown-cmark pads short table rows and drops extra cells, so a row with the wrong number
//! of cells still parses as a table. Cell counts are therefore checked twice: from the parser's
//! events, and from each row's source line (the unescaped `|` between the outer ones).

use std::ops::Range;
use std::path::Path;

use assert_cmd::Command;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde_json::Value;
use tempfile::TempDir;

use crate::common::{examples, json, root, run, stdout};

// ---------------------------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------------------------

/// Runs `assess FILE --width 80 --color never` with `args`, expecting success; returns stdout.
fn assess(file: &Path, args: &[&str]) -> String {
    let output = Command::cargo_bin("llm-strategy")
        .expect("binary builds")
        .current_dir(root())
        .arg("assess")
        .arg(file)
        .args(["--width", "80", "--color", "never"])
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{} {args:?}: exit {:?}\n{}",
        file.display(),
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

fn markdown(file: &Path) -> String {
    assess(file, &["--format", "markdown"])
}

fn report(file: &Path) -> Value {
    serde_json::from_str(&assess(file, &["--format", "json"])).expect("JSON report")
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------
// Reading Markdown as GitHub does
// ---------------------------------------------------------------------------------------

/// GitHub's extensions that the output relies on or must not trigger by accident.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH
}

fn parse(md: &str) -> Vec<(Event<'_>, Range<usize>)> {
    Parser::new_ext(md, options()).into_offset_iter().collect()
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The text of events: text and inline code, as a reader sees it.
fn text_of(events: &[(Event<'_>, Range<usize>)]) -> String {
    let mut out = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

/// Every heading: its level and its text.
fn headings(md: &str) -> Vec<(u8, String)> {
    let events = parse(md);
    let mut out = Vec::new();
    let mut open: Option<(u8, usize)> = None;
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => open = Some((level_number(*level), i)),
            Event::End(TagEnd::Heading(_)) => {
                let (level, start) = open.take().expect("heading ends after it starts");
                out.push((level, text_of(&events[start + 1..i])));
            }
            _ => {}
        }
    }
    out
}

/// Cells of a table row's source line: the unescaped `|` between the outer ones.
fn source_cells(line: &str) -> Result<usize, String> {
    let line = line.trim();
    if !line.starts_with('|') || !line.ends_with('|') || line.ends_with("\\|") {
        return Err(format!("row does not start and end with `|`: {line:?}"));
    }
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
    Ok(pipes - 1)
}

/// Checks every table: the header and each body row have as many cells as the delimiter row
/// has columns, both as parsed and in the source; and every source line that starts with `|`
/// (outside code fences) belongs to a table. Returns the number of tables.
fn check_tables(md: &str) -> Result<usize, String> {
    let events = parse(md);
    let mut problems = Vec::new();
    let mut tables = 0;
    let mut columns = 0;
    let mut cells = 0;
    let mut table_lines: Vec<Range<usize>> = Vec::new();
    let mut code_lines: Vec<Range<usize>> = Vec::new();
    for (event, range) in &events {
        match event {
            Event::Start(Tag::Table(alignments)) => {
                tables += 1;
                columns = alignments.len();
                table_lines.push(range.clone());
            }
            Event::Start(Tag::CodeBlock(_)) => code_lines.push(range.clone()),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                cells = 0;
                let line = md[range.clone()].lines().next().unwrap_or_default();
                match source_cells(line) {
                    Ok(n) if n == columns => {}
                    Ok(n) => problems.push(format!(
                        "{n} cells in the source where the table has {columns} columns: {line:?}"
                    )),
                    Err(e) => problems.push(e),
                }
            }
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead | TagEnd::TableRow) if cells != columns => {
                problems.push(format!(
                    "{cells} cells parsed where the table has {columns} columns: {:?}",
                    &md[range.clone()]
                ));
            }
            _ => {}
        }
    }
    let mut offset = 0;
    for line in md.split_inclusive('\n') {
        let inside = |ranges: &[Range<usize>]| ranges.iter().any(|r| r.contains(&offset));
        if line.starts_with('|') && !inside(&table_lines) && !inside(&code_lines) {
            problems.push(format!("line outside any table: {line:?}"));
        }
        offset += line.len();
    }
    if problems.is_empty() {
        Ok(tables)
    } else {
        Err(problems.join("\n"))
    }
}

/// The events of the innermost list item that holds the inline code span `code`.
fn item_with_code<'a, 'e>(
    events: &'a [(Event<'e>, Range<usize>)],
    code: &str,
) -> &'a [(Event<'e>, Range<usize>)] {
    let at = events
        .iter()
        .position(|(e, _)| matches!(e, Event::Code(c) if c.as_ref() == code))
        .unwrap_or_else(|| panic!("no inline code `{code}`"));
    let mut depth = 0;
    let start = (0..at)
        .rev()
        .find(|&i| match &events[i].0 {
            Event::End(TagEnd::Item) => {
                depth += 1;
                false
            }
            Event::Start(Tag::Item) if depth == 0 => true,
            Event::Start(Tag::Item) => {
                depth -= 1;
                false
            }
            _ => false,
        })
        .expect("the code span is inside a list item");
    let mut depth = 0;
    let end = (at..events.len())
        .find(|&i| match &events[i].0 {
            Event::Start(Tag::Item) => {
                depth += 1;
                false
            }
            Event::End(TagEnd::Item) if depth == 0 => true,
            Event::End(TagEnd::Item) => {
                depth -= 1;
                false
            }
            _ => false,
        })
        .expect("the list item ends");
    &events[start..=end]
}

/// The text inside each span that starts with `is_start` and ends with `is_end`.
fn spans(
    events: &[(Event<'_>, Range<usize>)],
    is_start: impl Fn(&Event<'_>) -> bool,
    is_end: impl Fn(&Event<'_>) -> bool,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, (event, _)) in events.iter().enumerate() {
        if is_start(event) {
            start = Some(i);
        } else if is_end(event) {
            if let Some(s) = start.take() {
                out.push(text_of(&events[s + 1..i]));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Snapshots
// ---------------------------------------------------------------------------------------

#[test]
fn assess_markdown() {
    insta::glob!("../../examples", "*.toml", |path| {
        insta::assert_snapshot!(markdown(path));
    });
}

// ---------------------------------------------------------------------------------------
// Structure of every example
// ---------------------------------------------------------------------------------------

#[test]
fn tables_have_as_many_cells_in_every_row_as_columns() {
    let mut failures = Vec::new();
    for file in examples() {
        match check_tables(&markdown(&file)) {
            // Answers assumed, strategy scores, approach scores, pair scores, matrix
            // position, cost.
            Ok(6) => {}
            Ok(tables) => {
                failures.push(format!("{}: {tables} tables, expected 6", file_name(&file)));
            }
            Err(e) => failures.push(format!("{}:\n{e}", file_name(&file))),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn first_heading_is_the_scenario_name_at_level_2() {
    for file in examples() {
        let md = markdown(&file);
        let name = report(&file)["scenario"]["name"]
            .as_str()
            .expect("scenario.name")
            .to_owned();
        let all = headings(&md);
        let (level, text) = all.first().expect("a heading");
        assert_eq!(
            (*level, text.as_str()),
            (2, name.as_str()),
            "{}",
            file_name(&file)
        );
        assert!(
            md.starts_with("## "),
            "{}: output does not open with the heading",
            file_name(&file)
        );
        assert!(
            all.iter().skip(1).all(|(l, _)| *l > 2),
            "{}: a later heading is not below the top one: {all:?}",
            file_name(&file)
        );
    }
}

#[test]
fn heading_level_4_nests_every_heading_from_h4_to_h6() {
    for file in examples() {
        let all = headings(&assess(
            &file,
            &["--format", "markdown", "--heading-level", "4"],
        ));
        assert_eq!(all.first().map(|h| h.0), Some(4), "{}", file_name(&file));
        assert!(
            all.iter().all(|(l, _)| (4..=6).contains(l)),
            "{}: heading outside H4..=H6: {all:?}",
            file_name(&file)
        );
        assert_eq!(
            all.iter().filter(|(l, _)| *l == 4).count(),
            1,
            "{}: more than one H4: {all:?}",
            file_name(&file)
        );
    }
}

#[test]
fn every_heading_level_sets_the_top_heading() {
    let file = root().join("examples/regional-bank-advisor.toml");
    let name = report(&file)["scenario"]["name"]
        .as_str()
        .expect("scenario.name")
        .to_owned();
    for n in 1..=6_u8 {
        let level = n.to_string();
        let md = assess(&file, &["--format", "markdown", "--heading-level", &level]);
        let all = headings(&md);
        assert_eq!(all.first(), Some(&(n, name.clone())), "--heading-level {n}");
        assert!(
            all.iter().all(|(l, _)| (n..=6).contains(l)),
            "--heading-level {n}: heading outside H{n}..=H6: {all:?}"
        );
        assert!(
            all.iter().skip(1).all(|(l, _)| *l > n),
            "--heading-level {n}: a second top-level heading: {all:?}"
        );
        // Sections too deep for Markdown's six levels become bold lines, never peers.
        if n == 6 {
            assert!(md.contains("\n**Scores**\n"), "--heading-level 6:\n{md}");
        }
        check_tables(&md).unwrap_or_else(|e| panic!("--heading-level {n}:\n{e}"));
    }
}

/// The code blocks are the text chart, which marks the scenario once, and a Mermaid
/// quadrant chart with the scenario's point, so GitHub draws a picture.
#[test]
fn the_code_blocks_are_the_text_chart_and_a_mermaid_quadrant_chart() {
    for file in examples() {
        let md = markdown(&file);
        let events = parse(&md);
        let infos: Vec<String> = events
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => Some(info.to_string()),
                Event::Start(Tag::CodeBlock(kind)) => Some(format!("{kind:?}")),
                _ => None,
            })
            .collect();
        assert_eq!(
            infos,
            ["text", "mermaid"],
            "{}: code blocks",
            file_name(&file)
        );
        let blocks = spans(
            &events,
            |e| matches!(e, Event::Start(Tag::CodeBlock(_))),
            |e| matches!(e, Event::End(TagEnd::CodeBlock)),
        );
        assert_eq!(
            blocks[0].matches('*').count(),
            1,
            "{}: the chart marks the scenario once:\n{}",
            file_name(&file),
            blocks[0]
        );
        assert!(blocks[0].contains("control"), "{}", file_name(&file));
        let name = report(&file)["scenario"]["name"]
            .as_str()
            .expect("scenario.name")
            .to_owned();
        assert!(
            blocks[1].starts_with("quadrantChart\n")
                && blocks[1].contains(&format!("    \"{name}\": ["))
                && blocks[1].contains("    \"Strategy A\": ["),
            "{}: no quadrant chart with the scenario and the strategies:\n{}",
            file_name(&file),
            blocks[1]
        );
    }
}

#[test]
fn sections_are_present() {
    for file in examples() {
        let md = markdown(&file);
        let json = report(&file);
        let titles: Vec<String> = headings(&md).into_iter().map(|(_, t)| t).collect();
        let has = |title: &str| titles.iter().any(|t| t == title);
        for title in ["Scores", "Matrix position", "Next steps"] {
            assert!(
                has(title),
                "{}: no heading {title:?} in {titles:?}",
                file_name(&file)
            );
        }
        assert!(
            titles.iter().any(|t| t.starts_with("Why")),
            "{}: no reasons heading in {titles:?}",
            file_name(&file)
        );
        let count = |key: &str| json[key].as_array().map_or(0, Vec::len);
        assert_eq!(
            has("Ruled out"),
            count("exclusions") > 0,
            "{}: exclusions",
            file_name(&file)
        );
        assert_eq!(
            has("Unanswered questions"),
            count("unanswered") > 0,
            "{}: unanswered",
            file_name(&file)
        );
        let events = parse(&md);
        let tasks = events
            .iter()
            .filter(|(e, _)| matches!(e, Event::TaskListMarker(false)))
            .count();
        assert_eq!(
            tasks,
            count("next_steps"),
            "{}: one task per next step",
            file_name(&file)
        );
        // At most two ordered lists, the reasons for and against: one item per reason.
        let ordered: Vec<&Range<usize>> = events
            .iter()
            .filter_map(|(e, r)| matches!(e, Event::Start(Tag::List(Some(_)))).then_some(r))
            .collect();
        if count("reasons") > 0 {
            assert!(
                (1..=2).contains(&ordered.len()),
                "{}: ordered lists",
                file_name(&file)
            );
            let items = ordered
                .iter()
                .flat_map(|range| md[(*range).clone()].lines())
                .filter(|l| {
                    l.split_once(". ")
                        .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
                })
                .count();
            assert_eq!(
                items,
                count("reasons"),
                "{}: one item per reason",
                file_name(&file)
            );
        }
        // Text from the rule base is never read as raw HTML; the one HTML block is the
        // reproducibility stamp's comment.
        let html: Vec<&Event<'_>> = events
            .iter()
            .map(|(e, _)| e)
            .filter(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
            .filter(|e| !matches!(e, Event::Html(h) if h.starts_with("<!-- llm-strategy stamp: ")))
            .collect();
        assert!(html.is_empty(), "{}: raw HTML {html:?}", file_name(&file));
        assert!(
            md.ends_with('\n') && !md.ends_with("\n\n"),
            "{}",
            file_name(&file)
        );
    }
}

// ---------------------------------------------------------------------------------------
// Escaping
// ---------------------------------------------------------------------------------------

/// Rule text full of Markdown syntax, to be shown literally.
const SUMMARY: &str = r"Escapes a | b, *bold*, <script>, _x_ and back\slash";
const EXPLANATION: &str = r"Table a | b; *bold* and **strong**; <script>alert(1)</script>; _x_ and __y__; back\slash; `code`; [link](https://example.com); ~~gone~~; &amp; &#42; # hash; 1 < 2 > 0!";
const SOURCE_TITLE: &str = r"Notes on a | b & <b>tags</b>, *stars*, _under_ \ slash";
const RULE_ID: &str = "zz-escape-test";

/// A copy of the built-in rule base in a scratch directory.
fn copy_rules() -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    for entry in std::fs::read_dir(root().join("rules")).expect("rules/ is readable") {
        let path = entry.expect("rules/ entry").path();
        if path.extension().is_some_and(|e| e == "yaml") {
            std::fs::copy(&path, dir.path().join(path.file_name().expect("name")))
                .expect("copy rule file");
        }
    }
    dir
}

fn append(path: &Path, text: &str) {
    let mut content = std::fs::read_to_string(path).expect("read rule file");
    if !content.ends_with('\n') {
        content.push('\n');
    }
    content.push_str(text);
    std::fs::write(path, content).expect("write rule file");
}

/// YAML single-quoted scalar: backslashes stay literal, `'` doubles.
fn yaml_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// A rule base with an always-firing rule (weighted heavily towards A and prompting) whose
/// summary, explanation and source title are full of Markdown syntax.
fn escaping_rules() -> TempDir {
    let dir = copy_rules();
    append(
        &dir.path().join("sources.yaml"),
        &format!(
            "  - id: escape-test\n    title: {}\n    publisher: \"tests\"\n",
            yaml_quote(SOURCE_TITLE)
        ),
    );
    append(
        &dir.path().join("data.yaml"),
        &format!(
            "\n  - id: {RULE_ID}\n    summary: {}\n    source: escape-test\n    strategy: {{ A: 50 }}\n    approach: {{ prompting: 40 }}\n    explanation: {}\n",
            yaml_quote(SUMMARY),
            yaml_quote(EXPLANATION)
        ),
    );
    dir
}

#[test]
fn rule_text_with_markdown_syntax_is_shown_literally() {
    let rules = escaping_rules();
    let rules_arg = rules.path().to_str().expect("UTF-8 temp path");
    let file = root().join("examples/marketing-copy-generic.toml");
    let json: Value =
        serde_json::from_str(&assess(&file, &["--rules", rules_arg, "--format", "json"]))
            .expect("JSON");
    assert!(
        json["reasons"]
            .as_array()
            .expect("reasons")
            .iter()
            .any(|r| r["rule"] == RULE_ID),
        "the test rule is not among the reasons: {}",
        json["reasons"]
    );
    let md = assess(&file, &["--rules", rules_arg, "--format", "markdown"]);
    let events = parse(&md);
    let item = item_with_code(&events, RULE_ID);
    let text = text_of(item);
    for literal in [SUMMARY, EXPLANATION, SOURCE_TITLE] {
        assert!(
            text.contains(literal),
            "not shown literally: {literal:?}\nrendered text: {text:?}\nsource:\n{md}"
        );
    }
    for fragment in ["a | b", "<script>", "*bold*", "_x_", r"back\slash"] {
        assert!(
            text.contains(fragment),
            "{fragment:?} missing from {text:?}"
        );
    }
    // The summary is the item's only bold span, the source its only emphasis.
    let strong = spans(
        item,
        |e| matches!(e, Event::Start(Tag::Strong)),
        |e| matches!(e, Event::End(TagEnd::Strong)),
    );
    assert_eq!(strong, vec![SUMMARY.to_owned()], "bold spans\n{md}");
    let emphasis = spans(
        item,
        |e| matches!(e, Event::Start(Tag::Emphasis)),
        |e| matches!(e, Event::End(TagEnd::Emphasis)),
    );
    assert_eq!(
        emphasis,
        vec![format!("Source: {SOURCE_TITLE}.")],
        "emphasis spans\n{md}"
    );
    let codes: Vec<&str> = item
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Code(c) => Some(c.as_ref()),
            _ => None,
        })
        .collect();
    assert_eq!(codes, vec![RULE_ID], "inline code spans");
    let markup: Vec<&Event<'_>> = item
        .iter()
        .map(|(e, _)| e)
        .filter(|e| {
            matches!(
                e,
                Event::Html(_)
                    | Event::InlineHtml(_)
                    | Event::Start(Tag::Link { .. } | Tag::Strikethrough | Tag::Image { .. })
            )
        })
        .collect();
    assert!(markup.is_empty(), "markup from rule text: {markup:?}");
    assert!(
        !events.iter().any(
            |(e, _)| matches!(e, Event::Html(h) | Event::InlineHtml(h) if h.contains("<script>"))
        ),
        "<script> became HTML"
    );
    check_tables(&md).unwrap_or_else(|e| panic!("{e}\n{md}"));
}

#[test]
fn escape_markdown_round_trips_through_a_parser() {
    let samples = [
        "a | b",
        "*bold* and **strong**",
        "<script>alert(1)</script>",
        "_x_ and __y__ and snake_case_name",
        r"back\slash and \* escaped",
        "`code` and ``double``",
        "[link](https://example.com) and ![image](x.png)",
        "~~gone~~",
        "&amp; &#42; & alone",
        "# not a heading",
        "> not a quote",
        "- not a bullet",
        "+ not a bullet",
        "= not an underline",
        "trailing backslash \\",
    ];
    for sample in samples {
        let escaped = llm_strategy::render::escape_markdown(sample);
        // In a paragraph of its own, and in a table cell.
        let paragraph = text_of(&parse(&escaped));
        assert_eq!(paragraph, sample, "paragraph from {escaped:?}");
        let table = format!("| h |\n|---|\n| {escaped} |\n");
        check_tables(&table).unwrap_or_else(|e| panic!("{sample:?}: {e}"));
        let events = parse(&table);
        let cells = spans(
            &events,
            |e| matches!(e, Event::Start(Tag::TableCell)),
            |e| matches!(e, Event::End(TagEnd::TableCell)),
        );
        assert_eq!(
            cells,
            vec!["h".to_owned(), sample.to_owned()],
            "cell from {escaped:?}"
        );
    }
}

#[test]
fn escape_markdown_keeps_line_starting_numbers_literal() {
    // An escaped text that starts a paragraph or a list item must not become a list.
    for sample in ["1. Not a list", "2024. A year", "3) Not a list either"] {
        let escaped = llm_strategy::render::escape_markdown(sample);
        for wrapped in [escaped.clone(), format!("- {escaped}")] {
            let events = parse(&wrapped);
            assert!(
                !events
                    .iter()
                    .any(|(e, _)| matches!(e, Event::Start(Tag::List(Some(_))))),
                "{wrapped:?} became an ordered list"
            );
            assert_eq!(text_of(&events), sample, "{wrapped:?}");
        }
    }
}

#[test]
fn rule_base_text_starting_with_a_number_is_not_a_list() {
    let rules = copy_rules();
    let path = rules.path().join("strategies.yaml");
    let original = std::fs::read_to_string(&path).expect("strategies.yaml");
    let summary = "Send requests to a vendor's hosted model";
    let pro = "Useful answers to general requests within days";
    assert!(
        original.contains(summary) && original.contains(pro),
        "strategy A text changed"
    );
    let edited = original
        .replacen(summary, &format!("2024. {summary}"), 1)
        .replacen(pro, &format!("1) {pro}"), 1);
    std::fs::write(&path, edited).expect("write strategies.yaml");
    let md = assess(
        &root().join("examples/marketing-copy-generic.toml"),
        &[
            "--rules",
            rules.path().to_str().expect("UTF-8 temp path"),
            "--format",
            "markdown",
        ],
    );
    let events = parse(&md);
    let text = text_of(&events);
    assert!(text.contains(&format!("2024. {summary}")), "{md}");
    assert!(text.contains(&format!("1) {pro}")), "{md}");
    // The reasons are the only ordered list.
    let ordered = events
        .iter()
        .filter(|(e, _)| matches!(e, Event::Start(Tag::List(Some(_)))))
        .count();
    assert_eq!(ordered, 1, "rule-base text became an ordered list:\n{md}");
}

#[test]
fn escape_markdown_in_a_heading_keeps_every_character() {
    for sample in [
        "# leading hash",
        "Plan #",
        "Plan # 2 #",
        "C# and F#",
        "*Q&A* <b>",
    ] {
        let escaped = llm_strategy::render::escape_markdown(sample);
        let md = format!("## {escaped}\n");
        assert_eq!(headings(&md), vec![(2, sample.to_owned())], "{md:?}");
    }
}

/// "For" lists only reasons that favour the recommendation over the runner-up, "Against" only
/// those that favour the runner-up, each strongest first.
#[test]
fn reasons_are_split_into_for_and_against_by_strength() {
    for file in examples() {
        let md = markdown(&file);
        for (title, sign) in [
            ("**For:**", '+'),
            ("**Against (favour the runner-up):**", '-'),
        ] {
            let Some(start) = md.find(title) else {
                continue;
            };
            let impacts: Vec<f64> = md[start..]
                .lines()
                .skip(2)
                .take_while(|l| !l.is_empty())
                .map(|l| {
                    let after = l.split_once(" (").expect("an impact").1;
                    let number = after.split_once(',').expect("a rule id").0;
                    assert!(number.starts_with(sign), "{}: {l}", file_name(&file));
                    number.parse::<f64>().expect("a number")
                })
                .collect();
            assert!(!impacts.is_empty(), "{}: empty {title}", file_name(&file));
            assert!(
                impacts.windows(2).all(|w| w[0].abs() >= w[1].abs()),
                "{}: {title} not strongest first: {impacts:?}",
                file_name(&file)
            );
        }
    }
}

/// The stamp's comment fields, `key=value`.
fn stamp_comment(md: &str) -> Vec<(String, String)> {
    let line = md
        .lines()
        .find(|l| l.starts_with("<!-- llm-strategy stamp: "))
        .unwrap_or_else(|| panic!("no stamp comment:\n{md}"));
    line.trim_start_matches("<!-- llm-strategy stamp: ")
        .trim_end_matches(" -->")
        .split(' ')
        .map(|kv| {
            let (k, v) = kv.split_once('=').expect("key=value");
            (k.to_owned(), v.to_owned())
        })
        .collect()
}

#[test]
fn reports_carry_a_stamp_that_matches_the_json_and_changes_with_the_answers() {
    let file = root().join("examples/regional-bank-advisor.toml");
    let path = file.to_str().expect("UTF-8");
    let md = stdout(&run(["assess", path, "--format", "markdown"]));
    let again = stdout(&run(["assess", path, "--format", "markdown"]));
    assert_eq!(
        stamp_comment(&md),
        stamp_comment(&again),
        "same inputs, same stamp"
    );
    let report = json(&stdout(&run(["assess", path, "--format", "json"])));
    let stamp = &report["stamp"];
    let expected = [
        ("version", stamp["version"].as_str()),
        ("rules", stamp["rules"].as_str()),
        ("pricing", stamp["pricing"].as_str()),
        ("pricing-date", stamp["pricing_date"].as_str()),
        ("answers", stamp["answers"].as_str()),
    ];
    let fields = stamp_comment(&md);
    for (key, value) in expected {
        let value = value.unwrap_or_else(|| panic!("stamp.{key} in the JSON"));
        assert!(
            fields.iter().any(|(k, v)| k == key && v == value),
            "{key}={value} not in {fields:?}"
        );
    }
    // The footer line a reader sees names the same digests.
    let footer = md.lines().last().expect("a last line");
    assert!(footer.starts_with("*Computed by llm-strategy "), "{footer}");
    assert!(footer.contains(stamp["answers"].as_str().expect("answers")));
    // Another answer, another answers digest; the rules and pricing stay.
    let dir = tempfile::TempDir::new().expect("temp dir");
    let changed = dir.path().join("bank.toml");
    let text = std::fs::read_to_string(&file).expect("example");
    std::fs::write(&changed, text.replace("20_000", "20_001")).expect("write");
    let other = json(&stdout(&run([
        "assess",
        changed.to_str().expect("UTF-8"),
        "--format",
        "json",
    ])));
    assert_ne!(other["stamp"]["answers"], stamp["answers"]);
    assert_eq!(other["stamp"]["rules"], stamp["rules"]);
    assert_eq!(other["stamp"]["pricing"], stamp["pricing"]);
    // A comparison carries one too.
    let compared = stdout(&run([
        "compare",
        path,
        "examples/saas-support-docs.toml",
        "--format",
        "markdown",
    ]));
    assert_eq!(stamp_comment(&compared).len(), 5, "{compared}");
}
