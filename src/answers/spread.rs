//! Uncertain answers: a number known only as a range (`{ low = 5_000, likely = 20_000,
//! high = 80_000 }`) or a level known only as a list of candidates (`["basic",
//! "experienced"]`), read where a single answer would go.
//!
//! Every uncertain answer also has a point value, the one the main recommendation is computed
//! from: a range's `likely` value (without one, its geometric middle, or its middle when it
//! starts at zero), and a list's first candidate.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use super::Answer;
use super::validate::{check_value, describe};
use crate::diagnostic::Diagnostic;
use crate::number::format_number;
use crate::questions::{Kind, QuestionId};

/// The keys of a range, as messages name them.
const RANGE_KEYS: [&str; 3] = ["low", "likely", "high"];

/// How an answer is uncertain.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Spread {
    /// A number between `low` and `high`, both included, most likely `likely` when given.
    Range {
        /// The lowest plausible value.
        low: f64,
        /// The most likely value, when the file gives one.
        likely: Option<f64>,
        /// The highest plausible value.
        high: f64,
    },
    /// Candidate levels: bit `i` set for level `i`. Each is taken as equally plausible.
    Levels(u32),
}

impl Spread {
    /// The candidate levels, ascending.
    pub fn levels(&self) -> Vec<u8> {
        match *self {
            Spread::Levels(mask) => (0..32u8).filter(|i| mask & (1 << i) != 0).collect(),
            Spread::Range { .. } => Vec::new(),
        }
    }
}

/// A checked uncertain answer (`None` when the range is one value or the list one level)
/// and its point value, or the problems with it.
pub(super) type Checked = Result<(Option<Spread>, Answer), Vec<Diagnostic>>;

/// Reads `{ low, likely, high }` as the answer to a number question.
pub(super) fn check_range(
    id: QuestionId,
    span: Range<usize>,
    table: &DeTable<'_>,
) -> Option<Checked> {
    let Kind::Number { whole, .. } = id.question().kind else {
        return None;
    };
    let mut problems = Vec::new();
    let mut found: [Option<(f64, Range<usize>)>; 3] = [None, None, None];
    let mut given = [false; 3];
    for (key, value) in table {
        let name: &str = key.get_ref();
        let Some(slot) = RANGE_KEYS.iter().position(|k| *k == name) else {
            problems.push(
                Diagnostic::at(key.span(), format!("{id}: unknown key `{name}` in a range"))
                    .note("allowed keys: \"low\", \"likely\" (optional), \"high\"")
                    .suggest(name, RANGE_KEYS),
            );
            continue;
        };
        given[slot] = true;
        match check_value(id, &format!(".{name}"), value) {
            Ok(Answer::Number(n)) => found[slot] = Some((n, value.span())),
            Ok(Answer::Level(_)) => {}
            Err(d) => problems.push(d),
        }
    }
    let [low, likely, high] = found;
    for slot in [0, 2] {
        if !given[slot] {
            problems.push(
                Diagnostic::at(
                    span.clone(),
                    format!("{id}: a range without `{}`", RANGE_KEYS[slot]),
                )
                .note("allowed: { low = ..., likely = ..., high = ... }, `likely` optional"),
            );
        }
    }
    if let (Some((lo, _)), Some((hi, hi_span))) = (&low, &high) {
        if lo > hi {
            problems.push(order(id, hi_span.clone(), "high", *hi, "low", *lo));
        }
        if let Some((l, l_span)) = &likely {
            if l < lo {
                problems.push(order(id, l_span.clone(), "likely", *l, "low", *lo));
            } else if l > hi {
                problems.push(order(id, l_span.clone(), "likely", *l, "high", *hi));
            }
        }
    }
    if !problems.is_empty() {
        return Some(Err(problems));
    }
    let (Some((low, _)), Some((high, _))) = (low, high) else {
        return Some(Err(problems));
    };
    if high <= low {
        return Some(Ok((None, Answer::Number(low))));
    }
    let likely = likely.map(|(v, _)| v);
    let spread = Spread::Range { low, likely, high };
    Some(Ok((
        Some(spread),
        Answer::Number(point(low, likely, high, whole)),
    )))
}

