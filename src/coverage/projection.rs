//! Dropping the scores of a half that can never decide a pairing, so that more partial results
//! merge before they are paired.
//!
//! A lane (pair) of a partial result that some other allowed lane beats whatever the other half
//! adds never wins and never ties for the top in any pairing. Its score can then be set to
//! [`OUT`], like a pair that is ruled out: every pairing keeps its winner and whether it is a
//! tie, and partial results that differ only in such lanes become one, their counts added.
//! Each half is projected against the bounds of the other, group by group of what they exclude.

use rustc_hash::FxHashMap;

use super::space::{Effect, Partial};
use super::tree::{Bounds, pair_index};

/// The score of a lane that never wins: far below any reachable score, and far enough above
/// `i64::MIN` that adding a few of them and any score does not overflow.
pub(super) const OUT: i64 = i64::MIN / 8;

/// The lanes that can win.
const PAIRS: usize = 7;

/// One half's partial results as the other sees them: for each exclusion mask its rows carry,
/// the bounds of their lane differences.
pub(super) fn outline(partials: &[Partial]) -> Vec<(u8, Bounds)> {
    let mut out: Vec<(u8, Bounds)> = Vec::new();
    for p in partials {
        let i = out
            .iter()
            .position(|(mask, _)| *mask == p.effect.excluded)
            .unwrap_or_else(|| {
                out.push((p.effect.excluded, Bounds::EMPTY));
                out.len() - 1
            });
        out[i].1.include(&p.effect.pairs);
    }
    out
}

/// The partial results with every lane that cannot decide a pairing against `other` set to
/// [`OUT`], merged, in a fixed order.
pub(super) fn project(
    partials: &[Partial],
    other: &[(u8, Bounds)],
    allowed: &[u8; 256],
) -> Vec<Partial> {
    let mut table: FxHashMap<Effect, u64> = FxHashMap::default();
    for p in partials {
        let mut effect = p.effect;
        let live = live_lanes(&effect, other, allowed);
        for (j, score) in effect.pairs.iter_mut().enumerate() {
            if live & (1 << j) == 0 {
                *score = OUT;
            }
        }
        *table.entry(effect).or_insert(0) += p.count;
    }
    Partial::list(table)
}

/// The lanes of `row` that may win or tie for the top against some row of `other`: allowed
/// there and beaten by no other allowed lane whatever that row adds.
fn live_lanes(row: &Effect, other: &[(u8, Bounds)], allowed: &[u8; 256]) -> u8 {
    let mut live = 0u8;
    for (mask, bounds) in other {
        // When exclusions rule out every pair, every pair competes, as in the engine.
        let lanes = match allowed[usize::from(row.excluded | mask)] {
            0 => 0x7f,
            lanes => lanes,
        };
        let known = live;
        for j in (0..PAIRS).filter(|j| lanes & (1 << j) != 0 && known & (1 << j) == 0) {
            let beaten = (0..PAIRS)
                .filter(|i| *i != j && lanes & (1 << i) != 0)
                .any(|i| row.pairs[i] - row.pairs[j] + least(bounds, i, j) > 0);
            if !beaten {
                live |= 1 << j;
            }
        }
    }
    live
}

/// The least value of `other[i] - other[j]` over the rows bounds hold.
fn least(bounds: &Bounds, i: usize, j: usize) -> i64 {
    if i < j {
        bounds.lo[pair_index(i, j)]
    } else {
        -bounds.hi[pair_index(j, i)]
    }
}
