//! Fuzz target `embed`: arbitrary bytes as a Markdown document that `--embed` writes into:
//! decode and size-check as the reader does, find the region (named by the first begin
//! marker's word, as a user would pass it), then splice a fixed text into it.
//!
//! Checks, the embed's promises: nothing panics; a refused document has a message; the
//! spliced document is a document the scanner accepts, holding the region; splicing again is
//! a no-op (idempotent); every byte outside the region's body is kept; and a begin marker
//! rewritten with other options records exactly them.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use llm_strategy::diagnostic::input::{self, Kind};
use llm_strategy::embed::{self, Format, Options, Target};
use llm_strategy::rules::Digest;

/// The text spliced into the region, as a rendered report would be.
const CONTENT: &str = "## Advice\n\nC/rag: *self-hosted* open model, with retrieval.\n";

/// The region named by the document's first begin marker, or a name it does not hold.
fn region_name(doc: &str) -> &str {
    doc.split("llm-strategy:begin")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .map(|word| word.trim_end_matches("-->"))
        .filter(|word| embed::is_region_name(word))
        .unwrap_or("fuzz")
}

/// The region's body holding [`CONTENT`], with the given line ending: a blank line around it.
fn body(newline: &str) -> String {
    let mut body = String::from(newline);
    for line in CONTENT.trim_end().lines() {
        body.push_str(line);
        body.push_str(newline);
    }
    body.push_str(newline);
    body
}

/// Whether `after` is `before` with one run of bytes replaced by `body`, and that run lies
/// between a begin and an end marker line of region `name` (the region's body).
fn only_the_body_changed(before: &str, after: &str, name: &str, newline: &str) -> bool {
    let (b, a, body) = (before.as_bytes(), after.as_bytes(), body(newline));
    let Some(room) = a.len().checked_sub(body.len()) else {
        return false;
    };
    let prefix = b.iter().zip(a).take_while(|(x, y)| x == y).count();
    let suffix = b
        .iter()
        .rev()
        .zip(a.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    // `start` is where the body begins; the kept tail after it is `room - start` bytes long.
    (room.saturating_sub(suffix)..=prefix.min(room)).any(|start| {
        let tail = room - start;
        let Some(old_end) = b.len().checked_sub(tail) else {
            return false;
        };
        let (Some(head), Some(rest)) = (before.get(..start), before.get(old_end..)) else {
            return false;
        };
        old_end >= start
            && &a[start..start + body.len()] == body.as_bytes()
            && head.ends_with(newline)
            && (newline == "\r\n" || !head.ends_with("\r\n"))
            && is_marker_line(head.lines().last(), "begin", name)
            && is_marker_line(rest.lines().next(), "end", name)
    })
}

fn is_marker_line(line: Option<&str>, which: &str, name: &str) -> bool {
    line.is_some_and(|l| l.contains(&format!("llm-strategy:{which}")) && l.contains(name))
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("plan.md");
    let doc = match input::text(path, data.to_vec(), Kind::Document) {
        Ok(doc) => doc,
        Err(invalid) => {
            assert!(!invalid.0.is_empty(), "a refused document has a message");
            return;
        }
    };
    let name = region_name(&doc).to_owned();
    let target = match Target::parse(path, doc.clone(), &name, true) {
        Ok(target) => target,
        Err(invalid) => {
            assert!(!invalid.0.is_empty(), "a refused document has a message");
            return;
        }
    };
    let kept = target.recorded().clone();
    let once = target
        .splice(doc.clone(), &kept, CONTENT)
        .expect("the document read is the document spliced")
        .unwrap_or_else(|| doc.clone());
    assert!(
        only_the_body_changed(&doc, &once, &name, "\n")
            || only_the_body_changed(&doc, &once, &name, "\r\n"),
        "splicing changed bytes outside region {name:?}:\n{doc:?}\n{once:?}"
    );
    let again = target
        .splice(once.clone(), &kept, CONTENT)
        .unwrap_or_else(|e| panic!("the spliced document is refused: {e}\n{once:?}"));
    assert_eq!(again, None, "splicing twice changes the document");

    // Other options rewrite the begin marker, which then records exactly them.
    let other = Options {
        format: Some(Format::Markdown),
        heading_level: Some(3),
        explain: !kept.explain,
        rules: Digest::parse("0123456789ab"),
        pricing: None,
    };
    let rewritten = target.updated(&other, CONTENT);
    let reread = Target::parse(path, rewritten.clone(), &name, true)
        .unwrap_or_else(|e| panic!("the rewritten document is refused: {e}\n{rewritten:?}"));
    assert_eq!(
        reread.recorded(),
        &other,
        "the begin marker records its options"
    );
    assert_eq!(
        reread.updated(&other, CONTENT),
        rewritten,
        "rewriting is idempotent"
    );
});
