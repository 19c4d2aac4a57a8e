//! Sentences shared by the text formats: what differs between scenarios, what would change
//! the advice, the cost table and its notes.

use std::fmt::Write as _;

use crate::compare::Difference;
use crate::report::Report;

/// One fact of a difference: an optional subject (a question or rule id) and what happened,
/// written to follow the subject directly.
pub(super) struct Line {
    pub(super) subject: Option<String>,
    pub(super) text: String,
}

impl Line {
    pub(super) fn plain(text: impl Into<String>) -> Self {
        Line {
            subject: None,
            text: text.into(),
        }
    }
}

/// One line per fact of a difference: answers that changed, rules that fired differently
/// and the scores they moved, and the net effect.
pub(super) fn difference_lines(d: &Difference) -> Vec<Line> {
    let mut lines = Vec::new();
    if d.answers.is_empty() {
        lines.push(Line::plain("Same answers."));
    }
    for a in &d.answers {
        let show = |v: Option<crate::answers::AnswerValue>| {
            v.map_or_else(|| "unanswered".to_owned(), |v| v.to_string())
        };
        lines.push(Line {
            subject: Some(a.question.to_owned()),
            text: format!(": {} → {}", show(a.from), show(a.to)),
        });
    }
    for r in &d.rules {
        let moves: Vec<String> = r
            .moves()
            .iter()
            .map(|(name, v)| format!("{name} {v:+.1}"))
            .collect();
        let verb = if r.fired { "fires" } else { "no longer fires" };
        let mut effect = if moves.is_empty() {
            "no score change".to_owned()
        } else {
            moves.join(", ")
        };
        if !r.excludes.is_empty() {
            let verb = if r.fired {
                "rules out"
            } else {
                "no longer rules out"
            };
            let _ = write!(effect, "; {verb} {}", r.excludes.join(", "));
        }
        lines.push(Line {
            subject: Some(r.rule.clone()),
            text: format!(" {verb}: {effect}"),
        });
    }
    let net: Vec<String> = crate::options::Strategy::ALL
        .iter()
        .map(|s| (s.name(), d.strategy[*s]))
        .chain(
            crate::options::Approach::ALL
                .iter()
                .map(|a| (a.name(), d.approach[*a])),
        )
        .filter(|(_, v)| *v != 0.0)
        .map(|(name, v)| format!("{name} {v:+.1}"))
        .collect();
    if !net.is_empty() {
        lines.push(Line::plain(format!("Net score change: {}", net.join(", "))));
    }
    lines.push(Line::plain(if d.recommendation_changed {
        format!("The recommendation changes: {} → {}.", d.from, d.to)
    } else {
        format!("The recommendation stays {}.", d.to)
    }));
    lines
}

/// The heading of the what-if section, with the stability figure.
/// When the recommended strategy lies outside the scenario's matrix region, why that can be.
pub(super) fn matrix_note(r: &Report) -> Option<String> {
    let (pick, region) = (r.recommendation.strategy, r.matrix.region);
    let m = &r.matrix;
    match pick.cmp(&region) {
        std::cmp::Ordering::Equal => None,
        std::cmp::Ordering::Less if m.control <= m.complexity => Some(format!(
            "The organization could carry a heavier option, which points to {region}, but the \
             scores settle on {pick}: nothing in the answers needs more than the simpler route."
        )),
        std::cmp::Ordering::Less => Some(format!(
            "The answers ask for more control than the organization can carry yet (control \
             {:.1}, complexity {:.1}), which points to {region}; the scores settle on {pick}, \
             the strongest option it can run now. Revisit the choice as the team, budget or \
             traffic grow.",
            m.control, m.complexity
        )),
        std::cmp::Ordering::Greater => Some(format!(
            "The overall position points to {region}, but the scores settle on {pick}: \
             specific answers (see the reasons and exclusions) rule out or outweigh the \
             simpler options."
        )),
    }
}

pub(super) fn what_if_title(r: &Report) -> String {
    let kept = (r.stability * r.stability_neighbours as f64).round() as usize;
    format!(
        "What would change it (stability {:.0}%: {kept} of {} one-step changes keep it)",
        r.stability * 100.0,
        r.stability_neighbours,
    )
}

/// One line per nearest change to an answered question.
pub(super) fn what_if_lines(r: &Report) -> Vec<Line> {
    let mut lines: Vec<Line> = r
        .what_if
        .iter()
        .filter_map(|w| {
            let current = w.current?;
            Some(Line {
                subject: Some(w.question.to_owned()),
                text: format!(
                    ": {current} → {} gives {} + {}",
                    w.change, w.strategy, w.approach
                ),
            })
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::plain(
            "No single change to one answer changes the recommendation.",
        ));
    }
    lines
}

/// One line per unanswered question: the answers that would change the advice, if any.
pub(super) fn unanswered_lines(r: &Report) -> Vec<Line> {
    r.unanswered
        .iter()
        .map(|q| {
            // Answers with the same outcome share one phrase: "weekly or daily gives A + rag".
            let mut outcomes: Vec<(String, Vec<&str>)> = Vec::new();
            for w in r
                .what_if
                .iter()
                .filter(|w| w.question == *q && w.current.is_none())
            {
                let pair = format!("{} + {}", w.strategy, w.approach);
                match outcomes.iter_mut().find(|(p, _)| *p == pair) {
                    Some((_, answers)) => answers.push(&w.change),
                    None => outcomes.push((pair, vec![&w.change])),
                }
            }
            let changes: Vec<String> = outcomes
                .iter()
                .map(|(pair, answers)| format!("{} gives {pair}", answers.join(" or ")))
                .collect();
            let text = if changes.is_empty() {
                ": no answer would change the recommendation".to_owned()
            } else {
                format!(": {}", changes.join("; "))
            };
            Line {
                subject: Some((*q).to_owned()),
                text,
            }
        })
        .collect()
}
