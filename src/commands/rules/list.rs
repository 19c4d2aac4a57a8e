//! `llm-strategy rules list`: every rule with its id, summary and source.

use std::process::ExitCode;

use crate::commands::{Context, RulesArgs};
use crate::inspect;
use crate::render::{self, Format};

/// Arguments of `rules list`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The rule base.
    #[command(flatten)]
    pub rules: RulesArgs,
    /// Output format (`table` or `json`).
    #[arg(long, short, value_parser = Format::among(&[Format::Table, Format::Json]), default_value = "table")]
    pub format: Format,
}

/// Lists the rules.
pub fn run(args: &Args, context: &Context) -> anyhow::Result<ExitCode> {
    let base = context.rule_base(&args.rules.selection())?;
    let list = inspect::list(&base);
    render::emit(args.format, context.look, "rules list", |r| {
        r.rules_list(&list)
    })?;
    Ok(ExitCode::SUCCESS)
}
