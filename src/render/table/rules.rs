//! The rule tooling as text: `rules list`, `rules show`, `rules check` and `rules test`.

use std::fmt::Write as _;

use super::Table;
use crate::cases::TestRun;
use crate::inspect::{CheckSummary, RuleDetail, RuleList};
use crate::number::format_number;
use crate::options::Strategy;
use crate::rules::Origin;

/// Every rule as a table (id, summary, source, and with layered files its origin) at the
/// given width.
pub(super) fn list(t: &Table, list: &RuleList<'_>) -> String {
    let mut table = t.table();
    let mut header = vec!["Rule", "Summary", "Source"];
    if list.layered {
        header.push("Origin");
    }
    table.set_header(header);
    // Ids and origins are kept whole; the summary column wraps instead.
    for i in [0, 3] {
        if let Some(column) = table.column_mut(i) {
            column.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
        }
    }
    for rule in &list.rules {
        let mut row = vec![rule.id, rule.summary, rule.source];
        if list.layered {
            row.push(rule.origin);
        }
        table.add_row(row);
    }
    let mut out = format!("{table}\n{} rules\n", list.rules.len());
    if list.layered {
        let count = |origin: &str| list.rules.iter().filter(|r| r.origin == origin).count();
        let _ = write!(
            out,
            "layered over the built-in rules: {} replaced, {} added, {} removed",
            count("replaces"),
            count("added"),
            list.removed.len()
        );
        if !list.removed.is_empty() {
            let _ = write!(out, " ({})", list.removed.join(", "));
        }
        out.push('\n');
    }
    out
}

/// Where a rule comes from, as `rules show` says it.
fn origin(origin: &Origin) -> String {
    match origin {
        Origin::BuiltIn => "built in".to_owned(),
        Origin::RulesOnly => "yours (--rules-only)".to_owned(),
        Origin::Added => "yours, added to the built-in rules".to_owned(),
        Origin::Replaces { file } => format!("yours, replaces the built-in rule in {file}"),
    }
}

/// Everything about one rule, as text wrapped to `width` columns.
pub(super) fn show(detail: &RuleDetail<'_>, width: u16) -> String {
    let rule = detail.rule;
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
    let _ = writeln!(out, "{}", field("origin", &origin(&rule.origin)));
    let source = detail.source_title;
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
    let effect = &rule.effect;
    let moves = effect.moves(1);
    let (strategies, approaches): (Vec<_>, Vec<_>) = moves
        .into_iter()
        .partition(|(name, _)| Strategy::from_name(name).is_some());
    let _ = writeln!(out, "strategy:    {}", weights(strategies));
    let _ = writeln!(out, "approach:    {}", weights(approaches));
    if let Some(hand_set) = &rule.hand_set {
        let moves: Vec<(&str, f64)> = hand_set.moves(1);
        let _ = writeln!(
            out,
            "{}",
            field(
                "hand-set",
                &format!("{} (calibrated from these)", weights(moves))
            )
        );
    }
    let _ = writeln!(
        out,
        "matrix:      {}",
        weights(vec![
            ("control", effect.matrix[0]),
            ("complexity", effect.matrix[1])
        ])
    );
    if let Some(e) = &effect.exclude {
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

/// A rule base that loaded cleanly, with a warning about questions no rule reads.
pub(super) fn check(summary: &CheckSummary) -> String {
    let mut out = format!(
        "{}: ok: {} rules, {} sources, {} next steps\n",
        summary.name, summary.rules, summary.sources, summary.next_steps
    );
    if let Some(layering) = &summary.layered {
        let _ = writeln!(
            out,
            "layered over the built-in rules: {} replaced, {} added, {} removed",
            layering.replaced, layering.added, layering.removed
        );
    }
    let kept = &summary.promises;
    if kept.promises > 0 {
        let _ = write!(
            out,
            "promises: {} kept ({} comparisons",
            kept.promises,
            format_number(kept.comparisons as f64)
        );
        if !kept.sampled.is_empty() {
            let _ = write!(
                out,
                "; {} of them on a seeded sample of {} scenarios",
                kept.sampled.len(),
                format_number(crate::promises::scenarios::SAMPLE as f64)
            );
        }
        out.push_str(")\n");
    }
    if !summary.unread.is_empty() {
        let _ = writeln!(out, "warning: no rule reads {}", summary.unread.join(", "));
    }
    out
}

/// The report of a run: failures in diff style, then a count.
pub(super) fn test(run: &TestRun) -> String {
    let outcomes = &run.outcomes;
    let mut out = String::new();
    for o in outcomes {
        if o.problems.is_empty() {
            let _ = writeln!(out, "ok     {}", o.name);
        } else {
            let _ = writeln!(out, "FAILED {} ({})", o.name, o.location);
            for line in o.problems.iter().flat_map(|p| p.lines()) {
                let _ = writeln!(out, "    {line}");
            }
            if let Some(note) = &o.note {
                let _ = writeln!(out, "    note: {note}");
            }
        }
    }
    let failed = run.failed();
    let _ = writeln!(
        out,
        "\nrule tests: {} passed, {failed} failed",
        outcomes.len() - failed
    );
    out
}
