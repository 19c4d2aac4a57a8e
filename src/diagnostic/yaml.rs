//! Reading a YAML input into its raw type, for every YAML input alike: within the limits of
//! [`super::yaml_limits`] first, then through serde, with its error as a located problem.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::{Diagnostic, Invalid, Problems, yaml_limits};

/// Reads the YAML text of the file at `path` as a `T`, refusing text that nests too deep or
/// whose aliases repeat too much before serde reads it.
pub fn from_str<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Invalid> {
    if let Some(problem) = yaml_limits::check(text) {
        let mut problems = Problems::new(path, text);
        problems.push(problem);
        return Err(problems
            .finish()
            .err()
            .unwrap_or_else(|| Invalid(String::new())));
    }
    serde_yaml::from_str(text).map_err(|e| invalid(path, text, &e))
}

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
