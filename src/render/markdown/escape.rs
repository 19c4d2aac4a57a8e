//! Escaping text for Markdown, so that it shows literally in paragraphs and table cells.

/// Escapes text so Markdown shows it literally, in paragraphs and table cells alike.
///
/// Only what could change the rendering is escaped, so the source stays readable: an
/// underscore inside a word (`labeled_examples`) or a `>` mid-line is left alone.
pub fn escape(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 8);
    let mut copied = 0;
    // Every character that may need a backslash (and the line break) is ASCII, so the text is
    // scanned byte by byte and copied in runs between them.
    for (i, &b) in bytes.iter().enumerate() {
        let before = || text[..i].chars().next_back();
        let after = || text[i + 1..].chars().next();
        let special = match b {
            b'\\' | b'`' | b'*' | b'[' | b']' | b'<' | b'|' | b'~' | b'#' => true,
            b'_' => {
                !(before().is_some_and(char::is_alphanumeric)
                    && after().is_some_and(char::is_alphanumeric))
            }
            b'>' | b'=' => i == 0,
            // `- ` or `+ ` at the start would begin a list item, `1. ` or `2024) ` an ordered one.
            b'+' | b'-' => i == 0 && after().is_none_or(char::is_whitespace),
            b'.' | b')' => {
                i > 0
                    && bytes[..i].iter().all(u8::is_ascii_digit)
                    && after().is_none_or(char::is_whitespace)
            }
            // Only `&name;` or `&#123;` would be read as an entity.
            b'&' => {
                let run = bytes[i + 1..]
                    .iter()
                    .take_while(|x| x.is_ascii_alphanumeric() || **x == b'#')
                    .count();
                run > 0 && bytes.get(i + 1 + run) == Some(&b';')
            }
            b'!' => bytes.get(i + 1) == Some(&b'['),
            b'\n' => {
                out.push_str(&text[copied..i]);
                out.push(' ');
                copied = i + 1;
                false
            }
            _ => false,
        };
        if special {
            out.push_str(&text[copied..i]);
            out.push('\\');
            copied = i;
        }
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::escape;
    use proptest::prelude::*;

    /// The first, character-by-character form of [`escape`], kept as its reference.
    fn by_chars(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
            let after = chars.get(i + 1).copied();
            let special = match c {
                '\\' | '`' | '*' | '[' | ']' | '<' | '|' | '~' | '#' => true,
                '_' => {
                    !(before.is_some_and(char::is_alphanumeric)
                        && after.is_some_and(char::is_alphanumeric))
                }
                '>' | '=' => i == 0,
                '+' | '-' => i == 0 && after.is_none_or(char::is_whitespace),
                '.' | ')' => {
                    i > 0
                        && chars[..i].iter().all(char::is_ascii_digit)
                        && after.is_none_or(char::is_whitespace)
                }
                '&' => {
                    let run = chars[i + 1..]
                        .iter()
                        .take_while(|x| x.is_ascii_alphanumeric() || **x == '#')
                        .count();
                    run > 0 && chars.get(i + 1 + run) == Some(&';')
                }
                '!' => after == Some('['),
                _ => false,
            };
            if special {
                out.push('\\');
            }
            out.push(if c == '\n' { ' ' } else { c });
        }
        out
    }

    proptest! {
        #[test]
        fn escapes_as_the_character_by_character_form(
            text in "[a-z0-9é_ß\\\\`*\\[\\]<>|~#=+\\-.)&;!\n ]{0,24}"
        ) {
            prop_assert_eq!(escape(&text), by_chars(&text));
        }
    }

    #[test]
    fn escapes_what_markdown_would_interpret() {
        assert_eq!(escape("a | b"), "a \\| b");
        assert_eq!(escape("*bold* <b>"), "\\*bold\\* \\<b>");
        assert_eq!(escape("_x_ and snake_case"), "\\_x\\_ and snake_case");
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("bot #"), "bot \\#");
        assert_eq!(escape("2024. A year"), "2024\\. A year");
        assert_eq!(escape("1) first, 2.5 later"), "1\\) first, 2.5 later");
        assert_eq!(escape("a -> b, R&D, &amp;"), "a -> b, R&D, \\&amp;");
        assert_eq!(
            escape("back\\slash `code` ![img]"),
            "back\\\\slash \\`code\\` \\!\\[img\\]"
        );
    }
}
