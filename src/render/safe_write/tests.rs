//! The safe-write path on a real file system: permissions, owner, refusals, links, a write that
//! fails half-way, and concurrent read-modify-writes.

use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::path::Path;

use super::{create_file, replace, rewrite, write_file};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

/// Files in `dir`: leftovers of a temporary file would show here.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_written_file_keeps_its_permissions_and_a_new_one_is_not_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.md");
    write_file(&path, b"one", false).unwrap();
    // As any new file: 0666 less the umask.
    let plain = dir.path().join("plain.md");
    std::fs::File::create(&plain).unwrap();
    assert_eq!(mode(&path), mode(&plain));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    write_file(&path, b"two", false).unwrap();
    assert_eq!(mode(&path), 0o640);
    assert_eq!(std::fs::read(&path).unwrap(), b"two");
    assert_eq!(names(dir.path()), ["plain.md", "report.md"]);
}

#[test]
fn a_directory_is_not_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let error = write_file(dir.path(), b"x", false).unwrap_err();
    assert!(error.to_string().ends_with("it is a directory"), "{error}");
}

#[test]
fn a_created_file_is_not_owner_only_and_an_existing_one_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.toml");
    assert!(create_file(&path, b"one").unwrap());
    let plain = dir.path().join("plain.toml");
    std::fs::File::create(&plain).unwrap();
    assert_eq!(mode(&path), mode(&plain));
    assert!(!create_file(&path, b"two").unwrap());
    assert_eq!(std::fs::read(&path).unwrap(), b"one");
    assert_eq!(names(dir.path()), ["answers.toml", "plain.toml"]);
}

#[test]
fn a_write_that_fails_before_the_rename_leaves_the_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.md");
    std::fs::write(&path, "original").unwrap();
    let mut temporary = None;
    let error = replace(
        &path,
        &path,
        false,
        |_| Ok(Some(b"new".to_vec())),
        |tmp| {
            assert_eq!(
                std::fs::read(tmp)?,
                b"new",
                "the temporary file is complete"
            );
            temporary = Some(tmp.to_owned());
            Err(std::io::Error::other("disk on fire"))
        },
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("cannot write {}: disk on fire", path.display())
    );
    assert_eq!(std::fs::read(&path).unwrap(), b"original");
    assert!(!temporary.unwrap().exists(), "the temporary file is left");
    assert_eq!(names(dir.path()), ["plan.md"]);
}

#[test]
fn an_edit_that_changes_nothing_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.md");
    std::fs::write(&path, "same").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let inode = std::fs::metadata(&path).unwrap().ino();
    // Read-only, yet nothing to write: no refusal either.
    assert!(!rewrite(&path, false, |_| Ok(None)).unwrap());
    assert_eq!(std::fs::metadata(&path).unwrap().ino(), inode);
}

#[test]
fn the_owner_and_group_are_kept_when_the_writer_may_keep_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.md");
    std::fs::write(&path, "one").unwrap();
    if std::fs::metadata(&path).unwrap().uid() != 0 {
        // Only root may give a file to another user; tests run as root here and in CI.
        return;
    }
    std::os::unix::fs::chown(&path, Some(4242), Some(4343)).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o6640)).unwrap();
    write_file(&path, b"two", false).unwrap();
    let metadata = std::fs::metadata(&path).unwrap();
    assert_eq!((metadata.uid(), metadata.gid()), (4242, 4343));
    // After the chown, which clears them, the set-id bits are set again.
    assert_eq!(mode(&path), 0o6640);
    assert_eq!(std::fs::read(&path).unwrap(), b"two");
}

#[test]
fn a_read_only_file_is_refused_unless_forced_and_stays_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.md");
    std::fs::write(&path, "one").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let error = write_file(&path, b"two", false).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "{} is read-only, so it was not rewritten; pass --force to replace it anyway (it \
             stays read-only)",
            path.display()
        )
    );
    assert_eq!(std::fs::read(&path).unwrap(), b"one");
    write_file(&path, b"two", true).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"two");
    assert_eq!(mode(&path), 0o444);
    assert_eq!(names(dir.path()), ["plan.md"]);
}

#[test]
fn a_hard_linked_file_is_refused_unless_forced_and_then_written_through_every_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.md");
    let other = dir.path().join("other-name.md");
    std::fs::write(&path, "one").unwrap();
    std::fs::hard_link(&path, &other).unwrap();
    let error = rewrite(&path, false, |_| Ok(Some(b"two".to_vec()))).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("has 2 hard links, and rewriting it would break them"),
        "{error}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), b"one");
    assert!(rewrite(&path, true, |_| Ok(Some(b"three, longer".to_vec()))).unwrap());
    assert!(rewrite(&path, true, |_| Ok(Some(b"four".to_vec()))).unwrap());
    for name in [&path, &other] {
        assert_eq!(std::fs::read(name).unwrap(), b"four", "{}", name.display());
    }
    assert_eq!(std::fs::metadata(&path).unwrap().nlink(), 2);
}

#[test]
fn a_symbolic_link_is_kept_and_the_file_it_points_to_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.md");
    let link = dir.path().join("plan.md");
    std::fs::write(&real, "one").unwrap();
    std::os::unix::fs::symlink("real.md", &link).unwrap();
    write_file(&link, b"two", false).unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(std::fs::read(&real).unwrap(), b"two");
    // A link to nothing is not followed out to create a file elsewhere.
    let dangling = dir.path().join("dangling.md");
    std::os::unix::fs::symlink("missing/nowhere.md", &dangling).unwrap();
    let error = write_file(&dangling, b"x", false).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("is a symbolic link to a file that does not exist"),
        "{error}"
    );
    assert!(std::fs::symlink_metadata(&dangling).unwrap().is_symlink());
}

#[test]
fn a_device_is_written_into_not_replaced() {
    write_file(Path::new("/dev/null"), b"discarded", false).unwrap();
    assert!(std::os::unix::fs::FileTypeExt::is_char_device(
        &std::fs::metadata("/dev/null").unwrap().file_type()
    ));
}

/// Sets line `key` of `text` to `key=value`, as an embed sets its region.
fn set(text: &[u8], key: &str, value: usize) -> Vec<u8> {
    let text = String::from_utf8(text.to_vec()).unwrap();
    text.lines()
        .map(|line| {
            if line.starts_with(&format!("{key}=")) {
                format!("{key}={value}\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect::<String>()
        .into_bytes()
}

#[test]
fn two_writers_rewriting_different_lines_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.md");
    for round in 0..200 {
        std::fs::write(&path, "# Plan\na=none\nmiddle\nb=none\n").unwrap();
        std::thread::scope(|s| {
            for key in ["a", "b"] {
                let path = &path;
                s.spawn(move || {
                    rewrite(path, false, |text| Ok(Some(set(&text, key, round)))).unwrap();
                });
            }
        });
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            format!("# Plan\na={round}\nmiddle\nb={round}\n"),
            "round {round}"
        );
    }
    assert_eq!(names(dir.path()), ["plan.md"]);
}
