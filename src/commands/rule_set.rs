//! The options that choose the rule base, the same for every command that reads one.

use std::path::{Path, PathBuf};

use crate::render::output;
use crate::rules::Selection;

// Not a literal doc comment, which clap would take for the description of the command these
// options join and, as commands are built only when they run, put in place of its own.
#[doc = concat!("Which rule base to read: the built-in one, your files layered over it, or yours alone.")]
#[derive(Debug, Clone, Default, clap::Args)]
pub struct RulesArgs {
    /// Layer the rule files in this directory over the built-in rule base: what has a built-in
    /// id (rule, source, description, next step) replaces it, new ids are added, `remove:`
    /// takes built-in rules away; a `pricing.yaml` there replaces the built-in pricing.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Use only the rule files (and pricing) in this directory, a complete rule base of its
    /// own, instead of the built-in one.
    #[arg(long, value_name = "DIR", conflicts_with = "rules")]
    pub rules_only: Option<PathBuf>,
}

impl RulesArgs {
    /// The rule base the options choose.
    pub fn selection(&self) -> Selection {
        match (&self.rules, &self.rules_only) {
            (_, Some(dir)) => Selection::Only(dir.clone()),
            (Some(dir), None) => Selection::Layered(dir.clone()),
            (None, None) => Selection::BuiltIn,
        }
    }

    /// The rule base of a command whose subject is a rules directory (`rules check DIR`):
    /// `DIR` is layered as `--rules DIR` would be.
    pub fn with_subject(&self, dir: Option<&Path>) -> Selection {
        match dir {
            Some(dir) => Selection::Layered(dir.to_path_buf()),
            None => self.selection(),
        }
    }

    /// The rule base of a command that took its rules directory as an argument before
    /// `--rules` layered: such a `DIR` is still read alone, as `--rules-only DIR`, with a
    /// warning that the form is deprecated.
    pub fn with_legacy(&self, command: &str, dir: Option<&Path>) -> Selection {
        let Some(dir) = dir else {
            return self.selection();
        };
        let shown = dir.display();
        output::notice(&format!(
            "warning: a rules directory as the argument of `{command}` is deprecated: use `--rules-only {shown}`, which reads it alone as before, or `--rules {shown}` to lay it over the built-in rules"
        ));
        Selection::Only(dir.to_path_buf())
    }
}
