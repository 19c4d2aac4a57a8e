//! Serving capacity: how many GPUs a self-hosted model needs, from its memory (weights at the
//! serving precision plus the KV cache of the requests in flight) and its throughput.

use serde::Serialize;

use super::DAYS_PER_MONTH;
use super::pricing::{Gpu, Serving, SizeClass};

/// What one request stream asks of a fleet.
#[derive(Debug, Clone, Copy)]
pub(super) struct Load {
    /// Requests a day.
    pub(super) requests_per_day: f64,
    /// Tokens per request (prompt and completion, agent and reasoning factors included).
    pub(super) tokens_per_request: f64,
    /// Prompt tokens per completion token.
    pub(super) input_per_output: f64,
    /// Whether the work is batch, so the fleet runs at full load with no peak to absorb.
    pub(super) batch: bool,
}

/// GPU-seconds one request takes on one GPU: its prompt read at the prefill rate (compute
/// bound: 2 FLOPs per active parameter per token) plus its completion at the measured
/// generation rate.
pub(super) fn gpu_seconds(load: &Load, class: &SizeClass, gpu: &Gpu, s: &Serving) -> f64 {
    let output = load.tokens_per_request / (load.input_per_output + 1.0);
    let input = load.tokens_per_request - output;
    input / prefill_rate(class, gpu, s) + output / class.output_tokens_per_second_per_gpu
}

/// Prompt tokens a second one GPU reads: compute bound, 2 FLOPs per active parameter per
/// token; FP8 and narrower weights run on the tensor cores at twice the BF16 rate.
pub(super) fn prefill_rate(class: &SizeClass, gpu: &Gpu, s: &Serving) -> f64 {
    let speedup = if class.bytes_per_param <= 1.0 {
        2.0
    } else {
        1.0
    };
    gpu.peak_bf16_flops * speedup * s.prefill_utilization.value / (2.0 * class.active_params)
}

/// Output tokens a second one GPU generates at full load for requests of `input` prompt and
/// `output` completion tokens: the serving model's throughput, comparable with the
/// max-throughput tables that inference engines publish.
pub fn output_tokens_per_second(
    class: &SizeClass,
    gpu: &Gpu,
    s: &Serving,
    input: f64,
    output: f64,
) -> f64 {
    let load = Load {
        requests_per_day: 0.0,
        tokens_per_request: input + output,
        input_per_output: input / output,
        batch: true,
    };
    output / gpu_seconds(&load, class, gpu, s)
}

/// The fleet sized for a load.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fleet {
    /// The size class served.
    pub model: String,
    /// The GPU type.
    pub gpu: String,
    /// GPUs in all.
    pub gpus: f64,
    /// GPUs per replica: enough to hold the weights with room for the KV cache.
    pub gpus_per_replica: f64,
    /// Requests in flight at the peak the fleet is sized for.
    pub concurrency: f64,
    /// Tokens per second at that peak.
    pub peak_tokens_per_second: f64,
    /// What set the size: `throughput`, `memory` or `minimum` (one replica).
    pub bound: String,
}

/// Memory one replica of `n` GPUs leaves for the KV cache, in GB.
pub(super) fn kv_room(class: &SizeClass, gpu: &Gpu, s: &Serving, n: f64) -> f64 {
    n * gpu.memory_gb * s.usable_memory.value - class.params * class.bytes_per_param / 1e9
}

/// GPUs per replica: the smallest power of two whose usable memory holds the weights with at
/// least a fifth of it left for the KV cache.
pub(super) fn gpus_per_replica(class: &SizeClass, gpu: &Gpu, s: &Serving) -> f64 {
    let mut n = 1.0;
    while n < 64.0 && kv_room(class, gpu, s, n) < 0.2 * n * gpu.memory_gb * s.usable_memory.value {
        n *= 2.0;
    }
    n
}

/// Peak over mean traffic for a load.
fn peak(load: &Load, s: &Serving) -> f64 {
    if load.batch {
        1.0
    } else {
        s.peak_to_mean.value
    }
}

