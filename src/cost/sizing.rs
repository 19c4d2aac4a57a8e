//! Right-sizing: which hosted tier and which open-model size class a use case needs, from
//! its task, domain and latency, and how many tokens a request really uses.

use serde::Serialize;

use crate::answers::{Answer, Answers};
use crate::questions::QuestionId;

use super::pricing::Pricing;

/// The tier and size class a scenario is priced at, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sizing {
    /// The hosted tier's id (`small`, `mid` or `frontier`).
    pub tier: String,
    /// The open-model size class's id (`small`, `medium`, `large` or `moe`).
    pub class: String,
    /// Tokens a request uses over the answered (or assumed) tokens per request.
    pub token_factor: f64,
    /// Prompt tokens per completion token for this kind of task.
    pub input_per_output: f64,
    /// Whether hosted calls go through the batch interface.
    pub batch: bool,
    /// Why, one clause per answer that decided it.
    pub why: Vec<String>,
}

/// The level answered to a question, by name; `None` when unanswered.
pub(super) fn level(answers: &Answers, name: &str) -> Option<&'static str> {
    let q = QuestionId::from_name(name)?;
    match answers.get(q) {
        Some(Answer::Level(i)) => q
            .question()
            .levels()
            .and_then(|l| l.get(usize::from(i)).copied()),
        _ => None,
    }
}

const CLASSES: [&str; 3] = ["small", "medium", "large"];

/// Picks the tier and size class for a scenario.
pub(super) fn size(answers: &Answers, p: &Pricing) -> Sizing {
    let task = level(answers, "requirements.task");
    let mut why = Vec::new();
    let (mut tier, mut class, factor) = match task {
        Some("classify" | "extract") => {
            why.push(format!(
                "a {} task is served well by small models",
                task.unwrap_or("")
            ));
            ("small", "small", 1.0)
        }
        Some("generate") => {
            why.push("drafting and answering need a mid-size model".to_owned());
            ("mid", "medium", 1.0)
        }
        Some("reason") => {
            let f = p.api.reasoning_token_factor.value;
            why.push(format!(
                "multi-step reasoning needs the leading models, and their hidden reasoning multiplies the tokens by {f}"
            ));
            ("frontier", "large", f)
        }
        Some("agent") => {
            let f = p.api.agent_token_factor.value;
            why.push(format!(
                "an agent needs the leading models and makes many calls per request: tokens x {f}"
            ));
            ("frontier", "moe", f)
        }
        _ => {
            why.push("task unanswered: priced as a general assistant".to_owned());
            ("mid", "large", 1.0)
        }
    };
    if level(answers, "requirements.domain") == Some("highly_specialized") {
        if let Some(i) = CLASSES.iter().position(|c| *c == class) {
            if i + 1 < CLASSES.len() {
                class = CLASSES[i + 1];
                why.push(
                    "a field of its own needs one size class more of an open model".to_owned(),
                );
            }
        }
    }
    let latency = level(answers, "requirements.latency");
    if latency == Some("realtime") {
        if tier == "frontier" {
            tier = "mid";
            why.push("sub-second answers rule out the slowest, largest hosted models".to_owned());
        }
        if class == "large" {
            class = "medium";
            why.push("sub-second answers cap the open model at the 30B class".to_owned());
        }
    }
    let (tier, class) = chosen(answers, tier, class, &mut why);
    let batch = latency == Some("batch");
    if batch {
        why.push("batch work uses the providers' batch prices".to_owned());
    }
    let a = &p.api;
    let input_per_output = match task {
        Some("classify") => a.classify_input_per_output.value,
        Some("extract") => a.extract_input_per_output.value,
        Some("agent") => a.agent_input_per_output.value,
        _ => a.input_per_output.value,
    };
    Sizing {
        tier: tier.to_owned(),
        class: class.to_owned(),
        token_factor: factor,
        input_per_output,
        batch,
        why,
    }
}

/// The answers file's `[cost]` choices over the right-sized tier and class, each noted in `why`.
fn chosen(
    answers: &Answers,
    tier: &'static str,
    class: &'static str,
    why: &mut Vec<String>,
) -> (&'static str, &'static str) {
    let cost = answers.cost;
    let mut pick =
        |chosen: Option<&'static str>, sized: &'static str, what: &str, key: &str| match chosen {
            Some(c) if c != sized => {
                why.push(format!(
                    "the answers file sets the {what} to {c} ([cost] {key}) instead of {sized}"
                ));
                c
            }
            _ => sized,
        };
    let tier = pick(cost.tier, tier, "hosted tier", "tier");
    let class = pick(
        cost.size_class,
        class,
        "open-model size class",
        "size_class",
    );
    (tier, class)
}
