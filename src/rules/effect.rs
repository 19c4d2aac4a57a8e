//! What a rule does when it fires: weights on the strategies and approaches, a shift of the
//! matrix position, and options it rules out. The engine, `--explain`, `compare`, `rules show`
//! and coverage all read a rule's effect through this one type.

use crate::options::{Approach, PAIRS, Pair, PerApproach, PerStrategy, Strategy};

/// A hard exclusion: options a rule rules out, and why.
#[derive(Debug, Clone, PartialEq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Exclusion {
    /// Strategies ruled out.
    pub strategies: Vec<Strategy>,
    /// Approaches ruled out.
    pub approaches: Vec<Approach>,
    /// Why, for the user.
    pub reason: String,
}

impl Exclusion {
    /// What it rules out, strategies first.
    pub fn names(&self) -> Vec<&'static str> {
        crate::options::names(&self.strategies, &self.approaches)
    }
}

/// A rule's effect. Weights are kept in exact hundredths, so that the order in which they are
/// added never changes a ranking or a tie.
#[derive(Debug, Clone, PartialEq, Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Effect {
    /// Added to each strategy's score, in hundredths.
    pub strategy: PerStrategy<i64>,
    /// Added to each approach's score, in hundredths.
    pub approach: PerApproach<i64>,
    /// Added to the matrix coordinates (control, complexity).
    pub matrix: [f64; 2],
    /// Options ruled out.
    pub exclude: Option<Exclusion>,
}

/// A weight in hundredths as a number.
#[allow(clippy::cast_precision_loss)] // weights are at most 1000, far below 2^52 hundredths
pub fn to_weight(hundredths: i64) -> f64 {
    hundredths as f64 / 100.0
}

impl Effect {
    /// The strategy weights, scaled by `factor` (1 when it fires, -1 when it stops firing, 0
    /// when it does not fire).
    pub fn strategy_weights(&self, factor: i64) -> PerStrategy<f64> {
        PerStrategy(self.strategy.0.map(|w| to_weight(w * factor)))
    }

    /// The approach weights, scaled by `factor`.
    pub fn approach_weights(&self, factor: i64) -> PerApproach<f64> {
        PerApproach(self.approach.0.map(|w| to_weight(w * factor)))
    }

    /// The non-zero score weights by option name, strategies first: `A +2`, `rag -1`.
    pub fn moves(&self, factor: i64) -> Vec<(&'static str, f64)> {
        let strategies = Strategy::ALL.map(|s| (s.name(), to_weight(self.strategy[s] * factor)));
        let approaches = Approach::ALL.map(|a| (a.name(), to_weight(self.approach[a] * factor)));
        strategies
            .into_iter()
            .chain(approaches)
            .filter(|(_, w)| *w != 0.0)
            .collect()
    }

    /// What it adds to one pair's score, in hundredths.
    pub fn pair_weight(&self, pair: Pair) -> i64 {
        self.strategy[pair.strategy] + self.approach[pair.approach]
    }

    /// What it adds to each allowed pair's score, in hundredths, in [`PAIRS`] order.
    pub fn pair_weights(&self) -> [i64; 7] {
        PAIRS.map(|p| self.pair_weight(p))
    }

    /// The options it rules out as a mask: strategies in bits 0..4, approaches in bits 4..8.
    pub fn excluded_mask(&self) -> u8 {
        let mut mask = 0u8;
        if let Some(e) = &self.exclude {
            for s in &e.strategies {
                mask |= 1 << (*s as u8);
            }
            for a in &e.approaches {
                mask |= 1 << (4 + *a as u8);
            }
        }
        mask
    }

    /// The names of the options it rules out, strategies first.
    pub fn excluded_names(&self) -> Vec<String> {
        self.exclude.as_ref().map_or_else(Vec::new, |e| {
            e.names().into_iter().map(str::to_owned).collect()
        })
    }

    /// Adds this effect to running sums.
    pub fn add_to(&self, sums: &mut Sums) {
        for i in 0..4 {
            sums.strategy.0[i] += self.strategy.0[i];
            sums.approach.0[i] += self.approach.0[i];
        }
        sums.matrix[0] += self.matrix[0];
        sums.matrix[1] += self.matrix[1];
        if let Some(exclusion) = &self.exclude {
            for s in &exclusion.strategies {
                sums.excluded_strategy[*s] = true;
            }
            for a in &exclusion.approaches {
                sums.excluded_approach[*a] = true;
            }
        }
    }
}

/// The effects of the fired rules added up.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Sums {
    /// Strategy scores in hundredths.
    pub strategy: PerStrategy<i64>,
    /// Approach scores in hundredths.
    pub approach: PerApproach<i64>,
    /// Control and complexity, before clamping.
    pub matrix: [f64; 2],
    /// Strategies some fired rule excluded.
    pub excluded_strategy: PerStrategy<bool>,
    /// Approaches some fired rule excluded.
    pub excluded_approach: PerApproach<bool>,
}
