//! Placeholders in rule texts (`{budget.annual_usd}`, `{cost.budget_share.C}`) filled in with
//! the scenario's answers and cost facts.

use crate::answers::{Answer, AnswerValue, Answers};
use crate::questions::QuestionId;
use crate::rules::{Fact, Facts};

/// Replaces `{name}` in rule text with the scenario's value: a cost fact (`{cost.first_year.C}`)
/// or an answer (`{budget.annual_usd}`, shown as money). Unknown names are left as written.
pub fn fill(text: &str, answers: &Answers, facts: &Facts) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        match placeholder(name, answers, facts) {
            Some(value) => out.push_str(&value),
            None => out.push_str(&rest[open..=open + close + 1]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn placeholder(name: &str, answers: &Answers, facts: &Facts) -> Option<String> {
    if let Some(fact) = Fact::from_name(name) {
        return Some(
            facts
                .get(fact)
                .map_or_else(|| "unknown".to_owned(), |v| fact.format(v)),
        );
    }
    let id = QuestionId::from_name(name)?;
    Some(match answers.get(id) {
        Some(Answer::Number(n)) if name == "budget.annual_usd" => crate::number::money(n),
        Some(a) => AnswerValue::of(id, a).to_string(),
        None => "unanswered".to_owned(),
    })
}
