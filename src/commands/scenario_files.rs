//! The answers files a command that takes several scenarios was given: files as they are,
//! directories expanded to their `*.toml` files in name order, each file at most once; and
//! loading them all, every bad file reported at once.

use std::path::{Path, PathBuf};

use crate::answers::{self, Answers};
use crate::diagnostic::{Invalid, input};

/// Expands `inputs`: a directory gives its `*.toml` files in name order, anything else is
/// taken as a file. The same file twice, however it is named, is an error, and so is `-`
/// (standard input) twice. `empty` lists the directories that held no `*.toml` file.
pub(super) fn expand(inputs: &[PathBuf]) -> anyhow::Result<Expanded> {
    let from_stdin = inputs.iter().filter(|i| input::is_stdin(i)).count();
    if from_stdin > 1 {
        return Err(Invalid(format!(
            "`-` is given {from_stdin} times, but standard input can be read only once; at \
             most one scenario may come from it"
        ))
        .into());
    }
    let mut files = Vec::new();
    let mut empty = Vec::new();
    for input in inputs {
        if !input::is_stdin(input) && input.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(input)
                .map_err(|e| anyhow::anyhow!("cannot read directory {}: {e}", input.display()))?
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|p| !p.is_dir() && p.extension().is_some_and(|e| e == "toml"))
                .collect();
            found.sort();
            if found.is_empty() {
                empty.push(input.clone());
            }
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    let ids: Vec<PathBuf> = files.iter().map(|f| identity(f)).collect();
    let mut twice = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        if let Some(j) = ids[..i].iter().position(|other| other == id) {
            twice.push(format!(
                "{}: the same file as {}; each scenario may be given once",
                files[i].display(),
                files[j].display()
            ));
        }
    }
    if !twice.is_empty() {
        return Err(Invalid(twice.join("\n")).into());
    }
    Ok(Expanded { files, empty })
}

/// What [`expand`] found.
#[derive(Debug)]
pub(super) struct Expanded {
    /// The answers files, in order.
    pub(super) files: Vec<PathBuf>,
    /// The directories given that held no `*.toml` file.
    pub(super) empty: Vec<PathBuf>,
}

/// What identifies a file: its canonical path. A file that cannot be resolved keeps its own
/// name (reading it reports why later); `-` is standard input, even beside a file of that
/// name.
pub(super) fn identity(p: &Path) -> PathBuf {
    if input::is_stdin(p) {
        return p.to_path_buf();
    }
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Loads every answers file; all the files with problems are reported at once, as one
/// [`Invalid`]. A file that cannot be read is an I/O error.
pub(super) fn load_all(files: &[PathBuf]) -> anyhow::Result<Vec<Answers>> {
    let mut scenarios = Vec::with_capacity(files.len());
    let mut invalid = Vec::new();
    for file in files {
        match answers::load(file) {
            Ok(a) => scenarios.push(a),
            Err(e) if e.downcast_ref::<Invalid>().is_some() => invalid.push(e.to_string()),
            Err(e) => return Err(e),
        }
    }
    if !invalid.is_empty() {
        return Err(Invalid(invalid.join("\n")).into());
    }
    Ok(scenarios)
}

/// The names the files are shown by in reports.
pub(super) fn shown(files: &[PathBuf]) -> Vec<String> {
    files
        .iter()
        .map(|f| input::shown(f).display().to_string())
        .collect()
}
