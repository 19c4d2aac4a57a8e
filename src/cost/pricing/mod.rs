//! The pricing file: API prices, GPUs, serving capacity, training efficiency and staff costs,
//! every figure dated and sourced. Parsed from YAML and checked like the rules.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::locate::Locations;
use crate::diagnostic::{Diagnostic, Invalid, Problems, input, yaml};
use crate::options::{PerStrategy, Strategy};

/// A figure with the date it was observed and where it comes from.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Dated {
    /// The figure.
    pub value: f64,
    /// When it was observed, `YYYY-MM-DD`.
    pub date: String,
    /// Where it comes from.
    pub source: String,
}

/// One hosted-model price tier.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Id, e.g. `mid`.
    pub id: String,
    /// What it stands for.
    pub name: String,
    /// USD per million prompt tokens.
    pub input_per_million: f64,
    /// USD per million completion tokens.
    pub output_per_million: f64,
    /// When the price was observed.
    pub date: String,
    /// Where it comes from.
    pub source: String,
}

/// Hosted-model prices.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Api {
    /// Prompt tokens per completion token.
    pub input_per_output: Dated,
    /// Tokens per call when the answers do not say.
    pub default_tokens_per_request: Dated,
    /// The tier strategy A is priced at.
    pub default_tier: String,
    /// The tiers.
    pub tiers: Vec<Tier>,
}

/// Provider-run fine-tuning (strategy B).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FineTuning {
    /// USD per million training tokens.
    pub training_per_million: f64,
    /// USD per million prompt tokens to the tuned model.
    pub input_per_million: f64,
    /// USD per million completion tokens from the tuned model.
    pub output_per_million: f64,
    /// Passes over the examples.
    pub epochs: f64,
    /// Tokens in one curated example.
    pub tokens_per_example: f64,
    /// When the prices were observed.
    pub date: String,
    /// Where they come from.
    pub source: String,
}

/// A GPU type.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Gpu {
    /// Id, e.g. `a100-80gb`.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Peak dense BF16 FLOP/s.
    pub peak_bf16_flops: f64,
    /// USD per GPU-hour.
    pub hourly_usd: f64,
    /// When the price was observed.
    pub date: String,
    /// Where the figures come from.
    pub source: String,
}

/// An open model as served on GPUs.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ServedModel {
    /// Id, e.g. `llama-70b`.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Parameters.
    pub params: f64,
    /// The GPU it runs on.
    pub gpu: String,
    /// GPUs one replica needs.
    pub gpus_per_replica: f64,
    /// Tokens per second one replica processes.
    pub tokens_per_second: f64,
    /// When the throughput was measured.
    pub date: String,
    /// Where it comes from.
    pub source: String,
}

/// Self-hosted serving (strategies C and D).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Serving {
    /// Average load over provisioned capacity.
    pub utilization: Dated,
    /// The model strategy C is priced with.
    pub default_model: String,
    /// The models.
    pub models: Vec<ServedModel>,
    /// Passes over the labeled examples when tuning the served model.
    pub tuning_epochs: f64,
}

/// Training from scratch (strategy D).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Training {
    /// Achieved FLOP/s over peak.
    pub utilization: Dated,
    /// Training tokens per parameter at the compute-optimal size.
    pub tokens_per_parameter: Dated,
    /// The GPU training runs on.
    pub gpu: String,
}

/// Staff each strategy needs.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Staff {
    /// When the figures were observed.
    pub date: String,
    /// Where they come from.
    pub source: String,
    /// Fully loaded yearly cost per strategy (`A`..`D`).
    pub yearly_usd: BTreeMap<String, f64>,
}

/// The pricing file, checked.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pricing {
    /// Always `USD`.
    pub currency: String,
    /// Hosted models.
    pub api: Api,
    /// Provider fine-tuning.
    pub fine_tuning: FineTuning,
    /// GPU types.
    pub gpus: Vec<Gpu>,
    /// Self-hosted serving.
    pub serving: Serving,
    /// Training from scratch.
    pub training: Training,
    /// Staff costs.
    pub staff: Staff,
}

impl Pricing {
    /// The GPU with this id (checked to exist when loading).
    pub fn gpu(&self, id: &str) -> &Gpu {
        self.gpus
            .iter()
            .find(|g| g.id == id)
            .unwrap_or(&self.gpus[0])
    }

    /// The tier strategy A is priced at.
    pub fn tier(&self) -> &Tier {
        let id = &self.api.default_tier;
        self.api
            .tiers
            .iter()
            .find(|t| &t.id == id)
            .unwrap_or(&self.api.tiers[0])
    }

    /// The model strategy C is priced with.
    pub fn served(&self) -> &ServedModel {
        let id = &self.serving.default_model;
        self.serving
            .models
            .iter()
            .find(|m| &m.id == id)
            .unwrap_or(&self.serving.models[0])
    }

    /// Yearly staff cost per strategy.
    pub fn staff(&self) -> PerStrategy<f64> {
        PerStrategy(
            Strategy::ALL.map(|s| self.staff.yearly_usd.get(s.name()).copied().unwrap_or(0.0)),
        )
    }
}

/// The pricing file compiled into the binary.
pub const BUILT_IN: &str = include_str!("../../../rules/pricing.yaml");

/// Problems found in a pricing file, each with the YAML path it concerns.
type Found = Vec<(String, Diagnostic)>;

mod check;

/// Parses and checks a pricing file, reporting every problem with its line.
pub fn parse(path: &Path, text: &str) -> Result<Pricing, Invalid> {
    let pricing: Pricing = serde_yaml::from_str(text).map_err(|e| yaml::invalid(path, text, &e))?;
    let mut found = Found::new();
    check::numbers(&pricing, &mut found);
    check::references(&pricing, &mut found);
    check::staff(&pricing, &mut found);
    if found.is_empty() {
        return Ok(pricing);
    }
    let locations = Locations::of(text);
    let mut problems = Problems::new(path, text);
    for (at, mut d) in found {
        d.span = locations.find(&at);
        problems.push(d);
    }
    problems.finish()?;
    Ok(pricing)
}

/// Loads a pricing file from disk.
pub fn load(path: &Path) -> anyhow::Result<Pricing> {
    let text = input::read(path, input::Kind::Pricing)?;
    Ok(parse(path, &text)?)
}

/// The built-in pricing.
pub fn built_in() -> Result<Pricing, Invalid> {
    parse(Path::new("rules/pricing.yaml"), BUILT_IN)
}
