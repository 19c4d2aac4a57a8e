//! Calibration as text: cross-validated accuracy with the misses, and what a calibration
//! changed.

use std::fmt::Write as _;

use crate::calibrate::{Accuracy, Calibration, CrossValidation};
use crate::number::format_number;

fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

fn accuracy_line(label: &str, a: &Accuracy) -> String {
    format!(
        "{label:<30} strategy {:>6}  approach {:>6}  both {:>6}  ({} cases)",
        percent(a.strategy),
        percent(a.approach),
        percent(a.both),
        format_number(a.cases as f64)
    )
}

/// `rules test --cross-validate K`.
pub(super) fn cross_validation(cv: &CrossValidation) -> String {
    let mut out = format!("{}-fold cross-validation\n\n", cv.k);
    for f in &cv.folds {
        let _ = writeln!(
            out,
            "{}",
            accuracy_line(&format!("fold {} held out", f.fold), &f.held_out)
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}",
        accuracy_line("held out (all folds)", &cv.held_out)
    );
    let _ = writeln!(
        out,
        "{}",
        accuracy_line("training (fit on every case)", &cv.training)
    );
    let _ = writeln!(out, "{}", accuracy_line("hand-set weights", &cv.unfitted));
    if cv.misses.is_empty() {
        let _ = writeln!(out, "\nNo held-out case was missed.");
        return out;
    }
    let _ = writeln!(out, "\nHeld-out misses (expected; actual; runner-up):");
    for m in &cv.misses {
        let runner = m
            .runner_up
            .map_or_else(|| "none".to_owned(), |p| p.to_string());
        let mark = if m.runner_up == Some(m.expected) {
            ""
        } else {
            "  (documented pair is not the runner-up)"
        };
        let _ = writeln!(
            out,
            "  {} (fold {}): {}; {}; {runner}{mark}",
            m.name, m.fold, m.expected, m.actual
        );
    }
    out
}

/// `rules calibrate`.
pub(super) fn calibration(c: &Calibration) -> String {
    let mut out = format!(
        "Calibrated on {} cases; rule files written to {}\n\n",
        format_number(c.cases as f64),
        c.out
    );
    let _ = writeln!(out, "{}", accuracy_line("before", &c.before));
    let _ = writeln!(out, "{}", accuracy_line("after (same cases)", &c.after));
    if let Some(kept) = &c.kept {
        let _ = writeln!(out, "{}", accuracy_line("kept cases, after", kept));
    }
    let _ = writeln!(out, "\n{} weights changed:", c.changed.len());
    for ch in &c.changed {
        let _ = writeln!(
            out,
            "  {:<44} {:<10} {:+} -> {:+}",
            ch.rule, ch.option, ch.from, ch.to
        );
    }
    out
}
