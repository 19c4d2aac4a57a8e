//! A size class as the compiled cost model prices it: its GPUs per replica, one GPU's cost
//! rented and owned, and the serving figures that do not depend on the load, resolved once;
//! and the fleet it needs for one load, as [`serving::pooled_size`] sizes it.

use super::hardware::{self, GpuCost};
use super::pricing::{Pricing, Serving, SizeClass};
use super::serving::{self, Load};

/// A size class with its GPUs per replica, one GPU's cost and its load-free serving figures.
#[derive(Debug, Clone, Copy)]
pub(super) struct ClassPrices<'p> {
    pub(super) class: &'p SizeClass,
    pub(super) gpus_per_replica: f64,
    /// One GPU's cost, rented then owned.
    pub(super) cost: [GpuCost; 2],
    /// Parameters of the dense class a model trained from scratch for this use case needs.
    pub(super) needed: f64,
    /// Prompt tokens a second one GPU reads (see [`serving::prefill_rate`]).
    prefill: f64,
    /// Memory a replica leaves for the KV cache, in GB (see [`serving::kv_room`]).
    kv_room: f64,
}

impl<'p> ClassPrices<'p> {
    /// A size class of a pricing, for a use case whose model trained from scratch would need
    /// `needed` parameters.
    pub(super) fn new(p: &'p Pricing, class: &'p SizeClass, needed: f64) -> ClassPrices<'p> {
        let gpu = p.gpu(&class.gpu);
        let n = serving::gpus_per_replica(class, gpu, &p.serving);
        ClassPrices {
            class,
            gpus_per_replica: n,
            prefill: serving::prefill_rate(class, gpu, &p.serving),
            kv_room: serving::kv_room(class, gpu, &p.serving, n),
            cost: [
                hardware::per_gpu(gpu, None),
                hardware::per_gpu(gpu, Some(&p.owned)),
            ],
            needed,
        }
    }

    /// GPUs in a fleet of this class for the load, as [`serving::pooled_size`] sizes it for
    /// this one load, the same operations in the same order: `split` is the load's prompt and
    /// completion tokens per request and `rate` its requests a second at the peak.
    #[inline]
    pub(super) fn gpus(&self, load: &Load, split: (f64, f64), rate: f64, s: &Serving) -> f64 {
        let n = self.gpus_per_replica;
        let (input, output) = split;
        let seconds = input / self.prefill + output / self.class.output_tokens_per_second_per_gpu;
        let in_flight = if load.batch {
            0.0
        } else {
            rate * s.request_seconds.value
        };
        let gpu_load = 0.0 + rate * seconds;
        let kv = 0.0 + in_flight * load.tokens_per_request * self.class.kv_bytes_per_token / 1e9;
        let by_throughput = (gpu_load / n).ceil();
        let by_memory = (kv / self.kv_room).ceil();
        let replicas = if by_throughput <= 1.0 && by_memory <= 1.0 {
            1.0
        } else if by_memory > by_throughput {
            by_memory
        } else {
            by_throughput
        };
        replicas * n
    }
}
