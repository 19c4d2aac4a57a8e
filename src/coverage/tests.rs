//! Tests of the exact count against brute force, and of its bound.

// Ties are exact equalities of scores, as in the engine.
#![allow(clippy::float_cmp)]

use super::*;
use crate::answers::Answers;
use crate::engine::evaluate;
use crate::questions::COUNT;

/// Brute force over a sub-space: every combination, evaluated by the engine.
fn brute(base: &RuleBase, dims: &[Dim]) -> ([u64; 7], u64) {
    let total: usize = dims.iter().map(|d| d.values.len()).product();
    let mut pairs = [0u64; 7];
    let mut ties = 0;
    let mut answers = Answers::new("b", [None; COUNT]);
    for index in 0..total {
        let mut rest = index;
        for d in dims {
            answers.set(d.question, d.values[rest % d.values.len()]);
            rest /= d.values.len();
        }
        let e = evaluate(base, &answers);
        let i = PAIRS.iter().position(|p| *p == e.recommendation()).unwrap();
        pairs[i] += 1;
        if e.ranking.len() > 1 && e.ranking[0].1 == e.ranking[1].1 {
            ties += 1;
        }
    }
    (pairs, ties)
}

/// Thins every question to two values, rotating which ones, except those in `keep`.
fn thin(mut dims: Vec<Dim>, keep: &[&str]) -> Vec<Dim> {
    for (i, d) in dims.iter_mut().enumerate() {
        if keep.contains(&d.question.to_string().as_str()) {
            continue;
        }
        let n = d.values.len();
        d.values = vec![d.values[i % n], d.values[(i + 1) % n]];
        d.values.dedup();
    }
    dims
}

/// Counts a sub-space both ways and checks they agree.
fn check_against_brute_force(base: &RuleBase, dims: &[Dim]) -> Coverage {
    let c = cover_dims(base, dims, (2, DEFAULT_MAX_STATES), &|_, _| ());
    let (pairs, ties) = brute(base, dims);
    assert_eq!(u128::from(c.scenarios), size(dims));
    assert_eq!(c.pairs.0, pairs);
    assert_eq!(c.ties, ties);
    c
}

#[test]
fn merged_walk_matches_brute_force_on_a_sub_space() {
    let base = crate::rules::built_in().unwrap();
    check_against_brute_force(&base, &thin(dims(&base), &[]));
}

/// A rule base whose weights are not binary fractions (0.1 + 0.2 is not 0.3 in floating
/// point) and whose exclusions can rule out every pair.
fn awkward_base() -> RuleBase {
    let rules = "rules:
  - { id: w1, summary: s, source: dida-strategies, explanation: e,
  when: { question: team.ml_talent, is: none }, strategy: { A: 0.1, C: 0.2 }, approach: { rag: 0.3 } }
  - { id: w2, summary: s, source: dida-strategies, explanation: e,
  when: { question: data.freshness, in: [weekly, daily] }, strategy: { A: 0.2, B: 0.1 }, approach: { prompting: 0.3 } }
  - { id: w3, summary: s, source: dida-strategies, explanation: e,
  when: { question: requirements.domain, is: generic }, strategy: { C: 0.3 }, approach: { prompting: 0.1, rag: 0.2 } }
  - { id: x1, summary: s, source: dida-strategies, explanation: e,
  when: { question: data.sensitivity, is: secret }, exclude: { strategies: [A, B, D], reason: r } }
  - { id: x2, summary: s, source: dida-strategies, explanation: e,
  when: { question: requirements.vendor_lock_in, is: unacceptable }, exclude: { strategies: [C], reason: r } }
";
    let file = |path: &str, bytes: &[u8]| crate::rules::RuleFile {
        path: path.into(),
        bytes: bytes.to_vec(),
    };
    let files = [
        file("sources.yaml", include_bytes!("../../rules/sources.yaml")),
        file(
            "strategies.yaml",
            include_bytes!("../../rules/strategies.yaml"),
        ),
        file("r.yaml", rules.as_bytes()),
    ];
    crate::rules::from_files(&files).unwrap_or_else(|e| panic!("{e:#}"))
}

