//! Keeping a region of a Markdown document current: find its markers, replace what is between
//! them, and write the document atomically.
//!
//! A region is the lines between `<!-- llm-strategy:begin NAME -->` and
//! `<!-- llm-strategy:end NAME -->`. Markers inside fenced code blocks are text, not markers,
//! so a document can show them as an example. Every byte outside the region is kept.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Invalid, input};

/// What embedding did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The region was rewritten.
    Updated,
    /// The region already held this content; the file was not touched.
    Unchanged,
}

/// The region is stale and `--check` was given (exit status 1).
#[derive(Debug)]
pub struct Stale(pub String);

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
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

/// The begin and end marker lines of a region.
pub fn markers(name: &str) -> (String, String) {
    (
        format!("<!-- llm-strategy:begin {name} -->"),
        format!("<!-- llm-strategy:end {name} -->"),
    )
}

#[derive(Debug, PartialEq)]
enum Marker<'a> {
    Begin(&'a str),
    End(&'a str),
}

fn marker(line: &str) -> Option<Marker<'_>> {
    let inner = line
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    let rest = inner.strip_prefix("llm-strategy:")?;
    if let Some(name) = rest.strip_prefix("begin") {
        return Some(Marker::Begin(name.trim()));
    }
    rest.strip_prefix("end")
        .map(|name| Marker::End(name.trim()))
}

/// A fence opener or closer: its character and length.
/// A fence line: its character, its length, and whether an info string follows (a line
/// with one can open a fence but never close it).
fn fence(line: &str) -> Option<(char, usize, bool)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let c = rest.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = rest.chars().take_while(|x| *x == c).count();
    let info = !rest[len..].trim().is_empty();
    (len >= 3).then_some((c, len, info))
}

/// A region found in a document: byte offsets of its body (between the marker lines).
struct Region<'a> {
    name: &'a str,
    body: std::ops::Range<usize>,
}

/// Finds every region, checking that markers are balanced and names unique.
fn regions(doc: &str) -> Result<Vec<Region<'_>>, String> {
    let mut found: Vec<Region<'_>> = Vec::new();
    let mut open: Option<(&str, usize, usize)> = None; // name, line number, body start
    let mut in_fence: Option<(char, usize)> = None;
    let mut offset = 0;
    for (index, line) in doc.split_inclusive('\n').enumerate() {
        let number = index + 1;
        let start = offset;
        offset += line.len();
        let text = line.trim_end_matches(['\n', '\r']);
        if let Some((c, len, info)) = fence(text) {
            match in_fence {
                None => in_fence = Some((c, len)),
                Some((open_c, open_len)) if c == open_c && len >= open_len && !info => {
                    in_fence = None;
                }
                Some(_) => {}
            }
            continue;
        }
        if in_fence.is_some() {
            continue;
        }
        match (marker(text), open) {
            (None, _) => {}
            (Some(Marker::Begin(name)), None) => {
                if found.iter().any(|r| r.name == name) {
                    return Err(format!(
                        "line {number}: a second region named \"{name}\" begins here"
                    ));
                }
                open = Some((name, number, offset));
            }
            (Some(Marker::Begin(name)), Some((outer, line_no, _))) => {
                return Err(format!(
                    "line {number}: region \"{name}\" begins inside region \"{outer}\" (begun on line {line_no}); regions cannot nest"
                ));
            }
            (Some(Marker::End(name)), Some((open_name, line_no, body_start))) => {
                if name != open_name {
                    return Err(format!(
                        "line {number}: end marker of \"{name}\" while region \"{open_name}\" (begun on line {line_no}) is open"
                    ));
                }
                found.push(Region {
                    name,
                    body: body_start..start,
                });
                open = None;
            }
            (Some(Marker::End(name)), None) => {
                return Err(format!(
                    "line {number}: end marker of \"{name}\" without a begin marker"
                ));
            }
        }
    }
    if let Some((name, line_no, _)) = open {
        return Err(format!(
            "line {line_no}: region \"{name}\" has no end marker"
        ));
    }
    Ok(found)
}

/// The document with region `name`'s body replaced by `content`.
pub fn splice(doc: &str, name: &str, content: &str) -> Result<String, String> {
    let all = regions(doc)?;
    let Some(region) = all.iter().find(|r| r.name == name) else {
        let (begin, end) = markers(name);
        let mut message =
            format!("no region \"{name}\"; add the lines `{begin}` and `{end}` where it should go");
        let names: Vec<&str> = all.iter().map(|r| r.name).collect();
        if let Some(question) = Diagnostic::did_you_mean(name, names.iter().copied()) {
            let _ = write!(message, "; {question}");
        } else if !names.is_empty() {
            let _ = write!(message, "; the document has: {}", names.join(", "));
        }
        return Err(message);
    };
    // The region takes the line ending of its begin marker, so a document that mixes endings
    // keeps each part as it was.
    let newline = if doc[..region.body.start].ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut body = String::from(newline);
    for line in content.trim_end().lines() {
        body.push_str(line);
        body.push_str(newline);
    }
    body.push_str(newline);
    let mut out = String::with_capacity(doc.len() + body.len());
    out.push_str(&doc[..region.body.start]);
    // A begin marker on the last line without a newline cannot happen: the end marker follows.
    out.push_str(&body);
    out.push_str(&doc[region.body.end..]);
    Ok(out)
}

