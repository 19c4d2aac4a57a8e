//! `--embed DOC [--region NAME] [--check]`: writing the Markdown section into a region of a
//! real document on disk, keeping every byte outside the region, idempotence, `--check`,
//! several regions, bad markers, fenced examples, permissions, missing files and CRLF.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;

const BANK: &str = "examples/regional-bank-advisor.toml";
const SAAS: &str = "examples/saas-support-docs.toml";
const PHARMA: &str = "examples/pharma-rnd-on-prem.toml";

/// The region `assess` writes for [`BANK`] by default: the answers file's stem.
const BANK_REGION: &str = "regional-bank-advisor";

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// The crate's root directory (where `examples/` lives).
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

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

/// The bytes up to the end of the (last) begin-marker line of `name`, and from the start of
/// the (last) end-marker line to the end of the document.
fn outside<'a>(doc: &'a str, name: &str) -> (&'a str, &'a str) {
    let b = doc.rfind(&begin(name)).expect("begin marker");
    let prefix_end = b + doc[b..].find('\n').expect("newline after begin marker") + 1;
    let e = doc.rfind(&end(name)).expect("end marker");
    let suffix_start = doc[..e].rfind('\n').map_or(0, |i| i + 1);
    assert!(prefix_end <= suffix_start, "markers out of order");
    (&doc[..prefix_end], &doc[suffix_start..])
}

/// The body of region `name`: between its marker lines.
fn body<'a>(doc: &'a str, name: &str) -> &'a str {
    let (prefix, suffix) = outside(doc, name);
    &doc[prefix.len()..doc.len() - suffix.len()]
}

