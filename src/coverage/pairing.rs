//! Pairing the partial results of two halves: the hot loop of `rules coverage`.
//!
//! Each half's partial results are grouped by what they exclude, so the allowed pairs of two
//! groups are known once. Their bounding trees (`tree.rs`) are walked together: a pair of blocks
//! where one lane surely wins is counted at once; only blocks near a decision boundary are split.

use super::budget::Budget;
use super::count::Tally;
use super::projection::OUT;
use super::space::{Effect, Partial};
use super::tree::{Bounds, LANES, Node, Tree, contenders, sure_winner};

/// Partial results of one half that exclude the same options.
#[derive(Debug, Clone)]
struct Group {
    excluded: u8,
    tree: Tree,
}

/// One half's partial results, grouped by what they exclude.
#[derive(Debug, Clone)]
pub(super) struct Side {
    groups: Vec<Group>,
}

impl Side {
    /// Groups partial results by what they exclude and builds each group's tree.
    pub(super) fn new(partials: &[Partial]) -> Side {
        let mut groups: Vec<(u8, Vec<[i64; LANES]>, Vec<u64>)> = Vec::new();
        for p in partials {
            let i = groups
                .iter()
                .position(|g| g.0 == p.effect.excluded)
                .unwrap_or_else(|| {
                    groups.push((p.effect.excluded, Vec::new(), Vec::new()));
                    groups.len() - 1
                });
            groups[i].1.push(lanes(&p.effect.pairs));
            groups[i].2.push(p.count);
        }
        groups.sort_by_key(|g| g.0);
        Side {
            groups: groups
                .into_iter()
                .map(|(excluded, rows, counts)| Group {
                    excluded,
                    tree: Tree::new(rows, counts),
                })
                .collect(),
        }
    }
}

fn lanes(pairs: &[i64; 7]) -> [i64; LANES] {
    let mut out = [OUT; LANES];
    out[..7].copy_from_slice(pairs);
    out
}

/// The pairs still allowed (bit `i` for pair `i`), and whether every pair was ruled out.
/// When nothing is allowed, every pair competes, as in the engine.
fn allowed_lanes(allowed: u8) -> (u8, bool) {
    if allowed == 0 {
        (0x7f, true)
    } else {
        (allowed, false)
    }
}

/// What to add to a row so that options outside `allowed` never win.
fn penalty(allowed: u8) -> [i64; LANES] {
    let mut out = [OUT; LANES];
    for (i, p) in out.iter_mut().enumerate().take(7) {
        if allowed & (1 << i) != 0 {
            *p = 0;
        }
    }
    out
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
pub(super) fn count(left: &Side, right: &Side, allowed: &[u8; 256], budget: &Budget) -> Tally {
    let mut t = Tally::default();
    for ga in &left.groups {
        for gb in &right.groups {
            let (allowed, conflict) =
                allowed_lanes(allowed[usize::from(ga.excluded | gb.excluded)]);
            let (Some(ra), Some(rb)) = (ga.tree.root(), gb.tree.root()) else {
                continue;
            };
            let walk = Walk {
                a: &ga.tree,
                b: &gb.tree,
                allowed,
                pen: penalty(allowed),
                budget,
            };
            let before = t.scenarios;
            walk.count(ra, rb, &mut t);
            if conflict {
                t.conflicts += t.scenarios - before;
            }
        }
    }
    t
}

/// What to look at when two blocks are undecided.
enum Next {
    /// Both are leaves: their pairings one by one.
    Leaves,
    /// The two node pairs that split the larger block, so both shrink at the same pace.
    Pairs([(usize, usize); 2]),
}

/// What to look at when nodes `na` (block `a`) and `nb` (block `b`) are undecided.
fn split(a: &Node, b: &Node, na: usize, nb: usize) -> Next {
    match (a.children, b.children) {
        (None, None) => Next::Leaves,
        (Some([l, r]), None) => Next::Pairs([(l, nb), (r, nb)]),
        (None, Some([l, r])) => Next::Pairs([(na, l), (na, r)]),
        (Some([al, ar]), Some([bl, br])) => {
            if a.rows.len() >= b.rows.len() {
                Next::Pairs([(al, nb), (ar, nb)])
            } else {
                Next::Pairs([(na, bl), (na, br)])
            }
        }
    }
}

/// Two trees walked together under one set of allowed pairs.
struct Walk<'a> {
    a: &'a Tree,
    b: &'a Tree,
    allowed: u8,
    pen: [i64; LANES],
    budget: &'a Budget,
}

