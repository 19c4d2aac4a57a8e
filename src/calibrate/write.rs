//! Writing fitted weights back into rule files: each weight's number is replaced where it
//! stands, so comments, order and layout of the files are kept.

use std::path::Path;

use super::Weights;
use crate::diagnostic::locate::Locations;
use crate::options::{Approach, Strategy};
use crate::rules::effect::to_weight;
use crate::rules::{Rule, RuleBase, RuleFile};

/// A weight as rule files write it: `2`, `-0.5`, `1.25`.
fn weight_text(w: f64) -> String {
    let s = format!("{w:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// The rule's weights as they stand, as the flow map a `hand_set:` key takes.
fn hand_set_text(rule: &Rule) -> String {
    let part = |pairs: Vec<(&str, i64)>| {
        let items: Vec<String> = pairs
            .into_iter()
            .filter(|(_, w)| *w != 0)
            .map(|(k, w)| format!("{k}: {}", weight_text(to_weight(w))))
            .collect();
        (!items.is_empty()).then(|| format!("{{ {} }}", items.join(", ")))
    };
    let strategy = part(
        Strategy::ALL
            .iter()
            .map(|s| (s.name(), rule.effect.strategy[*s]))
            .collect(),
    );
    let approach = part(
        Approach::ALL
            .iter()
            .map(|a| (a.name(), rule.effect.approach[*a]))
            .collect(),
    );
    let parts: Vec<String> = [("strategy", strategy), ("approach", approach)]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| format!("{k}: {v}")))
        .collect();
    format!("{{ {} }}", parts.join(", "))
}

/// The indentation of the keys of rule `j` of a file: the column of its `id` key.
fn key_indent(text: &str, locations: &Locations, j: usize) -> Option<String> {
    let id = locations.find(&format!("rules/{j}/id"))?;
    let line_start = text[..id.start].rfind('\n').map_or(0, |i| i + 1);
    let key = text[line_start..id.start].rfind("id")?;
    Some(" ".repeat(key))
}

/// Where and what to insert to record rule `j`'s hand-set weights: a `hand_set:` line after
/// its last weight, or, for a rule written as one flow mapping (`- { id: x, ... }`), a
/// `hand_set:` entry before the mapping's closing brace.
fn hand_set_edit(
    text: &str,
    locations: &Locations,
    j: usize,
    last_weight: usize,
    rule: &Rule,
) -> Option<(std::ops::Range<usize>, String)> {
    let start = locations.find(&format!("rules/{j}"))?.start;
    if text.get(start..)?.starts_with('{') {
        let close = closing_brace(text, start)?;
        let at = text[..close].trim_end().len();
        return Some((at..at, format!(", hand_set: {}", hand_set_text(rule))));
    }
    let at = text[last_weight..]
        .find('\n')
        .map_or(text.len(), |i| last_weight + i);
    let indent = key_indent(text, locations, j)?;
    Some((
        at..at,
        format!("\n{indent}hand_set: {}", hand_set_text(rule)),
    ))
}

