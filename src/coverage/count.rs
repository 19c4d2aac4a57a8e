//! The counting loop: every hub assignment, spread over threads, with the pairings of its two
//! halves counted and each rule not yet known to matter studied.

use std::rc::Rc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rustc_hash::FxHashMap;

use super::budget::Budget;
use super::pairing::{self, Side};
use super::space::{self, rule_dims};
use super::truth::Table;
use super::{Dim, firings};
use crate::rules::RuleBase;

/// What to do besides counting, and with how many threads.
#[derive(Clone, Copy)]
pub(super) struct Work<'a> {
    /// The rules to study: which of them change some outcome.
    pub(super) studied: &'a [usize],
    /// Worker threads.
    pub(super) threads: usize,
    /// Called with the number of hub assignments done and their total.
    pub(super) progress: super::Progress<'a>,
    /// The bound on states; once passed, the count stops early and its result is dropped.
    pub(super) budget: &'a Budget,
}

/// Counts every pairing under every hub assignment, and finds which of the studied rules
/// change some outcome.
pub(super) fn count(
    base: &RuleBase,
    dims: &[Dim],
    layout: &space::Layout,
    (hubs, tables): (usize, &[Table]),
    work: Work<'_>,
) -> (Tally, Vec<bool>) {
    let Work {
        studied,
        threads,
        progress,
        budget,
    } = work;
    let allowed = space::allowed_table();
    // One job per hub assignment: enumerate both halves once, count every pairing, then study
    // each rule not yet known to matter. A rule matters if it changes an outcome under any
    // assignment, so the result does not depend on which thread sees which assignment first.
    let relevant = [0, 1].map(|side| relevant_hubs(base, layout, side));
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let tally = Mutex::new(Tally::default());
    let matters: Vec<AtomicBool> = (0..base.rules.len())
        .map(|_| AtomicBool::new(false))
        .collect();
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| {
                // A half whose rules read only some of the hubs is the same under every
                // assignment that agrees on those: enumerate it once per such assignment.
                let mut cache: [FxHashMap<usize, Rc<Half>>; 2] = Default::default();
                let mut digits = vec![0usize; dims.len()];
                loop {
                    let h = next.fetch_add(1, Ordering::Relaxed);
                    if h >= hubs || budget.exhausted() {
                        break;
                    }
                    space::hub_digits(dims, &layout.hubs, h, &mut digits);
                    let halves = [0, 1].map(|side| {
                        let key = hub_key(dims, layout, &relevant[side], &digits);
                        let mut make = || {
                            let scratch = (tables, &mut digits[..]);
                            let firings = firings::firings(dims, layout, side, scratch, budget);
                            let partials = Side::new(&firings.partials(budget));
                            Rc::new(Half { firings, partials })
                        };
                        if relevant[side].len() == layout.hubs.len() {
                            return make();
                        }
                        Rc::clone(cache[side].entry(key).or_insert_with(make))
                    });
                    let firings = [&halves[0].firings, &halves[1].firings];
                    let sides = [&halves[0].partials, &halves[1].partials];
                    let t = pairing::count(sides[0], sides[1], &allowed, budget);
                    lock(&tally).add(&t);
                    for r in studied {
                        if matters[*r].load(Ordering::Relaxed) {
                            continue;
                        }
                        let own = layout.rule_half[*r];
                        let rule = layout.effects[*r];
                        // Most rules can be cleared from an outline, without enumerating.
                        let Some(outline) = firings[own].outline(*r) else {
                            continue;
                        };
                        if !pairing::may_change(&outline, sides[1 - own], &rule, &allowed) {
                            continue;
                        }
                        let without = Side::new(&firings[own].without(*r, budget));
                        if pairing::changes_outcome(
                            &without,
                            sides[1 - own],
                            &rule,
                            &allowed,
                            budget,
                        ) {
                            matters[*r].store(true, Ordering::Relaxed);
                        }
                    }
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1, hubs);
                }
            });
        }
    });
    let tally = tally
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    (
        tally,
        matters.into_iter().map(AtomicBool::into_inner).collect(),
    )
}

/// One half enumerated under one assignment of the hubs it reads.
struct Half {
    firings: firings::Firings,
    partials: Side,
}

/// The positions (in `layout.hubs`) of the hubs some rule of this half reads.
fn relevant_hubs(base: &RuleBase, layout: &space::Layout, side: usize) -> Vec<usize> {
    (0..layout.hubs.len())
        .filter(|i| {
            base.rules.iter().enumerate().any(|(r, rule)| {
                layout.rule_half[r] == side && rule_dims(rule).contains(&layout.hubs[*i])
            })
        })
        .collect()
}

/// The values of the `relevant` hubs (as `digits` gives them), as one number.
fn hub_key(dims: &[Dim], layout: &space::Layout, relevant: &[usize], digits: &[usize]) -> usize {
    relevant.iter().fold(0, |key, i| {
        let hub = layout.hubs[*i];
        key * dims[hub].values.len() + digits[hub]
    })
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[derive(Debug, Default)]
pub(super) struct Tally {
    pub(super) scenarios: u64,
    pub(super) pairs: [u64; 7],
    pub(super) ties: u64,
    pub(super) conflicts: u64,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.scenarios += other.scenarios;
        for (a, b) in self.pairs.iter_mut().zip(other.pairs) {
            *a += b;
        }
        self.ties += other.ties;
        self.conflicts += other.conflicts;
    }
}
