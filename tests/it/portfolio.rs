//! `portfolio`: the combined cost never above the sum of the separate costs and equal to it
//! when nothing is shared (a property over random use cases), snapshots of the bundled
//! examples as a table and as Markdown at a forced width, the table within every width, the
//! JSON contract, and the SVG picture with a mark per use case. Bad input (a broken file
//! among good ones, an empty directory) is tested by the `portfolio-*` cases under
//! `tests/cmd/`.

use llm_strategy::answers::Answers;
use llm_strategy::portfolio::{self, Money, Portfolio};
use proptest::prelude::{ProptestConfig, prop_assert, prop_assert_eq, proptest};
use tempfile::TempDir;

use crate::common::{json, run, stdout};
use crate::invariants::{base, scenario};

/// Every line of a saving is zero or more, and the combined line is never above the
/// separate one.
fn lines(m: &Money) -> [f64; 5] {
    [
        m.monthly_usage_usd,
        m.monthly_staff_usd,
        m.one_time_usd,
        m.first_year_usd.unwrap_or(0.0),
        m.first_year_with_staff_usd,
    ]
}

/// Whether anything that costs money is shared: a fleet or a strategy's staff for two or
/// more use cases.
fn shares_anything(p: &Portfolio) -> bool {
    p.sharing.fleets.iter().any(|g| g.use_cases.len() > 1) || !p.sharing.staff.is_empty()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn combined_cost_is_never_more_than_the_sum_and_equal_when_nothing_is_shared(
        scenarios in proptest::collection::vec(scenario(), 1..6)
    ) {
        let p = portfolio::build(base(), &scenarios, &[]);
        let sum: Money = p.use_cases.iter().map(|u| u.cost).sum();
        prop_assert_eq!(p.totals.separate, sum);
        for ((combined, separate), saving) in lines(&p.totals.combined)
            .into_iter()
            .zip(lines(&sum))
            .zip(lines(&p.totals.saving))
        {
            prop_assert!(saving >= 0.0, "a negative saving: {:?}", p.totals.saving);
            prop_assert!(combined <= separate, "{combined} > {separate}");
        }
        if !shares_anything(&p) {
            prop_assert!(p.totals.saving.is_zero());
            prop_assert_eq!(p.totals.combined, sum);
        }
        for g in &p.sharing.fleets {
            prop_assert!(g.fleet.gpus <= g.separate_gpus);
        }
    }
}

/// One use case of each strategy shares no fleet and no staff: the sum, exactly.
#[test]
fn one_use_case_per_strategy_costs_the_sum() {
    let files = [
        "marketing-copy-generic",
        "legal-drafting-provider-tuned",
        "chip-design-assistant",
        "finance-data-monopoly",
    ];
    let scenarios: Vec<Answers> = files
        .iter()
        .map(|f| {
            llm_strategy::answers::load(&crate::common::root().join(format!("examples/{f}.toml")))
                .expect("the example loads")
        })
        .collect();
    let p = portfolio::build(base(), &scenarios, &[]);
    let strategies: Vec<String> = p
        .use_cases
        .iter()
        .map(|u| u.report.recommendation.strategy.to_string())
        .collect();
    assert_eq!(strategies, ["A", "B", "C", "D"]);
    assert!(!shares_anything(&p));
    assert_eq!(p.totals.combined, p.totals.separate);
}

fn portfolio_of_examples(args: &[&str]) -> String {
    let mut all = vec!["portfolio", "examples/"];
    all.extend(args);
    stdout(&run(all))
}

#[test]
fn portfolio_table() {
    insta::assert_snapshot!(portfolio_of_examples(&["--width", "100"]));
}

#[test]
fn portfolio_markdown() {
    insta::assert_snapshot!(portfolio_of_examples(&[
        "--format", "markdown", "--width", "100"
    ]));
}

#[test]
fn the_table_fits_every_width() {
    for width in [40, 60, 80, 120] {
        let out = portfolio_of_examples(&["--width", &width.to_string()]);
        for line in out.lines() {
            assert!(
                line.chars().count() <= width,
                "wider than {width}: {line:?}"
            );
        }
    }
}

#[test]
fn json_is_the_model_with_its_schema_version() {
    let v = json(&portfolio_of_examples(&["--format", "json"]));
    assert_eq!(v["schema_version"], 1);
    let use_cases = v["use_cases"].as_array().expect("use_cases");
    assert_eq!(use_cases.len(), crate::common::examples().len());
    assert_eq!(use_cases[0]["file"], "examples/chip-design-assistant.toml");
    assert!(use_cases[0]["report"]["recommendation"]["strategy"].is_string());
    let totals = &v["totals"];
    for line in [
        "monthly_usage_usd",
        "one_time_usd",
        "first_year_with_staff_usd",
    ] {
        let separate = totals["separate"][line].as_f64().expect("a number");
        let combined = totals["combined"][line].as_f64().expect("a number");
        assert!(combined <= separate, "{line}: {combined} > {separate}");
    }
    assert!(v["start_with"]["use_case"].is_u64());
    assert!(v["sharing"]["fleets"].is_array());
}

#[test]
fn the_chart_has_a_mark_and_a_legend_line_per_use_case() {
    let dir = TempDir::new().expect("temp dir");
    let chart = dir.path().join("portfolio.svg");
    let out = portfolio_of_examples(&[
        "--format",
        "markdown",
        "--chart",
        chart.to_str().expect("UTF-8 temp path"),
    ]);
    assert!(out.contains("![Control/complexity matrix]("), "{out}");
    let svg = std::fs::read_to_string(&chart).expect("the chart was written");
    let doc = roxmltree::Document::parse(&svg).expect("the chart is XML");
    let legend: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("legend"))
        .flat_map(|g| g.children().filter(|t| t.has_tag_name("text")))
        .filter_map(|t| t.text())
        .collect();
    let count = crate::common::examples().len();
    assert_eq!(legend.len(), count, "{legend:?}");
    assert!(legend[0].starts_with("1. "), "{}", legend[0]);
    let numbered: usize = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("point"))
        .map(|n| n.text().unwrap_or_default().split(", ").count())
        .sum();
    assert_eq!(numbered, count);
}
