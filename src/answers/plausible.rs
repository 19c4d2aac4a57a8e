//! Answers that are valid but implausible, such as a request of a billion tokens: the report
//! still runs on them, with a warning, since a unit slip is the likelier story.

use super::{Answer, Answers};
use crate::number::format_number;
use crate::questions::QuestionId;

/// Upper bounds beyond which an answer is almost certainly a slip, and why.
const BOUNDS: [(&str, f64, &str); 5] = [
    (
        "traffic.tokens_per_request",
        1e7,
        "more than the largest context window any model offers (about 10 million tokens)",
    ),
    (
        "traffic.requests_per_day",
        1e10,
        "more than one call a day from every person on earth",
    ),
    (
        "data.corpus_tokens",
        1e14,
        "more text than the largest published training sets (tens of trillions of tokens)",
    ),
    (
        "data.labeled_examples",
        1e9,
        "more curated examples than any published tuning set",
    ),
    (
        "budget.annual_usd",
        1e12,
        "more than the whole world spends on AI in a year",
    ),
];

/// One warning per implausible answer, in questionnaire order.
pub fn implausible(answers: &Answers) -> Vec<String> {
    BOUNDS
        .iter()
        .filter_map(|(name, limit, why)| {
            let id = QuestionId::from_name(name)?;
            match answers.get(id) {
                Some(Answer::Number(n)) if n > *limit => Some(format!(
                    "{name} = {} is {why}; check the unit.",
                    format_number(n)
                )),
                _ => None,
            }
        })
        .collect()
}
