//! The review of an assessment against an earlier one (`assess --since`, and `--check` of an
//! embedded region): what changed in the answers, the rules, the prices and the advice, and
//! why. Pure: snapshots in, a [`Review`] out.
//!
//! To tell causes apart, the earlier answers are assessed again under the current rules and
//! prices: from the earlier report to that one, only the rules and prices changed; from that
//! one to the current report, only the answers did.

mod delta;
pub mod read;
mod snapshot;

use serde::Serialize;

pub use delta::{CostChange, FactChange, RuleChange, RuleChangeKind};
pub use snapshot::{Costs, Shown, Snapshot, Source};

use crate::options::{Approach, Strategy};
use crate::report::Report;
use crate::rules::RuleBase;

/// What changed since an earlier report, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    /// What the current report is compared with: a file, or a document's region.
    pub since: String,
    /// Whether anything changed: answers, rules, prices, costs or advice.
    pub changed: bool,
    /// The answers that changed (`null`: unanswered).
    pub answers: Vec<AnswerChange>,
    /// The rule base's digest, before and after, when it changed.
    pub rules: Option<[String; 2]>,
    /// The pricing's digest and date, before and after, when it changed.
    pub pricing: Option<PricingChange>,
    /// The advice before and after.
    pub advice: Advice,
    /// Why the scores and costs moved: the rule and price changes (same answers) first, then
    /// the answer changes.
    pub causes: Vec<Cause>,
    /// What could not be compared or attributed, and why.
    pub notes: Vec<String>,
}

/// One answer before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerChange {
    /// `section.key` (`cost.tier` and `cost.size_class` for the `[cost]` choices).
    pub question: String,
    /// The answer before, `null` when unanswered.
    pub before: Option<String>,
    /// The answer now, `null` when unanswered.
    pub after: Option<String>,
}

/// The pricing before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PricingChange {
    /// Digests before and after.
    pub digest: [String; 2],
    /// Dates of the newest price before and after.
    pub date: [Option<String>; 2],
}

/// The advice before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Advice {
    /// Whether the recommended pair changed.
    pub changed: bool,
    /// The recommendation before and after, `A/rag`.
    pub recommendation: [String; 2],
    /// The runner-up before and after (`null`: none).
    pub runner_up: [Option<String>; 2],
    /// The option scores that moved.
    pub scores: Vec<ScoreChange>,
}

/// One option's score before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreChange {
    /// A strategy (`A`..`D`) or an approach.
    pub option: String,
    /// Before.
    pub before: f64,
    /// After.
    pub after: f64,
}

/// What one kind of change did to the rules' contributions and the costs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cause {
    /// Which inputs changed in this step.
    pub because: Because,
    /// The rules whose part changed, strongest first; `null` when the earlier report does
    /// not record what each rule added.
    pub rules: Option<Vec<RuleChange>>,
    /// The strategies whose costs moved.
    pub costs: Vec<CostChange>,
}

/// The inputs a [`Cause`] covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Because {
    /// The rules or the prices (or the tool), the answers being the earlier ones.
    RulesAndPrices,
    /// The answers, under the current rules and prices.
    Answers,
    /// Everything at once, when the earlier answers cannot be assessed again.
    AllInputs,
}

/// Reviews `current` (assessed with `base`) against `previous`, named `since`.
pub fn review(base: &RuleBase, previous: &Snapshot, current: &Report, since: &str) -> Review {
    let now = Snapshot::of(current);
    let mut notes = Vec::new();
    let rebased = previous
        .scenario(&current.scenario.name)
        .map(|answers| Snapshot::of(&crate::report::assess(base, &answers)));
    let mut causes = Vec::new();
    match &rebased {
        Ok(middle) => {
            causes.push(cause(base, Because::RulesAndPrices, previous, middle));
            causes.push(cause(base, Because::Answers, middle, &now));
            let same_inputs = previous.source.rules == now.source.rules
                && previous.source.pricing == now.source.pricing;
            if same_inputs && !causes[0].is_empty() && previous.source.version != now.source.version
            {
                notes.push(format!(
                    "the same rules and prices give other results in this version of the tool \
                     ({} then, {} now)",
                    previous.source.version, now.source.version
                ));
            }
        }
        Err(why) => {
            notes.push(format!(
                "{why}, so the changes are not split between answers and rules"
            ));
            causes.push(cause(base, Because::AllInputs, previous, &now));
        }
    }
    if previous.contributions.is_none() {
        notes.push(format!(
            "{since} does not record what each rule added (it was written by an older version), \
             so the rules that moved the scores cannot all be named"
        ));
    }
    causes.retain(|c| !c.is_empty());
    let answers = answer_changes(previous, &now);
    let rules = (previous.source.rules != now.source.rules)
        .then(|| [previous.source.rules.clone(), now.source.rules.clone()]);
    let pricing = (previous.source.pricing != now.source.pricing).then(|| PricingChange {
        digest: [previous.source.pricing.clone(), now.source.pricing.clone()],
        date: [
            previous.source.pricing_date.clone(),
            now.source.pricing_date.clone(),
        ],
    });
    let advice = advice(previous, &now);
    let changed = !answers.is_empty()
        || rules.is_some()
        || pricing.is_some()
        || advice.changed
        || advice.runner_up[0] != advice.runner_up[1]
        || !advice.scores.is_empty()
        || !causes.is_empty();
    Review {
        since: since.to_owned(),
        changed,
        answers,
        rules,
        pricing,
        advice,
        causes,
        notes,
    }
}

