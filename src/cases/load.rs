//! Reading test-case files: the raw YAML shape, and checking it into [`Case`]s with every
//! problem reported.

use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

use rustc_hash::FxHashSet;
use serde::Deserialize;

use super::{Case, CaseSource, Record};
use crate::answers;
use crate::diagnostic::locate::Locations;
use crate::diagnostic::{Diagnostic, Invalid, LineIndex, Problems, input, yaml};
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
    let mut names: FxHashSet<String> = FxHashSet::default();
    for file in files {
        let text = match input::utf8(&file.path, &file.bytes, input::Kind::Cases) {
            Ok(text) => text,
            Err(Invalid(message)) => {
                let _ = writeln!(errors, "{message}");
                continue;
            }
        };
        let (raw, locations): (RawCaseFile, _) = match yaml::from_str_located(&file.path, text) {
            Ok(read) => read,
            Err(e) => {
                let _ = writeln!(errors, "{e}");
                continue;
            }
        };
        let mut place = Place {
            path: &file.path,
            text,
            locations,
            lines: LineIndex::new(text),
        };
        let mut problems = Problems::new(&file.path, text);
        for (i, raw_case) in raw.cases.into_iter().enumerate() {
            let at = format!("cases/{i}");
            let name_span = place.span(&format!("{at}/name"));
            let location = place.location(name_span.as_ref());
            let fresh = names.insert(raw_case.name.clone());
            if !fresh {
                problems.push_with(name_span.as_ref().map(|s| s.start), || {
                    located(
                        name_span.clone(),
                        format!("duplicate case name \"{}\"", raw_case.name),
                    )
                });
            }
            if let Some(case) = check(base, raw_case, (&place, &at, location), &mut problems) {
                if fresh {
                    out.push(case);
                }
            }
        }
        if let Err(Invalid(message)) = problems.finish() {
            let _ = writeln!(errors, "{message}");
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Invalid(errors.trim_end().to_owned()))
    }
}

/// Where the nodes of one test file are: spans by YAML path, and lines from the spans.
struct Place<'a> {
    path: &'a Path,
    text: &'a str,
    locations: Locations,
    lines: LineIndex,
}

impl Place<'_> {
    fn span(&self, at: &str) -> Option<Range<usize>> {
        self.locations.find(at)
    }

    /// `FILE:LINE` of a node's span, as test reports name a case.
    fn location(&mut self, span: Option<&Range<usize>>) -> String {
        let line = span.map_or(1, |span| self.lines.line_col(self.text, span.start).0);
        format!("{}:{line}", self.path.display())
    }
}

/// A problem at a span, or nowhere when the span is unknown.
fn located(span: Option<Range<usize>>, message: String) -> Diagnostic {
    match span {
        Some(span) => Diagnostic::at(span, message),
        None => Diagnostic::nowhere(message),
    }
}

/// Checks one case, recording its problems; the case when it has none.
fn check(
    base: &RuleBase,
    raw: RawCase,
    (place, at, location): (&Place<'_>, &str, String),
    problems: &mut Problems<'_>,
) -> Option<Case> {
    let case = &raw.name;
    let nested = format!("answers of case {case}");
    // Only whether they are valid: their problems are described when shown.
    let answers = answers::parse_quietly(Path::new(&nested), &raw.answers);
    if answers.is_none() {
        let span = place.span(&format!("{at}/answers"));
        problems.push_with(span.as_ref().map(|s| s.start), || {
            // `parse_quietly` refuses exactly what `parse_text` refuses: the same checks.
            let message = answers::parse_text(Path::new(&nested), &raw.answers)
                .err()
                .map(|Invalid(message)| message)
                .unwrap_or_default();
            located(
                span.clone(),
                format!("case {case}: its answers are not valid"),
            )
            .note(indent(&message))
        });
    }
    let mut report = |path: &str, message: &dyn Fn() -> String| {
        let span = place.span(&format!("{at}/{path}"));
        problems.push_with(span.as_ref().map(|s| s.start), || {
            located(span.clone(), format!("case {case}: {}", message()))
        });
    };
    let mut errors = String::new();
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
    for line in errors.lines() {
        report("expect", &|| line.to_owned());
    }
    let mut answered = String::new();
    check_answered(&raw, &mut answered);
    for line in answered.lines() {
        report("documented", &|| line.to_owned());
    }
    let mut clean = errors.is_empty() && answered.is_empty();
    let lists = [
        ("fires", &raw.expect.fires),
        ("not_fires", &raw.expect.not_fires),
    ];
    for (key, list) in lists {
        for (j, id) in list.iter().enumerate() {
            if base.rule(id).is_none() {
                clean = false;
                report(&format!("expect/{key}/{j}"), &|| {
                    let ids = base.rules.iter().map(|r| &*r.id);
                    let hint = Diagnostic::did_you_mean(id, ids)
                        .map(|question| format!("; {question}"))
                        .unwrap_or_default();
                    format!("unknown rule \"{id}\"{hint}")
                });
            }
        }
    }
    let (Some(mut answers), Some(expected), true) = (answers, expect, clean) else {
        return None;
    };
    answers.name.clone_from(&raw.name);
    Some(Case {
        name: raw.name,
        note: raw.note,
        location,
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

/// The problems of a case's answers, as a note: every line after the first indented under it.
fn indent(nested: &str) -> String {
    nested.lines().collect::<Vec<_>>().join("\n    ")
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