#[test]
fn inexact_weights_and_conflicting_exclusions_match_brute_force() {
    let base = awkward_base();
    // Every level of the two questions whose exclusions conflict.
    let keep = ["[data] sensitivity", "[requirements] vendor_lock_in"];
    let c = check_against_brute_force(&base, &thin(dims(&base), &keep));
    assert!(c.conflicts > 0, "the test space should hold conflicts");
}

/// A rule base of many rules, each linking two numbers at thresholds of its own: the
/// shape whose exact count once grew without bound.
fn many_thresholds() -> RuleBase {
    use std::fmt::Write as _;
    let mut rules = String::from("rules:\n");
    for i in 1..=40 {
        let _ = write!(
            rules,
            "  - {{ id: r{i}, summary: s, source: dida-strategies, explanation: e, strategy: {{ A: {i} }},\n      when: {{ all: [{{ question: budget.annual_usd, at_least: {} }}, {{ question: data.corpus_tokens, below: {} }}, {{ question: traffic.requests_per_day, at_least: {} }}] }} }}\n",
            i * 1000,
            i * 7919,
            i * 31
        );
    }
    let file = |path: &str, bytes: &[u8]| crate::rules::RuleFile {
        path: path.into(),
        bytes: bytes.to_vec(),
    };
    let files = [
        file("sources.yaml", include_bytes!("../../rules/sources.yaml")),
        file(
            "strategies.yaml",
            include_bytes!("../../rules/strategies.yaml"),
        ),
        file("r.yaml", rules.as_bytes()),
    ];
    crate::rules::from_files(&files).unwrap_or_else(|e| panic!("{e:#}"))
}

#[test]
fn a_space_past_the_cap_is_sampled_and_the_states_stay_within_it() {
    let base = many_thresholds();
    for cap in [1_000u64, 200_000] {
        let c = cover(&base, 2, cap, &|_, _| ());
        assert!(
            c.states <= cap,
            "{} states made past a cap of {cap}",
            c.states
        );
        let sampled = c.sampled.as_ref().expect("the space is past the cap");
        assert_eq!(sampled.scenarios, SAMPLE);
        assert_eq!(c.scenarios, SAMPLE);
        assert_eq!(c.pairs.0.iter().sum::<u64>(), SAMPLE);
        assert_eq!(c.max_states, cap);
    }
    // The same rule set twice: the same sample.
    let one = cover(&base, 1, 1_000, &|_, _| ());
    let two = cover(&base, 2, 1_000, &|_, _| ());
    assert_eq!((one.pairs, one.ties), (two.pairs, two.ties));
}

#[test]
fn a_space_within_the_cap_is_counted_exactly_with_the_states_it_says() {
    let base = crate::rules::built_in().unwrap();
    let space = thin(dims(&base), &[]);
    let c = cover_dims(&base, &space, (1, DEFAULT_MAX_STATES), &|_, _| ());
    assert!(c.sampled.is_none());
    assert!(c.states > 0 && c.states <= DEFAULT_MAX_STATES);
    // One state fewer than it needed, and the count is abandoned for a sample.
    let short = cover_dims(&base, &space, (1, c.states - 1), &|_, _| ());
    assert!(short.sampled.is_some());
    assert!(short.states < c.states);
}

#[test]
fn the_two_any_rules_bench_fixture_matches_brute_force_on_a_sub_space() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/benches/fixtures/two-any-rules");
    let base = crate::rules::load_layered(&dir).unwrap_or_else(|e| panic!("{e:#}"));
    // Every level of two questions each `any` rule reads, the rest thinned to two values.
    let keep = ["[requirements] language", "[requirements] task"];
    let c = check_against_brute_force(&base, &thin(dims(&base), &keep));
    assert!(
        c.sampled.is_none(),
        "the sub-space should be counted exactly"
    );
}

#[test]
fn the_states_given_are_the_same_whatever_the_threads() {
    let base = crate::rules::built_in().unwrap();
    let space = thin(dims(&base), &["team.ml_talent", "budget.annual_usd"]);
    let one = cover_dims(&base, &space, (1, DEFAULT_MAX_STATES), &|_, _| ());
    assert!(one.sampled.is_none());
    for _ in 0..3 {
        let two = cover_dims(&base, &space, (2, DEFAULT_MAX_STATES), &|_, _| ());
        assert_eq!(two.states, one.states);
    }
}
