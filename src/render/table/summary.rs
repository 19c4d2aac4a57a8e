//! The one-screen terminal summary of one scenario: the recommendation and runner-up, the
//! answers it rests on, the strongest reasons for and against, one cost line per strategy and
//! the nearest changes that would overturn it. `--full` gives the whole report instead.

use std::fmt::Write as _;

use comfy_table::CellAlignment;
use comfy_table::presets::NOTHING;

use super::Table;
use crate::answers::AnswerValue;
use crate::options::Strategy;
use crate::questions::{Kind, QuestionId};
use crate::render::{cost_lines, verdict};
use crate::report::{Reason, Report};
use crate::whatif::WhatIf;

/// How many reasons for, and "what would change it" lines, the summary shows.
const TOP: usize = 3;

impl Table {
    pub(super) fn summary(&self, r: &Report) -> String {
        let mut out = String::new();
        self.header(&mut out, r);
        self.uncertainty(&mut out, r);
        self.key_answers(&mut out, r);
        self.for_and_against(&mut out, r);
        self.cost_lines(&mut out, r);
        self.nearest_changes(&mut out, r);
        let _ = writeln!(out);
        self.wrap(
            &mut out,
            "More: --full for the whole report (scores, matrix, every reason, exclusions, \
             next steps), --explain for every rule.",
            "",
            "  ",
        );
        out
    }

    fn key_answers(&self, out: &mut String, r: &Report) {
        self.heading(out, "Answers");
        let (answered, open) = verdict::answers(r);
        self.wrap(out, &answered.join(" · "), "", "");
        if !open.is_empty() {
            let _ = writeln!(
                out,
                "({} optional question{} unanswered)",
                open.len(),
                if open.len() == 1 { "" } else { "s" }
            );
        }
    }

    fn for_and_against(&self, out: &mut String, r: &Report) {
        let rec = &r.recommendation;
        let title = match &r.runner_up {
            Some(up) => format!(
                "Why {} + {} over {} + {}",
                rec.strategy, rec.approach, up.strategy, up.approach
            ),
            None => format!("Why {} + {}", rec.strategy, rec.approach),
        };
        self.heading(out, &title);
        let (mut pros, cons) = verdict::for_and_against(r);
        pros.truncate(TOP);
        let cons = cons.first().copied();
        if pros.is_empty() && cons.is_none() {
            let _ = writeln!(
                out,
                "No rule separates the recommendation from the runner-up."
            );
        }
        for reason in pros {
            self.reason_line(out, "for", reason);
        }
        if let Some(reason) = cons {
            self.reason_line(out, "against", reason);
        }
    }

    fn reason_line(&self, out: &mut String, side: &str, reason: &Reason) {
        let text = format!(
            "{side:<7} {:+.1}  {} ({})",
            reason.impact, reason.summary, reason.rule
        );
        self.wrap(out, &text, "", "              ");
    }

    fn cost_lines(&self, out: &mut String, r: &Report) {
        self.heading(out, "Cost (estimates, USD)");
        let mut table = comfy_table::Table::new();
        table
            .load_style(NOTHING)
            .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
            .set_width(self.look.width)
            .set_header(cost_lines::HEADINGS.to_vec());
        for mut row in cost_lines::rows(&r.cost) {
            if r.is_excluded(&row[0]) {
                row[0].push_str(" (out)");
            }
            table.add_row(row.to_vec());
        }
        for col in 1..=5 {
            if let Some(c) = table.column_mut(col) {
                c.set_cell_alignment(CellAlignment::Right);
            }
        }
        for line in table.lines() {
            let _ = writeln!(out, "{}", line.trim_end());
        }
        if Strategy::ALL.iter().any(|s| r.is_excluded(s.name())) {
            let _ = writeln!(out, " (out): ruled out for this scenario");
        }
    }

    fn nearest_changes(&self, out: &mut String, r: &Report) {
        self.heading(out, "What would change it");
        let nearest = nearest(&r.what_if);
        if nearest.is_empty() {
            let _ = writeln!(
                out,
                "No single change to one answer changes the recommendation."
            );
        }
        for w in nearest {
            let current = w.current.map_or_else(String::new, |c| {
                format!("{} → ", verdict::shown(w.question, c))
            });
            let text = format!(
                "{}: {current}{} gives {} + {}",
                verdict::label(w.question),
                w.change,
                w.strategy,
                w.approach
            );
            self.wrap(out, &text, "- ", "  ");
        }
    }
}

/// How far a change moves an answer: for a number the factor between the two values, for a
/// level three times per step (one level is taken as about half an order of magnitude), and
/// for an unanswered question more than any answered one, since answering it is not a change
/// the organization makes.
fn distance(w: &WhatIf) -> f64 {
    match (w.current, w.answer) {
        (Some(AnswerValue::Number(from)), AnswerValue::Number(to)) => {
            let (low, high) = if from < to { (from, to) } else { (to, from) };
            (high + 1.0) / (low + 1.0)
        }
        (Some(AnswerValue::Level(from)), AnswerValue::Level(to)) => {
            // Unordered levels (such as what the model must learn) are one step apart.
            let steps = match QuestionId::from_name(w.question).map(|q| q.question().kind) {
                Some(Kind::Level {
                    levels,
                    ordered: true,
                }) => {
                    let i = levels.iter().position(|l| *l == from);
                    let j = levels.iter().position(|l| *l == to);
                    i.zip(j).map_or(1, |(i, j)| i.abs_diff(j))
                }
                _ => 1,
            };
            3f64.powi(i32::try_from(steps).unwrap_or(i32::MAX))
        }
        _ => f64::INFINITY,
    }
}

/// The [`TOP`] nearest changes to answered questions, nearest first (questionnaire order
/// breaks ties).
fn nearest(what_if: &[WhatIf]) -> Vec<&WhatIf> {
    let mut answered: Vec<(usize, &WhatIf)> = what_if
        .iter()
        .enumerate()
        .filter(|(_, w)| w.current.is_some())
        .collect();
    answered.sort_by(|(i, a), (j, b)| distance(a).total_cmp(&distance(b)).then(i.cmp(j)));
    answered.into_iter().take(TOP).map(|(_, w)| w).collect()
}
