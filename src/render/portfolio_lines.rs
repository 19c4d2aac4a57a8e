//! The words of a portfolio that every text format shows: the rows of the use-case and cost
//! tables, what is shared and what is not, and why a use case comes first.

use crate::number::{format_number, money, one_decimal as num, percent};
use crate::portfolio::{FleetGroup, Money, Portfolio, UseCase};

/// Headers of the use-case table.
pub(super) const USE_CASE_HEADER: [&str; 6] = [
    "#",
    "Use case",
    "Advice",
    "Matrix (control, complexity)",
    "A month (usage + staff)",
    "First year vs budget",
];

/// One row of the use-case table.
pub(super) fn use_case_row(number: usize, u: &UseCase) -> [String; 6] {
    let r = &u.report;
    let rec = &r.recommendation;
    let excluded = if u.recommendation_excluded {
        " (excluded)"
    } else {
        ""
    };
    let first_year = match (u.cost.first_year_usd, u.budget_usd) {
        (Some(cost), Some(budget)) => format!(
            "{} of {} ({})",
            money(cost),
            money(budget),
            r.cost.budget_share[rec.strategy].map_or_else(|| "n/a".to_owned(), percent)
        ),
        (Some(cost), None) => format!("{} (no budget given)", money(cost)),
        (None, _) => "unknown".to_owned(),
    };
    [
        number.to_string(),
        r.scenario.name.clone(),
        format!("{} + {}{excluded}", rec.strategy, rec.approach),
        format!(
            "{}, {} ({})",
            num(r.matrix.control),
            num(r.matrix.complexity),
            r.matrix.region
        ),
        format!(
            "{} + {}",
            money(u.cost.monthly_usage_usd),
            money(u.cost.monthly_staff_usd)
        ),
        first_year,
    ]
}

/// Headers of the cost table.
pub(super) const COST_HEADER: [&str; 4] = ["USD", "Separately", "Shared saves", "Combined"];

/// The cost table's rows: each line separately, what sharing saves, and combined.
pub(super) fn cost_rows(p: &Portfolio) -> Vec<[String; 4]> {
    let t = &p.totals;
    let first = |m: &Money| m.first_year_usd.map_or_else(|| "unknown".to_owned(), money);
    let row = |label: &str, f: &dyn Fn(&Money) -> String| {
        [
            label.to_owned(),
            f(&t.separate),
            f(&t.saving),
            f(&t.combined),
        ]
    };
    vec![
        row("A month of usage", &|m| money(m.monthly_usage_usd)),
        row("A month of staff", &|m| money(m.monthly_staff_usd)),
        row("One-time", &|m| money(m.one_time_usd)),
        row("First year, no staff", &first),
        row("First year with staff", &|m| {
            money(m.first_year_with_staff_usd)
        }),
    ]
}

/// The budget line under the cost table.
pub(super) fn budget_line(p: &Portfolio) -> String {
    let t = &p.totals;
    match (t.budget_usd, t.budget_share) {
        (Some(budget), Some(share)) => format!(
            "Budget: {} a year, the sum of the use cases' budgets; the combined first year \
             (no staff) takes {}.",
            money(budget),
            percent(share)
        ),
        _ => "Budget: unknown, as a use case states none or its first year is unknown.".to_owned(),
    }
}

