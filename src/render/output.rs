//! Writing what users read: reports on stdout, short notices on stderr, files through
//! [`safe_write`](super::safe_write). Nothing here panics: a report that cannot be printed is
//! an error (exit status 1), a notice that cannot be printed is dropped.

use std::io::Write as _;

use crate::embed::Stale;

use super::safe_write;

/// Prints text on stdout. A closed pipe (`| head`) is not an error worth reporting; any other
/// failure, and a standard output that was closed (`>&-`), is.
pub fn print(text: &str) -> anyhow::Result<()> {
    if stdout_closed() {
        anyhow::bail!("cannot write to standard output: it is closed");
    }
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => anyhow::bail!("cannot write to standard output: {e}"),
        Ok(()) => Ok(()),
    }
}

/// Prints a one-line notice on stderr, such as what an embed did to a document. A stderr
/// that cannot be written (closed, or a full disk) loses the notice, and nothing else.
pub fn notice(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{text}").and_then(|()| stderr.flush());
}

/// Prints what the command line parser has to say (help and version on stdout, a usage error
/// on stderr) and returns the exit status: the parser's, or 1 when the help could not be
/// printed.
pub fn parser_message(error: &clap::Error) -> u8 {
    let status = u8::try_from(error.exit_code()).unwrap_or(2);
    if error.use_stderr() {
        let _ = error.print();
        return status;
    }
    let printed = if stdout_closed() {
        Err(std::io::Error::other("it is closed"))
    } else {
        error.print().and_then(|()| std::io::stdout().flush())
    };
    match printed {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            notice(&format!("error: cannot write to standard output: {e}"));
            1
        }
        _ => status,
    }
}

/// Whether standard output was closed when the program started (`>&-`). The Rust runtime then
/// opens `/dev/null` for reading and writing in its place, so that writes vanish; a shell's
/// `>/dev/null` opens it for writing only, and is kept as a place to send output.
#[cfg(unix)]
fn stdout_closed() -> bool {
    use std::os::fd::AsFd as _;
    use std::os::unix::fs::{FileTypeExt as _, MetadataExt as _};
    let stdout = std::io::stdout();
    let fd = stdout.as_fd();
    let Ok(flags) = rustix::fs::fcntl_getfl(fd) else {
        return true;
    };
    if flags & rustix::fs::OFlags::RWMODE != rustix::fs::OFlags::RDWR {
        return false;
    }
    let Ok(own) = fd.try_clone_to_owned().map(std::fs::File::from) else {
        return false;
    };
    match (own.metadata(), std::fs::metadata("/dev/null")) {
        (Ok(own), Ok(null)) => own.file_type().is_char_device() && own.rdev() == null.rdev(),
        _ => false,
    }
}

/// Elsewhere a closed standard output cannot be told from one that discards.
#[cfg(not(unix))]
fn stdout_closed() -> bool {
    false
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

/// Writes the `--chart` picture to `path` (see [`safe_write::write_file`]; `force` as there);
/// with `check` (`--embed --check`), writes nothing and fails as [`Stale`] when the file does
/// not already hold `svg`.
pub fn write_chart(
    path: &std::path::Path,
    svg: &str,
    check: bool,
    force: bool,
) -> anyhow::Result<()> {
    if !check {
        return safe_write::write_file(path, svg.as_bytes(), force);
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
