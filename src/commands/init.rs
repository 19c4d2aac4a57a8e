//! `llm-strategy init`: a commented answers file to fill in (or filled in from answers at
//! the terminal with `--interactive`), and the JSON Schema beside it that editors read
//! through the file's `#:schema` line.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::bail;

use super::Context;
use crate::answers;
use crate::diagnostic::input;
use crate::interview::{self, Interview};
use crate::questions;
use crate::render::{interview as words, output, safe_write, schema, template};

/// The name of the schema file `init` writes beside the answers file.
pub const SCHEMA_FILE: &str = "answers.schema.json";

/// What `init --help` shows after the options.
const EXAMPLES: &str = "\
Examples:
  # answers.toml to fill in, and answers.schema.json beside it
  llm-strategy init
  # Another name; the schema goes into the same directory
  llm-strategy init bank.toml
  # Answer the questions at the terminal instead; the file holds your answers
  llm-strategy init --interactive bank.toml
  # Start over, replacing the file and its schema
  llm-strategy init --force answers.toml";

// Not a literal doc comment, which clap would take for the command's description and, as the
// command is built only when it runs, put in place of the one its `Command` variant gives.
#[doc = concat!("Arguments of `", "init", "`.")]
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The answers file to write.
    #[arg(default_value = "answers.toml")]
    pub file: PathBuf,
    /// Overwrite the file, and the schema beside it, when they exist (even read-only or
    /// hard-linked ones: see --force of the commands that write files).
    #[arg(long)]
    pub force: bool,
    /// Ask each question at the terminal (levels from a list, numbers checked as you type),
    /// then write the file with your answers.
    #[arg(short, long)]
    pub interactive: bool,
    /// Write no answers.schema.json beside the file, and no `#:schema` line pointing at it.
    #[arg(long)]
    pub no_schema: bool,
}

/// Writes the answers file (refusing to overwrite one without `--force`), then the schema.
/// With `--interactive`, asks the questions first and writes the answers into the file.
pub fn run(args: &Args, context: &Context) -> anyhow::Result<ExitCode> {
    let questionnaire = questions::questionnaire();
    let name = args.file.display().to_string();
    let interview = if args.interactive {
        // Before the questions, so nobody answers them all to be told the file exists.
        if !args.force && args.file.symlink_metadata().is_ok() {
            bail!("{name} already exists; pass --force to overwrite it");
        }
        interview::require_terminal()?;
        let stem = input::stem(&args.file);
        let width = usize::from(context.look.width);
        interview::ask(&questionnaire, &name, &stem, width, context.look.color)?
    } else {
        Interview::default()
    };
    let directive = format!("./{SCHEMA_FILE}");
    let text = template::answers(
        &questionnaire,
        &name,
        (!args.no_schema).then_some(directive.as_str()),
        &interview.filled,
    );
    if args.interactive {
        // The answers were checked one by one; the whole file is checked as `assess` will.
        answers::parse_text(&args.file, &text)?;
    }
    if args.force {
        safe_write::write_file(&args.file, text.as_bytes(), true)?;
    } else if !safe_write::create_file(&args.file, text.as_bytes())? {
        bail!("{name} already exists; pass --force to overwrite it");
    }
    if args.interactive {
        let answered = interview.filled.len();
        let width = usize::from(context.look.width);
        output::notice(words::closing(&name, answered, interview.skipped, width).trim_end());
    } else {
        output::notice(&format!(
            "wrote {name}: replace every {} and run `llm-strategy assess {name}`",
            questions::PLACEHOLDER
        ));
    }
    if !args.no_schema {
        let path = beside(&args.file, SCHEMA_FILE);
        write_schema(&path, &schema::answers(&questionnaire), args.force)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `file_name` in the directory of `file`.
fn beside(file: &Path, file_name: &str) -> PathBuf {
    file.parent()
        .map_or_else(|| PathBuf::from(file_name), |dir| dir.join(file_name))
}

/// Writes the schema unless the file already holds it; a different file there is kept
/// without `force`, with a notice saying how to replace it.
fn write_schema(path: &Path, schema: &str, force: bool) -> anyhow::Result<()> {
    let shown = path.display();
    let existing = match crate::diagnostic::input::existing(path, schema.len()) {
        Some(bytes) => Ok(bytes),
        None if path.exists() => Ok(Vec::new()),
        None => Err(()),
    };
    match existing {
        Ok(existing) if existing == schema.as_bytes() => {
            output::notice(&format!("{shown} is up to date"));
        }
        Ok(_) if !force => output::notice(&format!(
            "kept {shown}, which differs from this version's schema; \
             `llm-strategy schema -o {shown}` replaces it"
        )),
        _ => {
            safe_write::write_file(path, schema.as_bytes(), force)?;
            output::notice(&format!(
                "wrote {shown}: the #:schema line points editors (taplo, Even Better TOML) at it"
            ));
        }
    }
    Ok(())
}
