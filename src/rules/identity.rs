//! Which rules and pricing a rule base was built from, as short digests of their bytes, so an
//! embedded region can record them and `--check` can tell when they changed.

use std::fmt;

use sha2::{Digest as _, Sha256};

use super::RuleFile;

/// The first 12 hex digits (6 bytes) of a SHA-256: short enough for a marker line, long
/// enough that two different rule bases sharing one is out of the question in practice.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct Digest([u8; 6]);

impl Digest {
    /// Hex digits in a digest's written form.
    pub const HEX_LEN: usize = 12;

    /// The digest of several byte strings, each length-prefixed so that moving bytes from
    /// one part to the next changes it.
    pub fn of<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> Self {
        let mut hasher = Sha256::new();
        for part in parts {
            hasher.update((part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        let full = hasher.finalize();
        let mut short = [0; 6];
        short.copy_from_slice(&full[..6]);
        Digest(short)
    }

    /// The digest of rule files: each file's name (not its directory, so the same files
    /// anywhere give the same digest) and bytes, in the order given.
    pub fn of_rule_files<'a>(files: impl IntoIterator<Item = &'a RuleFile>) -> Self {
        let files: Vec<&RuleFile> = files.into_iter().collect();
        let names: Vec<Vec<u8>> = files
            .iter()
            .map(|f| {
                f.path
                    .file_name()
                    .map(|n| n.to_string_lossy().as_bytes().to_vec())
                    .unwrap_or_default()
            })
            .collect();
        Digest::of(
            names
                .iter()
                .zip(files)
                .flat_map(|(name, file)| [name.as_slice(), file.bytes.as_slice()]),
        )
    }

    /// Reads a digest written by [`Digest`]'s `Display`: exactly 12 lowercase hex digits.
    pub fn parse(text: &str) -> Option<Self> {
        let lower_hex = |c: char| c.is_ascii_digit() || ('a'..='f').contains(&c);
        if text.len() != Self::HEX_LEN || !text.chars().all(lower_hex) {
            return None;
        }
        let mut bytes = [0; 6];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
        }
        Some(Digest(bytes))
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for byte in self.0 {
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}

/// The digests of the rule files and the pricing a rule base was built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Identity {
    /// The rule files' names and bytes.
    pub rules: Digest,
    /// The pricing file's bytes (with an imported price catalogue, those of both).
    pub pricing: Digest,
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn digests_are_12_hex_digits_and_read_back() {
        let d = Digest::of([b"abc".as_slice()]);
        let text = d.to_string();
        assert_eq!(text.len(), Digest::HEX_LEN);
        assert_eq!(Digest::parse(&text), Some(d));
        assert_eq!(
            Digest::parse("0123456789ab").unwrap().to_string(),
            "0123456789ab"
        );
    }

    #[test]
    fn sha256_prefix() {
        // SHA-256 of the empty string starts e3b0c44298fc; one empty part is its length
        // prefix (eight zero bytes) alone.
        assert_eq!(Digest::of([]).to_string(), "e3b0c44298fc");
        assert_ne!(Digest::of([b"".as_slice()]), Digest::of([]));
    }

    #[test]
    fn parts_are_delimited() {
        let ab_c = Digest::of([b"ab".as_slice(), b"c"]);
        let a_bc = Digest::of([b"a".as_slice(), b"bc"]);
        assert_ne!(ab_c, a_bc);
    }

    #[test]
    fn only_exact_lowercase_hex_parses() {
        for bad in [
            "",
            "0123456789a",
            "0123456789abc",
            "0123456789AB",
            "0123456789ag",
        ] {
            assert_eq!(Digest::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn rule_files_digest_ignores_the_directory_but_not_names_or_bytes() {
        let file = |path: &str, bytes: &[u8]| RuleFile {
            path: PathBuf::from(path),
            bytes: bytes.to_vec(),
        };
        let here = Digest::of_rule_files(&[file("rules/a.yaml", b"x: 1")]);
        let there = Digest::of_rule_files(&[file("/elsewhere/a.yaml", b"x: 1")]);
        assert_eq!(here, there);
        assert_ne!(
            here,
            Digest::of_rule_files(&[file("rules/b.yaml", b"x: 1")])
        );
        assert_ne!(
            here,
            Digest::of_rule_files(&[file("rules/a.yaml", b"x: 2")])
        );
    }
}
