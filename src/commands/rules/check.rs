//! `llm-strategy rules check`: load a rule set and report every problem, or a summary.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::commands::{Context, OutputArgs, RulesArgs};
use crate::render::Format;
use crate::{inspect, promises};

/// What `rules check --help` shows after the options.
const EXAMPLES: &str = "\
Examples:
  # The built-in rule base
  llm-strategy rules check
  # Your own rule files, laid over the built-in ones
  llm-strategy rules check my-rules/";

// Not a literal doc comment, which clap would take for the command's description and, as the
// command is built only when it runs, put in place of the one its `Command` variant gives.
#[doc = concat!("Arguments of `", "rules check", "`.")]
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The rules directory to check, layered over the built-in rules as `--rules DIR` reads
    /// it [default: the built-in rule base]. `--rules-only DIR` checks a directory alone.
    #[arg(conflicts_with_all = ["rules", "rules_only"])]
    pub dir: Option<PathBuf>,
    /// Where the report goes instead of stdout.
    #[command(flatten)]
    pub output: OutputArgs,
    /// The rule base, as other commands take it.
    #[command(flatten)]
    pub rules: RulesArgs,
}

/// Checks the rule set.
pub fn run(args: &Args, context: &Context) -> anyhow::Result<ExitCode> {
    let selection = args.rules.with_subject(args.dir.as_deref());
    let base = context.rule_base(&selection)?;
    let name = selection
        .dir()
        .map_or_else(|| "built-in rules".to_owned(), |d| d.display().to_string());
    let mut summary = inspect::check_summary(&base, &name);
    summary.promises = promises::verify(&base)?;
    args.output
        .emit(Format::Table, context, "rules check", |r| {
            r.rules_check(&summary)
        })?;
    Ok(ExitCode::SUCCESS)
}
