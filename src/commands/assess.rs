//! `llm-strategy assess`: the advice for one scenario.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Context, ReportArgs};
use crate::diagnostic::input;
use crate::render::{self, output, svg};
use crate::{answers, report};

/// What `assess --help` shows after the options: the bundled examples, run.
const EXAMPLES: &str = "\
Examples:
  # The advice on one screen
  llm-strategy assess examples/regional-bank-advisor.toml
  # The whole report, with every rule and what it added to each score
  llm-strategy assess examples/regional-bank-advisor.toml --explain
  # Markdown for a planning document, written to a file
  llm-strategy assess examples/saas-support-docs.toml -f markdown -o advice.md
  # Answers from standard input, the report as JSON
  llm-strategy assess - --format json < examples/saas-support-docs.toml";

/// Arguments of `assess`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The answers file (TOML) describing the scenario; `-` reads it from standard input.
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
    /// links the picture (relative to the --embed document or the --output file) instead of
    /// drawing a Mermaid chart; with --check, the file is compared, not written.
    #[arg(long, value_name = "FILE.svg")]
    pub chart: Option<PathBuf>,
    /// Output options.
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Assesses the scenario and prints (or embeds) its report.
pub fn run(args: &Args, context: &Context) -> anyhow::Result<ExitCode> {
    let out = &args.report.output;
    out.refuse_inputs(
        [("answers file", args.file.as_path())]
            .into_iter()
            .chain(args.chart.as_deref().map(|c| ("--chart file", c))),
    )?;
    let base = context.rule_base(&args.report.rules.selection())?;
    let answers = answers::load(&args.file)?;
    let region = input::stem(&args.file);
    // An embedded region may record --explain: the destination knows whether to explain.
    let destination = args
        .report
        .destination("assess", &region, Some(args.explain))?;
    let explain = destination.explain();
    let mut report = report::assess_with(&base, &answers, explain);
    report
        .warnings
        .extend(base.stale_pricing(crate::cost::staleness::today()?));
    let look = render::Look {
        full: args.full || explain,
        ..out.look(context)
    };
    if let Some(chart) = &args.chart {
        output::write_chart(chart, &svg::assess(&report), args.report.check, out.force)?;
    }
    let link = args
        .chart
        .as_deref()
        .map(|c| render::chart_link(c, args.report.embed.as_deref().or(out.file())));
    destination.deliver(look, base.identity, |r| {
        r.assess_with_chart(&report, link.as_deref())
    })?;
    Ok(ExitCode::SUCCESS)
}
