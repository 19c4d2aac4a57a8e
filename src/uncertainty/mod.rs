//! How the advice depends on uncertain answers: the share of the plausible answers under
//! which each pair wins, where along each uncertain answer each pair wins, and what the
//! options cost across the plausible answers.
//!
//! Level candidates are equally plausible; a range follows its [`Distribution`]. Shares are
//! exact where the space splits into regions the rules and the cost model cannot tell apart
//! (every candidate level, times the bands between the rules' thresholds and the cost
//! facts' limits of at most one number the cost model reads), each region evaluated once; where
//! it does not (two or more such numbers, whose cost limits move with each other), or
//! where the regions would be too many, they are estimated from a fixed-seed sample and say so.

use serde::Serialize;

use crate::answers::{Answer, Answers, Spread};
use crate::cost::Estimate;
use crate::engine::evaluate_with_facts;
use crate::options::{Approach, PAIRS, Pair, PerStrategy, Strategy};
use crate::questions::{Kind, QuestionId};
use crate::rules::RuleBase;
pub use distribution::Distribution;

mod band;
mod distribution;
mod space;
mod sweep;

/// How the advice depends on the uncertain answers of a scenario.
#[derive(Debug, Clone, Serialize)]
pub struct Uncertainty {
    /// The questions answered with a range or candidates (`section.key`).
    pub questions: Vec<&'static str>,
    /// `exact` (every region of the plausible answers evaluated once) or `sampled`.
    pub method: Method,
    /// How many scenarios were evaluated for the shares.
    pub evaluations: usize,
    /// The sample's seed, when sampled: the same file always gives the same shares.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// When sampled, the largest half-width of the 95% intervals of the shares, 0 to 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<f64>,
    /// Each pair that wins under some plausible answers, with the share of them (0 to 1),
    /// largest first.
    pub shares: Vec<Share>,
    /// For each uncertain answer, the pair that wins across its range or candidates: every
    /// other answer at its point value, or, for a range whose regions depend on other
    /// answers' candidates, once under each combination of them (`given`).
    pub regions: Vec<Regions>,
    /// Costs across the plausible answers.
    pub cost: Band,
}

/// How shares were computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Every region evaluated once, weighted by its exact share.
    Exact,
    /// Estimated from a fixed-seed sample.
    Sampled,
}

/// A pair and the share of plausible answers under which it wins.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Share {
    /// `A`..`D`.
    pub strategy: Strategy,
    /// The approach.
    pub approach: Approach,
    /// 0 to 1.
    pub share: f64,
}

/// Where along one uncertain answer each pair wins.
#[derive(Debug, Clone, Serialize)]
pub struct Regions {
    /// `section.key`.
    pub question: &'static str,
    /// The candidate levels of other uncertain answers these regions hold under; empty when
    /// every other answer is at its point value.
    pub given: Vec<Given>,
    /// Stretches of the range (or candidates) with one winner, in ascending order.
    pub segments: Vec<Segment>,
}

/// A candidate level another uncertain answer is taken at.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Given {
    /// `section.key`.
    pub question: &'static str,
    /// The level.
    pub level: &'static str,
}

/// A stretch of a range, or one candidate level, and the pair that wins there.
#[derive(Debug, Clone, Serialize)]
pub struct Segment {
    /// Where it starts (numbers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<f64>,
    /// Where the next one starts, or the range's high end for the last (numbers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<f64>,
    /// The candidate (levels).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<&'static str>,
    /// The stretch in words: `below 41,000`, `41,000 or more`, a level.
    pub when: String,
    /// `A`..`D`.
    pub strategy: Strategy,
    /// The approach.
    pub approach: Approach,
    /// The share of this answer's plausible values it covers, 0 to 1.
    pub share: f64,
}

