//! What each strategy would cost: API fees, GPUs, provider tuning, training from scratch and
//! staff, estimated from the answers and the pricing file.

mod api;
mod class_prices;
mod estimate;
mod fact_model;
mod hardware;
pub mod pricing;
mod serving;
mod shared_fleet;
mod sizing;
pub mod staleness;
mod training;

pub use api::api_monthly;
pub use estimate::{estimate, estimate_with_ranges, owns_hardware};
pub use fact_model::{CostInputs, FactModel};

pub use serving::{Fleet, output_tokens_per_second};
pub use shared_fleet::{SharedFleet, shared_fleet};
pub use sizing::Sizing;
pub use training::{Train, training_gpu_hours};

use serde::Serialize;

use crate::options::PerStrategy;
pub use pricing::Pricing;

/// Average days in a month.
pub const DAYS_PER_MONTH: f64 = 365.0 / 12.0;
/// Average hours in a month.
pub const HOURS_PER_MONTH: f64 = 24.0 * DAYS_PER_MONTH;

/// The questions the estimate reads, besides those in the rules' conditions.
pub const QUESTIONS: [&str; 10] = [
    "budget.annual_usd",
    "traffic.requests_per_day",
    "traffic.tokens_per_request",
    "data.labeled_examples",
    "data.corpus_tokens",
    "data.sensitivity",
    "requirements.hosting",
    "requirements.task",
    "requirements.domain",
    "requirements.latency",
];

/// The money estimates for one scenario, every strategy side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Estimate {
    /// Monthly running cost per strategy, staff included.
    pub monthly_usd: PerStrategy<f64>,
    /// Monthly usage cost (API fees, or GPUs rented or owned), without staff.
    pub monthly_usage_usd: PerStrategy<f64>,
    /// Monthly staff cost.
    pub monthly_staff_usd: PerStrategy<f64>,
    /// One-time costs: provider tuning (B); rollout, tuning compute and any GPU purchase (C);
    /// the training run, any cluster bought for it and any serving GPUs bought (D).
    pub one_time_usd: PerStrategy<f64>,
    /// First-year spend against the budget: twelve months of running costs plus one-time
    /// costs (a purchase counts once, not its write-off), without staff: the budget covers
    /// compute, API fees and vendors.
    pub first_year_usd: PerStrategy<Option<f64>>,
    /// The same with a year of staff.
    pub first_year_with_staff_usd: PerStrategy<f64>,
    /// First-year cost over the annual budget; above 1 means the budget cannot carry it.
    pub budget_share: PerStrategy<Option<f64>>,
    /// The training run from scratch alone (D): its compute, and the cluster when one is
    /// bought for it. Serving the result is in D's other figures, as C's fleet is in C's.
    pub training_usd: f64,
    /// The training run over the annual budget: above 1, one run costs more than a year's
    /// budget, whatever serving costs.
    pub training_budget_share: Option<f64>,
    /// Requests per day above which self-hosting (C) costs less per month than the API (A),
    /// staff included; `null` when it never does.
    pub break_even_requests_per_day: Option<f64>,
    /// The same open model served per token by an inference provider (managed open-weight
    /// hosting), a month: the way into C for thin teams.
    pub managed_open_weight_usd: f64,
    /// The provider tuning offer B is priced at.
    pub tuning: String,
    /// The training run strategy D implies.
    pub train: Train,
    /// How the self-hosted fleet (C) is sized.
    pub self_hosting: Fleet,
    /// How the fleet serving a model trained from scratch (D) is sized.
    pub own_model: Fleet,
    /// Whether C and D buy their GPUs (on-premises hosting, or secret data).
    pub owned_hardware: bool,
    /// Weeks from order to GPUs in service, when they are bought.
    pub lead_time_weeks: Option<f64>,
    /// Which hosted tier and open-model size the use case needs, and why.
    pub sizing: Sizing,
    /// Low and high ends of the figures that rest on a price with a reported range.
    pub ranges: Ranges,
    /// The assumptions behind the figures.
    pub assumptions: Assumptions,
}

/// The figures of an estimate that cost facts read: what [`FactModel`] computes without the
/// rest of the estimate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FactFigures {
    /// First-year spend per strategy, without staff.
    pub first_year_usd: [Option<f64>; 4],
    /// First-year spend over the budget; `None` when the budget is unanswered.
    pub budget_share: [Option<f64>; 4],
    /// The API's (A) monthly running cost, staff included.
    pub monthly_api_usd: f64,
    /// Self-hosting's (C) monthly running cost, staff included.
    pub monthly_self_hosting_usd: f64,
    /// The training run over the budget.
    pub training_budget_share: Option<f64>,
}

impl Estimate {
    /// The figures cost facts read.
    pub fn fact_figures(&self) -> FactFigures {
        FactFigures {
            first_year_usd: self.first_year_usd.0,
            budget_share: self.budget_share.0,
            monthly_api_usd: self.monthly_usd[crate::options::Strategy::A],
            monthly_self_hosting_usd: self.monthly_usd[crate::options::Strategy::C],
            training_budget_share: self.training_budget_share,
        }
    }
}

/// The low and high ends of an estimate, with every GPU at its lowest or highest reported
/// price; the point estimate lies between them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranges {
    /// Monthly usage.
    pub monthly_usage_usd: PerStrategy<[f64; 2]>,
    /// One-time costs.
    pub one_time_usd: PerStrategy<[f64; 2]>,
    /// First-year spend without staff.
    pub first_year_usd: PerStrategy<[f64; 2]>,
}

