//! `llm-strategy schema`: the JSON Schema of an answers file, for editors and other tools.

use std::process::ExitCode;

use super::Context;
use crate::questions;
use crate::render::{output, schema};

/// Arguments of `schema`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  llm-strategy schema > answers.schema.json
  # then, on the first line of an answers file:
  #:schema ./answers.schema.json")]
pub struct Args {}

/// Prints the schema on stdout.
pub fn run(_args: &Args, _context: &Context) -> anyhow::Result<ExitCode> {
    output::print(&schema::answers(&questions::questionnaire()))?;
    Ok(ExitCode::SUCCESS)
}
