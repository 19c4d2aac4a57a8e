//! Uncertain answers: shares checked by brute force (every combination of candidates, a dense
//! grid along each range), regions that hold at every point inside them, cost bands that hold
//! every cost, and a single-valued file that reports exactly what it did before.

use std::path::Path;

use llm_strategy::answers::{self, Answer, Answers, Spread};
use llm_strategy::engine::evaluate;
use llm_strategy::options::{PAIRS, Pair};
use llm_strategy::questions::QuestionId;
use llm_strategy::report::{Report, assess};
use llm_strategy::rules::{self, RuleBase};
use llm_strategy::uncertainty::{Distribution, Method, Uncertainty};

const BASE: &str = "[data]\n[team]\n[budget]\n[traffic]\n[requirements]\n";

/// An answers file: `BASE` with the given lines under their sections.
fn scenario(lines: &[(&str, &str)]) -> Answers {
    let mut text = String::new();
    for section in BASE.split('[').skip(1) {
        let (name, rest) = section.split_once(']').expect("section");
        text.push('[');
        text.push_str(name);
        text.push(']');
        text.push_str(rest);
        for (s, line) in lines {
            if *s == name {
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    answers::parse_text(Path::new("u.toml"), &text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn with_required(lines: &[(&'static str, &'static str)]) -> Answers {
    let mut all = vec![
        ("data", "sensitivity = \"confidential\""),
        ("team", "ml_talent = \"basic\""),
        ("traffic", "requests_per_day = 20_000"),
        ("data", "labeled_examples = 20_000"),
        ("budget", "annual_usd = 2_000_000"),
        ("requirements", "domain = \"specialized\""),
    ];
    for (s, line) in lines {
        let key = line.split('=').next().unwrap_or("");
        all.retain(|(_, l)| !l.starts_with(key));
        all.push((s, line));
    }
    scenario(&all)
}

fn base() -> RuleBase {
    rules::built_in().expect("built-in rules")
}

fn q(name: &str) -> QuestionId {
    QuestionId::from_name(name).expect("question")
}

fn uncertainty(base: &RuleBase, a: &Answers) -> Uncertainty {
    assess(base, a).uncertainty.expect("uncertain answers")
}

fn share_of(u: &Uncertainty, pair: Pair) -> f64 {
    u.shares
        .iter()
        .find(|s| (s.strategy, s.approach) == (pair.strategy, pair.approach))
        .map_or(0.0, |s| s.share)
}

fn pair_index(p: Pair) -> usize {
    PAIRS.iter().position(|q| *q == p).expect("allowed pair")
}

/// Brute force over every combination of candidates, and a grid of `n` equal-share points
/// along each range: the share of each pair.
fn brute_force(base: &RuleBase, a: &Answers, n: usize) -> [f64; PAIRS.len()] {
    let uncertain: Vec<(QuestionId, Spread)> = a.uncertain().collect();
    let mut choices: Vec<Vec<(Answer, f64)>> = Vec::new();
    for (id, spread) in &uncertain {
        choices.push(match *spread {
            Spread::Levels(_) => {
                let levels = spread.levels();
                let each = 1.0 / levels.len() as f64;
                levels
                    .into_iter()
                    .map(|l| (Answer::Level(l), each))
                    .collect()
            }
            Spread::Range { low, likely, high } => {
                let d = Distribution::new(low, likely, high);
                let whole = id.name() != "budget.annual_usd";
                (0..n)
                    .map(|i| {
                        let x = d.quantile((i as f64 + 0.5) / n as f64);
                        let x = if whole { x.floor().max(low) } else { x };
                        (Answer::Number(x), 1.0 / n as f64)
                    })
                    .collect()
            }
        });
    }
    let mut shares = [0.0; PAIRS.len()];
    let mut scenario = a.clone();
    let mut at = vec![0; choices.len()];
    'all: loop {
        let mut weight = 1.0;
        for (((id, _), c), i) in uncertain.iter().zip(&choices).zip(&at) {
            scenario.set(*id, Some(c[*i].0));
            weight *= c[*i].1;
        }
        shares[pair_index(evaluate(base, &scenario).recommendation())] += weight;
        for (i, c) in at.iter_mut().zip(&choices) {
            *i += 1;
            if *i < c.len() {
                continue 'all;
            }
            *i = 0;
        }
        break;
    }
    shares
}

fn assert_shares(u: &Uncertainty, expected: &[f64; PAIRS.len()], tolerance: f64) {
    for (p, want) in PAIRS.iter().zip(expected) {
        let got = share_of(u, *p);
        assert!(
            (got - want).abs() <= tolerance,
            "{}+{}: {got} against brute force {want}\n{u:#?}",
            p.strategy,
            p.approach
        );
    }
    let total: f64 = u.shares.iter().map(|s| s.share).sum();
    assert!((total - 1.0).abs() < 1e-3, "shares sum to {total}");
}

#[test]
fn candidate_levels_are_enumerated_exactly() {
    let base = base();
    let a = with_required(&[
        (
            "data",
            "sensitivity = [\"internal\", \"regulated\", \"secret\"]",
        ),
        (
            "team",
            "ml_talent = [\"none\", \"basic\", \"experienced\", \"expert\"]",
        ),
        ("requirements", "latency = [\"interactive\", \"batch\"]"),
    ]);
    let u = uncertainty(&base, &a);
    assert_eq!(u.method, Method::Exact);
    assert_eq!(u.evaluations, 3 * 4 * 2);
    assert_shares(&u, &brute_force(&base, &a, 1), 1e-4);
    assert!(
        u.shares.len() >= 2,
        "the candidates change the advice: {u:#?}"
    );
}

#[test]
fn one_range_is_split_at_its_thresholds_and_cost_limits() {
    let base = base();
    let a = with_required(&[
        ("team", "ml_talent = [\"basic\", \"experienced\"]"),
        (
            "traffic",
            "requests_per_day = { low = 1_000, likely = 50_000, high = 20_000_000 }",
        ),
    ]);
    let u = uncertainty(&base, &a);
    assert_eq!(u.method, Method::Exact);
    // Each region is one evaluation: far fewer than a grid would take.
    assert!(u.evaluations < 60, "{}", u.evaluations);
    // A grid of 20,000 points per candidate misplaces at most one point per boundary.
    assert_shares(&u, &brute_force(&base, &a, 20_000), 2e-3);
}

#[test]
fn two_ranges_the_cost_model_reads_are_sampled_with_a_fixed_seed() {
    let base = base();
    let a = with_required(&[
        (
            "traffic",
            "requests_per_day = { low = 1_000, high = 5_000_000 }",
        ),
        (
            "budget",
            "annual_usd = { low = 100_000, likely = 1_000_000, high = 20_000_000 }",
        ),
    ]);
    let u = uncertainty(&base, &a);
    assert_eq!(u.method, Method::Sampled);
    assert!(u.seed.is_some());
    let margin = u.margin.expect("a sample has a margin");
    assert!(margin < 0.01, "{margin}");
    // Same file, same shares.
    assert_eq!(
        format!("{:?}", u.shares),
        format!("{:?}", uncertainty(&base, &a).shares)
    );
    assert_shares(&u, &brute_force(&base, &a, 300), margin + 0.01);
}

#[test]
fn every_point_of_a_region_gets_its_pair() {
    let base = base();
    let a = with_required(&[
        ("team", "ml_talent = \"experienced\""),
        ("requirements", "task = \"classify\""),
        (
            "traffic",
            "requests_per_day = { low = 1_000, likely = 50_000, high = 20_000_000 }",
        ),
    ]);
    let u = uncertainty(&base, &a);
    let regions = &u.regions[0];
    assert_eq!(regions.question, "traffic.requests_per_day");
    assert!(regions.segments.len() >= 2, "{regions:#?}");
    let mut scenario = a.clone();
    let id = q("traffic.requests_per_day");
    for segment in &regions.segments {
        let (from, to) = (segment.from.expect("from"), segment.to.expect("to"));
        for k in 0..50 {
            let x = (from + (to - from) * f64::from(k) / 50.0).floor().max(from);
            scenario.set(id, Some(Answer::Number(x)));
            let got = evaluate(&base, &scenario).recommendation();
            assert_eq!(
                (got.strategy, got.approach),
                (segment.strategy, segment.approach),
                "at {x} in {segment:?}"
            );
        }
    }
}

#[test]
fn the_cost_band_holds_every_plausible_cost() {
    let base = base();
    let a = with_required(&[
        ("data", "sensitivity = [\"internal\", \"secret\"]"),
        (
            "traffic",
            "requests_per_day = { low = 1_000, high = 2_000_000 }",
        ),
    ]);
    let u = uncertainty(&base, &a);
    let report: Report = assess(&base, &a);
    let mut scenario = a.clone();
    for level in a
        .spread(q("data.sensitivity"))
        .expect("candidates")
        .levels()
    {
        scenario.set(q("data.sensitivity"), Some(Answer::Level(level)));
        for k in 0..=40 {
            let x = (1_000.0f64 * 2_000f64.powf(f64::from(k) / 40.0)).floor();
            scenario.set(q("traffic.requests_per_day"), Some(Answer::Number(x)));
            let cost = llm_strategy::cost::estimate(&scenario, &base.pricing);
            for s in llm_strategy::options::Strategy::ALL {
                let [low, likely, high] = u.cost.first_year_with_staff_usd[s];
                let c = cost.first_year_with_staff_usd[s];
                assert!(
                    low <= c + 1e-6 && c <= high + 1e-6,
                    "{s}: {c} outside {low}..{high}"
                );
                assert!(low <= likely && likely <= high);
                assert!((likely - report.cost.first_year_with_staff_usd[s]).abs() < 1e-6);
            }
        }
    }
}

#[test]
fn a_range_of_one_value_and_a_list_of_one_level_are_plain_answers() {
    let base = base();
    let plain = with_required(&[]);
    let same = with_required(&[
        ("team", "ml_talent = [\"basic\"]"),
        (
            "traffic",
            "requests_per_day = { low = 20_000, high = 20_000 }",
        ),
    ]);
    assert_eq!(plain.values(), same.values());
    let json = |a: &Answers| {
        let mut r = assess(&base, a);
        r.scenario.name = "x".into();
        serde_json::to_value(&r).expect("json")
    };
    let (p, s) = (json(&plain), json(&same));
    assert!(p.get("uncertainty").is_none());
    assert_eq!(p, s);
}

#[test]
fn the_point_value_is_likely_else_the_middle() {
    let a = with_required(&[
        (
            "traffic",
            "requests_per_day = { low = 5_000, high = 80_000 }",
        ),
        ("data", "labeled_examples = { low = 0, high = 1_001 }"),
        ("budget", "annual_usd = { low = 1, likely = 7, high = 100 }"),
        ("team", "ml_talent = [\"expert\", \"none\"]"),
    ]);
    let get = |name: &str| a.get(q(name));
    assert_eq!(
        get("traffic.requests_per_day"),
        Some(Answer::Number(20_000.0))
    );
    assert_eq!(get("data.labeled_examples"), Some(Answer::Number(501.0)));
    assert_eq!(get("budget.annual_usd"), Some(Answer::Number(7.0)));
    // The first candidate listed.
    assert_eq!(get("team.ml_talent"), Some(Answer::Level(3)));
}

#[test]
fn json_of_a_sampled_analysis() {
    let base = base();
    let a = with_required(&[
        ("team", "ml_talent = [\"basic\", \"expert\"]"),
        (
            "traffic",
            "requests_per_day = { low = 1_000, high = 5_000_000 }",
        ),
        (
            "budget",
            "annual_usd = { low = 100_000, likely = 1_000_000, high = 20_000_000 }",
        ),
    ]);
    let report = assess(&base, &a);
    let look = llm_strategy::render::Look {
        width: 100,
        color: false,
        heading_level: 1,
        full: true,
    };
    let json = llm_strategy::render::Format::Json
        .renderer(look)
        .assess(&report)
        .expect("json");
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    insta::assert_json_snapshot!(value["uncertainty"]);
}

#[test]
fn an_embedded_plan_shows_the_shares_and_check_flags_a_changed_range() {
    let dir = tempfile::tempdir().expect("temp dir");
    let answers = dir.path().join("next-year.toml");
    let plan = dir.path().join("plan.md");
    let text = std::fs::read_to_string(
        crate::common::root().join("tests/cmd/assess-uncertain-markdown.in/next-year.toml"),
    )
    .expect("answers");
    std::fs::write(&answers, &text).expect("write answers");
    std::fs::write(
        &plan,
        "# Plan\n\n<!-- llm-strategy:begin next-year -->\n<!-- llm-strategy:end next-year -->\n",
    )
    .expect("write plan");
    let embed = |check: bool| {
        let mut args = vec![
            "assess".into(),
            answers.display().to_string(),
            "--embed".into(),
            plan.display().to_string(),
        ];
        if check {
            args.push("--check".into());
        }
        crate::common::run(args)
    };
    assert_eq!(embed(false).status.code(), Some(0));
    let doc = std::fs::read_to_string(&plan).expect("plan");
    assert!(doc.contains("If your uncertain answers vary"), "{doc}");
    assert!(doc.contains("A + rag 84%, C + rag 16%"), "{doc}");
    assert!(
        doc.contains("Roadmap: when the advice changes as you grow"),
        "{doc}"
    );
    assert_eq!(
        embed(true).status.code(),
        Some(0),
        "unchanged: the check passes"
    );
    // A narrower range moves the shares: the plan is stale.
    std::fs::write(&answers, text.replace("high = 2_000_000", "high = 90_000")).expect("edit");
    let check = embed(true);
    assert_eq!(
        check.status.code(),
        Some(1),
        "{}",
        crate::common::stderr_of(&check)
    );
}

#[test]
fn questions_json_says_how_each_question_takes_an_uncertain_answer() {
    let out = crate::common::run(["questions", "--format", "json"]);
    let value = crate::common::json(&crate::common::stdout(&out));
    let entries: Vec<&serde_json::Value> = value["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .flat_map(|s| s["keys"].as_array().expect("keys"))
        .collect();
    for entry in entries {
        let uncertain = entry.get("uncertain").and_then(serde_json::Value::as_str);
        match (entry["question"].as_bool(), entry["type"].as_str()) {
            (Some(true), Some("number")) => assert!(uncertain.is_some_and(|u| u.contains("range"))),
            (Some(true), _) => assert!(uncertain.is_some_and(|u| u.contains("list"))),
            _ => assert!(uncertain.is_none(), "{entry}"),
        }
    }
}

#[test]
fn the_full_terminal_report_has_the_section_too() {
    let file = crate::common::root().join("tests/cmd/assess-uncertain-markdown.in/next-year.toml");
    let out = crate::common::run([
        "assess".to_owned(),
        file.display().to_string(),
        "--full".to_owned(),
        "--width".to_owned(),
        "100".to_owned(),
    ]);
    let text = crate::common::stdout(&out);
    assert!(text.contains("If your uncertain answers vary"), "{text}");
    assert!(text.contains("A + rag 84%, C + rag 16%"), "{text}");
}
