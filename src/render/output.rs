//! Writing what users read: reports on stdout, short notices on stderr.

use std::io::Write as _;

use crate::embed::Stale;

/// Prints text on stdout. A closed pipe (`| head`) is not an error worth reporting.
pub fn print(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Prints a one-line notice on stderr, such as what an embed did to a document.
pub fn notice(text: &str) {
    eprintln!("{text}");
}

/// A progress bar on stderr, drawn only when stderr is a terminal.
pub fn progress(what: &'static str, steps: u64) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(steps),
        indicatif::ProgressDrawTarget::stderr(),
    );
    bar.set_message(what);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len}") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Writes a file atomically: a temporary file in the same directory, synced, renamed over the
/// target. The file keeps the permissions it had; a new one gets the usual ones (on Unix 0666
/// less the umask), not the temporary file's owner-only ones.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
    let cannot =
        |e: &std::io::Error| anyhow::anyhow!("cannot write {}: {}", path.display(), reason(e));
    if path.is_dir() {
        anyhow::bail!("cannot write {}: it is a directory", path.display());
    }
    let mut tmp = temporary_beside(path).map_err(|e| cannot(&e))?;
    tmp.write_all(bytes).map_err(|e| cannot(&e))?;
    #[cfg(unix)]
    if let Ok(existing) = std::fs::metadata(path) {
        tmp.as_file()
            .set_permissions(existing.permissions())
            .map_err(|e| cannot(&e))?;
    }
    tmp.as_file().sync_all().map_err(|e| cannot(&e))?;
    tmp.persist(path).map_err(|e| cannot(&e.error))?;
    Ok(())
}

/// Writes a new file atomically, as [`write_file`]; `false` (nothing written) when `path`
/// already exists, checked at the rename, so a file created meanwhile is kept too.
pub fn create_file(path: &std::path::Path, bytes: &[u8]) -> anyhow::Result<bool> {
    let cannot =
        |e: &std::io::Error| anyhow::anyhow!("cannot write {}: {}", path.display(), reason(e));
    let mut tmp = temporary_beside(path).map_err(|e| cannot(&e))?;
    tmp.write_all(bytes).map_err(|e| cannot(&e))?;
    tmp.as_file().sync_all().map_err(|e| cannot(&e))?;
    match tmp.persist_noclobber(path) {
        Ok(_) => Ok(true),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(cannot(&e.error)),
    }
}

/// A temporary file in the directory of `path`, to be renamed over it; on Unix with the
/// permissions any new file gets (0666 less the umask), not owner-only ones.
fn temporary_beside(path: &std::path::Path) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// Writes the `--chart` picture to `path` (atomically, as [`write_file`]); with `check`
/// (`--embed --check`), writes nothing and fails as [`Stale`] when the file does not already
/// hold `svg`.
pub fn write_chart(path: &std::path::Path, svg: &str, check: bool) -> anyhow::Result<()> {
    if !check {
        return write_file(path, svg.as_bytes());
    }
    let limit = crate::diagnostic::input::Kind::Document.limit() as usize;
    let existing = crate::diagnostic::input::existing(path, limit).unwrap_or_default();
    if existing == svg.as_bytes() {
        return Ok(());
    }
    Err(Stale {
        message: format!(
            "{}: the chart is out of date; run the same command without --check to update it",
            path.display()
        ),
        embedded: String::from_utf8_lossy(&existing).into_owned(),
        current: svg.to_owned(),
    }
    .into())
}

/// What went wrong, without the name of the temporary file (which the user never chose).
fn reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.split_once(" at path \"") {
        Some((reason, _)) => reason.to_owned(),
        None => text,
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt as _;

    use super::{create_file, write_file};

    #[test]
    fn a_written_file_keeps_its_permissions_and_a_new_one_is_not_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.md");
        write_file(&path, b"one").unwrap();
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        // As any new file: 0666 less the umask.
        let plain = dir.path().join("plain.md");
        std::fs::File::create(&plain).unwrap();
        assert_eq!(mode(&path), mode(&plain));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_file(&path, b"two").unwrap();
        assert_eq!(mode(&path), 0o640);
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
    }

    #[test]
    fn a_directory_is_not_written_over() {
        let dir = tempfile::tempdir().unwrap();
        let error = write_file(dir.path(), b"x").unwrap_err();
        assert!(error.to_string().ends_with("it is a directory"), "{error}");
    }

    #[test]
    fn a_created_file_is_not_owner_only_and_an_existing_one_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("answers.toml");
        assert!(create_file(&path, b"one").unwrap());
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let plain = dir.path().join("plain.toml");
        std::fs::File::create(&plain).unwrap();
        assert_eq!(mode(&path), mode(&plain));
        assert!(!create_file(&path, b"two").unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
