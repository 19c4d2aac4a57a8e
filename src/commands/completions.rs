//! `llm-strategy completions`: the completion script for a shell, printed for the user to
//! install where the shell looks for it.

use std::process::ExitCode;

use crate::render::{manual, output};

/// How to install each shell's script, shown under `completions --help`.
const EXAMPLES: &str = "\
Examples:
  # bash (bash-completion loads it in new shells)
  llm-strategy completions bash \\
    > ~/.local/share/bash-completion/completions/llm-strategy
  # zsh: a directory on $fpath, e.g. fpath=(~/.zfunc $fpath) before compinit
  llm-strategy completions zsh > ~/.zfunc/_llm-strategy
  # fish
  llm-strategy completions fish > ~/.config/fish/completions/llm-strategy.fish
  # PowerShell: add this line to $PROFILE
  llm-strategy completions powershell | Out-String | Invoke-Expression
  # elvish: add this line to ~/.config/elvish/rc.elv
  eval (llm-strategy completions elvish | slurp)";

// Not a literal doc comment, which clap would take for the command's description and, as the
// command is built only when it runs, put in place of the one its `Command` variant gives.
#[doc = concat!("Arguments of `", "completions", "`.")]
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The shell to write the completion script for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Prints the completion script of the command line `cli` for the shell.
pub fn run(args: &Args, cli: clap::Command) -> anyhow::Result<ExitCode> {
    output::print(&manual::completions(cli, args.shell))?;
    Ok(ExitCode::SUCCESS)
}
