//! What the use cases of a portfolio can share, and what sharing saves: one retrieval
//! platform, one provider contract, one self-hosted fleet per model size class and kind of
//! hardware, and each strategy's staff counted once.

use serde::Serialize;

use super::Money;
use crate::answers::Answers;
use crate::cost::{Fleet, Pricing, shared_fleet};
use crate::options::{Approach, Strategy};
use crate::report::Report;

/// What the use cases share. Use cases are named by their index in the portfolio's
/// `use_cases`, in the order given.
#[derive(Debug, Clone, Serialize)]
pub struct Sharing {
    /// Use cases whose recommendation retrieves documents (rag): one retrieval platform
    /// (ingestion, index, search) serves them when there are two or more. The cost model
    /// prices no retrieval infrastructure, so sharing it changes no figure.
    pub retrieval: Vec<usize>,
    /// Use cases on a hosted API (A or B): one provider contract covers them when there are
    /// two or more, its usage the sum of theirs. No volume discount is assumed.
    pub provider_contract: Vec<usize>,
    /// A month of usage under that contract, the sum of the use cases'.
    pub contract_monthly_usage_usd: f64,
    /// Self-hosted use cases (C), one group per open-model size class and kind of hardware
    /// (bought or rented): a group of two or more shares one fleet and one rollout.
    pub fleets: Vec<FleetGroup>,
    /// Use cases that train their own model (D): each serves a model of its own, so their
    /// fleets are not shared.
    pub own_models: Vec<usize>,
    /// Strategies chosen by two or more use cases: the strategy's staff (the people it needs
    /// beyond the product team) is counted once for all of them.
    pub staff: Vec<StaffGroup>,
}

/// Self-hosted use cases that need the same model size on the same kind of hardware.
#[derive(Debug, Clone, Serialize)]
pub struct FleetGroup {
    /// The size class's id in the pricing file.
    pub class: String,
    /// Whether the GPUs are bought (on premises, or secret data) rather than rented.
    pub owned_hardware: bool,
    /// The use cases in the group.
    pub use_cases: Vec<usize>,
    /// GPUs their own fleets would hold together.
    pub separate_gpus: f64,
    /// The fleet that serves them: one sized for their combined peak when two or more share
    /// it, else the use case's own.
    pub fleet: Fleet,
    /// Rollouts of a self-hosted platform saved: one for the group instead of one each.
    pub rollouts_saved: usize,
    /// What the shared fleet and the single rollout save.
    pub saving: Money,
}

/// A strategy whose staff several use cases share.
#[derive(Debug, Clone, Serialize)]
pub struct StaffGroup {
    /// The strategy.
    pub strategy: Strategy,
    /// The use cases on it.
    pub use_cases: Vec<usize>,
    /// What counting its staff once saves.
    pub saving: Money,
}

impl Sharing {
    /// Everything sharing saves.
    pub fn saving(&self) -> Money {
        let fleets = self.fleets.iter().map(|g| g.saving);
        let staff = self.staff.iter().map(|g| g.saving);
        fleets.chain(staff).sum()
    }
}

/// Works out what `use_cases` (each with its answers and report) can share, priced with `p`.
pub fn share(use_cases: &[(&Answers, &Report)], p: &Pricing) -> Sharing {
    let on = |wanted: &[Strategy]| -> Vec<usize> {
        (0..use_cases.len())
            .filter(|&i| wanted.contains(&use_cases[i].1.recommendation.strategy))
            .collect()
    };
    let provider_contract = on(&[Strategy::A, Strategy::B]);
    let contract_monthly_usage_usd = provider_contract
        .iter()
        .map(|&i| {
            let r = use_cases[i].1;
            r.cost.monthly_usage_usd[r.recommendation.strategy]
        })
        .sum();
    Sharing {
        retrieval: (0..use_cases.len())
            .filter(|&i| use_cases[i].1.recommendation.approach == Approach::Rag)
            .collect(),
        provider_contract,
        contract_monthly_usage_usd,
        fleets: fleets(use_cases, &on(&[Strategy::C]), p),
        own_models: on(&[Strategy::D]),
        staff: Strategy::ALL
            .into_iter()
            .filter_map(|s| staff(use_cases, s, &on(&[s])))
            .collect(),
    }
}

/// The self-hosted use cases `on_c`, grouped by size class and hardware in the order of their
/// first member, each group's fleet sized once.
fn fleets(use_cases: &[(&Answers, &Report)], on_c: &[usize], p: &Pricing) -> Vec<FleetGroup> {
    let key = |i: usize| {
        let cost = &use_cases[i].1.cost;
        (cost.sizing.class.clone(), cost.owned_hardware)
    };
    let mut groups: Vec<((String, bool), Vec<usize>)> = Vec::new();
    for &i in on_c {
        match groups.iter_mut().find(|(k, _)| *k == key(i)) {
            Some((_, members)) => members.push(i),
            None => groups.push((key(i), vec![i])),
        }
    }
    groups
        .into_iter()
        .map(|((class, owned), members)| {
            let answers: Vec<&Answers> = members.iter().map(|&i| use_cases[i].0).collect();
            let shared = shared_fleet(&answers, &class, owned, p);
            let rollouts_saved = members.len() - 1;
            let rollouts = rollouts_saved as f64 * p.rollout_usd();
            let once = shared.saved_purchase_usd + rollouts;
            let first_year = 12.0 * (shared.saved_monthly_usd - shared.saved_writeoff_usd) + once;
            FleetGroup {
                class,
                owned_hardware: owned,
                use_cases: members,
                separate_gpus: shared.separate_gpus,
                fleet: shared.fleet,
                rollouts_saved,
                saving: Money {
                    monthly_usage_usd: shared.saved_monthly_usd,
                    monthly_staff_usd: 0.0,
                    one_time_usd: once,
                    first_year_usd: Some(first_year),
                    first_year_with_staff_usd: first_year,
                },
            }
        })
        .collect()
}

/// The staff `strategy` needs, counted once for `members` when there are two or more.
fn staff(
    use_cases: &[(&Answers, &Report)],
    strategy: Strategy,
    members: &[usize],
) -> Option<StaffGroup> {
    if members.len() < 2 {
        return None;
    }
    let first = use_cases[members[0]].1;
    let monthly = first.cost.monthly_staff_usd[strategy] * (members.len() - 1) as f64;
    Some(StaffGroup {
        strategy,
        use_cases: members.to_vec(),
        saving: Money {
            monthly_staff_usd: monthly,
            first_year_with_staff_usd: 12.0 * monthly,
            ..Money::zero()
        },
    })
}
