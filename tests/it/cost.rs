//! The cost model (issue 5): training estimates against published runs, properties of the
//! API, fleet and break-even arithmetic, money formatting, the `cost` command, the cost
//! section of `assess` and `compare`, budgets that change the advice through the rules, and
//! pricing files (`--pricing FILE`, `pricing.yaml` in a `--rules DIR`). Broken and missing
//! pricing files are tested by the `cost-*` cases under `tests/cmd/`.

use std::path::Path;

use llm_strategy::answers::{self, Answer, Answers};
use llm_strategy::cost::{
    Estimate, Pricing, api_monthly, break_even, estimate, pricing, training_gpu_hours,
};
use llm_strategy::number::money;
use llm_strategy::options::Strategy;
use llm_strategy::questions::QuestionId;
use proptest::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

use crate::common::{examples, json, root, run, stdout};

/// The scenario whose money decides between D and C.
const FINANCE: &str = "examples/finance-data-monopoly.toml";
/// A scenario with a small corpus and modest traffic.
const SAAS: &str = "examples/saas-support-docs.toml";
/// The baseline of the compared pair.
const BANK: &str = "examples/regional-bank-advisor.toml";

/// Published training runs: (name, parameters, tokens, GPU id, GPU-hours reported).
const PUBLISHED: [(&str, f64, f64, &str, f64); 4] = [
    // LLaMA paper (Touvron et al., 2023): 65.2B on 1.4T tokens, 1,022,362 A100-80GB hours.
    ("LLaMA-65B", 65.2e9, 1.4e12, "a100", 1_022_362.0),
    // Llama 2 paper (Touvron et al., 2023): 70B and 7B on 2T tokens.
    ("Llama-2-70B", 70e9, 2e12, "a100", 1_720_320.0),
    ("Llama-2-7B", 7e9, 2e12, "a100", 184_320.0),
    // MosaicML MPT-7B (2023): 6.7B on 1T tokens, 440 A100-40GB (the 80GB's peak) for 9.5 days.
    ("MPT-7B", 6.7e9, 1e12, "a100", 440.0 * 9.5 * 24.0),
];

// ---------------------------------------------------------------------------------------
// Library helpers
// ---------------------------------------------------------------------------------------

fn built_in() -> Pricing {
    pricing::built_in().expect("the built-in pricing is valid")
}

/// Answers from TOML text.
fn parse(text: &str) -> Answers {
    answers::parse(Path::new("scenario.toml"), text.as_bytes())
        .unwrap_or_else(|e| panic!("invalid answers ({e}):\n{text}"))
}

/// A scenario with the given traffic; `extra` lines go into `[data]`.
fn scenario(requests_per_day: f64, tokens_per_request: u32, extra: &str) -> Answers {
    parse(&format!(
        "[data]\n\
         sensitivity = \"internal\"\n\
         labeled_examples = 5000\n\
         {extra}\n\
         [team]\n\
         ml_talent = \"experienced\"\n\
         [budget]\n\
         annual_usd = 1000000\n\
         [traffic]\n\
         requests_per_day = {requests_per_day:?}\n\
         tokens_per_request = {tokens_per_request}\n"
    ))
}

fn estimate_at(requests_per_day: f64, tokens_per_request: u32, p: &Pricing) -> Estimate {
    estimate(&scenario(requests_per_day, tokens_per_request, ""), p)
}

/// The break-even of the standard scenario under `p` (it does not depend on the traffic).
fn break_even_of(tokens_per_request: u32, p: &Pricing) -> Option<f64> {
    estimate_at(1000.0, tokens_per_request, p).break_even_requests_per_day
}

/// The built-in pricing with every GPU's hourly price multiplied by `factor`.
fn gpus_priced(factor: f64) -> Pricing {
    let mut p = built_in();
    for g in &mut p.gpus {
        g.hourly_usd *= factor;
    }
    p
}

