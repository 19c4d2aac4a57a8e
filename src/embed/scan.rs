//! Finding the regions of a Markdown document: its marker lines outside fenced code blocks,
//! checked to be balanced, unnested and uniquely named.

use std::ops::Range;

/// A marker line's meaning.
#[derive(Debug, PartialEq)]
enum Marker<'a> {
    /// `<!-- llm-strategy:begin NAME OPTIONS -->`; the options are the words after the name.
    Begin { name: &'a str, options: &'a str },
    /// `<!-- llm-strategy:end NAME -->`.
    End(&'a str),
}

fn marker(line: &str) -> Option<Marker<'_>> {
    let inner = line
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    let rest = inner.strip_prefix("llm-strategy:")?;
    if let Some(words) = rest.strip_prefix("begin") {
        let words = words.trim();
        // Without options, an empty slice at the end of the name, so it still has an offset.
        let (name, options) = words
            .split_once(char::is_whitespace)
            .unwrap_or((words, &words[words.len()..]));
        return Some(Marker::Begin {
            name,
            options: options.trim_start(),
        });
    }
    rest.strip_prefix("end")
        .map(|name| Marker::End(name.trim()))
}

/// A fence line: its character, its length, and whether an info string follows (a line
/// with one can open a fence but never close it).
fn fence(line: &str) -> Option<(char, usize, bool)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let c = rest.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = rest.chars().take_while(|x| *x == c).count();
    let info = !rest[len..].trim().is_empty();
    (len >= 3).then_some((c, len, info))
}

/// A region found in a document, located by byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Region<'a> {
    /// Its name.
    pub(super) name: &'a str,
    /// The begin marker's line, without its line ending.
    pub(super) begin: Range<usize>,
    /// The begin marker's options (the words after the name), as a range of the document.
    pub(super) options: Range<usize>,
    /// Its body: the lines between the two marker lines.
    pub(super) body: Range<usize>,
}

/// A begin marker whose end marker has not been seen yet.
struct Open<'a> {
    name: &'a str,
    line: usize,
    begin: Range<usize>,
    options: Range<usize>,
    body_start: usize,
}

/// Finds every region, checking that markers are balanced and names unique.
pub(super) fn regions(doc: &str) -> Result<Vec<Region<'_>>, String> {
    let mut found: Vec<Region<'_>> = Vec::new();
    let mut open: Option<Open<'_>> = None;
    let mut in_fence: Option<(char, usize)> = None;
    let mut offset = 0;
    for (index, line) in doc.split_inclusive('\n').enumerate() {
        let number = index + 1;
        let start = offset;
        offset += line.len();
        let text = line.trim_end_matches(['\n', '\r']);
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
        match (marker(text), &open) {
            (None, _) => {}
            (Some(Marker::Begin { name, options }), None) => {
                if found.iter().any(|r| r.name == name) {
                    return Err(format!(
                        "line {number}: a second region named \"{name}\" begins here"
                    ));
                }
                let options_start = start + offset_in(text, options);
                open = Some(Open {
                    name,
                    line: number,
                    begin: start..start + text.len(),
                    options: options_start..options_start + options.len(),
                    body_start: offset,
                });
            }
            (Some(Marker::Begin { name, .. }), Some(outer)) => {
                return Err(format!(
                    "line {number}: region \"{name}\" begins inside region \"{}\" (begun on line {}); regions cannot nest",
                    outer.name, outer.line
                ));
            }
            (Some(Marker::End(name)), Some(region)) => {
                if name != region.name {
                    return Err(format!(
                        "line {number}: end marker of \"{name}\" while region \"{}\" (begun on line {}) is open",
                        region.name, region.line
                    ));
                }
                found.push(Region {
                    name,
                    begin: region.begin.clone(),
                    options: region.options.clone(),
                    body: region.body_start..start,
                });
                open = None;
            }
            (Some(Marker::End(name)), None) => {
                return Err(format!(
                    "line {number}: end marker of \"{name}\" without a begin marker"
                ));
            }
        }
    }
    if let Some(region) = open {
        return Err(format!(
            "line {}: region \"{}\" has no end marker",
            region.line, region.name
        ));
    }
    Ok(found)
}

/// The byte offset of `part`, a slice of `whole`, within it.
fn offset_in(whole: &str, part: &str) -> usize {
    part.as_ptr() as usize - whole.as_ptr() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn begin_markers_split_name_and_options() {
        assert_eq!(
            marker("<!-- llm-strategy:begin bank -->"),
            Some(Marker::Begin {
                name: "bank",
                options: ""
            })
        );
        assert_eq!(
            marker("  <!--llm-strategy:begin  bank   heading-level=3  explain-->"),
            Some(Marker::Begin {
                name: "bank",
                options: "heading-level=3  explain"
            })
        );
        assert_eq!(
            marker("<!-- llm-strategy:end bank -->"),
            Some(Marker::End("bank"))
        );
        assert_eq!(marker("<!-- llm-strategy:note bank -->"), None);
        assert_eq!(marker("<!-- llm-strategy:begin bank --> trailing"), None);
    }

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
}
