//! Build script: checks the built-in rule base and pricing with the same code `rules check`
//! runs, and stores them in the binary as an rkyv archive that a run loads without parsing.
//!
//! The rule checker's modules are compiled into this script as they are into the library (the
//! `#[path]` modules below: `rules` and the modules it reads, all listed before it in the
//! library's import order). A broken built-in rule stops the build with the diagnostic
//! `rules check` prints.

// The script uses a few entry points of modules written for the library; clippy spares the
// library's public API lints that it applies to the script's private copy of the same code.
#![allow(dead_code, unreachable_pub, missing_docs, unused_imports)]
#![allow(clippy::large_types_passed_by_value, clippy::struct_field_names)]

#[path = "answers/mod.rs"]
mod answers;
#[path = "cost/mod.rs"]
mod cost;
#[path = "diagnostic/mod.rs"]
mod diagnostic;
#[path = "matrix.rs"]
mod matrix;
#[path = "number.rs"]
mod number;
#[path = "options.rs"]
mod options;
#[path = "questions/mod.rs"]
mod questions;
#[path = "rules/mod.rs"]
mod rules;

use std::path::PathBuf;
use std::process::ExitCode;

/// What the library's `rules::built_in` reads in a build script: nothing, since the archive
/// is what this script makes.
static ARCHIVED_RULE_BASE: &Aligned<[u8]> = &Aligned([]);

/// As the library aligns its archive.
#[repr(C, align(16))]
struct Aligned<T: ?Sized>(T);

fn main() -> ExitCode {
    println!("cargo::rerun-if-changed=rules");
    let base = match rules::built_in_parsed() {
        Ok(base) => base,
        Err(e) => {
            eprintln!("error: the built-in rule base is invalid:\n{e}");
            return ExitCode::FAILURE;
        }
    };
    let bytes = match rkyv::to_bytes::<rkyv::rancor::Error>(&base) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("error: cannot archive the built-in rule base: {e}");
            return ExitCode::FAILURE;
        }
    };
    let Some(out) = std::env::var_os("OUT_DIR") else {
        eprintln!("error: OUT_DIR is not set: run this script through cargo");
        return ExitCode::FAILURE;
    };
    if let Err(e) = std::fs::write(PathBuf::from(out).join(rules::ARCHIVE_FILE), &bytes) {
        eprintln!("error: cannot write the archived rule base: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
