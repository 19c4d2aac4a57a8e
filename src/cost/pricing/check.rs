//! Checks of a parsed pricing file: numbers in range, dates that are dates, ids that refer to
//! something, and the tiers, classes and teams the estimate needs.

use super::{Found, Pricing};
use crate::answers::{SIZE_CLASSES, TIERS};
use crate::diagnostic::Diagnostic;
use crate::options::Strategy;

fn bad(found: &mut Found, at: &str, what: &str, value: f64, allowed: &str) {
    found.push((
        at.to_owned(),
        Diagnostic::nowhere(format!("{what}: found {value}")).note(format!("allowed: {allowed}")),
    ));
}

/// Figures that must be above zero, and prices that may be zero.
fn check(found: &mut Found, at: &str, value: f64, zero_ok: bool) {
    let key = at.rsplit('/').next().unwrap_or(at);
    let ok = value.is_finite() && (value > 0.0 || (zero_ok && value == 0.0));
    if !ok {
        let allowed = if zero_ok {
            "a number >= 0"
        } else {
            "a number above 0"
        };
        bad(found, at, key, value, allowed);
    }
}

/// A `[low, high]` range, when given, must hold the figure and be above zero.
fn around(found: &mut Found, at: &str, range: Option<[f64; 2]>, point: f64) {
    let Some([low, high]) = range else { return };
    let ok = low.is_finite() && high.is_finite() && low > 0.0 && low <= point && point <= high;
    if !ok {
        let key = at.rsplit('/').next().unwrap_or(at);
        found.push((
            at.to_owned(),
            Diagnostic::nowhere(format!("{key}: found [{low}, {high}] around {point}"))
                .note("allowed: [low, high] with 0 < low <= the figure <= high"),
        ));
    }
}

