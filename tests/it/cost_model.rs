//! The right-sized, late-2026 cost model: properties the estimate must keep whatever the
//! prices, and the bundled examples priced the way a buyer would size them.

use std::path::Path;

use llm_strategy::answers::{self, Answers};
use llm_strategy::cost::{Estimate, Pricing, estimate, output_tokens_per_second, pricing};
use llm_strategy::options::Strategy;
use proptest::prelude::*;

use crate::common::root;

fn built_in() -> Pricing {
    pricing::built_in().expect("the built-in pricing is valid")
}

/// A scenario with the given traffic and `[requirements]` lines.
fn scenario(requests_per_day: f64, tokens: u32, requirements: &str) -> Answers {
    let text = format!(
        "[data]\nsensitivity = \"internal\"\nlabeled_examples = 5000\n\
         [team]\nml_talent = \"experienced\"\n[budget]\nannual_usd = 1000000\n\
         [traffic]\nrequests_per_day = {requests_per_day:?}\ntokens_per_request = {tokens}\n\
         [requirements]\n{requirements}\n"
    );
    answers::parse(Path::new("scenario.toml"), text.as_bytes())
        .unwrap_or_else(|e| panic!("invalid answers ({e}):\n{text}"))
}

fn example(name: &str) -> Estimate {
    let answers = answers::load(&root().join("examples").join(name)).expect("a valid example");
    estimate(&answers, &built_in())
}

const TASKS: [&str; 6] = [
    "",
    "task = \"classify\"",
    "task = \"extract\"",
    "task = \"generate\"",
    "task = \"reason\"",
    "task = \"agent\"",
];

/// The `[requirements]` of a task from [`TASKS`], on premises or not.
fn requirements(task: usize, owned: bool) -> String {
    let hosting = if owned {
        "hosting = \"on_premises\""
    } else {
        ""
    };
    format!("{}\n{hosting}", TASKS[task])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// More traffic never costs less, for any strategy, task or hosting.
    #[test]
    fn cost_never_falls_as_traffic_grows(
        low in 0u32..5_000_000,
        more in 0u32..5_000_000,
        tokens in 1u32..20_000,
        task in 0usize..6,
        owned in any::<bool>(),
    ) {
        let p = built_in();
        let req = requirements(task, owned);
        let a = estimate(&scenario(f64::from(low), tokens, &req), &p);
        let b = estimate(&scenario(f64::from(low) + f64::from(more), tokens, &req), &p);
        for s in Strategy::ALL {
            prop_assert!(b.monthly_usd[s] >= a.monthly_usd[s] * (1.0 - 1e-12), "{s}: {} then {}", a.monthly_usd[s], b.monthly_usd[s]);
            prop_assert!(b.one_time_usd[s] >= a.one_time_usd[s] * (1.0 - 1e-12), "{s}: once {} then {}", a.one_time_usd[s], b.one_time_usd[s]);
        }
    }

    /// The batch interface is never dearer than interactive calls, on the API or on GPUs.
    #[test]
    fn batch_is_never_dearer_than_interactive(
        requests in 0u32..5_000_000,
        tokens in 1u32..20_000,
        task in 0usize..6,
    ) {
        let p = built_in();
        let batch = estimate(&scenario(f64::from(requests), tokens, &format!("{}\nlatency = \"batch\"", TASKS[task])), &p);
        let live = estimate(&scenario(f64::from(requests), tokens, &format!("{}\nlatency = \"interactive\"", TASKS[task])), &p);
        for s in Strategy::ALL {
            prop_assert!(batch.monthly_usage_usd[s] <= live.monthly_usage_usd[s] * (1.0 + 1e-12), "{s}: batch {} vs {}", batch.monthly_usage_usd[s], live.monthly_usage_usd[s]);
        }
    }

    /// Owned GPUs cost more up front and less a month than rented ones of the same fleet.
    #[test]
    fn owned_hardware_costs_more_up_front_and_less_a_month(
        requests in 100_000u32..5_000_000,
        tokens in 100u32..10_000,
        task in 0usize..6,
    ) {
        let p = built_in();
        let rented = estimate(&scenario(f64::from(requests), tokens, TASKS[task]), &p);
        let owned = estimate(&scenario(f64::from(requests), tokens, &format!("{}\nhosting = \"on_premises\"", TASKS[task])), &p);
        prop_assert!(owned.owned_hardware && !rented.owned_hardware);
        prop_assert!((owned.self_hosting.gpus - rented.self_hosting.gpus).abs() < 0.5);
        for s in [Strategy::C, Strategy::D] {
            prop_assert!(owned.one_time_usd[s] > rented.one_time_usd[s], "{s}: once {} vs {}", owned.one_time_usd[s], rented.one_time_usd[s]);
            prop_assert!(owned.monthly_usage_usd[s] < rented.monthly_usage_usd[s], "{s}: monthly {} vs {}", owned.monthly_usage_usd[s], rented.monthly_usage_usd[s]);
        }
    }

    /// Training from scratch is always sized for a model worth training.
    #[test]
    fn training_is_never_below_the_smallest_useful_model(corpus in 0.0f64..1e13) {
        let p = built_in();
        let answers = {
            let text = format!(
                "[data]\nsensitivity = \"internal\"\nlabeled_examples = 0\ncorpus_tokens = {corpus:?}\n\
                 [team]\nml_talent = \"expert\"\n[budget]\nannual_usd = 1\n[traffic]\nrequests_per_day = 0\n"
            );
            answers::parse(Path::new("s.toml"), text.as_bytes()).expect("valid")
        };
        let t = estimate(&answers, &p).train;
        prop_assert!(t.params >= p.training.min_params.value);
        prop_assert!((t.own_tokens + t.public_tokens - t.tokens).abs() <= 1e-6 * t.tokens);
        prop_assert!(t.tokens >= t.params * p.training.tokens_per_parameter.value * (1.0 - 1e-12));
    }
}

