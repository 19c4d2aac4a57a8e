//! A portfolio: several use cases of one organization, each assessed as `assess` does, what
//! they can share, their combined cost with sharing taken into account, and the use case to
//! start with. Pure: no I/O.
//!
//! The combined cost is the sum of the use cases' own costs (each under its recommended
//! strategy) minus what sharing saves, and every saving is zero or more, so it is never
//! more than the sum, and equal to it when nothing is shared.

use serde::Serialize;

mod money;
mod sharing;
mod start;
#[cfg(test)]
mod tests;

use crate::answers::{Answer, Answers};
use crate::questions::QuestionId;
use crate::report::{self, Report, SCHEMA_VERSION, Stamp};
use crate::rules::RuleBase;
pub use money::Money;
pub use sharing::{FleetGroup, Sharing, StaffGroup, share};
pub use start::{StartWith, start_with};

/// Most use cases `portfolio` takes at once.
pub const MAX_USE_CASES: usize = 32;

/// Several use cases of one organization, together.
#[derive(Debug, Clone, Serialize)]
pub struct Portfolio {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The use cases, in the order given.
    pub use_cases: Vec<UseCase>,
    /// What they can share.
    pub sharing: Sharing,
    /// The cost of them all, separately and with sharing.
    pub totals: Totals,
    /// The use case to start with; `null` when every recommendation is excluded.
    pub start_with: Option<StartWith>,
    /// The tool, rules, pricing and answers (all use cases, in order) it was computed from.
    pub stamp: Stamp,
}

/// One use case: its report and its cost under its recommended strategy.
#[derive(Debug, Clone, Serialize)]
pub struct UseCase {
    /// Its answers file, as given on the command line (empty when it came from no file).
    pub file: String,
    /// Whether a rule excludes its recommendation (the rules excluded every pair).
    pub recommendation_excluded: bool,
    /// Its yearly budget (`budget.annual_usd`); `null` when unanswered.
    pub budget_usd: Option<f64>,
    /// Its cost under the recommended strategy, on its own.
    pub cost: Money,
    /// Its whole report, as `assess --format json` gives it.
    pub report: Report,
}

impl UseCase {
    /// Whether its first year (without staff) fits its own budget.
    pub fn fits_budget(&self) -> bool {
        self.report.cost.budget_share[self.report.recommendation.strategy]
            .is_some_and(|share| share <= 1.0)
    }
}

/// The portfolio's cost: the use cases' own costs added, what sharing saves, and the
/// difference, against the budget.
#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    /// The use cases' own costs, added.
    pub separate: Money,
    /// What sharing saves (every line zero or more).
    pub saving: Money,
    /// `separate` minus `saving`: what the portfolio costs.
    pub combined: Money,
    /// The portfolio's yearly budget: the sum of the use cases' budgets, each answers file
    /// stating what its use case may spend; `null` when one is unanswered.
    pub budget_usd: Option<f64>,
    /// The combined first year (without staff) over that budget; above 1 means over it.
    pub budget_share: Option<f64>,
}

/// Assesses every use case and puts them together; `files` names each one's answers file
/// (missing names are left empty).
pub fn build(base: &RuleBase, scenarios: &[Answers], files: &[String]) -> Portfolio {
    let reports: Vec<Report> = scenarios.iter().map(|a| report::assess(base, a)).collect();
    let pairs: Vec<(&Answers, &Report)> = scenarios.iter().zip(&reports).collect();
    let sharing = share(&pairs, &base.pricing);
    let use_cases: Vec<UseCase> = scenarios
        .iter()
        .zip(reports)
        .enumerate()
        .map(|(i, (answers, report))| use_case(answers, report, files.get(i)))
        .collect();
    let separate: Money = use_cases.iter().map(|u| u.cost).sum();
    let saving = sharing.saving();
    let combined = separate - saving;
    let budget_usd = use_cases.iter().map(|u| u.budget_usd).sum::<Option<f64>>();
    let budget_share = budget_usd
        .zip(combined.first_year_usd)
        .map(|(budget, cost)| share_of(cost, budget));
    Portfolio {
        schema_version: SCHEMA_VERSION,
        start_with: start_with(&use_cases),
        use_cases,
        sharing,
        totals: Totals {
            separate,
            saving,
            combined,
            budget_usd,
            budget_share,
        },
        stamp: Stamp::of_all(base, scenarios),
    }
}

fn use_case(answers: &Answers, report: Report, file: Option<&String>) -> UseCase {
    let rec = &report.recommendation;
    let recommendation_excluded =
        report.is_excluded(rec.strategy.name()) || report.is_excluded(rec.approach.name());
    let budget_usd = QuestionId::from_name("budget.annual_usd")
        .and_then(|q| answers.get(q))
        .and_then(|a| match a {
            Answer::Number(n) => Some(n),
            Answer::Level(_) => None,
        });
    UseCase {
        file: file.cloned().unwrap_or_default(),
        recommendation_excluded,
        budget_usd,
        cost: Money::of(&report.cost, rec.strategy),
        report,
    }
}

/// `cost` over `budget`, as the estimate computes a budget share.
fn share_of(cost: f64, budget: f64) -> f64 {
    if budget > 0.0 {
        cost / budget
    } else if cost > 0.0 {
        f64::INFINITY
    } else {
        0.0
    }
}
