//! Where each node of a YAML file sits, so checks after deserializing can point at lines.
//!
//! serde gives no positions, so the event parser reads the file once more (or once for both
//! the limits and this, see [`super::yaml::from_str_located`]) and [`build`] records the byte
//! span of every node as a tree. Nodes are found by path, written like
//! `rules/3/when/all/0/question`; `path/key:key` is the span of a key rather than its value.

mod build;

use std::ops::Range;

use yaml_rust2::parser::Parser;

pub(crate) use build::Builder;

/// Mappings with this many keys or more are sorted by key, so finding a key is a binary
/// search; smaller ones are searched in order.
const SORTED_FROM: usize = 8;

/// Byte spans of a YAML document's nodes, found by path.
#[derive(Debug, Default)]
pub struct Locations {
    /// Every node of the first document, its root first.
    nodes: Vec<Node>,
    /// Each collection's children, contiguous: a sequence's in order, a mapping's in the
    /// order written or, from [`SORTED_FROM`] keys, sorted by key.
    children: Vec<Child>,
}

/// One node: where it is written, and its children.
#[derive(Debug)]
struct Node {
    span: Range<usize>,
    /// Its children, in [`Locations::children`].
    kids: Range<usize>,
    shape: Shape,
}

#[derive(Debug, Clone, Copy)]
enum Shape {
    Leaf,
    Sequence,
    Mapping {
        /// Whether its children are sorted by key.
        sorted: bool,
        /// Whether a key contains `/`, so that a key may span several parts of a path.
        slashed: bool,
    },
}

/// A child of a collection: in a mapping, with its key (`?` for a complex key) and the key's
/// span; in a sequence, with an empty key.
#[derive(Debug)]
struct Child {
    key: String,
    key_span: Option<Range<usize>>,
    node: usize,
}

/// One step down a path from a node.
enum Step<'p> {
    /// Into this node, with the rest of the path, if any.
    Into(usize, Option<&'p str>),
    /// The path ends at this key's span.
    Key(Range<usize>),
    /// No child matches.
    Stop,
}

impl Locations {
    /// Indexes `source`; a document the event parser rejects yields an empty index.
    pub fn of(source: &str) -> Locations {
        let mut parser = Parser::new_from_str(source);
        let mut builder = Builder::new(source);
        loop {
            match parser.next_token() {
                Ok((yaml_rust2::Event::StreamEnd, _)) => break,
                Ok((event, mark)) => {
                    let ends = matches!(event, yaml_rust2::Event::DocumentEnd);
                    builder.event(event, mark);
                    // Only the first document is indexed; the rest is not read.
                    if ends {
                        break;
                    }
                }
                Err(_) => return Locations::default(),
            }
        }
        builder.finish()
    }

    /// The span of the node at `path`, or of its closest recorded ancestor (`None` when not
    /// even the first part of the path is found).
    pub fn find(&self, path: &str) -> Option<Range<usize>> {
        let root = self.nodes.first()?;
        if path.is_empty() {
            return Some(root.span.clone());
        }
        let (mut node, mut rest, mut found) = (0, path, false);
        loop {
            match self.step(node, rest) {
                Step::Into(child, after) => {
                    node = child;
                    found = true;
                    match after {
                        Some(after) => rest = after,
                        None => return Some(self.nodes[node].span.clone()),
                    }
                }
                Step::Key(span) => return Some(span),
                Step::Stop => return found.then(|| self.nodes[node].span.clone()),
            }
        }
    }

    /// The child of `node` that `path` starts with.
    fn step<'p>(&self, node: usize, path: &'p str) -> Step<'p> {
        let Node { kids, shape, .. } = &self.nodes[node];
        let kids = &self.children[kids.clone()];
        match *shape {
            Shape::Leaf => Step::Stop,
            Shape::Sequence => {
                let (part, after) = split(path, path.find('/'));
                match index(part).and_then(|i| kids.get(i)) {
                    Some(child) => Step::Into(child.node, after),
                    None => Step::Stop,
                }
            }
            Shape::Mapping { sorted, slashed } if slashed => {
                // Keys contain `/`: the longest part of the path that is a key.
                std::iter::once(None)
                    .chain(path.rmatch_indices('/').map(|(i, _)| Some(i)))
                    .find_map(|end| at_key(kids, sorted, path, end))
                    .unwrap_or(Step::Stop)
            }
            Shape::Mapping { sorted, .. } => {
                at_key(kids, sorted, path, path.find('/')).unwrap_or(Step::Stop)
            }
        }
    }
}

