//! `llm-strategy cost` as text: the estimate line by line, with every assumption and its source.

use std::fmt::Write as _;

use crate::cost::{CostReport, Estimate, HOURS_PER_MONTH, Pricing};
use crate::number::{format_number, money, round3};
use crate::options::Strategy;
use crate::render::cost_sources;

/// The breakdown as text, wrapped to `width` columns.
pub(super) fn render(cost: &CostReport<'_>, width: usize) -> String {
    let mut text = String::new();
    for warning in &cost.warnings {
        let _ = writeln!(text, "warning: {warning}\n");
    }
    text.push_str(&lines(cost.scenario, cost.cost, cost.pricing));
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let indent = " ".repeat(line.len() - line.trim_start().len() + 2);
        let options = textwrap::Options::new(width)
            .subsequent_indent(&indent)
            .break_words(false);
        for part in textwrap::wrap(line, options) {
            let _ = writeln!(out, "{part}");
        }
    }
    out
}

fn tflops(flops: f64) -> String {
    format!("{} TFLOP/s", round3(flops / 1e12))
}

fn lines(name: &str, e: &Estimate, p: &Pricing) -> String {
    let mut out = String::new();
    traffic(&mut out, name, e);
    hosted(&mut out, e, p);
    self_hosted(&mut out, e, p);
    trained(&mut out, e, p);
    budget(&mut out, e);
    let _ = writeln!(out, "\nAssumptions (pricing file):");
    for a in cost_sources::assumptions(e, p) {
        let _ = writeln!(out, "  - {} [{}; {}]", a.what, a.date, a.source);
    }
    out
}

fn traffic(out: &mut String, name: &str, e: &Estimate) {
    let a = &e.assumptions;
    let _ = writeln!(out, "{name}: estimated cost per strategy (USD)\n");
    let _ = writeln!(out, "Sizing: {}.", e.sizing.why.join("; "));
    let _ = writeln!(
        out,
        "Traffic: {} tokens a month = {} requests/day x {} tokens per request{} x {:.2} days; {} input tokens per output token.\n",
        round3(a.tokens_per_month),
        round3(a.requests_per_day),
        round3(a.tokens_per_request),
        if a.tokens_per_request_defaulted {
            " (base figure assumed: [traffic] tokens_per_request unanswered)"
        } else {
            ""
        },
        crate::cost::DAYS_PER_MONTH,
        a.input_per_output
    );
}

fn staff(e: &Estimate, s: Strategy) -> String {
    money(e.monthly_staff_usd[s])
}

/// Strategies A and B: hosted models, billed per token.
fn hosted(out: &mut String, e: &Estimate, p: &Pricing) {
    let tier = p.tier(&e.sizing.tier);
    let (input, output) = if e.sizing.batch {
        (tier.batch_input_per_million, tier.batch_output_per_million)
    } else {
        (tier.input_per_million, tier.output_per_million)
    };
    let _ = writeln!(
        out,
        "A  API fees {} a month + staff {}",
        money(e.monthly_usage_usd[Strategy::A]),
        staff(e, Strategy::A)
    );
    let cached = format!(
        "; {:.0}% of prompt tokens cached at ${}",
        p.api.stable_prompt_share.value * 100.0,
        tier.cached_input_per_million
    );
    let _ = writeln!(
        out,
        "   {}: ${input} in / ${output} out per million tokens{}{cached}",
        tier.name,
        if e.sizing.batch {
            " (batch prices)"
        } else {
            ""
        },
    );
    let offer = p.tuning_offer(&e.sizing.tier);
    let _ = writeln!(
        out,
        "B  tuned-model fees {} a month + staff {}, {} once",
        money(e.monthly_usage_usd[Strategy::B]),
        staff(e, Strategy::B),
        money(e.one_time_usd[Strategy::B])
    );
    let ft = &p.fine_tuning;
    let job = match (offer.training_per_million, offer.training_per_hour) {
        (Some(m), _) => format!(
            "examples x {} tokens x {} epochs at ${m} per million training tokens",
            ft.tokens_per_example.value, ft.epochs.value
        ),
        (None, Some(h)) => format!(
            "{} hours per thousand examples at ${h} an hour",
            offer.hours_per_thousand_examples.unwrap_or(0.0)
        ),
        (None, None) => "no training price".to_owned(),
    };
    let _ = writeln!(
        out,
        "   {} ({}): ${} in / ${} out per million; tuning: {job}",
        offer.name, offer.method, offer.input_per_million, offer.output_per_million
    );
}

