//! Regions of a question in words: a level, `below 1,000`, `at least 10,000`, `1,000 to below
//! 10,000`.

use crate::number::format_number;
use crate::questions::{Kind, QuestionId};

/// A threshold for people: large fractional values (budgets derived from cost estimates)
/// rounded up to a whole number.
pub(super) fn threshold_text(t: f64) -> String {
    if t.fract() != 0.0 && t >= 1000.0 {
        format_number(t.ceil())
    } else {
        format_number(t)
    }
}

/// Region `j` of a question in words: a level, `below 1,000` or `at least 10,000`.
pub(super) fn label(id: QuestionId, thresholds: &[f64], j: usize) -> String {
    match id.question().kind {
        Kind::Level { levels, .. } => levels.get(j).copied().unwrap_or("?").to_owned(),
        Kind::Number { .. } => match j.checked_sub(1) {
            None => thresholds.first().map_or_else(
                || "0".to_owned(),
                |t| format!("below {}", threshold_text(*t)),
            ),
            Some(i) => format!("at least {}", threshold_text(thresholds[i])),
        },
    }
}

/// Number regions `first..=last` of `count` in words, as one range.
pub(super) fn span(thresholds: &[f64], first: usize, last: usize, count: usize) -> String {
    match (first, last + 1 == count) {
        (0, true) => "any number".to_owned(),
        (0, false) => format!("below {}", threshold_text(thresholds[last])),
        (_, true) => format!("at least {}", threshold_text(thresholds[first - 1])),
        (_, false) => format!(
            "{} to below {}",
            threshold_text(thresholds[first - 1]),
            threshold_text(thresholds[last])
        ),
    }
}
