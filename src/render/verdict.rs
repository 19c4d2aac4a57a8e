//! The parts of a verdict every text format states alike: the reasons for and against the
//! recommendation, how pair scores combine, and the answers the report assumed.

use crate::answers::{AnswerRow, AnswerValue, SpreadValue};
use crate::number::{format_number, money};
use crate::questions::QuestionId;
use crate::report::{PairScore, Reason, Report};

/// How the scores combine, in one line.
pub(super) const PAIR_NOTE: &str = "A pair's score is its strategy's score plus its \
    approach's score; the best pair that no rule rules out wins, and a tie goes to the \
    simpler pair.";

/// The headings of the two lists of reasons: for the recommendation, and for the runner-up.
pub(super) const SIDES: [&str; 2] = ["For", "Against (favour the runner-up)"];

/// Whether a pair is the recommendation (`chosen`), ruled out (`excluded`) or neither (empty).
pub(super) fn pair_status(r: &Report, p: &PairScore) -> &'static str {
    let rec = &r.recommendation;
    if p.strategy == rec.strategy && p.approach == rec.approach {
        "chosen"
    } else if p.excluded {
        "excluded"
    } else {
        ""
    }
}

/// The reasons that favour the recommendation over the runner-up, strongest first, and those
/// that favour the runner-up, strongest first.
pub(super) fn for_and_against(r: &Report) -> (Vec<&Reason>, Vec<&Reason>) {
    let mut pros: Vec<&Reason> = r.reasons.iter().filter(|x| x.impact > 0.0).collect();
    let mut cons: Vec<&Reason> = r.reasons.iter().filter(|x| x.impact < 0.0).collect();
    pros.sort_by(|a, b| b.impact.total_cmp(&a.impact).then(a.rule.cmp(&b.rule)));
    cons.sort_by(|a, b| a.impact.total_cmp(&b.impact).then(a.rule.cmp(&b.rule)));
    (pros, cons)
}

/// The question's label, `section.key` when the name is unknown.
pub(super) fn label(question: &'static str) -> &'static str {
    QuestionId::from_name(question).map_or(question, |q| q.question().label)
}

/// An answer as reports show it: the budget in whole dollars, other numbers with separators.
pub(super) fn shown(question: &str, value: AnswerValue) -> String {
    match value {
        AnswerValue::Number(usd) if question == "budget.annual_usd" && usd.fract() == 0.0 => {
            format!("${}", format_number(usd))
        }
        AnswerValue::Number(usd) if question == "budget.annual_usd" => money(usd),
        other => other.to_string(),
    }
}

/// A report's answer to the `i`th question as reports show it, `-` when unanswered.
pub(super) fn answer_cell(r: &Report, i: usize) -> String {
    answer_text(&r.answers[i]).unwrap_or_else(|| "-".to_owned())
}

/// An answer as reports show it, `None` when unanswered; an uncertain one with its range or
/// candidates and the value assumed: `5,000 to 80,000 (assumed 20,000)`.
pub(super) fn answer_text(row: &AnswerRow) -> Option<String> {
    let point = shown(row.question, row.value?);
    Some(match spread_text(row) {
        Some(spread) => format!("{spread} (assumed {point})"),
        None => point,
    })
}

/// An uncertain answer's range (`5,000 to 80,000`) or candidates (`basic or expert`).
pub(super) fn spread_text(row: &AnswerRow) -> Option<String> {
    Some(match row.spread.as_ref()? {
        SpreadValue::Range { low, high, .. } => format!(
            "{} to {}",
            shown(row.question, AnswerValue::Number(*low)),
            shown(row.question, AnswerValue::Number(*high))
        ),
        SpreadValue::Levels(levels) => levels.join(" or "),
    })
}

/// The answers the report assumed, `Label: value`, and the labels of the questions left
/// unanswered, both in questionnaire order.
pub(super) fn answers(r: &Report) -> (Vec<String>, Vec<&'static str>) {
    let mut answered = Vec::new();
    let mut open = Vec::new();
    for row in &r.answers {
        match answer_text(row) {
            Some(text) => answered.push(format!("{}: {text}", label(row.question))),
            None => open.push(label(row.question)),
        }
    }
    (answered, open)
}
