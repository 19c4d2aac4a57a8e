//! One half of the space with the hubs fixed, reduced to its distinct partial results.
//!
//! A half is a product of groups of questions that no rule links, so its distinct partial
//! results are built group by group: each group is enumerated alone (its rules evaluated once
//! per assignment of its own questions), then the groups' partial results are added up two at
//! a time, merging those that decide every pairing alike after each step. The work grows with
//! the number of distinct partial results, not with the size of the half.

use rustc_hash::FxHashMap;

use super::Dim;
use super::budget::Budget;
use super::space::{Effect, Layout, Partial, allowed_table};
use super::tree::Bounds;
use super::truth::Table;

/// One group of a half: its rules, and each distinct set of them that fires with how many of
/// the group's assignments give it.
struct Group {
    rules: Vec<usize>,
    effects: Vec<Effect>,
    sets: Vec<(Box<[u64]>, u64)>,
}

/// One half with the hubs fixed.
pub(super) struct Firings {
    groups: Vec<Group>,
    /// Each group's distinct partial results with every rule counted.
    whole: Vec<Vec<(Effect, u64)>>,
    /// For each group, the partial results of every other group added up, made on first use.
    others: Vec<std::sync::OnceLock<Vec<(Effect, u64)>>>,
    /// With `no_conflicts`, for each exclusion mask, the pairs still allowed.
    allowed: Option<[u8; 256]>,
}

/// Enumerates one half with the hubs fixed to the values `digits` gives them (by their index
/// in each dim); `digits` is scratch space for the half's own dims, one entry per dim.
pub(super) fn firings(
    dims: &[Dim],
    layout: &Layout,
    side: usize,
    (tables, digits, fixed): (&[Table], &mut [usize], &[Option<super::fixed::Fixed>]),
    budget: &Budget,
) -> Firings {
    let own_groups = &layout.groups[side];
    let no_dims: Vec<usize> = Vec::new();
    let groups: Vec<Group> = layout.members[side]
        .iter()
        .enumerate()
        .map(|(g, rules)| {
            let group_dims = own_groups.get(g).unwrap_or(&no_dims);
            let rules = (&rules[..], &layout.effects[..]);
            let fixed = fixed.get(g).and_then(Option::as_ref);
            enumerate(
                dims,
                group_dims,
                rules,
                (tables, &mut *digits, fixed),
                budget,
            )
        })
        .collect();
    let mut out = Firings {
        others: (0..groups.len())
            .map(|_| std::sync::OnceLock::new())
            .collect(),
        groups,
        whole: Vec::new(),
        allowed: layout.no_conflicts.then(allowed_table),
    };
    out.whole = (0..out.groups.len())
        .map(|g| out.reduce(g, None, budget))
        .collect();
    out
}

/// Calls `found` with each assignment of the group's questions `own` (by its position, the
/// first dim fastest) and the set of rules of `look` (by their index in `rules`, at most 64)
/// that fire there.
pub(super) fn walk(
    dims: &[Dim],
    own: &[usize],
    (rules, look): (&[usize], &[usize]),
    (tables, digits): (&[Table], &mut [usize]),
    mut found: impl FnMut(usize, u64),
) {
    let total: usize = own.iter().map(|d| dims[*d].values.len()).product();
    for d in own {
        digits[*d] = 0;
    }
    let mut at: Vec<usize> = look
        .iter()
        .map(|i| tables[rules[*i]].index(digits))
        .collect();
    let looked: Vec<&Table> = look.iter().map(|i| &tables[rules[*i]]).collect();
    let steps = steps(dims, own, &looked);
    let mut counter = vec![0usize; own.len()];
    for index in 0..total {
        let mut set = 0u64;
        for (k, i) in look.iter().enumerate() {
            set |= u64::from(tables[rules[*i]].fires(at[k])) << i;
        }
        found(index, set);
        advance(&steps, &mut counter, &mut at);
    }
}

/// For each of the dims `own`, its number of values and how far each table's position moves
/// when it grows by one.
fn steps(dims: &[Dim], own: &[usize], tables: &[&Table]) -> Vec<(usize, Vec<usize>)> {
    own.iter()
        .map(|d| {
            let n = dims[*d].values.len();
            (n, tables.iter().map(|t| t.stride(*d)).collect())
        })
        .collect()
}

