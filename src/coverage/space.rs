//! Splitting the answer space so it can be counted without visiting every scenario.
//!
//! Most rules read one question; a few read several. The questions that many rules share (the
//! hubs, such as the team's talent) are enumerated in an outer loop. With the hubs fixed, the
//! other questions fall into groups no rule crosses, packed into two halves. Scores add up, so
//! each half is reduced, group by group (see `firings.rs`), to its distinct partial results with
//! a count each; the whole space is every pairing of one partial result from each half.

use rustc_hash::FxHashMap;

use super::Dim;
use crate::options::PAIRS;
use crate::rules::{Rule, RuleBase};

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
    /// The groups of linked questions in each half: no rule reads two of them.
    pub(super) groups: [Vec<Vec<usize>>; 2],
    pub(super) rule_half: Vec<usize>,
    /// For each half, the rules of each of its groups, in group order, then the rules that
    /// read only hubs (counted in half 0).
    pub(super) members: [Vec<Vec<usize>>; 2],
    /// Each rule's effect, in rule order.
    pub(super) effects: Vec<Effect>,
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
    let mut half_groups: [Vec<Vec<usize>>; 2] = [Vec::new(), Vec::new()];
    for group in groups {
        let smaller = usize::from(size(&halves[1]) < size(&halves[0]));
        halves[smaller].extend(group.iter().copied());
        half_groups[smaller].push(group);
    }
    for half in &mut halves {
        half.sort_unstable();
    }
    let rule_half: Vec<usize> = needs
        .iter()
        .map(|need| usize::from(need.iter().any(|d| halves[1].contains(d))))
        .collect();
    let members = [0, 1].map(|side| {
        let own: &[Vec<usize>] = &half_groups[side];
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); own.len() + 1];
        for (r, need) in needs.iter().enumerate() {
            if rule_half[r] == side {
                let g = own
                    .iter()
                    .position(|group| need.iter().any(|d| group.contains(d)))
                    .unwrap_or(own.len());
                members[g].push(r);
            }
        }
        members
    });
    Layout {
        hubs,
        groups: half_groups,
        rule_half,
        members,
        effects: base.rules.iter().map(Effect::of).collect(),
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
    pub(super) count: u64,
}

impl Partial {
    /// A table of partial results (each with its count) as a list, in a fixed order.
    pub(super) fn list(table: FxHashMap<Effect, u64>) -> Vec<Partial> {
        let mut out: Vec<Partial> = table
            .into_iter()
            .map(|(effect, count)| Partial { effect, count })
            .collect();
        out.sort_unstable_by(|a, b| {
            (a.effect.pairs, a.effect.excluded).cmp(&(b.effect.pairs, b.effect.excluded))
        });
        out
    }
}

/// Sets `digits[hub]` to the value (by its index in the dim) that hub assignment `index`
/// gives each hub, the last hub changing fastest.
pub(super) fn hub_digits(dims: &[Dim], hubs: &[usize], index: usize, digits: &mut [usize]) {
    let mut rest = index;
    for hub in hubs.iter().rev() {
        let n = dims[*hub].values.len();
        digits[*hub] = rest % n;
        rest /= n;
    }
}
