//! Problems found in an input file, located by line and column and rendered with a snippet.
//!
//! Every input kind (answers, rules, pricing, test cases, documents) is read by [`input`],
//! reports YAML errors through [`yaml`], and collects its problems in one [`Problems`].

use std::fmt::{self, Write as _};
use std::ops::Range;
use std::path::Path;

pub mod input;
pub mod locate;
pub mod yaml;

/// Input that is not valid (exit status 2); its text is the complete message.
#[derive(Debug)]
pub struct Invalid(pub String);

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Invalid {}

/// One problem in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What is wrong, starting with the key it concerns.
    pub message: String,
    /// Where, as a byte range of the file; `None` when the problem is an absence.
    pub span: Option<Range<usize>>,
    /// Follow-up lines: what is allowed, a suggestion.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// A problem at a place in the file.
    pub fn at(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            span: Some(span),
            notes: Vec::new(),
        }
    }

    /// A problem with no single place, such as a missing key.
    pub fn nowhere(message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            span: None,
            notes: Vec::new(),
        }
    }

    /// Adds a note line.
    #[must_use]
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Adds a "did you mean" note when a candidate is close to `found`.
    #[must_use]
    pub fn suggest<'a>(self, found: &str, candidates: impl IntoIterator<Item = &'a str>) -> Self {
        match Diagnostic::did_you_mean(found, candidates) {
            Some(question) => self.note(format!("help: {question}")),
            None => self,
        }
    }

    /// `did you mean "best"?` when a candidate is close to `found`: the one wording of every
    /// suggestion, in notes and in one-line messages alike.
    pub fn did_you_mean<'a>(
        found: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Option<String> {
        closest(found, candidates).map(|best| format!("did you mean \"{best}\"?"))
    }
}

/// The candidate closest to `found`, when it is close enough to be a likely typo.
pub fn closest<'a>(found: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let found_lower = found.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&found_lower, &c.to_lowercase()),
                c,
            )
        })
        .filter(|&(d, c)| {
            let len = c.chars().count();
            d <= (len / 3).max(1) && d < len
        })
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// All problems of one file, rendered together.
#[derive(Debug)]
pub struct Problems<'a> {
    path: &'a Path,
    source: &'a str,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Problems<'a> {
    /// Starts collecting problems for `path`, whose text is `source`.
    pub fn new(path: &'a Path, source: &'a str) -> Self {
        Problems {
            path,
            source,
            diagnostics: Vec::new(),
        }
    }

    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// The recorded problems, in file order (absences last).
    pub fn into_diagnostics(mut self) -> Vec<Diagnostic> {
        self.sort();
        self.diagnostics
    }

    fn sort(&mut self) {
        self.diagnostics.sort_by_key(|d| {
            d.span
                .as_ref()
                .map_or((1, usize::MAX), |span| (0, span.start))
        });
    }

    /// Ok when nothing was recorded, otherwise every problem as one [`Invalid`] error.
    pub fn finish(mut self) -> Result<(), Invalid> {
        if self.diagnostics.is_empty() {
            return Ok(());
        }
        self.sort();
        let mut out = String::new();
        let mut index = LineIndex::new(self.source);
        for d in &self.diagnostics {
            render_indexed(&mut out, self.path, self.source, &mut index, d);
        }
        let n = self.diagnostics.len();
        let _ = write!(
            out,
            "{}: {n} problem{}",
            self.path.display(),
            if n == 1 { "" } else { "s" }
        );
        Err(Invalid(out))
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(source).line_col(source, offset)
}

/// Where each line of a text starts, computed once so that locating many problems stays
/// linear in the size of the file.
#[derive(Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// The last offset located and its column, so that locating offsets in order along one
    /// long line does not count its characters again.
    last: (usize, usize),
}

impl LineIndex {
    /// Indexes the line starts of `source`.
    pub fn new(source: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            starts,
            last: (0, 1),
        }
    }

    /// 1-based line and column (in characters) of a byte offset of `source`.
    pub fn line_col(&mut self, source: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let (from, column) = if self.last.0 >= start && self.last.0 <= offset {
            self.last
        } else {
            (start, 1)
        };
        let column = column + source[from..offset].chars().count();
        self.last = (offset, column);
        (line, column)
    }

    /// The text of a 1-based line, without its line break.
    fn line<'s>(&self, source: &'s str, line: usize) -> &'s str {
        let start = self.starts[line - 1];
        let end = self.starts.get(line).map_or(source.len(), |&s| s - 1);
        source[start..end].trim_end_matches('\r')
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Renders one diagnostic in the `file:line:col: message` form with a snippet.
pub fn render(out: &mut String, path: &Path, source: &str, d: &Diagnostic) {
    render_indexed(out, path, source, &mut LineIndex::new(source), d);
}

fn render_indexed(
    out: &mut String,
    path: &Path,
    source: &str,
    index: &mut LineIndex,
    d: &Diagnostic,
) {
    let file = path.display();
    let Some(span) = &d.span else {
        let _ = writeln!(out, "{file}: {}", d.message);
        for note in &d.notes {
            let _ = writeln!(out, "  = {note}");
        }
        return;
    };
    let (line, column) = index.line_col(source, span.start);
    let _ = writeln!(out, "{file}:{line}:{column}: {}", d.message);
    let text = index.line(source, line);
    let gutter = line.to_string().len();
    let pad = " ".repeat(gutter);
    let start = floor_char_boundary(source, span.start.min(source.len()));
    let line_end = index.starts[line - 1] + text.len();
    let end = span.end.clamp(start, line_end.max(start));
    let width = source
        .get(start..end)
        .map_or(1, |s| s.chars().count().max(1));
    let _ = writeln!(out, "{pad} |");
    let _ = writeln!(out, "{line} | {text}");
    let _ = writeln!(
        out,
        "{pad} | {}{}",
        " ".repeat(column - 1),
        "^".repeat(width)
    );
    for note in &d.notes {
        let _ = writeln!(out, "{pad} = {note}");
    }
}

/// A file's display path, for messages about files that could not be parsed at all.
pub fn file_error(path: &Path, message: impl fmt::Display) -> Invalid {
    Invalid(format!("{}: {message}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based() {
        let src = "a\nbcd\né = 1";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 3), (2, 2));
        assert_eq!(line_col(src, src.find('=').unwrap()), (3, 3));
    }

    #[test]
    fn suggestions_only_when_close() {
        let levels = ["public", "internal", "secret"];
        assert_eq!(closest("publc", levels), Some("public"));
        assert_eq!(closest("Secret", levels), Some("secret"));
        assert_eq!(closest("banana", levels), None);
    }

    #[test]
    fn renders_snippet_with_caret_under_the_value() {
        let src = "[data]\nsensitivity = \"publc\"\n";
        let start = src.find('"').unwrap();
        let d = Diagnostic::at(
            start..start + 7,
            "[data] sensitivity: unknown level \"publc\"",
        )
        .note("allowed: one of \"public\"");
        let mut out = String::new();
        render(&mut out, Path::new("a.toml"), src, &d);
        assert_eq!(
            out,
            "a.toml:2:15: [data] sensitivity: unknown level \"publc\"\n  |\n2 | sensitivity = \"publc\"\n  |               ^^^^^^^\n  = allowed: one of \"public\"\n"
        );
    }
}