/// Every assignment of a group's questions, reduced to the sets of its rules that fire: each
/// rule's truth is looked up in its table (or, for rules that read no hub, in `fixed`), and
/// nothing is allocated but each distinct set.
fn enumerate(
    dims: &[Dim],
    own: &[usize],
    (rules, all_effects): (&[usize], &[Effect]),
    (tables, digits, fixed): (&[Table], &mut [usize], Option<&super::fixed::Fixed>),
    budget: &Budget,
) -> Group {
    let effects: Vec<Effect> = rules.iter().map(|r| all_effects[*r]).collect();
    let words = rules.len().div_ceil(64).max(1);
    let size = own.iter().fold(1u128, |n, d| {
        n.saturating_mul(dims[*d].values.len() as u128)
    });
    // Too many assignments to enumerate: nothing is enumerated, and the count is abandoned.
    let total = if budget.spend(size, true) {
        size as usize
    } else {
        0
    };
    if let Some(fixed) = fixed.filter(|_| total > 0) {
        let mut small: FxHashMap<u64, u64> = FxHashMap::default();
        walk(
            dims,
            own,
            (rules, &fixed.moving),
            (tables, digits),
            |at, set| {
                *small.entry(set | fixed.bits[at]).or_insert(0) += 1;
            },
        );
        let mut sets: Vec<(Box<[u64]>, u64)> = small
            .into_iter()
            .map(|(w, n)| (Box::from([w]), n))
            .collect();
        sets.sort_unstable();
        return Group {
            rules: rules.to_vec(),
            effects,
            sets,
        };
    }
    // Each rule's position in its table, moved as the group's dims change (first dim fastest)
    // rather than worked out again at each assignment.
    for d in own {
        digits[*d] = 0;
    }
    let mut at: Vec<usize> = rules.iter().map(|r| tables[*r].index(digits)).collect();
    let all: Vec<&Table> = rules.iter().map(|r| &tables[*r]).collect();
    let steps = steps(dims, own, &all);
    let mut counter = vec![0usize; own.len()];
    let mut table: FxHashMap<Box<[u64]>, u64> = FxHashMap::default();
    // With at most 64 rules a set is one word: count it without a slice key.
    let mut small: FxHashMap<u64, u64> = FxHashMap::default();
    let mut set = vec![0u64; words];
    for _ in 0..total {
        set.fill(0);
        for (i, r) in rules.iter().enumerate() {
            if tables[*r].fires(at[i]) {
                set[i / 64] |= 1 << (i % 64);
            }
        }
        if words == 1 {
            *small.entry(set[0]).or_insert(0) += 1;
        } else if let Some(n) = table.get_mut(&set[..]) {
            *n += 1;
        } else {
            table.insert(set.clone().into_boxed_slice(), 1);
        }
        advance(&steps, &mut counter, &mut at);
    }
    table.extend(small.into_iter().map(|(w, n)| (Box::from([w]), n)));
    let mut sets: Vec<(Box<[u64]>, u64)> = table.into_iter().collect();
    // FxHash has no random seed, so hash order is the same on every run; the sort makes it
    // independent of how the table grew as well.
    sets.sort_unstable();
    Group {
        rules: rules.to_vec(),
        effects,
        sets,
    }
}

/// Moves every rule's position to the group's next assignment, the first dim fastest.
fn advance(steps: &[(usize, Vec<usize>)], counter: &mut [usize], at: &mut [usize]) {
    for ((n, strides), c) in steps.iter().zip(counter.iter_mut()) {
        *c += 1;
        if *c < *n {
            for (a, s) in at.iter_mut().zip(strides) {
                *a += s;
            }
            return;
        }
        *c = 0;
        for (a, s) in at.iter_mut().zip(strides) {
            *a -= (n - 1) * s;
        }
    }
}

impl Firings {
    /// The distinct partial results with every rule counted.
    pub(super) fn partials(&self, budget: &Budget) -> Vec<Partial> {
        // The smallest groups first, so that the largest is gone over once, at the end; the
        // first group's partial results are already distinct and simplified.
        let mut order: Vec<&Vec<(Effect, u64)>> = self.whole.iter().collect();
        order.sort_by_key(|whole| whole.len());
        let acc = match order.split_first() {
            Some((first, rest)) => rest.iter().fold((*first).clone(), |acc, whole| {
                self.convolve(&acc, whole, budget)
            }),
            None => vec![(Effect::default(), 1)],
        };
        let out: Vec<Partial> = acc
            .into_iter()
            .map(|(effect, count)| Partial { effect, count })
            .collect();
        out
    }

