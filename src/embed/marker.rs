//! What one line of a Markdown document means to embedding: a region marker (well formed or
//! not), a code fence, or text. A marker line indented by four columns or more is text: as in
//! `CommonMark`, such a line cannot start an HTML block.

/// A marker line's meaning.
#[derive(Debug, PartialEq)]
pub(super) enum Marker<'a> {
    /// `<!-- llm-strategy:begin NAME OPTIONS -->`; the options are the words after the name.
    Begin { name: &'a str, options: &'a str },
    /// `<!-- llm-strategy:end NAME -->`.
    End(&'a str),
    /// A comment line that starts like a marker but is not one (`llm-strategy:beginbank`,
    /// a begin marker without a name): from `llm-strategy:` to the first space, and what
    /// is wrong.
    Malformed { word: &'a str, problem: String },
}

/// What the line `line` (without its line ending) means, if it is a marker line.
pub(super) fn marker(line: &str) -> Option<Marker<'_>> {
    if indentation(line) > 3 {
        return None;
    }
    let inner = line
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    let rest = inner.strip_prefix("llm-strategy:")?;
    let (keyword, words) = if let Some(words) = rest.strip_prefix("begin") {
        ("begin", words)
    } else if let Some(words) = rest.strip_prefix("end") {
        ("end", words)
    } else {
        return None;
    };
    if !words.starts_with(char::is_whitespace) {
        let problem = if words.is_empty() {
            format!("`{keyword}` needs the region's name after it")
        } else {
            format!("put a space between `{keyword}` and the region's name")
        };
        let start = line.find("llm-strategy:").unwrap_or_default();
        let word = line[start..].split_whitespace().next().unwrap_or_default();
        return Some(Marker::Malformed { word, problem });
    }
    let words = words.trim();
    if keyword == "end" {
        return Some(Marker::End(words));
    }
    // Without options, an empty slice at the end of the name, so it still has an offset.
    let (name, options) = words
        .split_once(char::is_whitespace)
        .unwrap_or((words, &words[words.len()..]));
    Some(Marker::Begin {
        name,
        options: options.trim_start(),
    })
}

/// How many columns of indentation `line` has, a tab reaching the next multiple of four.
fn indentation(line: &str) -> usize {
    let mut columns = 0;
    for c in line.chars() {
        match c {
            ' ' => columns += 1,
            '\t' => columns += 4 - columns % 4,
            _ => break,
        }
    }
    columns
}

/// A fence line: its character, its length, and whether an info string follows (a line
/// with one can open a fence but never close it).
pub(super) fn fence(line: &str) -> Option<(char, usize, bool)> {
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
    fn a_keyword_run_into_the_name_or_without_a_name_is_malformed() {
        for (line, word) in [
            ("<!-- llm-strategy:beginbank -->", "llm-strategy:beginbank"),
            ("<!-- llm-strategy:endbank -->", "llm-strategy:endbank"),
            ("<!-- llm-strategy:begin -->", "llm-strategy:begin"),
            ("<!--llm-strategy:end-->", "llm-strategy:end-->"),
        ] {
            assert!(
                matches!(marker(line), Some(Marker::Malformed { word: w, .. }) if w == word),
                "{line}: {:?}",
                marker(line)
            );
        }
    }
}
