//! The command line: arguments, and `run`, which carries out one command.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::diagnostic::Invalid;
use crate::render::{Format, Look, Render};
use crate::{answers, cases, compare, coverage, embed, inspect, report, rules};

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

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Recommend a strategy and approach for the scenario in an answers file.
    Assess(AssessArgs),
    /// Compare 2 to 16 scenarios side by side, and say what differs and why.
    Compare(CompareArgs),
    /// Estimate what each strategy would cost, with every assumption used.
    Cost(CostArgs),
    /// Inspect, check and test a rule base.
    #[command(subcommand)]
    Rules(RulesCommand),
}

/// Arguments of `cost`.
#[derive(Debug, Args)]
pub struct CostArgs {
    /// The answers file (TOML) describing the scenario.
    pub file: PathBuf,
    /// Output format (`table` or `json`).
    #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Use the rule files (and pricing file) in this directory instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

/// The `rules` subcommands.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List every rule: id, summary and source.
    List {
        /// Use the rule files in this directory instead of the built-in rule base.
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
        /// Output format (`table` or `json`).
        #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show one rule in full.
    Show {
        /// The rule's id.
        id: String,
        /// Use the rule files in this directory instead of the built-in rule base.
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Check a rule set the way loading does: exit 0, or 2 with every problem.
    Check {
        /// The rules directory [default: the built-in rule base].
        dir: Option<PathBuf>,
    },
    /// Run the test cases stored with a rule set (`tests/*.yaml`); exit 1 on any failure.
    Test {
        /// The rules directory [default: the built-in rule base and its cases].
        dir: Option<PathBuf>,
    },
    /// Enumerate the whole answer space: pairs reached, dead rules, ties, exclusions.
    Coverage {
        /// The rules directory [default: the built-in rule base].
        dir: Option<PathBuf>,
        /// Output format (`table` or `json`).
        #[arg(long, short, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Worker threads [default: one per core].
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..=256))]
        threads: Option<u16>,
    },
}

/// Formats of the rule tooling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Text for the terminal.
    Table,
    /// JSON for scripts.
    Json,
}

