//! Writing what users read: reports on stdout, short notices on stderr.

use std::io::Write as _;

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
