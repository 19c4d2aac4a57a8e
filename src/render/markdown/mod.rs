//! GitHub-flavored Markdown: a self-contained section to paste or embed into planning documents.

use std::fmt::Write as _;

mod compare;
mod cost;
mod escape;
mod explain;
mod mermaid;
mod portfolio;
mod questions;
mod review;
mod stamp;

pub use escape::escape;
pub use mermaid::chart_link;

use super::{Look, Render, chart, sentences, verdict};
use crate::compare::Comparison;
use crate::cost::CostReport;
use crate::number::one_decimal as num;
use crate::options::{Approach, Strategy};
use crate::portfolio::Portfolio;
use crate::questions::Questionnaire;
use crate::report::Report;
use crate::review::Review;

/// The Markdown renderer; `look.heading_level` is the level of the top heading (1 to 6).
pub(super) struct Markdown {
    pub(super) look: Look,
    /// Where the `--chart` picture is, as a link from the Markdown; without one, the matrix
    /// is drawn as a Mermaid block.
    pub(super) chart: Option<String>,
}

impl Markdown {
    /// A heading `depth` levels below the top one. Markdown has six levels; a section that
    /// would sit deeper gets a bold line instead, so it never looks like its parent's peer.
    fn heading(&self, out: &mut String, depth: u8, text: &str) {
        let level = self.look.heading_level + depth;
        if level > 6 {
            let _ = writeln!(out, "**{}**\n", escape(text));
        } else {
            let _ = writeln!(out, "{} {}\n", "#".repeat(usize::from(level)), escape(text));
        }
    }

    fn summary(&self, out: &mut String, r: &Report) {
        self.heading(out, 0, &r.scenario.name);
        if let Some(d) = &r.scenario.description {
            let _ = writeln!(out, "> {}\n", escape(d));
        }
        let rec = &r.recommendation;
        let _ = writeln!(
            out,
            "**Recommendation:** strategy **{}** ({}) with **{}** ({}), score {}.\n",
            rec.strategy,
            escape(&rec.strategy_name),
            rec.approach,
            escape(&rec.approach_name),
            num(rec.score)
        );
        let _ = match &r.runner_up {
            Some(up) => writeln!(
                out,
                "**Runner-up:** {} with {}, score {}: a margin of {}.\n",
                up.strategy,
                up.approach,
                num(up.score),
                num(up.margin)
            ),
            None => writeln!(out, "**Runner-up:** none; every other pair is excluded.\n"),
        };
        for w in &r.warnings {
            let _ = writeln!(out, "**Warning:** {}\n", escape(w));
        }
    }

    fn scores(&self, out: &mut String, r: &Report) {
        self.heading(out, 1, "Scores");
        let mark = |name: &str, chosen: bool| {
            if chosen {
                "**chosen**"
            } else if r.is_excluded(name) {
                "excluded"
            } else {
                ""
            }
        };
        let _ = writeln!(out, "| Strategy | Score | Status |\n|---|--:|---|");
        for s in Strategy::ALL {
            let chosen = s == r.recommendation.strategy;
            let _ = writeln!(
                out,
                "| {s} | {} | {} |",
                num(r.scores.strategy[s]),
                mark(s.name(), chosen)
            );
        }
        let _ = writeln!(out, "\n| Approach | Score | Status |\n|---|--:|---|");
        for a in Approach::ALL {
            let chosen = a == r.recommendation.approach;
            let _ = writeln!(
                out,
                "| {a} | {} | {} |",
                num(r.scores.approach[a]),
                mark(a.name(), chosen)
            );
        }
        let _ = writeln!(
            out,
            "\n| Pair | Strategy | Approach | Pair score | Status |"
        );
        let _ = writeln!(out, "|---|--:|--:|--:|---|");
        for p in &r.scores.pairs {
            let status = match verdict::pair_status(r, p) {
                "chosen" => "**chosen**",
                other => other,
            };
            let _ = writeln!(
                out,
                "| {} + {} | {} | {} | {} | {status} |",
                p.strategy,
                p.approach,
                num(r.scores.strategy[p.strategy]),
                num(r.scores.approach[p.approach]),
                num(p.score)
            );
        }
        let _ = writeln!(out, "\n{}\n", escape(verdict::PAIR_NOTE));
    }

