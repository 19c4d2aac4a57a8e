//! Checking rule files: raw YAML into a [`RuleBase`], with every problem located and reported.
//!
//! Problems are recorded against a YAML path (`rules/3/when/is`); only when a file has
//! problems is it parsed again for positions, so loading a good rule base stays cheap.

mod condition;
mod ids;
mod promise;
mod rule;
mod sections;

use super::raw::RawFile;
use super::{Digest, Identity, RuleBase, RuleFile};
use crate::diagnostic::locate::Locations;
use crate::diagnostic::{Diagnostic, Invalid, Problems, SHOWN, input, yaml};
use crate::questions::quote_list;

/// The topics a next step may have, in the order reports list them.
pub const TOPICS: [&str; 7] = [
    "objectives",
    "data",
    "responsible-use",
    "monitoring",
    "team",
    "vendor",
    "infrastructure",
];

/// Whether `id` is lower-case kebab-case: `a-z0-9` words joined by single dashes.
pub(crate) fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Problems of one file, each with the YAML path it concerns; spans are found only if needed.
/// The first [`SHOWN`] found are kept, the rest only counted.
pub(super) struct FileProblems {
    items: Vec<(String, Diagnostic)>,
    more: usize,
}

impl FileProblems {
    fn push(&mut self, path: impl Into<String>, diagnostic: Diagnostic) {
        self.push_with(path, || diagnostic);
    }

    /// Records a problem, building it only when it is kept.
    fn push_with(&mut self, path: impl Into<String>, make: impl FnOnce() -> Diagnostic) {
        if self.items.len() < SHOWN {
            self.items.push((path.into(), make()));
        } else {
            self.more += 1;
        }
    }
}

/// The rule files to compile: a base, and files laid over it (none when the base stands
/// alone).
pub(crate) struct Layers<'a> {
    /// The files of the rule base underneath.
    base: &'a [RuleFile],
    /// Whether those are the built-in rule files.
    built_in: bool,
    /// The files laid over the base.
    over: &'a [RuleFile],
}

impl<'a> Layers<'a> {
    /// Files that make a rule base on their own; `built_in` says whether they are the built-in
    /// rule files.
    pub(crate) fn alone(files: &'a [RuleFile], built_in: bool) -> Self {
        Layers {
            base: files,
            built_in,
            over: &[],
        }
    }

    /// Files laid over the built-in rule files.
    pub(crate) fn over_built_in(built_in: &'a [RuleFile], over: &'a [RuleFile]) -> Self {
        Layers {
            base: built_in,
            built_in: true,
            over,
        }
    }

    /// Every file with its layer: 0 for the base, 1 for the files laid over it.
    fn files(&self) -> impl Iterator<Item = (u8, &'a RuleFile)> {
        let base = self.base.iter().map(|f| (0, f));
        base.chain(self.over.iter().map(|f| (1, f)))
    }
}

/// A rule file that parsed as YAML, with the problems found while checking it.
struct Parsed<'a> {
    file: &'a RuleFile,
    layer: u8,
    text: &'a str,
    raw: RawFile,
    problems: FileProblems,
}

/// Parses and checks rule files into a rule base, or reports every problem.
pub(crate) fn compile(
    layers: &Layers<'_>,
    pricing: crate::cost::Pricing,
    pricing_digest: Digest,
) -> Result<RuleBase, Invalid> {
    let mut out = String::new();
    let mut parsed = Vec::new();
    for (layer, file) in layers.files() {
        match parse(file, layer) {
            Ok(p) => parsed.push(p),
            Err(message) => out.push_str(&message),
        }
    }
    // Once each: a layered file may define a source again to replace it.
    let mut source_ids: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for id in parsed
        .iter()
        .flat_map(|p| p.raw.sources.iter().map(|s| &s.id))
    {
        if seen.insert(id) {
            source_ids.push(id.clone());
        }
    }
    // A file that did not parse may define sources; without it, references cannot be judged.
    let all_parsed = parsed.len() == layers.files().count();
    let mut builder = sections::Builder::new(source_ids, all_parsed, layers.built_in);
    for p in &mut parsed {
        let raw = std::mem::take(&mut p.raw);
        let current = ids::Current {
            file: &p.file.path,
            text: p.text,
            layer: p.layer,
            problems: &mut p.problems,
        };
        builder.file(current, raw);
    }
    for p in &mut parsed {
        if p.problems.items.is_empty() {
            continue;
        }
        let locations = Locations::of(p.text);
        let mut problems = Problems::new(&p.file.path, p.text);
        for (path, mut d) in p.problems.items.drain(..) {
            d.span = locations.find(&path);
            problems.push(d);
        }
        problems.also_found(p.problems.more);
        if let Err(Invalid(text)) = problems.finish() {
            out.push_str(&text);
            out.push('\n');
        }
    }
    let identity = Identity {
        rules: Digest::of_rule_files(layers.files().map(|(_, f)| f)),
        pricing: pricing_digest,
    };
    let (base, missing) = builder.finish(pricing, identity, !layers.over.is_empty());
    for message in missing {
        out.push_str(&message);
        out.push('\n');
    }
    match base {
        Some(base) if out.is_empty() => Ok(base),
        _ => Err(Invalid(out.trim_end().to_owned())),
    }
}

fn parse(file: &RuleFile, layer: u8) -> Result<Parsed<'_>, String> {
    let text = input::utf8(&file.path, &file.bytes, input::Kind::Rules)
        .map_err(|Invalid(message)| format!("{message}\n"))?;
    let raw = if text.trim().is_empty() {
        RawFile::default()
    } else {
        yaml::from_str::<RawFile>(&file.path, text).map_err(|Invalid(e)| format!("{e}\n"))?
    };
    Ok(Parsed {
        file,
        layer,
        text,
        raw,
        problems: FileProblems {
            items: Vec::new(),
            more: 0,
        },
    })
}

/// Checks that each of the four options was described; returns them in order if so.
fn complete<T>(
    global: &mut Vec<String>,
    what: &str,
    section: &str,
    names: [&str; 4],
    found: [Option<T>; 4],
) -> Option<[T; 4]> {
    for (name, info) in names.iter().zip(&found) {
        if info.is_none() {
            global.push(format!(
                "rules: {what} {name} is not described in any file (add it under `{section}:`)"
            ));
        }
    }
    let [a, b, c, d] = found;
    Some([a?, b?, c?, d?])
}

pub(super) fn require_text(problems: &mut FileProblems, path: &str, key: &str, text: &str) {
    if text.trim().is_empty() {
        problems.push(
            format!("{path}/{key}"),
            Diagnostic::nowhere(format!("`{key}` is empty")).note("allowed: a non-empty string"),
        );
    }
}

pub(super) fn names<T>(
    problems: &mut FileProblems,
    path: &str,
    list: &[String],
    parse: impl Fn(&str) -> Option<T>,
    allowed: &[&str],
) -> Vec<T> {
    let mut out = Vec::new();
    for (i, name) in list.iter().enumerate() {
        match parse(name) {
            Some(v) => out.push(v),
            None => {
                problems.push(
                    format!("{path}/{i}"),
                    Diagnostic::nowhere(format!("unknown name \"{name}\""))
                        .note(format!("allowed: one of {}", quote_list(allowed)))
                        .suggest(name, allowed.iter().copied()),
                );
            }
        }
    }
    out
}
