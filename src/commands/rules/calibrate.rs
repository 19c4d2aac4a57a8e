//! `llm-strategy rules calibrate`: fit a rule set's weights to documented cases and write the
//! fitted rule set.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::calibrate::{self, Settings};
use crate::cases;
use crate::commands::{Context, RulesArgs};
use crate::diagnostic::Invalid;
use crate::render::{self, Format, output, safe_write};
use crate::rules;

/// What `rules calibrate --help` shows after the options: how the shipped weights were fitted.
const EXAMPLES: &str = "\
Examples:
  # Fit the built-in weights to the documented deployments, keeping the
  # regression cases passing, and write the fitted rule set to calibrated/
  llm-strategy rules calibrate --cases rules/tests/calibration \\
    --keep rules/tests --strength 0.01 --out calibrated/";

// Not a literal doc comment, which clap would take for the command's description and, as the
// command is built only when it runs, put in place of the one its `Command` variant gives.
#[doc = concat!("Arguments of `", "rules calibrate", "`.")]
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The rules directory to calibrate, layered over the built-in rules as `--rules DIR` reads
    /// it: only its rules' weights are fitted and written [default: the built-in rule base].
    /// `--rules-only DIR` calibrates a directory alone.
    #[arg(conflicts_with_all = ["rules", "rules_only"])]
    pub dir: Option<PathBuf>,
    /// The rule base, as other commands take it.
    #[command(flatten)]
    pub rules: RulesArgs,
    /// The documented cases to fit to (`*.yaml` in this directory); repeat it to fit to the
    /// cases of several directories together.
    #[arg(long, value_name = "DIR", required = true)]
    pub cases: Vec<PathBuf>,
    /// Cases that must keep passing (`*.yaml` in this directory), such as the rule set's own
    /// `tests/`: fitted with ten times the weight of the documented cases, and run again on the
    /// result. Repeatable.
    #[arg(long, value_name = "DIR")]
    pub keep: Vec<PathBuf>,
    /// Where to write the calibrated rule files (created if missing; files of the same name
    /// are replaced).
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
    /// Rewrite rule files in --out that are read-only (they stay read-only) or have other hard
    /// links (written in place, so every name sees the new text); without it, they are refused.
    #[arg(long)]
    pub force: bool,
    /// How strongly the weights are pulled towards the hand-set ones (0 to 10).
    #[arg(long, default_value_t = Settings::default().strength)]
    pub strength: f64,
}

/// Fits, writes the rule files, and reports the accuracy before and after.
pub fn run(args: &Args, context: &Context) -> anyhow::Result<ExitCode> {
    let selection = args.rules.with_subject(args.dir.as_deref());
    let base = context.rule_base(&selection)?;
    let files = match selection.dir() {
        Some(dir) => rules::dir_files(dir)?,
        None => rules::built_in_files(),
    };
    let cases = cases::load_dirs(&base, &args.cases)?;
    let all: Vec<&cases::Case> = cases.iter().collect();
    let settings = Settings {
        strength: calibrate::check_strength(args.strength)?,
        ..Settings::default()
    };
    let kept = cases::load_dirs(&base, &args.keep)?;
    let kept: Vec<&cases::Case> = kept.iter().collect();
    let bar = output::progress("calibrating", 1);
    let sample = calibrate::Sample {
        fitted: &all,
        kept: &kept,
    };
    let weights = calibrate::fit::fit(&base, sample, settings);
    bar.finish_and_clear();
    let fitted = calibrate::apply(&base, &weights);
    // A fit that breaks a case it had to keep is not written: the rule files stay as they were.
    let broken: Vec<&str> = kept
        .iter()
        .filter(|c| !cases::outcome(&fitted, c).pass)
        .map(|c| c.name.as_str())
        .collect();
    if !broken.is_empty() {
        anyhow::bail!(
            "the fitted weights fail {} of the {} kept cases, so nothing was written: {}",
            broken.len(),
            kept.len(),
            broken.join(", ")
        );
    }
    let texts = calibrate::write::rewrite(&base, &files, &weights).map_err(Invalid)?;
    std::fs::create_dir_all(&args.out)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", args.out.display()))?;
    for (name, text) in &texts {
        safe_write::write_file(&args.out.join(name), text.as_bytes(), args.force)?;
    }
    // A rule set's own pricing goes with it, so the written set prices as the original did.
    if let Some(dir) = selection.dir() {
        let pricing = dir.join(rules::PRICING_FILE);
        let target = args.out.join(rules::PRICING_FILE);
        if pricing.exists() && pricing != target {
            let text =
                crate::diagnostic::input::read(&pricing, crate::diagnostic::input::Kind::Pricing)?;
            safe_write::write_file(&target, text.as_bytes(), args.force)?;
        }
    }
    let report = calibrate::Calibration {
        schema_version: crate::report::SCHEMA_VERSION,
        cases: cases.len(),
        before: calibrate::accuracy(&base, &all),
        after: calibrate::accuracy(&fitted, &all),
        changed: calibrate::changes(&base, &weights),
        kept: (!kept.is_empty()).then(|| calibrate::accuracy(&fitted, &kept)),
        out: args.out.display().to_string(),
    };
    render::emit(Format::Table, context.look, "rules calibrate", |r| {
        r.calibration(&report)
    })?;
    Ok(ExitCode::SUCCESS)
}
