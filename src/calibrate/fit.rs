//! Fitting rule weights to documented cases: a multiclass logistic loss on the documented
//! pair against every other allowed pair, plus an L2 pull towards the hand-set weights, by
//! projected gradient descent. Weights keep their sign; weights set to zero stay zero;
//! exclusions and matrix shifts are not fitted. With files layered over the built-in rules,
//! only the rules of those files are fitted: the built-in rules keep their weights.

use crate::cases::Case;
use crate::engine::evaluate;
use crate::options::PAIRS;
use crate::rules::{Effect, Origin, Rule, RuleBase};

/// How the fit is done.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Weight of the pull towards the hand-set weights, per squared unit of weight.
    pub strength: f64,
    /// Gradient steps.
    pub iterations: usize,
    /// Size of one gradient step.
    pub rate: f64,
    /// Fitted weights are rounded to multiples of this, and never below it in magnitude.
    pub step: f64,
    /// How many times a kept case (one that must keep passing) counts in the loss.
    pub keep: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            strength: 0.02,
            iterations: 3000,
            rate: 0.5,
            step: 0.25,
            keep: 10.0,
        }
    }
}

/// Per rule, its eight score weights: strategies A-D, then approaches prompting, RAG,
/// fine-tune, train.
pub type Weights = Vec<[f64; 8]>;

/// What one case contributes to the fit: the rules it fires, the pairs it allows, and the
/// pairs its record supports (bit `i` for `PAIRS[i]`).
#[derive(Debug, Clone)]
struct Example {
    fired: Vec<usize>,
    allowed: u8,
    accepted: u8,
    weight: f64,
}

/// The cases a fit learns from: those it fits, and those that must keep passing, which weigh
/// `Settings::keep` times as much.
#[derive(Debug, Clone, Copy)]
pub struct Sample<'a> {
    /// Documented cases to fit.
    pub fitted: &'a [&'a Case],
    /// Cases that must keep passing (the rule set's own regression cases).
    pub kept: &'a [&'a Case],
}

/// Whether calibration fits a rule's weights: every rule's, except those of the built-in
/// rules under layered files, which `rules calibrate` does not rewrite.
pub fn fits(base: &RuleBase, rule: &Rule) -> bool {
    !(base.layered && rule.origin == Origin::BuiltIn)
}

/// A rule base's hand-set score weights, in weight units: a rule's `hand_set` weights when
/// calibration has changed them, else its weights (always these for a rule it does not fit).
pub fn prior(base: &RuleBase) -> Weights {
    base.rules
        .iter()
        .map(|r| match &r.hand_set {
            Some(hand_set) if fits(base, r) => score_weights(hand_set),
            _ => score_weights(&r.effect),
        })
        .collect()
}

/// An effect's eight score weights, in weight units, in the order of [`Weights`].
pub fn score_weights(effect: &Effect) -> [f64; 8] {
    let s = effect.strategy_weights(1).0;
    let a = effect.approach_weights(1).0;
    [s[0], s[1], s[2], s[3], a[0], a[1], a[2], a[3]]
}

fn examples(base: &RuleBase, sample: Sample<'_>, keep: f64) -> Vec<Example> {
    let weighted = sample
        .fitted
        .iter()
        .map(|c| (c, 1.0))
        .chain(sample.kept.iter().map(|c| (c, keep)));
    weighted
        .map(|(case, weight)| {
            // Conditions and cost facts do not depend on weights, so which rules fire and
            // which pairs are excluded is fixed for the whole fit.
            let eval = evaluate(base, &case.answers);
            let mask = |pairs: &mut dyn Iterator<Item = crate::options::Pair>| {
                pairs.fold(0u8, |m, p| {
                    m | PAIRS.iter().position(|q| *q == p).map_or(0, |i| 1 << i)
                })
            };
            Example {
                fired: (0..base.rules.len()).filter(|r| eval.fired[*r]).collect(),
                allowed: mask(&mut eval.ranking.iter().map(|(p, _)| *p)),
                accepted: mask(&mut case.accepted()),
                weight,
            }
        })
        .collect()
}

/// The pair scores of one example under `weights`.
fn scores(example: &Example, weights: &Weights) -> [f64; 7] {
    let mut out = [0.0; 7];
    for &r in &example.fired {
        let w = &weights[r];
        for (i, p) in PAIRS.iter().enumerate() {
            out[i] += w[p.strategy as usize] + w[4 + p.approach as usize];
        }
    }
    out
}

