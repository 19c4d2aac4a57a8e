//! The commented answers file `init` writes: every section and question with what it asks,
//! what it accepts and what each level means. Required questions hold the placeholder that
//! validation rejects until it is replaced; optional ones are commented out with an example.

use std::fmt::Write as _;

use crate::questions::{Accepts, Entry, Filled, PLACEHOLDER, Questionnaire};

/// Width of the comment lines.
const WIDTH: usize = 88;

/// The answers file for `file_name`; `schema` is the path or URL of its JSON Schema, written
/// as taplo's `#:schema` directive on the first line. Keys in `filled` (answered at the
/// prompts of `init --interactive`) carry those answers instead of a placeholder or example.
pub fn answers(
    q: &Questionnaire,
    file_name: &str,
    schema: Option<&str>,
    filled: &Filled,
) -> String {
    let mut out = String::new();
    if let Some(schema) = schema {
        let _ = writeln!(out, "#:schema {schema}");
    }
    comment(
        &mut out,
        "An llm-strategy answers file: one scenario, one organization and one use case.",
    );
    out.push_str("#\n");
    let how = if filled.is_empty() {
        format!(
            "Replace every {PLACEHOLDER} with your answer, and uncomment the optional \
             questions you can answer (an unanswered one is unknown, not a default). Then run:"
        )
    } else {
        "Written from your answers at the prompts. Change any of them, and uncomment the \
         optional questions you skipped once you can answer them (an unanswered one is \
         unknown, not a default). Then run:"
            .to_owned()
    };
    comment(&mut out, &how);
    let _ = writeln!(out, "#\n#   llm-strategy assess {file_name}\n#");
    comment(
        &mut out,
        "`llm-strategy questions` explains every question. Numbers may be TOML integers or \
         floats (5e8, 700_000_000_000).",
    );
    out.push_str("#\n");
    comment(
        &mut out,
        "Unsure of an answer? Give a range for a number, as in `requests_per_day = { low = \
         5_000, likely = 20_000, high = 80_000 }` (likely optional), or the candidates for a \
         level, as in `ml_talent = [\"basic\", \"experienced\"]` (the first is the one \
         assumed): the report then says how often each strategy wins across them.",
    );
    for section in &q.sections {
        let _ = writeln!(out, "\n[{}]", section.section);
        comment(&mut out, section.description);
        for entry in &section.keys {
            out.push('\n');
            key(&mut out, entry, filled.get(&entry.name).map(String::as_str));
        }
    }
    out
}

/// One key: its description, what it accepts, then its line: the answer given, else the
/// placeholder of a required key or the commented example of an optional one.
fn key(out: &mut String, entry: &Entry, answer: Option<&str>) {
    comment(out, entry.description);
    let need = if entry.required {
        "Required"
    } else {
        "Optional"
    };
    match &entry.accepts {
        Accepts::Level { levels, .. } => {
            let _ = writeln!(out, "# {need}, one of:");
            let width = levels.iter().map(|l| l.level.len()).max().unwrap_or(0) + 2;
            for level in levels {
                let first = format!("#   {:<width$}", level.level);
                let rest = format!("#   {:<width$}", "");
                wrap(out, level.meaning, &first, &rest);
            }
        }
        Accepts::Number { unit, .. } => {
            let _ = writeln!(out, "# {need}: {} ({unit}).", entry.allowed);
        }
        Accepts::Text => {
            let _ = writeln!(out, "# {need}: {}.", entry.allowed);
        }
    }
    if let Some(answer) = answer {
        let _ = writeln!(out, "{} = {answer}", entry.key);
    } else if entry.required {
        let _ = writeln!(out, "{} = \"{PLACEHOLDER}\"", entry.key);
    } else {
        let _ = writeln!(out, "# {} = {}", entry.key, entry.example);
    }
}

/// `text` as comment lines.
fn comment(out: &mut String, text: &str) {
    wrap(out, text, "# ", "# ");
}

fn wrap(out: &mut String, text: &str, first: &str, rest: &str) {
    for line in textwrap::wrap(text, super::wrapping(WIDTH, first, rest)) {
        let _ = writeln!(out, "{}", line.trim_end());
    }
}
