//! The ids defined so far, and what defining one again means: a replacement when the earlier
//! definition is in the layer underneath, a duplicate when it is in the same layer.

use std::collections::HashMap;
use std::path::Path;

use super::{FileProblems, is_kebab};
use crate::diagnostic::locate::Locations;
use crate::diagnostic::{Diagnostic, LineIndex};

/// The file being checked, and its layer: 0 for the base, 1 for files laid over it.
pub(super) struct Current<'a, 'p> {
    pub(super) file: &'a Path,
    pub(super) text: &'a str,
    pub(super) layer: u8,
    pub(super) problems: &'p mut FileProblems,
}

/// Where an id was last defined, or removed.
struct Definition<'a> {
    file: &'a Path,
    text: &'a str,
    /// The YAML path of its id (of the `remove:` entry, when removed).
    path: String,
    layer: u8,
    removed: bool,
}

/// The places of the files' nodes, found once per file when a note needs one.
type Located<'a> = HashMap<&'a Path, (Locations, LineIndex)>;

/// `at line L, column C of this file`, `at FILE:L:C` or `in FILE`: where `definition` is, for
/// notes about it in `from`.
fn place<'a>(located: &mut Located<'a>, definition: &Definition<'a>, from: &Path) -> String {
    let (locations, lines) = located.entry(definition.file).or_insert_with(|| {
        (
            Locations::of(definition.text),
            LineIndex::new(definition.text),
        )
    });
    let place = locations
        .find(&definition.path)
        .map(|span| lines.line_col(definition.text, span.start));
    match place {
        Some((line, column)) if definition.file == from => {
            format!("at line {line}, column {column} of this file")
        }
        Some((line, column)) => format!("at {}:{line}:{column}", definition.file.display()),
        None => format!("in {}", definition.file.display()),
    }
}

/// What a definition does to the rule base.
pub(super) enum Defined<'a> {
    /// Adds the id (a second definition in one layer is reported, and also added).
    New,
    /// Replaces the entry the layer underneath defined in this file.
    Replaces(&'a Path),
}

/// Every id defined so far, by kind (`rule`, `source`, `next step`, ...).
#[derive(Default)]
pub(super) struct Ids<'a> {
    map: HashMap<(&'static str, String), Definition<'a>>,
    located: Located<'a>,
}

impl<'a> Ids<'a> {
    /// Records the definition of `id` at the YAML path `path`, reporting an id that is not
    /// kebab-case or was defined before in the same layer.
    pub(super) fn define(
        &mut self,
        current: &mut Current<'a, '_>,
        kind: &'static str,
        id: &str,
        path: &str,
    ) -> Defined<'a> {
        let id_path = format!("{path}/id");
        if matches!(kind, "rule" | "source" | "next step" | "promise") && !is_kebab(id) {
            current.problems.push(
                &id_path,
                Diagnostic::nowhere(format!("{kind} id \"{id}\" is not kebab-case")).note(
                    "allowed: lower-case letters and digits in words joined by single dashes, e.g. \"secret-data-stays-inside\"",
                ),
            );
        }
        let definition = Definition {
            file: current.file,
            text: current.text,
            path: id_path,
            layer: current.layer,
            removed: false,
        };
        let key = (kind, id.to_owned());
        let Some(first) = self.map.get(&key) else {
            self.map.insert(key, definition);
            return Defined::New;
        };
        if first.layer < current.layer {
            let replaced = first.file;
            self.map.insert(key, definition);
            return Defined::Replaces(replaced);
        }
        let what = if first.removed {
            "removed"
        } else {
            "first defined"
        };
        let note = format!("{what} {}", place(&mut self.located, first, current.file));
        current.problems.push(
            &definition.path,
            Diagnostic::nowhere(format!("duplicate {kind} id \"{id}\"")).note(note),
        );
        Defined::New
    }

    /// Records that `id`, listed at the YAML path `path` of a `remove:` section, takes away
    /// the entry of the layer underneath; reports an id it does not have. True when removed.
    pub(super) fn remove(
        &mut self,
        current: &mut Current<'a, '_>,
        kind: &'static str,
        id: &str,
        path: &str,
    ) -> bool {
        let key = (kind, id.to_owned());
        let problem = match self.map.get(&key) {
            Some(first) if first.layer < current.layer => None,
            Some(first) if first.removed => Some(
                Diagnostic::nowhere(format!("{kind} \"{id}\" is removed twice")).note(format!(
                    "first removed {}",
                    place(&mut self.located, first, current.file)
                )),
            ),
            Some(first) => Some(
                Diagnostic::nowhere(format!(
                    "cannot remove {kind} \"{id}\": it is one of yours, not built in"
                ))
                .note(format!(
                    "defined {}",
                    place(&mut self.located, first, current.file)
                ))
                .note("`remove:` takes away built-in entries; to drop one of yours, delete it"),
            ),
            None => {
                let ids = self.below(kind, current.layer);
                let listed = match kind {
                    "rule" => "`llm-strategy rules list` shows them",
                    "promise" => "rules/promises.yaml lists them",
                    _ => "rules/next-steps.yaml lists them",
                };
                Some(
                    Diagnostic::nowhere(format!("unknown built-in {kind} \"{id}\""))
                        .note(format!("allowed: the id of a built-in {kind} ({listed})"))
                        .suggest(id, ids.iter().copied()),
                )
            }
        };
        if let Some(diagnostic) = problem {
            current.problems.push(path, diagnostic);
            return false;
        }
        let removal = Definition {
            file: current.file,
            text: current.text,
            path: path.to_owned(),
            layer: current.layer,
            removed: true,
        };
        self.map.insert(key, removal);
        true
    }

    /// The ids of a kind that the layers under `layer` define, sorted.
    fn below(&self, kind: &str, layer: u8) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .map
            .iter()
            .filter(|((k, _), d)| *k == kind && d.layer < layer && !d.removed)
            .map(|((_, id), _)| id.as_str())
            .collect();
        ids.sort_unstable();
        ids
    }
}
