//! The review against an earlier report on the terminal: a heading, the headline, and an
//! indented line for each change and cause.

use super::Table;
use crate::render::review::{entries, headline, title};
use crate::review::Review;

impl Table {
    /// The review as a section of its own.
    pub(super) fn review(&self, review: &Review) -> String {
        let mut out = String::new();
        self.heading(&mut out, &title(review));
        self.wrap(&mut out, &headline(review), "", "");
        for e in entries(review) {
            let (first, rest) = if e.depth == 0 {
                ("  ", "    ")
            } else {
                ("    ", "      ")
            };
            let text = match &e.subject {
                Some(subject) => format!("{subject}{}", e.text),
                None => e.text,
            };
            self.wrap(&mut out, &text, first, rest);
        }
        out
    }
}
