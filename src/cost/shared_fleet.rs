//! One self-hosted fleet serving several use cases with the same open model: sized for their
//! combined peak by the serving model, and the GPUs it saves over a fleet for each.

use serde::Serialize;

use super::estimate::load;
use super::hardware;
use super::pricing::Pricing;
use super::serving::{self, Fleet, Load};
use super::sizing;
use crate::answers::Answers;

/// A fleet shared by several use cases, and what it saves over their own fleets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharedFleet {
    /// The one fleet, sized for every use case's traffic at its peak, added.
    pub fleet: Fleet,
    /// GPUs the use cases' own fleets would hold together.
    pub separate_gpus: f64,
    /// A month of the GPUs not needed: rent, or write-off, power and space.
    pub saved_monthly_usd: f64,
    /// Of that, the purchase written off (zero when rented).
    pub saved_writeoff_usd: f64,
    /// The purchase of the GPUs not bought (zero when rented).
    pub saved_purchase_usd: f64,
}

/// Sizes one fleet serving the open model of size class `class` (a pricing class id) for
/// every use case in `use_cases`, on GPUs bought (`owned`) or rented, and what it saves over
/// a fleet of that class for each. The shared fleet never holds more GPUs than the separate
/// ones together: it rounds up to whole replicas once rather than once per use case.
pub fn shared_fleet(use_cases: &[&Answers], class: &str, owned: bool, p: &Pricing) -> SharedFleet {
    let size_class = p.class(class);
    let gpu = p.gpu(&size_class.gpu);
    let loads: Vec<Load> = use_cases
        .iter()
        .map(|a| load(a, &sizing::size(a, p), p))
        .collect();
    let separate_gpus = loads
        .iter()
        .map(|l| serving::fleet(l, size_class, gpu, &p.serving).gpus)
        .sum::<f64>();
    let fleet = serving::pooled(&loads, size_class, gpu, &p.serving);
    let per_gpu = hardware::per_gpu(gpu, owned.then_some(&p.owned));
    let saved = separate_gpus - fleet.gpus;
    SharedFleet {
        fleet,
        separate_gpus,
        saved_monthly_usd: saved * per_gpu.monthly,
        saved_writeoff_usd: saved * per_gpu.writeoff,
        saved_purchase_usd: saved * per_gpu.once,
    }
}
