//! Checking and compiling a rule's `when`: questions and levels, thresholds, cost facts, and
//! `all` / `any` / `not`.

use super::FileProblems;
use crate::diagnostic::Diagnostic;
use crate::questions::{Kind, QuestionId, quote_list};
use crate::rules::Condition;
use crate::rules::Fact;
use crate::rules::raw::{RawCondition, Scalar};

/// A comparison of a cost fact: `{ fact: cost.budget_share.C, at_least: 1 }`.
fn fact_condition(
    problems: &mut FileProblems,
    path: &str,
    name: &str,
    c: &RawCondition,
) -> Option<Condition> {
    let all: Vec<String> = Fact::all().iter().map(|f| f.name()).collect();
    let Some(fact) = Fact::from_name(name) else {
        problems.push(
            format!("{path}/fact"),
            Diagnostic::nowhere(format!("unknown fact \"{name}\""))
                .note(format!("allowed: one of {}", all.join(", ")))
                .suggest(name, all.iter().map(String::as_str)),
        );
        return None;
    };
    let extra = c.question.is_some()
        || c.is.is_some()
        || c.in_.is_some()
        || c.all.is_some()
        || c.any.is_some()
        || c.not.is_some();
    let (below, value) = match (&c.at_least, &c.below) {
        (Some(v), None) if !extra => (false, v),
        (None, Some(v)) if !extra => (true, v),
        _ => {
            problems
                .push(
path,
Diagnostic::nowhere("malformed condition: a `fact` takes exactly one of `at_least` or `below`, and nothing else").note("allowed: `{ fact: cost.budget_share.C, at_least: 1 }`"),
);
            return None;
        }
    };
    let op = if below { "below" } else { "at_least" };
    match value {
        Scalar::Number(n) if n.is_finite() => Some(Condition::Fact {
            fact,
            below,
            value: *n,
        }),
        other => {
            problems.push(
                format!("{path}/{op}"),
                Diagnostic::nowhere(format!("threshold {other} for {name} is not a number"))
                    .note("allowed: a finite number, e.g. 1 or 0.5"),
            );
            None
        }
    }
}

const FORMS: &str = "`question` (or `fact`) with one of `is`, `in`, `at_least`, `below`; or `all: [..]`, `any: [..]`, `not: {..}`";

pub(super) fn compile_condition(
    problems: &mut FileProblems,
    path: &str,
    c: &RawCondition,
) -> Option<Condition> {
    if let Some(name) = &c.fact {
        return fact_condition(problems, path, name, c);
    }
    let mut forms = Vec::new();
    for (present, name) in [
        (c.is.is_some(), "is"),
        (c.in_.is_some(), "in"),
        (c.at_least.is_some(), "at_least"),
        (c.below.is_some(), "below"),
        (c.all.is_some(), "all"),
        (c.any.is_some(), "any"),
        (c.not.is_some(), "not"),
    ] {
        if present {
            forms.push(name);
        }
    }
    let malformed = |problems: &mut FileProblems, found: String| {
        problems.push(
            path,
            Diagnostic::nowhere(format!("malformed condition: {found}"))
                .note(format!("allowed: {FORMS}")),
        );
        None
    };
    match (forms.as_slice(), &c.question) {
        ([], None) => malformed(problems, "it is empty".to_owned()),
        ([], Some(_)) => malformed(problems, "`question` without a comparison".to_owned()),
        ([_, _, ..], _) => malformed(
            problems,
            format!("it has {} forms at once", quote_list(&forms)),
        ),
        (["all" | "any" | "not"], Some(_)) => malformed(
            problems,
            format!("`question` cannot be combined with `{}`", forms[0]),
        ),
        (["all" | "any"], None) => {
            let (list, name) = if let Some(list) = &c.all {
                (list, "all")
            } else {
                (c.any.as_ref()?, "any")
            };
            if list.is_empty() {
                return malformed(problems, format!("`{name}` has no conditions"));
            }
            let parts: Vec<Option<Condition>> = list
                .iter()
                .enumerate()
                .map(|(i, part)| compile_condition(problems, &format!("{path}/{name}/{i}"), part))
                .collect();
            let parts: Option<Vec<Condition>> = parts.into_iter().collect();
            let parts = parts?.into_boxed_slice();
            Some(if name == "all" {
                Condition::All(parts)
            } else {
                Condition::Any(parts)
            })
        }
        (["not"], None) => {
            let inner = compile_condition(problems, &format!("{path}/not"), c.not.as_deref()?)?;
            Some(Condition::Not(Box::new(inner)))
        }
        ([_], None) => malformed(problems, format!("`{}` without a `question`", forms[0])),
        ([op], Some(name)) => leaf(problems, path, name, op, c),
    }
}