/// Use cases by number, as `#1, #3 and #4`.
fn numbers(indexes: &[usize]) -> String {
    let all: Vec<String> = indexes.iter().map(|i| format!("#{}", i + 1)).collect();
    match all.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// What is shared and what is not, one sentence each.
pub(super) fn sharing_lines(p: &Portfolio) -> Vec<String> {
    let s = &p.sharing;
    let mut lines = Vec::new();
    match s.retrieval.len() {
        0 => {}
        1 => lines.push(format!(
            "Retrieval: only {} uses rag, so there is no platform to share.",
            numbers(&s.retrieval)
        )),
        _ => lines.push(format!(
            "Retrieval platform: one for {} (rag): ingestion, index and search built once. \
             The cost model prices no retrieval infrastructure, so no figure changes.",
            numbers(&s.retrieval)
        )),
    }
    match s.provider_contract.len() {
        0 => {}
        1 => lines.push(format!(
            "Provider contract: only {} uses a hosted API.",
            numbers(&s.provider_contract)
        )),
        _ => lines.push(format!(
            "Provider contract: one for {} (A and B), {} a month of usage in all, the sum of \
             theirs; no volume discount is assumed.",
            numbers(&s.provider_contract),
            money(s.contract_monthly_usage_usd)
        )),
    }
    lines.extend(s.fleets.iter().map(fleet_line));
    match s.own_models.len() {
        0 => {}
        1 => lines.push(format!(
            "Trained from scratch (D): {} serves a model of its own, so its fleet is pooled \
             with no other.",
            numbers(&s.own_models)
        )),
        _ => lines.push(format!(
            "Trained from scratch (D): {} each serve a model of their own, so their fleets \
             are not pooled.",
            numbers(&s.own_models)
        )),
    }
    for g in &s.staff {
        lines.push(format!(
            "Staff of strategy {}: counted once for {} instead of {} times: saves {} a month.",
            g.strategy,
            numbers(&g.use_cases),
            g.use_cases.len(),
            money(g.saving.monthly_staff_usd)
        ));
    }
    if p.totals.saving.is_zero() {
        lines.push(
            "Nothing that costs money is shared, so the combined cost is the sum of the \
             separate costs."
                .to_owned(),
        );
    }
    lines
}

fn fleet_line(g: &FleetGroup) -> String {
    let hardware = if g.owned_hardware { "bought" } else { "rented" };
    let what = format!("Self-hosted fleet ({} model, {hardware} GPUs)", g.class);
    let f = &g.fleet;
    if g.use_cases.len() < 2 {
        return format!(
            "{what}: {} alone, on {}; no other C use case needs this size on {hardware} GPUs.",
            numbers(&g.use_cases),
            gpus(f.gpus)
        );
    }
    format!(
        "{what}: {} share one fleet of {} ({}) instead of {}, sized for their peaks added, \
         and one rollout instead of {}: saves {} a month and {} once.",
        numbers(&g.use_cases),
        gpus(f.gpus),
        f.gpu,
        format_number(g.separate_gpus),
        g.use_cases.len(),
        money(g.saving.monthly_usage_usd),
        money(g.saving.one_time_usd)
    )
}

/// A count of GPUs, as `1 GPU` or `4 GPUs`.
#[allow(clippy::float_cmp)] // GPU counts are whole numbers
fn gpus(n: f64) -> String {
    let plural = if n == 1.0 { "" } else { "s" };
    format!("{} GPU{plural}", format_number(n))
}

/// Which use case to start with, and why.
pub(super) fn start_line(p: &Portfolio) -> String {
    let Some(s) = &p.start_with else {
        return "Start with: none; the rules excluded every recommendation.".to_owned();
    };
    let Some(u) = p.use_cases.get(s.use_case) else {
        return "Start with: none.".to_owned();
    };
    let rec = &u.report.recommendation;
    let among = if s.fits_budget {
        format!(
            "of the {} use cases whose recommendation no rule excludes, {} fit their budget in \
             the first year, and",
            s.candidates, s.within_budget
        )
    } else {
        format!(
            "none of the {} use cases whose recommendation no rule excludes fits its budget in \
             the first year;",
            s.candidates
        )
    };
    format!(
        "Start with #{} {} ({} + {}): {among} among those it has the lowest complexity on the \
         matrix ({}); its first year costs {} with staff.",
        s.use_case + 1,
        u.report.scenario.name,
        rec.strategy,
        rec.approach,
        num(s.complexity),
        money(s.first_year_with_staff_usd)
    )
}