#[test]
fn the_classifier_runs_on_a_small_tuned_model_on_one_or_two_gpus() {
    let e = example("high-volume-classifier-self-hosted.toml");
    assert_eq!(e.sizing.tier, "small");
    assert_eq!(e.sizing.class, "small");
    assert!(
        (1.0..=2.0).contains(&e.self_hosting.gpus),
        "{:?}",
        e.self_hosting
    );
}

#[test]
fn the_air_gapped_examples_buy_their_hardware() {
    for name in ["defence-air-gapped.toml", "pharma-rnd-on-prem.toml"] {
        let e = example(name);
        assert!(e.owned_hardware, "{name}");
        assert!(e.lead_time_weeks.is_some(), "{name}");
        let p = built_in();
        let gpu = p.gpu(&p.class(&e.sizing.class).gpu);
        // The one-time cost of C includes buying its GPUs.
        assert!(
            e.one_time_usd[Strategy::C] >= e.self_hosting.gpus * gpu.purchase_usd,
            "{name}"
        );
    }
}

#[test]
fn agents_and_reasoning_use_more_tokens_on_the_leading_tier() {
    let p = built_in();
    let plain = estimate(&scenario(10_000.0, 2_000, "task = \"generate\""), &p);
    for (task, factor) in [
        ("reason", p.api.reasoning_token_factor.value),
        ("agent", p.api.agent_token_factor.value),
    ] {
        let e = estimate(
            &scenario(10_000.0, 2_000, &format!("task = \"{task}\"")),
            &p,
        );
        assert_eq!(e.sizing.tier, "frontier", "{task}");
        let ratio = e.assumptions.tokens_per_request / plain.assumptions.tokens_per_request;
        assert!((ratio - factor).abs() < 1e-9, "{task}: {ratio}");
        assert!(
            e.monthly_usage_usd[Strategy::A] > plain.monthly_usage_usd[Strategy::A],
            "{task}"
        );
    }
}

#[test]
fn no_figure_in_an_example_contradicts_another() {
    for file in crate::common::examples() {
        let answers = answers::load(&file).expect("a valid example");
        let e = estimate(&answers, &built_in());
        for s in Strategy::ALL {
            let what = format!("{}: {s}", file.display());
            let usage = e.monthly_usage_usd[s];
            let staff = e.monthly_staff_usd[s];
            assert!(
                (e.monthly_usd[s] - usage - staff).abs() < 1e-6,
                "{what}: monthly"
            );
            let year = e.first_year_usd[s].expect("known");
            assert!(
                year >= e.one_time_usd[s] - 1e-6,
                "{what}: a year costs less than its one-time part"
            );
            assert!(
                (e.first_year_with_staff_usd[s] - year - 12.0 * staff).abs() < 1e-3,
                "{what}: with staff"
            );
            // A year is at least twelve months of use (a purchase outweighs a year's write-off).
            assert!(
                year + 1e-6 >= 12.0 * usage,
                "{what}: a year below twelve months of use"
            );
        }
        assert!(
            e.train.gpu_hours > 1_000.0,
            "{}: training takes {} GPU-hours",
            file.display(),
            e.train.gpu_hours
        );
    }
}

