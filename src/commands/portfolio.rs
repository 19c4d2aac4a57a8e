//! `llm-strategy portfolio`: several use cases of one organization together: each one's
//! advice, what they can share, the combined cost, and the use case to start with.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Context, ReportArgs, scenario_files};
use crate::diagnostic::Invalid;
use crate::portfolio::{self, MAX_USE_CASES};
use crate::render::{self, output, svg};

/// What `portfolio --help` shows after the options: the rules it follows, and examples.
const EXAMPLES: &str = "\
How it adds up:
  Each use case is assessed as `assess` does and costed under its recommended
  strategy. Shared, when two or more use cases need it:
  - one retrieval platform for the rag use cases (the cost model prices none,
    so no figure changes);
  - one provider contract for the A and B use cases, its usage the sum of
    theirs (no volume discount is assumed);
  - one self-hosted fleet for the C use cases that need the same model size on
    the same kind of GPUs (bought or rented), sized by the serving model for
    their peaks added, with one rollout; D use cases each serve a model of
    their own, so nothing is pooled;
  - each strategy's staff, counted once however many use cases use it.
  The combined cost is the sum of the separate costs minus these savings: never
  more than the sum, and equal to it when nothing is shared. The budget is the
  sum of the use cases' budgets (each file says what its use case may spend).
  The use case to start with: among those whose recommendation no rule
  excludes, those whose first year fits their budget first, then the lowest
  complexity on the matrix, then the lowest first-year cost with staff, then
  the name.

Examples:
  # Every bundled example as one organization's use cases
  llm-strategy portfolio examples/
  # Three use cases, as Markdown with the matrix drawn in an SVG file
  llm-strategy portfolio examples/regional-bank-advisor.toml \\
    examples/saas-support-docs.toml examples/pharma-rnd-on-prem.toml \\
    -f markdown -o portfolio.md --chart portfolio.svg
  # The model as JSON, for scripts
  llm-strategy portfolio examples/ --format json";

// Not a literal doc comment, which clap would take for the command's description and, as the
// command is built only when it runs, put in place of the one its `Command` variant gives.
#[doc = concat!("Arguments of `", "portfolio", "`.")]
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Answers files, one per use case, or a directory whose `*.toml` files are the use cases
    /// (in name order); 1 to 32 in all. `-` (once) reads one from standard input.
    #[arg(required = true, value_name = "FILE|DIR")]
    pub inputs: Vec<PathBuf>,
    /// Also draw the control/complexity matrix with every use case as an SVG picture in this
    /// file. Markdown then links the picture (relative to the --embed document or the --output
    /// file) instead of drawing a Mermaid chart; with --check, the file is compared, not
    /// written.
    #[arg(long, value_name = "FILE.svg")]
    pub chart: Option<PathBuf>,
    /// Output options.
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Assesses every use case and prints (or embeds) the portfolio.
pub fn run(args: &Args, context: &Context) -> anyhow::Result<ExitCode> {
    let expanded = scenario_files::expand(&args.inputs)?;
    let files = expanded.files;
    if !(1..=MAX_USE_CASES).contains(&files.len()) {
        let empty: Vec<String> = expanded
            .empty
            .iter()
            .map(|d| format!("{} holds no *.toml file; ", d.display()))
            .collect();
        return Err(Invalid(format!(
            "{}portfolio needs 1 to {MAX_USE_CASES} answers files (or a directory holding \
             them); got {}",
            empty.concat(),
            files.len()
        ))
        .into());
    }
    let out = &args.report.output;
    out.refuse_inputs(
        files
            .iter()
            .map(|f| ("answers file", f.as_path()))
            .chain(args.chart.as_deref().map(|c| ("--chart file", c))),
    )?;
    let base = context.rule_base(&args.report.rules.selection())?;
    let scenarios = scenario_files::load_all(&files)?;
    let mut portfolio = portfolio::build(&base, &scenarios, &scenario_files::shown(&files));
    let stale = base.stale_pricing(crate::cost::staleness::today()?);
    for use_case in &mut portfolio.use_cases {
        use_case.report.warnings.extend(stale.clone());
    }
    if let Some(chart) = &args.chart {
        output::write_chart(
            chart,
            &svg::portfolio(&portfolio),
            args.report.check,
            out.force,
        )?;
    }
    let link = args
        .chart
        .as_deref()
        .map(|c| render::chart_link(c, args.report.embed.as_deref().or(out.file())));
    args.report
        .destination("portfolio", "portfolio", None)?
        .deliver(out.look(context), base.identity, |r| {
            r.portfolio_with_chart(&portfolio, link.as_deref())
        })?;
    Ok(ExitCode::SUCCESS)
}