/// Strategy C: an open model on GPUs you rent or own.
fn self_hosted(out: &mut String, e: &Estimate, p: &Pricing) {
    let f = &e.self_hosting;
    let class = p.class(&e.sizing.class);
    let gpu = p.gpu(&class.gpu);
    let _ = writeln!(
        out,
        "C  GPUs {} a month + staff {}, {} once",
        money(e.monthly_usage_usd[Strategy::C]),
        staff(e, Strategy::C),
        money(e.one_time_usd[Strategy::C])
    );
    let (size, sizing) = super::super::cost_lines::fleet(f);
    let _ = writeln!(out, "   {}: {size}, {sizing}", f.model);
    if e.owned_hardware {
        let o = &p.owned;
        let _ = writeln!(
            out,
            "   bought at ${} a GPU, written off over {} years, plus {} W x PUE {} at ${}/kWh and ${} per kW a month of space; about {} weeks from order to service",
            format_number(gpu.purchase_usd),
            o.lifetime_years.value,
            gpu.power_watts,
            o.pue.value,
            o.power_usd_per_kwh.value,
            o.space_usd_per_kw_month.value,
            format_number(o.lead_time_weeks.value)
        );
    } else {
        let _ = writeln!(
            out,
            "   rented at ${}/hour x {:.0} hours",
            gpu.hourly_usd, HOURS_PER_MONTH
        );
    }
    let _ = writeln!(
        out,
        "   one-time: rollout of {} engineer-months {} + tuning compute{}",
        p.staff.rollout_months.value,
        money(p.rollout_usd()),
        if e.owned_hardware {
            " + the GPUs' purchase"
        } else {
            ""
        }
    );
    if e.owned_hardware {
        let _ = writeln!(
            out,
            "   (managed open-weight hosting is no option on premises)"
        );
    } else {
        let _ = writeln!(
            out,
            "   or managed open-weight hosting per token: {} a month",
            money(e.managed_open_weight_usd)
        );
    }
}

/// Strategy D: a model trained from scratch, then served like C.
fn trained(out: &mut String, e: &Estimate, p: &Pricing) {
    let t = &e.train;
    let g = p.gpu(&p.training.gpu);
    let _ = writeln!(
        out,
        "D  serving {} a month + staff {}, {} once",
        money(e.monthly_usage_usd[Strategy::D]),
        staff(e, Strategy::D),
        money(e.one_time_usd[Strategy::D])
    );
    let _ = writeln!(
        out,
        "   training: 6 x {} parameters x {} tokens ({} own, {} public) / ({} x {:.0}% utilization) = {} GPU-hours{}",
        round3(t.params),
        round3(t.tokens),
        round3(t.own_tokens),
        round3(t.public_tokens),
        tflops(g.peak_bf16_flops),
        e.assumptions.training_utilization * 100.0,
        round3(t.gpu_hours),
        if t.cluster_gpus > 0.0 {
            format!(
                " on {} bought GPUs ({} days)",
                format_number(t.cluster_gpus),
                p.training.days.value
            )
        } else {
            format!(" at ${}/hour", g.hourly_usd)
        }
    );
    let _ = writeln!(
        out,
        "   served on {} x {} ({})",
        format_number(e.own_model.gpus),
        e.own_model.gpu,
        e.own_model.model
    );
}

fn budget(out: &mut String, e: &Estimate) {
    let _ = writeln!(out);
    if let Some(note) = super::super::cost_lines::range_note(e) {
        let _ = writeln!(out, "{note}\n");
    }
    let _ = match e.break_even_requests_per_day {
        Some(x) => writeln!(
            out,
            "Break-even: self-hosting (C) costs less than the API (A) above about {} requests a day, staff included.",
            round3(x)
        ),
        None => writeln!(
            out,
            "Break-even: self-hosting (C) never costs less than the API (A) at these prices."
        ),
    };
    let _ = writeln!(
        out,
        "\nFirst year (a purchase counts once, not its write-off): without staff against the budget, and with staff:"
    );
    for s in Strategy::ALL {
        let first = e.first_year_usd[s].map_or_else(|| "unknown".to_owned(), money);
        let share = e.budget_share[s].map_or_else(String::new, |b| {
            if b.is_infinite() {
                format!(" ({})", crate::number::percent(b))
            } else {
                format!(" ({} of the budget)", crate::number::percent(b))
            }
        });
        let _ = writeln!(
            out,
            "  {s}  {first}{share}; with staff {}",
            money(e.first_year_with_staff_usd[s])
        );
    }
}