    fn answers(&self, out: &mut String, r: &Report) {
        self.heading(out, 1, "Answers assumed");
        let _ = writeln!(out, "| Question | Answer |\n|---|---|");
        for row in &r.answers {
            let answer = verdict::answer_text(row)
                .map_or_else(|| "*unanswered*".to_owned(), |text| escape(&text));
            let _ = writeln!(
                out,
                "| {} | {answer} |",
                escape(verdict::label(row.question))
            );
        }
        let _ = writeln!(
            out,
            "\nAn unanswered question is unknown: no rule reads it.\n"
        );
    }

    fn matrix(&self, out: &mut String, r: &Report) {
        self.heading(out, 1, "Matrix position");
        let m = &r.matrix;
        let _ = writeln!(
            out,
            "| Control | Complexity | Region |\n|--:|--:|---|\n| {} | {} | {} |\n",
            num(m.control),
            num(m.complexity),
            m.region
        );
        let _ = writeln!(out, "```text\n{}```\n", chart::draw(m));
        let _ = writeln!(
            out,
            "`*` marks this scenario; letters mark each strategy's region.\n"
        );
        if let Some(note) = sentences::matrix_note(r) {
            let _ = writeln!(out, "{}\n", escape(&note));
        }
        self.matrix_picture(out, &[r]);
    }

    fn reasons(&self, out: &mut String, r: &Report) {
        let rec = &r.recommendation;
        let title = match &r.runner_up {
            Some(up) => format!(
                "Why {} + {} rather than {} + {}",
                rec.strategy, rec.approach, up.strategy, up.approach
            ),
            None => "Why".to_owned(),
        };
        self.heading(out, 1, &title);
        if r.reasons.is_empty() {
            let _ = writeln!(
                out,
                "No rule separates the recommendation from the runner-up.\n"
            );
            return;
        }
        let (pros, cons) = verdict::for_and_against(r);
        for (title, list) in verdict::SIDES.into_iter().zip([pros, cons]) {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(out, "**{title}:**\n");
            for (i, reason) in list.into_iter().enumerate() {
                let _ = writeln!(
                    out,
                    "{}. **{}** ({:+.1}, `{}`): {} *Source: {}.*",
                    i + 1,
                    escape(&reason.summary),
                    reason.impact,
                    reason.rule,
                    escape(&reason.explanation),
                    source(&reason.source)
                );
            }
            out.push('\n');
        }
    }

    fn exclusions(&self, out: &mut String, r: &Report) {
        if r.exclusions.is_empty() {
            return;
        }
        self.heading(out, 1, "Ruled out");
        for e in &r.exclusions {
            let names = e.names();
            let _ = writeln!(
                out,
                "- **{}**: {} (`{}`)",
                names.join(", "),
                escape(&e.reason),
                e.rule
            );
        }
        out.push('\n');
    }

    fn strategy(&self, out: &mut String, r: &Report) {
        let rec = &r.recommendation;
        self.heading(
            out,
            1,
            &format!("Strategy {}: {}", rec.strategy, rec.strategy_name),
        );
        let _ = writeln!(out, "{}\n", escape(&rec.strategy_summary));
        if !rec.examples.is_empty() {
            let examples: Vec<String> = rec.examples.iter().map(|e| escape(e)).collect();
            let _ = writeln!(out, "Examples: {}.\n", examples.join(", "));
        }
        let _ = writeln!(
            out,
            "When {} fits: {}\n",
            escape(&rec.approach_name.to_lowercase()),
            escape(&rec.approach_fits)
        );
        for (title, points) in [("Pros", &r.pros), ("Cons", &r.cons)] {
            if points.is_empty() {
                continue;
            }
            let _ = writeln!(out, "**{title}**\n");
            for p in points {
                let _ = writeln!(out, "- {}", escape(&p.text));
            }
            out.push('\n');
        }
    }

