//! Reading an input file: the one place that opens answers, rule, pricing, test-case and
//! document files, refuses what is not a regular file or is too large, and checks UTF-8.
//! An answers file named `-` is standard input, read with the same limit and checks and
//! named `<stdin>` in messages.

use std::io::Read as _;
use std::path::Path;

/// How messages name standard input, read in place of an answers file named `-`.
pub const STDIN: &str = "<stdin>";

/// The name a scenario read from standard input goes by when it names none: its default
/// scenario name and `--embed` region.
pub const STDIN_STEM: &str = "stdin";

/// Whether `path` is `-`, which stands for standard input where an answers file is read.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// How messages name the file at `path`: `<stdin>` for `-`, else the path itself.
pub fn shown(path: &Path) -> &Path {
    if is_stdin(path) {
        Path::new(STDIN)
    } else {
        path
    }
}

/// The name a scenario from `path` goes by when it names none (and the default `--embed`
/// region): the file's stem, `stdin` for standard input (`-` or `<stdin>`), or `scenario`.
pub fn stem(path: &Path) -> String {
    if is_stdin(path) || path.as_os_str() == STDIN {
        return STDIN_STEM.to_owned();
    }
    path.file_stem().map_or_else(
        || "scenario".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    )
}

use super::{Invalid, LineIndex};

/// The kinds of file the tool reads, each with its name in messages and its size limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A scenario's answers (TOML).
    Answers,
    /// A rule file (YAML).
    Rules,
    /// A pricing file (YAML).
    Pricing,
    /// A model-price catalogue (litellm's JSON), imported onto a pricing file.
    Catalogue,
    /// A file of rule test cases (YAML).
    Cases,
    /// A Markdown document that reports are embedded into.
    Document,
    /// A JSON report saved earlier, which `assess --since` compares with.
    Report,
}

impl Kind {
    /// How messages name one file of this kind.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Answers => "answers file",
            Kind::Rules => "rule file",
            Kind::Pricing => "pricing file",
            Kind::Catalogue => "price catalogue",
            Kind::Cases => "test file",
            Kind::Document => "document",
            Kind::Report => "report",
        }
    }

    /// The largest file of this kind that is read, in bytes.
    pub fn limit(self) -> u64 {
        const MIB: u64 = 1024 * 1024;
        match self {
            Kind::Answers | Kind::Pricing => MIB,
            Kind::Rules => 4 * MIB,
            Kind::Document | Kind::Report => 8 * MIB,
            Kind::Cases | Kind::Catalogue => 16 * MIB,
        }
    }
}

/// Reads a file of the given kind as UTF-8 text; an answers file named `-` is read from
/// standard input (see [`is_stdin`]).
///
/// A file that cannot be opened or read is an I/O error (exit status 1). One that is not a
/// regular file, is over the kind's size limit or is not UTF-8 is [`Invalid`] (exit status 2).
pub fn read(path: &Path, kind: Kind) -> anyhow::Result<String> {
    if kind == Kind::Answers && is_stdin(path) {
        return read_limited(Path::new(STDIN), std::io::stdin().lock(), kind);
    }
    let noun = kind.noun();
    let cannot = |e: std::io::Error| anyhow::anyhow!("cannot read {noun} {}: {e}", path.display());
    let metadata = std::fs::metadata(path).map_err(cannot)?;
    if !metadata.is_file() {
        return Err(Invalid(format!(
            "{}: this is {}, not a regular file; {noun}s are read only from regular files",
            path.display(),
            what_it_is(metadata.file_type())
        ))
        .into());
    }
    read_limited(path, std::fs::File::open(path).map_err(cannot)?, kind)
}

