//! Training from scratch (strategy D): a model worth training, the tokens it needs (the
//! organization's own, topped up with public text), and the compute that takes.

use serde::Serialize;

use super::hardware;
use super::pricing::{Gpu, Owned, Pricing, Training};

/// A training run from scratch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Train {
    /// Parameters: compute-optimal for the organization's own tokens, but never below the
    /// smallest model worth training nor above the size class the use case needs.
    pub params: f64,
    /// Training tokens in all.
    pub tokens: f64,
    /// Of those, the organization's own (zero when `corpus_tokens` is unanswered).
    pub own_tokens: f64,
    /// Of those, public text added to reach the compute-optimal count.
    pub public_tokens: f64,
    /// GPU-hours at the assumed utilization.
    pub gpu_hours: f64,
    /// The GPU type.
    pub gpu: String,
    /// Compute cost of the run: rented GPU-hours, or the power they draw on owned GPUs.
    pub compute_usd: f64,
    /// GPUs bought to train on (owned hardware only): enough to finish in the run's days.
    pub cluster_gpus: f64,
}

/// GPU-hours to train `params` parameters on `tokens` tokens: 6 FLOPs per parameter per
/// token, at `utilization` of the GPU's peak.
pub fn training_gpu_hours(params: f64, tokens: f64, peak_flops: f64, utilization: f64) -> f64 {
    6.0 * params * tokens / (peak_flops * utilization) / 3600.0
}

/// Sizes the run for an own corpus of `corpus` tokens (`None`: unanswered), for a use case
/// whose right-sized open model has `needed` parameters.
///
/// The model is compute-optimal for the corpus, within bounds: at least the smallest model
/// worth training, at most the size the use case needs. It trains on all of the corpus, so a
/// corpus larger than the compute-optimal count trains a smaller model for longer, as
/// published families do (Llama 3 trained its 8B model on 15 trillion tokens); a smaller
/// corpus is topped up with public text.
pub(super) fn run(corpus: Option<f64>, needed: f64, p: &Pricing, owned: Option<&Owned>) -> Train {
    let gpu = p.gpu(&p.training.gpu);
    let r = size_run(corpus, needed, &p.training, gpu, owned);
    Train {
        params: r.params,
        tokens: r.tokens,
        own_tokens: r.own.min(r.tokens),
        public_tokens: (r.tokens - r.own).max(0.0),
        gpu_hours: r.gpu_hours,
        gpu: gpu.name.clone(),
        compute_usd: r.compute_usd,
        cluster_gpus: r.cluster_gpus,
    }
}

/// A training run in numbers, as [`run`] sizes it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Run {
    /// Parameters.
    pub(super) params: f64,
    /// Training tokens in all.
    pub(super) tokens: f64,
    /// The organization's own tokens (zero when unanswered).
    pub(super) own: f64,
    /// GPU-hours.
    pub(super) gpu_hours: f64,
    /// Compute cost.
    pub(super) compute_usd: f64,
    /// GPUs bought to train on.
    pub(super) cluster_gpus: f64,
}

/// The arithmetic of [`run`] on the training GPU `gpu`, without names, for the compiled cost
/// model.
pub(super) fn size_run(
    corpus: Option<f64>,
    needed: f64,
    t: &Training,
    gpu: &Gpu,
    owned: Option<&Owned>,
) -> Run {
    let per_param = t.tokens_per_parameter.value;
    let own = corpus.unwrap_or(0.0).max(0.0);
    let params = (own / per_param).min(needed).max(t.min_params.value);
    let tokens = (params * per_param).max(own);
    let gpu_hours = training_gpu_hours(params, tokens, gpu.peak_bf16_flops, t.utilization.value);
    let (compute_usd, cluster_gpus) = match owned {
        None => (gpu_hours * gpu.hourly_usd, 0.0),
        Some(o) => (
            hardware::power_cost(gpu, o, gpu_hours),
            (gpu_hours / (t.days.value * 24.0)).ceil(),
        ),
    };
    Run {
        params,
        tokens,
        own,
        gpu_hours,
        compute_usd,
        cluster_gpus,
    }
}
