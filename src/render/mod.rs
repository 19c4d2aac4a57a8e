//! Everything a user reads comes from here: one file (or folder) per format behind the
//! [`Render`] trait, chosen by [`Format`], and [`output`], which writes it: on stdout and
//! stderr, or into files through [`safe_write`] (locked, atomic, permissions and owner kept).
//!
//! A command builds a model (a report, a comparison, a portfolio, a cost breakdown, a rule
//! list, ...) and hands it to [`emit`]; the format decides the layout. JSON is always the
//! model serialized.

mod chart;
mod cost_lines;
mod cost_sources;
pub mod crash;
pub mod diff;
pub mod interview;
mod json;
pub mod manual;
mod markdown;
pub mod output;
mod plot;
mod portfolio_lines;
mod questionnaire;
mod review;
mod roadmap;
mod rounding;
mod rows;
pub mod safe_write;
pub mod schema;
mod sentences;
pub mod svg;
mod table;
pub mod template;
mod trace;
mod transposed;
mod uncertainty;
mod verdict;

use clap::ValueEnum;
use clap::builder::{PossibleValuesParser, TypedValueParser};

use crate::calibrate::{Calibration, CrossValidation};
use crate::cases::TestRun;
use crate::compare::Comparison;
use crate::cost::CostReport;
use crate::coverage::CoverageReport;
use crate::diagnostic::Invalid;
use crate::inspect::{CheckSummary, RuleDetail, RuleList};
use crate::portfolio::Portfolio;
use crate::questions::Questionnaire;
use crate::report::Report;
use crate::review::Review;
pub use markdown::{chart_link, escape as escape_markdown};

/// How text output wraps: at spaces only, never inside a word, so ids, numbers and paths
/// stay whole.
fn wrapping<'a>(width: usize, first: &'a str, rest: &'a str) -> textwrap::Options<'a> {
    textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Text with tables, for the terminal.
    Table,
    /// The report model as JSON, for scripts.
    Json,
    /// A GitHub-flavored Markdown section, for planning documents.
    Markdown,
}

/// How output should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// Columns available to text output.
    pub width: u16,
    /// Whether to use ANSI colors.
    pub color: bool,
    /// Level of the top Markdown heading, 1 to 6.
    pub heading_level: u8,
    /// Whether a terminal report shows everything (`assess --full`) rather than the
    /// one-screen summary. Markdown and JSON always show everything.
    pub full: bool,
}

