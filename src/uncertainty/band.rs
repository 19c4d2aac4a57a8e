//! Costs as a low–likely–high band: the lowest and highest over the ends of every range and
//! every candidate level, and over every scenario evaluated for the shares; the likely figure
//! at the point values.

use super::{Band, Outcome, advance, outcome};
use crate::answers::{Answer, Answers, Spread};
use crate::cost::Estimate;
use crate::options::{Pair, PerStrategy, Strategy};
use crate::questions::QuestionId;
use crate::rules::RuleBase;

/// The lowest and highest costs seen so far.
#[derive(Debug, Clone, Copy)]
pub(super) struct Seen {
    first_year: PerStrategy<[f64; 2]>,
    monthly: PerStrategy<[f64; 2]>,
    advice: [f64; 2],
}

impl Default for Seen {
    fn default() -> Seen {
        let none = [f64::INFINITY, f64::NEG_INFINITY];
        Seen {
            first_year: PerStrategy([none; 4]),
            monthly: PerStrategy([none; 4]),
            advice: none,
        }
    }
}

fn widen(range: &mut [f64; 2], value: f64) {
    range[0] = range[0].min(value);
    range[1] = range[1].max(value);
}

impl Seen {
    /// Takes in one scenario's costs.
    pub(super) fn record(&mut self, o: &Outcome) {
        for s in Strategy::ALL {
            widen(&mut self.first_year[s], o.first_year[s]);
            widen(&mut self.monthly[s], o.monthly[s]);
        }
        widen(&mut self.advice, o.first_year[o.pair.strategy]);
    }
}

/// The choices the band tries for one uncertain answer: a range's ends, every candidate.
fn ends(spread: Spread) -> Vec<Answer> {
    match spread {
        Spread::Range { low, high, .. } => vec![Answer::Number(low), Answer::Number(high)],
        Spread::Levels(_) => spread.levels().into_iter().map(Answer::Level).collect(),
    }
}

/// The band, from the costs `seen` for the shares, every combination of ends and candidates
/// of the answers the cost model reads, and the recommendation `pair` at the point values
/// with its estimate `cost`.
pub(super) fn band(
    base: &RuleBase,
    answers: &Answers,
    uncertain: &[(QuestionId, Spread)],
    (pair, cost): (Pair, &Estimate),
    seen: &Seen,
) -> Band {
    let mut seen = *seen;
    let axes: Vec<(QuestionId, Vec<Answer>)> = uncertain
        .iter()
        .filter(|(id, _)| crate::cost::QUESTIONS.contains(&id.name()))
        .map(|(id, s)| (*id, ends(*s)))
        .collect();
    let mut scenario = answers.clone();
    let mut at = vec![0usize; axes.len()];
    loop {
        for ((id, choices), i) in axes.iter().zip(&at) {
            scenario.set(*id, Some(choices[*i]));
        }
        seen.record(&outcome(base, &scenario));
        if !advance(&mut at, |k| axes[k].1.len()) {
            break;
        }
    }
    let point = Outcome::of(pair, cost);
    seen.record(&point);
    let three = |range: [f64; 2], likely: f64| [range[0], likely, range[1]];
    Band {
        first_year_with_staff_usd: PerStrategy(
            Strategy::ALL.map(|s| three(seen.first_year[s], cost.first_year_with_staff_usd[s])),
        ),
        monthly_usd: PerStrategy(
            Strategy::ALL.map(|s| three(seen.monthly[s], cost.monthly_usd[s])),
        ),
        advice_first_year_with_staff_usd: three(seen.advice, point.first_year[point.pair.strategy]),
    }
}
