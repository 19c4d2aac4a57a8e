//! Output formats: one file per format behind the [`Render`] trait, chosen by [`Format`].

mod chart;
mod json;
mod table;

use clap::ValueEnum;

use crate::report::Report;

/// The output formats of `assess`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Text with tables, for the terminal.
    Table,
    /// The report model as JSON, for scripts.
    Json,
}

/// How text output should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// Columns available.
    pub width: u16,
    /// Whether to use ANSI colors.
    pub color: bool,
}

/// An output format.
pub trait Render {
    /// Renders one scenario's report.
    fn assess(&self, report: &Report) -> String;
}

impl Format {
    /// The renderer for this format.
    pub fn renderer(self, look: Look) -> Box<dyn Render> {
        match self {
            Format::Table => Box::new(table::Table { look }),
            Format::Json => Box::new(json::Json),
        }
    }
}
