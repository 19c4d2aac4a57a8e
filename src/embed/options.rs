//! The options a region's begin marker records, so that `--check` and the next embed render
//! the region as it was rendered: `format=markdown heading-level=N explain rules=HASH
//! pricing=HASH`, words after the region's name, read strictly.

use std::fmt;
use std::ops::Range;

use crate::diagnostic::{Diagnostic, Problems};
use crate::rules::Digest;

/// The format of an embedded region; Markdown is the only one a document can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// GitHub-flavored Markdown.
    Markdown,
}

/// What a begin marker records; a marker without options records nothing, and each
/// command then falls back on its defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// `format=markdown`.
    pub format: Option<Format>,
    /// `heading-level=N`, 1 to 6.
    pub heading_level: Option<u8>,
    /// `explain`: `assess --explain`.
    pub explain: bool,
    /// `rules=HASH`: the digest of the rule files.
    pub rules: Option<Digest>,
    /// `pricing=HASH`: the digest of the pricing.
    pub pricing: Option<Digest>,
}

/// The option names, in the order a marker is written.
const NAMES: [&str; 5] = ["format", "heading-level", "explain", "rules", "pricing"];

/// How each option is written, for the note under an unknown one.
const FORMS: &str = "format=markdown, heading-level=N (1 to 6), explain, rules=HASH, pricing=HASH (HASH: 12 hex digits)";

impl fmt::Display for Options {
    /// The options in their written form, space-separated in [`NAMES`] order.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut words = Vec::new();
        if let Some(Format::Markdown) = self.format {
            words.push("format=markdown".to_owned());
        }
        if let Some(level) = self.heading_level {
            words.push(format!("heading-level={level}"));
        }
        if self.explain {
            words.push("explain".to_owned());
        }
        if let Some(rules) = self.rules {
            words.push(format!("rules={rules}"));
        }
        if let Some(pricing) = self.pricing {
            words.push(format!("pricing={pricing}"));
        }
        f.write_str(&words.join(" "))
    }
}

/// Reads the options of region `region`'s begin marker: the document's text in `span`.
/// Every problem (an unknown option, one given twice, a bad value, `explain` where the
/// command has no `--explain`) goes to `problems`, located in the document.
pub(super) fn parse(
    doc: &str,
    span: Range<usize>,
    region: &str,
    takes_explain: bool,
    problems: &mut Problems<'_>,
) -> Options {
    let text = &doc[span.clone()];
    let mut options = Options::default();
    let mut seen: Vec<&str> = Vec::new();
    let mut from = 0;
    for word in text.split_whitespace() {
        let start = from + text[from..].find(word).unwrap_or(0);
        from = start + word.len();
        let at = span.start + start..span.start + from;
        let (name, value) = match word.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (word, None),
        };
        let problem = |message: String| {
            Diagnostic::at(
                at.clone(),
                format!("begin marker of region \"{region}\": {message}"),
            )
        };
        if !NAMES.contains(&name) {
            problems.push(
                problem(format!("unknown option \"{name}\""))
                    .note(format!("allowed: {FORMS}"))
                    .suggest(name, NAMES),
            );
            continue;
        }
        if seen.contains(&name) {
            problems.push(problem(format!("option \"{name}\" is given twice")));
            continue;
        }
        seen.push(name);
        if let Err(message) = set(&mut options, name, value, takes_explain) {
            problems.push(problem(message));
        }
    }
    options
}

