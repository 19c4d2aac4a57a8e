//! Where a report goes: stdout in any format, a file (`-o`), or a region of a Markdown
//! document (`--embed`), rendered with the options its begin marker records unless the
//! command line sets them.

use std::path::{Path, PathBuf};

use clap::Args;

use super::Context;
use crate::diagnostic::{Invalid, input};
use crate::embed;
use crate::render::{self, Format, Look, Render, output, safe_write};
use crate::rules::Identity;

/// The heading level when neither the command line nor a region's marker sets one.
const DEFAULT_HEADING_LEVEL: u8 = 2;

// Not a literal doc comment, which clap would take for the description of the command these
// options join and, as commands are built only when they run, put in place of its own.
#[doc = concat!("Output options shared by `assess` and `compare`.")]
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Output format [default: table; markdown with --embed].
    #[arg(long, short, value_enum)]
    pub format: Option<Format>,
    /// Where the report goes instead of stdout.
    #[command(flatten)]
    pub output: OutputArgs,
    /// The rule base.
    #[command(flatten)]
    pub rules: super::RulesArgs,
    /// Level of the top Markdown heading, so the section nests inside a document [default: 2;
    /// with --embed, the one the region's marker records].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=6))]
    pub heading_level: Option<u8>,
    /// Write the Markdown into this document, between its region markers, instead of stdout.
    #[arg(long, value_name = "DOC", conflicts_with = "output")]
    pub embed: Option<PathBuf>,
    /// The region of the document to write [default: the answers file's stem; `compare` for
    /// compare, `portfolio` for portfolio].
    #[arg(long, value_name = "NAME", requires = "embed")]
    pub region: Option<String>,
    /// Write nothing; exit with 1 (printing a diff) when the region is out of date.
    #[arg(long, requires = "embed")]
    pub check: bool,
}

// Not a literal doc comment, which clap would take for the description of the command these
// options join and, as commands are built only when they run, put in place of its own.
#[doc = concat!("`-o/--output`, shared by every command that prints a report.")]
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Write the report to this file instead of stdout: atomically (a temporary file beside it,
    /// renamed over it), without colors unless --color always, as wide as in a pipe.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Rewrite a file that is read-only (it stays read-only) or has other hard links (it is
    /// written in place, so every name sees the new text); without it, such a file is refused.
    #[arg(long)]
    pub force: bool,
}

impl OutputArgs {
    /// The file the report goes to, `None` for stdout.
    pub fn file(&self) -> Option<&Path> {
        self.output.as_deref()
    }

    /// How the report looks where it goes: on stdout, or in a file as in a pipe.
    pub fn look(&self, context: &Context) -> Look {
        if self.output.is_some() {
            context.file_look
        } else {
            context.look
        }
    }

    /// Refuses an output file that is one of the command's `inputs` (each named by what it
    /// is), which the report would overwrite.
    pub fn refuse_inputs<'a>(
        &self,
        inputs: impl IntoIterator<Item = (&'a str, &'a Path)>,
    ) -> Result<(), Invalid> {
        let Some(out) = &self.output else {
            return Ok(());
        };
        // A path that cannot be resolved (yet) keeps its own name.
        let identity = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        for (what, path) in inputs {
            if !input::is_stdin(path) && identity(path) == identity(out) {
                return Err(Invalid(format!(
                    "--output {} is the {what} {}; the report would overwrite it, so write it \
                     to another file",
                    out.display(),
                    path.display()
                )));
            }
        }
        Ok(())
    }

    /// Renders the model in `format` as it should look where it goes (see [`Self::look`]) and
    /// prints it, or writes it to the `--output` file.
    pub fn emit(
        &self,
        format: Format,
        context: &Context,
        command: &str,
        render: impl FnOnce(&dyn Render) -> Option<String>,
    ) -> anyhow::Result<()> {
        let file = self.file().map(|f| (f, self.force));
        render::emit_to(format, self.look(context), command, file, render)
    }
}

/// Where a report goes, with the options that shape it resolved.
#[derive(Debug)]
pub struct Destination<'a> {
    args: &'a ReportArgs,
    command: &'static str,
    heading_level: u8,
    explain: bool,
    /// With `--embed`: the document's region.
    region: Option<embed::Target>,
}

impl ReportArgs {
    /// Where the report goes. With `--embed`, reads the document and the options its region's
    /// begin marker records; each option given on the command line wins over the recorded
    /// one. `explain` is the command's `--explain`, `None` for a command without one.
    pub fn destination(
        &self,
        command: &'static str,
        default_region: &str,
        explain: Option<bool>,
    ) -> anyhow::Result<Destination<'_>> {
        let mut destination = Destination {
            args: self,
            command,
            heading_level: self.heading_level.unwrap_or(DEFAULT_HEADING_LEVEL),
            explain: explain.unwrap_or(false),
            region: None,
        };
        let Some(doc) = &self.embed else {
            return Ok(destination);
        };
        let region = self.region.as_deref().unwrap_or(default_region);
        let target = open_region(doc, region, self.format, explain.is_some())?;
        let recorded = target.recorded();
        destination.heading_level = self
            .heading_level
            .or(recorded.heading_level)
            .unwrap_or(DEFAULT_HEADING_LEVEL);
        destination.explain |= recorded.explain;
        destination.region = Some(target);
        Ok(destination)
    }
}

