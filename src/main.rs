//! The `llm-strategy` binary: parse arguments, run, report errors with the spec's exit codes.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    llm_strategy::render::crash::install();
    let cli = llm_strategy::Cli::parse();
    llm_strategy::run(&cli).unwrap_or_else(|e| {
        eprintln!("error: {e:#}");
        ExitCode::from(llm_strategy::exit_code(&e))
    })
}
