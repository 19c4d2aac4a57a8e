//! The command line: the top-level parser, the options every command shares, and the
//! dispatch to [`crate::commands`].

use std::process::ExitCode;

use clap::{CommandFactory as _, Parser, Subcommand};

use crate::commands::{self, Context, GlobalArgs};
use crate::render::{manual, output};

/// What the top-level help teaches after the commands and options.
const EXAMPLES: &str = "\
Examples:
  llm-strategy assess examples/regional-bank-advisor.toml
  llm-strategy compare examples/
  llm-strategy portfolio examples/
  llm-strategy cost examples/saas-support-docs.toml --format markdown -o cost.md
  llm-strategy rules list

'llm-strategy help COMMAND' shows a command's options and examples.
An answers file may be '-', standard input.
Exit status: 0 done, 1 the work could not be done, 2 bad input.";

/// Advises an organization how to adopt large language models: which strategy
/// (closed API, provider-tuned API, self-hosted open model, or trained from scratch),
/// which approach (prompting, RAG, fine-tuning, training), and why.
#[derive(Debug, Parser)]
#[command(
    name = "llm-strategy",
    version,
    about,
    max_term_width = 100,
    override_usage = "llm-strategy [OPTIONS] <COMMAND>",
    after_help = EXAMPLES
)]
pub struct Cli {
    /// What to do; without one, the usage and the first steps are printed (exit status 2).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options shared by every command.
    #[command(flatten)]
    pub global: GlobalArgs,
}

/// The commands. Each one's options are built only when it runs (or its help is shown),
/// not on every start.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Recommend a strategy and approach for the scenario in an answers file.
    Assess(commands::assess::Args),
    /// Compare 2 to 16 scenarios side by side, and say what differs and why.
    Compare(commands::compare::Args),
    /// Estimate what each strategy would cost, with every assumption used.
    Cost(commands::cost::Args),
    /// Several use cases of one organization: each one's advice, what they can share, the
    /// combined cost, and the one to start with.
    Portfolio(commands::portfolio::Args),
    /// List every question, what it accepts and what each answer means.
    Questions(commands::questions::Args),
    /// Write a commented answers file to fill in, and its JSON Schema.
    ///
    /// Every question is in the file with what it accepts and what each level means. Each
    /// required question holds "FILL-ME-IN", which assess rejects until it is replaced; the
    /// optional ones are commented out with an example answer. The first line, `#:schema
    /// ./answers.schema.json`, points editors (taplo, Even Better TOML) at the schema written
    /// beside the file.
    Init(commands::init::Args),
    /// Print the JSON Schema of an answers file, for editors.
    Schema(commands::schema::Args),
    /// Inspect, check and test a rule base.
    #[command(subcommand, after_help = commands::rules::EXAMPLES)]
    Rules(commands::rules::Command),
    /// Print the completion script for a shell (bash, zsh, fish, powershell, elvish).
    Completions(commands::completions::Args),
    /// Print the manual page (roff), to install or read with man.
    Man(commands::man::Args),
}

/// Carries out the command; errors that are [`crate::Invalid`] mean exit status 2, and so
/// does running without a command.
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let context = Context::new(&cli.global);
    let Some(command) = &cli.command else {
        let usage = Cli::command().render_usage().to_string();
        output::notice(manual::first_steps(&usage).trim_end());
        return Ok(ExitCode::from(2));
    };
    match command {
        Command::Assess(args) => commands::assess::run(args, &context),
        Command::Compare(args) => commands::compare::run(args, &context),
        Command::Cost(args) => commands::cost::run(args, &context),
        Command::Portfolio(args) => commands::portfolio::run(args, &context),
        Command::Questions(args) => commands::questions::run(args, &context),
        Command::Init(args) => commands::init::run(args, &context),
        Command::Schema(args) => commands::schema::run(args, &context),
        Command::Rules(command) => commands::rules::run(command, &context),
        Command::Completions(args) => commands::completions::run(args, Cli::command()),
        Command::Man(args) => commands::man::run(args, Cli::command()),
    }
}