/// The inputs the estimate used, so a reader can check it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assumptions {
    /// Requests per day.
    pub requests_per_day: f64,
    /// Tokens per request used (agent and reasoning factors included).
    pub tokens_per_request: f64,
    /// Whether the base figure came from the pricing file because the answers did not say.
    pub tokens_per_request_defaulted: bool,
    /// Tokens per month.
    pub tokens_per_month: f64,
    /// Prompt tokens per completion token.
    pub input_per_output: f64,
    /// The API tier A is priced at.
    pub api_tier: String,
    /// Training's achieved over peak FLOP/s.
    pub training_utilization: f64,
}

/// The traffic (requests/day) above which self-hosting stays cheaper than the API: the
/// supremum of the traffic at which the API costs no more. The API costs `per_request` a month
/// per daily request plus `staff_a`; self-hosting costs `replica` a month per replica (each
/// serving `capacity` requests a day, at least one) plus `staff_c`. `Some(0)` when
/// self-hosting is cheaper at any traffic, `None` when it never stays cheaper.
///
/// On each step of `n + 1` replicas the API is no dearer up to
/// `(replica * (n + 1) + staff_c - staff_a) / per_request`; that bound grows faster than the
/// step's start only while `n < k`, with `k = (replica + staff_c - staff_a) / (per_request *
/// capacity - replica)`. Dearer GPUs raise `k` and the result, more capacity lowers them.
pub fn break_even(
    per_request: f64,
    capacity: f64,
    replica: f64,
    staff_a: f64,
    staff_c: f64,
) -> Option<f64> {
    let usable = |x: f64| x > 0.0 && x.is_finite();
    if !usable(per_request) || !usable(capacity) {
        return None;
    }
    // What one more replica's worth of traffic saves in API fees over the replica's cost.
    let gain = per_request * capacity - replica;
    let fixed = replica + staff_c - staff_a;
    if gain <= 0.0 {
        // The API's advantage never shrinks: self-hosting is cheaper everywhere or nowhere.
        return (gain == 0.0 && fixed <= 0.0).then_some(0.0);
    }
    let k = fixed / gain;
    if k <= 0.0 {
        return Some(0.0);
    }
    // The last step on which the API is still no dearer somewhere.
    let n = k.ceil() - 1.0;
    Some(((n + 1.0) * capacity).min((replica * (n + 1.0) + staff_c - staff_a) / per_request))
        .filter(|x| x.is_finite())
}

/// The model of `llm-strategy cost`: the estimate with the pricing it used.
#[derive(Debug, Serialize)]
pub struct CostReport<'a> {
    /// Version of the JSON shape (the report's `SCHEMA_VERSION`).
    pub schema_version: u32,
    /// The scenario's name.
    pub scenario: &'a str,
    /// The estimate.
    pub cost: &'a Estimate,
    /// The pricing used, with dates and sources.
    pub pricing: &'a Pricing,
    /// Warnings about the estimate, such as prices out of date.
    pub warnings: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn break_even_is_a_number_or_none_never_nan() {
        for (per_request, capacity) in [
            (1e-306, f64::INFINITY),
            (f64::INFINITY, 1e-30),
            (1e300, 1e300),
        ] {
            let x = break_even(per_request, capacity, 500.0, 0.0, 2000.0);
            assert!(
                x.is_none_or(f64::is_finite),
                "{per_request} {capacity}: {x:?}"
            );
        }
    }

    /// Published training runs: (name, parameters, tokens, GPU, GPU-hours reported).
    const PUBLISHED: [(&str, f64, f64, &str, f64); 4] = [
        // LLaMA paper (Touvron et al., 2023): 65.2B on 1.4T tokens, 1,022,362 A100-80GB hours.
        ("LLaMA-65B", 65.2e9, 1.4e12, "a100", 1_022_362.0),
        // Llama 2 paper (2023): 70B and 7B on 2T tokens.
        ("Llama-2-70B", 70e9, 2e12, "a100", 1_720_320.0),
        ("Llama-2-7B", 7e9, 2e12, "a100", 184_320.0),
        // MosaicML MPT-7B (2023): 6.7B on 1T tokens, 440 A100-40GB (same peak as the 80GB) for 9.5 days.
        ("MPT-7B", 6.7e9, 1e12, "a100", 440.0 * 9.5 * 24.0),
    ];

    #[test]
    fn training_estimates_land_within_25_percent_of_published_runs() {
        let p = pricing::built_in().unwrap();
        for (name, params, tokens, gpu, published) in PUBLISHED {
            let g = p.gpu(gpu);
            assert_eq!(g.id, gpu);
            let estimate = training_gpu_hours(
                params,
                tokens,
                g.peak_bf16_flops,
                p.training.utilization.value,
            );
            let error = estimate / published - 1.0;
            assert!(
                error.abs() <= 0.25,
                "{name}: estimated {estimate:.0} GPU-hours vs {published:.0} ({:+.0}%)",
                error * 100.0
            );
        }
    }

    #[test]
    fn break_even_is_where_the_fleet_gets_cheaper() {
        // $1 per daily request a month; a replica serves 1,000 requests/day for $500.
        let x = break_even(1.0, 1000.0, 500.0, 0.0, 0.0).unwrap();
        assert!((x - 500.0).abs() < 1e-9, "{x}");
        // Staff for self-hosting pushes it up: $2,000 more needs 4 replicas' worth of gain.
        let y = break_even(1.0, 1000.0, 500.0, 0.0, 2000.0).unwrap();
        assert!(y > x);
        // A replica that costs more than the API fees it replaces never pays off.
        assert_eq!(break_even(0.1, 1000.0, 500.0, 0.0, 0.0), None);
    }
}
