//! `llm-strategy rules list`: every rule with its id, summary and source.

use std::process::ExitCode;

use crate::commands::{Context, OutputArgs, RulesArgs};
use crate::inspect;
use crate::render::Format;

/// What `rules list --help` shows after the options.
const EXAMPLES: &str = "\
Examples:
  llm-strategy rules list
  # As JSON, written to a file
  llm-strategy rules list --format json -o rules.json
  # Your own rule files, laid over the built-in ones
  llm-strategy rules list --rules my-rules/";

// Not a literal doc comment, which clap would take for the command's description and, as the
// command is built only when it runs, put in place of the one its `Command` variant gives.
#[doc = concat!("Arguments of `", "rules list", "`.")]
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The rule base.
    #[command(flatten)]
    pub rules: RulesArgs,
    /// Output format (`table` or `json`).
    #[arg(long, short, value_parser = Format::among(&[Format::Table, Format::Json]), default_value = "table")]
    pub format: Format,
    /// Where the report goes instead of stdout.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Lists the rules.
pub fn run(args: &Args, context: &Context) -> anyhow::Result<ExitCode> {
    let base = context.rule_base(&args.rules.selection())?;
    let list = inspect::list(&base);
    args.output
        .emit(args.format, context, "rules list", |r| r.rules_list(&list))?;
    Ok(ExitCode::SUCCESS)
}
