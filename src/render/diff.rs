//! The unified diff that `--embed --check` prints for a stale region: what embedding would
//! change in the document, with the document's own line numbers.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use similar::TextDiff;

/// A unified diff from `old` to `new`, two versions of one document, under the headers
/// `old_name` and `new_name`; removed lines red and added ones green when `color`. Line
/// endings are shown as `\n` whatever the document uses, so a CRLF file diffs cleanly.
pub fn unified(old: &str, new: &str, old_name: &str, new_name: &str, color: bool) -> String {
    let (old, new) = (old.replace("\r\n", "\n"), new.replace("\r\n", "\n"));
    let diff = TextDiff::from_lines(&old, &new);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(old_name, new_name)
        .to_string();
    if !color {
        return text;
    }
    let mut out = String::with_capacity(text.len() * 2);
    for line in text.split_inclusive('\n') {
        let style = if line.starts_with("---") || line.starts_with("+++") {
            Style::new().bold()
        } else if line.starts_with("@@") {
            AnsiColor::Cyan.on_default()
        } else if line.starts_with('-') {
            AnsiColor::Red.on_default()
        } else if line.starts_with('+') {
            AnsiColor::Green.on_default()
        } else {
            out.push_str(line);
            continue;
        };
        let (body, newline) = line
            .strip_suffix('\n')
            .map_or((line, ""), |body| (body, "\n"));
        let _ = write!(out, "{style}{body}{style:#}{newline}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = "a\nb\nc\nd\ne\nf\ng\nh\n";
    const NEW: &str = "a\nb\nc\nd\nE\nf\ng\nh\n";

    #[test]
    fn shows_the_changed_lines_with_their_line_numbers_and_context() {
        assert_eq!(
            unified(OLD, NEW, "plan.md (embedded)", "plan.md (current)", false),
            "--- plan.md (embedded)\n+++ plan.md (current)\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n"
        );
    }

    #[test]
    fn crlf_documents_diff_like_lf_ones() {
        let crlf = |s: &str| s.replace('\n', "\r\n");
        assert_eq!(
            unified(&crlf(OLD), &crlf(NEW), "a", "b", false),
            unified(OLD, NEW, "a", "b", false)
        );
    }

    #[test]
    fn colors_only_the_changed_and_header_lines() {
        let out = unified(OLD, NEW, "a", "b", true);
        assert!(out.contains("\u{1b}[31m-e\u{1b}[0m\n"), "{out:?}");
        assert!(out.contains("\u{1b}[32m+E\u{1b}[0m\n"), "{out:?}");
        assert!(out.contains("\n b\n"), "{out:?}");
    }
}
