//! `--explain` in Markdown: the fired rules grouped by what they move, then the rules that
//! would have changed the advice, each group a table; the rest counted.

use std::fmt::Write as _;

use super::{Markdown, escape};
use crate::render::trace;
use crate::report::Report;

impl Markdown {
    pub(super) fn explanation(&self, out: &mut String, r: &Report) {
        let Some(traced) = trace::traced(r) else {
            return;
        };
        self.heading(out, 1, "Every rule");
        let _ = writeln!(out, "{}\n", escape(&traced.headline));
        for group in &traced.fired {
            self.heading(out, 2, group.title);
            Self::entries(out, "Adds", &group.entries);
        }
        if !traced.would_change.is_empty() {
            self.heading(out, 2, "Did not fire, but would have changed the advice");
            Self::entries(out, "Had it fired", &traced.would_change);
        }
        if traced.quiet > 0 {
            let _ = writeln!(
                out,
                "{} other rules did not fire and would not have changed the advice (the JSON \
                 report lists every rule).\n",
                traced.quiet
            );
        }
        let _ = writeln!(out, "{}\n", escape(&traced.totals));
    }

    fn entries(out: &mut String, effect: &str, entries: &[trace::Entry]) {
        let _ = writeln!(
            out,
            "| Rule | {effect} | Condition | Value: answers read |\n|---|---|---|---|"
        );
        for e in entries {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} |",
                e.id,
                escape(&e.effect),
                escape(&e.condition),
                escape(&e.read)
            );
        }
        out.push('\n');
    }
}
