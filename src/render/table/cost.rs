//! `llm-strategy cost` as text: the estimate line by line, with every assumption and its source.

use std::fmt::Write as _;

use crate::cost::{CostReport, Estimate, HOURS_PER_MONTH, Pricing};
use crate::number::{money, round3};
use crate::options::Strategy;

/// The breakdown as text, wrapped to `width` columns.
pub(super) fn render(cost: &CostReport<'_>, width: usize) -> String {
    let text = lines(cost.scenario, cost.cost, cost.pricing);
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
    budget(&mut out, e);
    assumptions(&mut out, p);
    out
}

fn traffic(out: &mut String, name: &str, e: &Estimate) {
    let a = &e.assumptions;
    let _ = writeln!(out, "{name}: estimated cost per strategy (USD)\n");
    let _ = writeln!(
        out,
        "Traffic: {} tokens a month = {} requests/day x {} tokens per request{} x {:.2} days;",
        round3(a.tokens_per_month),
        round3(a.requests_per_day),
        round3(a.tokens_per_request),
        if a.tokens_per_request_defaulted {
            " (assumed: [traffic] tokens_per_request unanswered)"
        } else {
            ""
        },
        crate::cost::DAYS_PER_MONTH
    );
    let _ = writeln!(
        out,
        "  {} input tokens per output token.\n",
        a.input_per_output
    );
}

/// Strategies A and B: hosted models, billed per token.
fn hosted(out: &mut String, e: &Estimate, p: &Pricing) {
    let tier = p.tier();
    let ft = &p.fine_tuning;
    let staff = |s: Strategy| money(e.monthly_staff_usd[s]);
    let _ = writeln!(out, "A  {} a month", money(e.monthly_usd[Strategy::A]));
    let _ = writeln!(
        out,
        "   API fees {} ({}: ${} in / ${} out per million tokens) + staff {}",
        money(e.monthly_usage_usd[Strategy::A]),
        tier.name,
        tier.input_per_million,
        tier.output_per_million,
        staff(Strategy::A)
    );
    let _ = writeln!(
        out,
        "B  {} a month, {} once",
        money(e.monthly_usd[Strategy::B]),
        money(e.one_time_usd.B)
    );
    let _ = writeln!(
        out,
        "   tuned-model fees {} (${} in / ${} out per million) + staff {}",
        money(e.monthly_usage_usd[Strategy::B]),
        ft.input_per_million,
        ft.output_per_million,
        staff(Strategy::B)
    );
    let _ = writeln!(
        out,
        "   tuning: examples x {} tokens x {} epochs at ${} per million training tokens",
        ft.tokens_per_example, ft.epochs, ft.training_per_million
    );
}

/// Strategies C and D: models on your own GPUs.
fn self_hosted(out: &mut String, e: &Estimate, p: &Pricing) {
    let a = &e.assumptions;
    let staff = |s: Strategy| money(e.monthly_staff_usd[s]);
    let model = p.served();
    let gpu = p.gpu(&model.gpu);
    let _ = writeln!(
        out,
        "C  {} a month, {} once",
        money(e.monthly_usd[Strategy::C]),
        money(e.one_time_usd.C)
    );
    let _ = writeln!(
        out,
        "   {} GPUs ({}) at ${}/hour x {:.0} hours = {} + staff {}",
        e.self_hosting.gpus,
        gpu.name,
        gpu.hourly_usd,
        HOURS_PER_MONTH,
        money(e.monthly_usage_usd[Strategy::C]),
        staff(Strategy::C)
    );
    let _ = writeln!(
        out,
        "   {}: {} tokens/s per replica of {} GPU(s), at {:.0}% average load",
        model.name,
        model.tokens_per_second,
        model.gpus_per_replica,
        a.serving_utilization * 100.0
    );
    let d_once = e.one_time_usd.D.map_or_else(|| "unknown".to_owned(), money);
    let _ = writeln!(
        out,
        "D  {} a month, {d_once} once",
        money(e.monthly_usd[Strategy::D])
    );
    let _ = writeln!(
        out,
        "   serving {} + staff {}",
        money(e.monthly_usage_usd[Strategy::D]),
        staff(Strategy::D)
    );
    match &e.train {
        Some(t) => {
            let tg = p.gpu(&p.training.gpu);
            let _ = writeln!(
                out,
                "   training: 6 x {} parameters x {} tokens / ({} x {:.0}% utilization) = {} GPU-hours at ${}/hour",
                round3(t.params),
                round3(t.tokens),
                tflops(tg.peak_bf16_flops),
                a.training_utilization * 100.0,
                round3(t.gpu_hours),
                tg.hourly_usd
            );
            if t.params < crate::cost::USEFUL_PARAMS {
                let _ = writeln!(
                    out,
                    "   (a corpus this small trains a model far too small to be useful)"
                );
            }
        }
        None => {
            let _ = writeln!(
                out,
                "   training: unknown until [data] corpus_tokens is answered"
            );
        }
    }
}

