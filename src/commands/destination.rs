//! Where a report goes: stdout in any format, or a region of a Markdown document (`--embed`).

use std::path::PathBuf;

use clap::Args;

use crate::diagnostic::Invalid;
use crate::embed;
use crate::render::{self, Format, Look, Render, output};

/// Output options shared by `assess` and `compare`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Output format [default: table; markdown with --embed].
    #[arg(long, short, value_enum)]
    pub format: Option<Format>,
    /// Use the rule files in this directory instead of the built-in rule base.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Level of the top Markdown heading, so the section nests inside a document.
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u8).range(1..=6))]
    pub heading_level: u8,
    /// Write the Markdown into this document, between its region markers, instead of stdout.
    #[arg(long, value_name = "DOC")]
    pub embed: Option<PathBuf>,
    /// The region of the document to write [default: the answers file's stem; `compare` for compare].
    #[arg(long, value_name = "NAME", requires = "embed")]
    pub region: Option<String>,
    /// Write nothing; exit with 1 when the region is out of date.
    #[arg(long, requires = "embed")]
    pub check: bool,
}

impl ReportArgs {
    /// Prints the rendered model, or writes it into a document's region.
    pub fn deliver(
        &self,
        look: Look,
        command: &str,
        default_region: &str,
        render: impl Fn(&dyn Render) -> Option<String>,
    ) -> anyhow::Result<()> {
        let look = Look {
            heading_level: self.heading_level,
            ..look
        };
        let Some(doc) = &self.embed else {
            return render::emit(self.format.unwrap_or(Format::Table), look, command, render);
        };
        if let Some(format) = self.format.filter(|f| *f != Format::Markdown) {
            return Err(Invalid(format!(
                "--embed writes Markdown, so --format {} cannot be used with it",
                format.name()
            ))
            .into());
        }
        let region = self.region.as_deref().unwrap_or(default_region);
        if !embed::is_region_name(region) {
            return Err(Invalid(format!(
                "region name \"{region}\" may only hold letters, digits, '.', '_' and '-'; pass --region NAME"
            ))
            .into());
        }
        let markdown = render(Format::Markdown.renderer(look).as_ref()).ok_or_else(|| {
            Invalid(format!(
                "{command} does not offer Markdown, so it cannot be embedded"
            ))
        })?;
        let outcome = embed::embed(doc, region, &markdown, self.check)?;
        let what = match outcome {
            embed::Outcome::Unchanged => "is up to date",
            embed::Outcome::Updated => "updated",
        };
        output::notice(&format!("{}: region \"{region}\" {what}", doc.display()));
        Ok(())
    }
}
