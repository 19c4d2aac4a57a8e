//! The command line: arguments, and `run`, which carries out one command.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::render::{Format, Look};
use crate::{answers, report, rules};

/// Advises an organization how to adopt large language models: which strategy
/// (closed API, provider-tuned API, self-hosted open model, or trained from scratch),
/// which approach (prompting, RAG, fine-tuning, training), and why.
#[derive(Debug, Parser)]
#[command(name = "llm-strategy", version, about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Output options shared by every command.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Options that shape text output.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Width of text output in columns [default: the terminal's, or $COLUMNS, or 80].
    #[arg(long, global = true, value_parser = clap::value_parser!(u16).range(40..=1000))]
    pub width: Option<u16>,
    /// When to use colors; `auto` means on a terminal and never with `NO_COLOR` set.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// When to color the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Recommend a strategy and approach for the scenario in an answers file.
    Assess(AssessArgs),
}

/// Arguments of `assess`.
#[derive(Debug, Args)]
pub struct AssessArgs {
    /// The answers file (TOML) describing the scenario.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Use the rule files in this directory instead of the built-in rule base.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

impl OutputArgs {
    /// The look of text output for stdout.
    pub fn look(&self) -> Look {
        let tty = std::io::stdout().is_terminal();
        let width = self.width.unwrap_or_else(|| {
            let from_terminal = terminal_size::terminal_size()
                .map(|(w, _)| w.0)
                .filter(|_| tty);
            let from_env = std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse::<u16>().ok());
            from_terminal.or(from_env).unwrap_or(80).max(40)
        });
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && !no_color,
        };
        Look { width, color }
    }
}

/// Carries out the command; errors that are [`crate::Invalid`] mean exit status 2.
pub fn run(cli: &Cli) -> anyhow::Result<()> {
    let look = cli.output.look();
    match &cli.command {
        Command::Assess(args) => {
            let base = rules::load(args.rules.as_deref())?;
            let answers = answers::load(&args.file)?;
            let report = report::assess(&base, &answers);
            let text = args.format.renderer(look).assess(&report);
            write_stdout(&text)
        }
    }
}

fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
