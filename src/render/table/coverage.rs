//! `rules coverage` as text: how the answer space splits between the pairs, ties, exclusions
//! and dead rules.

use std::fmt::Write as _;

use crate::coverage::CoverageReport;
use crate::number::format_number;
use crate::options::PAIRS;
use crate::questions::COUNT;

/// The coverage report as text.
pub(super) fn render(report: &CoverageReport<'_>) -> String {
    let c = report.coverage;
    let mut out = headline(report);
    let _ = writeln!(out, "Recommendations:");
    for (pair, n) in PAIRS.iter().zip(c.pairs.0) {
        let share = n as f64 / c.scenarios.max(1) as f64 * 100.0;
        let flag = if n == 0 { "  <- never reached" } else { "" };
        let _ = writeln!(
            out,
            "  {:<14} {:>16}  {share:5.1}%{flag}",
            pair.to_string(),
            format_number(n as f64)
        );
    }
    let tie_share = c.ties as f64 / c.scenarios.max(1) as f64 * 100.0;
    let _ = writeln!(
        out,
        "\nTies between the top two pairs: {} ({tie_share:.2}%)",
        format_number(c.ties as f64)
    );
    let _ = writeln!(
        out,
        "Scenarios where every pair is excluded: {}",
        format_number(c.conflicts as f64)
    );
    let _ = writeln!(out, "\nExclusions (share of the space where each fires):");
    for e in &c.exclusions {
        let _ = writeln!(
            out,
            "  {:<40} {:<14} {:5.1}%",
            e.rule,
            e.excludes.join(", "),
            e.share * 100.0
        );
    }
    let _ = writeln!(out, "\nDead rules:");
    if c.dead_rules.is_empty() {
        let none = if c.sampled.is_some() {
            "  none: every rule fires somewhere in the sample"
        } else {
            "  none: every rule fires somewhere and changes some outcome"
        };
        let _ = writeln!(out, "{none}");
    }
    for d in &c.dead_rules {
        let _ = writeln!(out, "  {:<40} {}", d.rule, d.reason);
    }
    if !c.matrix_only.is_empty() {
        let _ = writeln!(
            out,
            "\nRules that only move the matrix position (never a recommendation):"
        );
        for rule in &c.matrix_only {
            let _ = writeln!(out, "  {rule}");
        }
    }
    out
}

/// The first line: how many scenarios were counted, and how, or why only a sample was.
fn headline(report: &CoverageReport<'_>) -> String {
    let c = report.coverage;
    let Some(s) = &c.sampled else {
        return format!(
            "{} scenarios ({} questions, {} rules), counted exactly with {} states\n\n",
            format_number(c.scenarios as f64),
            COUNT,
            report.rules,
            format_number(c.states as f64)
        );
    };
    // Past 18 quintillion the exact count is not tried: its tallies would not fit.
    let (of, why) = match s.of {
        Some(n) => (
            format_number(n as f64),
            format!(
                "counting them all needs more than {} states (--max-states)",
                format_number(c.max_states as f64)
            ),
        ),
        None => (
            "more than 18 quintillion".to_owned(),
            "too many to count exactly in 64 bits".to_owned(),
        ),
    };
    format!(
        "sampled {} of {of} scenarios ({} questions, {} rules): {why}; counts below are of the sample, drawn with seed {:#x}\n\n",
        format_number(s.scenarios as f64),
        COUNT,
        report.rules,
        s.seed
    )
}
