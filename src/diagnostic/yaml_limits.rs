//! The limits every YAML input is checked against before serde reads it: how deep lists and
//! mappings nest, and how many nodes aliases repeat. Both are checked in one pass over the
//! parser's events, in time linear in the file; the parser behind serde takes time quadratic
//! in the nesting depth, and expands aliases into trees exponential in the file's size.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

use super::Diagnostic;
use super::lines::count;
use crate::number::format_number;

/// How deep lists and mappings may nest in a YAML input (rule files need about ten levels).
pub const MOST_DEPTH: usize = 64;

/// How many nodes the aliases (`*name`) of one YAML input may repeat in all.
pub const MOST_REPEATED: u64 = 10_000;

/// A nested list or mapping being read: its anchor and its size with aliases expanded.
struct Open {
    anchor: usize,
    nodes: u64,
}

/// The first limit `text` goes over, as a problem at the place it does; `None` when it keeps
/// within both, or when the event parser rejects it (serde then says why, in its words).
pub(super) fn check(text: &str) -> Option<Diagnostic> {
    match pass(text, |_, _| {}) {
        Pass::Over(problem) => Some(problem),
        Pass::Within | Pass::Unparsed => None,
    }
}

/// What one pass over the events of a YAML input found.
pub(super) enum Pass {
    /// Every event was read, within both limits.
    Within,
    /// The first limit the input goes over, as a problem at the place it does.
    Over(Diagnostic),
    /// The event parser rejected the input (serde then says why, in its words).
    Unparsed,
}

/// Reads the events of `text`, handing each to `visit` after checking it against the limits,
/// and stops at the first limit it goes over.
pub(super) fn pass(text: &str, mut visit: impl FnMut(Event, Marker)) -> Pass {
    let mut parser = Parser::new_from_str(text);
    let mut open: Vec<Open> = Vec::new();
    // Nodes under each finished anchor, with aliases expanded; u64::MAX while still open.
    let mut anchors: HashMap<usize, u64> = HashMap::new();
    let mut repeated: u64 = 0;
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(next) => next,
            Err(e) if e.info().contains("recursion limit") => {
                return Pass::Over(too_deep(text, *e.marker()));
            }
            Err(_) => return Pass::Unparsed,
        };
        count(1);
        let nodes = match &event {
            Event::StreamEnd => return Pass::Within,
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if open.len() >= MOST_DEPTH {
                    return Pass::Over(too_deep(text, mark));
                }
                if *anchor > 0 {
                    anchors.insert(*anchor, u64::MAX);
                }
                open.push(Open {
                    anchor: *anchor,
                    nodes: 1,
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => open.pop().map(|done| {
                if done.anchor > 0 {
                    anchors.insert(done.anchor, done.nodes);
                }
                done.nodes
            }),
            Event::Scalar(_, _, anchor, _) => {
                if *anchor > 0 {
                    anchors.insert(*anchor, 1);
                }
                Some(1)
            }
            Event::Alias(anchor) => {
                // An alias of an unknown anchor is serde's to report.
                let nodes = anchors.get(anchor).copied().unwrap_or(0);
                repeated = repeated.saturating_add(nodes);
                if repeated > MOST_REPEATED {
                    return Pass::Over(too_many_repeated(text, mark, nodes));
                }
                Some(nodes)
            }
            _ => None,
        };
        if let (Some(nodes), Some(parent)) = (nodes, open.last_mut()) {
            parent.nodes = parent.nodes.saturating_add(nodes);
        }
        visit(event, mark);
    }
}

/// The byte offset of a marker, which counts characters.
fn offset(text: &str, mark: Marker) -> usize {
    text.char_indices()
        .nth(mark.index())
        .map_or(text.len(), |(i, _)| i)
}

fn too_deep(text: &str, mark: Marker) -> Diagnostic {
    let at = offset(text, mark);
    Diagnostic::at(
        at..at + 1,
        format!("lists and mappings nest more than {MOST_DEPTH} levels deep"),
    )
    .note(format!(
        "allowed: at most {MOST_DEPTH} levels of nested lists and mappings"
    ))
}

fn too_many_repeated(text: &str, mark: Marker, nodes: u64) -> Diagnostic {
    let at = offset(text, mark);
    let name: String = text[at..]
        .chars()
        .skip(1)
        .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ']' | '}'))
        .take(40)
        .collect();
    let size = if nodes == u64::MAX {
        "the anchor it is inside, without end".to_owned()
    } else {
        format!("{} nodes", format_number(nodes as f64))
    };
    Diagnostic::at(
        at..at + 1 + name.len(),
        format!(
            "the alias *{name} repeats {size}, and the file's aliases more than {} in all",
            format_number(MOST_REPEATED as f64)
        ),
    )
    .note(format!(
        "allowed: aliases (*name) that repeat at most {} nodes in all; write the entries out instead",
        format_number(MOST_REPEATED as f64)
    ))
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    #[test]
    fn ordinary_files_pass() {
        assert!(check("a: [1, {b: 2}]\nc: &x [1, 2]\nd: *x\n").is_none());
        assert!(
            check("a: [1,\n").is_none(),
            "syntax errors are serde's to report"
        );
    }

    #[test]
    fn deep_nesting_is_refused_where_it_goes_too_deep() {
        let text = format!("rules: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let d = check(&text).unwrap();
        assert!(d.message.contains("more than 64 levels"), "{}", d.message);
        let deep = format!("rules: {}{}\n", "[".repeat(64), "]".repeat(64));
        assert!(check(&deep).unwrap().message.contains("64 levels"));
        let fine = format!("rules: {}{}\n", "[".repeat(63), "]".repeat(63));
        assert!(check(&fine).is_none());
    }

    #[test]
    fn an_alias_bomb_is_refused_at_the_alias() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for k in 1..9 {
            let refs = vec![format!("*a{}", k - 1); 9].join(", ");
            let _ = writeln!(text, "a{k}: &a{k} [{refs}]");
        }
        let d = check(&text).unwrap();
        assert!(d.message.starts_with("the alias *a"), "{}", d.message);
        assert!(
            d.message.contains("more than 10,000 in all"),
            "{}",
            d.message
        );
    }
}