/// The byte offset of the `}` that closes the flow mapping opening at `open`, skipping
/// quoted strings.
fn closing_brace(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut chars = text.get(open..)?.char_indices();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Some('"'), '\\') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '{' | '[') => depth += 1,
            (None, '}' | ']') => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
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
        // The rules calibration fits (with layered files, theirs: a built-in file of the same
        // name is not among the files written).
        let in_file = base
            .rules
            .iter()
            .zip(weights)
            .filter(|(r, _)| r.file == name && super::fit::fits(base, r));
        for (rule, w) in in_file {
            let j = rule.index;
            let mut last_weight = 0;
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
                last_weight = last_weight.max(span.end);
                edits.push((span, weight_text(w[k])));
            }
            let changed = super::fit::score_weights(&rule.effect)
                .iter()
                .zip(w)
                .any(|(now, fitted)| (now - fitted).abs() > 1e-9);
            if rule.hand_set.is_none() && changed {
                edits.push(
                    hand_set_edit(text, &locations, j, last_weight, rule)
                        .ok_or_else(|| format!("{name}: cannot find the id of rules/{j}"))?,
                );
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

    /// The built-in sources and strategies, and `rules` as `r.yaml`: the smallest rule set.
    fn with_rule_file(rules: &str) -> Vec<RuleFile> {
        let file = |path: &str, bytes: &[u8]| RuleFile {
            path: path.into(),
            bytes: bytes.to_vec(),
        };
        vec![
            file("sources.yaml", include_bytes!("../../rules/sources.yaml")),
            file(
                "strategies.yaml",
                include_bytes!("../../rules/strategies.yaml"),
            ),
            file("r.yaml", rules.as_bytes()),
        ]
    }

    #[test]
    fn a_changed_rule_keeps_its_hand_set_weights_once() {
        let rules = "rules:\n  - id: prior\n    summary: s\n    source: dida-strategies\n    \
                     strategy: { A: 1, C: -0.5 }\n    explanation: e\n";
        let mut files = with_rule_file(rules);
        let base = crate::rules::from_files(&files).unwrap();
        let mut weights = super::super::prior(&base);
        weights[0][0] = 2.25;
        let texts = rewrite(&base, &files, &weights).unwrap();
        let text = &texts[2].1;
        assert!(
            text.contains(
                "strategy: { A: 2.25, C: -0.5 }\n    hand_set: { strategy: { A: 1, C: -0.5 } }\n"
            ),
            "{text}"
        );
        // The fitted file starts its next fit from the hand-set weights, and writing the same
        // weights again changes nothing.
        files[2].bytes = text.clone().into_bytes();
        let fitted = crate::rules::from_files(&files).unwrap();
        assert!((super::super::prior(&fitted)[0][0] - 1.0).abs() < 1e-12);
        let again = rewrite(&fitted, &files, &weights).unwrap();
        assert_eq!(&again[2].1, text);
    }

    #[test]
    #[allow(clippy::float_cmp)] // a weight that is not fitted is not touched at all
    fn a_layered_calibration_fits_and_writes_only_the_layered_rules() {
        // An added rule first, then one that replaces a built-in rule (which keeps the
        // built-in rule's place in the rule base, far from the added one).
        let rules = "rules:\n  - id: our-own-rule\n    summary: s\n    source: public-practice\n    \
                     strategy: { A: 1 }\n    explanation: e\n  \
                     - id: secret-data-stays-inside\n    summary: s\n    source: dida-strategies\n    \
                     strategy: { C: 3 }\n    explanation: e\n";
        let files = [RuleFile {
            path: "mine/ours.yaml".into(),
            bytes: rules.as_bytes().to_vec(),
        }];
        let base = crate::rules::over_built_in(&files).unwrap_or_else(|e| panic!("{e}"));
        let base_cases = crate::rules::built_in().unwrap();
        let cases = crate::cases::built_in(&base_cases).unwrap();
        let all: Vec<&crate::cases::Case> = cases.iter().collect();
        let sample = super::super::Sample {
            fitted: &all,
            kept: &[],
        };
        let settings = super::super::Settings {
            iterations: 50,
            ..super::super::Settings::default()
        };
        let weights = super::super::fit::fit(&base, sample, settings);
        for ((rule, w), w0) in base
            .rules
            .iter()
            .zip(&weights)
            .zip(super::super::prior(&base))
        {
            if rule.origin == crate::rules::Origin::BuiltIn {
                assert_eq!(
                    w,
                    &super::super::fit::score_weights(&rule.effect),
                    "{}",
                    rule.id
                );
                assert_eq!(w, &w0, "{}", rule.id);
            }
        }
        let mut weights = super::super::prior(&base);
        let at = |id: &str| base.rules.iter().position(|r| r.id == id).unwrap();
        weights[at("our-own-rule")][0] = 1.5;
        weights[at("secret-data-stays-inside")][2] = 4.0;
        let texts = rewrite(&base, &files, &weights).unwrap();
        assert_eq!(texts.len(), 1);
        let text = &texts[0].1;
        assert!(
            text.contains("strategy: { A: 1.5 }\n    hand_set: { strategy: { A: 1 } }\n"),
            "{text}"
        );
        assert!(
            text.contains("strategy: { C: 4 }\n    hand_set: { strategy: { C: 3 } }\n"),
            "{text}"
        );
    }

    #[test]
    fn a_rule_written_as_one_flow_mapping_gets_its_hand_set_inside_it() {
        let rules = "rules:\n  - { id: prior, summary: \"s {x}\", source: dida-strategies, \
                     strategy: { A: 1, C: -0.5 }, explanation: e }\n";
        let mut files = with_rule_file(rules);
        let base = crate::rules::from_files(&files).unwrap();
        let mut weights = super::super::prior(&base);
        weights[0][0] = 2.25;
        let text = rewrite(&base, &files, &weights).unwrap()[2].1.clone();
        assert!(
            text.ends_with(
                "strategy: { A: 2.25, C: -0.5 }, explanation: e, hand_set: { strategy: { A: 1, C: -0.5 } } }\n"
            ),
            "{text}"
        );
        files[2].bytes = text.into_bytes();
        let fitted = crate::rules::from_files(&files).unwrap_or_else(|e| panic!("{e:#}"));
        assert!((super::super::prior(&fitted)[0][0] - 1.0).abs() < 1e-12);
    }
}
