//! `llm-strategy compare`: 2 to 16 scenarios side by side, and what differs and why.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Context, ReportArgs, scenario_files};
use crate::compare;
use crate::diagnostic::Invalid;
use crate::render::{self, output, svg};

/// What `compare --help` shows after the options: the bundled examples, compared.
const EXAMPLES: &str = "\
Examples:
  # Every bundled example side by side (a directory's *.toml files)
  llm-strategy compare examples/
  # Two scenarios, the second compared with the first
  llm-strategy compare examples/saas-support-docs.toml \\
    examples/startup-prototype-weeks.toml
  # Against a chosen baseline, as Markdown with the matrix drawn in an SVG file
  llm-strategy compare examples/ --baseline examples/defence-air-gapped.toml \\
    -f markdown -o compare.md --chart matrix.svg
  # One scenario from standard input, beside a file
  llm-strategy compare - examples/saas-support-docs.toml \\
    < examples/chip-design-assistant.toml";

// Not a literal doc comment, which clap would take for the command's description and, as the
// command is built only when it runs, put in place of the one its `Command` variant gives.
#[doc = concat!("Arguments of `", "compare", "`.")]
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Answers files, or a directory whose `*.toml` files are the scenarios (in name order);
    /// `-` (once) reads one from standard input.
    #[arg(required = true, value_name = "FILE|DIR")]
    pub inputs: Vec<PathBuf>,
    /// The scenario the others are compared with [default: the first file]. A file not among
    /// the inputs is added in front of them.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Also draw the control/complexity matrix as an SVG picture in this file. Markdown then
    /// links the picture (relative to the --embed document or the --output file) instead of
    /// drawing a Mermaid chart; with --check, the file is compared, not written.
    #[arg(long, value_name = "FILE.svg")]
    pub chart: Option<PathBuf>,
    /// Output options.
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Assesses every scenario and prints (or embeds) the comparison.
pub fn run(args: &Args, context: &Context) -> anyhow::Result<ExitCode> {
    let (files, baseline) = with_baseline(&args.inputs, args.baseline.as_deref())?;
    let out = &args.report.output;
    out.refuse_inputs(
        files
            .iter()
            .map(|f| ("answers file", f.as_path()))
            .chain(args.chart.as_deref().map(|c| ("--chart file", c))),
    )?;
    let base = context.rule_base(&args.report.rules.selection())?;
    let scenarios = scenario_files::load_all(&files)?;
    let mut comparison = compare::compare(&base, &scenarios, baseline);
    comparison.baseline_chosen = args.baseline.is_some();
    comparison.files = scenario_files::shown(&files);
    let stale = base.stale_pricing(crate::cost::staleness::today()?);
    for report in &mut comparison.scenarios {
        report.warnings.extend(stale.clone());
    }
    if let Some(chart) = &args.chart {
        output::write_chart(
            chart,
            &svg::compare(&comparison),
            args.report.check,
            out.force,
        )?;
    }
    let link = args
        .chart
        .as_deref()
        .map(|c| render::chart_link(c, args.report.embed.as_deref().or(out.file())));
    args.report
        .destination("compare", "compare", None)?
        .deliver(out.look(context), base.identity, |r| {
            r.compare_with_chart(&comparison, link.as_deref())
        })?;
    Ok(ExitCode::SUCCESS)
}

/// The answers files `compare` was given (files as they are, directories expanded to their
/// `*.toml` files in name order) and the index of the baseline among them. The same file
/// twice, however it is named, is an error, and so is `-` (standard input) twice.
fn with_baseline(
    inputs: &[PathBuf],
    baseline: Option<&Path>,
) -> anyhow::Result<(Vec<PathBuf>, usize)> {
    let mut files = scenario_files::expand(inputs)?.files;
    let ids: Vec<PathBuf> = files.iter().map(|f| scenario_files::identity(f)).collect();
    let mut index = 0;
    if let Some(b) = baseline {
        if let Some(i) = ids.iter().position(|id| *id == scenario_files::identity(b)) {
            index = i;
        } else {
            files.insert(0, b.to_path_buf());
        }
    }
    if !(2..=compare::MAX_SCENARIOS).contains(&files.len()) {
        return Err(Invalid(format!(
            "compare needs 2 to {} answers files (or a directory holding them); got {}",
            compare::MAX_SCENARIOS,
            files.len()
        ))
        .into());
    }
    Ok((files, index))
}
