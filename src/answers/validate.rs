//! Validation of an answers file: the parsed TOML tables, with a span on every key and value,
//! into checked [`Answers`], collecting every problem in one pass.

use std::num::IntErrorKind;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::overrides::check_cost_key;
use super::spread;
use super::{Answer, Answers, CostOverrides};
use crate::diagnostic::{Diagnostic, Invalid, Problems, closest};
use crate::number::format_number;
use crate::questions::{
    COST_KEYS, COUNT, Kind, PLACEHOLDER, QUESTIONS, QuestionId, SCENARIO_KEYS, SECTIONS, quote_list,
};

/// Validates the parsed tables, recording problems in `problems` (a [`Problems::counting`]
/// one builds none of them).
pub(super) fn validate(
    mut problems: Problems<'_>,
    document: &DeTable<'_>,
    stem: String,
) -> Result<Answers, Invalid> {
    let mut answers = Answers {
        name: stem,
        description: None,
        values: [None; COUNT],
        spreads: [None; COUNT],
        cost: CostOverrides::default(),
    };
    for (section, value) in document {
        let section_name = section.get_ref().as_ref();
        if !SECTIONS.contains(&section_name) {
            problems.push_with(Some(section.span().start), || {
                unknown_section(section, value)
            });
            continue;
        }
        let DeValue::Table(table) = value.get_ref() else {
            problems.push(
                Diagnostic::at(
                    value.span(),
                    format!(
                        "[{section_name}]: must be a table of answers, found {}",
                        describe(value.get_ref())
                    ),
                )
                .note(format!("write it as a section header: [{section_name}]")),
            );
            continue;
        };
        for (key, value) in table {
            check_key(&mut problems, &mut answers, section_name, key, value);
        }
    }
    for id in QuestionId::all() {
        let q = id.question();
        if q.required && answers.get(id).is_none() {
            problems.push_with(None, || {
                Diagnostic::nowhere(format!("{id}: missing required answer"))
                    .note(format!("allowed: {}", q.allowed()))
                    .note(format!("add `{} = ...` under [{}]", q.key, q.section))
            });
        }
    }
    problems.finish()?;
    Ok(answers)
}

/// Checks one key of a known section and records its answer, or the problem with it.
pub(super) fn check_key(
    problems: &mut Problems<'_>,
    answers: &mut Answers,
    section: &str,
    key: &Spanned<std::borrow::Cow<'_, str>>,
    value: &Spanned<DeValue<'_>>,
) {
    match section {
        "scenario" => check_scenario_key(problems, answers, key, value),
        "cost" => check_cost_key(problems, &mut answers.cost, key, value),
        _ => check_answer(problems, answers, section, key, value),
    }
}

fn unknown_section(
    section: &Spanned<std::borrow::Cow<'_, str>>,
    value: &Spanned<DeValue<'_>>,
) -> Diagnostic {
    let name = section.get_ref().as_ref();
    let sections = quote_list(&SECTIONS);
    if let Some(q) = QUESTIONS.iter().find(|q| q.key == name) {
        return Diagnostic::at(section.span(), format!("`{name}` is outside any section"))
            .note(format!("`{name}` belongs under [{}]", q.section));
    }
    let what = if matches!(value.get_ref(), DeValue::Table(_)) {
        format!("unknown section [{name}]")
    } else {
        format!("unknown top-level key `{name}`")
    };
    Diagnostic::at(section.span(), what)
        .note(format!("allowed sections: {sections}"))
        .suggest(name, SECTIONS)
}

fn check_scenario_key(
    problems: &mut Problems<'_>,
    answers: &mut Answers,
    key: &Spanned<std::borrow::Cow<'_, str>>,
    value: &Spanned<DeValue<'_>>,
) {
    let name = key.get_ref().as_ref();
    if !SCENARIO_KEYS.contains(&name) {
        problems.push_with(Some(key.span().start), || unknown_key("scenario", key));
        return;
    }
    let DeValue::String(text) = value.get_ref() else {
        problems.push(
            Diagnostic::at(
                value.span(),
                format!("[scenario] {name}: found {}", describe(value.get_ref())),
            )
            .note("allowed: a string"),
        );
        return;
    };
    if text.trim().is_empty() {
        problems.push(
            Diagnostic::at(
                value.span(),
                format!("[scenario] {name}: found an empty string"),
            )
            .note("allowed: a non-empty string, or leave the key out"),
        );
        return;
    }
    // Escape sequences and the like would reach terminals and documents as they are.
    if let Some(c) = text
        .chars()
        .find(|c| c.is_control() && *c != '\n' && *c != '\t')
    {
        problems.push(
            Diagnostic::at(
                value.span(),
                format!(
                    "[scenario] {name}: found the control character U+{:04X}",
                    u32::from(c)
                ),
            )
            .note("allowed: printable text (line breaks and tabs are fine)"),
        );
        return;
    }
    if name == "name" {
        text.trim().clone_into(&mut answers.name);
    } else {
        answers.description = Some(text.trim().to_owned());
    }
}

