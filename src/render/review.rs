//! The review of a report against an earlier one, as lines the text formats lay out: a
//! headline, then what changed and why, each line a subject (a question or a rule id) and
//! what happened to it.

use std::fmt::Write as _;

use crate::number::{format_number, percent};
use crate::report::Moves;
use crate::review::{Because, CostChange, Review, RuleChange};

/// One line of a review: its depth (0 or 1), an optional subject, and what happened.
pub(super) struct Entry {
    pub(super) depth: u8,
    pub(super) subject: Option<String>,
    pub(super) text: String,
}

fn entry(depth: u8, subject: Option<&str>, text: impl Into<String>) -> Entry {
    Entry {
        depth,
        subject: subject.map(str::to_owned),
        text: text.into(),
    }
}

/// The title of the review's section.
pub(super) fn title(review: &Review) -> String {
    format!("Since {}", review.since)
}

/// The review's first sentence: no change, the advice changed, or the same advice.
pub(super) fn headline(review: &Review) -> String {
    let [before, after] = &review.advice.recommendation;
    if !review.changed {
        format!(
            "No change since {}: same answers, rules, prices and advice ({after}).",
            review.since
        )
    } else if review.advice.changed {
        format!("The advice changed: {before} → {after}.")
    } else {
        format!("Same advice ({after}); the inputs or the scores changed.")
    }
}

/// Every line after the headline.
pub(super) fn entries(review: &Review) -> Vec<Entry> {
    let mut out = Vec::new();
    if !review.changed {
        return out;
    }
    let [r0, r1] = &review.advice.runner_up;
    if r0 != r1 {
        let show = |r: &Option<String>| r.clone().unwrap_or_else(|| "none".to_owned());
        out.push(entry(
            0,
            None,
            format!("Runner-up: {} → {}", show(r0), show(r1)),
        ));
    }
    if !review.advice.scores.is_empty() {
        let scores: Vec<String> = review
            .advice
            .scores
            .iter()
            .map(|s| {
                format!(
                    "{} {} → {}",
                    s.option,
                    format_number(s.before),
                    format_number(s.after)
                )
            })
            .collect();
        out.push(entry(0, None, format!("Scores: {}", scores.join(", "))));
    }
    for a in &review.answers {
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "unanswered".to_owned());
        out.push(entry(
            0,
            Some(&a.question),
            format!(": {} → {}", show(&a.before), show(&a.after)),
        ));
    }
    if let Some([before, after]) = &review.rules {
        out.push(entry(0, None, format!("Rules: {before} → {after}")));
    }
    if let Some(p) = &review.pricing {
        let date = |d: &Option<String>| d.as_deref().unwrap_or("an unknown date").to_owned();
        out.push(entry(
            0,
            None,
            format!(
                "Pricing: {} as of {} → {} as of {}",
                p.digest[0],
                date(&p.date[0]),
                p.digest[1],
                date(&p.date[1])
            ),
        ));
    }
    for cause in &review.causes {
        out.push(entry(0, None, why(cause.because)));
        for rule in cause.rules.iter().flatten() {
            out.push(entry(1, Some(&rule.rule), rule_text(rule)));
        }
        if cause.rules.is_none() {
            out.push(entry(1, None, "which rules moved is not recorded"));
        }
        for cost in &cause.costs {
            out.push(entry(1, None, cost_text(cost)));
        }
    }
    for note in &review.notes {
        out.push(entry(0, None, format!("Note: {note}.")));
    }
    out
}

fn why(because: Because) -> &'static str {
    match because {
        Because::RulesAndPrices => {
            "Why, from the rules and prices (the earlier answers assessed now):"
        }
        Because::Answers => "Why, from the answers:",
        Because::AllInputs => "Why (answers, rules and prices together):",
    }
}

/// `: fires now: A -3.25, rag +1; rules out D (cost.budget_share.A 95% → 102%)`.
fn rule_text(rule: &RuleChange) -> String {
    let mut parts = vec![rule.change.words().to_owned()];
    let moves = moves(&rule.strategy, &rule.approach);
    if !moves.is_empty() {
        parts.push(moves);
    }
    let mut text = format!(": {}", parts.join(": "));
    if !rule.excludes.is_empty() {
        let _ = write!(text, "; rules out {}", rule.excludes.join(", "));
    }
    if !rule.no_longer_excludes.is_empty() {
        let _ = write!(
            text,
            "; no longer rules out {}",
            rule.no_longer_excludes.join(", ")
        );
    }
    let facts: Vec<String> = rule
        .facts
        .iter()
        .map(|f| {
            let show =
                |v: Option<f64>| v.map_or_else(|| "unknown".to_owned(), |v| fact(&f.fact, v));
            format!("{} {} → {}", f.fact, show(f.before), show(f.after))
        })
        .collect();
    if !facts.is_empty() {
        let _ = write!(text, " ({})", facts.join(", "));
    }
    text
}

/// A fact's value as the review shows it.
fn fact(name: &str, value: f64) -> String {
    if name.contains("budget_share") {
        percent(value)
    } else if name.contains("first_year") {
        dollars(value)
    } else {
        format!("{}x", format_number(value))
    }
}

fn moves(strategy: &Moves, approach: &Moves) -> String {
    strategy
        .0
        .iter()
        .chain(&approach.0)
        .map(|(name, w)| {
            let sign = if *w > 0.0 { "+" } else { "" };
            format!("{name} {sign}{}", format_number(*w))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Money to the dollar, so that a small price change still shows.
fn dollars(usd: f64) -> String {
    let sign = if usd < 0.0 { "-" } else { "" };
    format!("{sign}${}", format_number(usd.abs().round()))
}

// Figures are rounded to cents before they are compared, so equality is exact.
#[allow(clippy::float_cmp)]
/// `cost of A: $18,749 → $25,000 a month; first year $78,731 → $150,000 (20% → 38% of the budget)`.
fn cost_text(c: &CostChange) -> String {
    let show = |v: Option<f64>| v.map_or_else(|| "unknown".to_owned(), dollars);
    let mut text = format!("cost of {}: ", c.strategy);
    let mut parts = Vec::new();
    if c.monthly_usd[0] != c.monthly_usd[1] {
        parts.push(format!(
            "{} → {} a month",
            dollars(c.monthly_usd[0]),
            dollars(c.monthly_usd[1])
        ));
    }
    if c.first_year_usd[0] != c.first_year_usd[1] {
        parts.push(format!(
            "first year {} → {}",
            show(c.first_year_usd[0]),
            show(c.first_year_usd[1])
        ));
    }
    text.push_str(&parts.join(", "));
    if let [Some(b), Some(a)] = c.budget_share {
        if b != a {
            let _ = write!(text, " ({} → {} of the budget)", percent(b), percent(a));
        }
    }
    text
}
