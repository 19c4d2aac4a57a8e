//! The report model: everything any output format shows, built from an evaluation.
//!
//! Renderers only lay this out; the JSON format is this model serialized.

use serde::Serialize;

use crate::answers::{Answer, AnswerRow, AnswerValue, Answers};
use crate::cost::Estimate;
use crate::engine::{Evaluation, evaluate_with_facts};
use crate::options::{Approach, Pair, PerApproach, PerStrategy, Strategy};
use crate::questions::QuestionId;
use crate::rules::effect::to_weight;
use crate::rules::{Fact, Facts};
use crate::rules::{Point, RuleBase, TOPICS};
use crate::whatif::{self, WhatIf};

/// Version of the JSON report's shape.
pub const SCHEMA_VERSION: u32 = 1;

/// The advice for one scenario.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Which scenario this is.
    pub scenario: Scenario,
    /// The recommended strategy and approach.
    pub recommendation: Recommendation,
    /// The next-best allowed pair, when there is one.
    pub runner_up: Option<RunnerUp>,
    /// Strategy and approach scores.
    pub scores: Scores,
    /// Position on the control/complexity matrix.
    pub matrix: Matrix,
    /// Fired rules that separate the recommendation from the runner-up, strongest first.
    pub reasons: Vec<Reason>,
    /// Options ruled out, and why.
    pub exclusions: Vec<Excluded>,
    /// Arguments for the recommended strategy.
    pub pros: Vec<Point>,
    /// Arguments against the recommended strategy.
    pub cons: Vec<Point>,
    /// What each strategy would cost, from the answers and the pricing file.
    pub cost: Estimate,
    /// Recommended next steps for the chosen strategy and approach, grouped by topic.
    pub next_steps: Vec<Step>,
    /// Every question with its answer (`null` when unanswered).
    pub answers: Vec<AnswerRow>,
    /// Optional questions left unanswered (`section.key`).
    pub unanswered: Vec<&'static str>,
    /// For each question, the nearest answers that would change the recommendation: for an
    /// answered question one per direction, for an unanswered one every such answer.
    pub what_if: Vec<WhatIf>,
    /// Share of the one-step changes to the answers (one question moved to the next level or
    /// across the next threshold) that keep the recommendation, 0 to 1.
    pub stability: f64,
    /// How many one-step changes `stability` is taken over.
    pub stability_neighbours: usize,
    /// Problems with the advice itself, such as contradictory exclusions.
    pub warnings: Vec<String>,
    /// Every rule's part in the result (with `--explain`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<crate::explain::Explanation>,
}

impl Report {
    /// Whether a fired rule ruled out the strategy or approach with this name.
    pub fn is_excluded(&self, name: &str) -> bool {
        self.exclusions.iter().any(|e| e.names().contains(&name))
    }
}

/// The scenario's name and description.
#[derive(Debug, Clone, Serialize)]
pub struct Scenario {
    /// `[scenario] name`, or the file's stem.
    pub name: String,
    /// `[scenario] description`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The recommended pair.
#[derive(Debug, Clone, Serialize)]
pub struct Recommendation {
    /// `A`..`D`.
    pub strategy: Strategy,
    /// `prompting`, `rag`, `fine-tune` or `train`.
    pub approach: Approach,
    /// Strategy score plus approach score.
    pub score: f64,
    /// The strategy's name in the rule base.
    pub strategy_name: String,
    /// The approach's name in the rule base.
    pub approach_name: String,
    /// What the strategy is.
    pub strategy_summary: String,
    /// Well-known examples of the strategy.
    pub examples: Vec<String>,
    /// When the approach fits.
    pub approach_fits: String,
}

/// The next-best pair.
#[derive(Debug, Clone, Serialize)]
pub struct RunnerUp {
    /// `A`..`D`.
    pub strategy: Strategy,
    /// The approach.
    pub approach: Approach,
    /// Its pair score.
    pub score: f64,
    /// How far it trails the recommendation.
    pub margin: f64,
}

/// Scores per option.
#[derive(Debug, Clone, Serialize)]
pub struct Scores {
    /// Per strategy.
    pub strategy: PerStrategy<f64>,
    /// Per approach.
    pub approach: PerApproach<f64>,
}

/// Position on the control/complexity matrix, each axis 0 to 10.
#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    /// How much control over data and model the organization needs.
    pub control: f64,
    /// The technical, financial and staff burden it can carry.
    pub complexity: f64,
    /// The strategy whose region holds the point.
    pub region: Strategy,
    /// Each strategy's region: the band `[from, to)` of the mean of the two coordinates.
    pub regions: PerStrategy<[f64; 2]>,
}

