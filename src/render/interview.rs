//! The words of `init --interactive` around its prompts: the opening, each section's and each
//! question's explanation, the one-line choices of a select list, and the closing line.

use std::fmt::Write as _;

use crate::questions::{Accepts, Entry, Level, Section};

/// What the interview says before the first question.
pub fn opening(file_name: &str, width: usize) -> String {
    paragraph(
        &format!(
            "Answering the questionnaire for {file_name}. Each question says what it asks and \
             what its answers mean. Esc, or Enter on an empty answer, leaves an optional \
             question unanswered (unknown, not a default); Ctrl-C stops without writing anything."
        ),
        width,
    )
}

/// A section's heading and what it holds, before its first question.
pub fn section(section: &Section, width: usize) -> String {
    let mut out = format!("\n[{}]\n", section.section);
    out.push_str(&paragraph(section.description, width));
    out
}

/// What a question asks, shown above its prompt, with each level's meaning in full (the
/// select list below shortens them to one line).
pub fn question(entry: &Entry, width: usize) -> String {
    let mut out = String::from("\n");
    out.push_str(&paragraph(entry.description, width));
    if let Accepts::Level { levels, .. } = &entry.accepts {
        let pad = levels.iter().map(|l| l.level.len()).max().unwrap_or(0) + 2;
        for level in levels {
            let first = format!("  {:<pad$}", level.level);
            let rest = " ".repeat(pad + 2);
            for line in textwrap::wrap(level.meaning, super::wrapping(width, &first, &rest)) {
                let _ = writeln!(out, "{}", line.trim_end());
            }
        }
    }
    out
}

/// The prompt line of a question: its section and key, and whether it may be skipped.
pub fn prompt(entry: &Entry, section: &str) -> String {
    let optional = if entry.required { "" } else { " (optional)" };
    match &entry.accepts {
        Accepts::Number { unit, .. } => format!("[{section}] {} ({unit}){optional}:", entry.key),
        Accepts::Level { .. } | Accepts::Text => format!("[{section}] {}{optional}:", entry.key),
    }
}

/// The line under a prompt saying how to answer it.
pub fn help(entry: &Entry) -> String {
    let skip = if entry.required {
        ""
    } else {
        "; Esc or an empty answer skips"
    };
    match &entry.accepts {
        Accepts::Level { .. } => format!(
            "↑↓ to move, type to filter, Enter to choose{}",
            if entry.required { "" } else { "; Esc skips" }
        ),
        Accepts::Number { .. } => format!(
            "{}, such as {} (700_000_000 and 7e8 work too){skip}",
            entry.allowed, entry.example
        ),
        Accepts::Text if entry.name == "scenario.name" => {
            "text; Enter keeps the name in brackets, Esc leaves the key out (reports then use \
             the file's name)"
                .to_owned()
        }
        Accepts::Text => format!("text{skip}"),
    }
}

/// One choice of a select list: the level, padded to `pad`, and its meaning cut to fit one
/// line of `width` columns.
pub fn choice(level: &Level, pad: usize, width: usize) -> String {
    let line = format!("{:<pad$}  {}", level.level, level.meaning);
    // The list indents each choice by two columns and marks the current one.
    let room = width.saturating_sub(4).max(pad + 12);
    if line.chars().count() <= room {
        return line;
    }
    let mut cut: String = line.chars().take(room - 1).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// What the interview says once the file is written.
pub fn closing(file_name: &str, answered: usize, skipped: usize, width: usize) -> String {
    let skipped = match skipped {
        0 => String::new(),
        1 => " (1 optional question skipped: it is commented out in the file)".to_owned(),
        n => format!(" ({n} optional questions skipped: they are commented out in the file)"),
    };
    paragraph(
        &format!(
            "\nWrote {file_name} with {answered} answers{skipped}. [cost] is left as commented \
             examples: it chooses the prices of the cost estimate, not the advice. Next:\n\n  \
             llm-strategy assess {file_name}"
        ),
        width,
    )
}

fn paragraph(text: &str, width: usize) -> String {
    let mut out = String::new();
    for part in text.split('\n') {
        if part.starts_with("  ") || part.is_empty() {
            let _ = writeln!(out, "{part}");
            continue;
        }
        for line in textwrap::wrap(part, super::wrapping(width, "", "")) {
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::choice;
    use crate::questions::Level;

    #[test]
    fn a_choice_fits_one_line() {
        let level = Level {
            level: "regulated",
            meaning: "law or a regulator restricts where it may go and who may process it",
        };
        let line = choice(&level, 12, 50);
        assert_eq!(line.chars().count(), 46);
        assert!(line.starts_with("regulated     law or"));
        assert!(line.ends_with('…'));
        assert_eq!(
            choice(&level, 9, 200),
            format!("regulated  {}", level.meaning)
        );
    }
}