fn leaf(
    problems: &mut FileProblems,
    path: &str,
    name: &str,
    op: &str,
    c: &RawCondition,
) -> Option<Condition> {
    let Some(question) = QuestionId::from_name(name) else {
        let all: Vec<&str> = QuestionId::all().map(QuestionId::name).collect();
        problems.push(
            format!("{path}/question"),
            Diagnostic::nowhere(format!("unknown question \"{name}\""))
                .note(format!("allowed: one of {}", quote_list(&all)))
                .suggest(name, all.iter().copied()),
        );
        return None;
    };
    let op_path = format!("{path}/{op}");
    match question.question().kind {
        Kind::Level { levels, ordered } => {
            let mask = level_mask(problems, &op_path, question, (levels, ordered), op, c)?;
            Some(Condition::Levels { question, mask })
        }
        Kind::Number { .. } => threshold(problems, &op_path, question, op, c),
    }
}

/// The bit mask of levels an `is`/`in`/`at_least`/`below` on a level question matches.
fn level_mask(
    problems: &mut FileProblems,
    op_path: &str,
    question: QuestionId,
    (levels, ordered): (&[&str], bool),
    op: &str,
    c: &RawCondition,
) -> Option<u8> {
    let level = |problems: &mut FileProblems, at: &str, value: &Scalar| -> Option<usize> {
        let found = match value {
            Scalar::Text(t) => levels.iter().position(|l| l == t),
            Scalar::Number(_) => None,
        };
        if found.is_none() {
            let d = Diagnostic::nowhere(format!("unknown level {value} for {}", question.name()))
                .note(format!("allowed: one of {}", quote_list(levels)));
            let d = match value {
                Scalar::Text(t) => d.suggest(t, levels.iter().copied()),
                Scalar::Number(_) => d,
            };
            problems.push(at, d);
        }
        found
    };
    let all_bits: u8 = ((1u16 << levels.len()) - 1) as u8;
    let mask = match op {
        "is" => 1u8 << level(problems, op_path, c.is.as_ref()?)?,
        "in" => {
            let list = c.in_.as_ref()?;
            if list.is_empty() {
                problems.push(
                    op_path,
                    Diagnostic::nowhere("`in` lists no levels")
                        .note(format!("allowed: a list of {}", quote_list(levels))),
                );
                return None;
            }
            let mut mask = 0u8;
            let mut ok = true;
            for (i, v) in list.iter().enumerate() {
                match level(problems, &format!("{op_path}/{i}"), v) {
                    Some(l) => mask |= 1 << l,
                    None => ok = false,
                }
            }
            if !ok {
                return None;
            }
            mask
        }
        _ => {
            if !ordered {
                problems.push(
                    op_path,
                    Diagnostic::nowhere(format!(
                        "`{op}` compares levels, but the levels of {} have no order",
                        question.name()
                    ))
                    .note("allowed: `is` or `in`"),
                );
                return None;
            }
            let value = if op == "at_least" {
                c.at_least.as_ref()?
            } else {
                c.below.as_ref()?
            };
            let l = level(problems, op_path, value)?;
            let below: u8 = ((1u16 << l) - 1) as u8;
            if op == "at_least" {
                all_bits & !below
            } else {
                below
            }
        }
    };
    Some(mask)
}

/// A numeric `at_least`/`below` comparison.
fn threshold(
    problems: &mut FileProblems,
    op_path: &str,
    question: QuestionId,
    op: &str,
    c: &RawCondition,
) -> Option<Condition> {
    let value = match op {
        "at_least" => c.at_least.as_ref()?,
        "below" => c.below.as_ref()?,
        _ => {
            problems.push(
                op_path,
                Diagnostic::nowhere(format!(
                    "`{op}` needs levels, but {} is a number",
                    question.name()
                ))
                .note("allowed: `at_least: N` or `below: N`"),
            );
            return None;
        }
    };
    match value {
        Scalar::Number(n) if n.is_finite() && *n >= 0.0 => Some(if op == "at_least" {
            Condition::AtLeast {
                question,
                value: *n,
            }
        } else {
            Condition::Below {
                question,
                value: *n,
            }
        }),
        other => {
            problems.push(
                op_path,
                Diagnostic::nowhere(format!(
                    "threshold {other} for {} is not a number >= 0",
                    question.name()
                ))
                .note("allowed: a finite number >= 0, e.g. 10000 or 1.0e11"),
            );
            None
        }
    }
}
