//! The command line: the top-level parser, the options every command shares, and the
//! dispatch to [`crate::commands`].

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::commands::{self, Context, GlobalArgs};

/// Advises an organization how to adopt large language models: which strategy
/// (closed API, provider-tuned API, self-hosted open model, or trained from scratch),
/// which approach (prompting, RAG, fine-tuning, training), and why.
#[derive(Debug, Parser)]
#[command(name = "llm-strategy", version, about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Options shared by every command.
    #[command(flatten)]
    pub global: GlobalArgs,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Recommend a strategy and approach for the scenario in an answers file.
    Assess(commands::assess::Args),
    /// Compare 2 to 16 scenarios side by side, and say what differs and why.
    Compare(commands::compare::Args),
    /// Estimate what each strategy would cost, with every assumption used.
    Cost(commands::cost::Args),
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
    #[command(subcommand)]
    Rules(commands::rules::Command),
}

/// Carries out the command; errors that are [`crate::Invalid`] mean exit status 2.
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let context = Context::new(&cli.global);
    match &cli.command {
        Command::Assess(args) => commands::assess::run(args, &context),
        Command::Compare(args) => commands::compare::run(args, &context),
        Command::Cost(args) => commands::cost::run(args, &context),
        Command::Questions(args) => commands::questions::run(args, &context),
        Command::Init(args) => commands::init::run(args, &context),
        Command::Schema(args) => commands::schema::run(args, &context),
        Command::Rules(command) => commands::rules::run(command, &context),
    }
}
