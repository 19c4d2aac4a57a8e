//! Rule-base tooling output: `rules list`, `rules show` and `rules check`.

use std::fmt::Write as _;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Invalid};
use crate::options::{Approach, Strategy};
use crate::questions::QuestionId;
use crate::rules::{Rule, RuleBase};

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
}

/// Every rule as a table (id, summary, source) at the given width.
pub fn list_table(base: &RuleBase, width: u16) -> String {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(vec!["Rule", "Summary", "Source"]);
    // Ids are kept whole; the summary column wraps instead.
    if let Some(column) = table.column_mut(0) {
        column.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
    }
    for rule in &base.rules {
        table.add_row(vec![
            rule.id.as_str(),
            rule.summary.as_str(),
            rule.source.as_str(),
        ]);
    }
    format!("{table}\n{} rules\n", base.rules.len())
}

/// Every rule as JSON.
pub fn list_json(base: &RuleBase) -> String {
    let rows: Vec<Listed<'_>> = base
        .rules
        .iter()
        .map(|r| Listed {
            id: &r.id,
            summary: &r.summary,
            source: &r.source,
            file: &r.file,
        })
        .collect();
    serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n"
}

/// The rule with this id, or an error with the closest id.
pub fn find<'a>(base: &'a RuleBase, id: &str) -> Result<&'a Rule, Invalid> {
    base.rule(id).ok_or_else(|| {
        let hint = Diagnostic::did_you_mean(id, base.rules.iter().map(|r| r.id.as_str()))
            .map(|question| format!("; {question}"))
            .unwrap_or_default();
        Invalid(format!(
            "no rule with id \"{id}\"{hint} (`llm-strategy rules list` shows them all)"
        ))
    })
}

/// Everything about one rule, as text wrapped to `width` columns.
pub fn show(base: &RuleBase, rule: &Rule, width: u16) -> String {
    let width = usize::from(width).max(40);
    // "label:       value", with continuation lines under the value.
    let field = |label: &str, value: &str| {
        let options = textwrap::Options::new(width)
            .initial_indent("")
            .subsequent_indent("             ");
        textwrap::fill(&format!("{:<13}{value}", format!("{label}:")), options)
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}\n  {}\n", rule.id, rule.summary);
    let _ = writeln!(out, "{}", field("file", &rule.file));
    let source = base.source(&rule.source).map_or("", |s| s.title.as_str());
    let _ = writeln!(
        out,
        "{}",
        field("source", &format!("{} ({source})", rule.source))
    );
    let _ = writeln!(out, "{}", field("when", &rule.when.to_string()));
    let weights = |names: Vec<(&str, f64)>| -> String {
        let parts: Vec<String> = names
            .into_iter()
            .filter(|(_, w)| *w != 0.0)
            .map(|(n, w)| format!("{n} {w:+}"))
            .collect();
        if parts.is_empty() {
            "-".to_owned()
        } else {
            parts.join(", ")
        }
    };
    let _ = writeln!(
        out,
        "strategy:    {}",
        weights(
            Strategy::ALL
                .iter()
                .map(|s| (s.name(), rule.strategy[*s]))
                .collect()
        )
    );
    let _ = writeln!(
        out,
        "approach:    {}",
        weights(
            Approach::ALL
                .iter()
                .map(|a| (a.name(), rule.approach[*a]))
                .collect()
        )
    );
    let _ = writeln!(
        out,
        "matrix:      {}",
        weights(vec![
            ("control", rule.matrix[0]),
            ("complexity", rule.matrix[1])
        ])
    );
    if let Some(e) = &rule.exclude {
        let names = e.names();
        let excludes = format!("{} ({})", names.join(", "), e.reason);
        let _ = writeln!(out, "{}", field("excludes", &excludes));
    }
    let _ = writeln!(
        out,
        "\n{}",
        textwrap::fill(&rule.explanation, width.min(100))
    );
    out
}

/// A summary of a rule base that loaded cleanly, with warnings about questions no rule reads.
pub fn check_summary(base: &RuleBase, name: &str) -> String {
    let mut read = Vec::new();
    for rule in &base.rules {
        rule.when.for_each_question(&mut |q| read.push(q));
    }
    let unread: Vec<&str> = QuestionId::all()
        .filter(|q| !read.contains(q))
        .map(QuestionId::name)
        .collect();
    let mut out = format!(
        "{name}: ok: {} rules, {} sources, {} next steps\n",
        base.rules.len(),
        base.sources.len(),
        base.next_steps.len()
    );
    if !unread.is_empty() {
        let _ = writeln!(out, "warning: no rule reads {}", unread.join(", "));
    }
    out
}
