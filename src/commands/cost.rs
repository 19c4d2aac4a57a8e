//! `llm-strategy cost`: what each strategy would cost, with every assumption used.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Context, OutputArgs};
use crate::render::Format;
use crate::{answers, cost, report};

/// What `cost --help` shows after the options: the bundled examples, priced.
const EXAMPLES: &str = "\
Examples:
  # Each strategy's monthly and first-year cost, with every assumption
  llm-strategy cost examples/high-volume-classifier-self-hosted.toml
  # As Markdown, written to a file
  llm-strategy cost examples/saas-support-docs.toml -f markdown -o cost.md
  # Answers from standard input, the breakdown as JSON
  llm-strategy cost - --format json < examples/startup-prototype-weeks.toml";

// Not a literal doc comment, which clap would take for the command's description and, as the
// command is built only when it runs, put in place of the one its `Command` variant gives.
#[doc = concat!("Arguments of `", "cost", "`.")]
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The answers file (TOML) describing the scenario; `-` reads it from standard input.
    pub file: PathBuf,
    /// Output format (`table`, `json` or `markdown`).
    #[arg(long, short, value_parser = Format::among(&[Format::Table, Format::Json, Format::Markdown]), default_value = "table")]
    pub format: Format,
    /// The rule base, whose pricing the estimate uses.
    #[command(flatten)]
    pub rules: super::RulesArgs,
    /// Where the breakdown goes instead of stdout.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Estimates the scenario's costs and prints the breakdown.
pub fn run(args: &Args, context: &Context) -> anyhow::Result<ExitCode> {
    args.output
        .refuse_inputs([("answers file", args.file.as_path())])?;
    let base = context.rule_base(&args.rules.selection())?;
    let answers = answers::load(&args.file)?;
    let estimate = cost::estimate_with_ranges(&answers, &base.pricing);
    let model = cost::CostReport {
        schema_version: report::SCHEMA_VERSION,
        scenario: &answers.name,
        cost: &estimate,
        pricing: &base.pricing,
        warnings: base
            .stale_pricing(cost::staleness::today()?)
            .into_iter()
            .collect(),
    };
    args.output
        .emit(args.format, context, "cost", |r| r.cost(&model))?;
    Ok(ExitCode::SUCCESS)
}
