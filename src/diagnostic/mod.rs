//! Problems found in an input file, located by line and column and rendered with a snippet.
//!
//! Every input kind (answers, rules, pricing, test cases, documents) is read by [`input`],
//! parses YAML through [`yaml`], and collects its problems in one [`Problems`] per file, which
//! shows the first [`SHOWN`] and counts the rest; [`lines`] locates them in linear time.

use std::fmt::{self, Write as _};
use std::ops::Range;
use std::path::Path;

use crate::number::format_number;

pub mod input;
pub mod lines;
pub mod locate;
mod snippet;
pub mod yaml;
pub mod yaml_limits;

pub use lines::{LineIndex, line_col};
pub use snippet::render;

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

/// How many problems of one file are shown: the earliest in the file. The rest are counted
/// in one line, so a file with thousands of problems still gets a short answer.
pub const SHOWN: usize = 50;

/// All problems of one file, rendered together: the first [`SHOWN`] in file order, and how
/// many more there are.
#[derive(Debug)]
pub struct Problems<'a> {
    path: &'a Path,
    source: &'a str,
    /// How many problems are kept: [`SHOWN`], or none when only counting.
    shown: usize,
    /// At most `shown` problems, each with the order it was recorded in.
    kept: Vec<(usize, Diagnostic)>,
    /// How many problems were recorded, kept or not.
    found: usize,
}

/// Where a problem sorts: by its place in the file, absences last, then as recorded.
fn order(seq: usize, d: &Diagnostic) -> (bool, usize, usize) {
    match &d.span {
        Some(span) => (false, span.start, seq),
        None => (true, usize::MAX, seq),
    }
}

impl<'a> Problems<'a> {
    /// Starts collecting problems for `path`, whose text is `source`.
    pub fn new(path: &'a Path, source: &'a str) -> Self {
        Problems {
            path,
            source,
            shown: SHOWN,
            kept: Vec::new(),
            found: 0,
        }
    }

    /// Counts problems for `path` without keeping or building any, for a caller that only
    /// needs to know whether there are some: [`Problems::push_with`] then builds nothing.
    pub fn counting(path: &'a Path, source: &'a str) -> Self {
        Problems {
            shown: 0,
            ..Problems::new(path, source)
        }
    }

    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        let start = diagnostic.span.as_ref().map(|s| s.start);
        self.push_with(start, || diagnostic);
    }

    /// Records a problem at byte `start` (`None` for an absence), building it only when it is
    /// among the first [`SHOWN`] in the file, so that suggestions are not computed for
    /// problems that are only counted.
    pub fn push_with(&mut self, start: Option<usize>, make: impl FnOnce() -> Diagnostic) {
        let seq = self.found;
        self.found += 1;
        let key = (start.is_none(), start.unwrap_or(usize::MAX), seq);
        if self.kept.len() < self.shown {
            self.kept.push((seq, make()));
            return;
        }
        let latest = self
            .kept
            .iter()
            .enumerate()
            .max_by_key(|(_, (seq, d))| order(*seq, d))
            .map(|(i, (seq, d))| (i, order(*seq, d)));
        if let Some((i, last)) = latest {
            if key < last {
                self.kept[i] = (seq, make());
            }
        }
    }

    /// Counts `n` more problems, found but not kept (see [`SHOWN`]).
    pub fn also_found(&mut self, n: usize) {
        self.found += n;
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.found == 0
    }

    /// The problems shown, in file order (absences last).
    pub fn into_diagnostics(mut self) -> Vec<Diagnostic> {
        self.sort();
        self.kept.into_iter().map(|(_, d)| d).collect()
    }

    fn sort(&mut self) {
        self.kept.sort_by_key(|(seq, d)| order(*seq, d));
    }

    /// Ok when nothing was recorded, otherwise every problem shown as one [`Invalid`] error,
    /// with a line counting those not shown.
    pub fn finish(mut self) -> Result<(), Invalid> {
        if self.found == 0 {
            return Ok(());
        }
        self.sort();
        let mut out = String::new();
        let mut index = LineIndex::new(self.source);
        for (_, d) in &self.kept {
            snippet::render_indexed(&mut out, self.path, self.source, &mut index, d);
        }
        let file = self.path.display();
        let more = self.found - self.kept.len();
        if more > 0 {
            let _ = writeln!(
                out,
                "{file}: ... and {} more problem{} (only the first {SHOWN} are shown)",
                format_number(more as f64),
                if more == 1 { "" } else { "s" }
            );
        }
        let n = self.found;
        let _ = write!(
            out,
            "{file}: {} problem{}",
            format_number(n as f64),
            if n == 1 { "" } else { "s" }
        );
        Err(Invalid(out))
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
    fn suggestions_only_when_close() {
        let levels = ["public", "internal", "secret"];
        assert_eq!(closest("publc", levels), Some("public"));
        assert_eq!(closest("Secret", levels), Some("secret"));
        assert_eq!(closest("banana", levels), None);
    }

    #[test]
    fn only_the_first_problems_in_the_file_are_shown() {
        let source = "x\n".repeat(SHOWN + 20);
        let mut problems = Problems::new(Path::new("a.toml"), &source);
        // Recorded last to first: the kept ones are still the earliest in the file.
        for line in (0..SHOWN + 20).rev() {
            problems.push(Diagnostic::at(2 * line..2 * line + 1, format!("p{line}")));
        }
        let built = std::cell::Cell::new(0);
        problems.push_with(Some(source.len() - 2), || {
            built.set(built.get() + 1);
            Diagnostic::at(0..1, "late")
        });
        assert_eq!(built.get(), 0, "a problem that is not shown is not built");
        let text = problems.finish().unwrap_err().0;
        assert!(text.starts_with("a.toml:1:1: p0\n"), "{text}");
        assert!(text.contains("a.toml:50:1: p49\n"), "{text}");
        assert!(!text.contains("p50"), "{text}");
        assert!(
            text.ends_with(
                "a.toml: ... and 21 more problems (only the first 50 are shown)\na.toml: 71 problems"
            ),
            "{text}"
        );
    }

    #[test]
    fn counting_builds_no_problem() {
        let mut problems = Problems::counting(Path::new("a.toml"), "x\n");
        problems.push_with(Some(0), || unreachable!("a counted problem is not built"));
        problems.push_with(None, || unreachable!("a counted problem is not built"));
        assert!(!problems.is_empty());
        assert!(problems.finish().is_err());
    }
}
