//! The cost lines a portfolio adds up: a use case's under its recommended strategy, what
//! sharing saves, and the totals.

use std::ops::{Add, Sub};

use serde::Serialize;

use crate::cost::Estimate;
use crate::options::Strategy;

/// The money lines of one use case, a saving, or a total, in US dollars.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Money {
    /// A month of usage: API fees, or GPUs rented or owned; no staff.
    pub monthly_usage_usd: f64,
    /// A month of staff.
    pub monthly_staff_usd: f64,
    /// Paid once: provider tuning, rollout, tuning compute, GPUs bought, a training run.
    pub one_time_usd: f64,
    /// The first year without staff, as the budget counts it; `null` when unknown.
    pub first_year_usd: Option<f64>,
    /// The first year with a year of staff.
    pub first_year_with_staff_usd: f64,
}

impl Money {
    /// A use case's lines under `strategy`, from its estimate.
    pub fn of(estimate: &Estimate, strategy: Strategy) -> Money {
        Money {
            monthly_usage_usd: estimate.monthly_usage_usd[strategy],
            monthly_staff_usd: estimate.monthly_staff_usd[strategy],
            one_time_usd: estimate.one_time_usd[strategy],
            first_year_usd: estimate.first_year_usd[strategy],
            first_year_with_staff_usd: estimate.first_year_with_staff_usd[strategy],
        }
    }

    /// Whether every line is zero: nothing saved.
    pub fn is_zero(&self) -> bool {
        *self == Money::zero()
    }

    /// No money on any line.
    pub fn zero() -> Money {
        Money {
            first_year_usd: Some(0.0),
            ..Money::default()
        }
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, other: Money) -> Money {
        Money {
            monthly_usage_usd: self.monthly_usage_usd + other.monthly_usage_usd,
            monthly_staff_usd: self.monthly_staff_usd + other.monthly_staff_usd,
            one_time_usd: self.one_time_usd + other.one_time_usd,
            first_year_usd: self
                .first_year_usd
                .zip(other.first_year_usd)
                .map(|(a, b)| a + b),
            first_year_with_staff_usd: self.first_year_with_staff_usd
                + other.first_year_with_staff_usd,
        }
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, other: Money) -> Money {
        Money {
            monthly_usage_usd: self.monthly_usage_usd - other.monthly_usage_usd,
            monthly_staff_usd: self.monthly_staff_usd - other.monthly_staff_usd,
            one_time_usd: self.one_time_usd - other.one_time_usd,
            first_year_usd: self
                .first_year_usd
                .zip(other.first_year_usd)
                .map(|(a, b)| a - b),
            first_year_with_staff_usd: self.first_year_with_staff_usd
                - other.first_year_with_staff_usd,
        }
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::zero(), Add::add)
    }
}