/// The step to the key of a mapping that is `path` up to byte `end`, or to its span when
/// that part is `KEY:key`.
fn at_key<'p>(kids: &[Child], sorted: bool, path: &'p str, end: Option<usize>) -> Option<Step<'p>> {
    let (part, after) = split(path, end);
    if let Some(child) = key(kids, sorted, part) {
        return Some(Step::Into(child.node, after));
    }
    let child = key(kids, sorted, part.strip_suffix(":key")?)?;
    child.key_span.clone().map(Step::Key)
}

/// The part of `path` before byte `end` (all of it when `None`), and the rest after the `/`.
fn split(path: &str, end: Option<usize>) -> (&str, Option<&str>) {
    match end {
        Some(end) => (&path[..end], Some(&path[end + 1..])),
        None => (path, None),
    }
}

/// A sequence index written as paths write it: decimal digits, no leading zero.
fn index(part: &str) -> Option<usize> {
    let digits = !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !digits || (part.len() > 1 && part.starts_with('0')) {
        return None;
    }
    part.parse().ok()
}

/// The child of a mapping at `key`; of a key written twice, the later.
fn key<'c>(kids: &'c [Child], sorted: bool, key: &str) -> Option<&'c Child> {
    if sorted {
        let after = kids.partition_point(|c| c.key.as_str() <= key);
        kids[..after].last().filter(|c| c.key == key)
    } else {
        kids.iter().rev().find(|c| c.key == key)
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    fn text<'a>(src: &'a str, loc: &Locations, path: &str) -> Option<&'a str> {
        loc.find(path).map(|span| &src[span])
    }

    #[test]
    fn finds_nested_nodes_and_keys() {
        let src =
            "rules:\n  - id: a\n    when:\n      question: data.sensitivity\n      is: secret\n";
        let loc = Locations::of(src);
        let span = loc.find("rules/0/when/question").unwrap();
        assert_eq!(&src[span], "data.sensitivity");
        let span = loc.find("rules/0/when/is:key").unwrap();
        assert_eq!(&src[span], "is");
        // A missing node falls back to its closest recorded ancestor.
        let span = loc.find("rules/0/when/missing").unwrap();
        assert_eq!(
            crate::diagnostic::line_col(src, span.start).0,
            4,
            "{span:?}"
        );
    }

    #[test]
    fn a_path_whose_first_part_is_unknown_is_not_found() {
        let src = "a: [x, y]\n";
        let loc = Locations::of(src);
        assert!(loc.find("").is_some(), "the root");
        assert_eq!(text(src, &loc, "a/1"), Some("y"));
        assert_eq!(text(src, &loc, "a/2"), Some("["), "past the end: the list");
        assert_eq!(
            text(src, &loc, "a/01"),
            Some("["),
            "indices are written plainly"
        );
        assert_eq!(text(src, &loc, "a/+1"), Some("["));
        assert_eq!(loc.find("b"), None);
        assert_eq!(loc.find("b/0"), None);
        assert_eq!(Locations::of("a: [").find("a"), None, "unparsed: nothing");
    }

    #[test]
    fn keys_with_slashes_colons_and_repeats() {
        let src = "m/x: 1\nm: {x: 2}\nk:key: 3\nd: 4\nd: 5\n? [c]\n: 6\n";
        let loc = Locations::of(src);
        assert_eq!(text(src, &loc, "m/x"), Some("1"), "the longest key first");
        assert_eq!(text(src, &loc, "m/x:key"), Some("m/x"));
        assert_eq!(text(src, &loc, "k:key"), Some("3"), "a key written so");
        assert_eq!(
            text(src, &loc, "d"),
            Some("5"),
            "the later of a repeated key"
        );
        assert_eq!(text(src, &loc, "d:key/deeper"), Some("d"));
        assert_eq!(text(src, &loc, "?"), Some("6"), "a complex key's value");
    }

    #[test]
    fn large_mappings_and_wide_characters() {
        let mut src = String::from("top:\n");
        for i in (0..20).rev() {
            let _ = writeln!(src, "  k{i}: é{i}");
        }
        let loc = Locations::of(&src);
        for i in 0..20 {
            assert_eq!(
                text(&src, &loc, &format!("top/k{i}")),
                Some(&*format!("é{i}"))
            );
        }
        assert_eq!(text(&src, &loc, "top/k5:key"), Some("k5"));
        assert_eq!(loc.find("top/k20"), loc.find("top"), "the mapping itself");
    }

    #[test]
    fn only_the_first_document_is_indexed() {
        let src = "a: 1\n---\nb: 2\n";
        let loc = Locations::of(src);
        assert_eq!(text(src, &loc, "a"), Some("1"));
        assert_eq!(loc.find("b"), None);
    }
}
