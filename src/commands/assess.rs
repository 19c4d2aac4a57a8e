//! `llm-strategy assess`: the advice for one scenario.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Context, ReportArgs};
use crate::{answers, report};

/// Arguments of `assess`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The answers file (TOML) describing the scenario.
    pub file: PathBuf,
    /// Also show every rule, fired or not, with what it added to each score.
    #[arg(long)]
    pub explain: bool,
    /// Output options.
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Assesses the scenario and prints (or embeds) its report.
pub fn run(args: &Args, context: &Context) -> anyhow::Result<ExitCode> {
    let base = context.rule_base(args.report.rules.as_deref())?;
    let answers = answers::load(&args.file)?;
    let mut report = report::assess_with(&base, &answers, args.explain);
    report
        .warnings
        .extend(base.stale_pricing(crate::cost::staleness::today()));
    let region = args.file.file_stem().map_or_else(
        || "scenario".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    args.report
        .deliver(context.look, "assess", &region, |r| r.assess(&report))?;
    Ok(ExitCode::SUCCESS)
}