fn date(found: &mut Found, at: &str, text: &str) {
    let b = text.as_bytes();
    let valid = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        // A month of 13 or a day of 45 has the shape but is no day: the staleness check,
        // which counts days, would pass over it in silence.
        && crate::cost::staleness::days(text).is_some();
    if !valid {
        found.push((
            at.to_owned(),
            Diagnostic::nowhere(format!("date: found \"{text}\""))
                .note("allowed: a date written YYYY-MM-DD"),
        ));
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
    let (api, owned, training, serving) = (&p.api, &p.owned, &p.training, &p.serving);
    let tuning = &p.fine_tuning;
    for (at, d) in [
        ("api/input_per_output", &api.input_per_output),
        (
            "api/default_tokens_per_request",
            &api.default_tokens_per_request,
        ),
        ("api/reasoning_token_factor", &api.reasoning_token_factor),
        ("api/agent_token_factor", &api.agent_token_factor),
        (
            "api/classify_input_per_output",
            &api.classify_input_per_output,
        ),
        (
            "api/extract_input_per_output",
            &api.extract_input_per_output,
        ),
        ("api/agent_input_per_output", &api.agent_input_per_output),
        ("fine_tuning/epochs", &tuning.epochs),
        ("fine_tuning/tokens_per_example", &tuning.tokens_per_example),
        ("serving/peak_to_mean", &serving.peak_to_mean),
        ("serving/request_seconds", &serving.request_seconds),
        ("serving/tuning_epochs", &serving.tuning_epochs),
        ("owned/lifetime_years", &owned.lifetime_years),
        ("owned/power_usd_per_kwh", &owned.power_usd_per_kwh),
        ("owned/pue", &owned.pue),
        (
            "owned/space_usd_per_kw_month",
            &owned.space_usd_per_kw_month,
        ),
        ("owned/lead_time_weeks", &owned.lead_time_weeks),
        (
            "training/tokens_per_parameter",
            &training.tokens_per_parameter,
        ),
        ("training/min_params", &training.min_params),
        ("training/days", &training.days),
        ("staff/overhead", &p.staff.overhead),
        ("staff/rollout_months", &p.staff.rollout_months),
    ] {
        check(found, &format!("{at}/value"), d.value, false);
        around(found, &format!("{at}/range"), d.range, d.value);
        date(found, &format!("{at}/date"), &d.date);
    }
    for (at, d) in [
        ("api/stable_prompt_share", &api.stable_prompt_share),
        ("serving/usable_memory", &serving.usable_memory),
        ("serving/prefill_utilization", &serving.prefill_utilization),
        ("training/utilization", &training.utilization),
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
        around(found, &format!("{at}/range"), d.range, d.value);
        date(found, &format!("{at}/date"), &d.date);
    }
    prices(p, found);
}

/// Per-item prices and capacities.
fn prices(p: &Pricing, found: &mut Found) {
    for (i, t) in p.api.tiers.iter().enumerate() {
        for (key, v) in [
            ("input_per_million", t.input_per_million),
            ("cached_input_per_million", t.cached_input_per_million),
            ("output_per_million", t.output_per_million),
            ("batch_input_per_million", t.batch_input_per_million),
            ("batch_output_per_million", t.batch_output_per_million),
        ] {
            check(found, &format!("api/tiers/{i}/{key}"), v, true);
        }
        date(found, &format!("api/tiers/{i}/date"), &t.date);
    }
    for (i, o) in p.fine_tuning.offers.iter().enumerate() {
        let at = format!("fine_tuning/offers/{i}");
        for (key, v) in [
            ("training_per_million", o.training_per_million),
            ("training_per_hour", o.training_per_hour),
            ("hours_per_thousand_examples", o.hours_per_thousand_examples),
            ("input_per_million", Some(o.input_per_million)),
            ("output_per_million", Some(o.output_per_million)),
        ] {
            if let Some(v) = v {
                check(found, &format!("{at}/{key}"), v, true);
            }
        }
        date(found, &format!("{at}/date"), &o.date);
    }
    for (i, e) in p.endpoints.iter().enumerate() {
        check(
            found,
            &format!("endpoints/{i}/input_per_million"),
            e.input_per_million,
            true,
        );
        check(
            found,
            &format!("endpoints/{i}/output_per_million"),
            e.output_per_million,
            true,
        );
        date(found, &format!("endpoints/{i}/date"), &e.date);
    }
    for (i, g) in p.gpus.iter().enumerate() {
        for (key, v) in [
            ("peak_bf16_flops", g.peak_bf16_flops),
            ("memory_gb", g.memory_gb),
            ("power_watts", g.power_watts),
            ("hourly_usd", g.hourly_usd),
            ("purchase_usd", g.purchase_usd),
        ] {
            check(found, &format!("gpus/{i}/{key}"), v, false);
        }
        date(found, &format!("gpus/{i}/date"), &g.date);
        for (key, range, point) in [
            ("hourly_range", g.hourly_range, g.hourly_usd),
            ("purchase_range", g.purchase_range, g.purchase_usd),
        ] {
            around(found, &format!("gpus/{i}/{key}"), range, point);
        }
    }
    for (i, c) in p.serving.classes.iter().enumerate() {
        for (key, v) in [
            ("params", c.params),
            ("active_params", c.active_params),
            ("kv_bytes_per_token", c.kv_bytes_per_token),
            ("bytes_per_param", c.bytes_per_param),
            (
                "output_tokens_per_second_per_gpu",
                c.output_tokens_per_second_per_gpu,
            ),
        ] {
            check(found, &format!("serving/classes/{i}/{key}"), v, false);
        }
        date(found, &format!("serving/classes/{i}/date"), &c.date);
    }
    for (i, r) in p.staff.roles.iter().enumerate() {
        check(
            found,
            &format!("staff/roles/{i}/yearly_usd"),
            r.yearly_usd,
            true,
        );
        date(found, &format!("staff/roles/{i}/date"), &r.date);
    }
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

fn required(found: &mut Found, at: &str, what: &str, needed: &[&str], ids: &[&str]) {
    for id in needed {
        if !ids.contains(id) {
            found.push((
                at.to_owned(),
                Diagnostic::nowhere(format!("{what} \"{id}\" is missing")).note(format!(
                    "the estimate needs each of {}",
                    crate::questions::quote_list(needed)
                )),
            ));
        }
    }
}

pub(super) fn references(p: &Pricing, found: &mut Found) {
    let gpus: Vec<&str> = p.gpus.iter().map(|g| g.id.as_str()).collect();
    let tiers: Vec<&str> = p.api.tiers.iter().map(|t| t.id.as_str()).collect();
    let classes: Vec<&str> = p.serving.classes.iter().map(|c| c.id.as_str()).collect();
    required(found, "api/tiers", "tier", &TIERS, &tiers);
    required(
        found,
        "serving/classes",
        "size class",
        &SIZE_CLASSES,
        &classes,
    );
    let endpoints: Vec<&str> = p.endpoints.iter().map(|e| e.class.as_str()).collect();
    required(
        found,
        "endpoints",
        "endpoint for size class",
        &SIZE_CLASSES,
        &endpoints,
    );
    for (i, c) in p.serving.classes.iter().enumerate() {
        reference(
            found,
            &format!("serving/classes/{i}/gpu"),
            "gpu",
            &c.gpu,
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
    if p.fine_tuning.offers.is_empty() {
        found.push((
            "fine_tuning/offers".to_owned(),
            Diagnostic::nowhere("no fine-tuning offers")
                .note("list at least one offer under fine_tuning: offers:"),
        ));
    }
    for (i, o) in p.fine_tuning.offers.iter().enumerate() {
        let at = format!("fine_tuning/offers/{i}");
        reference(found, &format!("{at}/tier"), "tier", &o.tier, &tiers);
        reference(
            found,
            &format!("{at}/method"),
            "method",
            &o.method,
            &["supervised", "reinforcement"],
        );
        let priced = o.training_per_million.is_some()
            || (o.training_per_hour.is_some() && o.hours_per_thousand_examples.is_some());
        if !priced {
            found.push((at, Diagnostic::nowhere("a fine-tuning offer without a training price")
                .note("give training_per_million, or training_per_hour with hours_per_thousand_examples")));
        }
    }
    for (i, e) in p.endpoints.iter().enumerate() {
        reference(
            found,
            &format!("endpoints/{i}/class"),
            "size class",
            &e.class,
            &classes,
        );
    }
}

pub(super) fn staff(p: &Pricing, found: &mut Found) {
    let roles: Vec<&str> = p.staff.roles.iter().map(|r| r.id.as_str()).collect();
    required(found, "staff/roles", "role", &["ml_engineer"], &roles);
    for s in Strategy::ALL {
        if !p.staff.teams.contains_key(s.name()) {
            found.push((
                "staff/teams".to_owned(),
                Diagnostic::nowhere(format!("the team of strategy {s} is missing"))
                    .note("add it under staff: teams:"),
            ));
        }
    }
    for (key, team) in &p.staff.teams {
        if Strategy::from_name(key).is_none() {
            found.push((
                format!("staff/teams/{key}:key"),
                Diagnostic::nowhere(format!("unknown strategy \"{key}\""))
                    .note("allowed: \"A\", \"B\", \"C\", \"D\""),
            ));
        }
        for (role, people) in team {
            reference(
                found,
                &format!("staff/teams/{key}/{role}:key"),
                "role",
                role,
                &roles,
            );
            check(found, &format!("staff/teams/{key}/{role}"), *people, true);
        }
    }
}
