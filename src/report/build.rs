//! Building the report model from an evaluation: reasons, exclusions, costs, next steps and
//! what would change the advice.

use super::{
    Excluded, Matrix, PairScore, Reason, Recommendation, Report, RunnerUp, SCHEMA_VERSION,
    Scenario, Scores, SourceRef, Step,
};
use crate::answers::{AnswerRow, Answers};
use crate::cost::Estimate;
use crate::engine::{Evaluation, Evaluator, evaluate_with_facts};
use crate::options::{PAIRS, Pair, PerApproach, PerStrategy};
use crate::questions::QuestionId;
use crate::report::Stamp;
use crate::report::fill::fill;
use crate::rules::effect::to_weight;
use crate::rules::{Facts, RuleBase, TOPICS, Truth};
use crate::whatif;

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
    let cost = crate::cost::estimate_with_ranges(answers, &base.pricing);
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
    let exclusions = exclusions(base, eval, answers);
    // What-if and the roadmap evaluate about a hundred scenarios: too few to pay for tables.
    let evaluator = Evaluator::quick(base);
    // The what-if analysis and the roadmap read the same regions of each question.
    let regions = whatif::RegionMap::new(&evaluator, answers);
    let analysis = whatif::analyse_in(&evaluator, &regions, answers, pick);
    let next_steps = next_steps(base, pick, (answers, facts));
    let roadmap = super::roadmap::roadmap((&evaluator, &regions), answers, pick, &next_steps);
    let uncertainty = crate::uncertainty::analyse(base, answers, pick, &cost);
    let mut warnings = crate::answers::implausible(answers);
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
            pairs: pair_scores(eval),
        },
        matrix: Matrix {
            control: round(eval.matrix[0]),
            complexity: round(eval.matrix[1]),
            region: base.region(eval.matrix[0], eval.matrix[1]),
            regions: PerStrategy(base.strategies.0.each_ref().map(|s| s.region)),
        },
        reasons,
        contributions: super::contributions(base, eval),
        exclusions,
        pros: info.pros.clone(),
        cons: info.cons.clone(),
        cost,
        next_steps,
        roadmap,
        uncertainty,
        answers: QuestionId::all()
            .map(|id| AnswerRow {
                question: id.name(),
                value: answers.value(id),
                spread: answers
                    .spread(id)
                    .map(|s| crate::answers::SpreadValue::of(id, s)),
            })
            .collect(),
        unanswered: QuestionId::all()
            .filter(|id| answers.get(*id).is_none())
            .map(QuestionId::name)
            .collect(),
        cost_choices: super::CostChoices::of(answers),
        what_if: analysis.what_if,
        stability: round(analysis.stability),
        stability_neighbours: analysis.neighbours,
        warnings,
        stamp: Stamp::of(base, answers),
        explanation: None,
    }
}

/// The options fired rules ruled out, and why.
fn exclusions(base: &RuleBase, eval: &Evaluation, answers: &Answers) -> Vec<Excluded> {
    base.rules
        .iter()
        .zip(&eval.fired)
        .filter(|(_, on)| **on)
        .filter_map(|(rule, _)| {
            rule.effect.exclude.as_ref().map(|e| Excluded {
                rule: rule.id.clone(),
                strategies: e.strategies.clone(),
                approaches: e.approaches.clone(),
                reason: fill(&e.reason, answers, &eval.facts),
            })
        })
        .collect()
}

/// The next steps that apply to a pair and to the answers, ordered by topic, then as written.
pub(super) fn next_steps(base: &RuleBase, pick: Pair, scenario: (&Answers, &Facts)) -> Vec<Step> {
    let (answers, facts) = scenario;
    let mut steps: Vec<Step> = base
        .next_steps
        .iter()
        .filter(|n| n.strategies.contains(&pick.strategy) && n.approaches.contains(&pick.approach))
        .filter(|n| n.when.eval(answers, facts) == Truth::True)
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
    let source = base.source(id);
    SourceRef {
        id: id.to_owned().into(),
        title: source.map(|s| s.title.clone()).unwrap_or_default(),
        url: source.and_then(|s| s.url.clone()),
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

/// Rounds to 2 decimals so sums of decimal weights print and compare cleanly.
fn round(v: f64) -> f64 {
    let r = (v * 100.0).round() / 100.0;
    if r == 0.0 { 0.0 } else { r }
}

/// Every allowed pair with its score: the ranking's order, then the pairs it leaves out (the
/// excluded ones) by score.
fn pair_scores(eval: &Evaluation) -> Vec<PairScore> {
    let excluded =
        |p: Pair| eval.excluded_strategy[p.strategy] || eval.excluded_approach[p.approach];
    let entry = |p: Pair, score: f64| PairScore {
        strategy: p.strategy,
        approach: p.approach,
        score: round(score),
        excluded: excluded(p),
    };
    let mut pairs: Vec<PairScore> = eval.ranking.iter().map(|(p, s)| entry(*p, *s)).collect();
    let mut rest: Vec<PairScore> = PAIRS
        .iter()
        .filter(|p| !eval.ranking.iter().any(|(q, _)| q == *p))
        .map(|p| entry(*p, eval.pair_score(*p)))
        .collect();
    rest.sort_by(|a, b| b.score.total_cmp(&a.score));
    pairs.extend(rest);
    pairs
}