/// The built-in pricing with the fleet sized for peaks `peak` times the mean traffic.
fn peak_at(peak: f64) -> Pricing {
    let mut p = built_in();
    p.serving.peak_to_mean.value = peak;
    p
}

/// `None` (never breaks even) counts as infinitely many requests.
fn or_infinite(x: Option<f64>) -> f64 {
    x.unwrap_or(f64::INFINITY)
}

fn relative_error(got: f64, want: f64) -> f64 {
    if want == 0.0 {
        got.abs()
    } else {
        (got / want - 1.0).abs()
    }
}

/// The break-even under GPUs at `dear` times the built-in prices is no lower than under
/// `cheap` times.
fn gpu_price_monotonic(cheap: f64, dear: f64, tokens: u32) -> Result<(), TestCaseError> {
    let before = break_even_of(tokens, &gpus_priced(cheap));
    let after = break_even_of(tokens, &gpus_priced(dear));
    prop_assert!(
        or_infinite(after) >= or_infinite(before) * (1.0 - 1e-9),
        "{tokens} tokens/request; GPUs x{cheap}: {before:?}; x{dear}: {after:?}"
    );
    Ok(())
}

/// The break-even with peaks `high` times the mean is no lower than with `low` times.
fn peak_monotonic(low: f64, high: f64, tokens: u32) -> Result<(), TestCaseError> {
    let before = break_even_of(tokens, &peak_at(low));
    let after = break_even_of(tokens, &peak_at(high));
    prop_assert!(
        or_infinite(after) >= or_infinite(before) * (1.0 - 1e-9),
        "{tokens} tokens/request; peak x{low}: {before:?}; peak x{high}: {after:?}"
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Training from scratch
// ---------------------------------------------------------------------------------------

#[test]
fn training_estimates_land_within_25_percent_of_published_runs() {
    let p = built_in();
    for (name, params, tokens, gpu, published) in PUBLISHED {
        let g = p.gpu(gpu);
        assert_eq!(g.id, gpu, "{name}: the built-in pricing lists {gpu}");
        let estimate = training_gpu_hours(
            params,
            tokens,
            g.peak_bf16_flops,
            p.training.utilization.value,
        );
        let error = estimate / published - 1.0;
        assert!(
            error.abs() <= 0.25,
            "{name}: estimated {estimate:.0} GPU-hours vs {published:.0} published ({:+.1}%)",
            error * 100.0
        );
    }
}

#[test]
#[allow(
    clippy::float_cmp,
    reason = "the tokens are the answer itself and the parameters one exact division of it"
)]
fn estimate_sizes_the_training_run_from_the_corpus() {
    let p = built_in();
    let e = estimate(&scenario(1000.0, 1500, "corpus_tokens = 1.4e12"), &p);
    let train = e.train;
    assert_eq!(train.tokens, 1.4e12);
    assert_eq!(train.params, 7e10);
    assert_eq!(train.own_tokens, 1.4e12);
    assert_eq!(train.public_tokens, 0.0);
    let gpu = p.gpu(&p.training.gpu);
    assert_eq!(train.gpu, gpu.name);
    let want = training_gpu_hours(
        7e10,
        1.4e12,
        gpu.peak_bf16_flops,
        p.training.utilization.value,
    );
    assert!(
        relative_error(train.gpu_hours, want) < 1e-12,
        "{} vs {want}",
        train.gpu_hours
    );
    // Rented GPUs: the one-time cost of D is the run's GPU-hours at the hourly price.
    let d = e.one_time_usd[Strategy::D];
    assert!(relative_error(d, want * gpu.hourly_usd) < 1e-12, "{d}");

    // Without a corpus, the smallest model worth training, on public text only.
    let without = estimate(&scenario(1000.0, 1500, ""), &p).train;
    assert_eq!(without.params, p.training.min_params.value);
    assert_eq!(without.own_tokens, 0.0);
    assert_eq!(
        without.public_tokens,
        p.training.min_params.value * p.training.tokens_per_parameter.value
    );
    // A small corpus is topped up with public text to the compute-optimal count.
    let small = estimate(&scenario(1000.0, 1500, "corpus_tokens = 5e8"), &p).train;
    assert_eq!(small.params, p.training.min_params.value);
    assert_eq!(small.own_tokens + small.public_tokens, small.tokens);
    assert_eq!(small.own_tokens, 5e8);
}

