//! Where along one uncertain answer each pair wins, every other answer at its point value:
//! each candidate level, or the stretches of a range between the rules' thresholds and the
//! cost facts' limits, neighbours with one winner merged.

use super::space::cells;
use super::{Given, Regions, Segment, advance, outcome};
use crate::answers::{Answer, Answers, Spread};
use crate::number::format_number;
use crate::questions::QuestionId;
use crate::rules::RuleBase;
use crate::whatif::question_regions;

/// The most combinations of candidate levels a range is swept under, one by one.
const MOST_COMBINATIONS: usize = 8;

/// The regions of one uncertain answer: for a range, under each combination of the other
/// answers' candidate levels when they change where the advice moves (and there are at most
/// [`MOST_COMBINATIONS`]), else with every other answer at its point value.
pub(super) fn regions(
    base: &RuleBase,
    answers: &Answers,
    id: QuestionId,
    spread: Spread,
    uncertain: &[(QuestionId, Spread)],
) -> Vec<Regions> {
    let point = along(base, answers, id, spread);
    if matches!(spread, Spread::Levels(_)) {
        return vec![point];
    }
    let levels: Vec<(QuestionId, Vec<u8>)> = uncertain
        .iter()
        .filter(|(q, s)| *q != id && matches!(s, Spread::Levels(_)))
        .map(|(q, s)| (*q, s.levels()))
        .collect();
    let count = levels.iter().map(|(_, l)| l.len()).product::<usize>();
    if levels.is_empty() || count > MOST_COMBINATIONS {
        return vec![point];
    }
    let mut out: Vec<Regions> = Vec::new();
    let mut at = vec![0usize; levels.len()];
    loop {
        let mut scenario = answers.clone();
        let mut given = Vec::new();
        for ((q, candidates), i) in levels.iter().zip(&at) {
            scenario.set(*q, Some(Answer::Level(candidates[*i])));
            let names = q.question().levels().unwrap_or(&[]);
            let level = names
                .get(usize::from(candidates[*i]))
                .copied()
                .unwrap_or("?");
            given.push(Given {
                question: q.name(),
                level,
            });
        }
        let mut regions = along(base, &scenario, id, spread);
        regions.given = given;
        out.push(regions);
        if !advance(&mut at, |k| levels[k].1.len()) {
            break;
        }
    }
    let same = |a: &Regions, b: &Regions| {
        a.segments.len() == b.segments.len()
            && a.segments.iter().zip(&b.segments).all(|(x, y)| {
                (x.strategy, x.approach, x.from.map(f64::to_bits))
                    == (y.strategy, y.approach, y.from.map(f64::to_bits))
            })
    };
    if out.iter().all(|r| same(r, &out[0])) {
        return vec![point];
    }
    out
}

/// The regions of one answer with every other answer as `answers` gives it.
fn along(base: &RuleBase, answers: &Answers, id: QuestionId, spread: Spread) -> Regions {
    let mut scenario = answers.clone();
    let segments = match spread {
        Spread::Levels(_) => {
            let levels = spread.levels();
            let names = id.question().levels().unwrap_or(&[]);
            let each = 1.0 / levels.len() as f64;
            levels
                .into_iter()
                .map(|l| {
                    scenario.set(id, Some(Answer::Level(l)));
                    let pair = outcome(base, &scenario).pair;
                    let level = names.get(usize::from(l)).copied().unwrap_or("?");
                    Segment {
                        from: None,
                        to: None,
                        level: Some(level),
                        when: level.to_owned(),
                        strategy: pair.strategy,
                        approach: pair.approach,
                        share: super::rounded(each),
                    }
                })
                .collect()
        }
        Spread::Range { high, .. } => {
            let breakpoints = question_regions(base, answers, id).0;
            let mut segments: Vec<Segment> = Vec::new();
            for (start, share) in cells(spread, &breakpoints) {
                scenario.set(id, Some(Answer::Number(start)));
                let pair = outcome(base, &scenario).pair;
                match segments.last_mut() {
                    Some(last)
                        if (last.strategy, last.approach) == (pair.strategy, pair.approach) =>
                    {
                        last.share += share;
                    }
                    _ => segments.push(Segment {
                        from: Some(start),
                        to: None,
                        level: None,
                        when: String::new(),
                        strategy: pair.strategy,
                        approach: pair.approach,
                        share,
                    }),
                }
            }
            let starts: Vec<f64> = segments.iter().filter_map(|s| s.from).collect();
            let count = segments.len();
            for (i, segment) in segments.iter_mut().enumerate() {
                let to = starts.get(i + 1).copied().unwrap_or(high);
                segment.to = Some(to);
                segment.when = words(starts[i], to, i, count);
                segment.share = super::rounded(segment.share);
            }
            segments
        }
    };
    Regions {
        question: id.name(),
        given: Vec::new(),
        segments,
    }
}

/// A stretch in words: the first is `below` the next start, the last `or more` from its own.
fn words(from: f64, to: f64, i: usize, count: usize) -> String {
    match (i == 0, i + 1 == count) {
        (true, true) => "anywhere in the range".to_owned(),
        (true, false) => format!("below {}", format_number(to)),
        (false, true) => format!("{} or more", format_number(from)),
        (false, false) => format!("{} to below {}", format_number(from), format_number(to)),
    }
}
