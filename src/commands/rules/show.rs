//! `llm-strategy rules show`: one rule in full.

use std::process::ExitCode;

use crate::commands::{Context, RulesArgs};
use crate::inspect;
use crate::render::{self, Format};

/// Arguments of `rules show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The rule's id.
    pub id: String,
    /// The rule base.
    #[command(flatten)]
    pub rules: RulesArgs,
}

/// Shows the rule.
pub fn run(args: &Args, context: &Context) -> anyhow::Result<ExitCode> {
    let base = context.rule_base(&args.rules.selection())?;
    let detail = inspect::detail(&base, &args.id)?;
    render::emit(Format::Table, context.look, "rules show", |r| {
        r.rule_show(&detail)
    })?;
    Ok(ExitCode::SUCCESS)
}
