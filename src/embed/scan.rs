//! Finding the regions of a Markdown document in one pass: its marker lines outside code
//! blocks, checked to be well formed, balanced, unnested and uniquely named.
//!
//! A marker is a whole line, `<!-- llm-strategy:begin NAME OPTIONS -->` or
//! `<!-- llm-strategy:end NAME -->`, with whitespace after `begin` and `end`. As in
//! `CommonMark`, a line indented by four columns or more cannot start an HTML block, so such a
//! marker line is code (an indented code block) or a paragraph's text, never a marker; the
//! lines of a fenced code block are code too. (Inside a list item, `CommonMark` reads indented
//! lines relative to the item; this scanner does not, so a marker there must be indented by
//! fewer than four columns.) A byte order mark before the first line is skipped.

use std::ops::Range;

use rustc_hash::FxHashSet;

use super::marker::{Marker, fence, marker};

/// The byte order mark some editors put at the start of a UTF-8 file.
const BOM: char = '\u{feff}';

/// A region found in a document, located by byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Region<'a> {
    /// Its name.
    pub(super) name: &'a str,
    /// The begin marker's line, without its line ending (and without a byte order mark).
    pub(super) begin: Range<usize>,
    /// The begin marker's options (the words after the name), as a range of the document.
    pub(super) options: Range<usize>,
    /// Its body: the lines between the two marker lines.
    pub(super) body: Range<usize>,
}

/// Why a document's markers are wrong: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Problem {
    /// The line, from 1.
    pub(super) line: usize,
    /// The column, from 1, when a spot on the line is wrong rather than the line as a whole.
    pub(super) column: Option<usize>,
    /// What is wrong.
    pub(super) message: String,
}

impl Problem {
    fn line(line: usize, message: String) -> Self {
        Problem {
            line,
            column: None,
            message,
        }
    }
}

/// A begin marker whose end marker has not been seen yet.
struct Open<'a> {
    name: &'a str,
    line: usize,
    begin: Range<usize>,
    options: Range<usize>,
    body_start: usize,
}

/// Finds every region, checking that markers are well formed and balanced and names unique.
pub(super) fn regions(doc: &str) -> Result<Vec<Region<'_>>, Problem> {
    scan(doc, &mut 0)
}

/// [`regions`], counting its steps in `steps`: one for each line and one for each region name
/// looked up, so a test can tell that the work grows with the document, not faster.
fn scan<'a>(doc: &'a str, steps: &mut u64) -> Result<Vec<Region<'a>>, Problem> {
    let mut state = State::default();
    let mut in_fence: Option<(char, usize)> = None;
    let mut offset = 0;
    for (index, line) in doc.split_inclusive('\n').enumerate() {
        *steps += 1;
        // The byte order mark is not part of the first line's text.
        let bom = if index == 0 && line.starts_with(BOM) {
            BOM.len_utf8()
        } else {
            0
        };
        let start = offset + bom;
        offset += line.len();
        let text = line[bom..].trim_end_matches(['\n', '\r']);
        if let Some((c, len, info)) = fence(text) {
            match in_fence {
                None => in_fence = Some((c, len)),
                Some((open_c, open_len)) if c == open_c && len >= open_len && !info => {
                    in_fence = None;
                }
                Some(_) => {}
            }
            continue;
        }
        if in_fence.is_some() {
            continue;
        }
        if let Some(marker) = marker(text) {
            let at = Line {
                number: index + 1,
                start,
                text,
                next: offset,
            };
            state.marker(marker, &at, steps)?;
        }
    }
    if let Some(region) = state.open {
        return Err(Problem::line(
            region.line,
            format!("region \"{}\" has no end marker", region.name),
        ));
    }
    Ok(state.found)
}

/// A marker line: its number, where it starts (after a byte order mark), its text without the
/// line ending, and where the next line starts.
struct Line<'a> {
    number: usize,
    start: usize,
    text: &'a str,
    next: usize,
}

/// What the scan has found so far.
#[derive(Default)]
struct State<'a> {
    found: Vec<Region<'a>>,
    names: FxHashSet<&'a str>,
    open: Option<Open<'a>>,
}

