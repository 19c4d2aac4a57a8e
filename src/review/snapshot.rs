//! What a review compares: the parts of a report that say what advice was given and why,
//! taken from a report built now or read back from a saved JSON report or an embedded record.

use std::fmt;

use crate::answers::{Answer, AnswerValue, Answers};
use crate::options::{Pair, PerApproach, PerStrategy, Strategy};
use crate::questions::QuestionId;
use crate::report::{Contribution, CostChoices, Report};

/// An answer as a report shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// A level's name.
    Level(String),
    /// A number.
    Number(f64),
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shown::Level(l) => f.write_str(l),
            Shown::Number(n) => f.write_str(&crate::number::format_number(*n)),
        }
    }
}

/// What a report was computed from: its stamp, owned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The tool's version.
    pub version: String,
    /// Digest of the rule files.
    pub rules: String,
    /// The date of the newest price, when known.
    pub pricing_date: Option<String>,
    /// Digest of the pricing.
    pub pricing: String,
    /// Digest of the answers.
    pub answers: String,
}

/// The cost figures a review compares, per strategy, rounded as the JSON report writes them.
#[derive(Debug, Clone, PartialEq)]
pub struct Costs {
    /// Monthly running cost, staff included (cents).
    pub monthly_usd: PerStrategy<f64>,
    /// First-year spend without staff (cents), when known.
    pub first_year_usd: PerStrategy<Option<f64>>,
    /// First-year spend over the budget (four decimals), when known.
    pub budget_share: PerStrategy<Option<f64>>,
    /// One training run from scratch over the budget (four decimals), when known.
    pub training_budget_share: Option<f64>,
}

/// The advice of one report and what it rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// Every question the report lists, with its answer (`None` when unanswered).
    pub answers: Vec<(String, Option<Shown>)>,
    /// The `[cost]` choices; `None` when the report does not record them.
    pub cost_choices: Option<CostChoices>,
    /// The recommended pair and its score.
    pub pick: (Pair, f64),
    /// The runner-up and its score.
    pub runner_up: Option<(Pair, f64)>,
    /// Strategy scores.
    pub strategy: PerStrategy<f64>,
    /// Approach scores.
    pub approach: PerApproach<f64>,
    /// The fired rules and what they added; `None` when the report does not record them.
    pub contributions: Option<Vec<Contribution>>,
    /// The cost figures.
    pub costs: Costs,
    /// What the report was computed from.
    pub source: Source,
}

/// Rounds `x` to `1 / k`, as the JSON report writes money (cents) and shares.
pub(crate) fn rounded(x: f64, k: f64) -> f64 {
    (x * k).round() / k + 0.0
}

impl Snapshot {
    /// The snapshot of a report built now.
    pub fn of(report: &Report) -> Self {
        let cost = &report.cost;
        let cents = |x: f64| rounded(x, 100.0);
        Snapshot {
            answers: report
                .answers
                .iter()
                .map(|row| {
                    let shown = row.value.map(|v| match v {
                        AnswerValue::Level(l) => Shown::Level(l.to_owned()),
                        AnswerValue::Number(n) => Shown::Number(n),
                    });
                    (row.question.to_owned(), shown)
                })
                .collect(),
            cost_choices: Some(report.cost_choices.clone()),
            pick: (
                Pair {
                    strategy: report.recommendation.strategy,
                    approach: report.recommendation.approach,
                },
                report.recommendation.score,
            ),
            runner_up: report.runner_up.as_ref().map(|r| {
                let pair = Pair {
                    strategy: r.strategy,
                    approach: r.approach,
                };
                (pair, r.score)
            }),
            strategy: report.scores.strategy,
            approach: report.scores.approach,
            contributions: Some(report.contributions.clone()),
            costs: Costs {
                monthly_usd: PerStrategy(cost.monthly_usd.0.map(cents)),
                first_year_usd: PerStrategy(cost.first_year_usd.0.map(|v| v.map(cents))),
                budget_share: PerStrategy(
                    cost.budget_share.0.map(|v| v.map(|x| rounded(x, 10_000.0))),
                ),
                training_budget_share: cost.training_budget_share.map(|x| rounded(x, 10_000.0)),
            },
            source: Source {
                version: report.stamp.version.to_owned(),
                rules: report.stamp.rules.clone(),
                pricing_date: report.stamp.pricing_date.clone(),
                pricing: report.stamp.pricing.clone(),
                answers: report.stamp.answers.clone(),
            },
        }
    }

    /// The answers as a scenario this version can evaluate again, named `name`; `Err` with
    /// the first answer it cannot read (a question or level it does not know).
    pub fn scenario(&self, name: &str) -> Result<Answers, String> {
        let mut answers = Answers::new(name, [None; crate::questions::COUNT]);
        for (question, value) in &self.answers {
            let id = QuestionId::from_name(question)
                .ok_or_else(|| format!("the question {question} is not one this version asks"))?;
            let answer = match value {
                None => None,
                Some(Shown::Number(n)) => Some(Answer::Number(*n)),
                Some(Shown::Level(level)) => {
                    let index = id
                        .question()
                        .levels()
                        .and_then(|levels| levels.iter().position(|l| l == level))
                        .ok_or_else(|| {
                            format!("{question} = \"{level}\" is not an answer this version knows")
                        })?;
                    Some(Answer::Level(u8::try_from(index).unwrap_or(u8::MAX)))
                }
            };
            answers.set(id, answer);
        }
        if let Some(choices) = &self.cost_choices {
            answers.cost.tier = known(choices.tier.as_deref(), &crate::answers::TIERS);
            answers.cost.size_class =
                known(choices.size_class.as_deref(), &crate::answers::SIZE_CLASSES);
        }
        Ok(answers)
    }

    /// The strategy's monthly cost and first-year cost, for the lines of a review.
    pub fn cost_of(&self, s: Strategy) -> (f64, Option<f64>) {
        (self.costs.monthly_usd[s], self.costs.first_year_usd[s])
    }
}

/// The level among `levels` named `name`.
fn known(name: Option<&str>, levels: &[&'static str]) -> Option<&'static str> {
    let name = name?;
    levels.iter().copied().find(|l| *l == name)
}
