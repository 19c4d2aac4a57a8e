//! TOML syntax errors as located problems: each error's span rendered like every other
//! problem (so a file with thousands of them is answered in linear time), and the one
//! error toml gives no place, a key dotted too deep, located by scanning for it.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Invalid, Problems};
use crate::number::format_number;

/// The most parts a dotted key may have: toml refuses longer ones, without saying where.
const MOST_PARTS: usize = 80;

/// Every syntax error of an answers file, as one [`Invalid`] error.
pub(super) fn invalid(path: &Path, source: &str, errors: Vec<toml::de::Error>) -> Invalid {
    let mut problems = Problems::new(path, source);
    let mut deep_key = None;
    for error in errors {
        let message = error.message().trim_end();
        match error.span() {
            Some(span) => problems.push(Diagnostic::at(span, format!("invalid TOML: {message}"))),
            None if message == "recursion limit" => {
                let located = deep_key.get_or_insert_with(|| too_deep(source));
                problems.push(located.clone());
            }
            None => problems.push(Diagnostic::nowhere(format!("invalid TOML: {message}"))),
        }
    }
    problems
        .finish()
        .err()
        .unwrap_or_else(|| Invalid(String::new()))
}

/// The first key or table header with more than [`MOST_PARTS`] dotted parts, as a problem.
fn too_deep(source: &str) -> Diagnostic {
    let mut at = 0;
    for line in source.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let trimmed = line.trim_start();
        let offset = start + (line.len() - trimmed.len());
        let key = if let Some(header) = trimmed.strip_prefix('[') {
            header
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("")
        } else {
            trimmed.split('=').next().unwrap_or("")
        };
        let parts = dotted_parts(key);
        if parts > MOST_PARTS {
            let end = offset + trimmed.trim_end().len();
            return Diagnostic::at(
                offset..end,
                format!(
                    "invalid TOML: a key of {} dotted parts, more than the {MOST_PARTS} TOML reads",
                    format_number(parts as f64)
                ),
            )
            .note("allowed: a section header such as [data] and keys such as sensitivity = \"secret\" under it");
        }
    }
    Diagnostic::nowhere(format!(
        "invalid TOML: a key of more than {MOST_PARTS} dotted parts"
    ))
}

/// How many dot-separated parts a key has, dots inside quotes not counting.
fn dotted_parts(key: &str) -> usize {
    let mut quote = None;
    let mut parts = 1;
    for c in key.chars() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '.') => parts += 1,
            _ => {}
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_in_quotes_are_not_parts() {
        assert_eq!(dotted_parts("a.b.c"), 3);
        assert_eq!(dotted_parts("a.\"b.c\".d"), 3);
        assert_eq!(dotted_parts("'x.y'"), 1);
    }

    #[test]
    fn a_deep_header_is_located() {
        let source = format!("[data]\n[{}]\n", vec!["a"; 200].join("."));
        let d = too_deep(&source);
        assert_eq!(d.span, Some(7..7 + 401));
        assert!(
            d.message.contains("a key of 200 dotted parts"),
            "{}",
            d.message
        );
    }
}