// ---------------------------------------------------------------------------------------
// Properties of the API, the fleet and the break-even
// ---------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// API fees (A) and tuned-model fees (B) are proportional to the traffic.
    #[test]
    fn api_cost_is_linear_in_requests(requests in 1u32..5_000_000, tokens in 1u32..20_000) {
        let p = built_in();
        let one = estimate_at(f64::from(requests), tokens, &p).monthly_usage_usd;
        let two = estimate_at(2.0 * f64::from(requests), tokens, &p).monthly_usage_usd;
        for s in [Strategy::A, Strategy::B] {
            prop_assert!(one[s] > 0.0, "{s}: {}", one[s]);
            prop_assert!(
                relative_error(two[s], 2.0 * one[s]) <= 1e-9,
                "{s}: {} at twice the traffic vs {} at once", two[s], one[s]
            );
        }
    }

    /// No traffic, no API fees.
    #[test]
    fn api_cost_is_zero_without_traffic(tokens in 1u32..20_000) {
        let e = estimate_at(0.0, tokens, &built_in());
        prop_assert!(e.monthly_usage_usd[Strategy::A] == 0.0, "{:?}", e.monthly_usage_usd);
        prop_assert!(e.monthly_usage_usd[Strategy::B] == 0.0, "{:?}", e.monthly_usage_usd);
    }

    /// `api_monthly` is linear in the tokens and splits them input/output by the ratio.
    #[test]
    fn api_monthly_is_linear(
        tokens in 0.0f64..1e12,
        ratio in 0.1f64..10.0,
        input in 0.0f64..100.0,
        output in 0.0f64..100.0,
    ) {
        let one = api_monthly(tokens, ratio, input, output);
        let two = api_monthly(2.0 * tokens, ratio, input, output);
        prop_assert!(relative_error(two, 2.0 * one) <= 1e-9, "{two} vs 2 x {one}");
        let same = api_monthly(tokens, ratio, input, input);
        prop_assert!(relative_error(same, tokens * input / 1e6) <= 1e-9, "{same}");
    }

    /// More traffic never needs fewer GPUs, and there is always at least one replica.
    #[test]
    fn self_hosted_gpus_grow_with_traffic(
        low in 0u32..10_000_000,
        more in 0u32..10_000_000,
        tokens in 1u32..20_000,
    ) {
        let p = built_in();
        let fleet = estimate_at(f64::from(low), tokens, &p).self_hosting;
        let (a, replica) = (fleet.gpus, fleet.gpus_per_replica);
        let b = estimate_at(f64::from(low) + f64::from(more), tokens, &p).self_hosting.gpus;
        prop_assert!(a >= replica, "{a} GPUs, a replica needs {replica}");
        prop_assert!(b >= a, "{b} GPUs at more traffic than {a}");
        prop_assert!((a / replica).fract() == 0.0, "{a} GPUs is not whole replicas of {replica}");
    }

    /// Dearer GPUs never make self-hosting pay off at less traffic. Runs where a replica
    /// costs less than the monthly fees it replaces (GPUs at up to 0.95 times the built-in
    /// prices); dearer GPUs are `break_even_rises_with_the_gpu_price_dear_gpus`.
    #[test]
    fn break_even_rises_with_the_gpu_price(
        factor in 0.2f64..0.95,
        share in 0.0f64..1.0,
        tokens in 100u32..10_000,
    ) {
        gpu_price_monotonic(factor, factor + (0.95 - factor) * share, tokens)?;
    }

    /// Sizing for higher peaks never makes self-hosting pay off at less traffic.
    #[test]
    fn break_even_rises_with_the_peak(
        low in 1.0f64..3.0,
        rise in 1.0f64..2.0,
        tokens in 100u32..10_000,
    ) {
        peak_monotonic(low, low * rise, tokens)?;
    }

    /// A free API is never worth replacing.
    #[test]
    fn break_even_is_null_when_the_api_is_free(tokens in 1u32..20_000, factor in 0.1f64..10.0) {
        let mut p = gpus_priced(factor);
        for t in &mut p.api.tiers {
            t.input_per_million = 0.0;
            t.output_per_million = 0.0;
        }
        prop_assert_eq!(break_even_of(tokens, &p), None);
    }

    /// The break-even is where the monthly totals cross: just above it self-hosting (C) costs
    /// less than the API (A), just below it does not.
    #[test]
    fn self_hosting_is_cheaper_just_above_the_break_even(tokens in 100u32..10_000) {
        let p = built_in();
        let x = break_even_of(tokens, &p).expect("the built-in prices break even");
        let above = estimate_at(x * (1.0 + 1e-7), tokens, &p).monthly_usd;
        let below = estimate_at(x * (1.0 - 1e-7), tokens, &p).monthly_usd;
        prop_assert!(
            above[Strategy::C] < above[Strategy::A],
            "above {x}: C {} vs A {}", above[Strategy::C], above[Strategy::A]
        );
        prop_assert!(
            below[Strategy::C] >= below[Strategy::A],
            "below {x}: C {} vs A {}", below[Strategy::C], below[Strategy::A]
        );
    }
}

