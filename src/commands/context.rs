//! What every command shares: the global options, and the context they resolve to.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::render::Look;

// Not a literal doc comment, which clap would take for the description of the command these
// options join and, as commands are built only when they run, put in place of its own.
#[doc = concat!("Options that every command accepts.")]
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Width of text output in columns, 40 to 1000 [default: the terminal's, or $COLUMNS, or
    /// 80].
    #[arg(long, global = true, value_parser = clap::value_parser!(u16).range(40..=1000))]
    pub width: Option<u16>,
    /// Use this pricing file for cost estimates instead of the one beside the rules.
    #[arg(long, global = true, value_name = "FILE")]
    pub pricing: Option<PathBuf>,
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

/// The global options resolved against the terminal and the environment.
#[derive(Debug, Clone)]
pub struct Context {
    /// How text output looks on stdout.
    pub look: Look,
    /// How text output looks in a file (`--output`): as in a pipe, whatever stdout is.
    pub file_look: Look,
    /// A pricing file that replaces the one beside the rules.
    pub pricing: Option<PathBuf>,
}

impl Context {
    /// Resolves the global options: width from the option, the terminal or `$COLUMNS`;
    /// color from the option, the terminal and `NO_COLOR`.
    pub fn new(global: &GlobalArgs) -> Self {
        let tty = std::io::stdout().is_terminal();
        Context {
            look: look(global, tty),
            file_look: look(global, false),
            pricing: global.pricing.clone(),
        }
    }

    /// Loads the selected rule base with the context's pricing.
    pub fn rule_base(
        &self,
        selection: &crate::rules::Selection,
    ) -> anyhow::Result<crate::rules::RuleBase> {
        crate::rules::load(selection, self.pricing.as_deref())
    }
}

/// How text output looks on stdout, or in a pipe or file when `tty` is false: width from the
/// option, the terminal or `$COLUMNS`; color from the option, the terminal and `NO_COLOR`.
fn look(global: &GlobalArgs, tty: bool) -> Look {
    let width = global.width.unwrap_or_else(|| {
        let from_terminal = terminal_size::terminal_size()
            .map(|(w, _)| w.0)
            .filter(|_| tty);
        let from_env = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse::<u16>().ok());
        from_terminal.or(from_env).unwrap_or(80).max(40)
    });
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match global.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => tty && !no_color,
    };
    Look {
        width,
        color,
        heading_level: 2,
        full: true,
    }
}
