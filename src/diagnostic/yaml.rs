//! Reading a YAML input into its raw type, for every YAML input alike: within the limits of
//! [`super::yaml_limits`] first, then through serde, with its error as a located problem;
//! where every node is comes from the same pass as the limits when the caller needs it.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::locate::{Builder, Locations};
use super::yaml_limits::{self, Pass};
use super::{Diagnostic, Invalid, Problems};

/// Reads the YAML text of the file at `path` as a `T`, refusing text that nests too deep or
/// whose aliases repeat too much before serde reads it.
pub fn from_str<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Invalid> {
    if let Some(problem) = yaml_limits::check(text) {
        return Err(over_limit(path, text, problem));
    }
    serde_yaml::from_str(text).map_err(|e| invalid(path, text, &e))
}

/// Reads the YAML text of the file at `path` as a `T` like [`from_str`], with the
/// [`Locations`] of its nodes, found in the same pass of the event parser as the limits.
pub fn from_str_located<T: DeserializeOwned>(
    path: &Path,
    text: &str,
) -> Result<(T, Locations), Invalid> {
    let mut builder = Builder::new(text);
    let locations = match yaml_limits::pass(text, |event, mark| builder.event(event, mark)) {
        Pass::Over(problem) => return Err(over_limit(path, text, problem)),
        Pass::Within => builder.finish(),
        // As [`Locations::of`] would: text the event parser rejects has no locations.
        Pass::Unparsed => Locations::default(),
    };
    let value = serde_yaml::from_str(text).map_err(|e| invalid(path, text, &e))?;
    Ok((value, locations))
}

/// The limit a YAML file goes over, rendered as its one problem.
fn over_limit(path: &Path, text: &str, problem: Diagnostic) -> Invalid {
    let mut problems = Problems::new(path, text);
    problems.push(problem);
    problems
        .finish()
        .err()
        .unwrap_or_else(|| Invalid(String::new()))
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
