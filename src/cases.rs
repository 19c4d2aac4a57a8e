//! Test cases for a rule set: answers and the advice they must get, stored in YAML beside the
//! rules (`tests/*.yaml` in the rules directory), checked by `llm-strategy rules test`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::answers::{self, Answers};
use crate::diagnostic::{Diagnostic, Invalid, input, yaml};
use crate::engine::evaluate;
use crate::options::{Approach, PAIRS, Pair, Strategy};
use crate::rules::{RuleBase, RuleFile};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCaseFile {
    cases: Vec<RawCase>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    name: String,
    #[serde(default)]
    note: Option<String>,
    answers: String,
    expect: RawExpect,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExpect {
    strategy: String,
    approach: String,
    #[serde(default)]
    fires: Vec<String>,
    #[serde(default)]
    not_fires: Vec<String>,
}

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
    /// The advice it must get.
    pub expect: Pair,
    /// Rules that must fire.
    pub fires: Vec<String>,
    /// Rules that must not fire.
    pub not_fires: Vec<String>,
}

/// The outcome of one case.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The case.
    pub case: Case,
    /// The advice the rules gave.
    pub actual: Pair,
    /// What went wrong, one line each; empty when the case passed.
    pub problems: Vec<String>,
}

/// Loads the cases stored with the built-in rule base.
pub fn built_in(base: &RuleBase) -> Result<Vec<Case>, Invalid> {
    let files: Vec<RuleFile> = crate::rules::built_in_tests()
        .into_iter()
        .map(|(path, bytes)| RuleFile { path, bytes })
        .collect();
    parse(base, &files)
}

/// Loads the cases in `dir/tests/*.yaml`.
pub fn load_dir(base: &RuleBase, dir: &Path) -> anyhow::Result<Vec<Case>> {
    let tests = dir.join("tests");
    let entries = std::fs::read_dir(&tests)
        .map_err(|e| anyhow::anyhow!("cannot read test directory {}: {e}", tests.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let bytes = input::read(&path, input::Kind::Cases)?.into_bytes();
        files.push(RuleFile { path, bytes });
    }
    Ok(parse(base, &files)?)
}

fn parse(base: &RuleBase, files: &[RuleFile]) -> Result<Vec<Case>, Invalid> {
    let mut out = Vec::new();
    let mut errors = String::new();
    for file in files {
        let path = file.path.display();
        let text = match input::utf8(&file.path, &file.bytes, input::Kind::Cases) {
            Ok(text) => text,
            Err(Invalid(message)) => {
                let _ = writeln!(errors, "{message}");
                continue;
            }
        };
        let raw: RawCaseFile = match serde_yaml::from_str(text) {
            Ok(raw) => raw,
            Err(e) => {
                let _ = writeln!(errors, "{}", yaml::invalid(&file.path, text, &e));
                continue;
            }
        };
        for raw_case in raw.cases {
            let line = line_of(text, &raw_case.name);
            let location = format!("{path}:{line}");
            match check(base, raw_case, &location) {
                Ok(case) => {
                    if out.iter().any(|c: &Case| c.name == case.name) {
                        let _ =
                            writeln!(errors, "{location}: duplicate case name \"{}\"", case.name);
                    }
                    out.push(case);
                }
                Err(message) => errors.push_str(&message),
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Invalid(errors.trim_end().to_owned()))
    }
}

/// The line of a case's `name:` entry, so messages point at the case.
fn line_of(text: &str, name: &str) -> usize {
    text.lines()
        .position(|l| {
            let l = l.trim_start().trim_start_matches("- ").trim_start();
            l.strip_prefix("name:")
                .is_some_and(|rest| rest.trim().trim_matches('"') == name)
        })
        .map_or(1, |i| i + 1)
}

fn check(base: &RuleBase, raw: RawCase, location: &str) -> Result<Case, String> {
    let mut errors = String::new();
    let answers = answers::parse(
        Path::new(&format!("{location} (case {})", raw.name)),
        raw.answers.as_bytes(),
    )
    .map_err(|e| format!("{e}\n"));
    let strategy = Strategy::from_name(&raw.expect.strategy);
    let approach = Approach::from_name(&raw.expect.approach);
    if strategy.is_none() {
        let _ = writeln!(
            errors,
            "{location}: case {}: expect.strategy \"{}\" is not one of \"A\", \"B\", \"C\", \"D\"",
            raw.name, raw.expect.strategy
        );
    }
    if approach.is_none() {
        let _ = writeln!(
            errors,
            "{location}: case {}: expect.approach \"{}\" is not one of \"prompting\", \"rag\", \"fine-tune\", \"train\"",
            raw.name, raw.expect.approach
        );
    }
    if let (Some(strategy), Some(approach)) = (strategy, approach) {
        if !PAIRS.contains(&Pair { strategy, approach }) {
            let _ = writeln!(
                errors,
                "{location}: case {}: {strategy} + {approach} is not an allowed pair",
                raw.name
            );
        }
    }
    let ids: Vec<&str> = base.rules.iter().map(|r| r.id.as_str()).collect();
    for id in raw.expect.fires.iter().chain(&raw.expect.not_fires) {
        if base.rule(id).is_none() {
            let hint = Diagnostic::did_you_mean(id, ids.iter().copied())
                .map(|question| format!("; {question}"))
                .unwrap_or_default();
            let _ = writeln!(
                errors,
                "{location}: case {}: unknown rule \"{id}\"{hint}",
                raw.name
            );
        }
    }
    match answers {
        Ok(mut answers) if errors.is_empty() => {
            answers.name.clone_from(&raw.name);
            Ok(Case {
                name: raw.name,
                note: raw.note,
                location: location.to_owned(),
                answers,
                // Both were checked above.
                expect: Pair {
                    strategy: strategy.unwrap_or(Strategy::A),
                    approach: approach.unwrap_or(Approach::Prompting),
                },
                fires: raw.expect.fires,
                not_fires: raw.expect.not_fires,
            })
        }
        Ok(_) => Err(errors),
        Err(e) => Err(e + &errors),
    }
}

/// Runs every case against the rule base.
pub fn run(base: &RuleBase, cases: &[Case]) -> Vec<Outcome> {
    cases
        .iter()
        .map(|case| {
            let eval = evaluate(base, &case.answers);
            let actual = eval.recommendation();
            let mut problems = Vec::new();
            if actual != case.expect {
                problems.push(format!(
                    "- expected {} + {}",
                    case.expect.strategy, case.expect.approach
                ));
                let score = |p: Pair| eval.pair_score(p);
                problems.push(format!(
                    "+ actual   {} + {} (score {:.1}; the expected pair scores {:.1}{})",
                    actual.strategy,
                    actual.approach,
                    score(actual),
                    score(case.expect),
                    if eval.ranking.iter().any(|(p, _)| *p == case.expect) {
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
                case: case.clone(),
                actual,
                problems,
            }
        })
        .collect()
}

/// The model of `rules test`: every case's outcome, in file order.
#[derive(Debug, Clone)]
pub struct TestRun {
    /// The outcomes.
    pub outcomes: Vec<Outcome>,
}

impl TestRun {
    /// How many cases failed.
    pub fn failed(&self) -> usize {
        self.outcomes
            .iter()
            .filter(|o| !o.problems.is_empty())
            .count()
    }
}
