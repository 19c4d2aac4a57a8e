//! Calibration: fitting a rule base's weights to documented cases ([`fit`]), measuring how
//! well the advice holds on cases the fit did not see ([`cross_validate`]), and writing the
//! fitted weights back into the rule files ([`mod@write`]).

pub mod fit;
pub mod write;

use serde::Serialize;

use crate::cases::Case;
use crate::engine::evaluate;
use crate::options::Pair;
use crate::rules::RuleBase;
pub use fit::{Sample, Settings, Weights, apply, prior};

/// Accuracy on a set of cases: the share whose strategy, approach, and both, match a pair
/// the record supports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Accuracy {
    /// Cases counted.
    pub cases: usize,
    /// Share with a supported strategy.
    pub strategy: f64,
    /// Share with a supported approach.
    pub approach: f64,
    /// Share with a supported pair.
    pub both: f64,
}

/// A held-out case the fitted rules got wrong.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    /// The case.
    pub name: String,
    /// The fold it was held out in.
    pub fold: usize,
    /// The documented pair.
    pub expected: Pair,
    /// What the rules said.
    pub actual: Pair,
    /// The second-best allowed pair.
    pub runner_up: Option<Pair>,
}

/// One fold: the cases held out and the accuracy on them.
#[derive(Debug, Clone, Serialize)]
pub struct Fold {
    /// Fold number, from 1.
    pub fold: usize,
    /// Accuracy on the held-out cases, with weights fitted on the others.
    pub held_out: Accuracy,
}

/// The model of `rules test --cross-validate K`.
#[derive(Debug, Clone, Serialize)]
pub struct CrossValidation {
    /// Version of the JSON shape.
    pub schema_version: u32,
    /// Number of folds.
    pub k: usize,
    /// Each fold.
    pub folds: Vec<Fold>,
    /// Accuracy over every held-out case.
    pub held_out: Accuracy,
    /// Accuracy of the weights fitted on every case, on those same cases.
    pub training: Accuracy,
    /// Accuracy with the hand-set weights (the rules' `hand_set:` values where a calibration
    /// changed them), before any fit.
    pub unfitted: Accuracy,
    /// Held-out cases the fitted rules got wrong, with their runner-up.
    pub misses: Vec<Miss>,
}

/// Per case: (strategy right, approach right, pair right, actual, runner-up).
fn judge(base: &RuleBase, case: &Case) -> (bool, bool, bool, Pair, Option<Pair>) {
    let eval = evaluate(base, &case.answers);
    let actual = eval.recommendation();
    let strategy = case.accepted().any(|p| p.strategy == actual.strategy);
    let approach = case.accepted().any(|p| p.approach == actual.approach);
    (
        strategy,
        approach,
        case.accepts(actual),
        actual,
        eval.runner_up().map(|(p, _)| p),
    )
}

/// A `--strength` as given, or the reason it is refused.
pub fn check_strength(strength: f64) -> Result<f64, crate::diagnostic::Invalid> {
    if (0.0..=10.0).contains(&strength) {
        Ok(strength)
    } else {
        Err(crate::diagnostic::Invalid(format!(
            "--strength {strength} is out of range; allowed: 0 to 10"
        )))
    }
}

/// The accuracy of a rule base on cases.
pub fn accuracy(base: &RuleBase, cases: &[&Case]) -> Accuracy {
    let mut hits = [0usize; 3];
    for case in cases {
        let (s, a, both, _, _) = judge(base, case);
        hits[0] += usize::from(s);
        hits[1] += usize::from(a);
        hits[2] += usize::from(both);
    }
    let share = |n: usize| n as f64 / cases.len().max(1) as f64;
    Accuracy {
        cases: cases.len(),
        strategy: share(hits[0]),
        approach: share(hits[1]),
        both: share(hits[2]),
    }
}

/// The fold of each case: cases in name order, dealt round-robin, so folds do not depend on
/// file order and neighbouring names (one sector, one source) spread over the folds.
pub fn folds(cases: &[Case], k: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..cases.len()).collect();
    order.sort_by(|a, b| cases[*a].name.cmp(&cases[*b].name));
    let mut fold = vec![0; cases.len()];
    for (rank, i) in order.into_iter().enumerate() {
        fold[i] = rank % k.max(1);
    }
    fold
}