fn budget(out: &mut String, e: &Estimate) {
    let _ = writeln!(out);
    let _ = match e.break_even_requests_per_day {
        Some(x) => writeln!(
            out,
            "Break-even: self-hosting (C) costs less than the API (A) above about {} requests a day.",
            round3(x)
        ),
        None => writeln!(
            out,
            "Break-even: self-hosting (C) never costs less than the API (A) at these prices."
        ),
    };
    let _ = writeln!(
        out,
        "\nFirst year against the budget (use and one-time costs, no staff):"
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
        let _ = writeln!(out, "  {s}  {first}{share}");
    }
}

fn assumptions(out: &mut String, p: &Pricing) {
    let tier = p.tier();
    let ft = &p.fine_tuning;
    let model = p.served();
    let _ = writeln!(out, "\nAssumptions (pricing file):");
    let mut assumption = |what: &str, date: &str, source: &str| {
        let _ = writeln!(out, "  - {what} [{date}; {source}]");
    };
    assumption(&format!("API tier {}", tier.name), &tier.date, &tier.source);
    assumption("provider fine-tuning prices", &ft.date, &ft.source);
    assumption(
        &format!("{} input per output token", p.api.input_per_output.value),
        &p.api.input_per_output.date,
        &p.api.input_per_output.source,
    );
    assumption(
        &format!(
            "{} tokens per request when unanswered",
            p.api.default_tokens_per_request.value
        ),
        &p.api.default_tokens_per_request.date,
        &p.api.default_tokens_per_request.source,
    );
    for g in &p.gpus {
        assumption(
            &format!(
                "{}: {} peak BF16, ${}/hour",
                g.name,
                tflops(g.peak_bf16_flops),
                g.hourly_usd
            ),
            &g.date,
            &g.source,
        );
    }
    assumption(
        &format!("served model {}", model.name),
        &model.date,
        &model.source,
    );
    assumption(
        &format!("serving load {:.0}%", p.serving.utilization.value * 100.0),
        &p.serving.utilization.date,
        &p.serving.utilization.source,
    );
    assumption(
        &format!(
            "training utilization {:.0}%",
            p.training.utilization.value * 100.0
        ),
        &p.training.utilization.date,
        &p.training.utilization.source,
    );
    assumption(
        &format!(
            "{} training tokens per parameter",
            p.training.tokens_per_parameter.value
        ),
        &p.training.tokens_per_parameter.date,
        &p.training.tokens_per_parameter.source,
    );
    let yearly: Vec<String> = Strategy::ALL
        .iter()
        .map(|s| format!("{s} {}", money(p.staff()[*s])))
        .collect();
    assumption(
        &format!("staff per year: {}", yearly.join(", ")),
        &p.staff.date,
        &p.staff.source,
    );
}
