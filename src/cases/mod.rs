//! Test cases for a rule set: answers and the advice they must get, stored in YAML beside the
//! rules (`tests/*.yaml` in the rules directory), checked by `llm-strategy rules test`. A case
//! that documents a real deployment also carries its sector, year, source and which answers
//! the record states; those cases make up calibration sets.

mod load;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::answers::Answers;
use crate::diagnostic::{Invalid, input};
use crate::engine::Evaluator;
use crate::options::Pair;
use crate::rules::{RuleBase, RuleFile};

/// One checked test case.
#[derive(Debug, Clone)]
pub struct Case {
    /// Unique name.
    pub name: String,
    /// Why this is the right advice.
    pub note: Option<String>,
    /// `file:line` where the case is written.
    pub location: String,
    /// The scenario.
    pub answers: Answers,
    /// The advice it must get: the documented pair.
    pub expected: Pair,
    /// Other pairs the record also supports.
    pub also: Vec<Pair>,
    /// Rules that must fire.
    pub fires: Vec<String>,
    /// Rules that must not fire.
    pub not_fires: Vec<String>,
    /// What the public record says of the case, for documented deployments.
    pub record: Record,
}

/// Where a documented case comes from.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CaseSource {
    /// The article's or page's title.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// When, as `YYYY-MM-DD` or `YYYY-MM`.
    pub date: String,
    /// Where to read it, when it is online.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The public record behind a documented case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Record {
    /// The organization's sector.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// The year of the decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// The source the case rests on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<CaseSource>,
    /// Answers the record states or clearly implies (`section.key`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub documented: Vec<String>,
    /// Answers estimated by whoever encoded the case.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub estimated: Vec<String>,
    /// Why the choice was bound to its year, when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year_bound: Option<String>,
}

impl Case {
    /// Every pair the record supports, the documented one first.
    pub fn accepted(&self) -> impl Iterator<Item = Pair> + '_ {
        std::iter::once(self.expected).chain(self.also.iter().copied())
    }

    /// Whether the record supports this pair.
    pub fn accepts(&self, pair: Pair) -> bool {
        self.accepted().any(|p| p == pair)
    }
}

/// The outcome of one case.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// The case's name.
    pub name: String,
    /// `file:line` where the case is written.
    pub location: String,
    /// The documented pair.
    pub expected: Pair,
    /// Other pairs the record also supports.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Pair>,
    /// The advice the rules gave.
    pub actual: Pair,
    /// The second-best allowed pair.
    pub runner_up: Option<Pair>,
    /// Whether the case passed.
    pub pass: bool,
    /// What went wrong, one line each; empty when the case passed.
    pub problems: Vec<String>,
    /// Why this is the right advice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The public record behind the case.
    #[serde(flatten)]
    pub record: Record,
}

/// Loads the cases stored with the built-in rule base.
pub fn built_in(base: &RuleBase) -> Result<Vec<Case>, Invalid> {
    let files: Vec<RuleFile> = crate::rules::built_in_tests()
        .into_iter()
        .map(|(path, bytes)| RuleFile { path, bytes })
        .collect();
    load::parse(base, &files)
}

/// Loads the cases in `dir/tests/*.yaml`.
pub fn load_dir(base: &RuleBase, dir: &Path) -> anyhow::Result<Vec<Case>> {
    load_dirs(base, &[dir.join("tests")])
}

/// Loads the cases in `dir/*.yaml` (and `*.yml`) of each directory, in name order within each;
/// a case name must be unique across them all.
pub fn load_dirs(base: &RuleBase, dirs: &[PathBuf]) -> anyhow::Result<Vec<Case>> {
    let mut files = Vec::new();
    for dir in dirs {
        let entries = std::fs::read_dir(dir)
            .map_err(|e| anyhow::anyhow!("cannot read test directory {}: {e}", dir.display()))?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect();
        paths.sort();
        for path in paths {
            let bytes = input::read(&path, input::Kind::Cases)?.into_bytes();
            files.push(RuleFile { path, bytes });
        }
    }
    Ok(load::parse(base, &files)?)
}

/// Runs one case against the rule base.
pub fn outcome(base: &RuleBase, case: &Case) -> Outcome {
    outcome_with(&Evaluator::Reference(base), case)
}

/// Runs one case with an evaluator already built for the rule base.
pub fn outcome_with(evaluator: &Evaluator<'_>, case: &Case) -> Outcome {
    let base = evaluator.base();
    let eval = evaluator.evaluate(&case.answers);
    let actual = eval.recommendation();
    let expected = case.expected;
    let mut problems = Vec::new();
    if !case.accepts(actual) {
        problems.push(format!(
            "- expected {} + {}",
            expected.strategy, expected.approach
        ));
        let score = |p: Pair| eval.pair_score(p);
        problems.push(format!(
            "+ actual   {} + {} (score {:.1}; the expected pair scores {:.1}{})",
            actual.strategy,
            actual.approach,
            score(actual),
            score(expected),
            if eval.ranking.iter().any(|(p, _)| *p == expected) {
                ""
            } else {
                " and is excluded"
            }
        ));
    }
    let fired = |id: &str| {
        base.rules
            .iter()
            .zip(&eval.fired)
            .any(|(r, f)| r.id == id && *f)
    };
    for id in &case.fires {
        if !fired(id) {
            problems.push(format!("- rule {id} should fire\n+ it did not"));
        }
    }
    for id in &case.not_fires {
        if fired(id) {
            problems.push(format!("- rule {id} should not fire\n+ it fired"));
        }
    }
    Outcome {
        name: case.name.clone(),
        location: case.location.clone(),
        expected,
        also: case.also.clone(),
        actual,
        runner_up: eval.runner_up().map(|(p, _)| p),
        pass: problems.is_empty(),
        problems,
        note: case.note.clone(),
        record: case.record.clone(),
    }
}

/// Runs every case against the rule base.
pub fn run(base: &RuleBase, cases: &[Case]) -> TestRun {
    TestRun {
        schema_version: crate::report::SCHEMA_VERSION,
        outcomes: {
            let evaluator = Evaluator::new(base);
            cases
                .iter()
                .map(|case| outcome_with(&evaluator, case))
                .collect()
        },
    }
}

/// The model of `rules test`: every case's outcome, in file order.
#[derive(Debug, Clone, Serialize)]
pub struct TestRun {
    /// Version of the JSON shape.
    pub schema_version: u32,
    /// The outcomes.
    #[serde(rename = "cases")]
    pub outcomes: Vec<Outcome>,
}

impl TestRun {
    /// How many cases failed.
    pub fn failed(&self) -> usize {
        self.outcomes.iter().filter(|o| !o.pass).count()
    }
}
