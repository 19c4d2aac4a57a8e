//! The terminal report of one scenario.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use comfy_table::CellAlignment;

use super::Table;
use crate::number::one_decimal as num;
use crate::options::{Approach, Strategy};
use crate::render::{chart, sentences, verdict};
use crate::report::Report;

impl Table {
    pub(super) fn assessment(&self, r: &Report) -> String {
        let mut out = String::new();
        self.header(&mut out, r);
        self.uncertainty(&mut out, r);
        self.answers(&mut out, r);
        self.scores(&mut out, r);
        self.matrix(&mut out, r);
        self.reasons(&mut out, r);
        self.exclusions(&mut out, r);
        self.pros_and_cons(&mut out, r);
        self.cost_section(&mut out, r);
        self.what_if(&mut out, r);
        self.next_steps(&mut out, r);
        self.heading(&mut out, super::super::roadmap::TITLE);
        self.lines(&mut out, super::super::roadmap::lines(r));
        self.explanation(&mut out, r);
        out
    }

    pub(super) fn header(&self, out: &mut String, r: &Report) {
        for line in textwrap::wrap(&r.scenario.name, usize::from(self.look.width)) {
            let _ = writeln!(out, "{}", self.paint(Style::new().bold(), &line));
        }
        if let Some(description) = &r.scenario.description {
            self.wrap(out, description, "", "");
        }
        let rec = &r.recommendation;
        let green = Style::new().bold().fg_color(Some(AnsiColor::Green.into()));
        let pick = self.paint(green, &format!("{} + {}", rec.strategy, rec.approach));
        let _ = writeln!(out);
        self.wrap(
            out,
            &format!(
                "Recommendation: {pick}  {} · {}",
                rec.strategy_name, rec.approach_name
            ),
            "",
            "                ",
        );
        let runner_up = match &r.runner_up {
            Some(up) => format!(
                "Runner-up:      {} + {}  (score {} vs {}, margin {})",
                up.strategy,
                up.approach,
                num(up.score),
                num(rec.score),
                num(up.margin)
            ),
            None => "Runner-up:      none (every other pair is excluded)".to_owned(),
        };
        self.wrap(out, &runner_up, "", "                ");
        for warning in &r.warnings {
            let yellow = Style::new().bold().fg_color(Some(AnsiColor::Yellow.into()));
            // Wrap the plain text, then paint the label, so colour codes never count as width.
            let mut text = String::new();
            self.wrap(&mut text, &format!("warning: {warning}"), "", "  ");
            let painted = self.paint(yellow, "warning:");
            out.push_str(&text.replacen("warning:", &painted, 1));
        }
    }

    fn scores(&self, out: &mut String, r: &Report) {
        self.heading(out, "Scores");
        let rec = &r.recommendation;
        let mut table = self.table();
        table.set_header(vec!["Strategy", "Score", "", "Approach", "Score", ""]);
        let mark = |name: &str, chosen: bool| {
            if chosen {
                "chosen"
            } else if r.is_excluded(name) {
                "excluded"
            } else {
                ""
            }
        };
        for (s, a) in Strategy::ALL.into_iter().zip(Approach::ALL) {
            table.add_row(vec![
                s.name().to_owned(),
                num(r.scores.strategy[s]),
                mark(s.name(), s == rec.strategy).to_owned(),
                a.name().to_owned(),
                num(r.scores.approach[a]),
                mark(a.name(), a == rec.approach).to_owned(),
            ]);
        }
        for col in [1, 4] {
            if let Some(c) = table.column_mut(col) {
                c.set_cell_alignment(CellAlignment::Right);
            }
        }
        let _ = writeln!(out, "{table}");
        let mut pairs = self.table();
        pairs.set_header(vec!["Pair", "Strategy", "Approach", "Pair score", ""]);
        for p in &r.scores.pairs {
            let status = verdict::pair_status(r, p);
            pairs.add_row(vec![
                format!("{} + {}", p.strategy, p.approach),
                num(r.scores.strategy[p.strategy]),
                num(r.scores.approach[p.approach]),
                num(p.score),
                status.to_owned(),
            ]);
        }
        for col in 1..=3 {
            if let Some(c) = pairs.column_mut(col) {
                c.set_cell_alignment(CellAlignment::Right);
            }
        }
        let _ = writeln!(out, "{pairs}");
        self.wrap(out, verdict::PAIR_NOTE, "", "");
    }

    fn answers(&self, out: &mut String, r: &Report) {
        self.heading(out, "Answers assumed");
        let (answered, open) = verdict::answers(r);
        for line in answered {
            self.wrap(out, &line, "- ", "  ");
        }
        if !open.is_empty() {
            self.wrap(
                out,
                &format!(
                    "Unanswered (unknown, so no rule reads them): {}",
                    open.join(", ")
                ),
                "- ",
                "  ",
            );
        }
    }

