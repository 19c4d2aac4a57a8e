//! Layering: your rule files laid over the built-in rule base (`--rules DIR`) or used alone
//! (`--rules-only DIR`), and where each rule of the result comes from.
//!
//! A layered file merges with the base by id, section by section. A source, a strategy or
//! approach description, a rule or a next step whose id the base has replaces the base's
//! entry whole (a rule or next step keeps its place in the order); a new id is added after the
//! base's entries. `remove: { rules: [..], next_steps: [..], promises: [..] }` takes base rules,
//! next steps and promises away. Within one layer an id is still defined once. A `pricing.yaml` beside the layered
//! files replaces the built-in pricing whole.

use std::path::{Path, PathBuf};

use super::check::{self, Layers};
use super::{Digest, RuleBase, RuleFile};
use crate::cost::Pricing;
use crate::diagnostic::Invalid;

/// Which rule base a command reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Selection {
    /// The rule base compiled into the binary.
    #[default]
    BuiltIn,
    /// The built-in rule base with the rule files of this directory layered over it.
    Layered(PathBuf),
    /// The rule files of this directory alone, a complete rule base of their own.
    Only(PathBuf),
}

impl Selection {
    /// The directory of your rule files, if any.
    pub fn dir(&self) -> Option<&Path> {
        match self {
            Selection::BuiltIn => None,
            Selection::Layered(dir) | Selection::Only(dir) => Some(dir),
        }
    }
}

/// Where a rule of the rule base comes from.
#[derive(Debug, Clone, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub enum Origin {
    /// The built-in rule base.
    BuiltIn,
    /// A directory used alone (`--rules-only`).
    RulesOnly,
    /// A layered file, with an id the built-in rules do not have.
    Added,
    /// A layered file, replacing the built-in rule of the same id.
    Replaces {
        /// The built-in file that defines the rule it replaces.
        file: String,
    },
}

impl Origin {
    /// The origin's name in JSON: `built-in`, `rules-only`, `added` or `replaces`.
    pub fn name(&self) -> &'static str {
        match self {
            Origin::BuiltIn => "built-in",
            Origin::RulesOnly => "rules-only",
            Origin::Added => "added",
            Origin::Replaces { .. } => "replaces",
        }
    }
}

/// What layered files took away from the rule base underneath them.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct Removed {
    /// Ids of the removed rules.
    pub rules: Vec<String>,
    /// Ids of the removed next steps.
    pub next_steps: Vec<String>,
    /// Ids of the removed promises.
    pub promises: Vec<String>,
}

/// Checks rule files laid over the built-in rule base, with the built-in pricing.
pub fn over_built_in(files: &[RuleFile]) -> Result<RuleBase, Invalid> {
    let (pricing, digest) = super::built_in_pricing()?;
    let base = super::built_in_files();
    check::compile(&Layers::over_built_in(&base, files), pricing, digest)
}

/// Loads the rule files directly inside `dir` laid over the built-in rule base; a
/// `pricing.yaml` beside them replaces the built-in pricing.
pub fn load_layered(dir: &Path) -> anyhow::Result<RuleBase> {
    let files = super::dir_files(dir)?;
    let base = super::built_in_files();
    with_dir_pricing(dir, |pricing, digest| {
        check::compile(&Layers::over_built_in(&base, &files), pricing, digest)
    })
}

