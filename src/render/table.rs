//! Terminal output: headings, tables sized to the terminal, wrapped text, optional color.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement};

use super::{Look, Render, chart};
use crate::options::{Approach, Strategy};
use crate::report::Report;

/// The terminal renderer.
pub(super) struct Table {
    pub(super) look: Look,
}

impl Table {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.look.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    }

    fn heading(&self, out: &mut String, text: &str) {
        let _ = writeln!(
            out,
            "\n{}",
            self.paint(Style::new().bold().underline(), text)
        );
    }

    fn wrap(&self, out: &mut String, text: &str, first: &str, rest: &str) {
        let options = textwrap::Options::new(usize::from(self.look.width))
            .initial_indent(first)
            .subsequent_indent(rest)
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        for line in textwrap::wrap(text, options) {
            let _ = writeln!(out, "{line}");
        }
    }

    fn table(&self) -> comfy_table::Table {
        let mut table = comfy_table::Table::new();
        table
            .load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(self.look.width);
        table
    }
}

fn num(v: f64) -> String {
    format!("{v:.1}")
}

impl Render for Table {
    fn assess(&self, r: &Report) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}", self.paint(Style::new().bold(), &r.scenario.name));
        if let Some(description) = &r.scenario.description {
            self.wrap(&mut out, description, "", "");
        }

        let rec = &r.recommendation;
        let green = Style::new().bold().fg_color(Some(AnsiColor::Green.into()));
        let pick = self.paint(green, &format!("{} + {}", rec.strategy, rec.approach));
        let _ = writeln!(out);
        self.wrap(
            &mut out,
            &format!(
                "Recommendation: {pick}  {} · {}",
                rec.strategy_name, rec.approach_name
            ),
            "",
            "                ",
        );
        match &r.runner_up {
            Some(up) => {
                let _ = writeln!(
                    out,
                    "Runner-up:      {} + {}  (score {} vs {}, margin {})",
                    up.strategy,
                    up.approach,
                    num(up.score),
                    num(rec.score),
                    num(up.margin)
                );
            }
            None => {
                let _ = writeln!(out, "Runner-up:      none (every other pair is excluded)");
            }
        }
        for warning in &r.warnings {
            let yellow = Style::new().bold().fg_color(Some(AnsiColor::Yellow.into()));
            let _ = writeln!(out, "{} {warning}", self.paint(yellow, "warning:"));
        }

        self.heading(&mut out, "Scores");
        let mut table = self.table();
        table.set_header(vec!["Strategy", "Score", "", "Approach", "Score", ""]);
        let excluded = |name: &str| {
            r.exclusions.iter().any(|e| {
                e.strategies.iter().any(|s| s.name() == name)
                    || e.approaches.iter().any(|a| a.name() == name)
            })
        };
        let mark = |name: &str, chosen: bool| {
            if chosen {
                "chosen"
            } else if excluded(name) {
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

        self.heading(&mut out, "Control/complexity matrix");
        let _ = writeln!(
            out,
            "control {}, complexity {}: in the region of strategy {}",
            num(r.matrix.control),
            num(r.matrix.complexity),
            r.matrix.region
        );
        let _ = writeln!(out);
        out.push_str(&chart::draw(&r.matrix));
        let _ = writeln!(out, "* this scenario; letters mark each strategy's region");

        self.heading(&mut out, "Why");
        if r.reasons.is_empty() {
            let _ = writeln!(
                out,
                "No rule separates the recommendation from the runner-up."
            );
        }
        for (i, reason) in r.reasons.iter().enumerate() {
            let lead = format!("{:>2}. ", i + 1);
            let impact = format!("{:+.1}", reason.impact);
            self.wrap(
                &mut out,
                &format!("[{impact}] {} ({})", reason.summary, reason.rule),
                &lead,
                "    ",
            );
            self.wrap(&mut out, &reason.explanation, "    ", "    ");
            self.wrap(
                &mut out,
                &format!("Source: {}", reason.source.title),
                "    ",
                "      ",
            );
        }

        if !r.exclusions.is_empty() {
            self.heading(&mut out, "Ruled out");
            for e in &r.exclusions {
                let names: Vec<&str> = e
                    .strategies
                    .iter()
                    .map(|s| s.name())
                    .chain(e.approaches.iter().map(|a| a.name()))
                    .collect();
                self.wrap(
                    &mut out,
                    &format!("{}: {} ({})", names.join(", "), e.reason, e.rule),
                    "- ",
                    "  ",
                );
            }
        }

        self.heading(
            &mut out,
            &format!("Strategy {}: pros and cons", rec.strategy),
        );
        for p in &r.pros {
            self.wrap(&mut out, &p.text, "+ ", "  ");
        }
        for c in &r.cons {
            self.wrap(&mut out, &c.text, "- ", "  ");
        }

        let open: Vec<_> = r.unanswered.iter().collect();
        if !open.is_empty() {
            self.heading(&mut out, "Unanswered questions");
            for u in open {
                let effect = if u.would_change.is_empty() {
                    "no answer would change the recommendation".to_owned()
                } else {
                    let changes: Vec<String> = u
                        .would_change
                        .iter()
                        .map(|c| format!("{} -> {} + {}", c.answer, c.strategy, c.approach))
                        .collect();
                    format!("would change it: {}", changes.join("; "))
                };
                self.wrap(&mut out, &format!("{}: {effect}", u.question), "- ", "  ");
            }
        }
        out
    }
}