/// A documented bill: 451 requests to gpt-5-mini billed $0.579 for input, $0.002 for cached
/// input and $8.892 for output, about 2.316M input and 4.446M output tokens at $0.25 and $2
/// per million (a 2025 thread on the developer forum of `OpenAI`, "Understanding `GPT-5-mini`
/// pricing confusion"). The API arithmetic of the estimate reproduces it.
#[test]
fn the_api_arithmetic_reproduces_a_documented_bill() {
    let (input, output) = (2.316e6, 4.446e6);
    let billed = 0.579 + 0.002 + 8.892;
    let estimated = llm_strategy::cost::api_monthly(input + output, input / output, 0.25, 2.0);
    assert!(
        (estimated / billed - 1.0).abs() <= 0.25,
        "{estimated} vs {billed}"
    );
}

/// Published fine-tuning jobs, priced the way B's one-time line prices them (tokens x epochs x
/// the price per million training tokens): (what, training tokens per epoch, epochs, price per
/// million, billed USD).
const TUNING_JOBS: [(&str, f64, f64, f64, f64); 2] = [
    // Fireworks LoRA job of a 30B model, about 2026: 13.5M tokens over 2 epochs of 5,081
    // examples at $3 per million, billed $40.59 (a public GitHub README).
    ("Fireworks 30B LoRA", 6.75e6, 2.0, 3.0, 40.59),
    // OpenAI GPT-4o mini, 2024-07-25: 19M training tokens of which 2M free, $3 per million,
    // billed $50 (a user's published bill).
    ("OpenAI GPT-4o mini", 17e6, 1.0, 3.0, 50.0),
];

