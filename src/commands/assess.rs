//! `llm-strategy assess`: the advice for one scenario.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Context, Destination, ReportArgs};
use crate::diagnostic::input;
use crate::render::{self, Format, Look, output, svg};
use crate::report::Report;
use crate::review::{self, Review};
use crate::rules::RuleBase;
use crate::{answers, embed, report};

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
  llm-strategy assess - --format json < examples/saas-support-docs.toml
  # Save the report as JSON, then later say what changed since, and why
  llm-strategy assess examples/saas-support-docs.toml -f json -o before.json
  llm-strategy assess examples/saas-support-docs.toml --since before.json";

// Not a literal doc comment, which clap would take for the command's description and, as the
// command is built only when it runs, put in place of the one its `Command` variant gives.
#[doc = concat!("Arguments of `", "assess", "`.")]
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
    /// Compare with a JSON report saved earlier (`assess FILE --format json -o FILE.json`):
    /// say what changed in the answers, the rules, the prices and the advice, and which rule
    /// and cost changes moved the scores. The review follows the report in every format
    /// (JSON: a `review` key).
    #[arg(long, value_name = "PREVIOUS.json", conflicts_with = "embed")]
    pub since: Option<PathBuf>,
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
    let previous = args.since.as_deref().map(read_previous).transpose()?;
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
    let link = link.as_deref();
    if let Some((since, previous)) = &previous {
        let named = since.display().to_string();
        let review = review::review(&base, previous, &report, &named);
        destination.deliver(look, base.identity, |r| {
            r.assess_since(&report, &review, link)
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let record = destination
        .is_embedded()
        .then(|| render::embedded_record(&report));
    let delivered = destination.deliver_recorded(look, base.identity, record.as_deref(), |r| {
        r.assess_with_chart(&report, link)
    });
    if let Err(error) = &delivered {
        if error.is::<embed::Stale>() {
            explain_stale(&destination, &base, &report, look);
        }
    }
    delivered?;
    Ok(ExitCode::SUCCESS)
}

/// Reads the report `--since` names; the path is kept to name it in the review.
fn read_previous(path: &Path) -> anyhow::Result<(PathBuf, review::Snapshot)> {
    let text = input::read(path, input::Kind::Report)?;
    Ok((path.to_owned(), review::read::report(path, &text)?))
}

/// After `--check` found the region stale: prints on stderr the review of the current report
/// against the record the region carries, or why there is none.
fn explain_stale(destination: &Destination<'_>, base: &RuleBase, report: &Report, look: Look) {
    let Some((doc, region, body)) = destination.embedded() else {
        return;
    };
    let text = match review::read::record(doc, body) {
        None => format!(
            "note: {} holds no record of the advice it was written with (it was embedded by an \
             older version), so what changed cannot be reviewed; embedding it again adds one",
            doc.display()
        ),
        Some(Err(e)) => format!("note: {e}; what changed cannot be reviewed"),
        Some(Ok(previous)) => {
            let named = format!("{} (region {region})", doc.display());
            let review: Review = review::review(base, &previous, report, &named);
            let look = Look {
                full: false,
                ..look
            };
            Format::Table
                .renderer(look)
                .review(&review)
                .unwrap_or_default()
                .trim()
                .to_owned()
        }
    };
    output::notice(&text);
}
