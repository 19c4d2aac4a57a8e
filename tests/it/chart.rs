//! `--chart FILE.svg`: the SVG picture of the matrix parsed as XML (regions A to D, the axes,
//! a mark per scenario), snapshots for one example and for a comparison, scenarios at the
//! same position sharing a mark, Markdown linking the picture instead of the Mermaid block,
//! the link from an embedded document, and `--check`. Writing into a missing directory, and
//! a whole embed with a chart, are the `assess-chart-*` cases under `tests/cmd/`.

use std::path::Path;

use tempfile::TempDir;

use crate::common::{json, root, run, stderr_of, stdout};

const BANK: &str = "examples/regional-bank-advisor.toml";
const SAAS: &str = "examples/saas-support-docs.toml";
const PHARMA: &str = "examples/pharma-rnd-on-prem.toml";

/// Runs `args` with `--chart` into a scratch directory; returns the SVG and stdout.
fn charted(args: &[&str]) -> (String, String) {
    let dir = TempDir::new().expect("temp dir");
    let chart = dir.path().join("matrix.svg");
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--chart", chart.to_str().expect("UTF-8 temp path")]);
    let out = stdout(&run(all));
    let svg = std::fs::read_to_string(&chart).expect("the chart was written");
    (svg, out)
}

/// Text of every `text` element with `class`, in order.
fn texts_of_class(doc: &roxmltree::Document<'_>, class: &str) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("class") == Some(class))
        .map(|n| n.text().unwrap_or_default().to_owned())
        .collect()
}

/// The centre of every scenario mark, in pixels.
fn marks(doc: &roxmltree::Document<'_>) -> Vec<(f64, f64)> {
    let number = |n: roxmltree::Node<'_, '_>, name: &str| -> f64 {
        n.attribute(name).expect(name).parse().expect("a number")
    };
    doc.descendants()
        .filter(|n| n.has_tag_name("circle"))
        .map(|n| (number(n, "cx"), number(n, "cy")))
        .collect()
}

#[test]
fn svg_is_well_formed_with_four_regions_axes_and_the_point() {
    let (svg, _) = charted(&["assess", BANK, "--format", "json"]);
    let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("not XML ({e}):\n{svg}"));
    let root_element = doc.root_element();
    assert!(root_element.has_tag_name(("http://www.w3.org/2000/svg", "svg")));
    assert_eq!(texts_of_class(&doc, "region-label"), ["A", "B", "C", "D"]);
    for s in ["A", "B", "C", "D"] {
        let class = format!("region-{s}");
        assert!(
            doc.descendants()
                .any(|n| n.has_tag_name("polygon") && n.attribute("class") == Some(&class)),
            "no polygon for region {s}"
        );
    }
    let all_text: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(all_text.iter().any(|t| t.starts_with("control (0 to 10)")));
    assert!(
        all_text
            .iter()
            .any(|t| t.starts_with("complexity (0 to 10)"))
    );
    // The point sits where the report places it: 40 pixels a unit from (70, 450).
    let report = json(&stdout(&run(["assess", BANK, "--format", "json"])));
    let control = report["matrix"]["control"].as_f64().expect("control");
    let complexity = report["matrix"]["complexity"].as_f64().expect("complexity");
    let expected = (70.0 + control * 40.0, 450.0 - complexity * 40.0);
    let found = marks(&doc);
    assert_eq!(found.len(), 1, "{svg}");
    assert!(
        (found[0].0 - expected.0).abs() < 0.5 && (found[0].1 - expected.1).abs() < 0.5,
        "mark at {:?}, expected {expected:?}",
        found[0]
    );
    assert_eq!(texts_of_class(&doc, "point"), ["1"]);
    let name = report["scenario"]["name"].as_str().expect("name");
    assert!(
        all_text
            .iter()
            .any(|t| t.starts_with(&format!("1. {name}: control"))),
        "no legend line for {name}"
    );
}

#[test]
fn assess_svg() {
    insta::assert_snapshot!(charted(&["assess", PHARMA, "--format", "json"]).0);
}

#[test]
fn compare_svg() {
    let (svg, _) = charted(&["compare", BANK, SAAS, PHARMA, "--format", "json"]);
    roxmltree::Document::parse(&svg).expect("well-formed XML");
    insta::assert_snapshot!(svg);
}

#[test]
fn scenarios_at_the_same_position_share_one_mark() {
    let dir = TempDir::new().expect("temp dir");
    let copy = dir.path().join("bank-again.toml");
    std::fs::copy(root().join(BANK), &copy).expect("copy the example");
    let copy = copy.to_str().expect("UTF-8 temp path");
    let (svg, _) = charted(&["compare", BANK, SAAS, copy, "--format", "json"]);
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    assert_eq!(marks(&doc).len(), 2, "{svg}");
    let mut numbers = texts_of_class(&doc, "point");
    numbers.sort();
    assert_eq!(numbers, ["1, 3", "2"]);
    let markdown = stdout(&run(["compare", BANK, SAAS, copy, "--format", "markdown"]));
    let block = &markdown[markdown.find("```mermaid").expect("a Mermaid block")..];
    let bank = "Regional bank: advisor assistant";
    assert!(block.contains(&format!("\"{bank}; {bank}\": [")), "{block}");
}

