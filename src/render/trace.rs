//! `--explain` laid out for reading: the fired rules grouped by what they move, strongest
//! first; then the rules that did not fire but would have changed the advice; the rest counted.

use crate::explain::{Explanation, RuleTrace};
use crate::number::round3;
use crate::options::{Approach, Strategy};
use crate::report::Report;
use crate::rules::Truth;

/// One rule as `--explain` shows it.
pub(super) struct Entry {
    /// Rule id (never broken across lines).
    pub(super) id: String,
    /// What it added or excluded (fired rules), or the pair it would lead to (unfired).
    pub(super) effect: String,
    /// Its condition, as rule files write it.
    pub(super) condition: String,
    /// The answers and cost facts it read, and the condition's value.
    pub(super) read: String,
}

/// A titled group of rules.
pub(super) struct Group {
    pub(super) title: &'static str,
    pub(super) entries: Vec<Entry>,
}

/// The explanation in reading order.
pub(super) struct Traced {
    /// One line counting what follows.
    pub(super) headline: String,
    /// Fired rules, grouped by what they move.
    pub(super) fired: Vec<Group>,
    /// Unfired rules that would have changed the recommended pair, in rule-base order.
    pub(super) would_change: Vec<Entry>,
    /// How many other rules did not fire and would not have changed it.
    pub(super) quiet: usize,
    /// The sums that are the scores.
    pub(super) totals: String,
}

/// The titles of the groups of fired rules, in the order they are shown.
const GROUPS: [&str; 6] = [
    "Fired: rule options out",
    "Fired: move strategy and approach scores",
    "Fired: move strategy scores",
    "Fired: move approach scores",
    "Fired: move only the matrix position",
    "Fired: add nothing",
];

/// Lays out the report's explanation, or `None` without `--explain`.
pub(super) fn traced(r: &Report) -> Option<Traced> {
    let explanation: &Explanation = r.explanation.as_ref()?;
    let mut fired: Vec<&RuleTrace> = explanation.rules.iter().filter(|t| t.fired).collect();
    fired.sort_by(|a, b| strength(b).total_cmp(&strength(a)));
    let groups = GROUPS
        .iter()
        .enumerate()
        .map(|(i, title)| Group {
            title,
            entries: fired
                .iter()
                .filter(|t| group(t) == i)
                .map(|t| entry(t, adds(t)))
                .collect(),
        })
        .filter(|g| !g.entries.is_empty())
        .collect();
    let would: Vec<&RuleTrace> = explanation
        .rules
        .iter()
        .filter(|t| t.would_recommend.is_some())
        .collect();
    let quiet = explanation.rules.len() - fired.len() - would.len();
    Some(Traced {
        headline: format!(
            "{} rules fired; {} did not but would have changed the advice; {} others did not \
             fire and would not have changed it.",
            fired.len(),
            would.len(),
            quiet
        ),
        fired: groups,
        would_change: would
            .iter()
            .map(|t| {
                let pair = t.would_recommend.as_deref().unwrap_or_default();
                entry(t, format!("would recommend {pair}"))
            })
            .collect(),
        quiet,
        totals: totals(r),
    })
}

/// The index in [`GROUPS`] of what a fired rule moves.
fn group(t: &RuleTrace) -> usize {
    let c = &t.contributions;
    let strategy = Strategy::ALL.iter().any(|s| c.strategy[*s] != 0.0);
    let approach = Approach::ALL.iter().any(|a| c.approach[*a] != 0.0);
    let matrix = c.control != 0.0 || c.complexity != 0.0;
    match (!t.excludes.is_empty(), strategy, approach, matrix) {
        (true, ..) => 0,
        (_, true, true, _) => 1,
        (_, true, false, _) => 2,
        (_, false, true, _) => 3,
        (_, false, false, true) => 4,
        _ => 5,
    }
}

/// How much a rule moved the scores: the sum of its weights' sizes.
fn strength(t: &RuleTrace) -> f64 {
    let c = &t.contributions;
    let strategy: f64 = Strategy::ALL.iter().map(|s| c.strategy[*s].abs()).sum();
    let approach: f64 = Approach::ALL.iter().map(|a| c.approach[*a].abs()).sum();
    strategy + approach
}

/// What a fired rule added, e.g. `A +2, C -1, control +1.5, excludes D`.
fn adds(t: &RuleTrace) -> String {
    let c = &t.contributions;
    let mut adds: Vec<String> = Strategy::ALL
        .iter()
        .map(|s| (s.name(), c.strategy[*s]))
        .chain(Approach::ALL.iter().map(|a| (a.name(), c.approach[*a])))
        .chain([("control", c.control), ("complexity", c.complexity)])
        .filter(|(_, v)| *v != 0.0)
        .map(|(n, v)| format!("{n} {v:+}"))
        .collect();
    if !t.excludes.is_empty() {
        adds.push(format!("excludes {}", t.excludes.join(", ")));
    }
    if adds.is_empty() {
        "adds nothing".to_owned()
    } else {
        adds.join(", ")
    }
}

fn entry(t: &RuleTrace, effect: String) -> Entry {
    let truth = match t.truth {
        Truth::True => "true",
        Truth::False => "false",
        Truth::Unknown => "unknown",
    };
    let values: Vec<String> = t
        .reads
        .iter()
        .map(|a| {
            let value = a
                .value
                .map_or_else(|| "unanswered".to_owned(), |v| v.to_string());
            format!("{}={value}", a.question)
        })
        .chain(t.facts.iter().map(|f| {
            let value = f.value.map_or_else(|| "unknown".to_owned(), round3);
            format!("{}={value}", f.fact)
        }))
        .collect();
    Entry {
        id: t.id.clone(),
        effect,
        condition: t.condition.clone(),
        read: if values.is_empty() {
            truth.to_owned()
        } else {
            format!("{truth} given {}", values.join(", "))
        },
    }
}

/// The totals of every rule's contributions, which are the scores.
fn totals(r: &Report) -> String {
    let s = &r.scores;
    let parts: Vec<String> = Strategy::ALL
        .iter()
        .map(|x| format!("{x} {}", s.strategy[*x]))
        .chain(
            Approach::ALL
                .iter()
                .map(|a| format!("{a} {}", s.approach[*a])),
        )
        .collect();
    format!(
        "Sums of the fired rules' contributions: {}",
        parts.join(", ")
    )
}