/// An output format. Each method renders one kind of model; `None` means the format does not
/// offer that output (commands only accept the formats they offer, see [`Format::among`]).
pub trait Render {
    /// One scenario's report (`assess`).
    fn assess(&self, _report: &Report) -> Option<String> {
        None
    }
    /// One scenario's report whose matrix is also drawn in the `--chart` picture, linked from
    /// the output as `chart` (see [`chart_link`]). Only Markdown shows the link; the other
    /// formats render [`Render::assess`].
    fn assess_with_chart(&self, report: &Report, _chart: Option<&str>) -> Option<String> {
        self.assess(report)
    }
    /// One scenario's report and its review against an earlier one (`assess --since`),
    /// with the `--chart` link as [`Render::assess_with_chart`].
    fn assess_since(
        &self,
        _report: &Report,
        _review: &Review,
        _chart: Option<&str>,
    ) -> Option<String> {
        None
    }
    /// The review against an earlier report alone (what `--check` prints on stderr).
    fn review(&self, _review: &Review) -> Option<String> {
        None
    }
    /// Several scenarios side by side (`compare`).
    fn compare(&self, _comparison: &Comparison) -> Option<String> {
        None
    }
    /// A comparison whose matrix is also drawn in the `--chart` picture, as
    /// [`Render::assess_with_chart`].
    fn compare_with_chart(&self, comparison: &Comparison, _chart: Option<&str>) -> Option<String> {
        self.compare(comparison)
    }
    /// Several use cases of one organization together (`portfolio`).
    fn portfolio(&self, _portfolio: &Portfolio) -> Option<String> {
        None
    }
    /// A portfolio whose matrix is also drawn in the `--chart` picture, as
    /// [`Render::assess_with_chart`].
    fn portfolio_with_chart(&self, portfolio: &Portfolio, _chart: Option<&str>) -> Option<String> {
        self.portfolio(portfolio)
    }
    /// What each strategy would cost, line by line (`cost`).
    fn cost(&self, _cost: &CostReport<'_>) -> Option<String> {
        None
    }
    /// Every rule of a rule base (`rules list`).
    fn rules_list(&self, _list: &RuleList<'_>) -> Option<String> {
        None
    }
    /// One rule in full (`rules show`).
    fn rule_show(&self, _rule: &RuleDetail<'_>) -> Option<String> {
        None
    }
    /// A rule base that loaded cleanly (`rules check`).
    fn rules_check(&self, _summary: &CheckSummary) -> Option<String> {
        None
    }
    /// The outcome of a rule base's stored test cases (`rules test`).
    fn rules_test(&self, _run: &TestRun) -> Option<String> {
        None
    }
    /// Held-out accuracy of fitted weights (`rules test --cross-validate`).
    fn cross_validation(&self, _cv: &CrossValidation) -> Option<String> {
        None
    }
    /// What a calibration changed (`rules calibrate`).
    fn calibration(&self, _calibration: &Calibration) -> Option<String> {
        None
    }
    /// The whole answer space (`rules coverage`).
    fn coverage(&self, _coverage: &CoverageReport<'_>) -> Option<String> {
        None
    }
    /// Every section and key of an answers file, with what each answer means (`questions`).
    fn questions(&self, _questionnaire: &Questionnaire) -> Option<String> {
        None
    }
}

impl Format {
    /// The renderer for this format: the one place that matches on the format.
    pub fn renderer(self, look: Look) -> Box<dyn Render> {
        match self {
            Format::Table => Box::new(table::Table { look }),
            Format::Json => Box::new(json::Json),
            Format::Markdown => Box::new(markdown::Markdown { look, chart: None }),
        }
    }

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Markdown => "markdown",
        }
    }

    /// A `--format` value parser that accepts only `offered`, so a command rejects the
    /// formats it does not offer with a usage error that lists the ones it does.
    pub fn among(offered: &'static [Format]) -> impl TypedValueParser<Value = Format> {
        PossibleValuesParser::new(offered.iter().filter_map(ValueEnum::to_possible_value))
            .try_map(|name: String| Format::from_str(&name, false))
    }
}

/// The record an embedded region carries so that `--check` can review what changed: an
/// HTML comment (hidden by Markdown renderers) holding the report's advice, scores, rule
/// contributions, costs, answers and stamp as one line of JSON.
pub fn embedded_record(report: &Report) -> String {
    format!(
        "<!-- {} {} -->",
        crate::review::read::RECORD,
        json::record(report)
    )
}

/// Renders a model in `format` and prints it on stdout.
pub fn emit(
    format: Format,
    look: Look,
    command: &str,
    render: impl FnOnce(&dyn Render) -> Option<String>,
) -> anyhow::Result<()> {
    emit_to(format, look, command, None, render)
}

/// Renders a model in `format` and writes it to `file` (see [`safe_write::write_file`]; the
/// flag is its `force`), or prints it on stdout when `file` is `None`.
pub fn emit_to(
    format: Format,
    look: Look,
    command: &str,
    file: Option<(&std::path::Path, bool)>,
    render: impl FnOnce(&dyn Render) -> Option<String>,
) -> anyhow::Result<()> {
    let text = render(format.renderer(look).as_ref()).ok_or_else(|| {
        Invalid(format!(
            "{command} does not offer --format {}",
            format.name()
        ))
    })?;
    match file {
        Some((path, force)) => safe_write::write_file(path, text.as_bytes(), force),
        None => output::print(&text),
    }
}
