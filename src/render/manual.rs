//! What the command line says about itself beyond `--help`: the manual page (roff, through
//! `clap_mangen`), shell completion scripts (through `clap_complete`), and the first steps
//! printed when no command is given. All are generated from the one clap definition passed in.

use std::fmt::Write as _;

use clap_complete::Shell;

/// The first steps printed (on stderr) when `llm-strategy` runs without a command: its usage
/// and what to run next.
pub fn first_steps(usage: &str) -> String {
    let steps = [
        "To start:",
        "  llm-strategy init                 write a questionnaire to fill in",
        "  llm-strategy assess examples/regional-bank-advisor.toml",
        "                                    assess a bundled example",
        "  llm-strategy help                 every command, with examples",
    ];
    format!("{usage}\n\n{}\n", steps.join("\n"))
}

/// The completion script for `shell`, for the command line `cmd`.
pub fn completions(mut cmd: clap::Command, shell: Shell) -> String {
    let mut script = Vec::new();
    let name = cmd.get_name().to_owned();
    clap_complete::generate(shell, &mut cmd, name, &mut script);
    String::from_utf8_lossy(&script).into_owned()
}

/// The manual page of the command line `cmd` (section 1, roff): name, synopsis, description
/// and global options, then every command (subcommands of `rules` included) with its
/// synopsis, options and examples, then the exit statuses.
pub fn man_page(mut cmd: clap::Command) -> std::io::Result<String> {
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut title = Vec::new();
    man.render_title(&mut title)?;
    let mut page = Vec::new();
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    // The title first, so the page opens with `.TH`; the preamble once, before any text.
    let mut text = without_preamble(&title);
    text.push_str(PREAMBLE);
    text.push_str(&without_preamble(&page));
    text.push_str(".SH COMMANDS\n");
    for command in commands(&cmd) {
        text.push_str(&command_section(command)?);
    }
    if let Some(after) = cmd.get_after_long_help().or_else(|| cmd.get_after_help()) {
        // The section's title says what the help's first line does.
        let after = after.to_string();
        text.push_str(".SH EXAMPLES\n");
        text.push_str(&verbatim(
            after.strip_prefix("Examples:\n").unwrap_or(&after),
        ));
    }
    text.push_str(EXIT_STATUS);
    let mut version = Vec::new();
    man.render_version_section(&mut version)?;
    text.push_str(&without_preamble(&version));
    Ok(text)
}

/// The string definition `clap_mangen` puts before every section it renders; the page needs
/// it once.
const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

/// A section `clap_mangen` rendered, without its copy of [`PREAMBLE`].
fn without_preamble(roff: &[u8]) -> String {
    let text = String::from_utf8_lossy(roff);
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if !PREAMBLE.lines().any(|p| p == line) {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The exit statuses, as the spec gives them.
const EXIT_STATUS: &str = ".SH \"EXIT STATUS\"\n\
    .TP\n0\nDone.\n\
    .TP\n1\nThe work could not be done (a file could not be read or written), or \\fB\\-\\-check\\fR \
    found a stale document or chart; a rule test failed.\n\
    .TP\n2\nThe input was wrong: bad usage, an invalid answers file or an invalid rule file.\n";

/// Every command a user runs, depth first: `assess`, ..., `rules list`, ...; a group of
/// subcommands (`rules`) comes before its members. `help` is left out.
fn commands(cmd: &clap::Command) -> Vec<&clap::Command> {
    let mut found = Vec::new();
    for sub in cmd.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        found.push(sub);
        found.extend(commands(sub));
    }
    found
}

/// One command's subsection: its full name, description, synopsis, own options (the global
/// ones are on the page once) and examples.
fn command_section(sub: &clap::Command) -> std::io::Result<String> {
    let name = sub
        .get_bin_name()
        .unwrap_or_else(|| sub.get_name())
        .to_owned();
    let own = sub
        .clone()
        .mut_args(|arg| {
            let shared = arg.is_global_set() || arg.get_id() == "help";
            if shared { arg.hide(true) } else { arg }
        })
        .bin_name(&name);
    let man = clap_mangen::Man::new(own);
    let mut text = format!(".SS \"{}\"\n", name.replace('-', "\\-"));
    let mut body = |render: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| {
        let mut bytes = Vec::new();
        render(&mut bytes)?;
        // Each clap_mangen section opens with `.SH NAME`; here they are paragraphs.
        for line in without_preamble(&bytes).lines() {
            if line.starts_with(".SH ") {
                text.push_str(".PP\n");
            } else {
                text.push_str(line);
                text.push('\n');
            }
        }
        Ok::<(), std::io::Error>(())
    };
    body(&|w| man.render_description_section(w))?;
    body(&|w| man.render_synopsis_section(w))?;
    if sub
        .get_arguments()
        .any(|a| !a.is_global_set() && a.get_id() != "help")
    {
        body(&|w| man.render_options_section(w))?;
    }
    if let Some(after) = sub.get_after_long_help().or_else(|| sub.get_after_help()) {
        text.push_str(".PP\n");
        text.push_str(&verbatim(&after.to_string()));
    }
    Ok(text)
}

/// Text set line for line as it is (examples), escaped for roff.
fn verbatim(text: &str) -> String {
    let mut out = String::from(".nf\n");
    for line in text.lines() {
        let escaped = line.replace('\\', "\\e").replace('-', "\\-");
        if escaped.starts_with(['.', '\'']) {
            out.push_str("\\&");
        }
        let _ = writeln!(out, "{escaped}");
    }
    out.push_str(".fi\n");
    out
}