/// Low, likely and high costs across the plausible answers: the lowest and highest over the
/// ends of every range and every candidate (and every scenario evaluated for the shares), the
/// likely one at the point values.
#[derive(Debug, Clone, Serialize)]
pub struct Band {
    /// First-year cost with staff per strategy, `[low, likely, high]`.
    pub first_year_with_staff_usd: PerStrategy<[f64; 3]>,
    /// Monthly running cost with staff per strategy, `[low, likely, high]`.
    pub monthly_usd: PerStrategy<[f64; 3]>,
    /// First-year cost with staff of whichever strategy wins, `[low, likely, high]`.
    pub advice_first_year_with_staff_usd: [f64; 3],
}

/// What one scenario gives: its pair and its costs.
#[derive(Debug, Clone, Copy)]
struct Outcome {
    pair: Pair,
    first_year: PerStrategy<f64>,
    monthly: PerStrategy<f64>,
}

/// Evaluates a scenario with one cost estimate for both the facts and the costs.
fn outcome(base: &RuleBase, scenario: &Answers) -> Outcome {
    let estimate = crate::cost::estimate(scenario, &base.pricing);
    let pair = evaluate_with_facts(base, scenario, base.facts_of(&estimate)).recommendation();
    Outcome::of(pair, &estimate)
}

impl Outcome {
    /// The outcome of a scenario whose recommendation is `pair` and estimate `estimate`.
    fn of(pair: Pair, estimate: &Estimate) -> Outcome {
        Outcome {
            pair,
            first_year: estimate.first_year_with_staff_usd,
            monthly: estimate.monthly_usd,
        }
    }
}

/// Whether a question's answer is a whole number.
fn whole(id: QuestionId) -> bool {
    matches!(id.question().kind, Kind::Number { whole: true, .. })
}

/// A point in a range as the question takes it: whole numbers rounded down (staying in the
/// band between whole-number thresholds), within the range.
fn value_in(id: QuestionId, x: f64, low: f64, high: f64) -> Answer {
    let x = if whole(id) { x.floor() } else { x };
    Answer::Number(x.clamp(low, high))
}

/// Moves `at` to the next combination of choices, axis `k` having `len(k)` of them (the first
/// axis turning fastest); `false` after the last.
fn advance(at: &mut [usize], len: impl Fn(usize) -> usize) -> bool {
    for (k, i) in at.iter_mut().enumerate() {
        *i += 1;
        if *i < len(k) {
            return true;
        }
        *i = 0;
    }
    false
}

/// A share to four decimals (a hundredth of a percentage point), as reports show it.
fn rounded(share: f64) -> f64 {
    (share * 1e4).round() / 1e4
}

/// Adds `weight` to `pair`'s share.
fn add(shares: &mut [f64; PAIRS.len()], pair: Pair, weight: f64) {
    if let Some(i) = PAIRS.iter().position(|p| *p == pair) {
        shares[i] += weight;
    }
}

/// How the advice for `answers` depends on its uncertain answers; `None` when every answer
/// is one value. `point` is the recommendation at the point values and `cost` its estimate.
pub fn analyse(
    base: &RuleBase,
    answers: &Answers,
    point: Pair,
    cost: &Estimate,
) -> Option<Uncertainty> {
    let uncertain: Vec<(QuestionId, Spread)> = answers.uncertain().collect();
    if uncertain.is_empty() {
        return None;
    }
    let shares = space::shares(base, answers, &uncertain);
    let mut ranked: Vec<Share> = PAIRS
        .iter()
        .zip(shares.weights)
        .filter(|(_, w)| *w > 0.0)
        .map(|(p, share)| Share {
            strategy: p.strategy,
            approach: p.approach,
            share: rounded(share),
        })
        .collect();
    // Stable: ties keep the simpler pair first.
    ranked.sort_by(|a, b| b.share.total_cmp(&a.share));
    let regions = uncertain
        .iter()
        .flat_map(|(id, spread)| sweep::regions(base, answers, *id, *spread, &uncertain))
        .collect();
    let cost = band::band(base, answers, &uncertain, (point, cost), &shares.seen);
    Some(Uncertainty {
        questions: uncertain.iter().map(|(id, _)| id.name()).collect(),
        method: shares.method,
        evaluations: shares.evaluations,
        seed: shares.seed,
        margin: shares.margin.map(rounded),
        shares: ranked,
        regions,
        cost,
    })
}