/// Sets option `name` (a known one) from its value, or says what is wrong with it.
fn set(
    options: &mut Options,
    name: &str,
    value: Option<&str>,
    takes_explain: bool,
) -> Result<(), String> {
    if name == "explain" {
        if let Some(value) = value {
            return Err(format!(
                "\"explain\" takes no value; write explain, not explain={value}"
            ));
        }
        if !takes_explain {
            return Err("\"explain\" is an option of assess only (assess --explain)".to_owned());
        }
        options.explain = true;
        return Ok(());
    }
    let Some(value) = value else {
        let form = match name {
            "format" => "format=markdown".to_owned(),
            "heading-level" => "heading-level=N".to_owned(),
            _ => format!("{name}=HASH"),
        };
        return Err(format!("\"{name}\" needs a value, as in {form}"));
    };
    match name {
        "format" if value == "markdown" => options.format = Some(Format::Markdown),
        "format" => {
            return Err(format!(
                "format={value}: an embedded region is Markdown, so the format can only be \"markdown\""
            ));
        }
        "heading-level" => {
            let level = value.parse::<u8>().ok().filter(|l| (1..=6).contains(l));
            options.heading_level = Some(level.ok_or_else(|| {
                format!("heading-level={value}: the heading level is a number from 1 to 6")
            })?);
        }
        _ => {
            let digest = Digest::parse(value).ok_or_else(|| {
                format!(
                    "{name}={value}: a digest is {} lowercase hex digits, as the tool writes it",
                    Digest::HEX_LEN
                )
            })?;
            if name == "rules" {
                options.rules = Some(digest);
            } else {
                options.pricing = Some(digest);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// Parses `text` as a whole marker's options, rendering any problems.
    fn read(text: &str, takes_explain: bool) -> Result<Options, String> {
        let mut problems = Problems::new(Path::new("plan.md"), text);
        let options = parse(text, 0..text.len(), "bank", takes_explain, &mut problems);
        problems.finish().map(|()| options).map_err(|e| e.0)
    }

    #[test]
    fn no_options_record_nothing() {
        assert_eq!(read("", true), Ok(Options::default()));
        assert_eq!(Options::default().to_string(), "");
    }

    #[test]
    fn every_option_reads_back_in_any_order_and_writes_in_one() {
        let text =
            "pricing=9f8e7d6c5b4a explain rules=1a2b3c4d5e6f heading-level=3  format=markdown";
        let options = read(text, true).unwrap();
        assert_eq!(
            options,
            Options {
                format: Some(Format::Markdown),
                heading_level: Some(3),
                explain: true,
                rules: Digest::parse("1a2b3c4d5e6f"),
                pricing: Digest::parse("9f8e7d6c5b4a"),
            }
        );
        let written = options.to_string();
        assert_eq!(
            written,
            "format=markdown heading-level=3 explain rules=1a2b3c4d5e6f pricing=9f8e7d6c5b4a"
        );
        assert_eq!(read(&written, true), Ok(options));
    }

    #[test]
    fn an_unknown_option_is_located_with_a_suggestion() {
        let err = read("format=markdown heading_level=3", true).unwrap_err();
        assert_eq!(
            err,
            "plan.md:1:17: begin marker of region \"bank\": unknown option \"heading_level\"\n  |\n1 | format=markdown heading_level=3\n  |                 ^^^^^^^^^^^^^^^\n  = allowed: format=markdown, heading-level=N (1 to 6), explain, rules=HASH, pricing=HASH (HASH: 12 hex digits)\n  = help: did you mean \"heading-level\"?\nplan.md: 1 problem"
        );
        let err = read("--explain", true).unwrap_err();
        assert!(err.contains("did you mean \"explain\"?"), "{err}");
        let err = read("colour=red", true).unwrap_err();
        assert!(!err.contains("did you mean"), "{err}");
    }

    #[test]
    fn bad_values_and_repeats_are_each_reported() {
        let cases = [
            ("heading-level=7", "from 1 to 6"),
            ("heading-level=x", "from 1 to 6"),
            ("heading-level", "needs a value, as in heading-level=N"),
            ("format=json", "can only be \"markdown\""),
            ("rules", "needs a value, as in rules=HASH"),
            ("rules=1A2B3C4D5E6F", "12 lowercase hex digits"),
            ("pricing=abc", "12 lowercase hex digits"),
            ("explain=yes", "takes no value"),
            ("explain explain", "\"explain\" is given twice"),
        ];
        for (text, expected) in cases {
            let err = read(text, true).unwrap_err();
            assert!(err.contains(expected), "{text}: {err}");
            assert!(err.ends_with("plan.md: 1 problem"), "{text}: {err}");
        }
        let err = read("heading-level=9 wat", true).unwrap_err();
        assert!(err.ends_with("plan.md: 2 problems"), "{err}");
    }

    #[test]
    fn explain_belongs_to_assess_only() {
        let err = read("explain", false).unwrap_err();
        assert!(err.contains("an option of assess only"), "{err}");
    }
}
