//! `llm-strategy compare`: 2 to 16 scenarios side by side, and what differs and why.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Context, ReportArgs};
use crate::diagnostic::Invalid;
use crate::{answers, compare};

/// Arguments of `compare`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Answers files, or a directory whose `*.toml` files are the scenarios; the first is the
    /// baseline the others are compared with.
    #[arg(required = true, value_name = "FILE|DIR")]
    pub inputs: Vec<PathBuf>,
    /// Output options.
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Assesses every scenario and prints (or embeds) the comparison.
pub fn run(args: &Args, context: &Context) -> anyhow::Result<ExitCode> {
    let files = scenario_files(&args.inputs)?;
    let base = context.rule_base(args.report.rules.as_deref())?;
    let mut scenarios = Vec::with_capacity(files.len());
    let mut invalid = Vec::new();
    for file in &files {
        match answers::load(file) {
            Ok(a) => scenarios.push(a),
            Err(e) if e.downcast_ref::<Invalid>().is_some() => invalid.push(e.to_string()),
            Err(e) => return Err(e),
        }
    }
    if !invalid.is_empty() {
        return Err(Invalid(invalid.join("\n")).into());
    }
    let mut comparison = compare::compare(&base, &scenarios);
    let stale = base.stale_pricing(crate::cost::staleness::today());
    for report in &mut comparison.scenarios {
        report.warnings.extend(stale.clone());
    }
    args.report
        .destination("compare", "compare", None)?
        .deliver(context.look, base.identity, |r| r.compare(&comparison))?;
    Ok(ExitCode::SUCCESS)
}

/// The answers files `compare` was given: files as they are, directories expanded to their
/// `*.toml` files in name order.
fn scenario_files(inputs: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(input)
                .map_err(|e| anyhow::anyhow!("cannot read directory {}: {e}", input.display()))?
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    if !(2..=compare::MAX_SCENARIOS).contains(&files.len()) {
        return Err(Invalid(format!(
            "compare needs 2 to {} answers files (or a directory holding them); got {}",
            compare::MAX_SCENARIOS,
            files.len()
        ))
        .into());
    }
    Ok(files)
}
