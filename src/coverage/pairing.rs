//! Pairing the partial results of two halves: the hot loop of `rules coverage`.
//!
//! Each half's partial results are grouped by what they exclude and stored as plain score rows,
//! so that for one pair of groups the allowed pairs are known once and the inner loop is a few
//! additions and comparisons with no branches on exclusions.

use super::count::Tally;
use super::space::{Effect, Partial};

/// Score lanes: the seven allowed pairs and one padding lane that never wins.
const LANES: usize = 8;

/// A score no allowed pair can reach, even with four of them added.
const OUT: i64 = i64::MIN / 8;

/// Partial results of one half that exclude the same options.
#[derive(Debug, Clone)]
struct Group {
    excluded: u8,
    scores: Vec<[i64; LANES]>,
    counts: Vec<u64>,
    fired: Vec<bool>,
}

/// One half's partial results, grouped by what they exclude.
#[derive(Debug, Clone)]
pub(super) struct Side {
    groups: Vec<Group>,
}

impl Side {
    /// Groups partial results (in their given order within each group).
    pub(super) fn new(partials: &[Partial]) -> Side {
        let mut groups: Vec<Group> = Vec::new();
        for p in partials {
            let i = groups
                .iter()
                .position(|g| g.excluded == p.effect.excluded)
                .unwrap_or_else(|| {
                    groups.push(Group {
                        excluded: p.effect.excluded,
                        scores: Vec::new(),
                        counts: Vec::new(),
                        fired: Vec::new(),
                    });
                    groups.len() - 1
                });
            let g = &mut groups[i];
            g.scores.push(lanes(&p.effect.pairs));
            g.counts.push(p.count);
            g.fired.push(p.fired);
        }
        groups.sort_by_key(|g| g.excluded);
        Side { groups }
    }
}

fn lanes(pairs: &[i64; 7]) -> [i64; LANES] {
    let mut out = [OUT; LANES];
    out[..7].copy_from_slice(pairs);
    out
}

/// What to add to a row so that options outside `allowed` (bit `i` for pair `i`) never win.
/// When nothing is allowed, every pair competes, as in the engine.
fn penalty(allowed: u8) -> ([i64; LANES], bool) {
    let conflict = allowed == 0;
    let allowed = if conflict { 0x7f } else { allowed };
    let mut out = [OUT; LANES];
    for (i, p) in out.iter_mut().enumerate().take(7) {
        if allowed & (1 << i) != 0 {
            *p = 0;
        }
    }
    (out, conflict)
}

fn add(a: &[i64; LANES], b: &[i64; LANES]) -> [i64; LANES] {
    let mut out = [0; LANES];
    for i in 0..LANES {
        out[i] = a[i] + b[i];
    }
    out
}

/// The winning lane (ties to the lowest) and whether another lane has the same score.
#[inline]
fn best(s: &[i64; LANES]) -> (usize, bool) {
    let top = s.iter().copied().fold(OUT, i64::max);
    let mut best = 0;
    let mut hits = 0u32;
    for i in (0..LANES).rev() {
        if s[i] == top {
            best = i;
            hits += 1;
        }
    }
    (best, hits > 1)
}

/// Decides every pairing of one partial result from each side.
pub(super) fn count(left: &Side, right: &Side, allowed: &[u8; 256]) -> Tally {
    let mut t = Tally::default();
    for ga in &left.groups {
        for gb in &right.groups {
            let (pen, conflict) = penalty(allowed[usize::from(ga.excluded | gb.excluded)]);
            for (a, na) in ga.scores.iter().zip(&ga.counts) {
                let a = add(a, &pen);
                let mut wins = [0u64; LANES];
                let mut ties = 0u64;
                let mut all = 0u64;
                for (b, nb) in gb.scores.iter().zip(&gb.counts) {
                    let (i, tie) = best(&add(&a, b));
                    wins[i] += nb;
                    ties += nb * u64::from(tie);
                    all += nb;
                }
                t.scenarios += na * all;
                for (p, w) in t.pairs.iter_mut().zip(wins) {
                    *p += na * w;
                }
                t.ties += na * ties;
                if conflict {
                    t.conflicts += na * all;
                }
            }
        }
    }
    t
}

/// Whether adding a rule's effect changes the winner in any pairing where that rule fired.
pub(super) fn changes_outcome(
    studied: &Side,
    other: &Side,
    rule: &Effect,
    allowed: &[u8; 256],
) -> bool {
    let extra = lanes(&rule.pairs);
    studied.groups.iter().any(|gs| {
        other.groups.iter().any(|go| {
            let (without, _) = penalty(allowed[usize::from(gs.excluded | go.excluded)]);
            let (with, _) =
                penalty(allowed[usize::from(gs.excluded | rule.excluded | go.excluded)]);
            gs.scores
                .iter()
                .zip(&gs.fired)
                .filter(|(_, fired)| **fired)
                .any(|(p, _)| {
                    let a0 = add(p, &without);
                    let a1 = add(&add(p, &extra), &with);
                    go.scores
                        .iter()
                        .any(|o| best(&add(&a0, o)).0 != best(&add(&a1, o)).0)
                })
        })
    })
}