pub(super) fn unknown_key(section: &str, key: &Spanned<std::borrow::Cow<'_, str>>) -> Diagnostic {
    let name = key.get_ref().as_ref();
    let here: Vec<&str> = if section == "scenario" {
        SCENARIO_KEYS.to_vec()
    } else if section == "cost" {
        COST_KEYS.to_vec()
    } else {
        QUESTIONS
            .iter()
            .filter(|q| q.section == section)
            .map(|q| q.key)
            .collect()
    };
    let diagnostic = Diagnostic::at(key.span(), format!("[{section}] {name}: unknown key")).note(
        format!("allowed keys in [{section}]: {}", quote_list(&here)),
    );
    if let Some(q) = QUESTIONS.iter().find(|q| q.key == name) {
        return diagnostic.note(format!("help: `{name}` belongs under [{}]", q.section));
    }
    if closest(name, here.iter().copied()).is_none() {
        if let Some(q) = QUESTIONS.iter().find(|q| closest(name, [q.key]).is_some()) {
            return diagnostic.note(format!(
                "help: did you mean `{}` under [{}]?",
                q.key, q.section
            ));
        }
    }
    diagnostic.suggest(name, here)
}

fn check_answer(
    problems: &mut Problems<'_>,
    answers: &mut Answers,
    section: &str,
    key: &Spanned<std::borrow::Cow<'_, str>>,
    value: &Spanned<DeValue<'_>>,
) {
    let name = key.get_ref().as_ref();
    let Some(id) = QuestionId::all().find(|id| {
        let q = id.question();
        q.section == section && q.key == name
    }) else {
        problems.push_with(Some(key.span().start), || unknown_key(section, key));
        return;
    };
    let uncertain = match value.get_ref() {
        DeValue::Table(table) => spread::check_range(id, value.span(), table),
        DeValue::Array(list) => spread::check_candidates(id, value.span(), list),
        _ => None,
    };
    let checked = if let Some(checked) = uncertain {
        checked
    } else if let Some(wrong_shape) = spread::shape_help(id, value) {
        Err(vec![wrong_shape])
    } else {
        filled_in(id, value)
            .and_then(|()| check_value(id, "", value))
            .map(|answer| (None, answer))
            .map_err(|d| vec![d])
    };
    match checked {
        Ok((spread, answer)) => {
            answers.values[usize::from(id.0)] = Some(answer);
            answers.spreads[usize::from(id.0)] = spread;
        }
        Err(diagnostics) => {
            for diagnostic in diagnostics {
                problems.push(diagnostic);
            }
            // A placeholder so the question is not also reported as missing; the
            // problems make validation fail, so it never reaches the engine.
            answers.values[usize::from(id.0)] = Some(Answer::Number(0.0));
        }
    }
}

/// Fails when the answer is still the placeholder `init` writes for a required question.
fn filled_in(id: QuestionId, value: &Spanned<DeValue<'_>>) -> Result<(), Diagnostic> {
    let DeValue::String(text) = value.get_ref() else {
        return Ok(());
    };
    if text.as_ref() != PLACEHOLDER {
        return Ok(());
    }
    let q = id.question();
    let help = match q.unit {
        Some(unit) => {
            format!("help: replace \"{PLACEHOLDER}\" with a number ({unit}), without quotes")
        }
        None => format!(
            "help: replace \"{PLACEHOLDER}\" with one of them; `llm-strategy questions` says what each means"
        ),
    };
    Err(Diagnostic::at(value.span(), format!("{id}: fill me in: {}", q.allowed())).note(help))
}

