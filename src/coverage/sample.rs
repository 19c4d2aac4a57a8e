//! Coverage of a seeded sample of the space, for rule sets whose space needs more states than
//! the cap allows: [`SAMPLE`] scenarios drawn uniformly (every question's value at random),
//! each evaluated by the engine. Work and memory are fixed whatever the rule set.

use serde::Serialize;

use super::{Coverage, DeadRule, Dim, ExclusionShare, PairCounts};
use crate::answers::Answers;
use crate::engine::evaluate;
use crate::options::PAIRS;
use crate::questions::COUNT;
use crate::rules::RuleBase;

/// How many scenarios a sampled coverage draws.
pub const SAMPLE: u64 = 100_000;

/// The seed they are drawn with: fixed, so that every run draws the same scenarios.
pub(super) const SEED: u64 = 0x2545_F491_4F6C_DD1D;

/// What a sampled coverage counted.
#[derive(Debug, Clone, Serialize)]
pub struct Sampled {
    /// How many scenarios were drawn.
    pub scenarios: u64,
    /// How many the whole space holds; `null` when more than 18,446,744,073,709,551,615,
    /// which is then why it was sampled: the exact count's tallies would not fit.
    pub of: Option<u64>,
    /// The seed they were drawn with.
    pub seed: u64,
}

/// Counts a seeded sample of the space spanned by `dims`, which holds `space` scenarios.
// Ties are exact equalities of scores, as in the engine.
#[allow(clippy::float_cmp)]
pub(super) fn cover(base: &RuleBase, dims: &[Dim], space: u128) -> Coverage {
    let mut pairs = [0u64; 7];
    let (mut ties, mut conflicts) = (0u64, 0u64);
    let mut fired = vec![0u64; base.rules.len()];
    let mut scenario = Answers::new("sample", [None; COUNT]);
    let mut seed = SEED;
    for _ in 0..SAMPLE {
        for d in dims {
            let pick = (next(&mut seed) % d.values.len() as u64) as usize;
            scenario.set(d.question, d.values[pick]);
        }
        let e = evaluate(base, &scenario);
        if let Some(i) = PAIRS.iter().position(|p| *p == e.recommendation()) {
            pairs[i] += 1;
        }
        ties += u64::from(e.ranking.len() > 1 && e.ranking[0].1 == e.ranking[1].1);
        conflicts += u64::from(e.conflict);
        for (n, on) in fired.iter_mut().zip(&e.fired) {
            *n += u64::from(*on);
        }
    }
    let share = |r: usize| fired[r] as f64 / SAMPLE as f64;
    let matrix_only = |r: usize| {
        let effect = &base.rules[r].effect;
        effect.exclude.is_none() && effect.strategy.0 == [0; 4] && effect.approach.0 == [0; 4]
    };
    Coverage {
        scenarios: SAMPLE,
        sampled: Some(Sampled {
            scenarios: SAMPLE,
            of: u64::try_from(space).ok(),
            seed: SEED,
        }),
        states: 0,
        max_states: 0,
        pairs: PairCounts(pairs),
        dead_rules: (0..base.rules.len())
            .filter(|r| fired[*r] == 0)
            .map(|r| DeadRule {
                rule: base.rules[r].id.to_string(),
                reason: "never fires in the sample",
            })
            .collect(),
        matrix_only: (0..base.rules.len())
            .filter(|r| fired[*r] > 0 && matrix_only(*r))
            .map(|r| base.rules[r].id.to_string())
            .collect(),
        ties,
        conflicts,
        exclusions: (0..base.rules.len())
            .filter_map(|r| {
                let e = base.rules[r].effect.exclude.as_ref()?;
                Some(ExclusionShare {
                    rule: base.rules[r].id.to_string(),
                    excludes: e.names().into_iter().map(str::to_owned).collect(),
                    share: share(r),
                })
            })
            .collect(),
    }
}

/// The next number of a xorshift generator.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}
