//! Writing a region: keeping every byte outside it, idempotence, `--check`, several
//! regions, fenced examples, permissions, missing files, CRLF and symbolic links.

use tempfile::TempDir;

use super::*;

// ---------------------------------------------------------------------------------------
// One region
// ---------------------------------------------------------------------------------------

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

/// `--check` on a stale region (exit 1, nothing written) is tested by the `embed-check-*`
/// cases under `tests/cmd/`.
#[test]
fn a_hand_edit_is_replaced_by_the_next_embed() {
    let (dir, path) = doc_with(planning_doc().as_bytes());
    assert_code(&assess_embed(BANK, &path, &[]), 0);
    let current = read_text(&path);
    let edited = current.replacen("### Scores", "### Scores (edited)", 1);
    assert_ne!(edited, current, "the region has a Scores heading");
    std::fs::write(&path, &edited).expect("edit document");

    assert_code(&assess_embed(BANK, &path, &[]), 0);
    assert_eq!(read_text(&path), current);
    assert_eq!(other_files(dir.path(), &["plan.md"]), Vec::<String>::new());
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
    let marker = begin_line(&doc, BANK_REGION);
    assert!(doc.starts_with(&format!("intro\n{marker}\n")), "{doc}");
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

// ---------------------------------------------------------------------------------------
// Fenced examples, a missing document, permissions, CRLF and symbolic links
// ---------------------------------------------------------------------------------------

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

/// Its message and exit status 1 are in the `embed-missing-document` case under `tests/cmd/`.
#[test]
fn a_missing_document_is_not_created() {
    let dir = TempDir::new().expect("temp dir");
    let path = dir.path().join("no-such-plan.md");
    assert_code(&assess_embed(BANK, &path, &[]), 1);
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
    let output = assess_embed(BANK, &link, &[]);
    assert_code(&output, 0);
    // Not silently: the notice names the file written.
    let real = std::fs::canonicalize(&target).expect("real path");
    assert!(
        stderr(&output).starts_with(&format!(
            "{} is a symbolic link: writing the file it points to, {}\n",
            link.display(),
            real.display()
        )),
        "{}",
        stderr(&output)
    );
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
