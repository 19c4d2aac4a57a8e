//! `rules coverage`: the whole answer space of a rule base, counted exactly.
//!
//! The space is every level of every enumerated question and, for numbers, one value per
//! region between the thresholds the rules use; optional questions may also be unanswered.
//! That is billions of scenarios, too many to evaluate one by one; `space.rs` explains how they
//! are counted exactly without visiting each.

mod count;
mod firings;
mod pairing;
mod space;
mod tree;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::answers::{Answer, Answers};
use crate::options::PAIRS;
use crate::questions::{COUNT, QuestionId};
use crate::rules::{Rule, RuleBase, Truth};
use crate::whatif::candidates;
use space::{Effect, rule_dims};

/// One question's values in the space: its regions, and `None` (unanswered) when optional.
#[derive(Debug, Clone)]
pub struct Dim {
    /// The question.
    pub question: QuestionId,
    /// Its values.
    pub values: Vec<Option<Answer>>,
}

/// The answer space of a rule base.
pub fn dims(base: &RuleBase) -> Vec<Dim> {
    QuestionId::all()
        .map(|question| {
            let mut values: Vec<Option<Answer>> =
                candidates(base, question).into_iter().map(Some).collect();
            if !question.question().required {
                values.push(None);
            }
            Dim { question, values }
        })
        .collect()
}

/// Scenario counts per allowed pair, serialized as `{ "A/prompting": n, ... }` in table order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairCounts(pub [u64; 7]);

impl Serialize for PairCounts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(PAIRS.len()))?;
        for (pair, n) in PAIRS.iter().zip(self.0) {
            map.serialize_entry(&pair.to_string(), &n)?;
        }
        map.end()
    }
}

/// A rule that does not matter anywhere in the space.
#[derive(Debug, Clone, Serialize)]
pub struct DeadRule {
    /// Rule id.
    pub rule: String,
    /// `never fires` or `never changes an outcome`.
    pub reason: &'static str,
}

/// How much of the space one exclusion rule removes.
#[derive(Debug, Clone, Serialize)]
pub struct ExclusionShare {
    /// Rule id.
    pub rule: String,
    /// What it rules out.
    pub excludes: Vec<String>,
    /// Share of all scenarios in which it fires, 0 to 1.
    pub share: f64,
}

/// The result of `rules coverage`.
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    /// How many scenarios the space holds.
    pub scenarios: u64,
    /// How many reach each allowed pair.
    pub pairs: PairCounts,
    /// Rules that never fire or never change an outcome.
    pub dead_rules: Vec<DeadRule>,
    /// Rules that fire somewhere but only move the matrix position: by design they never
    /// change a recommendation, so they are not counted as dead.
    pub matrix_only: Vec<String>,
    /// Scenarios where the best two pairs score the same (the tie-break decides).
    pub ties: u64,
    /// Scenarios where exclusions rule out every pair.
    pub conflicts: u64,
    /// Each exclusion rule and the share of the space in which it fires.
    pub exclusions: Vec<ExclusionShare>,
}

/// The share of the space in which a rule fires: its condition over its own questions only.
fn firing_share(base: &RuleBase, rule: &Rule, dims: &[Dim]) -> f64 {
    let need = rule_dims(rule);
    let total: usize = need.iter().map(|d| dims[*d].values.len()).product();
    let mut scratch = Answers::new("share", [None; COUNT]);
    let mut fired = 0usize;
    for index in 0..total {
        let mut rest = index;
        for d in &need {
            let n = dims[*d].values.len();
            scratch.set(dims[*d].question, dims[*d].values[rest % n]);
            rest /= n;
        }
        if rule.when.eval(&scratch, &base.facts(&scratch)) == Truth::True {
            fired += 1;
        }
    }
    fired as f64 / total as f64
}

/// Reports progress: how many blocks of the space are counted, out of how many.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// Counts the whole answer space of a rule base, spreading the work over `threads` threads.
pub fn cover(base: &RuleBase, threads: usize, progress: Progress<'_>) -> Coverage {
    cover_dims(base, &dims(base), threads, progress)
}

/// Counts the space spanned by `dims` (a sub-space, in tests).
fn cover_dims(base: &RuleBase, dims: &[Dim], threads: usize, progress: Progress<'_>) -> Coverage {
    let layout = space::layout(base, dims);
    let hubs = space::hub_assignments(dims, &layout.hubs);
    let shares: Vec<f64> = base
        .rules
        .iter()
        .map(|r| firing_share(base, r, dims))
        .collect();
    // A rule that adds nothing to any pair and excludes nothing (say, one that only moves
    // the matrix) cannot change an outcome; it needs no study.
    let studied: Vec<usize> = (0..base.rules.len())
        .filter(|r| shares[*r] > 0.0 && Effect::of(&base.rules[*r]) != Effect::default())
        .collect();
    let (tally, matters) = count::count(
        base,
        dims,
        &layout,
        &hubs,
        count::Work {
            studied: &studied,
            threads,
            progress,
        },
    );
    let matrix_only: Vec<bool> = base
        .rules
        .iter()
        .map(|r| Effect::of(r) == Effect::default())
        .collect();
    let dead_rules = base
        .rules
        .iter()
        .enumerate()
        .filter_map(|(r, rule)| {
            let reason = if shares[r] == 0.0 {
                "never fires"
            } else if !matters[r] && !matrix_only[r] {
                "never changes an outcome"
            } else {
                return None;
            };
            Some(DeadRule {
                rule: rule.id.clone(),
                reason,
            })
        })
        .collect();
    let exclusions = base
        .rules
        .iter()
        .zip(&shares)
        .filter_map(|(rule, share)| {
            let e = rule.effect.exclude.as_ref()?;
            Some(ExclusionShare {
                rule: rule.id.clone(),
                excludes: e.names().into_iter().map(str::to_owned).collect(),
                share: *share,
            })
        })
        .collect();
    let matrix_only = base
        .rules
        .iter()
        .enumerate()
        .filter(|(r, _)| matrix_only[*r] && shares[*r] > 0.0)
        .map(|(_, rule)| rule.id.clone())
        .collect();
    Coverage {
        scenarios: tally.scenarios,
        pairs: PairCounts(tally.pairs),
        dead_rules,
        matrix_only,
        ties: tally.ties,
        conflicts: tally.conflicts,
        exclusions,
    }
}

/// The model of `rules coverage`: the coverage of a rule base's whole answer space.
#[derive(Debug, Clone, Serialize)]
pub struct CoverageReport<'a> {
    /// Version of the JSON shape.
    pub schema_version: u32,
    /// What the enumeration found.
    #[serde(flatten)]
    pub coverage: &'a Coverage,
    /// How many rules the rule base has.
    #[serde(skip)]
    pub rules: usize,
}

/// The size of the space: the product of every question's number of values.
pub fn size(dims: &[Dim]) -> u128 {
    dims.iter().map(|d| d.values.len() as u128).product()
}

#[cfg(test)]
// Ties are exact equalities of scores, as in the engine.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;
    use crate::engine::evaluate;

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
        let c = cover_dims(base, dims, 2, &|_, _| ());
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
}
