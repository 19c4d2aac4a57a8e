//! What a panic prints, should one still happen: one line saying it is a bug in the tool and
//! how to report it, with no backtrace. The process then exits with status 101, as any panic.

use std::io::Write as _;

/// Replaces the default panic message (and backtrace) with [`message`], written without
/// panicking even when standard error is closed.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let _ = writeln!(std::io::stderr(), "{}", message(&what, &at));
    }));
}

/// The line a panic prints: what went wrong and where, and what to send with a report.
pub fn message(what: &str, at: &str) -> String {
    let what = what.lines().next().unwrap_or_default();
    format!(
        "error: internal error in llm-strategy {} ({what} at {at}); this is a bug, not your \
         input's fault: please report it with the command line and the files it read",
        env!("CARGO_PKG_VERSION")
    )
}

#[cfg(test)]
mod tests {
    use super::message;

    #[test]
    fn one_line_with_the_place_and_what_to_send() {
        let line = message("index out of bounds\nmore", "src/engine.rs:12");
        assert!(!line.contains('\n'));
        assert!(line.contains("index out of bounds at src/engine.rs:12"));
        assert!(line.contains("please report it"));
    }
}