    fn next_steps(&self, out: &mut String, r: &Report) {
        if r.next_steps.is_empty() {
            return;
        }
        self.heading(out, 1, "Next steps");
        let mut topic = "";
        for step in &r.next_steps {
            if step.topic != topic {
                if !topic.is_empty() {
                    out.push('\n');
                }
                topic = &step.topic;
                self.heading(out, 2, &topic_title(topic));
            }
            let _ = writeln!(
                out,
                "- [ ] {} *({})*",
                escape(&step.text),
                source(&step.source)
            );
        }
        out.push('\n');
    }

    fn lines(out: &mut String, lines: Vec<sentences::Line>) {
        for line in lines {
            let _ = match &line.subject {
                Some(subject) => writeln!(out, "- `{subject}`{}", escape(&line.text)),
                None => writeln!(out, "- {}", escape(&line.text)),
            };
        }
        out.push('\n');
    }

    fn cost(&self, out: &mut String, r: &Report) {
        self.heading(out, 1, "Cost (estimates, USD)");
        Self::cost_table(out, &r.cost);
    }

    fn what_if(&self, out: &mut String, r: &Report) {
        self.heading(out, 1, &sentences::what_if_title(r));
        Self::lines(out, sentences::what_if_lines(r));
        if !r.unanswered.is_empty() {
            self.heading(out, 1, "Unanswered questions");
            Self::lines(out, sentences::unanswered_lines(r));
        }
    }
}

/// A source's title, as a link when it is online.
fn source(s: &crate::report::SourceRef) -> String {
    match &s.url {
        Some(url) if !url.contains([')', ' ', '<', '>']) => {
            format!("[{}]({url})", escape(&s.title))
        }
        _ => escape(&s.title),
    }
}

fn topic_title(topic: &str) -> String {
    let spaced = topic.replace('-', " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

impl Markdown {
    /// The report's sections, without the stamp.
    fn assessment(&self, r: &Report) -> String {
        let mut out = String::new();
        self.summary(&mut out, r);
        if r.uncertainty.is_some() {
            self.heading(&mut out, 1, super::uncertainty::TITLE);
            Self::lines(&mut out, super::uncertainty::lines(r));
        }
        self.answers(&mut out, r);
        self.scores(&mut out, r);
        self.matrix(&mut out, r);
        self.reasons(&mut out, r);
        self.exclusions(&mut out, r);
        self.strategy(&mut out, r);
        self.cost(&mut out, r);
        self.what_if(&mut out, r);
        self.next_steps(&mut out, r);
        self.heading(&mut out, 1, super::roadmap::TITLE);
        Self::lines(&mut out, super::roadmap::lines(r));
        self.explanation(&mut out, r);
        out
    }
}

impl Render for Markdown {
    fn assess(&self, r: &Report) -> Option<String> {
        Some(stamp::stamped(self.assessment(r), &r.stamp))
    }

    fn assess_since(&self, r: &Report, review: &Review, chart: Option<&str>) -> Option<String> {
        let with = self.with_chart(chart);
        let mut out = with.assessment(r);
        out.push_str(&with.review(review));
        Some(stamp::stamped(out, &r.stamp))
    }

    fn review(&self, review: &Review) -> Option<String> {
        Some(Markdown::review(self, review))
    }

    fn assess_with_chart(&self, r: &Report, chart: Option<&str>) -> Option<String> {
        self.with_chart(chart).assess(r)
    }

    fn compare(&self, c: &Comparison) -> Option<String> {
        Some(stamp::stamped(self.comparison_and_matrix(c), &c.stamp))
    }

    fn compare_with_chart(&self, c: &Comparison, chart: Option<&str>) -> Option<String> {
        self.with_chart(chart).compare(c)
    }

    fn portfolio(&self, p: &Portfolio) -> Option<String> {
        Some(stamp::stamped(self.portfolio_section(p), &p.stamp))
    }

    fn portfolio_with_chart(&self, p: &Portfolio, chart: Option<&str>) -> Option<String> {
        self.with_chart(chart).portfolio(p)
    }

    fn cost(&self, c: &CostReport<'_>) -> Option<String> {
        Some(self.cost_report(c))
    }

    fn questions(&self, q: &Questionnaire) -> Option<String> {
        Some(self.questionnaire(q))
    }
}
