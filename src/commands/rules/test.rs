//! `llm-strategy rules test`: run the test cases stored with a rule set.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cases;
use crate::commands::Context;
use crate::render::{self, Format};

/// Arguments of `rules test`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The rules directory [default: the built-in rule base and its cases].
    pub dir: Option<PathBuf>,
}

/// Runs the cases; any failure is an error (exit status 1) after the report.
pub fn run(args: &Args, context: &Context) -> anyhow::Result<ExitCode> {
    let base = context.rule_base(args.dir.as_deref())?;
    let cases = match &args.dir {
        Some(dir) => cases::load_dir(&base, dir)?,
        None => cases::built_in(&base)?,
    };
    let run = cases::TestRun {
        outcomes: cases::run(&base, &cases),
    };
    render::emit(Format::Table, context.look, "rules test", |r| {
        r.rules_test(&run)
    })?;
    let failed = run.failed();
    if failed > 0 {
        anyhow::bail!("{failed} of {} rule tests failed", run.outcomes.len());
    }
    Ok(ExitCode::SUCCESS)
}
