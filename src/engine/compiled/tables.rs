//! The compiled evaluator's tables: per input and region, what the rules over that input alone
//! add up to; per rule over several inputs, its truth table over their regions.

use super::inputs::{Input, blank};
use crate::rules::{Effect, Rule, Truth};

/// Rules the fired bitmask holds.
pub(super) const MAX_RULES: usize = 256;

/// The largest truth table compiled for one rule, in entries; a rule over more regions is
/// evaluated from its condition.
pub(super) const MAX_TABLE: usize = 1 << 16;

/// Matrix shifts are summed in units of 1/256, exact whatever the order, when every shift
/// is a whole number of units (see [`matrix_units`]).
pub(super) const MATRIX_UNIT: f64 = 256.0;

/// What some fired rules add up to: the bits of the rules, scores in hundredths, the matrix
/// shift in units, and the options excluded (strategies in bits 0..4, approaches in 4..8).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Entry {
    pub(super) fired: [u64; 4],
    pub(super) strategy: [i64; 4],
    pub(super) approach: [i64; 4],
    pub(super) matrix: [i64; 2],
    pub(super) excluded: u8,
}

impl Entry {
    /// Adds another sum of effects.
    #[inline]
    pub(super) fn add(&mut self, other: &Entry) {
        for i in 0..4 {
            self.fired[i] |= other.fired[i];
            self.strategy[i] += other.strategy[i];
            self.approach[i] += other.approach[i];
        }
        self.matrix[0] += other.matrix[0];
        self.matrix[1] += other.matrix[1];
        self.excluded |= other.excluded;
    }

    /// The entry of rule `index` firing alone.
    pub(super) fn of_rule(index: usize, effect: &Effect) -> Entry {
        let mut fired = [0u64; 4];
        fired[index / 64] |= 1 << (index % 64);
        Entry {
            fired,
            strategy: effect.strategy.0,
            approach: effect.approach.0,
            // Whole units, checked by `matrix_units`; other rule bases sum the shifts in order.
            #[allow(clippy::cast_possible_truncation)]
            matrix: effect.matrix.map(|m| (m * MATRIX_UNIT) as i64),
            excluded: effect.excluded_mask(),
        }
    }
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
pub(super) fn region_entries(input: &Input, rules: &[(usize, &Rule)]) -> Box<[Entry]> {
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

/// A rule over several inputs: its truth table over their regions, indexed by the
/// mixed-radix number whose digits are the inputs' regions.
#[derive(Debug, Clone)]
pub(super) struct TruthTable {
    /// The positions of its inputs in the evaluator's input list, with each digit's weight.
    pub(super) digits: Box<[(usize, usize)]>,
    /// Bit `i` set when the rule fires at index `i`.
    pub(super) bits: Box<[u64]>,
    /// What it adds when it fires.
    pub(super) entry: Entry,
}

impl TruthTable {
    /// Whether the rule fires in the given regions of every input.
    #[inline]
    pub(super) fn fires(&self, regions: &[usize]) -> bool {
        let i: usize = self.digits.iter().map(|(at, w)| regions[*at] * w).sum();
        self.bits[i / 64] & (1 << (i % 64)) != 0
    }

    /// The table of rule `index`, reading the inputs at `at` in `inputs`; `None` when it
    /// would have more than [`MAX_TABLE`] entries.
    pub(super) fn build(
        index: usize,
        rule: &Rule,
        inputs: &[Input],
        at: &[usize],
    ) -> Option<TruthTable> {
        let mut size = 1usize;
        let mut digits = Vec::with_capacity(at.len());
        for &i in at {
            digits.push((i, size));
            size = size.checked_mul(inputs[i].regions())?;
        }
        if size > MAX_TABLE {
            return None;
        }
        let (mut answers, mut facts) = blank();
        let mut bits = vec![0u64; size.div_ceil(64)];
        for n in 0..size {
            for &(i, w) in &digits {
                inputs[i].represent(n / w % inputs[i].regions(), &mut answers, &mut facts);
            }
            if rule.when.eval(&answers, &facts) == Truth::True {
                bits[n / 64] |= 1 << (n % 64);
            }
        }
        Some(TruthTable {
            digits: digits.into(),
            bits: bits.into(),
            entry: Entry::of_rule(index, &rule.effect),
        })
    }
}