#[test]
fn the_tuning_job_arithmetic_lands_within_25_percent_of_published_jobs() {
    for (what, tokens, epochs, price, billed) in TUNING_JOBS {
        let estimated = tokens * epochs / 1e6 * price;
        assert!(
            (estimated / billed - 1.0).abs() <= 0.25,
            "{what}: {estimated} vs {billed}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The point estimate lies inside its low-high range, and the range is the point where no
    /// price range applies (API fees).
    #[test]
    fn the_point_estimate_lies_inside_its_range(
        requests in 0u32..5_000_000,
        tokens in 1u32..20_000,
        task in 0usize..6,
        owned in any::<bool>(),
    ) {
        let p = built_in();
        let req = requirements(task, owned);
        let e = llm_strategy::cost::estimate_with_ranges(&scenario(f64::from(requests), tokens, &req), &p);
        for s in Strategy::ALL {
            let [low, high] = e.ranges.monthly_usage_usd[s];
            let point = e.monthly_usage_usd[s];
            prop_assert!(low <= point * (1.0 + 1e-12) && point <= high * (1.0 + 1e-12), "{s}: {low} {point} {high}");
            let [low, high] = e.ranges.one_time_usd[s];
            let point = e.one_time_usd[s];
            prop_assert!(low <= point * (1.0 + 1e-12) && point <= high * (1.0 + 1e-12), "{s}: once {low} {point} {high}");
        }
        let [low, high] = e.ranges.monthly_usage_usd[Strategy::A];
        prop_assert!((high - low).abs() <= 1e-9 * high.max(1.0));
    }
}

#[test]
fn the_answers_file_can_choose_the_tier_and_size_class() {
    let sized = scenario(10_000.0, 800, "task = \"classify\"");
    let text = "[data]\nsensitivity = \"internal\"\nlabeled_examples = 5000\n\
         [team]\nml_talent = \"experienced\"\n[budget]\nannual_usd = 1000000\n\
         [traffic]\nrequests_per_day = 10000\ntokens_per_request = 800\n\
         [requirements]\ntask = \"classify\"\n\
         [cost]\ntier = \"frontier\"\nsize_class = \"moe\"\n";
    let chosen = answers::parse(Path::new("chosen.toml"), text.as_bytes()).expect("valid");
    assert_eq!(chosen.cost.tier, Some("frontier"));
    assert_eq!(chosen.cost.size_class, Some("moe"));
    let (a, b) = (
        estimate(&sized, &built_in()),
        estimate(&chosen, &built_in()),
    );
    assert_eq!(
        (a.sizing.tier.as_str(), a.sizing.class.as_str()),
        ("small", "small")
    );
    assert_eq!(
        (b.sizing.tier.as_str(), b.sizing.class.as_str()),
        ("frontier", "moe")
    );
    assert!(b.sizing.why.iter().any(|w| w.contains("[cost] tier")));
    assert!(b.sizing.why.iter().any(|w| w.contains("[cost] size_class")));
    // The dearer tier and the larger model cost more, and the overrides price nothing else.
    assert!(b.monthly_usage_usd[Strategy::A] > a.monthly_usage_usd[Strategy::A]);
    assert!(b.self_hosting.gpus > a.self_hosting.gpus);
    assert!((b.sizing.token_factor - a.sizing.token_factor).abs() < f64::EPSILON);
}

/// Published max-throughput runs: size class, engine setup, GPUs, prompt and completion
/// tokens, output tokens a second over all the GPUs.
const SERVING_RUNS: [(&str, &str, f64, f64, f64, f64); 5] = [
    // NVIDIA, TensorRT-LLM performance overview (v1.0, 2025), Llama 3.3 70B FP8, H100 TP2.
    (
        "large",
        "Llama 3.3 70B FP8, TensorRT-LLM 1.0",
        2.0,
        500.0,
        2000.0,
        5222.0,
    ),
    (
        "large",
        "Llama 3.3 70B FP8, TensorRT-LLM 1.0",
        2.0,
        1000.0,
        1000.0,
        4205.0,
    ),
    (
        "large",
        "Llama 3.3 70B FP8, TensorRT-LLM 1.0",
        2.0,
        2048.0,
        128.0,
        762.0,
    ),
    (
        "large",
        "Llama 3.3 70B FP8, TensorRT-LLM 1.0",
        2.0,
        5000.0,
        500.0,
        898.0,
    ),
    // NVIDIA, TensorRT-LLM performance tables (v0.5, 2023), LLaMA 7B FP8, one L40S.
    (
        "small",
        "LLaMA 7B FP8, TensorRT-LLM 0.5",
        1.0,
        2048.0,
        128.0,
        581.0,
    ),
];

#[test]
fn serving_throughput_lands_within_25_percent_of_published_benchmarks() {
    let p = built_in();
    for (class_id, run, gpus, input, output, published) in SERVING_RUNS {
        let class = p.class(class_id);
        let gpu = p.gpu(&class.gpu);
        let modelled = gpus * output_tokens_per_second(class, gpu, &p.serving, input, output);
        let error = modelled / published - 1.0;
        assert!(
            error.abs() <= 0.25,
            "{run} on {gpus} x {}, {input}/{output} tokens: modelled {modelled:.0} tok/s vs \
             {published:.0} published ({:+.1}%)",
            gpu.name,
            error * 100.0
        );
    }
}

#[test]
#[allow(
    clippy::float_cmp,
    reason = "the parameters are the class's own figure and the tokens the answer itself"
)]
fn a_corpus_beyond_the_use_case_trains_the_right_sized_model_on_all_of_it() {
    let p = built_in();
    // A code-completion-like use case: a small model, trillions of tokens of its own.
    let text = "[data]\nsensitivity = \"internal\"\nlabeled_examples = 5000\ncorpus_tokens = 4e12\n\
         [team]\nml_talent = \"expert\"\n[budget]\nannual_usd = 5000000\n\
         [traffic]\nrequests_per_day = 10000\n[requirements]\ntask = \"classify\"\n";
    let answers = answers::parse(Path::new("code.toml"), text.as_bytes()).expect("valid");
    let e = estimate(&answers, &p);
    let t = e.train;
    assert_eq!(
        t.params,
        p.class("small").params.max(p.training.min_params.value)
    );
    assert_eq!(t.tokens, 4e12);
    assert_eq!((t.own_tokens, t.public_tokens), (4e12, 0.0));
    // Far more tokens per parameter than compute-optimal: the model is not scaled up to the
    // corpus, as a 200-billion-parameter run would be.
    assert!(t.tokens / t.params > 20.0 * p.training.tokens_per_parameter.value);
}