/// Arguments of `assess`.
#[derive(Debug, Args)]
pub struct AssessArgs {
    /// The answers file (TOML) describing the scenario.
    pub file: PathBuf,
    /// Also show every rule, fired or not, with what it added to each score.
    #[arg(long)]
    pub explain: bool,
    /// Output options.
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Arguments of `compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Answers files, or a directory whose `*.toml` files are the scenarios; the first is the
    /// baseline the others are compared with.
    #[arg(required = true, value_name = "FILE|DIR")]
    pub inputs: Vec<PathBuf>,
    /// Output options.
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Options shared by `assess` and `compare`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Output format [default: table; markdown with --embed].
    #[arg(long, short, value_enum)]
    pub format: Option<Format>,
    /// Use the rule files in this directory instead of the built-in rule base.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Level of the top Markdown heading, so the section nests inside a document.
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u8).range(1..=6))]
    pub heading_level: u8,
    /// Write the Markdown into this document, between its region markers, instead of stdout.
    #[arg(long, value_name = "DOC")]
    pub embed: Option<PathBuf>,
    /// The region of the document to write [default: the answers file's stem; `compare` for compare].
    #[arg(long, value_name = "NAME", requires = "embed")]
    pub region: Option<String>,
    /// Write nothing; exit with 1 when the region is out of date.
    #[arg(long, requires = "embed")]
    pub check: bool,
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
        Look {
            width,
            color,
            heading_level: 2,
        }
    }
}

/// Carries out the command; errors that are [`crate::Invalid`] mean exit status 2.
pub fn run(cli: &Cli) -> anyhow::Result<()> {
    let look = cli.output.look();
    let pricing = cli.output.pricing.as_deref();
    match &cli.command {
        Command::Assess(args) => {
            let base = rules::load(args.report.rules.as_deref(), pricing)?;
            let answers = answers::load(&args.file)?;
            let report = report::assess_with(&base, &answers, args.explain);
            let region = args.file.file_stem().map_or_else(
                || "scenario".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            );
            deliver(&args.report, look, &region, |r| r.assess(&report))
        }
        Command::Compare(args) => {
            let files = scenario_files(&args.inputs)?;
            let base = rules::load(args.report.rules.as_deref(), pricing)?;
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
            let comparison = compare::compare(&base, &scenarios);
            deliver(&args.report, look, "compare", |r| r.compare(&comparison))
        }
        Command::Cost(args) => {
            let base = rules::load(args.rules.as_deref(), pricing)?;
            let answers = answers::load(&args.file)?;
            let estimate = crate::cost::estimate(&answers, &base.pricing);
            write_stdout(&match args.format {
                ListFormat::Table => crate::cost::breakdown::render(
                    &answers.name,
                    &estimate,
                    &base.pricing,
                    usize::from(look.width),
                ),
                ListFormat::Json => {
                    let report = crate::cost::breakdown::CostReport {
                        schema_version: report::SCHEMA_VERSION,
                        scenario: &answers.name,
                        cost: &estimate,
                        pricing: &base.pricing,
                    };
                    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
                }
            })
        }
        Command::Rules(command) => run_rules(command, look, pricing),
    }
}

fn run_rules(
    command: &RulesCommand,
    look: Look,
    pricing: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    match command {
        RulesCommand::List { rules, format } => {
            let base = rules::load(rules.as_deref(), pricing)?;
            write_stdout(&match format {
                ListFormat::Table => inspect::list_table(&base, look.width),
                ListFormat::Json => inspect::list_json(&base),
            })
        }
        RulesCommand::Show { id, rules } => {
            let base = rules::load(rules.as_deref(), pricing)?;
            let rule = inspect::find(&base, id)?;
            write_stdout(&inspect::show(&base, rule, look.width))
        }
        RulesCommand::Check { dir } => {
            let base = rules::load(dir.as_deref(), pricing)?;
            let name = dir
                .as_ref()
                .map_or_else(|| "built-in rules".to_owned(), |d| d.display().to_string());
            write_stdout(&inspect::check_summary(&base, &name))
        }
        RulesCommand::Test { dir } => {
            let base = rules::load(dir.as_deref(), pricing)?;
            let cases = match dir {
                Some(dir) => cases::load_dir(&base, dir)?,
                None => cases::built_in(&base)?,
            };
            let outcomes = cases::run(&base, &cases);
            write_stdout(&cases::report(&outcomes))?;
            let failed = outcomes.iter().filter(|o| !o.problems.is_empty()).count();
            if failed > 0 {
                anyhow::bail!("{failed} of {} rule tests failed", outcomes.len());
            }
            Ok(())
        }
        RulesCommand::Coverage {
            dir,
            format,
            threads,
        } => {
            let base = rules::load(dir.as_deref(), pricing)?;
            let threads = threads.map_or_else(
                || std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
                usize::from,
            );
            let coverage = coverage::cover(&base, threads);
            write_stdout(&match format {
                ListFormat::Table => coverage::render(&coverage, &base),
                ListFormat::Json => {
                    serde_json::to_string_pretty(&coverage).unwrap_or_default() + "\n"
                }
            })
        }
    }
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

/// Prints the rendered output, or writes it into a document's region.
fn deliver(
    args: &ReportArgs,
    look: Look,
    default_region: &str,
    render: impl Fn(&dyn Render) -> String,
) -> anyhow::Result<()> {
    let look = Look {
        heading_level: args.heading_level,
        ..look
    };
    let Some(doc) = &args.embed else {
        let format = args.format.unwrap_or(Format::Table);
        return write_stdout(&render(format.renderer(look).as_ref()));
    };
    if let Some(format) = args.format.filter(|f| *f != Format::Markdown) {
        return Err(Invalid(format!(
            "--embed writes Markdown, so --format {} cannot be used with it",
            format
                .to_possible_value()
                .map_or_else(String::new, |v| v.get_name().to_owned())
        ))
        .into());
    }
    let region = args.region.as_deref().unwrap_or(default_region);
    if !embed::is_region_name(region) {
        return Err(Invalid(format!(
            "region name \"{region}\" may only hold letters, digits, '.', '_' and '-'; pass --region NAME"
        ))
        .into());
    }
    let markdown = render(Format::Markdown.renderer(look).as_ref());
    let outcome = embed::embed(doc, region, &markdown, args.check)?;
    let what = match (outcome, args.check) {
        (embed::Outcome::Unchanged, _) => "is up to date",
        (embed::Outcome::Updated, _) => "updated",
    };
    eprintln!("{}: region \"{region}\" {what}", doc.display());
    Ok(())
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