impl Destination<'_> {
    /// Whether the report holds the explanation: `--explain`, or a region recorded with it.
    pub fn explain(&self) -> bool {
        self.explain
    }

    /// The region's document, its name and the lines between its markers, with `--embed`.
    pub fn embedded(&self) -> Option<(&Path, &str, &str)> {
        self.region.as_ref().map(|t| (t.path(), t.name(), t.body()))
    }

    /// Whether the report goes into a document's region.
    pub fn is_embedded(&self) -> bool {
        self.region.is_some()
    }

    /// Prints the rendered model, or writes it into the document's region under a begin
    /// marker recording the options and `identity`; with `--check`, prints the diff of a
    /// stale region and fails with [`embed::Stale`].
    pub fn deliver(
        &self,
        look: Look,
        identity: Identity,
        render: impl Fn(&dyn Render) -> Option<String>,
    ) -> anyhow::Result<()> {
        self.deliver_recorded(look, identity, None, render)
    }

    /// [`Destination::deliver`], with `record` (see [`render::embedded_record`]) closing an
    /// embedded region's Markdown, so a later `--check` can review what changed.
    pub fn deliver_recorded(
        &self,
        look: Look,
        identity: Identity,
        record: Option<&str>,
        render: impl Fn(&dyn Render) -> Option<String>,
    ) -> anyhow::Result<()> {
        let look = Look {
            heading_level: self.heading_level,
            ..look
        };
        let Some(target) = &self.region else {
            let format = self.args.format.unwrap_or(Format::Table);
            let output = &self.args.output;
            let file = output.file().map(|f| (f, output.force));
            return render::emit_to(format, look, self.command, file, render);
        };
        let mut markdown = render(Format::Markdown.renderer(look).as_ref()).ok_or_else(|| {
            Invalid(format!(
                "{} does not offer Markdown, so it cannot be embedded",
                self.command
            ))
        })?;
        if let Some(record) = record {
            markdown = format!("{}\n\n{record}\n", markdown.trim_end());
        }
        let options = embed::Options {
            format: Some(embed::Format::Markdown),
            heading_level: Some(self.heading_level),
            explain: self.explain,
            rules: Some(identity.rules),
            pricing: Some(identity.pricing),
        };
        let how = Embedding {
            check: self.args.check,
            force: self.args.output.force,
            color: look.color,
        };
        embed_into(target, &options, &markdown, how)
    }
}

/// Opens `region` of the document `doc` for embedding, after checking that the output is
/// Markdown and the region name is valid; `explain_allowed` says whether its marker may
/// record `--explain`.
pub(super) fn open_region(
    doc: &Path,
    region: &str,
    format: Option<Format>,
    explain_allowed: bool,
) -> anyhow::Result<embed::Target> {
    if let Some(format) = format.filter(|f| *f != Format::Markdown) {
        return Err(Invalid(format!(
            "--embed writes Markdown, so --format {} cannot be used with it",
            format.name()
        ))
        .into());
    }
    if !embed::is_region_name(region) {
        return Err(Invalid(format!(
            "region name \"{region}\" may only hold letters, digits, '.', '_' and '-'; pass --region NAME"
        ))
        .into());
    }
    embed::Target::open(doc, region, explain_allowed)
}

/// How [`embed_into`] embeds.
#[derive(Debug, Clone, Copy)]
pub(super) struct Embedding {
    /// `--check`: write nothing, and fail when the region is stale.
    pub(super) check: bool,
    /// `--force`: rewrite a read-only or hard-linked document.
    pub(super) force: bool,
    /// Whether the diff of a stale region is colored.
    pub(super) color: bool,
}

/// Writes `markdown` into the region under a marker recording `options`, or with `check`
/// prints the diff of a stale region and fails with [`embed::Stale`]. The region is spliced
/// into the document as it is under the lock that writing takes, so two runs writing other
/// regions of one document at once both keep their work.
pub(super) fn embed_into(
    target: &embed::Target,
    options: &embed::Options,
    markdown: &str,
    how: Embedding,
) -> anyhow::Result<()> {
    let (doc, region) = (target.path().display(), target.name());
    let what = if how.check {
        if let Err(stale) = target.check(options, markdown) {
            let name = |state: &str| format!("{doc} (region {region}, {state})");
            output::print(&render::diff::unified(
                &stale.embedded,
                &stale.current,
                &name("embedded"),
                &name("current"),
                how.color,
            ))?;
            return Err(stale.into());
        }
        "is up to date"
    } else {
        let path = target.path();
        let written = safe_write::rewrite(path, how.force, |bytes| {
            let current = input::text(path, bytes, input::Kind::Document)?;
            Ok(target
                .splice(current, options, markdown)?
                .map(String::into_bytes))
        })?;
        if written { "updated" } else { "is up to date" }
    };
    output::notice(&format!("{doc}: region \"{region}\" {what}"));
    Ok(())
}
