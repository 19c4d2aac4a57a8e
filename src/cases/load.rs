//! Reading test-case files: the raw YAML shape, and checking it into [`Case`]s with every
//! problem reported.

use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

use super::{Case, CaseSource, Record};
use crate::answers;
use crate::diagnostic::{Diagnostic, Invalid, input, yaml};
use crate::options::{Approach, PAIRS, Pair, Strategy};
use crate::questions::QuestionId;
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
    #[serde(default)]
    sector: Option<String>,
    #[serde(default)]
    year: Option<u16>,
    #[serde(default)]
    source: Option<CaseSource>,
    #[serde(default)]
    documented: Vec<String>,
    #[serde(default)]
    estimated: Vec<String>,
    #[serde(default)]
    year_bound: Option<String>,
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
    #[serde(default)]
    also: Vec<RawPair>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPair {
    strategy: String,
    approach: String,
}

pub(super) fn parse(base: &RuleBase, files: &[RuleFile]) -> Result<Vec<Case>, Invalid> {
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
    let expect = pair(
        &raw.expect.strategy,
        &raw.expect.approach,
        "expect",
        &mut errors,
    );
    let also: Vec<Option<Pair>> = raw
        .expect
        .also
        .iter()
        .map(|p| pair(&p.strategy, &p.approach, "expect.also", &mut errors))
        .collect();
    check_answered(&raw, &mut errors);
    let mut errors = errors.lines().fold(String::new(), |mut out, l| {
        let _ = writeln!(out, "{location}: case {}: {l}", raw.name);
        out
    });
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
    match (answers, expect) {
        (Ok(mut answers), Some(expected)) if errors.is_empty() => {
            answers.name.clone_from(&raw.name);
            Ok(Case {
                name: raw.name,
                note: raw.note,
                location: location.to_owned(),
                answers,
                expected,
                // A pair that did not check is an error above, so none is dropped here.
                also: also.into_iter().flatten().collect(),
                fires: raw.expect.fires,
                not_fires: raw.expect.not_fires,
                record: Record {
                    sector: raw.sector,
                    year: raw.year,
                    source: raw.source,
                    documented: raw.documented,
                    estimated: raw.estimated,
                    year_bound: raw.year_bound,
                },
            })
        }
        (Ok(_), _) => Err(errors),
        (Err(e), _) => Err(e + &errors),
    }
}

/// A documented pair, or a message saying why it is not one.
fn pair(strategy: &str, approach: &str, key: &str, errors: &mut String) -> Option<Pair> {
    let s = Strategy::from_name(strategy);
    let a = Approach::from_name(approach);
    if s.is_none() {
        let _ = writeln!(
            errors,
            "{key}.strategy \"{strategy}\" is not one of \"A\", \"B\", \"C\", \"D\""
        );
    }
    if a.is_none() {
        let _ = writeln!(
            errors,
            "{key}.approach \"{approach}\" is not one of \"prompting\", \"rag\", \"fine-tune\", \"train\""
        );
    }
    let pair = Pair {
        strategy: s?,
        approach: a?,
    };
    if !PAIRS.contains(&pair) {
        let _ = writeln!(errors, "{strategy} + {approach} is not an allowed pair");
        return None;
    }
    Some(pair)
}

/// The `documented` and `estimated` lists name questions, each at most once in the two.
fn check_answered(raw: &RawCase, errors: &mut String) {
    let mut seen: Vec<&str> = Vec::new();
    for name in raw.documented.iter().chain(&raw.estimated) {
        if QuestionId::from_name(name).is_none() {
            let hint = Diagnostic::did_you_mean(name, QuestionId::all().map(QuestionId::name))
                .map(|question| format!("; {question}"))
                .unwrap_or_default();
            let _ = writeln!(
                errors,
                "unknown question \"{name}\" in documented/estimated{hint}"
            );
        } else if seen.contains(&name.as_str()) {
            let _ = writeln!(errors, "\"{name}\" is listed twice in documented/estimated");
        }
        seen.push(name);
    }
}
