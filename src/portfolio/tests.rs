//! Sharing, the combined cost and the use case to start with, on the bundled examples.

// The figures compared are sums of the same numbers, or savings that are exactly zero.
#![allow(clippy::float_cmp)]

use std::path::Path;

use super::*;
use crate::options::Strategy;
use crate::rules;

fn example(name: &str) -> Answers {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(format!("{name}.toml"));
    let bytes = std::fs::read(&path).expect("the example is readable");
    crate::answers::parse(&path, &bytes).expect("the example is valid")
}

fn portfolio(names: &[&str]) -> Portfolio {
    let base = rules::built_in().expect("the built-in rules load");
    let scenarios: Vec<Answers> = names.iter().map(|n| example(n)).collect();
    build(&base, &scenarios, &[])
}

const CHIP: &str = "chip-design-assistant"; // C + fine-tune, large model, rented GPUs
const AGENCY: &str = "public-sector-transparency"; // C + rag, large model, rented GPUs
const PHARMA: &str = "pharma-rnd-on-prem"; // C + rag, large model, bought GPUs
const BANK: &str = "regional-bank-advisor"; // A + rag
const SAAS: &str = "saas-support-docs"; // A + rag
const BRAND: &str = "marketing-copy-generic"; // A + prompting

#[test]
fn one_use_case_shares_nothing_and_costs_what_it_costs_alone() {
    let p = portfolio(&[CHIP]);
    assert!(p.totals.saving.is_zero(), "{:?}", p.totals.saving);
    assert_eq!(p.totals.combined, p.totals.separate);
    assert_eq!(p.totals.separate, p.use_cases[0].cost);
    assert_eq!(p.start_with.map(|s| s.use_case), Some(0));
}

#[test]
fn two_self_hosted_use_cases_of_one_size_share_one_fleet_sized_for_both() {
    let p = portfolio(&[CHIP, AGENCY]);
    assert_eq!(p.sharing.fleets.len(), 1);
    let group = &p.sharing.fleets[0];
    assert_eq!(group.use_cases, [0, 1]);
    let own: f64 = p
        .use_cases
        .iter()
        .map(|u| u.report.cost.self_hosting.gpus)
        .sum();
    assert_eq!(group.separate_gpus, own);
    assert!(group.fleet.gpus <= own, "{} > {own}", group.fleet.gpus);
    assert_eq!(group.rollouts_saved, 1);
    let base = rules::built_in().unwrap();
    assert!(group.saving.one_time_usd >= base.pricing.rollout_usd());
    // Strategy C's staff is counted once.
    let staff = &p.sharing.staff;
    assert_eq!(staff.len(), 1);
    assert_eq!(staff[0].strategy, Strategy::C);
    assert_eq!(
        staff[0].saving.monthly_staff_usd,
        p.use_cases[0].report.cost.monthly_staff_usd[Strategy::C]
    );
    assert!(p.totals.combined.monthly_staff_usd < p.totals.separate.monthly_staff_usd);
}

#[test]
fn bought_and_rented_gpus_are_separate_fleets() {
    let p = portfolio(&[CHIP, PHARMA]);
    assert_eq!(p.sharing.fleets.len(), 2);
    for group in &p.sharing.fleets {
        assert_eq!(group.use_cases.len(), 1);
        assert_eq!(group.rollouts_saved, 0);
        assert!(group.saving.is_zero());
    }
    assert_eq!(
        p.sharing
            .fleets
            .iter()
            .map(|g| g.owned_hardware)
            .collect::<Vec<_>>(),
        [false, true]
    );
}

#[test]
fn one_provider_contract_adds_the_usage_and_saves_no_fee() {
    let p = portfolio(&[BANK, SAAS, CHIP]);
    assert_eq!(p.sharing.provider_contract, [0, 1]);
    let usage = p.use_cases[0].cost.monthly_usage_usd + p.use_cases[1].cost.monthly_usage_usd;
    assert_eq!(p.sharing.contract_monthly_usage_usd, usage);
    // Only A's staff is shared: the API fees are not discounted.
    assert_eq!(p.totals.saving.monthly_usage_usd, 0.0);
    assert_eq!(p.sharing.staff.len(), 1);
    assert_eq!(p.sharing.staff[0].strategy, Strategy::A);
}

#[test]
fn retrieval_use_cases_share_a_platform_that_changes_no_figure() {
    let p = portfolio(&[BANK, AGENCY, BRAND]);
    assert_eq!(p.sharing.retrieval, [0, 1]);
    // Bank and brand are both on A, so only A's staff is shared.
    assert_eq!(p.totals.saving.one_time_usd, 0.0);
    assert_eq!(p.totals.saving.monthly_usage_usd, 0.0);
}

#[test]
fn start_with_the_least_complex_use_case_that_fits_its_budget() {
    let p = portfolio(&[CHIP, BANK, BRAND]);
    let start = p.start_with.expect("a use case to start with");
    // The marketing-copy drafts sit at complexity 0 and fit their budget.
    assert_eq!(
        p.use_cases[start.use_case].report.scenario.name,
        p.use_cases[2].report.scenario.name
    );
    assert_eq!(start.candidates, 3);
    assert!(start.fits_budget);
}

#[test]
fn the_budget_is_the_sum_of_the_use_cases_budgets() {
    let p = portfolio(&[BANK, SAAS]);
    let budgets: f64 = p.use_cases.iter().filter_map(|u| u.budget_usd).sum();
    assert_eq!(p.totals.budget_usd, Some(budgets));
    let share = p.totals.combined.first_year_usd.unwrap() / budgets;
    assert_eq!(p.totals.budget_share, Some(share));
}
