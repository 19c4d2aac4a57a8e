//! A document read for embedding and the region in it to write: the region rewritten under a
//! begin marker that records its options, checked against what it holds, and spliced into the
//! document as it is when it is written.

use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::options::{self, Options};
use super::{Stale, begin_marker, markers, scan};
use crate::diagnostic::{Diagnostic, Invalid, Problems, file_error, input};

/// A document read for embedding, and the region in it to write.
#[derive(Debug)]
pub struct Target {
    path: PathBuf,
    doc: String,
    name: String,
    /// The begin marker's line, without its line ending.
    begin: Range<usize>,
    /// The lines between the marker lines.
    body: Range<usize>,
    recorded: Options,
    /// Whether its marker may record `explain`.
    takes_explain: bool,
}

impl Target {
    /// Reads the document at `path` and finds region `name` in it; see [`Target::parse`].
    pub fn open(path: &Path, name: &str, takes_explain: bool) -> anyhow::Result<Self> {
        let doc = input::read(path, input::Kind::Document)?;
        Ok(Target::parse(path, doc, name, takes_explain)?)
    }

    /// Finds region `name` in `doc` (the text of `path`) and reads the options its begin
    /// marker records. Unbalanced markers, a missing region and a marker option that is
    /// unknown or malformed (`explain` too, unless `takes_explain`) are errors.
    pub fn parse(
        path: &Path,
        doc: String,
        name: &str,
        takes_explain: bool,
    ) -> Result<Self, Invalid> {
        let all = scan::regions(&doc).map_err(|p| match p.column {
            Some(column) => Invalid(format!(
                "{}:{}:{column}: {}",
                path.display(),
                p.line,
                p.message
            )),
            None => file_error(path, format!("line {}: {}", p.line, p.message)),
        })?;
        let Some(region) = all.iter().find(|r| r.name == name) else {
            return Err(file_error(path, missing(name, &all)));
        };
        let (begin, options, body) = (
            region.begin.clone(),
            region.options.clone(),
            region.body.clone(),
        );
        let mut problems = Problems::new(path, &doc);
        let recorded = options::parse(&doc, options, name, takes_explain, &mut problems);
        problems.finish()?;
        Ok(Target {
            path: path.to_owned(),
            name: name.to_owned(),
            doc,
            begin,
            body,
            recorded,
            takes_explain,
        })
    }

    /// The document's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The region's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The lines between the region's markers, as the document holds them.
    pub fn body(&self) -> &str {
        &self.doc[self.body.clone()]
    }

    /// The options the region's begin marker records.
    pub fn recorded(&self) -> &Options {
        &self.recorded
    }

    /// The document with the region holding `content` under a begin marker that records
    /// `options`. A marker that already records exactly them is kept as it is.
    pub fn updated(&self, options: &Options, content: &str) -> String {
        let doc = &self.doc;
        let line = &doc[self.begin.clone()];
        let begin = if *options == self.recorded {
            line.to_owned()
        } else {
            let indent = &line[..line.len() - line.trim_start().len()];
            format!("{indent}{}", begin_marker(&self.name, options))
        };
        let body = self.body_of(content);
        let mut out = String::with_capacity(doc.len() + body.len());
        out.push_str(&doc[..self.begin.start]);
        out.push_str(&begin);
        // The begin marker's line ending; the end marker follows, so there always is one.
        out.push_str(&doc[self.begin.end..self.body.start]);
        out.push_str(&body);
        out.push_str(&doc[self.body.end..]);
        out
    }