// The ignored properties document bugs: they run more cases so that `--ignored` finds them,
// and keep no regression file, since their failures are known.
proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(1024)
    })]

    /// `break_even_rises_with_the_gpu_price` where a replica can cost more than the fees it
    /// replaces: GPUs from 0.95 to 2 times the built-in prices (above about 1.97 times, the
    /// fleet never pays off).
    #[test]
    fn break_even_rises_with_the_gpu_price_dear_gpus(
        factor in 0.95f64..2.0,
        rise in 1.0f64..1.5,
        tokens in 100u32..10_000,
    ) {
        gpu_price_monotonic(factor, factor * rise, tokens)?;
    }


    /// Above the break-even, self-hosting stays cheaper (the field's documentation: "requests
    /// per day above which self-hosting (C) costs less per month than the API (A)").
    #[test]
    fn self_hosting_stays_cheaper_above_the_break_even(
        tokens in 100u32..10_000,
        above in 1e-6f64..0.2,
    ) {
        let p = built_in();
        let x = break_even_of(tokens, &p).expect("the built-in prices break even");
        let r = x * (1.0 + above);
        let e = estimate_at(r, tokens, &p).monthly_usd;
        prop_assert!(
            e[Strategy::C] < e[Strategy::A],
            "{tokens} tokens/request, break-even {x}: at {r} requests/day C {} vs A {}",
            e[Strategy::C], e[Strategy::A]
        );
    }

    /// Wherever self-hosting costs less than the API, a break-even exists (with the built-in
    /// staff costs, self-hosting can only be cheaper where each replica saves more than it
    /// costs, so it stays cheaper above some traffic), whatever the GPUs cost.
    #[test]
    fn break_even_exists_wherever_self_hosting_is_cheaper(
        factor in 0.2f64..5.0,
        requests in 1_000u32..20_000_000,
        tokens in 100u32..10_000,
    ) {
        let p = gpus_priced(factor);
        let e = estimate_at(f64::from(requests), tokens, &p);
        if e.monthly_usd[Strategy::C] < e.monthly_usd[Strategy::A] {
            let x = e.break_even_requests_per_day;
            prop_assert!(
                x.is_some(),
                "GPUs x{factor}, {tokens} tokens/request: at {requests} requests/day C {} < A {}, \
                 but break-even is {x:?}",
                e.monthly_usd[Strategy::C], e.monthly_usd[Strategy::A]
            );
        }
    }
}

