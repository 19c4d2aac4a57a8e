//! What moved between two snapshots: the rules whose contributions changed and the cost
//! figures that moved, each a cause of a change in the scores.

use std::collections::BTreeSet;

use serde::Serialize;

use super::snapshot::{Costs, Snapshot};
use crate::options::{Approach, Strategy};
use crate::report::{Contribution, Moves};
use crate::rules::{Fact, RuleBase};

/// How a rule's part changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleChangeKind {
    /// It fires now and did not before.
    FiresNow,
    /// It fired before and does not now.
    NoLongerFires,
    /// It fired both times with other weights or exclusions.
    Reweighted,
    /// It fired before and is no longer in the rules.
    Removed,
}

impl RuleChangeKind {
    /// How the review says it.
    pub fn words(self) -> &'static str {
        match self {
            RuleChangeKind::FiresNow => "fires now",
            RuleChangeKind::NoLongerFires => "no longer fires",
            RuleChangeKind::Reweighted => "reweighted",
            RuleChangeKind::Removed => "removed from the rules",
        }
    }
}

/// A rule whose part in the scores changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleChange {
    /// Rule id.
    pub rule: String,
    /// How its part changed.
    pub change: RuleChangeKind,
    /// What the change added to each strategy's score (after minus before).
    pub strategy: Moves,
    /// What the change added to each approach's score.
    pub approach: Moves,
    /// Options it rules out now and did not before.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub excludes: Vec<String>,
    /// Options it ruled out before and no longer does.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub no_longer_excludes: Vec<String>,
    /// The cost facts its condition reads whose values moved.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<FactChange>,
}

/// A cost fact a rule reads, before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactChange {
    /// The fact's name, e.g. `cost.budget_share.A`.
    pub fact: String,
    /// Its value before (`null` when unknown).
    pub before: Option<f64>,
    /// Its value now.
    pub after: Option<f64>,
}

/// One strategy's cost figures that moved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostChange {
    /// The strategy.
    pub strategy: Strategy,
    /// Monthly cost with staff, before and after.
    pub monthly_usd: [f64; 2],
    /// First-year spend without staff, before and after.
    pub first_year_usd: [Option<f64>; 2],
    /// First-year spend over the budget, before and after.
    pub budget_share: [Option<f64>; 2],
}

/// The rules whose part changed from `before` to `after`, strongest first; `None` when
/// `before` does not record its contributions. `base` is the current rule base: it tells a
/// removed rule from one that stopped firing, and which facts a rule reads.
pub(super) fn rules(
    base: &RuleBase,
    before: &Snapshot,
    after: &Snapshot,
) -> Option<Vec<RuleChange>> {
    let (old, new) = (
        before.contributions.as_ref()?,
        after.contributions.as_ref()?,
    );
    let find = |list: &'_ [Contribution], id: &str| list.iter().position(|c| c.rule == id);
    let mut ids: Vec<&str> = new.iter().map(|c| c.rule.as_str()).collect();
    ids.extend(
        old.iter()
            .map(|c| c.rule.as_str())
            .filter(|id| find(new, id).is_none()),
    );
    let mut out = Vec::new();
    for id in ids {
        let (was, is) = (
            find(old, id).map(|i| &old[i]),
            find(new, id).map(|i| &new[i]),
        );
        let change = match (was, is) {
            (Some(a), Some(b)) if a == b => continue,
            (Some(_), Some(_)) => RuleChangeKind::Reweighted,
            (None, _) => RuleChangeKind::FiresNow,
            (Some(_), None) if base.rules.iter().any(|r| r.id == id) => {
                RuleChangeKind::NoLongerFires
            }
            (Some(_), None) => RuleChangeKind::Removed,
        };
        let empty = Contribution {
            rule: id.to_owned(),
            strategy: Moves::default(),
            approach: Moves::default(),
            excludes: Vec::new(),
        };
        let (a, b) = (was.unwrap_or(&empty), is.unwrap_or(&empty));
        let names = |c: &Contribution| c.excludes.iter().cloned().collect::<BTreeSet<_>>();
        out.push(RuleChange {
            rule: id.to_owned(),
            change,
            strategy: moved(Strategy::ALL.map(Strategy::name), &a.strategy, &b.strategy),
            approach: moved(Approach::ALL.map(Approach::name), &a.approach, &b.approach),
            excludes: names(b).difference(&names(a)).cloned().collect(),
            no_longer_excludes: names(a).difference(&names(b)).cloned().collect(),
            facts: facts(base, id, &before.costs, &after.costs),
        });
    }
    // Exclusions first, then by how much the change moved the scores; stable otherwise.
    out.sort_by(|x, y| weight(y).total_cmp(&weight(x)));
    Some(out)
}

/// How strongly a change moved the advice, to order the changes.
fn weight(change: &RuleChange) -> f64 {
    let moves: f64 = change
        .strategy
        .0
        .iter()
        .chain(&change.approach.0)
        .map(|(_, w)| w.abs())
        .sum();
    let excludes = change.excludes.len() + change.no_longer_excludes.len();
    moves + 1000.0 * excludes as f64
}

/// The moves from `before` to `after` for each option named in `names`, non-zero only.
fn moved(names: [&str; 4], before: &Moves, after: &Moves) -> Moves {
    Moves(
        names
            .iter()
            .map(|n| ((*n).to_owned(), round(after.get(n) - before.get(n))))
            .filter(|(_, w)| *w != 0.0)
            .collect(),
    )
}

/// Rounds to hundredths, the precision of rule weights.
fn round(x: f64) -> f64 {
    super::snapshot::rounded(x, 100.0)
}

/// The facts the current rule `id` reads whose values moved between the two costs.
fn facts(base: &RuleBase, id: &str, before: &Costs, after: &Costs) -> Vec<FactChange> {
    let Some(rule) = base.rules.iter().find(|r| r.id == id) else {
        return Vec::new();
    };
    let mut out: Vec<FactChange> = Vec::new();
    for fact in rule.when.facts() {
        let (b, a) = (fact_value(fact, before), fact_value(fact, after));
        if b != a && !out.iter().any(|f| f.fact == fact.name()) {
            out.push(FactChange {
                fact: fact.name(),
                before: b,
                after: a,
            });
        }
    }
    out
}

/// A fact's value from a snapshot's cost figures.
fn fact_value(fact: Fact, costs: &Costs) -> Option<f64> {
    match fact {
        Fact::FirstYear(s) => costs.first_year_usd[s],
        Fact::BudgetShare(s) => costs.budget_share[s],
        Fact::TrainingShare => costs.training_budget_share,
        Fact::ApiOverSelfHosting => {
            let c = costs.monthly_usd[Strategy::C];
            (c > 0.0).then(|| super::snapshot::rounded(costs.monthly_usd[Strategy::A] / c, 10.0))
        }
    }
}

/// The strategies whose cost figures moved from `before` to `after`.
#[allow(clippy::float_cmp)] // both sides are rounded to cents (shares to four places)
pub(super) fn costs(before: &Costs, after: &Costs) -> Vec<CostChange> {
    Strategy::ALL
        .into_iter()
        .map(|s| CostChange {
            strategy: s,
            monthly_usd: [before.monthly_usd[s], after.monthly_usd[s]],
            first_year_usd: [before.first_year_usd[s], after.first_year_usd[s]],
            budget_share: [before.budget_share[s], after.budget_share[s]],
        })
        .filter(|c| {
            c.monthly_usd[0] != c.monthly_usd[1]
                || c.first_year_usd[0] != c.first_year_usd[1]
                || c.budget_share[0] != c.budget_share[1]
        })
        .collect()
}
