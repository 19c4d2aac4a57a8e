//! The review against an earlier report in Markdown: a section with the headline and a list
//! of the changes, the causes nested under each "why".

use std::fmt::Write as _;

use super::{Markdown, escape};
use crate::render::review::{entries, headline, title};
use crate::review::Review;

impl Markdown {
    /// The review as a section one level below the report's top heading.
    pub(super) fn review(&self, review: &Review) -> String {
        let mut out = String::new();
        self.heading(&mut out, 1, &title(review));
        let _ = writeln!(out, "{}\n", escape(&headline(review)));
        let lines = entries(review);
        for e in &lines {
            let indent = if e.depth == 0 { "" } else { "  " };
            let _ = match &e.subject {
                Some(subject) => writeln!(out, "{indent}- `{subject}`{}", escape(&e.text)),
                None => writeln!(out, "{indent}- {}", escape(&e.text)),
            };
        }
        if !lines.is_empty() {
            out.push('\n');
        }
        out
    }
}
