//! `llm-strategy rules check`: load a rule set and report every problem, or a summary.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::commands::{Context, OutputArgs};
use crate::inspect;
use crate::render::Format;

/// What `rules check --help` shows after the options.
const EXAMPLES: &str = "\
Examples:
  # The built-in rule base
  llm-strategy rules check
  # A rule set of your own (start from a copy of rules/)
  llm-strategy rules check my-rules/";

/// Arguments of `rules check`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The rules directory [default: the built-in rule base].
    pub dir: Option<PathBuf>,
    /// Where the report goes instead of stdout.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Checks the rule set.
pub fn run(args: &Args, context: &Context) -> anyhow::Result<ExitCode> {
    let base = context.rule_base(args.dir.as_deref())?;
    let name = args
        .dir
        .as_ref()
        .map_or_else(|| "built-in rules".to_owned(), |d| d.display().to_string());
    let summary = inspect::check_summary(&base, &name);
    args.output
        .emit(Format::Table, context, "rules check", |r| {
            r.rules_check(&summary)
        })?;
    Ok(ExitCode::SUCCESS)
}