/// Requests a day one replica serves: the lesser of what its throughput and its KV-cache
/// memory allow, at the peak. Infinite when the load needs no tokens.
pub(super) fn replica_capacity(load: &Load, class: &SizeClass, gpu: &Gpu, s: &Serving) -> f64 {
    let n = gpus_per_replica(class, gpu, s);
    let peak = peak(load, s);
    let by_throughput = n * 86_400.0 / (gpu_seconds(load, class, gpu, s) * peak);
    if load.batch {
        return by_throughput;
    }
    let kv_per_request = load.tokens_per_request * class.kv_bytes_per_token / 1e9;
    let in_flight = kv_room(class, gpu, s, n) / kv_per_request;
    let by_memory = in_flight * 86_400.0 / (s.request_seconds.value * peak);
    by_throughput.min(by_memory)
}

/// Sizes the fleet for a load.
pub(super) fn fleet(load: &Load, class: &SizeClass, gpu: &Gpu, s: &Serving) -> Fleet {
    pooled(std::slice::from_ref(load), class, gpu, s)
}

/// Sizes one fleet of `class` on `gpu` for several loads served together: the GPU time and
/// the KV-cache memory of every load at its own peak, added, so the fleet holds the peaks
/// even when they coincide. One load gives the fleet [`fleet`] sizes.
pub(super) fn pooled(loads: &[Load], class: &SizeClass, gpu: &Gpu, s: &Serving) -> Fleet {
    let n = gpus_per_replica(class, gpu, s);
    let size = pooled_size(loads, class, gpu, s, n);
    Fleet {
        model: class.name.clone(),
        gpu: gpu.name.clone(),
        gpus: size.replicas * n,
        gpus_per_replica: n,
        concurrency: size.concurrency,
        peak_tokens_per_second: size.tokens_per_second,
        bound: size.bound.to_owned(),
    }
}

/// A fleet's size in numbers, as [`pooled`] finds it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Size {
    /// Replicas of `n` GPUs.
    pub(super) replicas: f64,
    /// What set the size: `throughput`, `memory` or `minimum`.
    pub(super) bound: &'static str,
    /// Requests in flight at the peak.
    pub(super) concurrency: f64,
    /// Tokens per second at the peak.
    pub(super) tokens_per_second: f64,
}

/// The size of a fleet of replicas of `n` GPUs (see [`gpus_per_replica`]) for several loads:
/// the arithmetic of [`pooled`], without names (the compiled cost model repeats it for one
/// load in `ClassPrices::gpus`).
pub(super) fn pooled_size(
    loads: &[Load],
    class: &SizeClass,
    gpu: &Gpu,
    s: &Serving,
    n: f64,
) -> Size {
    let (mut tokens_per_second, mut concurrency, mut gpu_load, mut kv) = (0.0, 0.0, 0.0, 0.0);
    for load in loads {
        let peak = peak(load, s);
        tokens_per_second += load.requests_per_day * load.tokens_per_request / 86_400.0 * peak;
        let in_flight = if load.batch {
            0.0
        } else {
            load.requests_per_day / 86_400.0 * peak * s.request_seconds.value
        };
        concurrency += in_flight;
        gpu_load += load.requests_per_day / 86_400.0 * peak * gpu_seconds(load, class, gpu, s);
        kv += in_flight * load.tokens_per_request * class.kv_bytes_per_token / 1e9;
    }
    let by_throughput = (gpu_load / n).ceil();
    let by_memory = (kv / kv_room(class, gpu, s, n)).ceil();
    let (replicas, bound) = if by_throughput <= 1.0 && by_memory <= 1.0 {
        (1.0, "minimum")
    } else if by_memory > by_throughput {
        (by_memory, "memory")
    } else {
        (by_throughput, "throughput")
    };
    Size {
        replicas,
        bound,
        concurrency,
        tokens_per_second,
    }
}

/// Tokens a month for a load.
pub(super) fn tokens_per_month(load: &Load) -> f64 {
    load.requests_per_day * load.tokens_per_request * DAYS_PER_MONTH
}
