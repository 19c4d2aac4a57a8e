//! The assumptions under `llm-strategy cost`: every figure the estimate used, with its date
//! and source, for the text and Markdown formats alike.

use crate::cost::{Estimate, Pricing};
use crate::number::{format_number, money, round3};

/// One figure the estimate used: what it is, when it was observed, where it comes from.
pub(super) struct Assumption {
    pub(super) what: String,
    pub(super) date: String,
    pub(super) source: String,
}

/// Every figure the estimate used, in a fixed order.
pub(super) fn assumptions(e: &Estimate, p: &Pricing) -> Vec<Assumption> {
    let mut out = Vec::new();
    let mut line = |what: String, date: &str, source: &str| {
        out.push(Assumption {
            what,
            date: date.to_owned(),
            source: source.to_owned(),
        });
    };
    let tier = p.tier(&e.sizing.tier);
    line(format!("API tier: {}", tier.name), &tier.date, &tier.source);
    let offer = p.tuning_offer(&e.sizing.tier);
    line(
        format!("provider tuning: {}", offer.name),
        &offer.date,
        &offer.source,
    );
    let endpoint = p.endpoint(&e.sizing.class);
    line(
        format!(
            "managed open weights: {}, ${} in / ${} out per million",
            endpoint.name, endpoint.input_per_million, endpoint.output_per_million
        ),
        &endpoint.date,
        &endpoint.source,
    );
    let a = &p.api;
    for (what, d) in [
        ("input tokens per output token", &a.input_per_output),
        (
            "tokens per request when unanswered",
            &a.default_tokens_per_request,
        ),
        (
            "share of a prompt read from the cache",
            &a.stable_prompt_share,
        ),
        ("token factor of reasoning tasks", &a.reasoning_token_factor),
        ("token factor of agent tasks", &a.agent_token_factor),
        (
            "prompt per completion tokens, classification",
            &a.classify_input_per_output,
        ),
        (
            "prompt per completion tokens, extraction",
            &a.extract_input_per_output,
        ),
        (
            "prompt per completion tokens, agents",
            &a.agent_input_per_output,
        ),
        ("peak traffic over mean", &p.serving.peak_to_mean),
        ("prefill utilization", &p.serving.prefill_utilization),
        (
            "seconds a request holds its KV cache",
            &p.serving.request_seconds,
        ),
        ("usable share of GPU memory", &p.serving.usable_memory),
        ("training utilization", &p.training.utilization),
        (
            "training tokens per parameter",
            &p.training.tokens_per_parameter,
        ),
        ("smallest model worth training", &p.training.min_params),
        ("staff overhead over pay", &p.staff.overhead),
        ("engineer-months to roll out C", &p.staff.rollout_months),
    ] {
        line(format!("{what}: {}", round3(d.value)), &d.date, &d.source);
    }
    hardware(&mut line, e, p);
    out
}

/// The serving class, the GPUs, owned hardware and staff.
fn hardware(line: &mut impl FnMut(String, &str, &str), e: &Estimate, p: &Pricing) {
    let class = p.class(&e.sizing.class);
    line(
        format!(
            "{}: {} output tokens/s per GPU, {} bytes per parameter, {} KB of KV cache per token",
            class.name,
            format_number(class.output_tokens_per_second_per_gpu),
            class.bytes_per_param,
            round3(class.kv_bytes_per_token / 1e3)
        ),
        &class.date,
        &class.source,
    );
    for g in &p.gpus {
        line(
            format!(
                "{}: {} TFLOP/s peak BF16, {} GB, {} W, ${}/hour or {} to buy",
                g.name,
                round3(g.peak_bf16_flops / 1e12),
                g.memory_gb,
                g.power_watts,
                g.hourly_usd,
                money(g.purchase_usd)
            ),
            &g.date,
            &g.source,
        );
    }
    if e.owned_hardware {
        let o = &p.owned;
        for (what, d) in [
            ("years to write off", &o.lifetime_years),
            ("USD per kWh", &o.power_usd_per_kwh),
            ("PUE", &o.pue),
            ("USD per kW a month of space", &o.space_usd_per_kw_month),
            ("weeks from order to service", &o.lead_time_weeks),
        ] {
            line(format!("{what}: {}", round3(d.value)), &d.date, &d.source);
        }
    }
    for r in &p.staff.roles {
        line(
            format!("{}: {} a year before overhead", r.name, money(r.yearly_usd)),
            &r.date,
            &r.source,
        );
    }
}