/// Fits on every fold but one and tests on the one held out, for each fold in turn; also
/// gives the accuracy of a fit on every case, and of the rule base as it is. The `kept` cases
/// are in every fit and never held out, as when a rule set is calibrated with `--keep`.
pub fn cross_validate(
    base: &RuleBase,
    cases: &[Case],
    kept: &[&Case],
    k: usize,
    settings: Settings,
    progress: &dyn Fn(usize),
) -> CrossValidation {
    let fold_of = folds(cases, k);
    let mut folds = Vec::new();
    let mut misses = Vec::new();
    let mut held: Vec<(bool, bool, bool)> = Vec::new();
    for f in 0..k {
        let train: Vec<&Case> = cases
            .iter()
            .zip(&fold_of)
            .filter(|(_, g)| **g != f)
            .map(|(c, _)| c)
            .collect();
        let test: Vec<&Case> = cases
            .iter()
            .zip(&fold_of)
            .filter(|(_, g)| **g == f)
            .map(|(c, _)| c)
            .collect();
        let sample = Sample {
            fitted: &train,
            kept,
        };
        let fitted = apply(base, &fit::fit(base, sample, settings));
        for case in &test {
            let (s, a, both, actual, runner_up) = judge(&fitted, case);
            held.push((s, a, both));
            if !both {
                misses.push(Miss {
                    name: case.name.clone(),
                    fold: f + 1,
                    expected: case.expected,
                    actual,
                    runner_up,
                });
            }
        }
        folds.push(Fold {
            fold: f + 1,
            held_out: accuracy(&fitted, &test),
        });
        progress(f + 1);
    }
    misses.sort_by(|a, b| a.name.cmp(&b.name));
    let all: Vec<&Case> = cases.iter().collect();
    let sample = Sample { fitted: &all, kept };
    let trained = apply(base, &fit::fit(base, sample, settings));
    progress(k + 1);
    let share = |pick: fn(&(bool, bool, bool)) -> bool| {
        held.iter().filter(|h| pick(h)).count() as f64 / held.len().max(1) as f64
    };
    CrossValidation {
        schema_version: crate::report::SCHEMA_VERSION,
        k,
        folds,
        held_out: Accuracy {
            cases: held.len(),
            strategy: share(|h| h.0),
            approach: share(|h| h.1),
            both: share(|h| h.2),
        },
        training: accuracy(&trained, &all),
        unfitted: accuracy(&apply(base, &prior(base)), &all),
        misses,
    }
}

/// A weight the calibration changed.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// Rule id.
    pub rule: String,
    /// Strategy or approach name.
    pub option: &'static str,
    /// The weight before.
    pub from: f64,
    /// The fitted weight.
    pub to: f64,
}

/// The weights that differ from the rule base's own.
pub fn changes(base: &RuleBase, weights: &Weights) -> Vec<Change> {
    let names = crate::options::Strategy::ALL
        .map(crate::options::Strategy::name)
        .into_iter()
        .chain(crate::options::Approach::ALL.map(crate::options::Approach::name));
    let names: Vec<&'static str> = names.collect();
    let mut out = Vec::new();
    for ((rule, w), w0) in base.rules.iter().zip(weights).zip(prior(base)) {
        for k in 0..8 {
            if (w[k] - w0[k]).abs() > 1e-9 {
                out.push(Change {
                    rule: rule.id.to_string(),
                    option: names[k],
                    from: w0[k],
                    to: w[k],
                });
            }
        }
    }
    out
}

/// The model of `rules calibrate`.
#[derive(Debug, Clone, Serialize)]
pub struct Calibration {
    /// Version of the JSON shape.
    pub schema_version: u32,
    /// Cases fitted to.
    pub cases: usize,
    /// Accuracy of the rule base as given.
    pub before: Accuracy,
    /// Accuracy with the fitted weights, on the same cases.
    pub after: Accuracy,
    /// Every weight that changed.
    pub changed: Vec<Change>,
    /// The cases that had to keep passing, with the fitted weights (none without `--keep`).
    pub kept: Option<Accuracy>,
    /// Where the rule files were written.
    pub out: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_are_balanced_and_do_not_depend_on_file_order() {
        let base = crate::rules::built_in().unwrap();
        let mut cases = crate::cases::built_in(&base).unwrap();
        let before: Vec<(String, usize)> = cases
            .iter()
            .map(|c| c.name.clone())
            .zip(folds(&cases, 5))
            .collect();
        cases.reverse();
        let mut after: Vec<(String, usize)> = cases
            .iter()
            .map(|c| c.name.clone())
            .zip(folds(&cases, 5))
            .collect();
        after.reverse();
        assert_eq!(before, after);
        for f in 0..5 {
            let n = before.iter().filter(|(_, g)| *g == f).count();
            assert!(n.abs_diff(cases.len() / 5) <= 1, "fold {f} has {n} cases");
        }
    }

    #[test]
    fn a_fit_keeps_every_weight_on_the_side_its_rule_argues() {
        let base = crate::rules::built_in().unwrap();
        let cases = crate::cases::built_in(&base).unwrap();
        let all: Vec<&Case> = cases.iter().collect();
        let settings = Settings {
            strength: 0.0,
            iterations: 300,
            ..Settings::default()
        };
        let sample = Sample {
            fitted: &all,
            kept: &[],
        };
        let fitted = fit::fit(&base, sample, settings);
        for ((rule, w), w0) in base.rules.iter().zip(&fitted).zip(prior(&base)) {
            for k in 0..8 {
                assert_eq!(w0[k] == 0.0, w[k] == 0.0, "{}: weight {k}", rule.id);
                assert!(w0[k] * w[k] >= 0.0, "{}: weight {k} changed sign", rule.id);
                assert!(
                    (w[k] / 0.25).fract() == 0.0,
                    "{}: {} is not a quarter",
                    rule.id,
                    w[k]
                );
            }
        }
    }
}
