//! Writing fitted weights back into rule files: each weight's number is replaced where it
//! stands, so comments, order and layout of the files are kept.

use std::path::Path;

use super::Weights;
use crate::diagnostic::locate::Locations;
use crate::options::{Approach, Strategy};
use crate::rules::{RuleBase, RuleFile};

/// A weight as rule files write it: `2`, `-0.5`, `1.25`.
fn weight_text(w: f64) -> String {
    let s = format!("{w:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// The text of each rule file with the rules' weights replaced by `weights` (in rule-base
/// order), or the file's path and what could not be found.
pub fn rewrite(
    base: &RuleBase,
    files: &[RuleFile],
    weights: &Weights,
) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for file in files {
        let name = file.path.display().to_string();
        let text = std::str::from_utf8(&file.bytes).map_err(|e| format!("{name}: {e}"))?;
        let locations = Locations::of(text);
        let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
        let in_file = base
            .rules
            .iter()
            .zip(weights)
            .filter(|(r, _)| r.file == name);
        for (j, (rule, w)) in in_file.enumerate() {
            let keys = Strategy::ALL
                .iter()
                .map(|s| ("strategy", s.name(), rule.effect.strategy[*s]))
                .chain(
                    Approach::ALL
                        .iter()
                        .map(|a| ("approach", a.name(), rule.effect.approach[*a])),
                );
            for (k, (section, key, prior)) in keys.enumerate() {
                if prior == 0 {
                    continue;
                }
                let path = format!("rules/{j}/{section}/{key}");
                let span = locations
                    .find(&path)
                    .filter(|s| {
                        text.get(s.clone())
                            .is_some_and(|v| v.trim().parse::<f64>().is_ok())
                    })
                    .ok_or_else(|| format!("{name}: cannot find the weight at {path}"))?;
                edits.push((span, weight_text(w[k])));
            }
        }
        edits.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
        let mut text = text.to_owned();
        for (span, value) in edits {
            text.replace_range(span, &value);
        }
        let file_name = Path::new(&name)
            .file_name()
            .map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned());
        out.push((file_name, text));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_read_as_rule_files_write_them() {
        assert_eq!(weight_text(2.0), "2");
        assert_eq!(weight_text(-0.5), "-0.5");
        assert_eq!(weight_text(1.25), "1.25");
    }

    #[test]
    fn rewriting_with_the_prior_changes_nothing() {
        let files = crate::rules::built_in_files();
        let base = crate::rules::built_in().unwrap();
        let texts = rewrite(&base, &files, &super::super::prior(&base)).unwrap();
        for ((_, text), file) in texts.iter().zip(&files) {
            let original = std::str::from_utf8(&file.bytes).unwrap();
            // Only number spellings may differ (1.0 vs 1); parse both and compare rules.
            assert_eq!(text.lines().count(), original.lines().count());
        }
        let rebuilt: Vec<RuleFile> = texts
            .iter()
            .zip(&files)
            .map(|((_, text), f)| RuleFile {
                path: f.path.clone(),
                bytes: text.clone().into_bytes(),
            })
            .collect();
        let again = crate::rules::from_files(&rebuilt).unwrap();
        assert_eq!(super::super::prior(&again), super::super::prior(&base));
    }
}