/// The value the main recommendation uses for a range: `likely`, else its middle (geometric
/// when it starts above zero), rounded for whole numbers.
fn point(low: f64, likely: Option<f64>, high: f64, whole: bool) -> f64 {
    if let Some(v) = likely {
        return v;
    }
    let middle = if low > 0.0 {
        (low * high).sqrt()
    } else {
        f64::midpoint(low, high)
    };
    let middle = if whole { middle.round() } else { middle };
    middle.clamp(low, high)
}

fn order(id: QuestionId, span: Range<usize>, key: &str, v: f64, other: &str, o: f64) -> Diagnostic {
    let relation = if other == "low" { "below" } else { "above" };
    Diagnostic::at(
        span,
        format!(
            "{id}: `{key}` ({}) is {relation} `{other}` ({})",
            format_number(v),
            format_number(o)
        ),
    )
    .note("allowed: low <= likely <= high")
}

/// Reads a list of candidate levels as the answer to a level question.
pub(super) fn check_candidates(
    id: QuestionId,
    span: Range<usize>,
    list: &DeArray<'_>,
) -> Option<Checked> {
    let Kind::Level { levels, .. } = id.question().kind else {
        return None;
    };
    let mut problems = Vec::new();
    let mut mask = 0u32;
    let mut first = None;
    for value in list {
        match check_value(id, "", value) {
            Ok(Answer::Level(i)) => {
                if mask & (1 << i) != 0 {
                    problems.push(
                        Diagnostic::at(
                            value.span(),
                            format!("{id}: \"{}\" is listed twice", levels[usize::from(i)]),
                        )
                        .note("allowed: each level once"),
                    );
                }
                mask |= 1 << i;
                first.get_or_insert(i);
            }
            Ok(Answer::Number(_)) => {}
            Err(d) => problems.push(d),
        }
    }
    if list.is_empty() {
        problems.push(
            Diagnostic::at(span, format!("{id}: found an empty list"))
                .note(format!("allowed: {}", id.question().allowed()))
                .note("help: list the levels you hesitate between, or leave the key out"),
        );
    }
    if !problems.is_empty() {
        return Some(Err(problems));
    }
    let first = first?;
    let spread = (mask.count_ones() > 1).then_some(Spread::Levels(mask));
    Some(Ok((spread, Answer::Level(first))))
}

/// Help for a list given to a number question or a table to a level question.
pub(super) fn shape_help(id: QuestionId, value: &Spanned<DeValue<'_>>) -> Option<Diagnostic> {
    let q = id.question();
    let help = match (q.kind, value.get_ref()) {
        (Kind::Number { .. }, DeValue::Array(_)) => format!(
            "help: an uncertain number is a range: {} = {{ low = ..., likely = ..., high = ... }}",
            q.key
        ),
        (Kind::Level { .. }, DeValue::Table(_)) => format!(
            "help: an uncertain level is a list of candidates: {} = [\"{}\", ...]",
            q.key,
            q.levels().and_then(|l| l.first()).unwrap_or(&"")
        ),
        _ => return None,
    };
    Some(
        Diagnostic::at(
            value.span(),
            format!("{id}: found {}", describe(value.get_ref())),
        )
        .note(format!("allowed: {}", q.allowed()))
        .note(help),
    )
}

/// The spread as JSON and people read it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum SpreadValue {
    /// A range.
    Range {
        /// The lowest plausible value.
        low: f64,
        /// The most likely value, when given.
        #[serde(skip_serializing_if = "Option::is_none")]
        likely: Option<f64>,
        /// The highest plausible value.
        high: f64,
    },
    /// Candidate levels, in ascending order.
    Levels(Vec<&'static str>),
}

impl SpreadValue {
    /// The spread of an answer to `id` as JSON shows it.
    pub fn of(id: QuestionId, spread: Spread) -> SpreadValue {
        match spread {
            Spread::Range { low, likely, high } => SpreadValue::Range { low, likely, high },
            Spread::Levels(_) => {
                let names = id.question().levels().unwrap_or(&[]);
                SpreadValue::Levels(
                    spread
                        .levels()
                        .into_iter()
                        .filter_map(|i| names.get(usize::from(i)).copied())
                        .collect(),
                )
            }
        }
    }
}

impl std::fmt::Display for SpreadValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SpreadValue::Range { low, likely, high } => {
                write!(f, "{} to {}", format_number(*low), format_number(*high))?;
                match likely {
                    Some(l) => write!(f, " (likely {})", format_number(*l)),
                    None => Ok(()),
                }
            }
            SpreadValue::Levels(levels) => f.write_str(&levels.join(" or ")),
        }
    }
}
