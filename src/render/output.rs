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

/// Writes a file atomically: a temporary file in the same directory, renamed over the target.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
    let cannot =
        |e: &std::io::Error| anyhow::anyhow!("cannot write {}: {}", path.display(), reason(e));
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| cannot(&e))?;
    tmp.write_all(bytes).map_err(|e| cannot(&e))?;
    tmp.as_file().sync_all().map_err(|e| cannot(&e))?;
    tmp.persist(path).map_err(|e| cannot(&e.error))?;
    Ok(())
}

/// Writes a new file atomically, as [`write_file`]; `false` (nothing written) when `path`
/// already exists, checked at the rename, so a file created meanwhile is kept too.
pub fn create_file(path: &std::path::Path, bytes: &[u8]) -> anyhow::Result<bool> {
    let cannot =
        |e: &std::io::Error| anyhow::anyhow!("cannot write {}: {}", path.display(), reason(e));
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| cannot(&e))?;
    tmp.write_all(bytes).map_err(|e| cannot(&e))?;
    tmp.as_file().sync_all().map_err(|e| cannot(&e))?;
    match tmp.persist_noclobber(path) {
        Ok(_) => Ok(true),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(cannot(&e.error)),
    }
}

/// Writes the `--chart` picture to `path` (atomically, as [`write_file`]); with `check`
/// (`--embed --check`), writes nothing and fails as [`Stale`] when the file does not already
/// hold `svg`.
pub fn write_chart(path: &std::path::Path, svg: &str, check: bool) -> anyhow::Result<()> {
    if !check {
        return write_file(path, svg.as_bytes());
    }
    let existing = std::fs::read(path).unwrap_or_default();
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
