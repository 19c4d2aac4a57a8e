//! A YAML syntax or shape error as a located problem, for every YAML input alike.

use std::path::Path;

use super::{Diagnostic, Invalid, Problems};

/// The error serde found in a YAML file, rendered like every other problem: with its line,
/// column and a snippet when the parser gives a place.
pub fn invalid(path: &Path, text: &str, error: &serde_yaml::Error) -> Invalid {
    let message = error.to_string();
    let mut problems = Problems::new(path, text);
    match error.location() {
        Some(location) => {
            // The location is in the snippet; keep the message itself short.
            let message = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(m, _)| m);
            let start = location.index().min(text.len());
            problems.push(Diagnostic::at(start..start + 1, message));
        }
        None => problems.push(Diagnostic::nowhere(message)),
    }
    problems
        .finish()
        .err()
        .unwrap_or_else(|| Invalid(String::new()))
}