    /// The region's body holding `content`: a blank line around it, and the line ending of
    /// the begin marker, so a document that mixes endings keeps each part as it was.
    fn body_of(&self, content: &str) -> String {
        let newline = if self.doc[..self.body.start].ends_with("\r\n") {
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
        body
    }

    /// Ok when the region holds `content` and its marker records the rules and pricing of
    /// `options` (or none: a marker from before markers recorded them); otherwise why not,
    /// with the document as it is and as it would be written.
    pub fn check(&self, options: &Options, content: &str) -> Result<(), Stale> {
        let mut reasons = Vec::new();
        for (what, then, now) in [
            ("rules", self.recorded.rules, options.rules),
            ("pricing", self.recorded.pricing, options.pricing),
        ] {
            if let (Some(then), Some(now)) = (then, now) {
                if then != now {
                    reasons.push(format!(
                        "it was embedded with other {what} ({what}={then} in its marker, {now} now)"
                    ));
                }
            }
        }
        if reasons.is_empty() && self.body_of(content) == self.doc[self.body.clone()] {
            return Ok(());
        }
        let mut message = format!(
            "{}: region \"{}\" is out of date",
            self.path.display(),
            self.name
        );
        if !reasons.is_empty() {
            let _ = write!(message, ": {}", reasons.join(", and "));
        }
        message.push_str("; run the same command without --check to update it");
        Err(Stale {
            message,
            embedded: self.doc.clone(),
            current: self.updated(options, content),
        })
    }

    /// The document `current` (this document as it is now, read again under the lock that
    /// writing takes) with the region holding `content` under a begin marker recording
    /// `options`; `None` when it already does. The region is found again in `current`, so what
    /// others wrote meanwhile, to this region's markers or elsewhere, is kept.
    pub fn splice(
        &self,
        current: String,
        options: &Options,
        content: &str,
    ) -> Result<Option<String>, Invalid> {
        let now = Target::parse(&self.path, current, &self.name, self.takes_explain)?;
        let updated = now.updated(options, content);
        Ok((updated != now.doc).then_some(updated))
    }
}

/// Why region `name` is not among `found`, with the lines to add and a close name.
fn missing(name: &str, found: &[scan::Region<'_>]) -> String {
    let (begin, end) = markers(name);
    let mut message =
        format!("no region \"{name}\"; add the lines `{begin}` and `{end}` where it should go");
    let names: Vec<&str> = found.iter().map(|r| r.name).collect();
    if let Some(question) = Diagnostic::did_you_mean(name, names.iter().copied()) {
        let _ = write!(message, "; {question}");
    } else if !names.is_empty() {
        let _ = write!(message, "; the document has: {}", names.join(", "));
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embed::Format;

    /// Region `name` of `doc` holding `content`, its begin marker kept as it is.
    fn splice(doc: &str, name: &str, content: &str) -> Result<String, String> {
        let target =
            Target::parse(Path::new("plan.md"), doc.to_owned(), name, true).map_err(|e| e.0)?;
        Ok(target.updated(&target.recorded().clone(), content))
    }

    fn target(doc: &str) -> Target {
        Target::parse(Path::new("plan.md"), doc.to_owned(), "bank", true)
            .unwrap_or_else(|e| panic!("{e}"))
    }

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

    const RECORDED: &str = "<!-- llm-strategy:begin bank format=markdown heading-level=3 explain rules=1a2b3c4d5e6f pricing=9f8e7d6c5b4a -->";

    fn options(heading_level: u8, rules: &str) -> Options {
        Options {
            format: Some(Format::Markdown),
            heading_level: Some(heading_level),
            explain: true,
            rules: crate::rules::Digest::parse(rules),
            pricing: crate::rules::Digest::parse("9f8e7d6c5b4a"),
        }
    }

    #[test]
    fn a_begin_marker_records_its_options() {
        let doc = format!("x\n{RECORDED}\nold\n<!-- llm-strategy:end bank -->\n");
        assert_eq!(target(&doc).recorded(), &options(3, "1a2b3c4d5e6f"));
        assert_eq!(target(DOC).recorded(), &Options::default());
        assert_eq!(begin_marker("bank", &options(3, "1a2b3c4d5e6f")), RECORDED);
    }

    #[test]
    fn the_marker_is_rewritten_only_when_its_options_change() {
        let odd = "  <!--llm-strategy:begin bank   explain heading-level=3 format=markdown rules=1a2b3c4d5e6f pricing=9f8e7d6c5b4a-->";
        let doc = format!("{odd}\nold\n<!-- llm-strategy:end bank -->\n");
        let same = target(&doc).updated(&options(3, "1a2b3c4d5e6f"), "new");
        assert_eq!(
            same,
            format!("{odd}\n\nnew\n\n<!-- llm-strategy:end bank -->\n")
        );
        let other = target(&doc).updated(&options(2, "1a2b3c4d5e6f"), "new");
        assert!(
            other.starts_with(
                "  <!-- llm-strategy:begin bank format=markdown heading-level=2 explain "
            ),
            "{other}"
        );
        // An old-style marker gains the options.
        let upgraded = target(DOC).updated(&options(3, "1a2b3c4d5e6f"), "old");
        assert!(
            upgraded.contains(&format!("\nintro\n{RECORDED}\n\nold\n\n")),
            "{upgraded}"
        );
    }

    #[test]
    fn check_compares_the_content_and_the_recorded_rules() {
        let doc = format!("{RECORDED}\n\nsame\n\n<!-- llm-strategy:end bank -->\n");
        let t = target(&doc);
        assert!(t.check(&options(3, "1a2b3c4d5e6f"), "same").is_ok());
        let stale = t.check(&options(3, "1a2b3c4d5e6f"), "changed").unwrap_err();
        assert_eq!(
            stale.message,
            "plan.md: region \"bank\" is out of date; run the same command without --check to update it"
        );
        assert_eq!(stale.embedded, doc);
        assert_eq!(
            stale.current,
            t.updated(&options(3, "1a2b3c4d5e6f"), "changed")
        );
        let stale = t.check(&options(3, "000000000000"), "same").unwrap_err();
        assert!(
            stale.message.contains(": it was embedded with other rules (rules=1a2b3c4d5e6f in its marker, 000000000000 now); run"),
            "{}",
            stale.message
        );
        // An old-style marker over current content is current: it records no rules.
        let old = "<!-- llm-strategy:begin bank -->\n\nsame\n\n<!-- llm-strategy:end bank -->\n";
        assert!(
            target(old)
                .check(&options(3, "000000000000"), "same")
                .is_ok()
        );
    }

    #[test]
    fn a_bad_marker_option_is_an_error_located_in_the_document() {
        let doc = "intro\n<!-- llm-strategy:begin bank heading-levle=3 -->\n<!-- llm-strategy:end bank -->\n";
        let err = Target::parse(Path::new("plan.md"), doc.to_owned(), "bank", true).unwrap_err();
        assert!(
            err.0.starts_with(
                "plan.md:2:30: begin marker of region \"bank\": unknown option \"heading-levle\"\n"
            ),
            "{err}"
        );
        assert!(err.0.contains("did you mean \"heading-level\"?"), "{err}");
        // Only the region being written is read strictly.
        let two =
            format!("{doc}<!-- llm-strategy:begin other -->\n<!-- llm-strategy:end other -->\n");
        assert!(Target::parse(Path::new("plan.md"), two, "other", true).is_ok());
    }

    #[test]
    fn markers_with_options_in_code_fences_are_text() {
        let doc = format!(
            "```md\n{RECORDED}\n```\n<!-- llm-strategy:begin bank -->\nx\n<!-- llm-strategy:end bank -->\n"
        );
        let t = target(&doc);
        assert_eq!(t.recorded(), &Options::default());
        let out = t.updated(&options(3, "1a2b3c4d5e6f"), "y");
        assert!(
            out.starts_with(&format!("```md\n{RECORDED}\n```\n{RECORDED}\n\ny\n")),
            "{out}"
        );
    }
}
