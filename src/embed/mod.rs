//! Keeping a region of a Markdown document current: find its markers and replace what is
//! between them. This is text in, text out; the command writes the document through
//! `render::safe_write`, splicing the region into the text it reads under the file's lock.
//!
//! A region is the lines between `<!-- llm-strategy:begin NAME OPTIONS -->` and
//! `<!-- llm-strategy:end NAME -->`. The begin marker records the options that shaped the
//! region (see [`Options`]), so checking it and embedding it again render it the same way.
//! Markers inside fenced code blocks, and marker lines indented by four columns or more (an
//! indented code block, or a paragraph's text), are text, not markers, so a document can show
//! them as an example. A byte order mark before the first line is skipped. Every byte outside
//! the region is kept.

mod marker;
mod options;
mod scan;
mod target;

pub use options::{Format, Options};
pub use target::Target;

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
