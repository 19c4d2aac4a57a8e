//! The compiled evaluator's tables: per input and region, what the rules over that input alone
//! add up to; per rule over several inputs, its truth table over their regions, split into
//! disjoint rectangles (terms) that the inputs' regions rule out one by one.

use super::inputs::{Input, blank};
use crate::rules::{Effect, Rule, Truth};

/// Rules the fired bitmask holds.
pub(super) const MAX_RULES: usize = 256;

/// The largest truth table compiled for one rule, in entries; a rule over more regions is
/// evaluated from its condition.
pub(super) const MAX_TABLE: usize = 1 << 16;

/// The most terms the rules over several inputs take together (bits of one word); the rules
/// beyond are evaluated from their conditions.
pub(super) const MAX_TERMS: usize = 64;

/// The most regions an input may have, so a term's regions of it fit one word.
pub(super) const MAX_REGIONS: usize = 64;

/// The most combined regions of a group of inputs read together, one entry each: fewer
/// entries to add per evaluation, at 96 bytes an entry.
pub(super) const JOINT_REGIONS: usize = 256;

/// Matrix shifts are summed in units of 1/256, exact whatever the order, when every shift
/// is a whole number of units (see [`matrix_units`]).
pub(super) const MATRIX_UNIT: f64 = 256.0;

/// What some fired rules add up to: the bits of the rules, scores in hundredths (strategies
/// then approaches), the matrix shift in units, and the options excluded (strategies in bits
/// 0..4, approaches in 4..8). Scores are `i32`: [`scores_fit`] checks no sum can overflow.
/// An input region's entry also says which terms (see [`rectangles`]) the region leaves
/// possible, in `alive`, which adding leaves alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C, align(16))]
pub(super) struct Entry {
    pub(super) fired: [u64; 4],
    pub(super) scores: [i32; 8],
    pub(super) matrix: [i64; 2],
    pub(super) excluded: u8,
    pub(super) alive: u64,
}

impl Default for Entry {
    fn default() -> Entry {
        Entry {
            fired: [0; 4],
            scores: [0; 8],
            matrix: [0; 2],
            excluded: 0,
            alive: u64::MAX,
        }
    }
}

impl Entry {
    /// Adds another sum of effects.
    #[inline]
    pub(super) fn add(&mut self, other: &Entry) {
        for i in 0..4 {
            self.fired[i] |= other.fired[i];
        }
        for i in 0..8 {
            self.scores[i] += other.scores[i];
        }
        self.matrix[0] += other.matrix[0];
        self.matrix[1] += other.matrix[1];
        self.excluded |= other.excluded;
    }

    /// The entry of rule `index` firing alone.
    pub(super) fn of_rule(index: usize, effect: &Effect) -> Entry {
        let mut fired = [0u64; 4];
        fired[index / 64] |= 1 << (index % 64);
        let mut scores = [0i32; 8];
        for i in 0..4 {
            // In range, checked by `scores_fit`.
            scores[i] = effect.strategy.0[i] as i32;
            scores[4 + i] = effect.approach.0[i] as i32;
        }
        Entry {
            fired,
            scores,
            // Whole units, checked by `matrix_units`; other rule bases sum the shifts in order.
            matrix: effect.matrix.map(|m| (m * MATRIX_UNIT) as i64),
            excluded: effect.excluded_mask(),
            alive: u64::MAX,
        }
    }
}

/// Whether any sum of the rules' weights fits the `i32` scores of an [`Entry`].
pub(super) fn scores_fit(rules: &[Rule]) -> bool {
    let limit = i64::from(i32::MAX);
    (0..4).all(|i| {
        let mut totals = [0i64; 2];
        for rule in rules {
            totals[0] = totals[0].saturating_add(rule.effect.strategy.0[i].saturating_abs());
            totals[1] = totals[1].saturating_add(rule.effect.approach.0[i].saturating_abs());
        }
        totals.iter().all(|t| *t <= limit)
    })
}

/// Whether every matrix shift is a whole number of units small enough that any sum of them
/// is exact, so they can be added in any order.
pub(super) fn matrix_units(rules: &[Rule]) -> bool {
    rules.iter().flat_map(|r| r.effect.matrix).all(|m| {
        let units = m * MATRIX_UNIT;
        units.fract() == 0.0 && units.abs() < 2f64.powi(40)
    })
}

