//! The counting loop: every block of hub assignments that half 1 cannot tell apart (see
//! `classes.rs`), spread over threads, with the pairings of its two halves counted (each half
//! first projected onto the lanes that can decide a pairing, see `projection.rs`) and each
//! rule not yet known to matter studied.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rustc_hash::FxHashMap;

use super::budget::Budget;
use super::pairing::{self, Side};
use super::space::{self, Effect, Partial};
use super::truth::Table;
use super::{Dim, classes, firings, fixed, projection};
use crate::rules::RuleBase;

/// What to do besides counting, and with how many threads.
#[derive(Clone, Copy)]
pub(super) struct Work<'a> {
    /// The rules to study: which of them change some outcome.
    pub(super) studied: &'a [usize],
    /// Worker threads.
    pub(super) threads: usize,
    /// Called with the number of blocks of hub assignments done and their total.
    pub(super) progress: super::Progress<'a>,
    /// The bound on states; once passed, the count stops early and its result is dropped.
    pub(super) budget: &'a Budget,
    /// The bound on the states of the study of which rules matter, kept apart from the
    /// count's: how much the study does depends on which thread finds a rule mattering
    /// first, and the count's states are reported, so they must not.
    pub(super) study: &'a Budget,
}

/// Counts every pairing under every hub assignment, block by block, and finds which of the
/// studied rules change some outcome.
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
        study,
    } = work;
    let allowed = space::allowed_table();
    // One job per block of hub assignments that half 1 cannot tell apart: half 1 is
    // enumerated once, half 0 under each assignment, its partial results merged and paired
    // once with half 1's. A rule matters if it changes an outcome under any assignment, so the
    // result does not depend on which thread sees which block first.
    let blocks = classes::blocks(dims, layout, tables, hubs);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let tally = Mutex::new(Tally::default());
    let matters: Vec<AtomicBool> = (0..base.rules.len())
        .map(|_| AtomicBool::new(false))
        .collect();
    // What the rules that read no hub do in each group, the same under every assignment.
    let fixed = [0, 1].map(|side| fixed::fixed(dims, layout, side, tables, budget));
    let job = Job {
        fixed,
        dims,
        layout,
        tables,
        allowed: &allowed,
        studied,
        matters: &matters,
        budget,
        study_budget: study,
    };
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| {
                let mut digits = vec![0usize; dims.len()];
                loop {
                    let b = next.fetch_add(1, Ordering::Relaxed);
                    if b >= blocks.len() || budget.exhausted() || study.exhausted() {
                        break;
                    }
                    let t = job.run(&blocks[b], &mut digits);
                    lock(&tally).add(&t);
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1, blocks.len());
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

/// What every block of hub assignments is counted against.
struct Job<'a> {
    /// For each half, the truths of its groups' rules that read no hub.
    fixed: [Vec<Option<fixed::Fixed>>; 2],
    dims: &'a [Dim],
    layout: &'a space::Layout,
    tables: &'a [Table],
    allowed: &'a [u8; 256],
    studied: &'a [usize],
    matters: &'a [AtomicBool],
    budget: &'a Budget,
    study_budget: &'a Budget,
}

impl Job<'_> {
    /// Counts one block of hub assignments and studies each rule not yet known to matter.
    fn run(&self, block: &[usize], digits: &mut [usize]) -> Tally {
        let (dims, layout, budget) = (self.dims, self.layout, self.budget);
        space::hub_digits(dims, &layout.hubs, block[0], digits);
        let right_firings = firings::firings(
            dims,
            layout,
            1,
            (self.tables, &mut *digits, &self.fixed[1]),
            budget,
        );
        let right_partials = right_firings.partials(budget);
        let right_side = Side::new(&right_partials);
        let mut merged: FxHashMap<Effect, u64> = FxHashMap::default();
        for h in block {
            space::hub_digits(dims, &layout.hubs, *h, digits);
            let left = firings::firings(
                dims,
                layout,
                0,
                (self.tables, &mut *digits, &self.fixed[0]),
                budget,
            );
            add(&mut merged, &left.partials(budget));
            self.study_half(0, &left, &right_side);
        }
        let left_partials = Partial::list(merged);
        // The study needs every lane: a rule it adds may lift one that could not win before.
        if !self.open(1).is_empty() {
            self.study_half(1, &right_firings, &Side::new(&left_partials));
        }
        // Each half is paired with its lanes that cannot decide a pairing dropped: half 0's
        // against half 1, then half 1's against what is left of half 0.
        let left = projection::project(
            &left_partials,
            &projection::outline(&right_partials),
            self.allowed,
        );
        drop(left_partials);
        let right = projection::project(&right_partials, &projection::outline(&left), self.allowed);
        pairing::count(&Side::new(&left), &Side::new(&right), self.allowed, budget)
    }

    /// The studied rules of half `side` not yet known to matter.
    fn open(&self, side: usize) -> Vec<usize> {
        self.studied
            .iter()
            .copied()
            .filter(|r| {
                self.layout.rule_half[*r] == side && !self.matters[*r].load(Ordering::Relaxed)
            })
            .collect()
    }

    /// Studies each rule of half `side` not yet known to matter, given that half's firings and
    /// the other half's partial results: a rule matters if adding it to the partial results
    /// where it fired, its effect left out, changes some winner against `other`.
    fn study_half(&self, side: usize, firings: &firings::Firings, other: &Side) {
        for r in self.open(side) {
            let rule = self.layout.effects[r];
            // Most rules can be cleared from an outline, without enumerating.
            let Some(outline) = firings.outline(r) else {
                continue;
            };
            if !pairing::may_change(&outline, other, &rule, self.allowed) {
                continue;
            }
            let without = Side::new(&firings.without(r, self.study_budget));
            if pairing::changes_outcome(&without, other, &rule, self.allowed, self.study_budget) {
                self.matters[r].store(true, Ordering::Relaxed);
            }
        }
    }
}

/// Adds partial results into a table of them.
fn add(table: &mut FxHashMap<Effect, u64>, partials: &[Partial]) {
    for p in partials {
        *table.entry(p.effect).or_insert(0) += p.count;
    }
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