/// A fired rule and how much it moved the decision.
#[derive(Debug, Clone, Serialize)]
pub struct Reason {
    /// Rule id.
    pub rule: String,
    /// The rule's one-line summary.
    pub summary: String,
    /// The rule's explanation.
    pub explanation: String,
    /// The cited source.
    pub source: SourceRef,
    /// Points it adds to the recommendation over the runner-up (negative: it argued against).
    pub impact: f64,
}

/// A cited source.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRef {
    /// Source id.
    pub id: String,
    /// Its title.
    pub title: String,
}

/// An exclusion made by a fired rule.
#[derive(Debug, Clone, Serialize)]
pub struct Excluded {
    /// Rule id.
    pub rule: String,
    /// Strategies ruled out.
    pub strategies: Vec<Strategy>,
    /// Approaches ruled out.
    pub approaches: Vec<Approach>,
    /// Why.
    pub reason: String,
}

impl Excluded {
    /// What it rules out, strategies first.
    pub fn names(&self) -> Vec<&'static str> {
        crate::options::names(&self.strategies, &self.approaches)
    }
}

/// A recommended next step.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// Step id.
    pub id: String,
    /// Its topic: objectives, data, responsible-use, monitoring, team, vendor or infrastructure.
    pub topic: String,
    /// What to do.
    pub text: String,
    /// The cited source.
    pub source: SourceRef,
}

/// Evaluates a scenario and builds its report.
pub fn assess(base: &RuleBase, answers: &Answers) -> Report {
    assess_with(base, answers, false)
}

/// Evaluates a scenario and builds its report, with every rule's trace when `explain` is set.
pub fn assess_with(base: &RuleBase, answers: &Answers, explain: bool) -> Report {
    evaluate_and_report(base, answers, explain).1
}

/// Evaluates a scenario and builds its report from one cost estimate, which gives both the
/// rules' cost facts and the report's cost section.
pub fn evaluate_and_report(
    base: &RuleBase,
    answers: &Answers,
    explain: bool,
) -> (Evaluation, Report) {
    let cost = crate::cost::estimate(answers, &base.pricing);
    let evaluation = evaluate_with_facts(base, answers, Facts::of(&cost));
    let mut report = build(base, answers, &evaluation, cost);
    if explain {
        report.explanation = Some(crate::explain::explain(base, answers, &evaluation));
    }
    (evaluation, report)
}

/// Builds the report for a scenario from its evaluation and its cost estimate; the cost facts
/// are the evaluation's.
pub fn build(base: &RuleBase, answers: &Answers, eval: &Evaluation, cost: Estimate) -> Report {
    let facts = &eval.facts;
    let pick = eval.recommendation();
    let runner = eval.runner_up();
    let info = &base.strategies[pick.strategy];
    let reasons = reasons(base, eval, pick, runner.map(|r| r.0), (answers, facts));
    let exclusions = base
        .rules
        .iter()
        .zip(&eval.fired)
        .filter(|(_, on)| **on)
        .filter_map(|(rule, _)| {
            rule.effect.exclude.as_ref().map(|e| Excluded {
                rule: rule.id.clone(),
                strategies: e.strategies.clone(),
                approaches: e.approaches.clone(),
                reason: fill(&e.reason, answers, facts),
            })
        })
        .collect();
    let answers_rows = QuestionId::all()
        .map(|id| AnswerRow {
            question: id.name(),
            value: answers.value(id),
        })
        .collect();
    let unanswered = QuestionId::all()
        .filter(|id| answers.get(*id).is_none())
        .map(QuestionId::name)
        .collect();
    let analysis = whatif::analyse(base, answers, pick);
    let next_steps = next_steps(base, pick);
    let mut warnings = Vec::new();
    if eval.conflict {
        warnings.push(
            "the rules excluded every strategy/approach pair; the ranking ignores the exclusions"
                .to_owned(),
        );
    }
    Report {
        schema_version: SCHEMA_VERSION,
        scenario: Scenario {
            name: answers.name.clone(),
            description: answers.description.clone(),
        },
        recommendation: Recommendation {
            strategy: pick.strategy,
            approach: pick.approach,
            score: round(eval.ranking[0].1),
            strategy_name: info.name.clone(),
            approach_name: base.approaches[pick.approach].name.clone(),
            strategy_summary: info.summary.clone(),
            examples: info.examples.clone(),
            approach_fits: base.approaches[pick.approach].fits.clone(),
        },
        runner_up: runner.map(|(pair, score)| RunnerUp {
            strategy: pair.strategy,
            approach: pair.approach,
            score: round(score),
            margin: round(eval.ranking[0].1 - score),
        }),
        scores: Scores {
            strategy: PerStrategy(eval.strategy.0.map(round)),
            approach: PerApproach(eval.approach.0.map(round)),
        },
        matrix: Matrix {
            control: round(eval.matrix[0]),
            complexity: round(eval.matrix[1]),
            region: base.region(eval.matrix[0], eval.matrix[1]),
            regions: PerStrategy(base.strategies.0.each_ref().map(|s| s.region)),
        },
        reasons,
        exclusions,
        pros: info.pros.clone(),
        cons: info.cons.clone(),
        cost,
        next_steps,
        answers: answers_rows,
        unanswered,
        what_if: analysis.what_if,
        stability: round(analysis.stability),
        stability_neighbours: analysis.neighbours,
        warnings,
        explanation: None,
    }
}

