//! Where each node of a YAML file sits, so checks after deserializing can point at lines.
//!
//! serde gives no positions, so when a rule file has problems we parse it once more
//! with an event parser and record the byte span of every node under its path,
//! written like `rules/3/when/all/0/question`. Keys are recorded as `path/key:key`.

use std::collections::HashMap;
use std::ops::Range;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Byte spans of a YAML document's nodes, by path.
#[derive(Debug, Default)]
pub struct Locations {
    spans: HashMap<String, Range<usize>>,
}

struct Collector {
    events: Vec<(Event, Marker)>,
}

impl MarkedEventReceiver for Collector {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        self.events.push((ev, mark));
    }
}

impl Locations {
    /// Indexes `source`; a document the event parser rejects yields an empty index.
    pub fn of(source: &str) -> Locations {
        let mut collector = Collector { events: Vec::new() };
        let mut parser = Parser::new_from_str(source);
        if parser.load(&mut collector, false).is_err() {
            return Locations::default();
        }
        // Markers count characters; spans are bytes. In ASCII text they are the same, and
        // the table of character offsets (eight bytes a character) is not built.
        let offsets: Option<Vec<usize>> = (!source.is_ascii()).then(|| {
            source
                .char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(source.len()))
                .collect()
        });
        let mut locations = Locations::default();
        let mut walker = Walker {
            events: &collector.events,
            at: 0,
            offsets: offsets.as_deref(),
            len: source.len(),
            out: &mut locations,
        };
        while walker.at < walker.events.len() {
            if matches!(walker.events[walker.at].0, Event::DocumentStart) {
                walker.at += 1;
                walker.node(String::new());
            } else {
                walker.at += 1;
            }
        }
        locations
    }

    /// The span of the node at `path`, or of its closest recorded ancestor.
    pub fn find(&self, path: &str) -> Option<Range<usize>> {
        let mut path = path;
        loop {
            if let Some(span) = self.spans.get(path) {
                return Some(span.clone());
            }
            path = &path[..path.rfind('/')?];
        }
    }
}

struct Walker<'a> {
    events: &'a [(Event, Marker)],
    at: usize,
    /// Byte offset of each character, or `None` when every character is one byte.
    offsets: Option<&'a [usize]>,
    len: usize,
    out: &'a mut Locations,
}

impl Walker<'_> {
    fn span(&self, mark: Marker, len: usize) -> Range<usize> {
        let byte = |char_index: usize| match self.offsets {
            Some(offsets) => offsets.get(char_index).copied(),
            None => (char_index <= self.len).then_some(char_index),
        };
        let start = byte(mark.index()).unwrap_or(0);
        let end = byte(mark.index() + len).unwrap_or(start);
        start..end.max(start)
    }

    fn node(&mut self, path: String) {
        let Some((event, mark)) = self.events.get(self.at) else {
            return;
        };
        let mark = *mark;
        self.at += 1;
        match event {
            Event::Scalar(text, ..) => {
                let len = text.chars().count().max(1);
                let span = self.span(mark, len);
                self.out.spans.insert(path, span);
            }
            Event::SequenceStart(..) => {
                let span = self.span(mark, 1);
                self.out.spans.insert(path.clone(), span);
                let mut index = 0;
                while let Some((event, _)) = self.events.get(self.at) {
                    if matches!(event, Event::SequenceEnd) {
                        self.at += 1;
                        break;
                    }
                    self.node(join(&path, &index.to_string()));
                    index += 1;
                }
            }
            Event::MappingStart(..) => {
                let span = self.span(mark, 1);
                self.out.spans.insert(path.clone(), span);
                while let Some((event, key_mark)) = self.events.get(self.at) {
                    match event {
                        Event::MappingEnd => {
                            self.at += 1;
                            break;
                        }
                        Event::Scalar(key, ..) => {
                            let key_span = self.span(*key_mark, key.chars().count().max(1));
                            let child = join(&path, key);
                            self.out.spans.insert(format!("{child}:key"), key_span);
                            self.at += 1;
                            self.node(child);
                        }
                        _ => {
                            // A complex key: skip it and its value without recording.
                            self.node(join(&path, "?"));
                            self.node(join(&path, "?"));
                        }
                    }
                }
            }
            _ => {
                let span = self.span(mark, 1);
                self.out.spans.insert(path, span);
            }
        }
    }
}

fn join(path: &str, child: &str) -> String {
    if path.is_empty() {
        child.to_owned()
    } else {
        format!("{path}/{child}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
