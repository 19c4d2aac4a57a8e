//! Reading an input file: the one place that opens answers, rule, pricing, test-case and
//! document files, refuses what is not a regular file or is too large, and checks UTF-8.

use std::io::Read as _;
use std::path::Path;

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
    /// A file of rule test cases (YAML).
    Cases,
    /// A Markdown document that reports are embedded into.
    Document,
}

impl Kind {
    /// How messages name one file of this kind.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Answers => "answers file",
            Kind::Rules => "rule file",
            Kind::Pricing => "pricing file",
            Kind::Cases => "test file",
            Kind::Document => "document",
        }
    }

    /// The largest file of this kind that is read, in bytes.
    pub fn limit(self) -> u64 {
        const MIB: u64 = 1024 * 1024;
        match self {
            Kind::Answers | Kind::Pricing => MIB,
            Kind::Rules => 4 * MIB,
            Kind::Document => 8 * MIB,
            Kind::Cases => 16 * MIB,
        }
    }
}

/// Reads a file of the given kind as UTF-8 text.
///
/// A file that cannot be opened or read is an I/O error (exit status 1). One that is not a
/// regular file, is over the kind's size limit or is not UTF-8 is [`Invalid`] (exit status 2).
pub fn read(path: &Path, kind: Kind) -> anyhow::Result<String> {
    let noun = kind.noun();
    let cannot = |e: std::io::Error| anyhow::anyhow!("cannot read {noun} {}: {e}", path.display());
    let metadata = std::fs::metadata(path).map_err(cannot)?;
    if !metadata.is_file() {
        return Err(Invalid(format!(
            "{}: not a regular file; the {noun} must be a file",
            path.display()
        ))
        .into());
    }
    let limit = kind.limit();
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(cannot)?
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(Invalid(format!(
            "{}: the {noun} is larger than the limit of {} MiB",
            path.display(),
            limit / (1024 * 1024)
        ))
        .into());
    }
    let text = utf8(path, &bytes, kind)?;
    Ok(text.to_owned())
}

/// The bytes of a file of the given kind as text, or where they stop being UTF-8.
pub fn utf8<'a>(path: &Path, bytes: &'a [u8], kind: Kind) -> Result<&'a str, Invalid> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        // The valid prefix is UTF-8 by construction.
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        let (line, column) = LineIndex::new(prefix).line_col(prefix, prefix.len());
        Invalid(format!(
            "{}:{line}:{column}: the file is not valid UTF-8 (byte 0x{:02x}); {}s must be UTF-8 text",
            path.display(),
            bytes[e.valid_up_to()],
            kind.noun()
        ))
    })
}
