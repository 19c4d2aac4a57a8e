//! What each strategy would cost: API fees, GPUs, provider tuning, training from scratch and
//! staff, estimated from the answers and the pricing file.

mod estimate;
pub mod pricing;

pub use estimate::{api_monthly, estimate, training_gpu_hours};

use serde::Serialize;

use crate::options::PerStrategy;
pub use pricing::Pricing;

/// Average days in a month.
pub const DAYS_PER_MONTH: f64 = 365.0 / 12.0;
/// Average hours in a month.
pub const HOURS_PER_MONTH: f64 = 24.0 * DAYS_PER_MONTH;

/// The money estimates for one scenario, every strategy side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Estimate {
    /// Monthly running cost per strategy, staff included.
    pub monthly_usd: PerStrategy<f64>,
    /// Monthly usage cost (API fees or GPUs), without staff.
    pub monthly_usage_usd: PerStrategy<f64>,
    /// Monthly staff cost.
    pub monthly_staff_usd: PerStrategy<f64>,
    /// One-time costs: provider tuning (B), tuning compute (C), training compute (D).
    pub one_time_usd: OneTime,
    /// First-year cost against the budget: 12 months of usage plus one-time costs (the
    /// budget covers compute, API fees and vendors, not staff). `null` when unknown.
    pub first_year_usd: PerStrategy<Option<f64>>,
    /// First-year cost over the annual budget; above 1 means the budget cannot carry it.
    pub budget_share: PerStrategy<Option<f64>>,
    /// The training run strategy D implies, when the corpus size is known.
    pub train: Option<Train>,
    /// Requests per day above which self-hosting (C) costs less per month than the API (A),
    /// staff included; `null` when it never does.
    pub break_even_requests_per_day: Option<f64>,
    /// How the self-hosted fleet is sized.
    pub self_hosting: Fleet,
    /// The assumptions behind the figures.
    pub assumptions: Assumptions,
}

/// One-time costs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[allow(non_snake_case)]
pub struct OneTime {
    /// Provider fine-tuning on the labeled examples.
    pub B: f64,
    /// Compute to fine-tune the self-hosted model on the labeled examples.
    pub C: f64,
    /// Compute to train a model from scratch; `null` without a corpus size.
    pub D: Option<f64>,
}

/// A training run from scratch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Train {
    /// Parameters (compute-optimal for the tokens).
    pub params: f64,
    /// Training tokens.
    pub tokens: f64,
    /// GPU-hours at the assumed utilization.
    pub gpu_hours: f64,
    /// The GPU type.
    pub gpu: String,
}

/// The self-hosted fleet for the traffic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fleet {
    /// The served model.
    pub model: String,
    /// GPUs needed (at least one replica).
    pub gpus: f64,
    /// The GPU type.
    pub gpu: String,
}

/// The inputs the estimate used, so a reader can check it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assumptions {
    /// Requests per day.
    pub requests_per_day: f64,
    /// Tokens per request used.
    pub tokens_per_request: f64,
    /// Whether that came from the pricing file because the answers did not say.
    pub tokens_per_request_defaulted: bool,
    /// Tokens per month.
    pub tokens_per_month: f64,
    /// Prompt tokens per completion token.
    pub input_per_output: f64,
    /// The API tier A is priced at.
    pub api_tier: String,
    /// Self-hosted fleet's average load over capacity.
    pub serving_utilization: f64,
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

/// Below this many parameters a model trained from scratch is too small to be of use; the
/// estimate then says so.
pub const USEFUL_PARAMS: f64 = 1e9;

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
        ("LLaMA-65B", 65.2e9, 1.4e12, "a100-80gb", 1_022_362.0),
        // Llama 2 paper (2023): 70B and 7B on 2T tokens.
        ("Llama-2-70B", 70e9, 2e12, "a100-80gb", 1_720_320.0),
        ("Llama-2-7B", 7e9, 2e12, "a100-80gb", 184_320.0),
        // MosaicML MPT-7B (2023): 6.7B on 1T tokens, 440 A100-40GB for 9.5 days.
        ("MPT-7B", 6.7e9, 1e12, "a100-40gb", 440.0 * 9.5 * 24.0),
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
