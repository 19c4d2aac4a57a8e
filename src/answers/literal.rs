//! One answer typed at a prompt, written as TOML (`5e8`, `"regulated"`), checked exactly as
//! the same line in an answers file would be, so `init --interactive` accepts what a file does.

use std::path::Path;

use toml::de::DeTable;

use super::validate::check_key;
use super::{Answers, COUNT};
use crate::diagnostic::{Diagnostic, Problems};

/// Checks `literal` as the answer to `key` under `[section]`; the problem, when there is one,
/// as a message and its notes.
pub fn check_literal(section: &str, key: &str, literal: &str) -> Result<(), Diagnostic> {
    let source = format!("{key} = {literal}\n");
    let Ok(document) = DeTable::parse(&source) else {
        return Err(Diagnostic::nowhere(format!(
            "[{section}] {key}: found `{}`, which TOML does not read as a value",
            literal.trim()
        ))
        .note("help: write digits, with `_` between groups (700_000_000) or an exponent (7e8)"));
    };
    let mut problems = Problems::new(Path::new("<answer>"), &source);
    let mut answers = Answers::new("<answer>", [None; COUNT]);
    for (key, value) in document.get_ref() {
        check_key(&mut problems, &mut answers, section, key, value);
    }
    problems
        .into_diagnostics()
        .into_iter()
        .next()
        .map_or(Ok(()), Err)
}

#[cfg(test)]
mod tests {
    use super::check_literal;

    fn message(section: &str, key: &str, literal: &str) -> String {
        let d = check_literal(section, key, literal).unwrap_err();
        format!("{} | {}", d.message, d.notes.join(" | "))
    }

    #[test]
    fn accepts_what_a_file_accepts() {
        assert!(check_literal("data", "labeled_examples", "2_000").is_ok());
        assert!(check_literal("data", "corpus_tokens", "5e8").is_ok());
        assert!(check_literal("data", "sensitivity", "\"regulated\"").is_ok());
        assert!(check_literal("scenario", "name", "\"Bank\"").is_ok());
        assert!(check_literal("cost", "tier", "\"mid\"").is_ok());
    }

    #[test]
    fn rejects_what_a_file_rejects_with_the_same_words() {
        assert_eq!(
            message("data", "labeled_examples", "2.5"),
            "[data] labeled_examples: found a fractional count (2.5) | allowed: a whole number >= 0"
        );
        assert!(message("data", "corpus_tokens", "-1").contains("a negative number"));
        assert!(message("data", "corpus_tokens", "\"5\"").contains("remove the quotes"));
        assert!(message("data", "sensitivity", "\"regulatd\"").contains("did you mean"));
        assert!(message("scenario", "name", "\"  \"").contains("empty string"));
    }

    #[test]
    fn text_that_is_not_toml_is_explained() {
        assert!(message("data", "corpus_tokens", "lots").contains("TOML does not read"));
        assert!(message("data", "corpus_tokens", "1,000").contains("TOML does not read"));
    }
}
