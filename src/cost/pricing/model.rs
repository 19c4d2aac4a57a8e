//! The shape of the pricing file: every price, capacity and staffing figure the cost
//! estimate reads, each with the date it was observed and where it comes from.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A figure with the date it was observed and where it comes from.
#[derive(
    Debug, Clone, Deserialize, Serialize, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Dated {
    /// The figure.
    pub value: f64,
    /// When it was observed, `YYYY-MM-DD`.
    pub date: String,
    /// Where it comes from.
    pub source: String,
    /// The lowest and highest reported values, when sources disagree; `[low, high]` around
    /// the figure. Reports cost the scenario at both ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<[f64; 2]>,
}

/// One hosted-model price tier, in USD per million tokens.
#[derive(
    Debug, Clone, Deserialize, Serialize, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Id: `small`, `mid` or `frontier`.
    pub id: String,
    /// What it stands for, with the models it was priced from.
    pub name: String,
    /// Prompt tokens.
    pub input_per_million: f64,
    /// Prompt tokens read from the provider's prompt cache.
    pub cached_input_per_million: f64,
    /// Completion tokens.
    pub output_per_million: f64,
    /// Prompt tokens sent through the provider's batch interface (results within a day).
    pub batch_input_per_million: f64,
    /// Completion tokens through the batch interface.
    pub batch_output_per_million: f64,
    /// When the prices were observed.
    pub date: String,
    /// Where they come from.
    pub source: String,
    /// The models of litellm's price catalogue this tier is priced from, first preferred:
    /// `--pricing catalogue.json` takes the first one it lists.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub catalogue: Vec<String>,
}

/// Hosted-model prices and the shape of the traffic they are applied to.
#[derive(
    Debug, Clone, Deserialize, Serialize, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Api {
    /// Prompt tokens per completion token.
    pub input_per_output: Dated,
    /// Tokens per call when the answers do not say.
    pub default_tokens_per_request: Dated,
    /// Share of a retrieval prompt that is the same on every call (instructions, examples)
    /// and so is billed at the cached-input price.
    pub stable_prompt_share: Dated,
    /// Tokens a reasoning request uses over a plain one (hidden reasoning tokens).
    pub reasoning_token_factor: Dated,
    /// Tokens an agent's request uses over a plain one (many model calls per request).
    pub agent_token_factor: Dated,
    /// Prompt tokens per completion token of a classification task (the answer is a label).
    pub classify_input_per_output: Dated,
    /// Prompt tokens per completion token of an extraction task.
    pub extract_input_per_output: Dated,
    /// Prompt tokens per completion token of an agent (each call re-reads the context).
    pub agent_input_per_output: Dated,
    /// The tiers.
    pub tiers: Vec<Tier>,
}

/// Provider-run fine-tuning of one tier (strategy B).
#[derive(
    Debug, Clone, Deserialize, Serialize, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Tuning {
    /// The tier whose models are tuned.
    pub tier: String,
    /// `supervised` (examples of the answer) or `reinforcement` (a grader scores answers).
    pub method: String,
    /// What was priced.
    pub name: String,
    /// USD per million training tokens (supervised).
    #[serde(default)]
    pub training_per_million: Option<f64>,
    /// USD per hour of training (reinforcement).
    #[serde(default)]
    pub training_per_hour: Option<f64>,
    /// Hours of reinforcement training per thousand examples.
    #[serde(default)]
    pub hours_per_thousand_examples: Option<f64>,
    /// USD per million prompt tokens to the tuned model.
    pub input_per_million: f64,
    /// USD per million completion tokens from the tuned model.
    pub output_per_million: f64,
    /// When the prices were observed.
    pub date: String,
    /// Where they come from.
    pub source: String,
}

/// Provider fine-tuning: the jobs per tier and how a job is sized.
#[derive(
    Debug, Clone, Deserialize, Serialize, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct FineTuning {
    /// Passes over the examples.
    pub epochs: Dated,
    /// Tokens in one curated example (prompt plus ideal answer).
    pub tokens_per_example: Dated,
    /// The tuning offers, one or more per tier.
    pub offers: Vec<Tuning>,
}

/// An open-weight model served per token by an inference provider or a cloud's model garden.
#[derive(
    Debug, Clone, Deserialize, Serialize, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    /// The size class it stands for.
    pub class: String,
    /// The model and providers priced.
    pub name: String,
    /// USD per million prompt tokens.
    pub input_per_million: f64,
    /// USD per million completion tokens.
    pub output_per_million: f64,
    /// When the prices were observed.
    pub date: String,
    /// Where they come from.
    pub source: String,
    /// The models of litellm's price catalogue this endpoint is priced from, first preferred.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub catalogue: Vec<String>,
}

