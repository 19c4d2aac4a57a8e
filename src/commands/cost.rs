//! `llm-strategy cost`: what each strategy would cost, with every assumption used.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Context;
use crate::render::{self, Format};
use crate::{answers, cost, report};

/// Arguments of `cost`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The answers file (TOML) describing the scenario.
    pub file: PathBuf,
    /// Output format (`table`, `json` or `markdown`).
    #[arg(long, short, value_parser = Format::among(&[Format::Table, Format::Json, Format::Markdown]), default_value = "table")]
    pub format: Format,
    /// The rule base, whose pricing the estimate uses.
    #[command(flatten)]
    pub rules: super::RulesArgs,
}

/// Estimates the scenario's costs and prints the breakdown.
pub fn run(args: &Args, context: &Context) -> anyhow::Result<ExitCode> {
    let base = context.rule_base(&args.rules.selection())?;
    let answers = answers::load(&args.file)?;
    let estimate = cost::estimate_with_ranges(&answers, &base.pricing);
    let model = cost::CostReport {
        schema_version: report::SCHEMA_VERSION,
        scenario: &answers.name,
        cost: &estimate,
        pricing: &base.pricing,
        warnings: base
            .stale_pricing(cost::staleness::today())
            .into_iter()
            .collect(),
    };
    render::emit(args.format, context.look, "cost", |r| r.cost(&model))?;
    Ok(ExitCode::SUCCESS)
}
