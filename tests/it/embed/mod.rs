//! `--embed DOC [--region NAME] [--check]`: writing the Markdown section into a region of a
//! real document on disk ([`regions`]), and the options its begin marker records so that
//! `--check` and the next embed render it the same way ([`options`]). Bad markers and regions,
//! stale regions under `--check` and misused options are tested by the `embed-*` cases under
//! `tests/cmd/`.

mod options;
mod regions;
#[cfg(unix)]
mod safe_writes;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;

use crate::common::root;

const BANK: &str = "examples/regional-bank-advisor.toml";
const SAAS: &str = "examples/saas-support-docs.toml";
const PHARMA: &str = "examples/pharma-rnd-on-prem.toml";

/// The region `assess` writes for [`BANK`] by default: the answers file's stem.
const BANK_REGION: &str = "regional-bank-advisor";

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// Runs the binary in the crate root with `args`.
fn run<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    Command::cargo_bin("llm-strategy")
        .expect("binary builds")
        .current_dir(root())
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("runs")
}

/// Runs `assess FILE --embed DOC` followed by `extra`.
fn assess_embed(file: &str, doc: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        OsStr::new("assess"),
        OsStr::new(file),
        OsStr::new("--embed"),
    ];
    args.push(doc.as_os_str());
    args.extend(extra.iter().map(OsStr::new));
    run(args)
}

/// Runs `compare FILES.. --embed DOC` followed by `extra`.
fn compare_embed(files: &[&str], doc: &Path, extra: &[&str]) -> Output {
    let mut args = vec![OsStr::new("compare")];
    args.extend(files.iter().map(OsStr::new));
    args.extend([OsStr::new("--embed"), doc.as_os_str()]);
    args.extend(extra.iter().map(OsStr::new));
    run(args)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_code(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stderr:\n{}",
        stderr(output)
    );
}

/// What `assess FILE --format markdown` prints (with `extra`).
fn assess_markdown(file: &str, extra: &[&str]) -> String {
    let mut args = vec!["assess", file, "--format", "markdown"];
    args.extend(extra);
    let output = run(args);
    assert_code(&output, 0);
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// What `compare FILES --format markdown` prints.
fn compare_markdown(files: &[&str]) -> String {
    let mut args = vec!["compare"];
    args.extend(files);
    args.extend(["--format", "markdown"]);
    let output = run(args);
    assert_code(&output, 0);
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn begin(name: &str) -> String {
    format!("<!-- llm-strategy:begin {name} -->")
}

fn end(name: &str) -> String {
    format!("<!-- llm-strategy:end {name} -->")
}

/// A scratch directory holding `plan.md` with `content`.
fn doc_with(content: &[u8]) -> (TempDir, PathBuf) {
    let dir = TempDir::new().expect("temp dir");
    let path = dir.path().join("plan.md");
    std::fs::write(&path, content).expect("write document");
    (dir, path)
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read document")
}

fn read_text(path: &Path) -> String {
    String::from_utf8(read(path)).expect("document is UTF-8")
}

/// The (last) begin-marker line of `name`, without its line ending; it may record options.
fn begin_line<'a>(doc: &'a str, name: &str) -> &'a str {
    let (start, end) = begin_line_at(doc, name);
    doc[start..end].trim_end_matches(['\n', '\r'])
}

/// Where the (last) begin-marker line of `name` starts, and where the next line starts.
fn begin_line_at(doc: &str, name: &str) -> (usize, usize) {
    let b = doc
        .rfind(&format!("<!-- llm-strategy:begin {name} "))
        .expect("begin marker");
    let start = doc[..b].rfind('\n').map_or(0, |i| i + 1);
    let end = b + doc[b..].find('\n').expect("newline after begin marker") + 1;
    (start, end)
}

/// The bytes before the (last) begin-marker line of `name` (which embedding rewrites when
/// the options it records change), and from the start of the (last) end-marker line to the
/// end of the document.
fn outside<'a>(doc: &'a str, name: &str) -> (&'a str, &'a str) {
    let (prefix_end, body_start) = begin_line_at(doc, name);
    let e = doc.rfind(&end(name)).expect("end marker");
    let suffix_start = doc[..e].rfind('\n').map_or(0, |i| i + 1);
    assert!(body_start <= suffix_start, "markers out of order");
    (&doc[..prefix_end], &doc[suffix_start..])
}

/// The body of region `name`: between its marker lines.
fn body<'a>(doc: &'a str, name: &str) -> &'a str {
    let (_, body_start) = begin_line_at(doc, name);
    let (_, suffix) = outside(doc, name);
    &doc[body_start..doc.len() - suffix.len()]
}

/// Asserts the region holds `markdown`, with nothing but blank lines around it.
fn assert_region_holds(doc: &str, name: &str, markdown: &str) {
    let blank = |c: char| c == '\n' || c == '\r';
    // `assess` closes the region with its record for `--check`'s review, on a line of its own.
    let body = body(doc, name);
    let body = match body.rfind("<!-- llm-strategy:record ") {
        Some(at) => &body[..at],
        None => body,
    };
    assert_eq!(
        body.trim_matches(blank),
        markdown.trim_end_matches(blank),
        "region {name:?} does not hold the Markdown"
    );
}

/// Files in `dir` other than `keep`: leftovers of an atomic write would show here.
fn other_files(dir: &Path, keep: &[&str]) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !keep.contains(&n.as_str()))
        .collect()
}

/// A planning document with tricky bytes outside the region: trailing spaces and tabs, an
/// unrelated HTML comment, a comment that looks like a marker, Unicode, and no newline at
/// the end of the file.
fn planning_doc() -> String {
    format!(
        "# Planning: LLM rollout  \n\
         \n\
         Intro — café, 日本語, emoji 🚀, a tab\there.\t \n\
         <!-- other comment -->\n\
         <!-- llm-strategy:note not a marker -->\n\
         \n\
         {}\n\
         _stale text from an earlier run_\n\
         {}\n\
         \n\
         ## After   \n\
         Closing words: ünïcödé — no newline at the end",
        begin(BANK_REGION),
        end(BANK_REGION)
    )
}