    fn matrix(&self, out: &mut String, r: &Report) {
        self.heading(out, "Control/complexity matrix");
        let _ = writeln!(
            out,
            "control {}, complexity {}: in the region of strategy {}\n",
            num(r.matrix.control),
            num(r.matrix.complexity),
            r.matrix.region
        );
        out.push_str(&chart::draw(&r.matrix));
        let _ = writeln!(out, "* this scenario; letters mark each strategy's region");
        if let Some(note) = sentences::matrix_note(r) {
            self.wrap(out, &note, "", "");
        }
    }

    fn reasons(&self, out: &mut String, r: &Report) {
        let rec = &r.recommendation;
        let why = match &r.runner_up {
            Some(up) => format!(
                "Why {} + {} rather than {} + {}",
                rec.strategy, rec.approach, up.strategy, up.approach
            ),
            None => "Why".to_owned(),
        };
        self.heading(out, &why);
        if r.reasons.is_empty() {
            let _ = writeln!(
                out,
                "No rule separates the recommendation from the runner-up."
            );
        }
        let (pros, cons) = verdict::for_and_against(r);
        for (title, list) in verdict::SIDES.into_iter().zip([pros, cons]) {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(out, "{title}:");
            for (i, reason) in list.into_iter().enumerate() {
                let lead = format!("{:>2}. ", i + 1);
                let head = format!(
                    "[{:+.1}] {} ({})",
                    reason.impact, reason.summary, reason.rule
                );
                self.wrap(out, &head, &lead, "    ");
                self.wrap(out, &reason.explanation, "    ", "    ");
                self.wrap(
                    out,
                    &format!("Source: {}", reason.source.title),
                    "    ",
                    "      ",
                );
                // A link on its own line, never broken, so terminals can follow it.
                if let Some(url) = &reason.source.url {
                    let _ = writeln!(out, "      {url}");
                }
            }
        }
    }

    fn exclusions(&self, out: &mut String, r: &Report) {
        if r.exclusions.is_empty() {
            return;
        }
        self.heading(out, "Ruled out");
        let open: Vec<&str> = Strategy::ALL
            .into_iter()
            .map(Strategy::name)
            .filter(|s| !r.is_excluded(s))
            .collect();
        if let [only] = open.as_slice() {
            let _ = writeln!(out, "Only strategy {only} remains after these exclusions:");
        }
        for e in &r.exclusions {
            let names = e.names();
            self.wrap(
                out,
                &format!("{}: {} ({})", names.join(", "), e.reason, e.rule),
                "- ",
                "  ",
            );
        }
    }

    fn pros_and_cons(&self, out: &mut String, r: &Report) {
        let rec = &r.recommendation;
        self.heading(
            out,
            &format!("Strategy {}: {}", rec.strategy, rec.strategy_name),
        );
        self.wrap(out, &rec.strategy_summary, "", "");
        if !rec.examples.is_empty() {
            self.wrap(
                out,
                &format!("Examples: {}", rec.examples.join(", ")),
                "",
                "  ",
            );
        }
        self.wrap(
            out,
            &format!(
                "When {} fits: {}",
                rec.approach_name.to_lowercase(),
                rec.approach_fits
            ),
            "",
            "  ",
        );
        let _ = writeln!(out);
        for p in &r.pros {
            self.wrap(out, &p.text, "+ ", "  ");
        }
        for c in &r.cons {
            self.wrap(out, &c.text, "- ", "  ");
        }
    }

    /// How the advice depends on uncertain answers, when there are any.
    pub(super) fn uncertainty(&self, out: &mut String, r: &Report) {
        if r.uncertainty.is_some() {
            self.heading(out, super::super::uncertainty::TITLE);
            self.lines(out, super::super::uncertainty::lines(r));
        }
    }

    pub(super) fn lines(&self, out: &mut String, lines: Vec<sentences::Line>) {
        for line in lines {
            let text = match &line.subject {
                Some(subject) => format!("{subject}{}", line.text),
                None => line.text,
            };
            self.wrap(out, &text, "- ", "  ");
        }
    }

    fn cost_section(&self, out: &mut String, r: &Report) {
        self.heading(out, "Cost (estimates, USD)");
        let mut table = self.table();
        table.set_header(super::super::cost_lines::HEADINGS.to_vec());
        for row in super::super::cost_lines::rows(&r.cost) {
            table.add_row(row.to_vec());
        }
        for col in 1..=5 {
            if let Some(c) = table.column_mut(col) {
                c.set_cell_alignment(CellAlignment::Right);
            }
        }
        let _ = writeln!(out, "{table}");
        for note in super::super::cost_lines::notes(&r.cost) {
            self.wrap(out, &note, "", "");
        }
    }

    fn what_if(&self, out: &mut String, r: &Report) {
        self.heading(out, &sentences::what_if_title(r));
        self.lines(out, sentences::what_if_lines(r));
        if !r.unanswered.is_empty() {
            self.heading(out, "Unanswered questions");
            self.lines(out, sentences::unanswered_lines(r));
        }
    }

    fn next_steps(&self, out: &mut String, r: &Report) {
        if r.next_steps.is_empty() {
            return;
        }
        self.heading(out, "Next steps");
        for step in &r.next_steps {
            self.wrap(out, &format!("[{}] {}", step.topic, step.text), "- ", "  ");
        }
    }
}