#[test]
fn markdown_links_the_chart_instead_of_drawing_mermaid() {
    for args in [
        vec!["assess", BANK, "--format", "markdown"],
        vec!["compare", BANK, SAAS, "--format", "markdown"],
    ] {
        let plain = stdout(&run(&args));
        assert!(plain.contains("```mermaid\nquadrantChart\n"), "{args:?}");
        assert!(!plain.contains("!["), "{args:?}");
        let dir = TempDir::new().expect("temp dir");
        let chart = dir.path().join("m.svg");
        let chart = chart.to_str().expect("UTF-8 temp path");
        let mut with_chart = args.clone();
        with_chart.extend(["--chart", chart]);
        let linked = stdout(&run(&with_chart));
        assert!(!linked.contains("```mermaid"), "{args:?}");
        assert!(
            linked.contains(&format!("\n![Control/complexity matrix]({chart})\n")),
            "{args:?}: no image link\n{linked}"
        );
        // Nothing else changes.
        let without_picture = |md: &str| -> String {
            md.lines()
                .filter(|l| !l.starts_with("![") && !l.starts_with("Mermaid can only"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let plain_rest = without_picture(&plain);
        let mermaid = &plain_rest[plain_rest.find("```mermaid").expect("block")..];
        let end = mermaid.find("\n```").expect("block end") + 4;
        let plain_rest = plain_rest.replacen(&mermaid[..end], "", 1);
        assert_eq!(
            plain_rest.split_whitespace().collect::<Vec<_>>(),
            without_picture(&linked)
                .split_whitespace()
                .collect::<Vec<_>>(),
            "{args:?}"
        );
    }
}

#[test]
fn other_formats_are_unchanged_by_a_chart() {
    for format in ["table", "json"] {
        let plain = stdout(&run(["assess", BANK, "--format", format, "--width", "80"]));
        let (_, charted_out) = charted(&["assess", BANK, "--format", format, "--width", "80"]);
        assert_eq!(plain, charted_out, "--format {format}");
    }
}

/// Writes `plan.md` with an empty region for the bank example into `dir/docs`.
fn plan(dir: &Path) -> std::path::PathBuf {
    let docs = dir.join("docs");
    std::fs::create_dir(&docs).expect("docs/");
    let plan = docs.join("plan.md");
    std::fs::write(
        &plan,
        "# Plan\n\n<!-- llm-strategy:begin bank -->\n<!-- llm-strategy:end bank -->\n",
    )
    .expect("write plan.md");
    plan
}

#[test]
fn an_embedded_document_links_the_chart_from_its_folder_and_check_compares_it() {
    let dir = TempDir::new().expect("temp dir");
    let plan = plan(dir.path());
    std::fs::copy(root().join(BANK), dir.path().join("bank.toml")).expect("copy");
    let embed = |extra: &[&str]| {
        crate::common::cli()
            .current_dir(dir.path())
            .args([
                "assess",
                "bank.toml",
                "--embed",
                "docs/plan.md",
                "--region",
                "bank",
            ])
            .args(["--chart", "docs/img/matrix.svg"])
            .args(extra)
            .output()
            .expect("runs")
    };
    std::fs::create_dir(dir.path().join("docs/img")).expect("docs/img/");
    let first = embed(&[]);
    assert!(first.status.success(), "{}", stderr_of(&first));
    let doc = std::fs::read_to_string(&plan).expect("plan.md");
    assert!(
        doc.contains("\n![Control/complexity matrix](img/matrix.svg)\n"),
        "{doc}"
    );
    let svg_path = dir.path().join("docs/img/matrix.svg");
    let svg = std::fs::read_to_string(&svg_path).expect("the chart");
    let check = embed(&["--check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr_of(&check));
    // A chart edited by hand is stale, and --check leaves it as it is.
    std::fs::write(&svg_path, svg.replace("region-A", "region-X")).expect("edit the chart");
    let stale = embed(&["--check"]);
    assert_eq!(stale.status.code(), Some(1));
    assert!(
        stderr_of(&stale).contains("docs/img/matrix.svg: the chart is out of date"),
        "{}",
        stderr_of(&stale)
    );
    assert!(
        std::fs::read_to_string(&svg_path)
            .expect("chart")
            .contains("region-X")
    );
    // Without --check it is written again.
    assert!(embed(&[]).status.success());
    assert_eq!(std::fs::read_to_string(&svg_path).expect("chart"), svg);
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    let args = ["compare", BANK, SAAS, PHARMA, "--format", "json"];
    assert_eq!(charted(&args).0, charted(&args).0);
}
