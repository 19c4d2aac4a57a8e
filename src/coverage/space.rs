//! Splitting the answer space so it can be counted without visiting every scenario.
//!
//! Most rules read one question; a few read several. The questions that many rules share (the
//! hubs, such as the team's talent) are enumerated in an outer loop. With the hubs fixed, the
//! other questions fall into groups no rule crosses, packed into two halves. Scores add up, so
//! each half is enumerated on its own and reduced to its distinct partial results with a count
//! each; the whole space is every pairing of one partial result from each half.

use rustc_hash::FxHashMap;

use super::Dim;
use crate::answers::{Answer, Answers};
use crate::options::PAIRS;
use crate::questions::COUNT;
use crate::rules::{Fact, Facts, Rule, RuleBase, Truth};

/// A rule's effect in pair terms: what it adds to each allowed pair's score (in hundredths, as
/// the engine sums them), and the strategies (bits 0..4) and approaches (bits 4..8) it excludes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(super) struct Effect {
    pub(super) pairs: [i64; 7],
    pub(super) excluded: u8,
}

impl Effect {
    pub(super) fn of(rule: &Rule) -> Effect {
        Effect {
            pairs: rule.effect.pair_weights(),
            excluded: rule.effect.excluded_mask(),
        }
    }

    pub(super) fn plus(mut self, other: &Effect) -> Effect {
        for (a, b) in self.pairs.iter_mut().zip(other.pairs) {
            *a += b;
        }
        self.excluded |= other.excluded;
        self
    }
}

/// For each exclusion mask, the pairs still allowed (bit `i` for `PAIRS[i]`).
pub(super) fn allowed_table() -> [u8; 256] {
    let mut table = [0u8; 256];
    for (mask, allowed) in table.iter_mut().enumerate() {
        for (i, p) in PAIRS.iter().enumerate() {
            let s = 1usize << (p.strategy as usize);
            let a = 1usize << (4 + p.approach as usize);
            if mask & (s | a) == 0 {
                *allowed |= 1 << i;
            }
        }
    }
    table
}