impl Walk<'_> {
    fn count(&self, na: usize, nb: usize, tally: &mut Tally) {
        let (a, b) = (&self.a.nodes[na], &self.b.nodes[nb]);
        let lanes = contenders(&a.bounds, &b.bounds, &Bounds::ZERO, self.allowed);
        if let Some(lane) = sure_winner(lanes) {
            let n = a.count * b.count;
            tally.scenarios += n;
            tally.pairs[lane] += n;
            return;
        }
        // Two lanes left, blocks too large to pair one by one: sorting one counts them all.
        if lanes.count_ones() == 2 && a.rows.len() * b.rows.len() > 64 {
            let first = lanes.trailing_zeros() as usize;
            let second = (lanes & (lanes - 1)).trailing_zeros() as usize;
            self.two_lanes(na, nb, (first, second), tally);
            return;
        }
        match split(a, b, na, nb) {
            Next::Leaves => self.leaves(na, nb, tally),
            Next::Pairs(pairs) => {
                for (x, y) in pairs {
                    self.count(x, y, tally);
                }
            }
        }
    }

    /// Counts the pairings of two blocks in which only lanes `first < second` can win: the
    /// first wins where its score is at least the second's (a tie goes to the lower lane), and
    /// no other lane ever reaches the top.
    fn two_lanes(&self, na: usize, nb: usize, lanes: (usize, usize), tally: &mut Tally) {
        let (first, second) = lanes;
        let (a, b) = (&self.a.nodes[na], &self.b.nodes[nb]);
        if !self
            .budget
            .spend((a.rows.len() + b.rows.len()) as u128, false)
        {
            return;
        }
        let mut right: Vec<(i64, u64)> = b
            .rows
            .clone()
            .map(|r| {
                (
                    self.b.rows[r][first] - self.b.rows[r][second],
                    self.b.counts[r],
                )
            })
            .collect();
        right.sort_unstable_by_key(|(d, _)| *d);
        let mut below = Vec::with_capacity(right.len() + 1);
        below.push(0u64);
        for (_, n) in &right {
            below.push(below[below.len() - 1] + n);
        }
        let all = below[right.len()];
        for r in a.rows.clone() {
            let d = self.a.rows[r][first] - self.a.rows[r][second];
            let n = self.a.counts[r];
            let loses = below[right.partition_point(|(x, _)| *x < -d)];
            let ties = below[right.partition_point(|(x, _)| *x <= -d)] - loses;
            tally.scenarios += n * all;
            tally.pairs[first] += n * (all - loses);
            tally.pairs[second] += n * loses;
            tally.ties += n * ties;
        }
    }

    fn leaves(&self, na: usize, nb: usize, t: &mut Tally) {
        let (a, b) = (&self.a.nodes[na], &self.b.nodes[nb]);
        if !self
            .budget
            .spend((a.rows.len() * b.rows.len()) as u128, false)
        {
            return;
        }
        for ia in a.rows.clone() {
            let row = add(&self.a.rows[ia], &self.pen);
            let na = self.a.counts[ia];
            for ib in b.rows.clone() {
                let nb = self.b.counts[ib];
                let (lane, tie) = best(&add(&row, &self.b.rows[ib]));
                t.scenarios += na * nb;
                t.pairs[lane] += na * nb;
                t.ties += na * nb * u64::from(tie);
            }
        }
    }
}

/// A rule under study: what it adds to each lane, and the bounds of that.
struct Added {
    extra: [i64; LANES],
    shift: Bounds,
    excluded: u8,
}

impl Added {
    fn of(rule: &Effect) -> Added {
        let extra = lanes(&rule.pairs);
        Added {
            extra,
            shift: Bounds::of_row(&extra),
            excluded: rule.excluded,
        }
    }

    /// The lanes allowed under exclusion `mask`, without the rule and with it.
    fn allowed(&self, mask: u8, table: &[u8; 256]) -> (u8, u8) {
        let (without, _) = allowed_lanes(table[usize::from(mask)]);
        let (with, _) = allowed_lanes(table[usize::from(mask | self.excluded)]);
        (without, with)
    }

