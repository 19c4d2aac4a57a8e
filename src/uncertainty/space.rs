//! The share of plausible answers under which each pair wins: every region of the plausible
//! answers evaluated once and weighted by its exact share, or, where no exact partition
//! exists, a fixed-seed sample.

use std::collections::HashMap;

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};

use super::band::Seen;
use super::{Distribution, Method, add, advance, outcome, value_in};
use crate::answers::{Answer, Answers, Spread};
use crate::options::PAIRS;
use crate::questions::QuestionId;
use crate::rules::RuleBase;
use crate::whatif::{question_regions, thresholds};

/// The most regions evaluated exactly; beyond, the shares are sampled.
const MOST_REGIONS: usize = 100_000;
/// How many scenarios a sample draws.
pub(super) const DRAWS: usize = 20_000;
/// The sample's seed.
pub(super) const SEED: u64 = 2026;

/// The shares and how they were found.
pub(super) struct Shares {
    pub(super) weights: [f64; PAIRS.len()],
    pub(super) method: Method,
    pub(super) evaluations: usize,
    pub(super) seed: Option<u64>,
    pub(super) margin: Option<f64>,
    /// The costs of every scenario evaluated.
    pub(super) seen: Seen,
}

impl Shares {
    /// No shares yet, found by `method`.
    fn new(method: Method) -> Shares {
        Shares {
            weights: [0.0; PAIRS.len()],
            method,
            evaluations: 0,
            seed: None,
            margin: None,
            seen: Seen::default(),
        }
    }
}

/// Whether the cost facts the rules read move with this question.
fn moves_cost_facts(base: &RuleBase, id: QuestionId) -> bool {
    base.reads_facts && crate::cost::QUESTIONS.contains(&id.name())
}

/// The shares of every pair over the plausible answers.
pub(super) fn shares(
    base: &RuleBase,
    answers: &Answers,
    uncertain: &[(QuestionId, Spread)],
) -> Shares {
    let moving: Vec<(QuestionId, Spread)> = uncertain
        .iter()
        .filter(|(id, s)| matches!(s, Spread::Range { .. }) && moves_cost_facts(base, *id))
        .copied()
        .collect();
    if moving.len() <= 1 {
        if let Some(exact) = exact(base, answers, uncertain, moving.first().copied()) {
            return exact;
        }
    }
    sampled(base, answers, uncertain)
}

/// The regions of one range between `breakpoints`, each as its lowest value and its share.
pub(super) fn cells(spread: Spread, breakpoints: &[f64]) -> Vec<(f64, f64)> {
    let Spread::Range { low, likely, high } = spread else {
        return Vec::new();
    };
    let d = Distribution::new(low, likely, high);
    let mut starts = vec![low];
    starts.extend(
        breakpoints
            .iter()
            .copied()
            .filter(|t| *t > low && *t <= high),
    );
    let ends = starts.iter().skip(1).copied().chain([high]);
    starts
        .iter()
        .zip(ends)
        .map(|(start, end)| (*start, d.between(*start, end)))
        .filter(|(_, share)| *share > 0.0)
        .collect()
}

/// One uncertain answer's choices that need no cost limits: candidates, or a range's bands
/// between the rules' thresholds.
fn axis(base: &RuleBase, id: QuestionId, spread: Spread) -> Vec<(Answer, f64)> {
    match spread {
        Spread::Levels(_) => {
            let levels = spread.levels();
            let each = 1.0 / levels.len() as f64;
            levels
                .into_iter()
                .map(|l| (Answer::Level(l), each))
                .collect()
        }
        Spread::Range { .. } => cells(spread, &thresholds(base, id))
            .into_iter()
            .map(|(v, share)| (Answer::Number(v), share))
            .collect(),
    }
}

/// Every region evaluated once; `None` when there would be more than [`MOST_REGIONS`].
fn exact(
    base: &RuleBase,
    answers: &Answers,
    uncertain: &[(QuestionId, Spread)],
    moving: Option<(QuestionId, Spread)>,
) -> Option<Shares> {
    let fixed: Vec<(QuestionId, Vec<(Answer, f64)>)> = uncertain
        .iter()
        .filter(|(id, _)| moving.is_none_or(|(m, _)| m != *id))
        .map(|(id, s)| (*id, axis(base, *id, *s)))
        .collect();
    let mut most = fixed.iter().map(|(_, a)| a.len()).product::<usize>();
    if let Some((id, _)) = moving {
        let facts = base
            .rules
            .iter()
            .map(|r| r.when.fact_thresholds().count())
            .sum::<usize>();
        most = most.saturating_mul(thresholds(base, id).len() + facts + 1);
    }
    if most > MOST_REGIONS {
        return None;
    }
    let mut out = Shares::new(Method::Exact);
    let mut scenario = answers.clone();
    let mut limits: HashMap<Vec<usize>, Vec<f64>> = HashMap::new();
    let mut at = vec![0usize; fixed.len()];
    loop {
        let mut weight = 1.0;
        for ((id, choices), i) in fixed.iter().zip(&at) {
            scenario.set(*id, Some(choices[*i].0));
            weight *= choices[*i].1;
        }
        let ranges: Vec<(Option<Answer>, f64)> = match moving {
            None => vec![(None, 1.0)],
            Some((id, spread)) => {
                // The cost limits depend only on the answers the cost model reads.
                let key: Vec<usize> = fixed
                    .iter()
                    .zip(&at)
                    .filter(|((q, _), _)| moves_cost_facts(base, *q))
                    .map(|(_, i)| *i)
                    .collect();
                let breakpoints = limits
                    .entry(key)
                    .or_insert_with(|| question_regions(base, &scenario, id).0);
                cells(spread, breakpoints)
                    .into_iter()
                    .map(|(v, share)| (Some(Answer::Number(v)), share))
                    .collect()
            }
        };
        for (value, share) in ranges {
            if let (Some((id, _)), Some(value)) = (moving, value) {
                scenario.set(id, Some(value));
            }
            let o = outcome(base, &scenario);
            out.evaluations += 1;
            out.seen.record(&o);
            add(&mut out.weights, o.pair, weight * share);
        }
        if !advance(&mut at, |k| fixed[k].1.len()) {
            break;
        }
    }
    Some(out)
}

/// A uniform draw from `[0, 1)`.
fn unit(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// [`DRAWS`] scenarios drawn with [`SEED`].
fn sampled(base: &RuleBase, answers: &Answers, uncertain: &[(QuestionId, Spread)]) -> Shares {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let mut out = Shares::new(Method::Sampled);
    out.evaluations = DRAWS;
    out.seed = Some(SEED);
    let mut scenario = answers.clone();
    let each = 1.0 / DRAWS as f64;
    for _ in 0..DRAWS {
        for (id, spread) in uncertain {
            let u = unit(&mut rng);
            let answer = match *spread {
                Spread::Levels(_) => {
                    let levels = spread.levels();
                    let i = ((u * levels.len() as f64) as usize).min(levels.len() - 1);
                    Answer::Level(levels[i])
                }
                Spread::Range { low, likely, high } => {
                    let d = Distribution::new(low, likely, high);
                    value_in(*id, d.quantile(u), low, high)
                }
            };
            scenario.set(*id, Some(answer));
        }
        let o = outcome(base, &scenario);
        out.seen.record(&o);
        add(&mut out.weights, o.pair, each);
    }
    let n = DRAWS as f64;
    out.margin = Some(
        out.weights
            .iter()
            .map(|p| 1.96 * (p * (1.0 - p) / n).sqrt())
            .fold(0.0, f64::max),
    );
    out
}
