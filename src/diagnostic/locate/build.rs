//! Building [`Locations`] from the event parser's events as they come, in one pass and
//! without keeping the events: a node for each value, and for each collection its children
//! (a mapping's with their keys), stored contiguously when the collection ends.

use std::ops::Range;

use yaml_rust2::parser::Event;
use yaml_rust2::scanner::Marker;

use super::{Child, Locations, Node, SORTED_FROM, Shape};
use crate::diagnostic::lines::count;

/// Turns the events of a YAML document into [`Locations`]; only the first document is indexed.
pub(crate) struct Builder {
    /// Byte offset of each character, or `None` when every character is one byte.
    offsets: Option<Vec<usize>>,
    len: usize,
    out: Locations,
    /// The collections being read, innermost last.
    open: Vec<Open>,
    /// The children of the open collections, each collection's after its parent's.
    pending: Vec<Child>,
    /// Whether the first document has started, and whether it has ended.
    started: bool,
    ended: bool,
}

/// A collection being read.
struct Open {
    node: usize,
    /// Where its children start in `pending`.
    from: usize,
    mapping: bool,
    /// In a mapping, the key read and waiting for its value, with the key's span.
    key: Option<(String, Option<Range<usize>>)>,
}

impl Builder {
    /// Starts indexing `source`, whose events are then given to [`Builder::event`].
    pub(crate) fn new(source: &str) -> Builder {
        // Markers count characters; spans are bytes. In ASCII text they are the same, and
        // the table of character offsets (eight bytes a character) is not built.
        let offsets = (!source.is_ascii()).then(|| {
            source
                .char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(source.len()))
                .collect()
        });
        Builder {
            offsets,
            len: source.len(),
            out: Locations::default(),
            open: Vec::new(),
            pending: Vec::new(),
            started: false,
            ended: false,
        }
    }

    /// Records one event at `mark`.
    pub(crate) fn event(&mut self, event: Event, mark: Marker) {
        count(1);
        match event {
            Event::DocumentStart => self.started = true,
            Event::DocumentEnd => self.ended = self.started,
            Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
            _ if !self.started || self.ended => {}
            Event::Scalar(text, ..) => {
                let span = self.span(mark, text.chars().count().max(1));
                match self.open.last_mut() {
                    Some(open) if open.mapping && open.key.is_none() => {
                        open.key = Some((text, Some(span)));
                    }
                    _ => {
                        self.node(span, Shape::Leaf);
                    }
                }
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                let mapping = matches!(event, Event::MappingStart(..));
                let shape = if mapping {
                    Shape::Mapping {
                        sorted: false,
                        slashed: false,
                    }
                } else {
                    Shape::Sequence
                };
                let node = self.node(self.span(mark, 1), shape);
                self.open.push(Open {
                    node,
                    from: self.pending.len(),
                    mapping,
                    key: None,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(),
            Event::Alias(_) => {
                self.node(self.span(mark, 1), Shape::Leaf);
            }
        }
    }

    /// The index, once every event is recorded.
    pub(crate) fn finish(self) -> Locations {
        self.out
    }

    fn span(&self, mark: Marker, len: usize) -> Range<usize> {
        let byte = |char_index: usize| match &self.offsets {
            Some(offsets) => offsets.get(char_index).copied(),
            None => (char_index <= self.len).then_some(char_index),
        };
        let start = byte(mark.index()).unwrap_or(0);
        let end = byte(mark.index() + len).unwrap_or(start);
        start..end.max(start)
    }

    /// Adds a node and makes it a child of the innermost open collection.
    fn node(&mut self, span: Range<usize>, shape: Shape) -> usize {
        let id = self.out.nodes.len();
        self.out.nodes.push(Node {
            span,
            kids: 0..0,
            shape,
        });
        let Some(open) = self.open.last_mut() else {
            return id;
        };
        let (key, key_span) = if open.mapping {
            open.key.take().unwrap_or_else(|| {
                // A complex key (a list, mapping or alias): it and its value go by `?`.
                open.key = Some(("?".to_owned(), None));
                ("?".to_owned(), None)
            })
        } else {
            (String::new(), None)
        };
        self.pending.push(Child {
            key,
            key_span,
            node: id,
        });
        id
    }

    /// Ends the innermost open collection: its children move to their final place.
    fn close(&mut self) {
        let Some(open) = self.open.pop() else { return };
        let start = self.out.children.len();
        self.out.children.extend(self.pending.drain(open.from..));
        let kids = &mut self.out.children[start..];
        let node = &mut self.out.nodes[open.node];
        if let Shape::Mapping { sorted, slashed } = &mut node.shape {
            *slashed = kids.iter().any(|c| c.key.contains('/'));
            if kids.len() >= SORTED_FROM {
                // Stable: of keys written twice, the later stays last and is the one found.
                kids.sort_by(|a, b| a.key.cmp(&b.key));
                *sorted = true;
            }
        }
        node.kids = start..self.out.children.len();
    }
}