    /// Whether the rule changes a winner in the pairings of blocks `a` and `b`, when the
    /// bounds alone tell: one sure winner before and after, or every possible winner raised
    /// alike (they keep their order, and ties go to the lower lane both times).
    fn verdict(&self, a: &Bounds, b: &Bounds, allowed: (u8, u8)) -> Option<bool> {
        let (without, with) = allowed;
        let before = contenders(a, b, &Bounds::ZERO, without);
        let after = contenders(a, b, &self.shift, with);
        if let (Some(x), Some(y)) = (sure_winner(before), sure_winner(after)) {
            return Some(x != y);
        }
        (without == with && even_on(&self.extra, before | after)).then_some(false)
    }
}

/// Whether adding a rule's effect changes the winner in any pairing of `studied` (the partial
/// results where the rule fired, its effect left out) with `other`.
pub(super) fn changes_outcome(
    studied: &Side,
    other: &Side,
    rule: &Effect,
    allowed: &[u8; 256],
    budget: &Budget,
) -> bool {
    let added = Added::of(rule);
    studied.groups.iter().any(|gs| {
        other.groups.iter().any(|go| {
            let (Some(rs), Some(ro)) = (gs.tree.root(), go.tree.root()) else {
                return false;
            };
            let lanes = added.allowed(gs.excluded | go.excluded, allowed);
            let study = Study {
                a: &gs.tree,
                b: &go.tree,
                added: &added,
                without: penalty(lanes.0),
                with: penalty(lanes.1),
                lanes,
                budget,
            };
            study.changes(rs, ro)
        })
    })
}

/// Whether a rule may change some winner, judged from an outline of the partial results where
/// it fired (bounds and the exclusion masks they carry) against the whole other side. `false`
/// is certain; `true` calls for `changes_outcome`.
pub(super) fn may_change(
    outline: &(Bounds, Vec<u8>),
    other: &Side,
    rule: &Effect,
    allowed: &[u8; 256],
) -> bool {
    let added = Added::of(rule);
    let (bounds, masks) = outline;
    masks.iter().any(|ms| {
        other.groups.iter().any(|go| {
            go.tree.root().is_some_and(|ro| {
                let lanes = added.allowed(ms | go.excluded, allowed);
                added
                    .verdict(bounds, &go.tree.nodes[ro].bounds, lanes)
                    .unwrap_or(true)
            })
        })
    })
}

/// Whether `extra` adds the same to every lane in `lanes`.
fn even_on(extra: &[i64; LANES], lanes: u8) -> bool {
    let mut added = (0..LANES)
        .filter(|i| lanes & (1 << i) != 0)
        .map(|i| extra[i]);
    let first = added.next();
    added.all(|x| Some(x) == first)
}

/// Two trees walked together, looking for a pairing whose winner a rule changes.
struct Study<'a> {
    a: &'a Tree,
    b: &'a Tree,
    added: &'a Added,
    /// The lanes allowed without the rule and with it.
    lanes: (u8, u8),
    /// The penalty rows for those.
    without: [i64; LANES],
    with: [i64; LANES],
    budget: &'a Budget,
}

impl Study<'_> {
    fn changes(&self, na: usize, nb: usize) -> bool {
        let (a, b) = (&self.a.nodes[na], &self.b.nodes[nb]);
        if let Some(changed) = self.added.verdict(&a.bounds, &b.bounds, self.lanes) {
            return changed;
        }
        match split(a, b, na, nb) {
            Next::Leaves => self.leaves(na, nb),
            Next::Pairs(pairs) => pairs.into_iter().any(|(x, y)| self.changes(x, y)),
        }
    }

    fn leaves(&self, na: usize, nb: usize) -> bool {
        let (a, b) = (&self.a.nodes[na], &self.b.nodes[nb]);
        if !self
            .budget
            .spend((a.rows.len() * b.rows.len()) as u128, false)
        {
            return false;
        }
        a.rows.clone().any(|ia| {
            let row = &self.a.rows[ia];
            let r0 = add(row, &self.without);
            let r1 = add(&add(row, &self.added.extra), &self.with);
            b.rows.clone().any(|ib| {
                let o = &self.b.rows[ib];
                best(&add(&r0, o)).0 != best(&add(&r1, o)).0
            })
        })
    }
}
