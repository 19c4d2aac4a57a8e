//! Embedding as teams run it, in CI and on shared machines: two runs into one document at
//! once, read-only and hard-linked documents, another user's document written as root.

use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::process::Output;

use super::*;

/// A document with two empty regions, `a` and `b`.
fn two_regions() -> String {
    format!(
        "# Plan\n\n{}\n{}\n\nBetween.\n\n{}\n{}\n",
        begin("a"),
        end("a"),
        begin("b"),
        end("b")
    )
}

/// Starts `assess FILE --embed DOC --region REGION` without waiting for it.
fn spawn_embed(file: &str, doc: &Path, region: &str) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("llm-strategy"))
        .current_dir(root())
        .arg("assess")
        .arg(file)
        .arg("--embed")
        .arg(doc)
        .args(["--region", region])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs")
}

fn finish(child: std::process::Child) -> Output {
    child.wait_with_output().expect("finishes")
}

#[test]
fn two_embeds_into_different_regions_at_once_both_land() {
    let (dir, path) = doc_with(two_regions().as_bytes());
    let (bank, saas) = (assess_markdown(BANK, &[]), assess_markdown(SAAS, &[]));
    for round in 0..200 {
        std::fs::write(&path, two_regions()).expect("reset document");
        let a = spawn_embed(BANK, &path, "a");
        let b = spawn_embed(SAAS, &path, "b");
        for output in [finish(a), finish(b)] {
            assert_code(&output, 0);
            assert!(stderr(&output).contains("updated"), "{}", stderr(&output));
        }
        let doc = read_text(&path);
        assert!(
            body(&doc, "a").contains(bank.trim()) && body(&doc, "b").contains(saas.trim()),
            "round {round} lost an update:\n{doc}"
        );
    }
    assert_eq!(other_files(dir.path(), &["plan.md"]), Vec::<String>::new());
}

#[test]
fn a_read_only_document_is_refused_unless_forced() {
    let original = planning_doc();
    let (_dir, path) = doc_with(original.as_bytes());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let refused = assess_embed(BANK, &path, &[]);
    assert_code(&refused, 1);
    assert_eq!(
        stderr(&refused),
        format!(
            "error: {} is read-only, so it was not rewritten; pass --force to replace it anyway \
             (it stays read-only)\n",
            path.display()
        )
    );
    assert_eq!(read_text(&path), original);
    assert_code(&assess_embed(BANK, &path, &["--force"]), 0);
    assert_region_holds(&read_text(&path), BANK_REGION, &assess_markdown(BANK, &[]));
    let mode = std::fs::metadata(&path)
        .expect("metadata")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o444);
}

#[test]
fn a_hard_linked_document_is_refused_unless_forced_and_then_keeps_its_link() {
    let original = planning_doc();
    let (dir, path) = doc_with(original.as_bytes());
    let other = dir.path().join("also-plan.md");
    std::fs::hard_link(&path, &other).expect("hard link");
    let refused = assess_embed(BANK, &path, &[]);
    assert_code(&refused, 1);
    assert!(
        stderr(&refused).contains("has 2 hard links, and rewriting it would break them"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(read_text(&path), original);
    assert_code(&assess_embed(BANK, &path, &["--force"]), 0);
    assert_eq!(read_text(&other), read_text(&path), "the link was broken");
    assert_region_holds(&read_text(&other), BANK_REGION, &assess_markdown(BANK, &[]));
}

#[test]
fn another_users_document_keeps_its_owner_and_group() {
    let (_dir, path) = doc_with(planning_doc().as_bytes());
    if std::fs::metadata(&path).expect("metadata").uid() != 0 {
        // Only root may give a file away; tests run as root here and in CI.
        return;
    }
    std::os::unix::fs::chown(&path, Some(4242), Some(4343)).expect("chown");
    assert_code(&assess_embed(BANK, &path, &[]), 0);
    let metadata = std::fs::metadata(&path).expect("metadata");
    assert_eq!((metadata.uid(), metadata.gid()), (4242, 4343));
    assert_region_holds(&read_text(&path), BANK_REGION, &assess_markdown(BANK, &[]));
}