/// Replaces region `name` of the document at `path` with `content`; with `check`, only
/// reports whether it would change (as a [`Stale`] error). The file is replaced atomically
/// and keeps its permissions; nothing is written when the region is already current.
pub fn embed(path: &Path, name: &str, content: &str, check: bool) -> anyhow::Result<Outcome> {
    let doc = input::read(path, input::Kind::Document)?;
    let updated =
        splice(&doc, name, content).map_err(|m| Invalid(format!("{}: {m}", path.display())))?;
    if updated == doc {
        return Ok(Outcome::Unchanged);
    }
    if check {
        return Err(Stale(format!(
            "{}: region \"{name}\" is out of date; run the same command without --check to update it",
            path.display()
        ))
        .into());
    }
    write_atomically(path, updated.as_bytes())
        .map_err(|e| anyhow::anyhow!("cannot write document {}: {e}", path.display()))?;
    Ok(Outcome::Updated)
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

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "# Plan\n\nintro\n<!-- llm-strategy:begin bank -->\nold\n<!-- llm-strategy:end bank -->\ntail\n";

    #[test]
    fn replaces_only_the_region_and_is_idempotent() {
        let once = splice(DOC, "bank", "## New\n\ntext\n").unwrap();
        assert_eq!(
            once,
            "# Plan\n\nintro\n<!-- llm-strategy:begin bank -->\n\n## New\n\ntext\n\n<!-- llm-strategy:end bank -->\ntail\n"
        );
        assert_eq!(splice(&once, "bank", "## New\n\ntext\n").unwrap(), once);
    }

    #[test]
    fn markers_in_code_fences_are_text() {
        let doc = "```md\n<!-- llm-strategy:begin bank -->\n```\n<!-- llm-strategy:begin bank -->\nx\n<!-- llm-strategy:end bank -->\n";
        let out = splice(doc, "bank", "y").unwrap();
        assert!(out.starts_with("```md\n<!-- llm-strategy:begin bank -->\n```\n"));
        assert!(out.contains("\ny\n"));
    }

    #[test]
    fn unbalanced_markers_are_errors() {
        let cases = [
            ("<!-- llm-strategy:begin a -->\n", "no end marker"),
            ("<!-- llm-strategy:end a -->\n", "without a begin marker"),
            (
                "<!-- llm-strategy:begin a -->\n<!-- llm-strategy:begin b -->\n",
                "cannot nest",
            ),
            (
                "<!-- llm-strategy:begin a -->\n<!-- llm-strategy:end b -->\n",
                "while region \"a\"",
            ),
            (
                "<!-- llm-strategy:begin a -->\n<!-- llm-strategy:end a -->\n<!-- llm-strategy:begin a -->\n<!-- llm-strategy:end a -->\n",
                "second region",
            ),
        ];
        for (doc, expected) in cases {
            let err = splice(doc, "a", "x").unwrap_err();
            assert!(err.contains(expected), "{doc:?}: {err}");
        }
    }

    #[test]
    fn missing_region_suggests_a_close_name() {
        let err = splice(DOC, "banc", "x").unwrap_err();
        assert!(err.contains("did you mean \"bank\""), "{err}");
    }

    #[test]
    fn a_region_takes_its_begin_markers_line_ending() {
        let doc = "a\r\nb\r\n<!-- llm-strategy:begin r -->\n<!-- llm-strategy:end r -->\nc\r\n";
        assert_eq!(
            splice(doc, "r", "one\n").unwrap(),
            "a\r\nb\r\n<!-- llm-strategy:begin r -->\n\none\n\n<!-- llm-strategy:end r -->\nc\r\n"
        );
    }

    #[test]
    fn keeps_crlf_line_endings() {
        let doc = "a\r\n<!-- llm-strategy:begin r -->\r\n<!-- llm-strategy:end r -->\r\nb\r\n";
        let out = splice(doc, "r", "one\ntwo\n").unwrap();
        assert_eq!(
            out,
            "a\r\n<!-- llm-strategy:begin r -->\r\n\r\none\r\ntwo\r\n\r\n<!-- llm-strategy:end r -->\r\nb\r\n"
        );
    }
}
