//! `llm-strategy rules test`: run the test cases stored with a rule set, or any case set;
//! with `--cross-validate K`, measure how well fitted weights hold on held-out cases.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::calibrate::{self, Settings};
use crate::cases;
use crate::commands::{Context, OutputArgs, RulesArgs};
use crate::render::{Format, output};
use crate::rules::Selection;

/// What `rules test --help` shows after the options.
const EXAMPLES: &str = "\
Examples:
  # The built-in rule base against its own cases (rules/tests/)
  llm-strategy rules test
  # A rule set of your own against its cases (my-rules/tests/), as JSON
  llm-strategy rules test my-rules/ --format json
  # How well fitted weights hold on cases held out, in 5 folds
  llm-strategy rules test --cases rules/tests/calibration --keep rules/tests \\
    --cross-validate 5 --strength 0.01";

// Not a literal doc comment, which clap would take for the command's description and, as the
// command is built only when it runs, put in place of the one its `Command` variant gives.
#[doc = concat!("Arguments of `", "rules test", "`.")]
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Deprecated: a rules directory read alone, as `--rules-only DIR`.
    #[arg(hide = true, conflicts_with_all = ["rules", "rules_only"])]
    pub dir: Option<PathBuf>,
    /// The rule base [default: the built-in one and its cases].
    #[command(flatten)]
    pub rules: RulesArgs,
    /// Run the cases in this directory (`*.yaml`) instead of the rule set's own `tests/` (with
    /// `--rules DIR` and no `DIR/tests`, the built-in cases); repeat it to run the cases of
    /// several directories together.
    #[arg(long, value_name = "DIR")]
    pub cases: Vec<PathBuf>,
    /// Fit the weights on K-1 folds of the cases and test on the fold held out, for each fold;
    /// report held-out and training accuracy (2 to 20 folds).
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u16).range(2..=20))]
    pub cross_validate: Option<u16>,
    /// With `--cross-validate`: cases (`*.yaml` in this directory) that are in every fit with
    /// ten times the weight and never held out, as `rules calibrate --keep` fits them.
    #[arg(long, value_name = "DIR", requires = "cross_validate")]
    pub keep: Vec<PathBuf>,
    /// With `--cross-validate`: how strongly the fitted weights are pulled towards the hand-set
    /// ones (0 to 10), as in `rules calibrate`.
    #[arg(long, requires = "cross_validate", default_value_t = Settings::default().strength)]
    pub strength: f64,
    /// Output format (`table` or `json`).
    #[arg(long, short, value_parser = Format::among(&[Format::Table, Format::Json]), default_value = "table")]
    pub format: Format,
    /// Where the report goes instead of stdout.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Runs the cases; any failure is an error (exit status 1) after the report.
pub fn run(args: &Args, context: &Context) -> anyhow::Result<ExitCode> {
    let selection = args.rules.with_legacy("rules test", args.dir.as_deref());
    let base = context.rule_base(&selection)?;
    let cases = match (args.cases.is_empty(), &selection) {
        (false, _) => cases::load_dirs(&base, &args.cases)?,
        (true, Selection::Only(dir)) => cases::load_dir(&base, dir)?,
        (true, Selection::Layered(dir)) if dir.join("tests").is_dir() => {
            cases::load_dir(&base, dir)?
        }
        (true, _) => cases::built_in(&base)?,
    };
    if let Some(k) = args.cross_validate {
        let k = usize::from(k);
        let bar = output::progress("cross-validating", k as u64 + 1);
        let settings = Settings {
            strength: calibrate::check_strength(args.strength)?,
            ..Settings::default()
        };
        let kept = if args.keep.is_empty() {
            Vec::new()
        } else {
            cases::load_dirs(&base, &args.keep)?
        };
        let kept: Vec<&cases::Case> = kept.iter().collect();
        let cv = calibrate::cross_validate(&base, &cases, &kept, k, settings, &|done| {
            bar.set_position(done as u64);
        });
        bar.finish_and_clear();
        args.output.emit(args.format, context, "rules test", |r| {
            r.cross_validation(&cv)
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let run = cases::run(&base, &cases);
    args.output
        .emit(args.format, context, "rules test", |r| r.rules_test(&run))?;
    let failed = run.failed();
    if failed > 0 {
        anyhow::bail!("{failed} of {} rule tests failed", run.outcomes.len());
    }
    Ok(ExitCode::SUCCESS)
}
