//! Tests of the review model: no change, a changed answer, a changed rule weight, a changed
//! price, and an earlier report without contributions.

use std::path::Path;

use super::*;
use crate::answers;
use crate::rules::{RuleBase, built_in};

const BANK: &str = "[data]\nsensitivity = \"regulated\"\nlabeled_examples = 2_000\n\
    [team]\nml_talent = \"basic\"\n[budget]\nannual_usd = 400_000\n\
    [traffic]\nrequests_per_day = 20_000\n[requirements]\ncustomization = \"knowledge\"\n";

fn report(base: &RuleBase, text: &str) -> Report {
    let answers = answers::parse_text(Path::new("bank.toml"), text).expect("valid answers");
    crate::report::assess(base, &answers)
}

fn earlier(base: &RuleBase, text: &str) -> Snapshot {
    Snapshot::of(&report(base, text))
}

/// The built-in rule base with `edit` applied.
fn edited(edit: impl FnOnce(&mut RuleBase)) -> RuleBase {
    let mut base = built_in().expect("built-in rules");
    edit(&mut base);
    base
}

#[test]
fn an_unchanged_input_reports_no_change() {
    let base = built_in().expect("built-in rules");
    let review = review(
        &base,
        &earlier(&base, BANK),
        &report(&base, BANK),
        "old.json",
    );
    assert!(!review.changed, "{review:#?}");
    assert!(review.answers.is_empty() && review.causes.is_empty() && review.notes.is_empty());
    assert!(!review.advice.changed);
}

#[test]
fn a_changed_answer_is_named_and_its_rules_are_the_cause() {
    let base = built_in().expect("built-in rules");
    let secret = BANK.replace("\"regulated\"", "\"secret\"");
    let review = review(
        &base,
        &earlier(&base, BANK),
        &report(&base, &secret),
        "old.json",
    );
    assert!(review.changed && review.advice.changed);
    assert_eq!(
        review.advice.recommendation,
        ["A/rag".to_owned(), "C/rag".to_owned()]
    );
    assert_eq!(review.answers.len(), 1);
    assert_eq!(review.answers[0].question, "data.sensitivity");
    assert_eq!(review.answers[0].before.as_deref(), Some("regulated"));
    assert_eq!(review.answers[0].after.as_deref(), Some("secret"));
    assert!(review.rules.is_none() && review.pricing.is_none());
    // Only the answers changed, so they are the only cause.
    assert_eq!(review.causes.len(), 1, "{:#?}", review.causes);
    assert_eq!(review.causes[0].because, Because::Answers);
    let rules = review.causes[0].rules.as_ref().expect("recorded");
    let stays = rules
        .iter()
        .find(|r| r.rule == "secret-data-stays-inside")
        .expect("fires");
    assert_eq!(stays.change, RuleChangeKind::FiresNow);
    assert_eq!(stays.excludes, ["A", "B"]);
}

#[test]
fn a_changed_rule_weight_is_the_cause() {
    let before = built_in().expect("built-in rules");
    let after = edited(|base| {
        let rule = base
            .rules
            .iter_mut()
            .find(|r| r.id == "needs-our-knowledge")
            .unwrap();
        rule.effect.approach[crate::options::Approach::Rag] = 100; // 3 → 1
        base.identity.rules = crate::rules::Digest::of([b"other".as_slice()]);
    });
    let review = review(
        &after,
        &earlier(&before, BANK),
        &report(&after, BANK),
        "old.json",
    );
    assert!(review.changed && review.answers.is_empty());
    assert!(review.rules.is_some());
    assert_eq!(review.causes.len(), 1);
    assert_eq!(review.causes[0].because, Because::RulesAndPrices);
    let rules = review.causes[0].rules.as_ref().expect("recorded");
    assert_eq!(rules.len(), 1, "{rules:#?}");
    assert_eq!(rules[0].rule, "needs-our-knowledge");
    assert_eq!(rules[0].change, RuleChangeKind::Reweighted);
    assert_eq!(rules[0].approach.0, [("rag".to_owned(), -2.0)]);
    let rag = review
        .advice
        .scores
        .iter()
        .find(|s| s.option == "rag")
        .unwrap();
    assert_eq!((rag.before, rag.after), (3.25, 1.25));
}

#[test]
fn a_changed_price_names_the_costs_that_moved() {
    let before = built_in().expect("built-in rules");
    let after = edited(|base| {
        for tier in &mut base.pricing.api.tiers {
            tier.input_per_million *= 2.0;
            tier.output_per_million *= 2.0;
        }
        base.identity.pricing = crate::rules::Digest::of([b"other".as_slice()]);
    });
    let review = review(
        &after,
        &earlier(&before, BANK),
        &report(&after, BANK),
        "old.json",
    );
    assert!(review.changed && !review.advice.changed && review.pricing.is_some());
    assert_eq!(review.causes.len(), 1);
    let costs = &review.causes[0].costs;
    let a = costs
        .iter()
        .find(|c| c.strategy == Strategy::A)
        .expect("A moved");
    assert!(a.monthly_usd[1] > a.monthly_usd[0], "{a:?}");
}

#[test]
fn an_earlier_report_without_contributions_says_what_cannot_be_named() {
    let base = built_in().expect("built-in rules");
    let mut old = earlier(&base, BANK);
    old.contributions = None;
    let secret = BANK.replace("\"regulated\"", "\"secret\"");
    let review = review(&base, &old, &report(&base, &secret), "old.json");
    assert!(
        review.notes[0].contains("does not record what each rule added"),
        "{:?}",
        review.notes
    );
    // The answers' part is still named: the earlier answers are assessed again.
    assert!(
        review
            .causes
            .iter()
            .any(|c| c.because == Because::Answers && c.rules.is_some())
    );
}

#[test]
fn a_snapshot_survives_the_json_report_and_the_record() {
    let base = built_in().expect("built-in rules");
    let r = report(&base, BANK);
    let json = crate::render::Format::Json
        .renderer(crate::render::Look {
            width: 80,
            color: false,
            heading_level: 2,
            full: true,
        })
        .assess(&r)
        .unwrap();
    let read = read::report(Path::new("old.json"), &json).expect("a report");
    assert_eq!(read, Snapshot::of(&r));
    let record = crate::render::embedded_record(&r);
    let body = format!("\ntext\n\n{record}\n\n");
    let from_record = read::record(Path::new("plan.md"), &body)
        .expect("a record")
        .expect("valid");
    let mut expected = Snapshot::of(&r);
    expected.answers.retain(|(_, v)| v.is_some());
    assert_eq!(from_record, expected);
}

#[test]
fn a_file_that_is_not_a_report_is_refused_with_what_was_expected() {
    let cases = [
        ("[1, 2]", "found a list, not an object"),
        ("{\"a\": 1}", "it has no \"schema_version\" key"),
        (
            "{\"schema_version\": 2}",
            "schema_version 2: this version reads",
        ),
        (
            "{\"schema_version\": 1, \"recomendation\": {}}",
            "no key \"recommendation\"; did you mean \"recomendation\"?",
        ),
        ("{\n  \"schema_version\": 1,", "old.json:2:"),
    ];
    for (text, expected) in cases {
        let err = read::report(Path::new("old.json"), text).unwrap_err().0;
        assert!(err.contains(expected), "{text}: {err}");
        assert!(err.contains(read::EXPECTED), "{text}: {err}");
    }
}
