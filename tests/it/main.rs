//! The integration tests: one crate, one module per area, shared helpers in [`common`], and
//! the command-line cases under `tests/cmd/` run by [`cmd`].

mod built_in;
mod calibration_set;
mod catalogue;
mod chart;
mod cli;
mod cmd;
mod common;
mod compare;
mod compiled_engine;
mod cost;
mod cost_model;
mod embed;
mod explain;
mod help;
mod hostile_catalogue;
mod hostile_scaling;
mod init;
mod input_output;
mod interactive;
mod invariants;
mod layering;
mod markdown;
mod portfolio;
mod questions;
mod readme;
mod readme_console;
mod review;
mod roadmap;
mod rules_cli;
mod schema;
mod snapshots;
#[cfg(unix)]
mod streams;
mod uncertainty;
