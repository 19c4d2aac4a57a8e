//! `llm-strategy rules show`: one rule in full.

use std::process::ExitCode;

use crate::commands::{Context, OutputArgs, RulesArgs};
use crate::inspect;
use crate::render::Format;

/// What `rules show --help` shows after the options.
const EXAMPLES: &str = "\
Examples:
  llm-strategy rules show regulated-data-favours-own-hosting
  # Ids come from the list
  llm-strategy rules list";

// Not a literal doc comment, which clap would take for the command's description and, as the
// command is built only when it runs, put in place of the one its `Command` variant gives.
#[doc = concat!("Arguments of `", "rules show", "`.")]
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The rule's id.
    pub id: String,
    /// The rule base.
    #[command(flatten)]
    pub rules: RulesArgs,
    /// Where the report goes instead of stdout.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Shows the rule.
pub fn run(args: &Args, context: &Context) -> anyhow::Result<ExitCode> {
    let base = context.rule_base(&args.rules.selection())?;
    let detail = inspect::detail(&base, &args.id)?;
    args.output
        .emit(Format::Table, context, "rules show", |r| {
            r.rule_show(&detail)
        })?;
    Ok(ExitCode::SUCCESS)
}
