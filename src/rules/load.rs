//! Where a rule base comes from: the archive `build.rs` made of the built-in rules, the
//! built-in YAML files themselves, a directory of your own, or files already in memory; and a
//! pricing file laid over any of them.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use super::{Digest, RuleBase, Selection, check, layer, load_layered};
use crate::cost::{Pricing, pricing};
use crate::diagnostic::{Invalid, input};

static BUILT_IN: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/rules");

/// A rule file's name and text, before parsing.
#[derive(Debug, Clone)]
pub struct RuleFile {
    /// How messages name the file.
    pub path: PathBuf,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Checks rule files already in memory as a rule base of their own, as [`load_dir`] does for
/// files on disk.
pub fn from_files(files: &[RuleFile]) -> Result<RuleBase, Invalid> {
    let (pricing, digest) = built_in_pricing()?;
    check::compile(&check::Layers::alone(files, false), pricing, digest)
}

/// The name under which `build.rs` writes the archived built-in rule base.
pub const ARCHIVE_FILE: &str = "rule-base.rkyv";

/// The rule base compiled into the binary: checked when the binary was built and stored as an
/// archive, so loading it parses nothing. It is the rule base [`built_in_parsed`] gives.
pub fn built_in() -> anyhow::Result<RuleBase> {
    // Read in place: the bytes are stored aligned as the archive's reader needs, and the
    // texts stay where they are.
    super::in_place::read(&crate::ARCHIVED_RULE_BASE.0)
        .map_err(|e| anyhow::anyhow!("the rule base built into this binary is damaged: {e}"))
}

/// The rule base compiled into the binary, parsed and checked from its YAML files as
/// `rules check` does: what `build.rs` archives, and what tests compare [`built_in`] with.
pub fn built_in_parsed() -> Result<RuleBase, Invalid> {
    let (pricing, digest) = built_in_pricing()?;
    check::compile(
        &check::Layers::alone(&built_in_files(), true),
        pricing,
        digest,
    )
}

/// The built-in pricing and the digest of its bytes.
pub(super) fn built_in_pricing() -> Result<(Pricing, Digest), Invalid> {
    Ok((
        pricing::built_in()?,
        Digest::of([pricing::BUILT_IN.as_bytes()]),
    ))
}

/// A pricing file and the digest of its bytes.
pub(super) fn pricing_file(path: &Path) -> anyhow::Result<(Pricing, Digest)> {
    let text = input::read(path, input::Kind::Pricing)?;
    Ok((pricing::parse(path, &text)?, Digest::of([text.as_bytes()])))
}

/// The rule files compiled into the binary, in name order.
pub fn built_in_files() -> Vec<RuleFile> {
    let mut files: Vec<RuleFile> = BUILT_IN
        .files()
        .filter(|f| is_rule_file(f.path()))
        .map(|f| RuleFile {
            path: Path::new("rules").join(f.path()),
            bytes: f.contents().to_vec(),
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The test case files stored with the built-in rule base (`rules/tests/*.yaml`), by name.
pub fn built_in_tests() -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = BUILT_IN
        .get_dir("tests")
        .map(|dir| {
            dir.files()
                .filter(|f| is_rule_file(f.path()))
                .map(|f| (Path::new("rules").join(f.path()), f.contents().to_vec()))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Loads every `*.yaml` / `*.yml` file directly inside `dir` (not sub-directories) as a rule
/// base of its own (`--rules-only DIR`).
pub fn load_dir(dir: &Path) -> anyhow::Result<RuleBase> {
    let files = dir_files(dir)?;
    layer::with_dir_pricing(dir, |pricing, digest| {
        check::compile(&check::Layers::alone(&files, false), pricing, digest)
    })
}

/// The rule files directly inside `dir`, in name order; an error when there are none.
pub fn dir_files(dir: &Path) -> anyhow::Result<Vec<RuleFile>> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| anyhow::anyhow!("cannot read rules directory {}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry
            .map_err(|e| anyhow::anyhow!("cannot read rules directory {}: {e}", dir.display()))?;
        let path = entry.path();
        // A pipe or device with a rule file's name is refused by `input::read`, not skipped.
        if !path.is_dir() && is_rule_file(&path) {
            let bytes = input::read(&path, input::Kind::Rules)?.into_bytes();
            files.push(RuleFile { path, bytes });
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    if files.is_empty() {
        return Err(Invalid(format!(
            "{}: no rule files (*.yaml or *.yml) in this directory",
            dir.display()
        ))
        .into());
    }
    Ok(files)
}

/// Loads the selected rule base; with `pricing`, that pricing file replaces the one beside the
/// rules.
pub fn load(selection: &Selection, pricing: Option<&Path>) -> anyhow::Result<RuleBase> {
    let mut base = match selection {
        Selection::BuiltIn => built_in()?,
        Selection::Layered(dir) => load_layered(dir)?,
        Selection::Only(dir) => load_dir(dir)?,
    };
    if let Some(path) = pricing {
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            // litellm's price catalogue, laid over the pricing the rules come with.
            let text = input::read(path, input::Kind::Catalogue)?;
            // The catalogue carries no dates: the day it is imported stands for the day its
            // prices were observed, so import a freshly downloaded copy.
            let date = pricing::catalogue::civil(crate::cost::staleness::today()?);
            base.pricing = pricing::catalogue::import(base.pricing, path, &text, &date)?;
            let under = base.identity.pricing.to_string();
            base.identity.pricing = Digest::of([under.as_bytes(), text.as_bytes()]);
        } else {
            (base.pricing, base.identity.pricing) = pricing_file(path)?;
        }
        base.pricing_file = path.display().to_string();
    }
    Ok(base)
}

/// The pricing file's name; it sits beside the rules but is not a rule file.
pub const PRICING_FILE: &str = "pricing.yaml";

fn is_rule_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    ) && path.file_name().is_none_or(|n| n != PRICING_FILE)
}
