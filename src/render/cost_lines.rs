//! The cost section of a report, shared by the table and Markdown formats: one row per
//! strategy with usage, staff and one-time costs kept apart, and the notes under it.

use crate::cost::Estimate;
use crate::number::{format_number, money, percent, round3};
use crate::options::Strategy;

/// The cost table's column headings.
pub(super) const HEADINGS: [&str; 6] = [
    "Strategy",
    "Usage/mo",
    "Staff/mo",
    "One-time",
    "Year 1 (of budget)",
    "Year 1 + staff",
];

/// The cost table's rows, one per strategy.
pub(super) fn rows(c: &Estimate) -> Vec<[String; 6]> {
    Strategy::ALL
        .iter()
        .map(|s| {
            let share = match (c.first_year_usd[*s], c.budget_share[*s]) {
                (Some(f), Some(b)) if b.is_infinite() => format!("{} (no budget)", money(f)),
                (Some(f), Some(b)) => format!("{} ({})", money(f), percent(b)),
                (Some(f), None) => money(f),
                _ => "unknown".to_owned(),
            };
            let once = c.one_time_usd[*s];
            [
                s.to_string(),
                money(c.monthly_usage_usd[*s]),
                money(c.monthly_staff_usd[*s]),
                if once == 0.0 {
                    "-".to_owned()
                } else {
                    money(once)
                },
                share,
                money(c.first_year_with_staff_usd[*s]),
            ]
        })
        .collect()
}

/// The sentences under the cost table: sizing, fleets, break-even, training run, bases.
pub(super) fn notes(c: &Estimate) -> Vec<String> {
    let a = &c.assumptions;
    let mut notes = vec![format!(
        "Sized for the use case: {}. A is priced at the {}; B at {}.",
        c.sizing.why.join("; "),
        a.api_tier,
        c.tuning
    )];
    notes.push(format!(
        "Traffic: {} tokens a month ({} tokens per request{}).",
        format_number(a.tokens_per_month.round()),
        format_number(a.tokens_per_request.round()),
        if a.tokens_per_request_defaulted {
            ", assumed"
        } else {
            ""
        },
    ));
    notes.push(fleet_note(c));
    notes.push(if c.owned_hardware {
        "Managed open-weight hosting (the same model served per token by an inference provider) is no way in here: the model must run on premises.".to_owned()
    } else {
        format!(
            "Thin team: the same open model served per token by an inference provider would cost about {} a month.",
            money(c.managed_open_weight_usd)
        )
    });
    notes.push(match c.break_even_requests_per_day {
        Some(x) => format!(
            "Self-hosting costs less than the API above about {} requests a day, staff included.",
            round3(x)
        ),
        None => "Self-hosting never costs less than the API at these prices.".to_owned(),
    });
    notes.push(training_note(c));
    notes.extend(range_note(c));
    notes.push(
        "Usage is API fees or GPUs; one-time is provider tuning (B), rollout, tuning and any GPU purchase (C), and the training run with any hardware it buys (D). Year 1 is twelve months of usage plus the one-time costs, a purchase counted once rather than its write-off, without staff: the budget covers compute, API fees and vendors. Year 1 + staff adds a year of the people each strategy needs."
            .to_owned(),
    );
    notes
}

fn fleet_note(c: &Estimate) -> String {
    let f = &c.self_hosting;
    let owned = if c.owned_hardware {
        format!(
            "bought, not rented (on-premises), with about {} weeks from order to service",
            format_number(c.lead_time_weeks.unwrap_or(0.0))
        )
    } else {
        "rented".to_owned()
    };
    let (size, sizing) = fleet(f);
    format!(
        "Self-hosting (C) serves a {} on {size}, {owned}; {sizing}.",
        f.model
    )
}

/// A fleet as "N x GPU (n per replica)" and what sized it.
pub(super) fn fleet(f: &crate::cost::Fleet) -> (String, String) {
    (
        format!(
            "{} x {} ({} per replica)",
            format_number(f.gpus),
            f.gpu,
            format_number(f.gpus_per_replica)
        ),
        format!(
            "sized by {} for {} requests in flight and {} tokens/s at peak",
            f.bound,
            round3(f.concurrency),
            round3(f.peak_tokens_per_second)
        ),
    )
}

/// The low and high ends of the strategies whose figures rest on a price range.
pub(super) fn range_note(estimate: &Estimate) -> Option<String> {
    let ranges = &estimate.ranges;
    let spans: Vec<String> = Strategy::ALL
        .iter()
        .filter(|s| {
            let [low, high] = ranges.monthly_usage_usd[**s];
            let [once_low, once_high] = ranges.one_time_usd[**s];
            low < high || once_low < once_high
        })
        .map(|s| {
            let [low, high] = ranges.monthly_usage_usd[*s];
            let [once_low, once_high] = ranges.one_time_usd[*s];
            let mut parts = Vec::new();
            if low < high {
                parts.push(format!("usage {}-{} a month", money(low), money(high)));
            }
            if once_low < once_high {
                parts.push(format!("one-time {}-{}", money(once_low), money(once_high)));
            }
            format!("{s} {}", parts.join(", "))
        })
        .collect();
    (!spans.is_empty()).then(|| {
        format!(
            "Ranges, from the lowest GPU prices at the best measured prompt throughput to the highest prices at the worst: {}.",
            spans.join("; ")
        )
    })
}

fn training_note(c: &Estimate) -> String {
    let t = &c.train;
    format!(
        "Training from scratch (D): a model of about {} parameters on {} tokens ({} of your own, {} public) takes about {} GPU-hours on {}; it is then served on {} x {}.",
        round3(t.params),
        round3(t.tokens),
        round3(t.own_tokens),
        round3(t.public_tokens),
        round3(t.gpu_hours),
        t.gpu,
        format_number(c.own_model.gpus),
        c.own_model.gpu
    )
}
