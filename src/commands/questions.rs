//! `llm-strategy questions`: every section and key of an answers file, whether it is
//! required, what it accepts and what each answer means; printed, or embedded in a document.

use std::path::PathBuf;
use std::process::ExitCode;

use super::destination::{Embedding, embed_into, open_region};
use super::{Context, OutputArgs};
use crate::embed;
use crate::questions;
use crate::render::{self, Format, Look};

/// The region `--embed` writes unless `--region` names another.
const REGION: &str = "questions";

/// What `questions --help` shows after the options.
const EXAMPLES: &str = "\
Examples:
  # Every question, what it accepts and what each answer means
  llm-strategy questions
  # The same as JSON, for scripts
  llm-strategy questions --format json
  # Keep a document's region \"questions\" current, its headings at level 3
  llm-strategy questions --embed README.md --heading-level 3
  # Only check it: exit 1, printing a diff, when it is out of date
  llm-strategy questions --embed README.md --check";

// Not a literal doc comment, which clap would take for the command's description and, as the
// command is built only when it runs, put in place of the one its `Command` variant gives.
#[doc = concat!("Arguments of `", "questions", "`.")]
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Output format [default: table; markdown with --embed].
    #[arg(long, short, value_enum)]
    pub format: Option<Format>,
    /// Level of the top Markdown heading [default: 2; with --embed, the one the region's
    /// marker records].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=6))]
    pub heading_level: Option<u8>,
    /// Write the Markdown into this document, between its region markers, instead of stdout.
    #[arg(long, value_name = "DOC", conflicts_with = "output")]
    pub embed: Option<PathBuf>,
    /// The region of the document to write [default: questions].
    #[arg(long, value_name = "NAME", requires = "embed")]
    pub region: Option<String>,
    /// Write nothing; exit with 1 (printing a diff) when the region is out of date.
    #[arg(long, requires = "embed")]
    pub check: bool,
    /// Where the list goes instead of stdout.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Lists the questionnaire, or keeps a document's region of it current.
pub fn run(args: &Args, context: &Context) -> anyhow::Result<ExitCode> {
    let questionnaire = questions::questionnaire();
    let look = |heading_level: u8| Look {
        heading_level,
        ..args.output.look(context)
    };
    let Some(doc) = &args.embed else {
        let format = args.format.unwrap_or(Format::Table);
        let look = look(args.heading_level.unwrap_or(2));
        let file = args.output.file().map(|f| (f, args.output.force));
        render::emit_to(format, look, "questions", file, |r| {
            r.questions(&questionnaire)
        })?;
        return Ok(ExitCode::SUCCESS);
    };
    let region = args.region.as_deref().unwrap_or(REGION);
    let target = open_region(doc, region, args.format, false)?;
    let heading_level = args
        .heading_level
        .or(target.recorded().heading_level)
        .unwrap_or(2);
    let look = look(heading_level);
    let markdown = Format::Markdown
        .renderer(look)
        .questions(&questionnaire)
        .unwrap_or_default();
    let options = embed::Options {
        format: Some(embed::Format::Markdown),
        heading_level: Some(heading_level),
        ..embed::Options::default()
    };
    let how = Embedding {
        check: args.check,
        force: args.output.force,
        color: look.color,
    };
    embed_into(&target, &options, &markdown, how)?;
    Ok(ExitCode::SUCCESS)
}
