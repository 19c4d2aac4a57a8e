//! `llm-strategy rules coverage`: enumerate a rule base's whole answer space.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::commands::{Context, OutputArgs, RulesArgs};
use crate::coverage;
use crate::render::{Format, output};

/// What `rules coverage --help` shows after the options.
const EXAMPLES: &str = "\
Examples:
  # Every scenario the built-in rule base can meet (minutes, on every core)
  llm-strategy rules coverage
  # A rule set of your own, as JSON written to a file
  llm-strategy rules coverage my-rules/ --format json -o coverage.json";

// Not a literal doc comment, which clap would take for the command's description and, as the
// command is built only when it runs, put in place of the one its `Command` variant gives.
#[doc = concat!("Arguments of `", "rules coverage", "`.")]
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Deprecated: a rules directory read alone, as `--rules-only DIR`.
    #[arg(hide = true, conflicts_with_all = ["rules", "rules_only"])]
    pub dir: Option<PathBuf>,
    /// The rule base.
    #[command(flatten)]
    pub rules: RulesArgs,
    /// Output format (`table` or `json`).
    #[arg(long, short, value_parser = Format::among(&[Format::Table, Format::Json]), default_value = "table")]
    pub format: Format,
    /// The most states the exact count may make (a bound on its work and memory); a rule set
    /// whose space needs more is counted on a seeded sample of 100,000 scenarios instead.
    #[arg(long, value_name = "N", default_value_t = coverage::DEFAULT_MAX_STATES, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_states: u64,
    /// Worker threads [default: one per core].
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub threads: Option<u16>,
    /// Where the report goes instead of stdout.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Enumerates the space and prints what it found.
pub fn run(args: &Args, context: &Context) -> anyhow::Result<ExitCode> {
    let selection = args
        .rules
        .with_legacy("rules coverage", args.dir.as_deref());
    let base = context.rule_base(&selection)?;
    let threads = args.threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        usize::from,
    );
    let bar = output::progress("counting", 1);
    let coverage = coverage::cover(&base, threads, args.max_states, &|done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    });
    bar.finish_and_clear();
    let model = coverage::CoverageReport {
        schema_version: crate::report::SCHEMA_VERSION,
        coverage: &coverage,
        rules: base.rules.len(),
    };
    args.output
        .emit(args.format, context, "rules coverage", |r| {
            r.coverage(&model)
        })?;
    Ok(ExitCode::SUCCESS)
}
