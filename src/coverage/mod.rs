//! `rules coverage`: the whole answer space of a rule base, counted exactly.
//!
//! The space is every level of every enumerated question and, for numbers, one value per
//! region between the thresholds the rules use; optional questions may also be unanswered.
//! That is billions of scenarios, too many to evaluate one by one; `space.rs` explains how they
//! are counted exactly without visiting each, and `truth.rs` how each rule's truth is worked
//! out once, as bits. The count's work and memory are bounded
//! (`budget.rs`); a rule set whose space needs more is sampled instead (`sample.rs`).

mod budget;
mod classes;
mod count;
mod firings;
mod fixed;
mod pairing;
mod projection;
mod sample;
mod space;
mod tree;
mod truth;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::answers::Answer;
use crate::options::PAIRS;
use crate::questions::QuestionId;
use crate::rules::RuleBase;
use crate::whatif::candidates;
use budget::Budget;
pub use budget::{DEFAULT_MAX_STATES, TABLE_LIMIT};
pub use sample::{SAMPLE, Sampled};
use space::Effect;

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
    /// How many scenarios were counted: the whole space, or the sample.
    pub scenarios: u64,
    /// When the space needed more states than the cap, the sample counted instead of it;
    /// `null` when the whole space was counted.
    pub sampled: Option<Sampled>,
    /// How many states the exact count made (all of them, or up to the cap when it was
    /// abandoned).
    pub states: u64,
    /// The cap on states (`--max-states`).
    pub max_states: u64,
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

/// Reports progress: how many blocks of the space are counted, out of how many.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// Counts the whole answer space of a rule base, spreading the work over `threads` threads,
/// with at most `max_states` states; past that, counts a seeded sample of it instead.
pub fn cover(base: &RuleBase, threads: usize, max_states: u64, progress: Progress<'_>) -> Coverage {
    cover_dims(base, &dims(base), (threads, max_states), progress)
}

/// Counts the space spanned by `dims` (a sub-space, in tests), exactly when the budget allows.
fn cover_dims(
    base: &RuleBase,
    dims: &[Dim],
    (threads, max_states): (usize, u64),
    progress: Progress<'_>,
) -> Coverage {
    let budget = Budget::new(max_states);
    let mut coverage = exact(base, dims, threads, &budget, progress)
        .unwrap_or_else(|| sample::cover(base, dims, size(dims)));
    coverage.states = budget.used();
    coverage.max_states = budget.cap();
    coverage
}

/// The exact count, or `None` when it needs more states than the budget allows or the space
/// holds more scenarios than a `u64` counts (every tally is a number of its scenarios).
fn exact(
    base: &RuleBase,
    dims: &[Dim],
    threads: usize,
    budget: &Budget,
    progress: Progress<'_>,
) -> Option<Coverage> {
    u64::try_from(size(dims)).ok()?;
    let layout = space::layout(base, dims);
    let hub_count = layout.hubs.iter().fold(1u128, |n, h| {
        n.saturating_mul(dims[*h].values.len() as u128)
    });
    if !budget.spend(hub_count, true) {
        return None;
    }
    let tables = truth::tables(base, dims, budget)?;
    let shares: Vec<f64> = tables.iter().map(truth::Table::share).collect();
    // A rule that adds nothing to any pair and excludes nothing (say, one that only moves
    // the matrix) cannot change an outcome; it needs no study.
    let studied: Vec<usize> = (0..base.rules.len())
        .filter(|r| shares[*r] > 0.0 && layout.effects[*r] != Effect::default())
        .collect();
    let study = Budget::new(budget.cap());
    let (tally, matters) = count::count(
        base,
        dims,
        &layout,
        (usize::try_from(hub_count).ok()?, &tables),
        count::Work {
            studied: &studied,
            threads,
            progress,
            budget,
            study: &study,
        },
    );
    if budget.exhausted() || study.exhausted() {
        return None;
    }
    let (dead_rules, matrix_only, exclusions) = findings(base, &shares, &matters);
    Some(Coverage {
        scenarios: tally.scenarios,
        sampled: None,
        states: 0,
        max_states: 0,
        pairs: PairCounts(tally.pairs),
        dead_rules,
        matrix_only,
        ties: tally.ties,
        conflicts: tally.conflicts,
        exclusions,
    })
}

/// The dead rules, the rules that only move the matrix, and each exclusion's share, from the
/// rules' firing shares and whether each changes some outcome.
fn findings(
    base: &RuleBase,
    shares: &[f64],
    matters: &[bool],
) -> (Vec<DeadRule>, Vec<String>, Vec<ExclusionShare>) {
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
                rule: rule.id.to_string(),
                reason,
            })
        })
        .collect();
    let exclusions = base
        .rules
        .iter()
        .zip(shares)
        .filter_map(|(rule, share)| {
            let e = rule.effect.exclude.as_ref()?;
            Some(ExclusionShare {
                rule: rule.id.to_string(),
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
        .map(|(_, rule)| rule.id.to_string())
        .collect();
    (dead_rules, matrix_only, exclusions)
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

/// The size of the space: the product of every question's number of values (saturating).
pub fn size(dims: &[Dim]) -> u128 {
    dims.iter()
        .fold(1u128, |n, d| n.saturating_mul(d.values.len() as u128))
}

#[cfg(test)]
mod tests;