impl<'a> State<'a> {
    /// Takes in a marker on `line`, or says why it does not fit.
    fn marker(
        &mut self,
        marker: Marker<'a>,
        line: &Line<'a>,
        steps: &mut u64,
    ) -> Result<(), Problem> {
        let number = line.number;
        match (marker, &self.open) {
            (Marker::Malformed { word, problem }, _) => {
                let column = line.text[..offset_in(line.text, word)].chars().count() + 1;
                let word = word.trim_end_matches("-->");
                return Err(Problem {
                    line: number,
                    column: Some(column),
                    message: format!(
                        "`{word}` is not a region marker: {problem} (markers are \
                         `<!-- llm-strategy:begin NAME -->` and `<!-- llm-strategy:end NAME -->`)"
                    ),
                });
            }
            (Marker::Begin { name, options }, None) => {
                *steps += 1;
                if !self.names.insert(name) {
                    return Err(Problem::line(
                        number,
                        format!("a second region named \"{name}\" begins here"),
                    ));
                }
                let options_start = line.start + offset_in(line.text, options);
                self.open = Some(Open {
                    name,
                    line: number,
                    begin: line.start..line.start + line.text.len(),
                    options: options_start..options_start + options.len(),
                    body_start: line.next,
                });
            }
            (Marker::Begin { name, .. }, Some(outer)) => {
                return Err(Problem::line(
                    number,
                    format!(
                        "region \"{name}\" begins inside region \"{}\" (begun on line {}); regions cannot nest",
                        outer.name, outer.line
                    ),
                ));
            }
            (Marker::End(name), Some(region)) => {
                if name != region.name {
                    return Err(Problem::line(
                        number,
                        format!(
                            "end marker of \"{name}\" while region \"{}\" (begun on line {}) is open",
                            region.name, region.line
                        ),
                    ));
                }
                self.found.push(Region {
                    name,
                    begin: region.begin.clone(),
                    options: region.options.clone(),
                    body: region.body_start..line.start,
                });
                self.open = None;
            }
            (Marker::End(name), None) => {
                return Err(Problem::line(
                    number,
                    format!("end marker of \"{name}\" without a begin marker"),
                ));
            }
        }
        Ok(())
    }
}

/// The byte offset of `part`, a slice of `whole`, within it.
fn offset_in(whole: &str, part: &str) -> usize {
    part.as_ptr() as usize - whole.as_ptr() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_locates_its_marker_options_and_body() {
        let doc = "intro\n<!-- llm-strategy:begin bank heading-level=3 -->\r\nold\n<!-- llm-strategy:end bank -->\n";
        let found = regions(doc).unwrap();
        assert_eq!(found.len(), 1);
        let r = &found[0];
        assert_eq!(r.name, "bank");
        assert_eq!(
            &doc[r.begin.clone()],
            "<!-- llm-strategy:begin bank heading-level=3 -->"
        );
        assert_eq!(&doc[r.options.clone()], "heading-level=3");
        assert_eq!(&doc[r.body.clone()], "old\n");
    }

    #[test]
    fn an_old_style_marker_has_no_options() {
        let doc = "<!-- llm-strategy:begin bank -->\n<!-- llm-strategy:end bank -->\n";
        let r = &regions(doc).unwrap()[0];
        assert!(r.options.is_empty());
        assert_eq!(r.body, 33..33);
    }

    #[test]
    fn a_malformed_marker_is_located() {
        let problem = regions("x\n\n  <!-- llm-strategy:beginbank -->\n").unwrap_err();
        assert_eq!((problem.line, problem.column), (3, Some(8)));
        assert!(
            problem
                .message
                .starts_with("`llm-strategy:beginbank` is not a region marker: put a space"),
            "{}",
            problem.message
        );
    }

    #[test]
    fn a_byte_order_mark_is_skipped_and_kept_outside_the_marker() {
        let doc = "\u{feff}<!-- llm-strategy:begin bank -->\nold\n<!-- llm-strategy:end bank -->\n";
        let r = &regions(doc).unwrap()[0];
        assert_eq!(&doc[r.begin.clone()], "<!-- llm-strategy:begin bank -->");
        assert_eq!(r.begin.start, 3);
        assert_eq!(&doc[r.body.clone()], "old\n");
    }

    #[test]
    fn a_marker_indented_by_four_columns_is_code() {
        for indent in ["    ", "\t", "  \t", "     "] {
            let doc = format!(
                "Example:\n\n{indent}<!-- llm-strategy:begin bank -->\n{indent}<!-- llm-strategy:end bank -->\n"
            );
            assert_eq!(regions(&doc).unwrap(), Vec::new(), "{indent:?}");
        }
        // Three spaces still start an HTML block.
        let doc = "   <!-- llm-strategy:begin bank -->\n   <!-- llm-strategy:end bank -->\n";
        assert_eq!(regions(doc).unwrap()[0].name, "bank");
    }

    /// A document of `n` empty regions, each with a distinct name.
    fn many(n: usize) -> String {
        use std::fmt::Write as _;
        let mut doc = String::new();
        for i in 0..n {
            let _ = writeln!(
                doc,
                "<!-- llm-strategy:begin r{i} -->\n<!-- llm-strategy:end r{i} -->"
            );
        }
        doc
    }

    #[test]
    fn scanning_is_linear_in_the_number_of_regions() {
        let steps = |n: usize| {
            let doc = many(n);
            let mut steps = 0;
            assert_eq!(scan(&doc, &mut steps).unwrap().len(), n);
            steps
        };
        let (small, large) = (steps(20_000), steps(200_000));
        // Two lines and one name lookup per region: no step per pair of regions.
        assert_eq!(small, 3 * 20_000);
        assert_eq!(large, 10 * small);
    }
}
