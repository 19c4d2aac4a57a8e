//! Keeping a region of a Markdown document current: find its markers, replace what is between
//! them, and write the document atomically.
//!
//! A region is the lines between `<!-- llm-strategy:begin NAME OPTIONS -->` and
//! `<!-- llm-strategy:end NAME -->`. The begin marker records the options that shaped the
//! region (see [`Options`]), so checking it and embedding it again render it the same way.
//! Markers inside fenced code blocks are text, not markers, so a document can show them as
//! an example. Every byte outside the region is kept.

mod options;
mod scan;
mod target;

use std::io::Write as _;
use std::path::Path;

pub use options::{Format, Options};
pub use target::Target;

/// What embedding did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The region (or its begin marker) was rewritten.
    Updated,
    /// The region already held this content; the file was not touched.
    Unchanged,
}

/// The region is stale and `--check` was given (exit status 1).
#[derive(Debug)]
pub struct Stale {
    /// What is out of date, and why when it is more than the content.
    pub message: String,
    /// The document as it is.
    pub embedded: String,
    /// The document as embedding would write it.
    pub current: String,
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Stale {}

/// Whether `name` can be a region name: letters, digits, `.`, `_` and `-`.
pub fn is_region_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// The begin and end marker lines of a region, without options.
pub fn markers(name: &str) -> (String, String) {
    (
        format!("<!-- llm-strategy:begin {name} -->"),
        format!("<!-- llm-strategy:end {name} -->"),
    )
}

/// The begin marker line of a region that records `options`.
pub fn begin_marker(name: &str, options: &Options) -> String {
    let options = options.to_string();
    if options.is_empty() {
        markers(name).0
    } else {
        format!("<!-- llm-strategy:begin {name} {options} -->")
    }
}

/// Writes to a temporary file beside `path`, then renames it over `path`. A symbolic link is
/// followed, so the document it points to is updated and the link stays a link.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let path = &std::fs::canonicalize(path)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let permissions = std::fs::metadata(path)?.permissions();
    let mut file = tempfile::Builder::new()
        .prefix(".llm-strategy-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().set_permissions(permissions)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}
