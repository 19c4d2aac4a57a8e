//! The use case to start with: the best value for the least complexity, chosen in the open
//! from the model.

use std::cmp::Ordering;

use serde::Serialize;

use super::UseCase;

/// The use case to start with, and the figures that chose it.
///
/// Only use cases whose recommendation no rule excludes are considered. Among them, those
/// whose first year fits their own budget come first; then the lowest complexity on the
/// matrix (as shown, to one decimal); then the lowest first-year cost with staff; then the
/// name.
#[derive(Debug, Clone, Serialize)]
pub struct StartWith {
    /// Its index in the portfolio's `use_cases`.
    pub use_case: usize,
    /// How many use cases were considered: those whose recommendation is not excluded.
    pub candidates: usize,
    /// How many of those fit their budget in the first year.
    pub within_budget: usize,
    /// Whether this one fits its budget in the first year.
    pub fits_budget: bool,
    /// Its complexity on the matrix, 0 to 10.
    pub complexity: f64,
    /// Its first year with staff.
    pub first_year_with_staff_usd: f64,
}

/// Picks the use case to start with; `None` when every recommendation is excluded (the
/// rules contradicted themselves for each one).
pub fn start_with(use_cases: &[UseCase]) -> Option<StartWith> {
    let candidates: Vec<usize> = (0..use_cases.len())
        .filter(|&i| !use_cases[i].recommendation_excluded)
        .collect();
    let shown = |x: f64| (x * 10.0).round() / 10.0;
    let order = |&a: &usize, &b: &usize| -> Ordering {
        let (x, y) = (&use_cases[a], &use_cases[b]);
        y.fits_budget()
            .cmp(&x.fits_budget())
            .then(shown(x.report.matrix.complexity).total_cmp(&shown(y.report.matrix.complexity)))
            .then(
                x.cost
                    .first_year_with_staff_usd
                    .total_cmp(&y.cost.first_year_with_staff_usd),
            )
            .then_with(|| x.report.scenario.name.cmp(&y.report.scenario.name))
            .then(a.cmp(&b))
    };
    let best = candidates.iter().copied().min_by(order)?;
    let chosen = &use_cases[best];
    Some(StartWith {
        use_case: best,
        candidates: candidates.len(),
        within_budget: candidates
            .iter()
            .filter(|&&i| use_cases[i].fits_budget())
            .count(),
        fits_budget: chosen.fits_budget(),
        complexity: chosen.report.matrix.complexity,
        first_year_with_staff_usd: chosen.cost.first_year_with_staff_usd,
    })
}