/// The rules over one input, added up per region of it.
pub(super) fn region_entries(input: &Input, rules: &[(usize, &Rule)]) -> Vec<Entry> {
    let (mut answers, mut facts) = blank();
    (0..input.regions())
        .map(|region| {
            input.represent(region, &mut answers, &mut facts);
            let mut entry = Entry::default();
            for (index, rule) in rules {
                if rule.when.eval(&answers, &facts) == Truth::True {
                    entry.add(&Entry::of_rule(*index, &rule.effect));
                }
            }
            entry
        })
        .collect()
}

/// A rectangle of a rule's truth table: for each of the rule's inputs, the regions (as bits)
/// it spans.
pub(super) type Rect = Vec<u64>;

/// The truth table of a rule over the inputs at `at`, as bits indexed by the mixed-radix
/// number whose digits (the first the least significant) are the inputs' regions, with the
/// radices; `None` when it would have more than [`MAX_TABLE`] entries.
pub(super) fn truth_table(
    rule: &Rule,
    inputs: &[Input],
    at: &[usize],
) -> Option<(Vec<u64>, Vec<usize>)> {
    let radices: Vec<usize> = at.iter().map(|i| inputs[*i].regions()).collect();
    let size = radices
        .iter()
        .try_fold(1usize, |size, r| size.checked_mul(*r))?;
    if size > MAX_TABLE {
        return None;
    }
    let (mut answers, mut facts) = blank();
    for &i in at {
        inputs[i].represent(0, &mut answers, &mut facts);
    }
    let mut digits = vec![0usize; at.len()];
    let mut bits = vec![0u64; size.div_ceil(64)];
    for n in 0..size {
        if rule.when.eval(&answers, &facts) == Truth::True {
            bits[n / 64] |= 1 << (n % 64);
        }
        // The next index, as an odometer: only the digits that change are set again.
        for (d, &i) in at.iter().enumerate() {
            digits[d] += 1;
            if digits[d] < radices[d] {
                inputs[i].represent(digits[d], &mut answers, &mut facts);
                break;
            }
            digits[d] = 0;
            inputs[i].represent(0, &mut answers, &mut facts);
        }
    }
    Some((bits, radices))
}

/// Clears term `t`'s bit in the entries of the regions its rectangle leaves out, for each of
/// its rule's inputs (with the offset of its regions in `entries`) and the regions it spans.
pub(super) fn rule_out<'i>(
    entries: &mut [Entry],
    t: usize,
    inputs: impl Iterator<Item = (usize, &'i Input)>,
    rect: &[u64],
) {
    for ((offset, input), &regions) in inputs.zip(rect) {
        for r in 0..input.regions() {
            if regions & (1 << r) == 0 {
                entries[offset + r].alive &= !(1 << t);
            }
        }
    }
}

/// Whether bits `from..to` of a table are all `value`.
fn uniform(bits: &[u64], from: usize, to: usize, value: bool) -> bool {
    let want = if value { u64::MAX } else { 0 };
    let mut n = from;
    while n < to {
        let shift = n % 64;
        let take = (64 - shift).min(to - n);
        let mask = if take == 64 {
            u64::MAX
        } else {
            ((1u64 << take) - 1) << shift
        };
        if bits[n / 64] & mask != want & mask {
            return false;
        }
        n += take;
    }
    true
}

/// Disjoint rectangles whose union is the set bits of a truth table, within the block of
/// `size` entries at `offset` spanned by the first `radices.len()` digits.
pub(super) fn rectangles(bits: &[u64], radices: &[usize], offset: usize, size: usize) -> Vec<Rect> {
    if uniform(bits, offset, offset + size, false) {
        return Vec::new();
    }
    if uniform(bits, offset, offset + size, true) {
        return vec![radices.iter().map(|r| full(*r)).collect()];
    }
    let Some((&n, rest)) = radices.split_last() else {
        return Vec::new();
    };
    let step = size / n;
    let mut groups: Vec<(u64, Vec<Rect>)> = Vec::new();
    for r in 0..n {
        let sub = rectangles(bits, rest, offset + r * step, step);
        if sub.is_empty() {
            continue;
        }
        match groups.iter_mut().find(|(_, s)| *s == sub) {
            Some((mask, _)) => *mask |= 1 << r,
            None => groups.push((1 << r, sub)),
        }
    }
    groups
        .into_iter()
        .flat_map(|(mask, sub)| {
            sub.into_iter().map(move |mut rect| {
                rect.push(mask);
                rect
            })
        })
        .collect()
}

/// Every region of an input with `regions` regions, as bits.
fn full(regions: usize) -> u64 {
    if regions >= 64 {
        u64::MAX
    } else {
        (1 << regions) - 1
    }
}
