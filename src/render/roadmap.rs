//! The roadmap in sentences, shared by the text formats: the advice now, then each stage
//! where it changes as the organization grows, with what to prepare.

use super::sentences::Line;
use crate::report::{Report, Stage};

/// The roadmap's heading.
pub(super) const TITLE: &str = "Roadmap: when the advice changes as you grow";

/// "Now: A + rag." then one line per stage.
pub(super) fn lines(r: &Report) -> Vec<Line> {
    let now = r.roadmap.now;
    let mut out = vec![Line::plain(format!(
        "Now: {} + {}.",
        now.strategy, now.approach
    ))];
    if r.roadmap.stages.is_empty() {
        out.push(Line::plain(
            "Growing traffic, examples, team, budget or time horizon alone does not change it.",
        ));
    }
    out.extend(r.roadmap.stages.iter().map(stage));
    out
}

fn stage(s: &Stage) -> Line {
    let t = &s.trigger;
    let limit = t
        .cost_limit
        .as_ref()
        .map_or_else(String::new, |l| format!(", where {l}"));
    let mut text = format!(
        " {} ({}): {} + {} instead of {} + {}{limit}.",
        t.change, t.direction, t.strategy, t.approach, t.from.strategy, t.from.approach
    );
    if !s.prepare.is_empty() {
        let steps: Vec<String> = s
            .prepare
            .iter()
            .map(|p| format!("[{}] {}", p.topic, p.text))
            .collect();
        text.push_str(" Prepare: ");
        text.push_str(&steps.join(" "));
    }
    Line {
        subject: Some(t.question.to_owned()),
        text,
    }
}
