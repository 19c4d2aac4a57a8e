//! `llm-strategy man`: the manual page (roff) on stdout, for the user to install or read.

use std::process::ExitCode;

use crate::render::{manual, output};

/// How to install and read the page, shown under `man --help`.
const EXAMPLES: &str = "\
Examples:
  # Install it where man looks (run mandb if man does not find it)
  llm-strategy man > ~/.local/share/man/man1/llm-strategy.1
  man llm-strategy
  # Read it without installing it
  llm-strategy man | man -l -";

// Not a literal doc comment, which clap would take for the command's description and, as the
// command is built only when it runs, put in place of the one its `Command` variant gives.
#[doc = concat!("Arguments of `", "man", "`.")]
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {}

/// Prints the manual page of the command line `cli`.
pub fn run(_args: &Args, cli: clap::Command) -> anyhow::Result<ExitCode> {
    let page =
        manual::man_page(cli).map_err(|e| anyhow::anyhow!("cannot write the manual page: {e}"))?;
    output::print(&page)?;
    Ok(ExitCode::SUCCESS)
}