/// Asserts the region holds `markdown`, with nothing but blank lines around it.
fn assert_region_holds(doc: &str, name: &str, markdown: &str) {
    let blank = |c: char| c == '\n' || c == '\r';
    assert_eq!(
        body(doc, name).trim_matches(blank),
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

// ---------------------------------------------------------------------------------------
// One region
// ---------------------------------------------------------------------------------------

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

#[test]
fn embed_replaces_only_the_region() {
    let original = planning_doc();
    let (dir, path) = doc_with(original.as_bytes());
    let output = assess_embed(BANK, &path, &[]);
    assert_code(&output, 0);
    assert!(output.stdout.is_empty(), "nothing on stdout with --embed");
    assert!(stderr(&output).contains("updated"), "{}", stderr(&output));

    let updated = read_text(&path);
    let (prefix, suffix) = outside(&original, BANK_REGION);
    assert!(
        updated.as_bytes().starts_with(prefix.as_bytes()),
        "bytes before the region changed:\n{updated}"
    );
    assert!(
        updated.as_bytes().ends_with(suffix.as_bytes()),
        "bytes after the region changed:\n{updated}"
    );
    assert_region_holds(&updated, BANK_REGION, &assess_markdown(BANK, &[]));
    assert!(!updated.contains("stale text"), "old region body kept");
    assert_eq!(other_files(dir.path(), &["plan.md"]), Vec::<String>::new());
}

#[test]
fn embedding_twice_changes_nothing() {
    let (dir, path) = doc_with(planning_doc().as_bytes());
    assert_code(&assess_embed(BANK, &path, &[]), 0);
    let once = read(&path);

    let again = assess_embed(BANK, &path, &[]);
    assert_code(&again, 0);
    assert!(stderr(&again).contains("up to date"), "{}", stderr(&again));
    assert_eq!(read(&path), once, "second run changed the file");

    let check = assess_embed(BANK, &path, &["--check"]);
    assert_code(&check, 0);
    assert_eq!(read(&path), once);
    assert_eq!(other_files(dir.path(), &["plan.md"]), Vec::<String>::new());
}

#[test]
fn check_finds_a_stale_region_and_writes_nothing() {
    let original = planning_doc();
    let (dir, path) = doc_with(original.as_bytes());

    // Never embedded.
    let check = assess_embed(BANK, &path, &["--check"]);
    assert_code(&check, 1);
    assert!(stderr(&check).contains("out of date"), "{}", stderr(&check));
    assert!(check.stdout.is_empty());
    assert_eq!(read(&path), original.as_bytes(), "--check wrote the file");

    // Embedded, then edited by hand.
    assert_code(&assess_embed(BANK, &path, &[]), 0);
    let current = read_text(&path);
    let edited = current.replacen("### Scores", "### Scores (edited)", 1);
    assert_ne!(edited, current, "the region has a Scores heading");
    std::fs::write(&path, &edited).expect("edit document");

    let check = assess_embed(BANK, &path, &["--check"]);
    assert_code(&check, 1);
    let err = stderr(&check);
    assert!(err.contains("out of date"), "{err}");
    assert!(
        err.contains(BANK_REGION) && err.contains("plan.md"),
        "{err}"
    );
    assert_eq!(read_text(&path), edited, "--check wrote the file");
    assert_eq!(other_files(dir.path(), &["plan.md"]), Vec::<String>::new());

    // Without --check the hand edit is replaced.
    assert_code(&assess_embed(BANK, &path, &[]), 0);
    assert_eq!(read_text(&path), current);
}

#[test]
fn heading_level_reaches_the_region() {
    let (_dir, path) = doc_with(planning_doc().as_bytes());
    assert_code(&assess_embed(BANK, &path, &["--heading-level", "3"]), 0);
    let doc = read_text(&path);
    assert_region_holds(
        &doc,
        BANK_REGION,
        &assess_markdown(BANK, &["--heading-level", "3"]),
    );
    assert!(
        body(&doc, BANK_REGION).trim_start().starts_with("### "),
        "{doc}"
    );
}

#[test]
fn explicit_markdown_format_is_allowed() {
    let (_dir, path) = doc_with(planning_doc().as_bytes());
    assert_code(&assess_embed(BANK, &path, &["--format", "markdown"]), 0);
    assert_region_holds(&read_text(&path), BANK_REGION, &assess_markdown(BANK, &[]));
}

#[test]
fn end_marker_on_the_last_line_without_newline() {
    let original = format!("intro\n{}\n{}", begin(BANK_REGION), end(BANK_REGION));
    let (_dir, path) = doc_with(original.as_bytes());
    assert_code(&assess_embed(BANK, &path, &[]), 0);
    let doc = read_text(&path);
    assert!(doc.starts_with(&format!("intro\n{}\n", begin(BANK_REGION))));
    assert!(doc.ends_with(&format!("\n{}", end(BANK_REGION))), "{doc}");
    assert_region_holds(&doc, BANK_REGION, &assess_markdown(BANK, &[]));
}

// ---------------------------------------------------------------------------------------
// Several regions
// ---------------------------------------------------------------------------------------

#[test]
fn several_regions_update_independently() {
    let original = format!(
        "# Options\n\n{}\nold bank\n{}\n\nBetween the regions.\n\n{}\nold saas\n{}\n\n## Side by side\n\n{}\nold comparison\n{}\nEnd.\n",
        begin("bank"),
        end("bank"),
        begin("saas"),
        end("saas"),
        begin("compare"),
        end("compare"),
    );
    let (_dir, path) = doc_with(original.as_bytes());
    let bank_md = assess_markdown(BANK, &[]);
    let saas_md = assess_markdown(SAAS, &[]);
    let files = [BANK, SAAS, PHARMA];
    let compare_md = compare_markdown(&files);

    assert_code(&assess_embed(BANK, &path, &["--region", "bank"]), 0);
    let step1 = read_text(&path);
    assert_region_holds(&step1, "bank", &bank_md);
    assert_eq!(body(&step1, "saas"), "old saas\n");
    assert_eq!(body(&step1, "compare"), "old comparison\n");
    assert!(step1.starts_with("# Options\n\n"));
    assert!(step1.ends_with(&format!("{}\nEnd.\n", end("compare"))));

    // `compare` is compare's default region name.
    assert_code(&compare_embed(&files, &path, &[]), 0);
    let step2 = read_text(&path);
    assert_region_holds(&step2, "compare", &compare_md);
    assert_eq!(body(&step2, "bank"), body(&step1, "bank"));
    assert_eq!(body(&step2, "saas"), "old saas\n");

    assert_code(&assess_embed(SAAS, &path, &["--region", "saas"]), 0);
    let step3 = read_text(&path);
    assert_region_holds(&step3, "saas", &saas_md);
    assert_eq!(body(&step3, "bank"), body(&step1, "bank"));
    assert_eq!(body(&step3, "compare"), body(&step2, "compare"));
    assert!(step3.contains("\n\nBetween the regions.\n\n"));

    // Everything is current now; the two assess regions do not mix up.
    for output in [
        assess_embed(BANK, &path, &["--region", "bank", "--check"]),
        assess_embed(SAAS, &path, &["--region", "saas", "--check"]),
        compare_embed(&files, &path, &["--check"]),
    ] {
        assert_code(&output, 0);
    }
    assert_code(
        &assess_embed(BANK, &path, &["--region", "saas", "--check"]),
        1,
    );
    assert_eq!(read_text(&path), step3);
}

#[test]
fn compare_check_finds_a_stale_region() {
    let original = format!("{}\n{}\n", begin("compare"), end("compare"));
    let (_dir, path) = doc_with(original.as_bytes());
    let output = compare_embed(&[BANK, SAAS], &path, &["--check"]);
    assert_code(&output, 1);
    assert!(
        stderr(&output).contains("out of date"),
        "{}",
        stderr(&output)
    );
    assert_eq!(read_text(&path), original);
}

// ---------------------------------------------------------------------------------------
// Bad documents and arguments
// ---------------------------------------------------------------------------------------

#[test]
fn a_missing_region_is_an_input_error() {
    let original = format!("intro\n{}\nx\n{}\n", begin("other"), end("other"));
    let (_dir, path) = doc_with(original.as_bytes());
    let output = assess_embed(BANK, &path, &[]);
    assert_code(&output, 2);
    let err = stderr(&output);
    assert!(err.contains(BANK_REGION), "names the region: {err}");
    assert!(err.contains("plan.md"), "names the document: {err}");
    assert_eq!(read_text(&path), original);

    // A near miss gets a suggestion.
    let typo = format!(
        "{}\n{}\n",
        begin("regional-bank-advisr"),
        end("regional-bank-advisr")
    );
    std::fs::write(&path, &typo).expect("write document");
    let output = assess_embed(BANK, &path, &[]);
    assert_code(&output, 2);
    assert!(
        stderr(&output).contains("did you mean \"regional-bank-advisr\""),
        "{}",
        stderr(&output)
    );
    assert_eq!(read_text(&path), typo);
}

#[test]
fn unbalanced_markers_are_input_errors() {
    let cases = [
        (
            "begin without end",
            format!("a\n{}\nbody\n", begin(BANK_REGION)),
        ),
        ("end without begin", format!("a\n{}\nb\n", end(BANK_REGION))),
        (
            "end before begin",
            format!("{}\n{}\n", end(BANK_REGION), begin(BANK_REGION)),
        ),
        (
            "nested",
            format!(
                "{}\n{}\ninner\n{}\n{}\n",
                begin("outer"),
                begin(BANK_REGION),
                end(BANK_REGION),
                end("outer")
            ),
        ),
        (
            "crossed",
            format!(
                "{}\n{}\n{}\n{}\n",
                begin(BANK_REGION),
                begin("other"),
                end(BANK_REGION),
                end("other")
            ),
        ),
        (
            "twice",
            format!(
                "{b}\n{e}\n{b}\n{e}\n",
                b = begin(BANK_REGION),
                e = end(BANK_REGION)
            ),
        ),
    ];
    let mut failures = Vec::new();
    for (what, doc) in cases {
        let (_dir, path) = doc_with(doc.as_bytes());
        let output = assess_embed(BANK, &path, &[]);
        let err = stderr(&output);
        if output.status.code() != Some(2) {
            failures.push(format!("{what}: exit {:?}: {err}", output.status.code()));
        }
        if !err.contains("plan.md") {
            failures.push(format!("{what}: document not named: {err}"));
        }
        if read_text(&path) != doc {
            failures.push(format!("{what}: file changed"));
        }
        let check = assess_embed(BANK, &path, &["--check"]);
        if check.status.code() != Some(2) {
            failures.push(format!("{what}: --check exit {:?}", check.status.code()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn markers_in_fenced_code_blocks_are_text() {
    let fenced = format!(
        "# How to embed\n\nAdd these lines:\n\n```markdown\n{b}\n{e}\n```\n\nA stray begin in a tilde fence:\n\n~~~\n{b}\n~~~\n\nAn end in a longer fence:\n\n````\n```\n{e}\n```\n````\n\n",
        b = begin(BANK_REGION),
        e = end(BANK_REGION)
    );
    let original = format!(
        "{fenced}{}\nold\n{}\ntail\n",
        begin(BANK_REGION),
        end(BANK_REGION)
    );
    let (_dir, path) = doc_with(original.as_bytes());
    assert_code(&assess_embed(BANK, &path, &[]), 0);
    let doc = read_text(&path);
    assert!(
        doc.starts_with(&fenced),
        "the fenced example changed:\n{doc}"
    );
    assert!(doc.ends_with(&format!("{}\ntail\n", end(BANK_REGION))));
    assert_region_holds(&doc, BANK_REGION, &assess_markdown(BANK, &[]));
    // The chart's own fence inside the region does not confuse the next run.
    assert_code(&assess_embed(BANK, &path, &["--check"]), 0);
}

#[test]
fn a_fence_line_with_an_info_string_does_not_close_a_fence() {
    // In CommonMark, "```text" cannot close the fence opened by "```", so the marker below it
    // is still code; the fence closes on the bare "```".
    let fenced = format!("Example:\n\n```\n```text\n{}\n```\n\n", begin(BANK_REGION));
    let original = format!(
        "{fenced}{}\nold\n{}\n",
        begin(BANK_REGION),
        end(BANK_REGION)
    );
    let (_dir, path) = doc_with(original.as_bytes());
    assert_code(&assess_embed(BANK, &path, &[]), 0);
    let doc = read_text(&path);
    assert!(doc.starts_with(&fenced), "{doc}");
    assert_region_holds(&doc, BANK_REGION, &assess_markdown(BANK, &[]));
}

#[test]
fn embed_writes_markdown_only() {
    let original = planning_doc();
    let (_dir, path) = doc_with(original.as_bytes());
    for format in ["json", "table"] {
        let output = assess_embed(BANK, &path, &["--format", format]);
        assert_code(&output, 2);
        assert!(stderr(&output).contains("--embed"), "{}", stderr(&output));
        let output = compare_embed(&[BANK, SAAS], &path, &["--format", format]);
        assert_code(&output, 2);
    }
    assert_eq!(read_text(&path), original);
}

#[test]
fn check_and_region_need_embed() {
    for extra in [&["--check"][..], &["--region", "bank"][..]] {
        let mut args = vec!["assess", BANK];
        args.extend(extra);
        let output = run(&args);
        assert_code(&output, 2);
        assert!(stderr(&output).contains("--embed"), "{}", stderr(&output));
        assert!(output.stdout.is_empty());

        let mut args = vec!["compare", BANK, SAAS];
        args.extend(extra);
        assert_code(&run(&args), 2);
    }
}

#[test]
fn region_names_are_checked() {
    let original = planning_doc();
    let (dir, path) = doc_with(original.as_bytes());
    let output = assess_embed(BANK, &path, &["--region", "two words"]);
    assert_code(&output, 2);
    assert!(stderr(&output).contains("two words"), "{}", stderr(&output));

    // The default name comes from the file's stem, which may not be a valid name.
    let odd = dir.path().join("my plan.toml");
    std::fs::copy(root().join(BANK), &odd).expect("copy example");
    let output = assess_embed(odd.to_str().expect("UTF-8 path"), &path, &[]);
    assert_code(&output, 2);
    assert!(stderr(&output).contains("--region"), "{}", stderr(&output));
    assert_eq!(read_text(&path), original);
}

#[test]
fn a_missing_document_cannot_be_read() {
    let dir = TempDir::new().expect("temp dir");
    let path = dir.path().join("no-such-plan.md");
    let output = assess_embed(BANK, &path, &[]);
    assert_code(&output, 1);
    assert!(
        stderr(&output).contains("no-such-plan.md"),
        "{}",
        stderr(&output)
    );
    assert!(!path.exists(), "a missing document was created");
    assert_eq!(other_files(dir.path(), &[]), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt as _;

    let (_dir, path) = doc_with(planning_doc().as_bytes());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640))
        .expect("set permissions");
    assert_code(&assess_embed(BANK, &path, &[]), 0);
    let mode = std::fs::metadata(&path)
        .expect("metadata")
        .permissions()
        .mode();
    assert_eq!(mode & 0o7777, 0o640, "mode {mode:o}");
    assert_region_holds(&read_text(&path), BANK_REGION, &assess_markdown(BANK, &[]));
}

#[test]
fn crlf_documents_keep_crlf() {
    let original = planning_doc().replace('\n', "\r\n");
    let (_dir, path) = doc_with(original.as_bytes());
    assert_code(&assess_embed(BANK, &path, &[]), 0);
    let doc = read_text(&path);
    let lone = doc
        .match_indices('\n')
        .filter(|(i, _)| *i == 0 || doc.as_bytes()[i - 1] != b'\r')
        .count();
    assert_eq!(lone, 0, "lone \\n line endings:\n{doc:?}");
    let (prefix, suffix) = outside(&original, BANK_REGION);
    assert!(doc.starts_with(prefix), "bytes before the region changed");
    assert!(doc.ends_with(suffix), "bytes after the region changed");
    let markdown = assess_markdown(BANK, &[]).replace('\n', "\r\n");
    assert_region_holds(&doc, BANK_REGION, &markdown);

    let once = read(&path);
    assert_code(&assess_embed(BANK, &path, &[]), 0);
    assert_eq!(read(&path), once, "second run changed a CRLF document");
    assert_code(&assess_embed(BANK, &path, &["--check"]), 0);
}

#[cfg(unix)]
#[test]
fn a_symlinked_document_is_written_through_the_link() {
    let dir = TempDir::new().expect("temp dir");
    let target = dir.path().join("real.md");
    let original = planning_doc();
    std::fs::write(&target, &original).expect("write document");
    let link = dir.path().join("plan.md");
    std::os::unix::fs::symlink("real.md", &link).expect("symlink");
    assert_code(&assess_embed(BANK, &link, &[]), 0);
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("metadata")
            .file_type()
            .is_symlink(),
        "the link was replaced by a file"
    );
    assert_region_holds(
        &read_text(&target),
        BANK_REGION,
        &assess_markdown(BANK, &[]),
    );
}