/// The next steps that apply to a pair, ordered by topic, then as written.
fn next_steps(base: &RuleBase, pick: Pair) -> Vec<Step> {
    let mut steps: Vec<Step> = base
        .next_steps
        .iter()
        .filter(|n| n.strategies.contains(&pick.strategy) && n.approaches.contains(&pick.approach))
        .map(|n| Step {
            id: n.id.clone(),
            topic: n.topic.clone(),
            text: n.text.clone(),
            source: source_ref(base, &n.source),
        })
        .collect();
    steps.sort_by_key(|s| TOPICS.iter().position(|t| *t == s.topic));
    steps
}

fn source_ref(base: &RuleBase, id: &str) -> SourceRef {
    SourceRef {
        id: id.to_owned(),
        title: base.source(id).map(|s| s.title.clone()).unwrap_or_default(),
    }
}

fn reasons(
    base: &RuleBase,
    eval: &Evaluation,
    pick: Pair,
    runner: Option<Pair>,
    (answers, facts): (&Answers, &Facts),
) -> Vec<Reason> {
    let mut out: Vec<Reason> = base
        .rules
        .iter()
        .zip(&eval.fired)
        .filter(|(_, on)| **on)
        .filter_map(|(rule, _)| {
            let support = rule.effect.pair_weight(pick);
            let against = runner.map_or(0, |r| rule.effect.pair_weight(r));
            let impact = to_weight(support - against);
            (impact != 0.0).then(|| Reason {
                rule: rule.id.clone(),
                summary: rule.summary.clone(),
                explanation: fill(&rule.explanation, answers, facts),
                source: source_ref(base, &rule.source),
                impact,
            })
        })
        .collect();
    // Strongest support first, arguments against last; stable, so rule order breaks ties.
    out.sort_by(|a, b| b.impact.total_cmp(&a.impact));
    out
}

/// Replaces `{name}` in rule text with the scenario's value: a cost fact (`{cost.first_year.C}`)
/// or an answer (`{budget.annual_usd}`, shown as money). Unknown names are left as written.
pub fn fill(text: &str, answers: &Answers, facts: &Facts) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        match placeholder(name, answers, facts) {
            Some(value) => out.push_str(&value),
            None => out.push_str(&rest[open..=open + close + 1]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn placeholder(name: &str, answers: &Answers, facts: &Facts) -> Option<String> {
    if let Some(fact) = Fact::from_name(name) {
        return Some(
            facts
                .get(fact)
                .map_or_else(|| "unknown".to_owned(), |v| fact.format(v)),
        );
    }
    let id = QuestionId::from_name(name)?;
    Some(match answers.get(id) {
        Some(Answer::Number(n)) if name == "budget.annual_usd" => crate::number::money(n),
        Some(a) => AnswerValue::of(id, a).to_string(),
        None => "unanswered".to_owned(),
    })
}

/// Rounds to 2 decimals so sums of decimal weights print and compare cleanly.
fn round(v: f64) -> f64 {
    let r = (v * 100.0).round() / 100.0;
    if r == 0.0 { 0.0 } else { r }
}
