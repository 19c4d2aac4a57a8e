//! The models of the rule tooling: `rules list`, `rules show` and `rules check`.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Invalid};
use crate::questions::QuestionId;
use crate::rules::{Origin, Rule, RuleBase};

/// One row of `rules list`.
#[derive(Debug, Serialize)]
pub struct Listed<'a> {
    /// Rule id.
    pub id: &'a str,
    /// One-line summary.
    pub summary: &'a str,
    /// Source id.
    pub source: &'a str,
    /// File the rule is defined in.
    pub file: &'a str,
    /// Where it comes from: `built-in`, `rules-only`, `added` or `replaces`.
    pub origin: &'static str,
    /// For a rule of yours that replaces a built-in one, the built-in file that defines it.
    pub replaces: Option<&'a str>,
}

/// The model of `rules list`: every rule, in file order.
#[derive(Debug, Serialize)]
pub struct RuleList<'a> {
    /// Version of the JSON shape.
    pub schema_version: u32,
    /// Whether your files were layered over the built-in rules.
    pub layered: bool,
    /// The rules.
    pub rules: Vec<Listed<'a>>,
    /// Built-in rules that your files removed.
    pub removed: &'a [String],
}

/// Every rule of a rule base.
pub fn list(base: &RuleBase) -> RuleList<'_> {
    RuleList {
        schema_version: crate::report::SCHEMA_VERSION,
        layered: base.layered,
        rules: base
            .rules
            .iter()
            .map(|r| Listed {
                id: &r.id,
                summary: &r.summary,
                source: &r.source,
                file: &r.file,
                origin: r.origin.name(),
                replaces: match &r.origin {
                    Origin::Replaces { file } => Some(file),
                    _ => None,
                },
            })
            .collect(),
        removed: &base.removed.rules,
    }
}

/// The model of `rules show`: one rule and the title of the source it cites.
#[derive(Debug)]
pub struct RuleDetail<'a> {
    /// The rule.
    pub rule: &'a Rule,
    /// Its source's title (empty when the source is unknown).
    pub source_title: &'a str,
}

/// The rule with this id, or an error with the closest id.
pub fn find<'a>(base: &'a RuleBase, id: &str) -> Result<&'a Rule, Invalid> {
    base.rule(id).ok_or_else(|| {
        let hint = Diagnostic::did_you_mean(id, base.rules.iter().map(|r| &*r.id))
            .map(|question| format!("; {question}"))
            .unwrap_or_default();
        Invalid(format!(
            "no rule with id \"{id}\"{hint} (`llm-strategy rules list` shows them all)"
        ))
    })
}

/// The rule with this id, with its source's title.
pub fn detail<'a>(base: &'a RuleBase, id: &str) -> Result<RuleDetail<'a>, Invalid> {
    let rule = find(base, id)?;
    let source_title = base.source(&rule.source).map_or("", |s| &*s.title);
    Ok(RuleDetail { rule, source_title })
}

/// The model of `rules check` for a rule base that loaded cleanly.
#[derive(Debug)]
pub struct CheckSummary {
    /// How the rule base is named: its directory, or "built-in rules".
    pub name: String,
    /// Number of rules.
    pub rules: usize,
    /// With files layered over the built-in rules, what they changed.
    pub layered: Option<Layering>,
    /// Number of sources.
    pub sources: usize,
    /// Number of next steps.
    pub next_steps: usize,
    /// Questions that no rule reads.
    pub unread: Vec<&'static str>,
    /// The rule base's promises, verified and kept (`rules check` fills it in).
    pub promises: crate::promises::Kept,
}

/// What files layered over the built-in rules did to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layering {
    /// Built-in rules replaced by one of the same id.
    pub replaced: usize,
    /// Rules with new ids.
    pub added: usize,
    /// Built-in rules removed.
    pub removed: usize,
}

/// What `rules check` says of a rule base that loaded cleanly.
pub fn check_summary(base: &RuleBase, name: &str) -> CheckSummary {
    let read: Vec<QuestionId> = base.rules.iter().flat_map(|r| r.when.questions()).collect();
    let count = |pick: fn(&Origin) -> bool| base.rules.iter().filter(|r| pick(&r.origin)).count();
    CheckSummary {
        name: name.to_owned(),
        rules: base.rules.len(),
        layered: base.layered.then(|| Layering {
            replaced: count(|o| matches!(o, Origin::Replaces { .. })),
            added: count(|o| *o == Origin::Added),
            removed: base.removed.rules.len(),
        }),
        sources: base.sources.len(),
        next_steps: base.next_steps.len(),
        unread: QuestionId::all()
            .filter(|q| !read.contains(q))
            .map(QuestionId::name)
            .collect(),
        promises: crate::promises::Kept::default(),
    }
}
