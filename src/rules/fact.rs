//! Cost facts: figures derived from a scenario's cost estimate that rule conditions can read,
//! such as a strategy's first-year cost as a share of the budget.

use crate::cost::{Estimate, FactFigures};
use crate::number::{money, percent};
use crate::options::Strategy;

/// Facts derived from the cost estimates, which rule conditions can read.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub enum Fact {
    /// A strategy's first-year cost in USD (usage plus one-time, no staff).
    FirstYear(Strategy),
    /// A strategy's first-year cost over the annual budget.
    BudgetShare(Strategy),
    /// The API's monthly cost (A) over self-hosting's (C), staff included.
    ApiOverSelfHosting,
    /// The training run from scratch (D) alone over the annual budget.
    TrainingShare,
}

/// Number of facts.
pub const FACTS: usize = 10;

impl Fact {
    /// Every fact, in index order.
    pub fn all() -> [Fact; FACTS] {
        let [a, b, c, d] = Strategy::ALL;
        [
            Fact::FirstYear(a),
            Fact::FirstYear(b),
            Fact::FirstYear(c),
            Fact::FirstYear(d),
            Fact::BudgetShare(a),
            Fact::BudgetShare(b),
            Fact::BudgetShare(c),
            Fact::BudgetShare(d),
            Fact::ApiOverSelfHosting,
            Fact::TrainingShare,
        ]
    }

    /// Its index in [`Facts`].
    pub fn index(self) -> usize {
        match self {
            Fact::FirstYear(s) => s as usize,
            Fact::BudgetShare(s) => 4 + s as usize,
            Fact::ApiOverSelfHosting => 8,
            Fact::TrainingShare => 9,
        }
    }

    /// The name rule files use, e.g. `cost.budget_share.C`.
    pub fn name(self) -> String {
        match self {
            Fact::FirstYear(s) => format!("cost.first_year.{s}"),
            Fact::BudgetShare(s) => format!("cost.budget_share.{s}"),
            Fact::ApiOverSelfHosting => "cost.api_over_self_hosting".to_owned(),
            Fact::TrainingShare => "cost.training_share".to_owned(),
        }
    }

    /// Looks a fact up by name.
    pub fn from_name(name: &str) -> Option<Fact> {
        Fact::all().into_iter().find(|f| f.name() == name)
    }

    /// The questions every fact is computed from: those the cost estimate reads.
    pub const QUESTIONS: [&'static str; 10] = crate::cost::QUESTIONS;

    /// The fact's value formatted for people.
    pub fn format(self, value: f64) -> String {
        match self {
            Fact::FirstYear(_) => money(value),
            Fact::BudgetShare(_) | Fact::TrainingShare if value.is_infinite() => percent(value),
            Fact::BudgetShare(_) | Fact::TrainingShare => {
                format!("{} of the budget", percent(value))
            }
            Fact::ApiOverSelfHosting => format!("{value:.1}x"),
        }
    }
}

/// The cost facts of one scenario; `None` where a fact cannot be computed.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Facts(pub [Option<f64>; FACTS]);

impl Facts {
    /// The facts of an estimate.
    pub fn of(e: &Estimate) -> Facts {
        Facts::of_figures(&e.fact_figures())
    }

    /// The facts of the figures an estimate (or the compiled cost model) gives.
    pub fn of_figures(f: &FactFigures) -> Facts {
        let mut out = [None; FACTS];
        for s in Strategy::ALL {
            out[Fact::FirstYear(s).index()] = f.first_year_usd[s as usize];
            out[Fact::BudgetShare(s).index()] = f.budget_share[s as usize];
        }
        let c = f.monthly_self_hosting_usd;
        out[Fact::ApiOverSelfHosting.index()] = (c > 0.0).then(|| f.monthly_api_usd / c);
        out[Fact::TrainingShare.index()] = f.training_budget_share;
        Facts(out)
    }

    /// A fact's value.
    pub fn get(&self, fact: Fact) -> Option<f64> {
        self.0[fact.index()]
    }
}