/// The dims a rule's condition reads, directly or through cost facts.
pub(super) fn rule_dims(rule: &Rule) -> Vec<usize> {
    let mut out = Vec::new();
    for q in rule.when.inputs() {
        let i = usize::from(q.0);
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// How the space is split: hub dims, the two halves, and the half each rule is counted in.
#[derive(Debug, Clone)]
pub(super) struct Layout {
    pub(super) hubs: Vec<usize>,
    pub(super) halves: [Vec<usize>; 2],
    pub(super) rule_half: Vec<usize>,
    /// Whether no combination of rules can exclude every pair. Then a pair that one half
    /// excludes never wins, whatever the other half adds, and its score there can be dropped.
    pub(super) no_conflicts: bool,
}

fn components(n: usize, edges: &[(usize, usize)], skip: &[usize]) -> Vec<Vec<usize>> {
    let mut seen = vec![false; n];
    let mut out = Vec::new();
    for start in (0..n).filter(|d| !skip.contains(d)) {
        if seen[start] {
            continue;
        }
        let mut group = vec![start];
        seen[start] = true;
        let mut i = 0;
        while i < group.len() {
            let d = group[i];
            for &(a, b) in edges {
                let other = if a == d {
                    b
                } else if b == d {
                    a
                } else {
                    continue;
                };
                if !seen[other] && !skip.contains(&other) {
                    seen[other] = true;
                    group.push(other);
                }
            }
            i += 1;
        }
        out.push(group);
    }
    out
}

/// Chooses hubs until no group of linked questions is too large, then packs the groups into
/// two halves of similar size.
pub(super) fn layout(base: &RuleBase, dims: &[Dim]) -> Layout {
    let needs: Vec<Vec<usize>> = base.rules.iter().map(rule_dims).collect();
    let mut edges = Vec::new();
    for need in &needs {
        for (i, a) in need.iter().enumerate() {
            for b in &need[i + 1..] {
                edges.push((*a, *b));
            }
        }
    }
    let size = |group: &[usize]| {
        group
            .iter()
            .map(|d| dims[*d].values.len() as f64)
            .product::<f64>()
    };
    let mut hubs: Vec<usize> = Vec::new();
    loop {
        let groups = components(dims.len(), &edges, &hubs);
        let rest: f64 = groups.iter().map(|g| size(g)).product();
        let Some(largest) = groups.iter().max_by(|a, b| size(a).total_cmp(&size(b))) else {
            break;
        };
        // A group larger than a half can be is split by fixing its best-connected question.
        if size(largest) <= rest.sqrt() || largest.len() == 1 {
            break;
        }
        let degree = |d: usize| {
            edges
                .iter()
                .filter(|(a, b)| (*a == d || *b == d) && !hubs.contains(a) && !hubs.contains(b))
                .count()
        };
        let Some(hub) = largest
            .iter()
            .copied()
            .max_by_key(|d| (degree(*d), usize::MAX - d))
        else {
            break;
        };
        hubs.push(hub);
    }
    let mut groups = components(dims.len(), &edges, &hubs);
    groups.sort_by(|a, b| size(b).total_cmp(&size(a)).then(a.cmp(b)));
    let mut halves: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    for group in groups {
        let smaller = usize::from(size(&halves[1]) < size(&halves[0]));
        halves[smaller].extend(group);
    }
    for half in &mut halves {
        half.sort_unstable();
    }
    let rule_half = needs
        .iter()
        .map(|need| usize::from(need.iter().any(|d| halves[1].contains(d))))
        .collect();
    Layout {
        hubs,
        halves,
        rule_half,
        no_conflicts: {
            let all = base
                .rules
                .iter()
                .fold(0u8, |mask, rule| mask | Effect::of(rule).excluded);
            allowed_table()[usize::from(all)] != 0
        },
    }
}

/// One distinct partial result of a half, and how many of its assignments give it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Partial {
    pub(super) effect: Effect,
    /// Whether the rule under study fired (always false without one).
    pub(super) fired: bool,
    pub(super) count: u64,
}

/// One half with the hubs fixed: its rules, and each distinct set of them that fires, with how
/// many of the half's assignments give that set. Conditions are evaluated once here; every
/// later reduction works on the sets.
pub(super) struct Firings {
    rules: Vec<usize>,
    effects: Vec<Effect>,
    /// Fired sets (bit `i` for `rules[i]`) and their counts, in a stable order.
    sets: Vec<(Box<[u64]>, u64)>,
    /// With `no_conflicts`, for each exclusion mask, the pairs still allowed.
    allowed: Option<[u8; 256]>,
}

/// Enumerates one half with the hubs fixed to `hub_values`.
pub(super) fn firings(
    base: &RuleBase,
    dims: &[Dim],
    layout: &Layout,
    side: usize,
    hub_values: &[Option<Answer>],
) -> Firings {
    let rules: Vec<usize> = (0..base.rules.len())
        .filter(|r| layout.rule_half[*r] == side)
        .collect();
    let effects: Vec<Effect> = rules.iter().map(|r| Effect::of(&base.rules[*r])).collect();
    let words = rules.len().div_ceil(64).max(1);
    let own = &layout.halves[side];
    let mut scratch = Answers::new("coverage", [None; COUNT]);
    for (hub, value) in layout.hubs.iter().zip(hub_values) {
        scratch.set(dims[*hub].question, *value);
    }
    let total: usize = own.iter().map(|d| dims[*d].values.len()).product();
    // Cost facts depend only on the questions they are computed from: estimate once per
    // distinct answer to those of them in this half (the hubs are fixed).
    let fact_dims: Vec<usize> = (0..own.len())
        .filter(|i| Fact::QUESTIONS.contains(&dims[own[*i]].question.name()))
        .collect();
    let mut facts_by_input: FxHashMap<usize, Facts> = FxHashMap::default();
    let mut table: FxHashMap<Box<[u64]>, u64> = FxHashMap::default();
    let mut digits = vec![0usize; own.len()];
    for index in 0..total {
        let mut rest = index;
        for (i, d) in own.iter().enumerate() {
            let n = dims[*d].values.len();
            digits[i] = rest % n;
            scratch.set(dims[*d].question, dims[*d].values[digits[i]]);
            rest /= n;
        }
        let fact_key = fact_dims.iter().fold(0usize, |key, i| {
            key * dims[own[*i]].values.len() + digits[*i]
        });
        let facts = *facts_by_input
            .entry(fact_key)
            .or_insert_with(|| base.facts(&scratch));
        let mut set = vec![0u64; words].into_boxed_slice();
        for (i, r) in rules.iter().enumerate() {
            if base.rules[*r].when.eval(&scratch, &facts) == Truth::True {
                set[i / 64] |= 1 << (i % 64);
            }
        }
        *table.entry(set).or_insert(0) += 1;
    }
    let mut sets: Vec<(Box<[u64]>, u64)> = table.into_iter().collect();
    // Hash order is not stable across runs; sort so every run does the same work.
    sets.sort_unstable();
    Firings {
        rules,
        effects,
        sets,
        allowed: layout.no_conflicts.then(allowed_table),
    }
}

impl Firings {
    /// The distinct partial results with every rule counted.
    pub(super) fn partials(&self) -> Vec<Partial> {
        self.reduce(None)
    }

    /// The distinct partial results of the assignments where `rule` fired, its own effect
    /// left out (and recorded as `fired`). Empty when the rule is not in this half.
    pub(super) fn without(&self, rule: usize) -> Vec<Partial> {
        match self.rules.iter().position(|r| *r == rule) {
            Some(i) => self.reduce(Some(i)),
            None => Vec::new(),
        }
    }

    /// Rewrites a partial result into the simplest one that decides every pairing the same
    /// way, so that more of them merge.
    fn canonicalize(&self, effect: &mut Effect) {
        let allowed = self
            .allowed
            .map_or(0x7f, |table| table[usize::from(effect.excluded)]);
        // Adding the same amount to every pair changes neither the winner nor a tie.
        let lane = (0..7).find(|i| allowed & (1 << i) != 0).unwrap_or(0);
        let base = effect.pairs[lane];
        for (i, p) in effect.pairs.iter_mut().enumerate() {
            *p = if allowed & (1 << i) == 0 {
                0
            } else {
                *p - base
            };
        }
    }

    fn reduce(&self, target: Option<usize>) -> Vec<Partial> {
        let has = |set: &[u64], i: usize| set[i / 64] & (1 << (i % 64)) != 0;
        let mut table: FxHashMap<Effect, u64> = FxHashMap::default();
        for (set, count) in &self.sets {
            if target.is_some_and(|t| !has(set, t)) {
                continue;
            }
            let mut effect = Effect::default();
            for (i, e) in self.effects.iter().enumerate() {
                if has(set, i) && Some(i) != target {
                    effect = effect.plus(e);
                }
            }
            self.canonicalize(&mut effect);
            *table.entry(effect).or_insert(0) += count;
        }
        let fired = target.is_some();
        let mut out: Vec<Partial> = table
            .into_iter()
            .map(|(effect, count)| Partial {
                effect,
                fired,
                count,
            })
            .collect();
        // Hash order is not stable across runs; sort so every run does the same work.
        out.sort_unstable_by_key(|p| (p.effect.excluded, p.effect.pairs));
        out
    }
}

/// Every assignment of the hub dims.
pub(super) fn hub_assignments(dims: &[Dim], hubs: &[usize]) -> Vec<Vec<Option<Answer>>> {
    let mut out = vec![Vec::new()];
    for hub in hubs {
        out = out
            .into_iter()
            .flat_map(|prefix| {
                dims[*hub].values.iter().map(move |v| {
                    let mut next = prefix.clone();
                    next.push(*v);
                    next
                })
            })
            .collect();
    }
    out
}
