//! What would change the advice: the answers the rules tell apart, the nearest answer to each
//! question that changes the recommendation, and how stable the recommendation is.

use serde::Serialize;

use crate::answers::AnswerValue;
use crate::answers::{Answer, Answers};
use crate::engine::Evaluator;
use crate::options::{Approach, Pair, Strategy};
use crate::questions::{Kind, QuestionId};
use crate::rules::RuleBase;
use label::{label, span, threshold_text};
use limits::fact_limits;
pub use regions::{candidates, thresholds};
use regions::{just_below, region};

mod label;
mod limits;
mod region_map;
mod regions;
pub mod roadmap;

pub use region_map::RegionMap;

/// An answer that would change the recommendation.
#[derive(Debug, Clone, Serialize)]
pub struct WhatIf {
    /// `section.key`.
    pub question: &'static str,
    /// The answer to try (for numbers, the value nearest the current one that crosses the threshold).
    pub answer: AnswerValue,
    /// The change in words: a level, `at least 10,000` or `below 1,000`.
    pub change: String,
    /// The current answer, `null` when unanswered.
    pub current: Option<AnswerValue>,
    /// The recommended strategy with that answer.
    pub strategy: Strategy,
    /// The recommended approach with that answer.
    pub approach: Approach,
}

/// The what-if analysis of one scenario.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Nearest changes, answered questions first, in questionnaire order.
    pub what_if: Vec<WhatIf>,
    /// Share of one-step neighbouring scenarios that keep the recommendation (1 when there are none).
    pub stability: f64,
    /// How many one-step neighbours there are.
    pub neighbours: usize,
}

struct Probe<'e, 'a> {
    evaluator: &'e Evaluator<'a>,
    scenario: Answers,
    current: Pair,
}

impl Probe<'_, '_> {
    fn try_answer(&mut self, question: QuestionId, answer: Answer) -> Pair {
        let saved = self.scenario.get(question);
        self.scenario.set(question, Some(answer));
        let pair = self.evaluator.outcome(&self.scenario).recommendation();
        self.scenario.set(question, saved);
        pair
    }
}

/// Finds, for each question, the nearest answers that change the recommendation `current`,
/// and the share of one-step changes that keep it.
pub fn analyse(base: &RuleBase, answers: &Answers, current: Pair) -> Analysis {
    analyse_with(&Evaluator::new(base), answers, current)
}

/// [`analyse`] with an evaluator already built for the rule base.
pub fn analyse_with(evaluator: &Evaluator<'_>, answers: &Answers, current: Pair) -> Analysis {
    analyse_in(
        evaluator,
        &RegionMap::new(evaluator, answers),
        answers,
        current,
    )
}

/// [`analyse`] with an evaluator and the scenario's regions already worked out.
pub fn analyse_in(
    evaluator: &Evaluator<'_>,
    regions: &RegionMap,
    answers: &Answers,
    current: Pair,
) -> Analysis {
    let mut probe = Probe {
        evaluator,
        scenario: answers.clone(),
        current,
    };
    let mut what_if = Vec::new();
    let mut unanswered = Vec::new();
    let (mut neighbours, mut same) = (0usize, 0usize);
    for id in QuestionId::all() {
        let (thresholds, candidates, _) = regions.get(id);
        let Some(now) = answers.get(id) else {
            unanswered.extend(unanswered_changes(&mut probe, id, thresholds, candidates));
            continue;
        };
        let (tried, kept) =
            nearest_changes(&mut probe, id, now, (thresholds, candidates), &mut what_if);
        neighbours += tried;
        same += kept;
    }
    what_if.extend(unanswered);
    let stability = if neighbours == 0 {
        1.0
    } else {
        same as f64 / neighbours as f64
    };
    Analysis {
        what_if,
        stability,
        neighbours,
    }
}

/// A question's thresholds, one candidate answer per region, and its cost-fact limits.
pub type Regions = (Vec<f64>, Vec<Answer>, Vec<(f64, String)>);

