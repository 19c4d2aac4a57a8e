//! `llm-strategy assess`: the advice for one scenario.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Context, ReportArgs};
use crate::render::{self, output, svg};
use crate::{answers, report};

/// Arguments of `assess`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The answers file (TOML) describing the scenario.
    pub file: PathBuf,
    /// Also show every rule, fired or not, with what it added to each score (implies
    /// `--full`).
    #[arg(long)]
    pub explain: bool,
    /// Show the whole report on the terminal, not the one-screen summary: scores, matrix,
    /// every reason, exclusions, strategy, cost notes, every change that would alter the
    /// advice, next steps. Markdown and JSON always hold everything.
    #[arg(long)]
    pub full: bool,
    /// Also draw the control/complexity matrix as an SVG picture in this file. Markdown then
    /// links the picture (relative to the --embed document) instead of drawing a Mermaid
    /// chart; with --check, the file is compared, not written.
    #[arg(long, value_name = "FILE.svg")]
    pub chart: Option<PathBuf>,
    /// Output options.
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Assesses the scenario and prints (or embeds) its report.
pub fn run(args: &Args, context: &Context) -> anyhow::Result<ExitCode> {
    let base = context.rule_base(&args.report.rules.selection())?;
    let answers = answers::load(&args.file)?;
    let region = args.file.file_stem().map_or_else(
        || "scenario".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    // An embedded region may record --explain: the destination knows whether to explain.
    let destination = args
        .report
        .destination("assess", &region, Some(args.explain))?;
    let explain = destination.explain();
    let mut report = report::assess_with(&base, &answers, explain);
    report
        .warnings
        .extend(base.stale_pricing(crate::cost::staleness::today()));
    let look = render::Look {
        full: args.full || explain,
        ..context.look
    };
    if let Some(chart) = &args.chart {
        output::write_chart(chart, &svg::assess(&report), args.report.check)?;
    }
    let link = args
        .chart
        .as_deref()
        .map(|c| render::chart_link(c, args.report.embed.as_deref()));
    destination.deliver(look, base.identity, |r| {
        r.assess_with_chart(&report, link.as_deref())
    })?;
    Ok(ExitCode::SUCCESS)
}
