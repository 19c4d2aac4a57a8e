//! Every question's regions for one scenario, worked out once and shared by the what-if
//! analysis and the roadmap, which would otherwise each work them out again.

use super::Regions;
use super::limits::{fact_checks, fact_limits_among};
use super::regions::{all_thresholds, just_below};
use crate::answers::{Answer, Answers};
use crate::engine::Evaluator;
use crate::questions::{Kind, QuestionId};

/// The regions of every question for one scenario: the rules' thresholds and one candidate
/// per region, refined by the cost-fact limits along each number (see
/// [`super::question_regions`]).
#[derive(Debug, Clone)]
pub struct RegionMap {
    regions: Vec<Regions>,
}

impl RegionMap {
    /// Works out every question's regions for `answers`, with one pass over the rules for the
    /// thresholds and the cost-fact limits found on the evaluator's cost model.
    pub fn new(evaluator: &Evaluator<'_>, answers: &Answers) -> RegionMap {
        let base = evaluator.base();
        let checks = fact_checks(base);
        let regions = all_thresholds(base)
            .into_iter()
            .zip(QuestionId::all())
            .map(|(thresholds, id)| {
                let limits = fact_limits_among(evaluator, answers, id, &checks);
                refine(id, thresholds, limits)
            })
            .collect();
        RegionMap { regions }
    }

    /// One question's regions: thresholds, one candidate per region, cost-fact limits.
    pub fn get(&self, id: QuestionId) -> &Regions {
        &self.regions[usize::from(id.0)]
    }
}

/// A question's regions from the rules' thresholds and the cost-fact limits along it: the
/// limits join the thresholds, and each band between them gets a candidate.
pub(super) fn refine(
    id: QuestionId,
    mut thresholds: Vec<f64>,
    limits: Vec<(f64, String)>,
) -> Regions {
    let q = id.question();
    let candidates = match q.kind {
        Kind::Level { levels, .. } => (0..levels.len() as u8).map(Answer::Level).collect(),
        Kind::Number { whole, .. } => {
            thresholds.extend(
                limits
                    .iter()
                    .map(|(v, _)| if whole { v.ceil() } else { *v }),
            );
            thresholds.sort_by(f64::total_cmp);
            thresholds.dedup();
            let first = thresholds.first().map_or(0.0, |t| just_below(*t, whole));
            std::iter::once(first)
                .chain(thresholds.iter().copied())
                .map(Answer::Number)
                .collect()
        }
    };
    (thresholds, candidates, limits)
}
