//! How the advice depends on uncertain answers, in sentences shared by the text formats: the
//! share of plausible answers each pair wins, where along each uncertain answer it wins, and
//! the cost band.

use std::fmt::Write as _;

use super::sentences::Line;
use super::verdict;
use crate::number::{format_number, money};
use crate::options::{Approach, Strategy};
use crate::report::Report;
use crate::uncertainty::{Method, Segment, Share, Uncertainty};

/// The section's heading.
pub(super) const TITLE: &str = "If your uncertain answers vary";

/// A share for people: `52%`, `<1%`, `>99%`.
fn percent(share: f64) -> String {
    let p = share * 100.0;
    if p > 0.0 && p < 0.5 {
        "<1%".to_owned()
    } else if p < 100.0 && p > 99.5 {
        ">99%".to_owned()
    } else {
        format!("{p:.0}%")
    }
}

fn pair(strategy: Strategy, approach: Approach) -> String {
    format!("{strategy} + {approach}")
}

/// How the shares were found, in words.
fn method(u: &Uncertainty) -> String {
    match u.method {
        Method::Exact => format!(
            "exact: {} region{} of the plausible answers, each evaluated once",
            format_number(u.evaluations as f64),
            if u.evaluations == 1 { "" } else { "s" }
        ),
        Method::Sampled => format!(
            "sampled, since the cost limits of two or more ranges move with each other: {} \
             draws with seed {}, each share within ±{:.1} points",
            format_number(u.evaluations as f64),
            u.seed.unwrap_or_default(),
            u.margin.unwrap_or_default() * 100.0
        ),
    }
}

/// The shares line, the line of each uncertain answer and the cost band, or nothing when
/// every answer is one value.
pub(super) fn lines(r: &Report) -> Vec<Line> {
    let Some(u) = &r.uncertainty else {
        return Vec::new();
    };
    let shares: Vec<String> = u
        .shares
        .iter()
        .map(|s: &Share| format!("{} {}", pair(s.strategy, s.approach), percent(s.share)))
        .collect();
    let mut out = vec![Line::plain(format!(
        "Wins under the plausible answers: {} ({}).",
        shares.join(", "),
        method(u)
    ))];
    for regions in &u.regions {
        let row = r.answers.iter().find(|a| a.question == regions.question);
        let given = row.and_then(verdict::spread_text).unwrap_or_default();
        let under: Vec<String> = regions
            .given
            .iter()
            .map(|g| format!("{} {}", g.question, g.level))
            .collect();
        let under = if under.is_empty() {
            String::new()
        } else {
            format!(" with {}", under.join(" and "))
        };
        out.push(Line {
            subject: Some(regions.question.to_owned()),
            text: format!(", {given}{under}: {}.", segments(&regions.segments)),
        });
    }
    out.push(Line::plain(band(r, u)));
    out
}

/// Where each pair wins along one answer: stretches of a range with their shares, or the
/// candidates grouped by the pair they give.
fn segments(segments: &[Segment]) -> String {
    let levels = segments.first().is_some_and(|s| s.level.is_some());
    if !levels {
        if let [only] = segments {
            return format!(
                "{} anywhere in the range",
                pair(only.strategy, only.approach)
            );
        }
        let parts: Vec<String> = segments
            .iter()
            .map(|s| {
                let name = pair(s.strategy, s.approach);
                format!("{name} {} ({})", s.when, percent(s.share))
            })
            .collect();
        return parts.join("; ");
    }
    let mut parts: Vec<(String, Vec<&str>)> = Vec::new();
    for s in segments {
        let name = pair(s.strategy, s.approach);
        match parts.iter_mut().find(|(p, _)| *p == name) {
            Some((_, whens)) => whens.push(&s.when),
            None => parts.push((name, vec![&s.when])),
        }
    }
    if let [(name, _)] = parts.as_slice() {
        return format!("{name} whichever it is");
    }
    let parts: Vec<String> = parts
        .iter()
        .map(|(name, whens)| format!("{name} when {}", whens.join(" or ")))
        .collect();
    parts.join("; ")
}

/// The cost band of the advice now and, when it differs, of whichever pair wins.
fn band(r: &Report, u: &Uncertainty) -> String {
    let now = r.recommendation.strategy;
    let [low, likely, high] = u.cost.first_year_with_staff_usd[now];
    let [a_low, _, a_high] = u.cost.advice_first_year_with_staff_usd;
    let mut text = if money(low) == money(high) {
        format!(
            "Year 1 with staff for {now}: {} across the plausible answers",
            money(likely)
        )
    } else {
        format!(
            "Year 1 with staff for {now}: {} low, {} likely, {} high",
            money(low),
            money(likely),
            money(high)
        )
    };
    if (money(a_low), money(a_high)) != (money(low), money(high)) {
        let _ = write!(
            text,
            "; for whichever pair wins: {} to {}",
            money(a_low),
            money(a_high)
        );
    }
    text.push('.');
    text
}