/// A GPU type, rented or bought.
#[derive(
    Debug, Clone, Deserialize, Serialize, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Gpu {
    /// Id, e.g. `h100`.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Peak dense BF16 FLOP/s.
    pub peak_bf16_flops: f64,
    /// Memory in GB.
    pub memory_gb: f64,
    /// Board power in watts.
    pub power_watts: f64,
    /// On-demand rental, USD per GPU-hour.
    pub hourly_usd: f64,
    /// Purchase price per GPU, its share of a server included.
    pub purchase_usd: f64,
    /// The lowest and highest on-demand rent seen (GPU clouds to hyperscalers), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_range: Option<[f64; 2]>,
    /// The lowest and highest purchase price reported, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchase_range: Option<[f64; 2]>,
    /// When the prices were observed.
    pub date: String,
    /// Where the figures come from.
    pub source: String,
}

/// One open-model size class as served on GPUs.
#[derive(
    Debug, Clone, Deserialize, Serialize, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct SizeClass {
    /// Id: `small`, `medium`, `large` or `moe`.
    pub id: String,
    /// Its name, with the model its figures come from.
    pub name: String,
    /// Parameters held in memory.
    pub params: f64,
    /// Parameters used per token (fewer than `params` for a mixture of experts).
    pub active_params: f64,
    /// Bytes of KV cache per token of context.
    pub kv_bytes_per_token: f64,
    /// Bytes per parameter at the serving precision.
    pub bytes_per_param: f64,
    /// The GPU it is served on.
    pub gpu: String,
    /// Completion tokens per second one GPU generates under batching, as a published
    /// serving benchmark measured it.
    pub output_tokens_per_second_per_gpu: f64,
    /// When the throughput was measured.
    pub date: String,
    /// Where it comes from.
    pub source: String,
}

/// Self-hosted serving (strategies C and D).
#[derive(
    Debug, Clone, Deserialize, Serialize, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Serving {
    /// Peak traffic over mean traffic: the fleet is sized for the peak.
    pub peak_to_mean: Dated,
    /// Seconds a request holds its place (and its KV cache) on the GPUs.
    pub request_seconds: Dated,
    /// Share of GPU memory usable for weights and KV cache.
    pub usable_memory: Dated,
    /// Achieved over peak FLOP/s while reading prompts (prefill, which is compute-bound).
    pub prefill_utilization: Dated,
    /// Passes over the labeled examples when tuning the served model.
    pub tuning_epochs: Dated,
    /// The size classes.
    pub classes: Vec<SizeClass>,
}

/// Owning GPUs instead of renting them.
#[derive(
    Debug, Clone, Deserialize, Serialize, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Owned {
    /// Years over which the purchase is written off.
    pub lifetime_years: Dated,
    /// Electricity, USD per kWh.
    pub power_usd_per_kwh: Dated,
    /// Power usage effectiveness: facility power over IT power.
    pub pue: Dated,
    /// Data-centre space and cooling, USD per kW of IT load per month.
    pub space_usd_per_kw_month: Dated,
    /// Weeks from order to GPUs in service.
    pub lead_time_weeks: Dated,
}

/// Training from scratch (strategy D).
#[derive(
    Debug, Clone, Deserialize, Serialize, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Training {
    /// Achieved FLOP/s over peak.
    pub utilization: Dated,
    /// Training tokens per parameter at the compute-optimal size.
    pub tokens_per_parameter: Dated,
    /// The smallest model worth training from scratch.
    pub min_params: Dated,
    /// Days a run is planned to take: sets the cluster bought for it on owned hardware.
    pub days: Dated,
    /// The GPU training runs on.
    pub gpu: String,
}

/// One role's yearly cost.
#[derive(
    Debug, Clone, Deserialize, Serialize, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// Id, e.g. `ml_engineer`.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Yearly pay (salary, bonus and equity), before overhead.
    pub yearly_usd: f64,
    /// When it was observed.
    pub date: String,
    /// Where it comes from.
    pub source: String,
}

/// Staff: roles, overhead, and the people each strategy needs beyond the product team.
#[derive(
    Debug, Clone, Deserialize, Serialize, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Staff {
    /// Employer cost over pay: benefits, payroll taxes, equipment.
    pub overhead: Dated,
    /// The roles.
    pub roles: Vec<Role>,
    /// Full-time people per role, per strategy (`A`..`D`).
    pub teams: BTreeMap<String, BTreeMap<String, f64>>,
    /// Engineer-months (of `ml_engineer`) to roll out a self-hosted platform: serving stack,
    /// evaluation harness, security review.
    pub rollout_months: Dated,
}

/// The pricing file, checked.
#[derive(
    Debug, Clone, Deserialize, Serialize, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Pricing {
    /// Always `USD`.
    pub currency: String,
    /// Hosted models.
    pub api: Api,
    /// Provider fine-tuning.
    pub fine_tuning: FineTuning,
    /// Open-weight models served per token.
    pub endpoints: Vec<Endpoint>,
    /// GPU types.
    pub gpus: Vec<Gpu>,
    /// Self-hosted serving.
    pub serving: Serving,
    /// Owned hardware.
    pub owned: Owned,
    /// Training from scratch.
    pub training: Training,
    /// Staff costs.
    pub staff: Staff,
}