impl Cause {
    /// Whether nothing moved in this step.
    fn is_empty(&self) -> bool {
        self.rules.as_ref().is_none_or(Vec::is_empty) && self.costs.is_empty()
    }
}

fn cause(base: &RuleBase, because: Because, before: &Snapshot, after: &Snapshot) -> Cause {
    Cause {
        because,
        rules: delta::rules(base, before, after),
        costs: delta::costs(&before.costs, &after.costs),
    }
}

/// The answers (and `[cost]` choices) that differ, in the current report's order.
fn answer_changes(before: &Snapshot, after: &Snapshot) -> Vec<AnswerChange> {
    let text = |v: Option<&snapshot::Shown>| v.map(ToString::to_string);
    let mut out = Vec::new();
    let mut questions: Vec<&str> = after.answers.iter().map(|(q, _)| q.as_str()).collect();
    for (q, _) in &before.answers {
        if !questions.contains(&q.as_str()) {
            questions.push(q);
        }
    }
    let find = |s: &'_ Snapshot, q: &str| {
        s.answers
            .iter()
            .find(|(name, _)| name == q)
            .and_then(|(_, v)| v.as_ref())
            .cloned()
    };
    for q in questions {
        let (b, a) = (find(before, q), find(after, q));
        if b != a {
            out.push(AnswerChange {
                question: q.to_owned(),
                before: text(b.as_ref()),
                after: text(a.as_ref()),
            });
        }
    }
    if let (Some(b), Some(a)) = (&before.cost_choices, &after.cost_choices) {
        for (key, x, y) in [
            ("cost.tier", &b.tier, &a.tier),
            ("cost.size_class", &b.size_class, &a.size_class),
        ] {
            if x != y {
                out.push(AnswerChange {
                    question: key.to_owned(),
                    before: x.clone(),
                    after: y.clone(),
                });
            }
        }
    }
    out
}

fn advice(before: &Snapshot, after: &Snapshot) -> Advice {
    let pair = |p: Option<(crate::options::Pair, f64)>| p.map(|(p, _)| p.to_string());
    let mut scores = Vec::new();
    for s in Strategy::ALL {
        push_score(&mut scores, s.name(), before.strategy[s], after.strategy[s]);
    }
    for a in Approach::ALL {
        push_score(&mut scores, a.name(), before.approach[a], after.approach[a]);
    }
    Advice {
        changed: before.pick.0 != after.pick.0,
        recommendation: [before.pick.0.to_string(), after.pick.0.to_string()],
        runner_up: [pair(before.runner_up), pair(after.runner_up)],
        scores,
    }
}

#[allow(clippy::float_cmp)] // scores are sums of hundredths, rounded to two places
fn push_score(scores: &mut Vec<ScoreChange>, option: &str, before: f64, after: f64) {
    if before != after {
        scores.push(ScoreChange {
            option: option.to_owned(),
            before,
            after,
        });
    }
}

/// A report and its review against an earlier one: the JSON of `assess --since` is this
/// model serialized, the report's keys and then `review`.
#[derive(Debug, Serialize)]
pub struct Reviewed<'a> {
    /// The current report.
    #[serde(flatten)]
    pub report: &'a Report,
    /// Its review.
    pub review: &'a Review,
}

#[cfg(test)]
mod tests;
