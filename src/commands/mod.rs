//! One file per subcommand, each with its `Args` and `run`: read the inputs, evaluate, build
//! the model, and hand it to [`crate::render`]. A new subcommand is a file here, its output
//! in `render/`, and one variant in `cli.rs`.

pub mod assess;
pub mod compare;
pub mod completions;
mod context;
pub mod cost;
mod destination;
pub mod init;
pub mod man;
pub mod portfolio;
pub mod questions;
mod rule_set;
pub mod rules;
mod scenario_files;
pub mod schema;

pub use context::{ColorChoice, Context, GlobalArgs};
pub use destination::{Destination, OutputArgs, ReportArgs};
pub use rule_set::RulesArgs;