/// The shrunk counterexample of `break_even_rises_with_the_gpu_price_dear_gpus`.
#[test]
fn gpu_price_rise_turns_a_null_break_even_into_a_number() {
    let before = break_even_of(100, &gpus_priced(1.142_904_995_901_093_5));
    let after = break_even_of(100, &gpus_priced(1.272_205_411_139_706_5));
    assert!(
        or_infinite(after) >= or_infinite(before),
        "cheaper GPUs: {before:?}; dearer GPUs: {after:?}"
    );
}

#[test]
fn break_even_direct() {
    // $1 per daily request a month; a replica serves 1,000 requests/day for $500 a month.
    let x = break_even(1.0, 1000.0, 500.0, 0.0, 0.0).expect("breaks even");
    assert!((x - 500.0).abs() < 1e-9, "{x}");
    // Free API: never.
    assert_eq!(break_even(0.0, 1000.0, 500.0, 0.0, 0.0), None);
    // A replica dearer than the fees it replaces: never.
    assert_eq!(break_even(0.1, 1000.0, 500.0, 0.0, 0.0), None);
}

// ---------------------------------------------------------------------------------------
// Money
// ---------------------------------------------------------------------------------------

#[test]
fn money_keeps_three_significant_figures_with_separators() {
    assert_eq!(money(12_345.0), "$12,300");
    assert_eq!(money(1_234_567.0), "$1,230,000");
}

// ---------------------------------------------------------------------------------------
// CLI helpers
// ---------------------------------------------------------------------------------------

fn number(v: &Value, what: &str) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("{what} is not a number: {v}"))
}

/// `args` as strings, for commands that mix paths and flags.
fn args<'a>(items: impl IntoIterator<Item = &'a std::ffi::OsStr>) -> Vec<std::ffi::OsString> {
    items
        .into_iter()
        .map(std::ffi::OsStr::to_os_string)
        .collect()
}