/// Checks one value as the answer to `id`; `part` (`.low`, or empty) follows the question's
/// name in messages.
pub(super) fn check_value(
    id: QuestionId,
    part: &str,
    value: &Spanned<DeValue<'_>>,
) -> Result<Answer, Diagnostic> {
    let q = id.question();
    let span = value.span();
    let wrong = |found: String| {
        Diagnostic::at(span.clone(), format!("{id}{part}: found {found}"))
            .note(format!("allowed: {}", q.allowed()))
    };
    match (q.kind, value.get_ref()) {
        (Kind::Level { levels, .. }, DeValue::String(text)) => {
            let text = text.as_ref();
            match levels.iter().position(|l| *l == text) {
                Some(i) => Ok(Answer::Level(i as u8)),
                None => Err(wrong(format!("\"{text}\", which is not an allowed level"))
                    .suggest(text, levels.iter().copied())),
            }
        }
        (Kind::Number { whole, positive }, DeValue::Integer(_) | DeValue::Float(_)) => {
            if let Some(found) = no_digits(value.get_ref()) {
                return Err(wrong(found).note("help: write the number in decimal, e.g. 2_000"));
            }
            let n = number(value.get_ref())
                .ok_or_else(|| wrong("a number too large to represent".to_owned()))?;
            if n.is_nan() {
                return Err(wrong("nan (not a number)".to_owned()));
            }
            if n.is_infinite() && !value_text(value.get_ref()).contains("inf") {
                return Err(wrong("a number too large to represent".to_owned()));
            }
            if n.is_infinite() {
                return Err(wrong(format!(
                    "{}infinity",
                    if n < 0.0 { "negative " } else { "" }
                )));
            }
            if n < 0.0 {
                return Err(wrong(format!("a negative number ({})", format_number(n))));
            }
            if positive && n == 0.0 {
                return Err(wrong("zero".to_owned()));
            }
            if whole && n.fract() != 0.0 {
                return Err(wrong(format!("a fractional count ({})", format_number(n))));
            }
            Ok(Answer::Number(n))
        }
        (Kind::Number { .. }, DeValue::String(text)) => {
            let mut d = wrong(describe(value.get_ref()));
            if text.replace('_', "").trim().parse::<f64>().is_ok() {
                d = d.note(format!(
                    "help: remove the quotes: {} = {}",
                    q.key,
                    text.trim()
                ));
            }
            Err(d)
        }
        (Kind::Level { .. } | Kind::Number { .. }, other) => Err(wrong(describe(other))),
    }
}

/// The numeric value of a TOML integer or float, `None` when it overflows.
fn number(value: &DeValue<'_>) -> Option<f64> {
    match value {
        DeValue::Integer(i) => i128::from_str_radix(i.as_str(), i.radix())
            .ok()
            .map(|v| v as f64),
        DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
        _ => None,
    }
}

/// What a radix-prefixed integer with no digits after its prefix (`0x`, `0o`, `0b`) is, in
/// words; toml reads such a prefix as an integer without digits, which is not too large but empty.
fn no_digits(value: &DeValue<'_>) -> Option<String> {
    let DeValue::Integer(i) = value else {
        return None;
    };
    let (prefix, base) = match i.radix() {
        16 => ("0x", "hexadecimal"),
        8 => ("0o", "octal"),
        2 => ("0b", "binary"),
        _ => return None,
    };
    let digits = i.as_str().trim_start_matches(['+', '-']);
    if digits.is_empty() {
        return Some(format!(
            "`{prefix}`, the {base} prefix with no digits after it"
        ));
    }
    match i128::from_str_radix(i.as_str(), i.radix()) {
        Err(e)
            if !matches!(
                e.kind(),
                IntErrorKind::PosOverflow | IntErrorKind::NegOverflow
            ) =>
        {
            Some(format!("`{prefix}{digits}`, which are not {base} digits"))
        }
        _ => None,
    }
}

/// The number as written, for telling an overflow from a literal `inf`.
fn value_text(value: &DeValue<'_>) -> String {
    match value {
        DeValue::Integer(i) => i.to_string(),
        DeValue::Float(f) => f.to_string(),
        _ => String::new(),
    }
}

/// What a TOML value is, for "found ..." messages.
pub(super) fn describe(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(s) => format!("a string (\"{s}\")"),
        DeValue::Integer(i) => format!("an integer ({i})"),
        DeValue::Float(f) => format!("a float ({f})"),
        DeValue::Boolean(b) => format!("a boolean ({b})"),
        DeValue::Datetime(d) => format!("a date-time ({d})"),
        DeValue::Array(_) => "an array".to_owned(),
        DeValue::Table(_) => "a table".to_owned(),
    }
}