/// A question's thresholds and one candidate answer per region, with the cost-fact limits
/// for the questions cost facts are computed from (also returned, with their words): the
/// values of `id` at which the advice can change for this scenario, ascending.
pub fn question_regions(base: &RuleBase, answers: &Answers, id: QuestionId) -> Regions {
    question_regions_with(&Evaluator::Reference(base), answers, id)
}

/// [`question_regions`] with an evaluator already built for the rule base, whose compiled
/// cost model (when it has one) finds the cost-fact limits.
pub fn question_regions_with(
    evaluator: &Evaluator<'_>,
    answers: &Answers,
    id: QuestionId,
) -> Regions {
    let limits = fact_limits(evaluator, answers, id);
    region_map::refine(id, thresholds(evaluator.base(), id), limits)
}

/// For an answered question, the nearest answer in each direction that changes the advice
/// (pushed onto `what_if`); returns how many one-step neighbours were tried and kept the advice.
fn nearest_changes(
    probe: &mut Probe<'_, '_>,
    id: QuestionId,
    now: Answer,
    (thresholds, candidates): (&[f64], &[Answer]),
    what_if: &mut Vec<WhatIf>,
) -> (usize, usize) {
    let q = id.question();
    let whole = matches!(q.kind, Kind::Number { whole: true, .. });
    let here = region(thresholds, now);
    let ordered = !matches!(q.kind, Kind::Level { ordered: false, .. });
    // The answer in region `j`, nearest the current one, and how to say it.
    let answer_in = |j: usize| -> (Answer, String) {
        match q.kind {
            Kind::Number { .. } if j < here => {
                let t = thresholds[j];
                (
                    Answer::Number(just_below(t, whole)),
                    format!("below {}", threshold_text(t)),
                )
            }
            _ => (candidates[j], label(id, thresholds, j)),
        }
    };
    let directions: Vec<Vec<usize>> = if ordered {
        vec![
            (0..here).rev().collect(),
            (here + 1..candidates.len()).collect(),
        ]
    } else {
        (0..candidates.len())
            .filter(|j| *j != here)
            .map(|j| vec![j])
            .collect()
    };
    let (mut neighbours, mut same) = (0, 0);
    for direction in directions {
        for (step, j) in direction.into_iter().enumerate() {
            let (answer, change) = answer_in(j);
            let pair = probe.try_answer(id, answer);
            if step == 0 {
                neighbours += 1;
                same += usize::from(pair == probe.current);
            }
            if pair != probe.current {
                what_if.push(entry(id, Some(now), answer, change, pair));
                break;
            }
        }
    }
    (neighbours, same)
}

/// For an unanswered question, each answer (or range of numbers) that changes the advice.
fn unanswered_changes(
    probe: &mut Probe<'_, '_>,
    id: QuestionId,
    thresholds: &[f64],
    candidates: &[Answer],
) -> Vec<WhatIf> {
    let pairs: Vec<Pair> = candidates
        .iter()
        .map(|c| probe.try_answer(id, *c))
        .collect();
    let mut out = Vec::new();
    let mut j = 0;
    while j < pairs.len() {
        // Neighbouring number ranges with the same outcome read as one range.
        let mut end = j;
        if matches!(id.question().kind, Kind::Number { .. }) {
            while end + 1 < pairs.len() && pairs[end + 1] == pairs[j] {
                end += 1;
            }
        }
        if pairs[j] != probe.current {
            let change = if end == j {
                label(id, thresholds, j)
            } else {
                span(thresholds, j, end, pairs.len())
            };
            out.push(entry(id, None, candidates[j], change, pairs[j]));
        }
        j = end + 1;
    }
    out
}

