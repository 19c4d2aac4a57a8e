//! What a GPU costs a month and up front: rented by the hour, or bought and run in your own
//! data centre (written off over its life, plus power and space).

use super::HOURS_PER_MONTH;
use super::pricing::{Gpu, Owned};

/// One GPU's cost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct GpuCost {
    /// Running cost a month: rent, or write-off plus power plus space.
    pub(super) monthly: f64,
    /// Of `monthly`, the purchase written off (zero when rented).
    pub(super) writeoff: f64,
    /// Paid up front: the purchase (zero when rented).
    pub(super) once: f64,
}

/// Kilowatts a GPU draws at the wall's side of the cooling: board power times PUE.
fn facility_kw(gpu: &Gpu, owned: &Owned) -> f64 {
    gpu.power_watts / 1000.0 * owned.pue.value
}

/// Electricity for `hours` GPU-hours on owned hardware.
pub(super) fn power_cost(gpu: &Gpu, owned: &Owned, hours: f64) -> f64 {
    facility_kw(gpu, owned) * hours * owned.power_usd_per_kwh.value
}

/// One GPU's cost, rented (`owned` is `None`) or owned.
pub(super) fn per_gpu(gpu: &Gpu, owned: Option<&Owned>) -> GpuCost {
    match owned {
        None => GpuCost {
            monthly: gpu.hourly_usd * HOURS_PER_MONTH,
            writeoff: 0.0,
            once: 0.0,
        },
        Some(o) => {
            let writeoff = gpu.purchase_usd / (o.lifetime_years.value * 12.0);
            let power = power_cost(gpu, o, HOURS_PER_MONTH);
            let space = gpu.power_watts / 1000.0 * o.space_usd_per_kw_month.value;
            GpuCost {
                monthly: writeoff + power + space,
                writeoff,
                once: gpu.purchase_usd,
            }
        }
    }
}