/// The bytes of a regular file that is about to be replaced, to compare with what would be
/// written: `None` when there is none, it is not a regular file (a pipe or device is never
/// read) or it is longer than `expected`, which it then cannot equal.
pub fn existing(path: &Path, expected: usize) -> Option<Vec<u8>> {
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_file() || metadata.len() > expected as u64 {
        return None;
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(expected as u64 + 1)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(bytes)
}

/// Reads `source` (the file at `path`, or standard input) up to the kind's limit as UTF-8 text.
fn read_limited(path: &Path, source: impl std::io::Read, kind: Kind) -> anyhow::Result<String> {
    let noun = kind.noun();
    let limit = kind.limit();
    let mut bytes = Vec::new();
    source
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| anyhow::anyhow!("cannot read {noun} {}: {e}", path.display()))?;
    Ok(text(path, bytes, kind)?)
}

/// The bytes of the file at `path`, read by the caller (a document read again under the lock
/// that writing it takes), as text, checked as [`read`] checks them: the kind's size limit, and
/// UTF-8.
pub fn text(path: &Path, bytes: Vec<u8>, kind: Kind) -> Result<String, Invalid> {
    let noun = kind.noun();
    let limit = kind.limit();
    if bytes.len() as u64 > limit {
        return Err(Invalid(format!(
            "{}: the {noun} is larger than the limit of {} MiB",
            path.display(),
            limit / (1024 * 1024)
        )));
    }
    String::from_utf8(bytes).map_err(|e| not_utf8(path, e.as_bytes(), e.utf8_error(), kind))
}

/// What a file that is not a regular file is, in words.
fn what_it_is(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return "a named pipe";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// The bytes of a file of the given kind as text, or where they stop being UTF-8.
pub fn utf8<'a>(path: &Path, bytes: &'a [u8], kind: Kind) -> Result<&'a str, Invalid> {
    std::str::from_utf8(bytes).map_err(|e| not_utf8(path, bytes, e, kind))
}

/// Where `bytes` stop being UTF-8, as `error` found.
fn not_utf8(path: &Path, bytes: &[u8], error: std::str::Utf8Error, kind: Kind) -> Invalid {
    let valid = &bytes[..error.valid_up_to()];
    // The valid prefix is UTF-8 by construction.
    let prefix = std::str::from_utf8(valid).unwrap_or_default();
    let (line, column) = LineIndex::new(prefix).line_col(prefix, prefix.len());
    Invalid(format!(
        "{}:{line}:{column}: the file is not valid UTF-8 (byte 0x{:02x}); {}s must be UTF-8 text",
        path.display(),
        bytes[error.valid_up_to()],
        kind.noun()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_parsed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.toml");
        let limit = usize::try_from(Kind::Answers.limit()).unwrap();
        std::fs::write(&path, "#".repeat(limit + 1)).unwrap();
        let error = read(&path, Kind::Answers).unwrap_err();
        assert!(error.downcast_ref::<Invalid>().is_some(), "{error}");
        assert!(
            error
                .to_string()
                .ends_with("the answers file is larger than the limit of 1 MiB"),
            "{error}"
        );
        std::fs::write(&path, "#".repeat(limit)).unwrap();
        assert_eq!(read(&path, Kind::Answers).unwrap().len(), limit);
    }

    #[test]
    fn a_directory_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let error = read(dir.path(), Kind::Pricing).unwrap_err();
        assert!(error.downcast_ref::<Invalid>().is_some(), "{error}");
        assert!(error.to_string().contains("this is a directory"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("answers.toml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: nothing to test
        }
        let error = read(&fifo, Kind::Answers).unwrap_err();
        assert!(
            error.to_string().contains("this is a named pipe"),
            "{error}"
        );
    }

    #[test]
    fn utf8_errors_name_the_place_and_the_byte() {
        let error = utf8(Path::new("r.yaml"), b"a: 1\nb: \xff\n", Kind::Rules).unwrap_err();
        assert_eq!(
            error.to_string(),
            "r.yaml:2:4: the file is not valid UTF-8 (byte 0xff); rule files must be UTF-8 text"
        );
    }
}
