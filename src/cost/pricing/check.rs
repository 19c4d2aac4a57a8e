//! Checks of a parsed pricing file: numbers in range, ids that refer to something, staff
//! figures for every strategy.

use super::{Found, Pricing};
use crate::diagnostic::Diagnostic;
use crate::options::Strategy;

fn bad(found: &mut Found, at: &str, what: &str, value: f64, allowed: &str) {
    found.push((
        at.to_owned(),
        Diagnostic::nowhere(format!("{what}: found {value}")).note(format!("allowed: {allowed}")),
    ));
}

fn positive(found: &mut Found, at: &str, what: &str, value: f64) {
    if !(value.is_finite() && value > 0.0) {
        bad(found, at, what, value, "a number above 0");
    }
}

pub(super) fn numbers(p: &Pricing, found: &mut Found) {
    if p.currency != "USD" {
        found.push((
            "currency".to_owned(),
            Diagnostic::nowhere(format!("currency: found \"{}\"", p.currency))
                .note("allowed: \"USD\""),
        ));
    }
    for (at, d) in [
        ("api/input_per_output", &p.api.input_per_output),
        (
            "api/default_tokens_per_request",
            &p.api.default_tokens_per_request,
        ),
        (
            "training/tokens_per_parameter",
            &p.training.tokens_per_parameter,
        ),
    ] {
        positive(found, &format!("{at}/value"), at, d.value);
    }
    for (at, d) in [
        ("serving/utilization", &p.serving.utilization),
        ("training/utilization", &p.training.utilization),
    ] {
        if !(d.value.is_finite() && d.value > 0.0 && d.value <= 1.0) {
            bad(
                found,
                &format!("{at}/value"),
                at,
                d.value,
                "a share above 0 and at most 1",
            );
        }
    }
    for (i, t) in p.api.tiers.iter().enumerate() {
        for (key, v) in [
            ("input_per_million", t.input_per_million),
            ("output_per_million", t.output_per_million),
        ] {
            if !(v.is_finite() && v >= 0.0) {
                bad(
                    found,
                    &format!("api/tiers/{i}/{key}"),
                    key,
                    v,
                    "a price >= 0",
                );
            }
        }
    }
    prices(p, found);
}

/// Prices and capacities: fine-tuning, GPUs and served models.
fn prices(p: &Pricing, found: &mut Found) {
    let ft = &p.fine_tuning;
    for (key, v) in [
        ("training_per_million", ft.training_per_million),
        ("input_per_million", ft.input_per_million),
        ("output_per_million", ft.output_per_million),
        ("epochs", ft.epochs),
        ("tokens_per_example", ft.tokens_per_example),
    ] {
        positive(found, &format!("fine_tuning/{key}"), key, v);
    }
    for (i, g) in p.gpus.iter().enumerate() {
        positive(
            found,
            &format!("gpus/{i}/peak_bf16_flops"),
            "peak_bf16_flops",
            g.peak_bf16_flops,
        );
        positive(
            found,
            &format!("gpus/{i}/hourly_usd"),
            "hourly_usd",
            g.hourly_usd,
        );
    }
    for (i, m) in p.serving.models.iter().enumerate() {
        for (key, v) in [
            ("params", m.params),
            ("gpus_per_replica", m.gpus_per_replica),
            ("tokens_per_second", m.tokens_per_second),
        ] {
            positive(found, &format!("serving/models/{i}/{key}"), key, v);
        }
    }
    positive(
        found,
        "serving/tuning_epochs",
        "tuning_epochs",
        p.serving.tuning_epochs,
    );
}

fn reference(found: &mut Found, at: &str, what: &str, id: &str, ids: &[&str]) {
    if ids.contains(&id) {
        return;
    }
    let d = Diagnostic::nowhere(format!("{what}: unknown id \"{id}\""))
        .note(format!("allowed: {}", crate::questions::quote_list(ids)))
        .suggest(id, ids.iter().copied());
    found.push((at.to_owned(), d));
}

pub(super) fn references(p: &Pricing, found: &mut Found) {
    let gpus: Vec<&str> = p.gpus.iter().map(|g| g.id.as_str()).collect();
    for (i, m) in p.serving.models.iter().enumerate() {
        reference(
            found,
            &format!("serving/models/{i}/gpu"),
            "gpu",
            &m.gpu,
            &gpus,
        );
    }
    reference(
        found,
        "training/gpu",
        "training gpu",
        &p.training.gpu,
        &gpus,
    );
    let tiers: Vec<&str> = p.api.tiers.iter().map(|t| t.id.as_str()).collect();
    reference(
        found,
        "api/default_tier",
        "default_tier",
        &p.api.default_tier,
        &tiers,
    );
    let models: Vec<&str> = p.serving.models.iter().map(|m| m.id.as_str()).collect();
    reference(
        found,
        "serving/default_model",
        "default_model",
        &p.serving.default_model,
        &models,
    );
}

pub(super) fn staff(p: &Pricing, found: &mut Found) {
    for s in Strategy::ALL {
        match p.staff.yearly_usd.get(s.name()) {
            Some(v) if v.is_finite() && *v >= 0.0 => {}
            Some(v) => bad(
                found,
                &format!("staff/yearly_usd/{s}"),
                &format!("staff cost of {s}"),
                *v,
                "a number >= 0",
            ),
            None => found.push((
                "staff/yearly_usd".to_owned(),
                Diagnostic::nowhere(format!("staff cost of strategy {s} is missing"))
                    .note("add it under staff: yearly_usd:"),
            )),
        }
    }
    for key in p.staff.yearly_usd.keys() {
        if Strategy::from_name(key).is_none() {
            found.push((
                format!("staff/yearly_usd/{key}:key"),
                Diagnostic::nowhere(format!("unknown strategy \"{key}\""))
                    .note("allowed: \"A\", \"B\", \"C\", \"D\""),
            ));
        }
    }
}