/// Compiles with the `pricing.yaml` of `dir` when it has one, else with the built-in pricing.
pub(super) fn with_dir_pricing(
    dir: &Path,
    compile: impl FnOnce(Pricing, Digest) -> Result<RuleBase, Invalid>,
) -> anyhow::Result<RuleBase> {
    let own_pricing = dir.join(super::PRICING_FILE);
    // Whatever is there is read (a pipe or a device is refused), never silently passed over.
    if own_pricing.exists() {
        let (pricing, digest) = super::pricing_file(&own_pricing)?;
        let mut base = compile(pricing, digest)?;
        base.pricing_file = own_pricing.display().to_string();
        Ok(base)
    } else {
        let (pricing, digest) = super::built_in_pricing()?;
        Ok(compile(pricing, digest)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Strategy;

    fn file(name: &str, text: &str) -> RuleFile {
        RuleFile {
            path: PathBuf::from("mine").join(name),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn layered(text: &str) -> Result<RuleBase, Invalid> {
        over_built_in(&[file("mine.yaml", text)])
    }

    const REPLACE: &str = "rules:\n  - id: secret-data-stays-inside\n    summary: s\n    \
                           source: dida-strategies\n    strategy: { C: 9 }\n    explanation: e\n";

    #[test]
    fn a_rule_with_a_built_in_id_replaces_it_in_place() {
        let built_in = crate::rules::built_in().unwrap();
        let base = layered(REPLACE).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(base.rules.len(), built_in.rules.len());
        let ids = |b: &RuleBase| b.rules.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&base), ids(&built_in));
        let rule = base.rule("secret-data-stays-inside").unwrap();
        assert_eq!(rule.effect.strategy[Strategy::C], 900);
        assert_eq!(rule.file, "mine/mine.yaml");
        let was = built_in.rule("secret-data-stays-inside").unwrap();
        assert_eq!(
            rule.origin,
            Origin::Replaces {
                file: was.file.to_string()
            }
        );
        assert!(base.layered && !built_in.layered);
        let other = base.rule("needs-our-knowledge").unwrap();
        assert_eq!(other.origin, Origin::BuiltIn);
    }

    #[test]
    fn a_new_rule_is_added_after_the_built_in_ones() {
        let text = "rules:\n  - id: our-own-rule\n    summary: s\n    source: public-practice\n    \
                    strategy: { A: 1 }\n    explanation: e\n";
        let built_in = crate::rules::built_in().unwrap();
        let base = layered(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(base.rules.len(), built_in.rules.len() + 1);
        let last = base.rules.last().unwrap();
        assert_eq!((&*last.id, &last.origin), ("our-own-rule", &Origin::Added));
    }

    #[test]
    fn sources_descriptions_and_next_steps_merge_by_id() {
        let text = "sources:\n  - id: public-practice\n    title: Our own practice\n    publisher: us\n  \
                    - id: our-handbook\n    title: Handbook\n    publisher: us\n\
                    approaches:\n  - id: rag\n    name: Search first\n    summary: s\n    fits: f\n    source: our-handbook\n\
                    next_steps:\n  - id: set-measurable-objectives\n    topic: objectives\n    text: Ours.\n    source: our-handbook\n  \
                    - id: ask-legal\n    topic: vendor\n    text: Ask legal.\n    source: our-handbook\n";
        let built_in = crate::rules::built_in().unwrap();
        let base = layered(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(base.sources.len(), built_in.sources.len() + 1);
        assert_eq!(
            base.source("public-practice").unwrap().title,
            "Our own practice"
        );
        assert_eq!(base.approaches.0[1].name, "Search first");
        assert_eq!(base.approaches.0[0].name, built_in.approaches.0[0].name);
        assert_eq!(base.next_steps.len(), built_in.next_steps.len() + 1);
        assert_eq!(base.next_steps[0].id, "set-measurable-objectives");
        assert_eq!(base.next_steps[0].text, "Ours.");
        assert_eq!(base.next_steps.last().unwrap().id, "ask-legal");
    }

    #[test]
    fn remove_takes_built_in_rules_and_next_steps_away() {
        let text =
            "remove:\n  rules: [common-data-no-moat]\n  next_steps: [pick-one-pilot-process]\n";
        let built_in = crate::rules::built_in().unwrap();
        let base = layered(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(base.rules.len(), built_in.rules.len() - 1);
        assert!(base.rule("common-data-no-moat").is_none());
        assert!(
            base.next_steps
                .iter()
                .all(|n| n.id != "pick-one-pilot-process")
        );
        assert_eq!(base.removed.rules, ["common-data-no-moat"]);
        assert_eq!(base.removed.next_steps, ["pick-one-pilot-process"]);
    }

    #[test]
    fn problems_in_a_layered_file_point_into_it() {
        let text = "rules:\n  - id: our-own-rule\n    summary: s\n    source: dida-strategy\n    \
                    strategy: { A: 1 }\n    explanation: e\n";
        let Invalid(message) = layered(text).unwrap_err();
        assert!(
            message.starts_with("mine/mine.yaml:4:13: unknown source \"dida-strategy\""),
            "{message}"
        );
        assert!(
            message.contains("did you mean \"dida-strategies\"?"),
            "{message}"
        );
        // The built-in descriptions still count: nothing is reported missing.
        assert!(!message.contains("not described"), "{message}");
    }

    #[test]
    fn an_id_twice_in_the_layered_files_is_still_a_duplicate() {
        let files = [file("a.yaml", REPLACE), file("b.yaml", REPLACE)];
        let Invalid(message) = over_built_in(&files).unwrap_err();
        assert!(
            message.contains("mine/b.yaml:2:9: duplicate rule id \"secret-data-stays-inside\""),
            "{message}"
        );
        assert!(
            message.contains("first defined at mine/a.yaml:2:9"),
            "{message}"
        );
    }

    #[test]
    fn remove_reports_what_it_cannot_remove() {
        let unknown = "remove:\n  rules: [common-data-no-mote]\n";
        let Invalid(message) = layered(unknown).unwrap_err();
        assert!(
            message.contains("mine/mine.yaml:2:11: unknown built-in rule \"common-data-no-mote\""),
            "{message}"
        );
        assert!(
            message.contains("did you mean \"common-data-no-moat\"?"),
            "{message}"
        );

        let own = format!("{REPLACE}remove:\n  rules: [secret-data-stays-inside]\n");
        let Invalid(message) = layered(&own).unwrap_err();
        assert!(
            message.contains("cannot remove rule \"secret-data-stays-inside\": it is one of yours"),
            "{message}"
        );

        let twice = "remove:\n  rules: [common-data-no-moat, common-data-no-moat]\n";
        let Invalid(message) = layered(twice).unwrap_err();
        assert!(message.contains("is removed twice"), "{message}");

        let then_defined = [
            file("a.yaml", "remove:\n  rules: [secret-data-stays-inside]\n"),
            file("b.yaml", REPLACE),
        ];
        let Invalid(message) = over_built_in(&then_defined).unwrap_err();
        assert!(message.contains("duplicate rule id"), "{message}");
        assert!(message.contains("removed at mine/a.yaml:2:11"), "{message}");
    }

    #[test]
    fn a_directory_alone_has_nothing_to_remove_and_must_be_complete() {
        let mut files = crate::rules::built_in_files();
        files.push(file("zz.yaml", "remove:\n  rules: [common-data-no-moat]\n"));
        let Invalid(message) = crate::rules::from_files(&files).unwrap_err();
        assert!(
            message.contains("mine/zz.yaml:1:1: `remove:` has nothing to remove here"),
            "{message}"
        );

        let Invalid(message) = crate::rules::from_files(&[file("mine.yaml", REPLACE)]).unwrap_err();
        assert!(message.contains("strategy A is not described"), "{message}");
    }

    #[test]
    fn the_rules_digest_covers_the_layered_files() {
        let built_in = crate::rules::built_in().unwrap().identity.rules;
        let one = layered(REPLACE).unwrap().identity.rules;
        let other = layered(&REPLACE.replace("C: 9", "C: 8"))
            .unwrap()
            .identity
            .rules;
        assert_ne!(one, built_in);
        assert_ne!(one, other);
        assert_eq!(one, layered(REPLACE).unwrap().identity.rules);
    }
}
