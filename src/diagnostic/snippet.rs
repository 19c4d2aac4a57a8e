//! One problem as text: `file:line:col: message`, the line it is on with a caret under the
//! place, and its notes. A line too long to read whole is shown as a window around the place.

use std::fmt::Write as _;
use std::path::Path;

use super::Diagnostic;
use super::lines::{LineIndex, count, floor_char_boundary};

/// Lines up to this many bytes are shown whole.
const WHOLE: usize = 400;
/// How many characters a window shows before the place, and from it on.
const BEFORE: usize = 60;
const AFTER: usize = 100;
/// Messages and notes up to this many characters are shown whole; a longer one (it quotes
/// some huge value from the input) is cut to its first [`KEPT`] characters.
const LONGEST: usize = 400;
const KEPT: usize = 300;

/// Renders one diagnostic in the `file:line:col: message` form with a snippet.
///
/// Indexes the whole text: to render many problems of one text, use [`super::Problems`].
pub fn render(out: &mut String, path: &Path, source: &str, d: &Diagnostic) {
    render_indexed(out, path, source, &mut LineIndex::new(source), d);
}

/// Renders one diagnostic, locating it with the text's line index.
pub(super) fn render_indexed(
    out: &mut String,
    path: &Path,
    source: &str,
    index: &mut LineIndex,
    d: &Diagnostic,
) {
    let before = out.len();
    let file = path.display();
    let Some(span) = &d.span else {
        let _ = writeln!(out, "{file}: {}", bounded(&d.message));
        for note in &d.notes {
            let _ = writeln!(out, "  = {}", bounded(note));
        }
        count(out.len() - before);
        return;
    };
    let (line, column) = index.line_col(source, span.start);
    let _ = writeln!(out, "{file}:{line}:{column}: {}", bounded(&d.message));
    let range = index.line_range(source, line);
    let start =
        floor_char_boundary(source, span.start.min(source.len())).clamp(range.start, range.end);
    let (text, from, to, lead) = if range.len() <= WHOLE {
        (source[range.clone()].to_owned(), range.start, range.end, 0)
    } else {
        window(source, range.clone(), start)
    };
    let end = span.end.clamp(start, to.max(start));
    let width = source
        .get(start..end)
        .map_or(1, |s| s.chars().count().max(1));
    let caret_at = lead + source[from..start].chars().count();
    let gutter = line.to_string().len();
    let pad = " ".repeat(gutter);
    let _ = writeln!(out, "{pad} |");
    let _ = writeln!(out, "{line} | {}", visible(&text));
    let _ = writeln!(out, "{pad} | {}{}", " ".repeat(caret_at), "^".repeat(width));
    for note in &d.notes {
        let _ = writeln!(out, "{pad} = {}", bounded(note));
    }
    count(out.len() - before);
}

/// `text`, or its first [`KEPT`] characters and how long it was when it is over [`LONGEST`].
fn bounded(text: &str) -> std::borrow::Cow<'_, str> {
    if text.char_indices().nth(LONGEST).is_none() {
        return text.into();
    }
    let cut = text.char_indices().nth(KEPT).map_or(text.len(), |(i, _)| i);
    let all = text.chars().count();
    format!("{}... ({all} characters in all)", &text[..cut]).into()
}

/// A line of the input as it is shown: each control character (a NUL, an escape) as its
/// visible symbol (`␀`, `␛`), a tab as a space, so the terminal shows what is there and the
/// caret stays under the place.
fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return text.into();
    }
    text.chars()
        .map(|c| match c {
            '\t' => ' ',
            '\u{7f}' => '\u{2421}',
            c if u32::from(c) < 0x20 => char::from_u32(0x2400 + u32::from(c)).unwrap_or('?'),
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// A window of a long line around `at`: its text with `...` where it is cut, the byte range
/// shown, and how many characters the leading `...` takes.
fn window(source: &str, line: std::ops::Range<usize>, at: usize) -> (String, usize, usize, usize) {
    let from = source[line.start..at]
        .char_indices()
        .rev()
        .nth(BEFORE - 1)
        .map_or(line.start, |(i, _)| line.start + i);
    let to = source[at..line.end]
        .char_indices()
        .nth(AFTER)
        .map_or(line.end, |(i, _)| at + i);
    let lead = if from > line.start { "..." } else { "" };
    let tail = if to < line.end { "..." } else { "" };
    (
        format!("{lead}{}{tail}", &source[from..to]),
        from,
        to,
        lead.len(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_place() {
        let src = format!("x: {}!{}\n", "[".repeat(5000), "]".repeat(5000));
        let at = src.find('!').unwrap();
        let mut out = String::new();
        render(
            &mut out,
            Path::new("r.yaml"),
            &src,
            &Diagnostic::at(at..at + 1, "here"),
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "r.yaml:1:5004: here");
        assert_eq!(
            lines[2],
            format!("1 | ...{}!{}...", "[".repeat(60), "]".repeat(99))
        );
        assert_eq!(lines[3], format!("  | {}^", " ".repeat(63)));
    }

    #[test]
    fn a_huge_quoted_value_is_cut_in_the_message_and_the_notes() {
        let src = format!("name = \"{}\"\n", "x".repeat(900_000));
        let d = Diagnostic::at(7..8, format!("found \"{}\"", "x".repeat(900_000)))
            .note("y".repeat(500));
        let mut out = String::new();
        render(&mut out, Path::new("a.toml"), &src, &d);
        assert!(out.len() < 1500, "{} bytes", out.len());
        let first = out.lines().next().unwrap();
        assert!(first.ends_with("... (900008 characters in all)"), "{first}");
        assert!(out.contains("(500 characters in all)"), "{out}");
    }

    #[test]
    fn control_characters_are_shown_as_symbols_and_the_caret_stays_put() {
        let src = "[data]\0\x1b\tx\n";
        let mut out = String::new();
        render(
            &mut out,
            Path::new("a.toml"),
            src,
            &Diagnostic::at(9..10, "here"),
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[2], "1 | [data]\u{2400}\u{241b} x");
        assert_eq!(lines[3], "  |          ^");
    }
}
