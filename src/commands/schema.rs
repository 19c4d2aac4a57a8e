//! `llm-strategy schema`: the JSON Schema of an answers file, for editors and other tools.

use std::process::ExitCode;

use super::{Context, OutputArgs};
use crate::questions;
use crate::render::{output, safe_write, schema};

/// What `schema --help` shows after the options.
const EXAMPLES: &str = "\
Examples:
  # The schema, written where answers files can point at it
  llm-strategy schema -o answers.schema.json
  # Then, as the first line of an answers file (taplo's directive):
  #   #:schema ./answers.schema.json";

// Not a literal doc comment, which clap would take for the command's description and, as the
// command is built only when it runs, put in place of the one its `Command` variant gives.
#[doc = concat!("Arguments of `", "schema", "`.")]
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Where the schema goes instead of stdout.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Prints the schema on stdout, or writes it to the `--output` file.
pub fn run(args: &Args, _context: &Context) -> anyhow::Result<ExitCode> {
    let text = schema::answers(&questions::questionnaire());
    match args.output.file() {
        Some(path) => safe_write::write_file(path, text.as_bytes(), args.output.force)?,
        None => output::print(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