fn entry(
    id: QuestionId,
    current: Option<Answer>,
    answer: Answer,
    change: String,
    pair: Pair,
) -> WhatIf {
    WhatIf {
        question: id.name(),
        answer: AnswerValue::of(id, answer),
        change,
        current: current.map(|a| AnswerValue::of(id, a)),
        strategy: pair.strategy,
        approach: pair.approach,
    }
}

#[cfg(test)]
// Stability of 1.0 is a plain ratio of counts, so exact comparison is intended.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;
    use crate::engine::evaluate;
    use crate::questions::COUNT;

    fn q(name: &str) -> QuestionId {
        QuestionId::from_name(name).unwrap()
    }

    #[test]
    fn number_candidates_sit_on_each_side_of_every_threshold() {
        let base = crate::rules::built_in().unwrap();
        let id = q("data.labeled_examples");
        let t = thresholds(&base, id);
        assert!(t.contains(&10_000.0), "{t:?}");
        let c = candidates(&base, id);
        assert_eq!(c.len(), t.len() + 1);
        assert_eq!(c[0], Answer::Number(t[0] - 1.0));
    }

    #[test]
    fn finds_the_threshold_that_flips_to_fine_tuning() {
        let base = crate::rules::built_in().unwrap();
        let text = std::fs::read("examples/legal-drafting-provider-tuned.toml").unwrap();
        let mut answers = crate::answers::parse(std::path::Path::new("x.toml"), &text).unwrap();
        // Too few examples to tune: the advice is not fine-tuning.
        answers.set(q("data.labeled_examples"), Some(Answer::Number(500.0)));
        let current = evaluate(&base, &answers).recommendation();
        assert_ne!(current.approach, Approach::FineTune);
        let analysis = analyse(&base, &answers, current);
        let flip = analysis
            .what_if
            .iter()
            .find(|w| w.question == "data.labeled_examples")
            .expect("more examples change the advice");
        assert!(flip.change.starts_with("at least "), "{}", flip.change);
        assert!(flip.approach == Approach::FineTune, "{flip:?}");
        // Every reported change really changes the recommendation.
        for w in &analysis.what_if {
            assert!((w.strategy, w.approach) != (current.strategy, current.approach));
        }
        assert!((0.0..=1.0).contains(&analysis.stability));
    }

    #[test]
    fn neighbouring_ranges_with_one_outcome_merge() {
        let base = crate::rules::built_in().unwrap();
        let text = "[data]\nsensitivity = \"internal\"\nlabeled_examples = 400\n\
                    [team]\nml_talent = \"basic\"\n[budget]\nannual_usd = 60_000\n\
                    [traffic]\nrequests_per_day = 3_000\n\
                    [requirements]\ndomain = \"specialized\"\n";
        let answers =
            crate::answers::parse(std::path::Path::new("x.toml"), text.as_bytes()).unwrap();
        let current = evaluate(&base, &answers).recommendation();
        let analysis = analyse(&base, &answers, current);
        let corpus: Vec<&str> = analysis
            .what_if
            .iter()
            .filter(|w| w.question == "data.corpus_tokens")
            .map(|w| w.change.as_str())
            .collect();
        // Every corpus of a million tokens or more adds retrieval: one range, not four.
        assert_eq!(corpus, ["at least 1,000,000"]);
        assert_eq!(span(&[1.0, 2.0, 3.0], 1, 2, 4), "1 to below 3");
        assert_eq!(span(&[1.0, 2.0, 3.0], 0, 1, 4), "below 2");
        assert_eq!(span(&[1.0, 2.0, 3.0], 0, 3, 4), "any number");
    }

    #[test]
    fn a_scenario_with_nothing_to_change_is_fully_stable() {
        let base = crate::rules::built_in().unwrap();
        let answers = Answers::new("empty", [None; COUNT]);
        let current = evaluate(&base, &answers).recommendation();
        let analysis = analyse(&base, &answers, current);
        assert_eq!(analysis.neighbours, 0);
        assert_eq!(analysis.stability, 1.0);
    }
}