/// `assess --format json` of `file` with `extra` arguments.
fn assess_json(file: &Path, extra: &[&str]) -> Value {
    let mut all = args([
        "assess".as_ref(),
        file.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    all.extend(extra.iter().map(std::ffi::OsString::from));
    json(&stdout(&run(all)))
}

/// `cost --format json` of `file` with `extra` arguments.
fn cost_json(file: &Path, extra: &[&str]) -> Value {
    let mut all = args([
        "cost".as_ref(),
        file.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    all.extend(extra.iter().map(std::ffi::OsString::from));
    json(&stdout(&run(all)))
}

/// The built-in pricing file's text.
fn pricing_text() -> String {
    std::fs::read_to_string(root().join("rules/pricing.yaml")).expect("rules/pricing.yaml")
}

/// `text` with its only occurrence of `from` replaced by `to`, and the 1-based line the
/// replacement starts on.
fn edit(text: &str, from: &str, to: &str) -> (String, usize) {
    assert_eq!(text.matches(from).count(), 1, "{from:?} occurs once");
    let at = text.find(from).expect("found");
    (
        text.replacen(from, to, 1),
        text[..at].matches('\n').count() + 1,
    )
}

/// Asserts every line of `text` fits in `width` columns.
fn assert_fits(text: &str, width: usize) {
    for line in text.lines() {
        assert!(
            line.chars().count() <= width,
            "line over {width} columns ({}):\n{line}\n\n{text}",
            line.chars().count()
        );
    }
}

/// The `cost` object's contract: every key, typed.
fn assert_cost_keys(cost: &Value, what: &str) {
    for s in ["A", "B", "C", "D"] {
        let m = number(&cost["monthly_usd"][s], &format!("{what}: monthly_usd.{s}"));
        assert!(m.is_finite() && m >= 0.0, "{what}: monthly_usd.{s} = {m}");
    }
    for s in ["A", "B", "C", "D"] {
        let once = number(
            &cost["one_time_usd"][s],
            &format!("{what}: one_time_usd.{s}"),
        );
        assert!(
            once.is_finite() && once >= 0.0,
            "{what}: one_time_usd.{s} = {once}"
        );
        let with = number(
            &cost["first_year_with_staff_usd"][s],
            &format!("{what}: first_year_with_staff_usd.{s}"),
        );
        let without = number(
            &cost["first_year_usd"][s],
            &format!("{what}: first_year_usd.{s}"),
        );
        assert!(
            with >= without,
            "{what}: first year of {s} with staff {with} < {without}"
        );
    }
    let train = &cost["train"];
    for key in [
        "params",
        "tokens",
        "own_tokens",
        "public_tokens",
        "gpu_hours",
    ] {
        number(&train[key], &format!("{what}: train.{key}"));
    }
    assert!(
        train["gpu"].is_string(),
        "{what}: train.gpu = {}",
        train["gpu"]
    );
    for key in ["tier", "class"] {
        assert!(cost["sizing"][key].is_string(), "{what}: sizing.{key}");
    }
    for key in ["gpus", "gpus_per_replica", "concurrency"] {
        number(
            &cost["self_hosting"][key],
            &format!("{what}: self_hosting.{key}"),
        );
    }
    assert!(
        cost.as_object()
            .is_some_and(|c| c.contains_key("break_even_requests_per_day")),
        "{what}: break_even_requests_per_day missing"
    );
    let b = &cost["break_even_requests_per_day"];
    assert!(
        b.is_null() || b.is_u64(),
        "{what}: break-even = {b}, not a whole number of requests"
    );
}

/// Every number under a key ending in `_usd`, with its path.
fn money_in<'a>(value: &'a Value, path: &str, money: bool, out: &mut Vec<(String, &'a Value)>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let keeps = money && key.len() == 1;
                money_in(
                    v,
                    &format!("{path}.{key}"),
                    keeps || key.ends_with("_usd"),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                money_in(v, &format!("{path}[{i}]"), money, out);
            }
        }
        Value::Number(_) if money => out.push((path.to_owned(), value)),
        _ => {}
    }
}

#[test]
fn json_money_is_in_cents_and_counts_are_whole() {
    for example in examples() {
        let report = json(&stdout(&run([
            "assess".as_ref(),
            example.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
        ])));
        let mut money = Vec::new();
        money_in(&report, "", false, &mut money);
        assert!(
            money.len() > 20,
            "{}: too few amounts found",
            example.display()
        );
        for (path, amount) in money {
            // Written with at most two decimals.
            let text = amount.to_string();
            let decimals = text.split_once('.').map_or(0, |(_, d)| d.len());
            assert!(decimals <= 2, "{}: {path} = {text}", example.display());
        }
        let cost = &report["cost"];
        for count in [
            &cost["assumptions"]["tokens_per_month"],
            &cost["self_hosting"]["gpus"],
            &cost["self_hosting"]["gpus_per_replica"],
            &cost["train"]["cluster_gpus"],
            &cost["train"]["params"],
            &cost["train"]["tokens"],
        ] {
            assert!(
                count.is_u64(),
                "{}: count {count} is not whole",
                example.display()
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// `cost`
// ---------------------------------------------------------------------------------------

#[test]
fn cost_json_of_the_finance_firm() {
    let report = cost_json(Path::new(FINANCE), &[]);
    let cost = &report["cost"];
    assert_cost_keys(cost, FINANCE);
    let params = number(&cost["train"]["params"], "train.params");
    assert!(relative_error(params, 3.5e10) < 1e-9, "{params}");
    let d = number(&cost["one_time_usd"]["D"], "one_time_usd.D");
    assert!(d > 100_000.0, "{d}");
    for s in ["A", "B", "C", "D"] {
        let m = number(&cost["monthly_usd"][s], s);
        assert!(m > 0.0, "monthly_usd.{s} = {m}");
    }
    assert!(cost["break_even_requests_per_day"].is_u64(), "{cost}");
    // The pricing used comes along, with its sources.
    assert_eq!(report["pricing"]["currency"], "USD");
}

#[test]
fn cost_table_snapshots_fit_80_columns_and_list_assumptions() {
    let p = built_in();
    for file in [FINANCE, SAAS] {
        let out = stdout(&run(["cost", file, "--width", "80"]));
        assert_fits(&out, 80);
        assert!(out.contains("Assumptions"), "{file}:\n{out}");
        for g in &p.gpus {
            // Names may wrap at a space, so compare with the lines joined.
            let joined = out.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(joined.contains(&g.name), "{file}: no {}:\n{out}", g.name);
        }
        let stem = Path::new(file)
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("stem");
        insta::assert_snapshot!(format!("cost_table@{stem}"), out);
    }
}

/// `cost --format markdown`: a section with the table, the notes and every assumption with its
/// date and source.
#[test]
fn cost_markdown_snapshot_lists_every_assumption_with_its_source() {
    let p = built_in();
    let out = stdout(&run(["cost", FINANCE, "--format", "markdown"]));
    assert!(out.starts_with("## Cost: "), "{out}");
    assert!(out.contains("| Strategy | Usage/mo |"), "{out}");
    assert!(out.contains("### Assumptions (pricing file)"), "{out}");
    for g in &p.gpus {
        assert!(
            out.contains(&format!("- {}: ", g.name)),
            "no {}:\n{out}",
            g.name
        );
    }
    insta::assert_snapshot!("cost_markdown@finance-data-monopoly", out);
}

// ---------------------------------------------------------------------------------------
// `assess` and `compare`
// ---------------------------------------------------------------------------------------

#[test]
fn assess_json_of_every_example_has_the_cost_keys() {
    let corpus = QuestionId::from_name("data.corpus_tokens").expect("a question");
    for file in examples() {
        let what = file.display().to_string();
        let report = assess_json(&file, &[]);
        let cost = &report["cost"];
        assert_cost_keys(cost, &what);
        let has_corpus = matches!(
            answers::load(&file).expect("valid example").get(corpus),
            Some(Answer::Number(_))
        );
        let own = number(&cost["train"]["own_tokens"], "train.own_tokens");
        assert_eq!(own > 0.0, has_corpus, "{what}: {}", cost["train"]);
        let d = number(&cost["one_time_usd"]["D"], "one_time_usd.D");
        assert!(d > 1_000.0, "{what}: training from scratch costs {d}");
    }
}

#[test]
fn a_budget_that_cannot_carry_training_rules_out_d() {
    let original = assess_json(Path::new(FINANCE), &[]);
    assert_eq!(original["recommendation"]["strategy"], "D", "{original}");
    assert_eq!(
        original["recommendation"]["approach"], "train",
        "{original}"
    );

    let text = std::fs::read_to_string(root().join(FINANCE)).expect("example");
    let (smaller, _) = edit(&text, "annual_usd = 20_000_000", "annual_usd = 250_000");
    let dir = TempDir::new().expect("temp dir");
    let file = dir.path().join("finance-smaller-budget.toml");
    std::fs::write(&file, smaller).expect("write");
    let report = assess_json(&file, &[]);
    assert_ne!(report["recommendation"]["strategy"], "D", "{report}");

    // The run alone, before any serving, is more than the budget.
    let training = number(&report["cost"]["training_usd"], "training_usd");
    assert!(training > 250_000.0, "{training}");
    let share = number(
        &report["cost"]["training_budget_share"],
        "training_budget_share",
    );
    assert!((share - training / 250_000.0).abs() < 0.001, "{share}");
    let exclusions = report["exclusions"].as_array().expect("exclusions");
    let rule = exclusions
        .iter()
        .find(|x| x["rule"] == "budget-cannot-carry-training")
        .unwrap_or_else(|| panic!("budget-cannot-carry-training not among {exclusions:?}"));
    assert!(
        rule["strategies"]
            .as_array()
            .is_some_and(|s| s.contains(&Value::from("D"))),
        "{rule}"
    );
    let reason = rule["reason"].as_str().expect("a reason");
    let percent = format!("{:.0}% of the budget", share * 100.0);
    let share_at = reason
        .find(&percent)
        .unwrap_or_else(|| panic!("{reason}: no share {percent}"));
    let budget_at = reason
        .find("$250,000")
        .unwrap_or_else(|| panic!("{reason}: no budget"));
    assert!(share_at < budget_at, "{reason}");
}

#[test]
fn compare_has_cost_rows() {
    let out = stdout(&run(["compare", BANK, SAAS, "--width", "100"]));
    assert_fits(&out, 100);
    let row = |label: &str| {
        out.lines().any(|l| {
            l.split(['│', '┆'])
                .nth(1)
                .is_some_and(|cell| cell.trim_start_matches(['≠', ' ']).trim_end() == label)
        })
    };
    for label in [
        "Cost per month, A",
        "Cost per month, B",
        "Cost per month, C",
        "Cost per month, D",
        "Break-even (requests per day)",
    ] {
        assert!(row(label), "no row {label:?}:\n{out}");
    }
}

// ---------------------------------------------------------------------------------------
// Pricing files
// ---------------------------------------------------------------------------------------

/// The built-in pricing with the H100 (the training GPU) at ten times its hourly price.
fn h100_at_ten_times() -> String {
    let text = edit(&pricing_text(), "hourly_usd: 2.99", "hourly_usd: 29.90").0;
    edit(
        &text,
        "hourly_range: [1.65, 6.88]",
        "hourly_range: [16.5, 68.8]",
    )
    .0
}

fn one_time_d(report: &Value) -> f64 {
    number(&report["cost"]["one_time_usd"]["D"], "one_time_usd.D")
}

#[test]
fn pricing_flag_replaces_the_prices() {
    let dir = TempDir::new().expect("temp dir");
    let file = dir.path().join("pricing.yaml");
    std::fs::write(&file, h100_at_ten_times()).expect("write");
    let flag = file.to_str().expect("UTF-8 path");

    let before = one_time_d(&cost_json(Path::new(FINANCE), &[]));
    let after = one_time_d(&cost_json(Path::new(FINANCE), &["--pricing", flag]));
    assert!(
        relative_error(after / before, 10.0) < 0.01,
        "{before} -> {after}"
    );

    let before = one_time_d(&assess_json(Path::new(FINANCE), &[]));
    let after = one_time_d(&assess_json(Path::new(FINANCE), &["--pricing", flag]));
    assert!(
        relative_error(after / before, 10.0) < 0.01,
        "{before} -> {after}"
    );
}

/// A copy of the rule files (not the test cases) with `pricing.yaml` replaced by `pricing`.
fn rules_with_pricing(pricing: &str) -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    for entry in std::fs::read_dir(root().join("rules")).expect("rules/") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
        }
    }
    std::fs::write(dir.path().join("pricing.yaml"), pricing).expect("write");
    dir
}

#[test]
fn pricing_beside_the_rules_is_used_for_that_rule_set() {
    let dir = rules_with_pricing(&h100_at_ten_times());
    let rules = dir.path().to_str().expect("UTF-8 path");
    let before = one_time_d(&assess_json(Path::new(FINANCE), &[]));
    let after = one_time_d(&assess_json(Path::new(FINANCE), &["--rules", rules]));
    assert!(
        relative_error(after / before, 10.0) < 0.01,
        "{before} -> {after}"
    );
    let after = one_time_d(&cost_json(Path::new(FINANCE), &["--rules", rules]));
    assert!(
        relative_error(after / before, 10.0) < 0.01,
        "{before} -> {after}"
    );
}
