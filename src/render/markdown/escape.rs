//! Escaping text for Markdown, so that it shows literally in paragraphs and table cells.

/// Escapes text so Markdown shows it literally, in paragraphs and table cells alike.
///
/// Only what could change the rendering is escaped, so the source stays readable: an
/// underscore inside a word (`labeled_examples`) or a `>` mid-line is left alone.
pub fn escape(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
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
            // `- ` or `+ ` at the start would begin a list item, `1. ` or `2024) ` an ordered one.
            '+' | '-' => i == 0 && after.is_none_or(char::is_whitespace),
            '.' | ')' => {
                i > 0
                    && chars[..i].iter().all(char::is_ascii_digit)
                    && after.is_none_or(char::is_whitespace)
            }
            // Only `&name;` or `&#123;` would be read as an entity.
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

#[cfg(test)]
mod tests {
    use super::escape;

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
