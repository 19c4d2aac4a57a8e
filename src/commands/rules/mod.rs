//! `llm-strategy rules`: inspect, check and test a rule base; one file per verb.

pub mod calibrate;
pub mod check;
pub mod coverage;
pub mod list;
pub mod show;
pub mod test;

use std::process::ExitCode;

use clap::Subcommand;

use super::Context;

/// What `rules --help` shows after the commands.
pub const EXAMPLES: &str = "\
Examples:
  llm-strategy rules list
  llm-strategy rules show regulated-data-favours-own-hosting
  llm-strategy rules test
  # A rule set of your own: copy rules/, edit it, check and test it
  llm-strategy rules check my-rules/ && llm-strategy rules test my-rules/";

/// The `rules` subcommands, each built only when it runs.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// List every rule: id, summary and source.
    List(list::Args),
    /// Show one rule in full.
    Show(show::Args),
    /// Check a rule set the way loading does: exit 0, or 2 with every problem.
    Check(check::Args),
    /// Run the test cases stored with a rule set (`tests/*.yaml`); exit 1 on any failure.
    Test(test::Args),
    /// Enumerate the whole answer space: pairs reached, dead rules, ties, exclusions.
    Coverage(coverage::Args),
    /// Fit the rule weights to documented cases and write the calibrated rule set.
    Calibrate(calibrate::Args),
}

/// Runs one `rules` verb.
pub fn run(command: &Command, context: &Context) -> anyhow::Result<ExitCode> {
    match command {
        Command::List(args) => list::run(args, context),
        Command::Show(args) => show::run(args, context),
        Command::Check(args) => check::run(args, context),
        Command::Test(args) => test::run(args, context),
        Command::Coverage(args) => coverage::run(args, context),
        Command::Calibrate(args) => calibrate::run(args, context),
    }
}
