//! The reproducibility stamp at the foot of a Markdown report: an HTML comment a script can
//! read, and a footer line a reader sees.

use std::fmt::Write as _;

use super::escape;
use crate::report::Stamp;

/// `body` with its trailing blank lines trimmed and the stamp appended.
pub(super) fn stamped(mut body: String, stamp: &Stamp) -> String {
    let trimmed = body.trim_end().len();
    body.truncate(trimmed);
    let pricing_date = stamp.pricing_date.as_deref().unwrap_or("unknown");
    let _ = write!(
        body,
        "\n\n<!-- llm-strategy stamp: version={} rules={} pricing={} pricing-date={} \
         answers={} -->\n\n*Computed by {}.*\n",
        stamp.version,
        stamp.rules,
        stamp.pricing,
        pricing_date,
        stamp.answers,
        escape(&stamp.line())
    );
    body
}
