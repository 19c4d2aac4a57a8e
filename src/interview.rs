//! `init --interactive`: asks each question of the questionnaire at the terminal, checks every
//! answer exactly as an answers file's would be checked ([`answers::check_literal`]), and
//! returns the answers as TOML writes them, for the file `init` writes.

use std::io::IsTerminal as _;

use inquire::ui::{RenderConfig, Styled};
use inquire::validator::{ErrorMessage, Validation};
use inquire::{InquireError, Select, Text};

use crate::answers;
use crate::diagnostic::Invalid;
use crate::questions::{Accepts, Entry, Filled, Level, Questionnaire};
use crate::render::interview as words;
use crate::render::output;

/// The sections asked about; `[cost]` chooses prices, not advice, and stays commented out.
const ASKED: [&str; 6] = [
    "scenario",
    "data",
    "team",
    "budget",
    "traffic",
    "requirements",
];

/// What the interview gathered: the answers, and how many optional questions were skipped.
#[derive(Debug, Default)]
pub struct Interview {
    /// The answers given, as TOML writes them, by dotted name.
    pub filled: Filled,
    /// Optional questions left unanswered.
    pub skipped: usize,
}

/// Fails with exit status 2 unless standard input and standard error are terminals: the
/// prompts read keys from one and draw on the other, and would otherwise hang or garble.
pub fn require_terminal() -> Result<(), Invalid> {
    let missing = if !std::io::stdin().is_terminal() {
        "standard input"
    } else if !std::io::stderr().is_terminal() {
        "standard error"
    } else {
        return Ok(());
    };
    Err(Invalid(format!(
        "init --interactive asks its questions on a terminal, and {missing} is not one\n  \
         help: run it in a terminal, or run `llm-strategy init` for a commented file to fill in"
    )))
}

/// Asks every question of the asked sections in order; `stem` is the default scenario name.
///
/// Ctrl-C, or Esc on a required question, stops with an error and nothing gathered.
/// `color` is false under `--color never` or `NO_COLOR`.
pub fn ask(
    q: &Questionnaire,
    file_name: &str,
    stem: &str,
    width: usize,
    color: bool,
) -> anyhow::Result<Interview> {
    let look = if color {
        RenderConfig::default_colored()
    } else {
        // As the colored look marks them, so an answered question reads the same either way.
        RenderConfig::empty().with_answered_prompt_prefix(Styled::new(">"))
    };
    output::notice(words::opening(file_name, width).trim_end());
    let mut interview = Interview::default();
    for section in q.sections.iter().filter(|s| ASKED.contains(&s.section)) {
        output::notice(words::section(section, width).trim_end());
        for entry in &section.keys {
            output::notice(words::question(entry, width).trim_end());
            let prompt = words::prompt(entry, section.section);
            let answer = match &entry.accepts {
                Accepts::Level { levels, .. } => {
                    choose(entry, &prompt, levels, width, &ending(&look, entry))
                }
                Accepts::Number { .. } | Accepts::Text => {
                    let default = (entry.name == "scenario.name").then_some(stem);
                    type_in(
                        entry,
                        section.section,
                        &prompt,
                        default,
                        &ending(&look, entry),
                    )
                }
            };
            match answer.map_err(|e| stopped(e, &entry.name))? {
                Some(literal) => {
                    interview.filled.insert(entry.name.clone(), literal);
                }
                None => interview.skipped += usize::from(!entry.required),
            }
        }
    }
    Ok(interview)
}

/// A select list of the levels; `None` when an optional question is skipped.
fn choose(
    entry: &Entry,
    prompt: &str,
    levels: &[Level],
    width: usize,
    look: &RenderConfig<'static>,
) -> Result<Option<String>, InquireError> {
    let pad = levels.iter().map(|l| l.level.len()).max().unwrap_or(0);
    let choices: Vec<String> = levels
        .iter()
        .map(|level| words::choice(level, pad, width))
        .collect();
    let help = words::help(entry);
    let select = Select::new(prompt, choices)
        .with_help_message(&help)
        .with_formatter(&|chosen| level_of(chosen.value).to_owned())
        .with_page_size(levels.len());
    let select = select.with_render_config(*look);
    let chosen = if entry.required {
        Some(select.prompt()?)
    } else {
        select.prompt_skippable()?
    };
    Ok(chosen.map(|c| format!("\"{}\"", level_of(&c))))
}

/// The level a choice line starts with (levels have no spaces).
fn level_of(choice: &str) -> &str {
    choice.split(' ').next().unwrap_or(choice)
}

/// A line of text, a number or a name, checked as a file's answer would be; `None` when an
/// optional question is skipped.
fn type_in(
    entry: &Entry,
    section: &'static str,
    prompt: &str,
    default: Option<&str>,
    look: &RenderConfig<'static>,
) -> Result<Option<String>, InquireError> {
    let key = entry.key;
    let text = matches!(entry.accepts, Accepts::Text);
    let required = entry.required;
    let allowed = entry.allowed.clone();
    let literal = move |input: &str| {
        if text {
            toml::Value::String(input.trim().to_owned()).to_string()
        } else {
            input.trim().to_owned()
        }
    };
    let validator = move |input: &str| {
        if input.trim().is_empty() {
            return Ok(if required {
                Validation::Invalid(ErrorMessage::Custom(format!("required: {allowed}")))
            } else {
                Validation::Valid
            });
        }
        Ok(
            match answers::check_literal(section, key, &literal(input)) {
                Ok(()) => Validation::Valid,
                Err(d) => {
                    let what = d
                        .message
                        .split_once(": ")
                        .map_or(d.message.as_str(), |(_, w)| w);
                    let mut message = what.to_owned();
                    for note in &d.notes {
                        message.push_str("; ");
                        message.push_str(note.strip_prefix("help: ").unwrap_or(note));
                    }
                    Validation::Invalid(ErrorMessage::Custom(message))
                }
            },
        )
    };
    let help = words::help(entry);
    let mut prompt = Text::new(prompt)
        .with_help_message(&help)
        .with_validator(validator);
    if let Some(default) = default {
        prompt = prompt.with_default(default);
    }
    prompt = prompt.with_render_config(*look);
    let typed = if required {
        Some(prompt.prompt()?)
    } else {
        prompt.prompt_skippable()?
    };
    Ok(typed.filter(|t| !t.trim().is_empty()).map(|t| literal(&t)))
}

/// `look`, with what Esc shows: an optional question is skipped, a required one ends the
/// interview.
fn ending(look: &RenderConfig<'static>, entry: &Entry) -> RenderConfig<'static> {
    let shown = if entry.required {
        "<stopped>"
    } else {
        "<skipped>"
    };
    look.with_canceled_prompt_indicator(Styled::new(shown))
}

/// The error that ends an interview early.
fn stopped(error: InquireError, at: &str) -> anyhow::Error {
    match error {
        InquireError::OperationCanceled => anyhow::anyhow!(
            "stopped at {at}, which is required (Esc skips only optional questions); \
             nothing was written"
        ),
        InquireError::OperationInterrupted => {
            anyhow::anyhow!("interrupted at {at}; nothing was written")
        }
        InquireError::NotTTY => Invalid(format!(
            "init --interactive needs a terminal to ask {at}; nothing was written"
        ))
        .into(),
        other => anyhow::anyhow!("cannot ask {at}: {other}; nothing was written"),
    }
}