/// The gradient of one example's loss with respect to its pair scores: the softmax over the
/// allowed pairs minus the softmax over the accepted ones.
fn score_gradient(example: &Example, s: &[f64; 7]) -> [f64; 7] {
    let softmax = |mask: u8| {
        let top = (0..7)
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| s[i])
            .fold(f64::NEG_INFINITY, f64::max);
        let mut p = [0.0; 7];
        let mut sum = 0.0;
        for i in (0..7).filter(|i| mask & (1 << i) != 0) {
            p[i] = (s[i] - top).exp();
            sum += p[i];
        }
        if sum > 0.0 {
            for v in &mut p {
                *v /= sum;
            }
        }
        p
    };
    let all = softmax(example.allowed);
    let target = example.accepted & example.allowed;
    if target == 0 {
        // The record's pair is excluded: weights cannot help, so the case adds nothing.
        return [0.0; 7];
    }
    let good = softmax(target);
    std::array::from_fn(|i| all[i] - good[i])
}

/// Fits the score weights of `base` to a sample of cases, starting from and pulled towards the
/// rule base's own weights; returns them rounded to `settings.step`.
pub fn fit(base: &RuleBase, sample: Sample<'_>, settings: Settings) -> Weights {
    let examples = examples(base, sample, settings.keep);
    let start = prior(base);
    let fitted: Vec<bool> = base.rules.iter().map(|r| fits(base, r)).collect();
    let mut weights = start.clone();
    let n = examples.iter().map(|e| e.weight).sum::<f64>().max(1.0);
    for _ in 0..settings.iterations {
        let mut grad: Weights = vec![[0.0; 8]; weights.len()];
        for example in &examples {
            let g = score_gradient(example, &scores(example, &weights));
            for &r in &example.fired {
                for (i, p) in PAIRS.iter().enumerate() {
                    grad[r][p.strategy as usize] += example.weight * g[i] / n;
                    grad[r][4 + p.approach as usize] += example.weight * g[i] / n;
                }
            }
        }
        let free = weights.iter_mut().zip(&grad).zip(&start).zip(&fitted);
        for (((w, g), w0), _) in free.filter(|(_, fitted)| **fitted) {
            for k in 0..8 {
                if w0[k] == 0.0 {
                    continue;
                }
                let step = g[k] + 2.0 * settings.strength * (w[k] - w0[k]);
                w[k] = keep_sign(w[k] - settings.rate * step, w0[k], settings.step);
            }
        }
    }
    let free = weights.iter_mut().zip(&start).zip(&fitted);
    for ((w, w0), _) in free.filter(|(_, fitted)| **fitted) {
        for k in 0..8 {
            if w0[k] != 0.0 {
                w[k] = keep_sign(
                    (w[k] / settings.step).round() * settings.step,
                    w0[k],
                    settings.step,
                );
            }
        }
    }
    weights
}

/// `value` moved back to the sign of `prior`, at least `least` from zero.
fn keep_sign(value: f64, prior: f64, least: f64) -> f64 {
    if prior > 0.0 {
        value.max(least)
    } else {
        value.min(-least)
    }
}

/// A copy of `base` with its score weights replaced.
pub fn apply(base: &RuleBase, weights: &Weights) -> RuleBase {
    let mut out = base.clone();
    for (rule, w) in out.rules.iter_mut().zip(weights) {
        let hundredths = |v: f64| (v * 100.0).round() as i64;
        for k in 0..4 {
            rule.effect.strategy.0[k] = hundredths(w[k]);
            rule.effect.approach.0[k] = hundredths(w[4 + k]);
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // multiples of a quarter are exact
mod tests {
    use super::*;

    #[test]
    fn rounding_keeps_the_sign_and_a_readable_step() {
        assert_eq!(keep_sign(-0.1, 2.0, 0.25), 0.25);
        assert_eq!(keep_sign(0.3, -1.0, 0.25), -0.25);
        assert_eq!(keep_sign(3.0, 2.0, 0.25), 3.0);
    }

    #[test]
    fn the_gradient_pushes_the_documented_pair_up() {
        let example = Example {
            fired: vec![],
            allowed: 0x7f,
            accepted: 1 << 1,
            weight: 1.0,
        };
        let g = score_gradient(&example, &[0.0; 7]);
        assert!(g[1] < 0.0, "{g:?}");
        assert!(g.iter().enumerate().all(|(i, v)| i == 1 || *v > 0.0));
        assert!((g.iter().sum::<f64>()).abs() < 1e-12);
    }
}
