//! The `llm-strategy` binary: parse arguments, run, report errors with the spec's exit codes.

use std::process::ExitCode;

use clap::Parser;
use llm_strategy::render::output;

fn main() -> ExitCode {
    llm_strategy::render::crash::install();
    let cli = match llm_strategy::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(output::parser_message(&e)),
    };
    llm_strategy::run(&cli).unwrap_or_else(|e| {
        output::notice(&format!("error: {e:#}"));
        ExitCode::from(llm_strategy::exit_code(&e))
    })
}