    /// The distinct partial results of the assignments where `rule` fired, its own effect
    /// left out. Empty when the rule is not in this half.
    pub(super) fn without(&self, rule: usize, budget: &Budget) -> Vec<Partial> {
        let Some((g, i)) = self.find(rule) else {
            return Vec::new();
        };
        // Every other group adds the same whatever the rule does: add them up once.
        let others = self.others[g].get_or_init(|| {
            (0..self.groups.len())
                .filter(|h| *h != g)
                .fold(vec![(Effect::default(), 1)], |acc, h| {
                    self.convolve(&acc, &self.whole[h], budget)
                })
        });
        let out: Vec<Partial> = self
            .convolve(others, &self.reduce(g, Some(i), budget), budget)
            .into_iter()
            .map(|(effect, count)| Partial { effect, count })
            .collect();
        out
    }

    /// An outline of `without(rule)`, found without enumerating it: bounds on its lane
    /// differences and every exclusion mask its partial results can carry. `None` when the
    /// rule is not in this half or never fires here.
    pub(super) fn outline(&self, rule: usize) -> Option<(Bounds, Vec<u8>)> {
        let (g, i) = self.find(rule)?;
        let own = self.reduce(g, Some(i), &Budget::new(u64::MAX));
        if own.is_empty() {
            return None;
        }
        let parts = (0..self.groups.len())
            .filter(|h| *h != g)
            .map(|h| &self.whole[h][..])
            .chain(std::iter::once(&own[..]));
        let mut bounds = Bounds::ZERO;
        let mut masks = vec![0u8];
        for part in parts {
            let mut b = Bounds::EMPTY;
            let mut next: Vec<u8> = Vec::new();
            for (effect, _) in part {
                b.include(&effect.pairs);
                for m in &masks {
                    if !next.contains(&(m | effect.excluded)) {
                        next.push(m | effect.excluded);
                    }
                }
            }
            bounds = bounds.plus(&b);
            masks = next;
        }
        Some((bounds, masks))
    }

    /// The group holding `rule` and its index there.
    fn find(&self, rule: usize) -> Option<(usize, usize)> {
        self.groups
            .iter()
            .enumerate()
            .find_map(|(g, group)| group.rules.iter().position(|r| *r == rule).map(|i| (g, i)))
    }

    /// Every sum of one partial result from `a` and one from `b`, merged.
    fn convolve(
        &self,
        a: &[(Effect, u64)],
        b: &[(Effect, u64)],
        budget: &Budget,
    ) -> Vec<(Effect, u64)> {
        // Every sum may be distinct: pay for all of them, or give up before making any.
        if !budget.spend(a.len() as u128 * b.len() as u128, true) {
            return Vec::new();
        }
        // Room for the sums up front (within reason), rather than growing by rehashing.
        let room = (a.len() * b.len()).min(1 << 14);
        let mut table: FxHashMap<Effect, u64> =
            FxHashMap::with_capacity_and_hasher(room, rustc_hash::FxBuildHasher);
        for (ea, ca) in a {
            for (eb, cb) in b {
                let mut effect = ea.plus(eb);
                self.canonicalize(&mut effect);
                *table.entry(effect).or_insert(0) += ca * cb;
            }
        }
        let out: Vec<(Effect, u64)> = table.into_iter().collect();
        out
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

    /// One group's distinct partial results; with `target`, only the assignments where that
    /// rule (by its index in the group) fired, its effect left out.
    fn reduce(&self, g: usize, target: Option<usize>, budget: &Budget) -> Vec<(Effect, u64)> {
        let group = &self.groups[g];
        if !budget.spend(group.sets.len() as u128, true) {
            return Vec::new();
        }
        let has = |set: &[u64], i: usize| set[i / 64] & (1 << (i % 64)) != 0;
        let mut table: FxHashMap<Effect, u64> = FxHashMap::default();
        for (set, count) in &group.sets {
            if target.is_some_and(|t| !has(set, t)) {
                continue;
            }
            let mut effect = Effect::default();
            for (i, e) in group.effects.iter().enumerate() {
                if has(set, i) && Some(i) != target {
                    effect = effect.plus(e);
                }
            }
            self.canonicalize(&mut effect);
            *table.entry(effect).or_insert(0) += count;
        }
        let out: Vec<(Effect, u64)> = table.into_iter().collect();
        out
    }
}
