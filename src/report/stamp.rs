//! The reproducibility stamp: which tool, rules, pricing and answers a report was computed
//! from, so a reader can tell whether two reports are comparable and which input changed.

use serde::Serialize;

use crate::answers::{Answer, Answers, Spread};
use crate::questions::QuestionId;
use crate::rules::{Digest, RuleBase};

/// What a report was computed from. Two runs on the same inputs carry the same stamp; a change
/// to the rules, the pricing or any answer changes its digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stamp {
    /// The tool's version.
    pub version: &'static str,
    /// Digest of the rule files (names and bytes), 12 hex digits.
    pub rules: String,
    /// The date of the newest price in the pricing, `YYYY-MM-DD`.
    pub pricing_date: Option<String>,
    /// Digest of the pricing file (and of an imported catalogue).
    pub pricing: String,
    /// Digest of the answers: the scenario's name and description, every answer, and the
    /// `[cost]` choices. Comments and layout of the file do not count.
    pub answers: String,
}

impl Stamp {
    /// The stamp of one scenario assessed with `base`.
    pub fn of(base: &RuleBase, answers: &Answers) -> Self {
        Self::with_answers(base, answers_digest(answers))
    }

    /// The stamp of several scenarios compared with `base`: the answers digest covers them
    /// all, in order.
    pub fn of_all(base: &RuleBase, scenarios: &[Answers]) -> Self {
        let each: Vec<String> = scenarios
            .iter()
            .map(|a| answers_digest(a).to_string())
            .collect();
        Self::with_answers(base, Digest::of(each.iter().map(String::as_bytes)))
    }

    fn with_answers(base: &RuleBase, answers: Digest) -> Self {
        Stamp {
            version: env!("CARGO_PKG_VERSION"),
            rules: base.identity.rules.to_string(),
            pricing_date: base.pricing.newest().map(str::to_owned),
            pricing: base.identity.pricing.to_string(),
            answers: answers.to_string(),
        }
    }

    /// One line for a report's footer.
    pub fn line(&self) -> String {
        format!(
            "llm-strategy {} · rules {} · pricing {} as of {} · answers {}",
            self.version,
            self.rules,
            self.pricing,
            self.pricing_date.as_deref().unwrap_or("an unknown date"),
            self.answers
        )
    }
}

/// The digest of everything in an answers file that can change a report.
fn answers_digest(answers: &Answers) -> Digest {
    let mut parts: Vec<Vec<u8>> = vec![
        answers.name.as_bytes().to_vec(),
        answers
            .description
            .as_deref()
            .unwrap_or("")
            .as_bytes()
            .to_vec(),
    ];
    for (id, answer) in QuestionId::all().zip(answers.values()) {
        let mut part = id.name().as_bytes().to_vec();
        match answer {
            None => part.push(0),
            Some(Answer::Level(l)) => part.extend([1, *l]),
            Some(Answer::Number(n)) => {
                part.push(2);
                part.extend(n.to_bits().to_le_bytes());
            }
        }
        // An uncertain answer adds its range or candidates; a single value adds nothing, so
        // the digest of a file without uncertain answers is what it always was.
        match answers.spread(id) {
            None => {}
            Some(Spread::Levels(mask)) => {
                part.push(3);
                part.extend(mask.to_le_bytes());
            }
            Some(Spread::Range { low, likely, high }) => {
                part.push(4);
                for v in [low, likely.unwrap_or(f64::NAN), high] {
                    part.extend(v.to_bits().to_le_bytes());
                }
            }
        }
        parts.push(part);
    }
    parts.push(answers.cost.tier.unwrap_or("").as_bytes().to_vec());
    parts.push(answers.cost.size_class.unwrap_or("").as_bytes().to_vec());
    Digest::of(parts.iter().map(Vec::as_slice))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers;
    use std::path::Path;

    const BANK: &str = "[data]\nsensitivity = \"regulated\"\nlabeled_examples = 2_000\n\
        [team]\nml_talent = \"basic\"\n[budget]\nannual_usd = 400_000\n\
        [traffic]\nrequests_per_day = 20_000\n[requirements]\ncustomization = \"knowledge\"\n";

    fn stamp(text: &str) -> Stamp {
        let base = crate::rules::built_in().expect("built-in rules");
        let answers = answers::parse_text(Path::new("bank.toml"), text).expect("valid");
        Stamp::of(&base, &answers)
    }

    #[test]
    fn the_same_inputs_give_the_same_stamp() {
        assert_eq!(stamp(BANK), stamp(BANK));
        // Comments and layout are not inputs.
        let commented = format!("# a comment\n\n{BANK}");
        assert_eq!(stamp(BANK), stamp(&commented));
    }

    #[test]
    fn any_answer_changes_the_answers_digest_only() {
        let base = stamp(BANK);
        for changed in [
            BANK.replace("2_000", "2_001"),
            BANK.replace("\"basic\"", "\"expert\""),
            format!("{BANK}latency = \"batch\"\n"),
            format!("[scenario]\nname = \"Other\"\n{BANK}"),
            format!("{BANK}[cost]\ntier = \"frontier\"\n"),
        ] {
            let other = stamp(&changed);
            assert_ne!(other.answers, base.answers, "{changed}");
            assert_eq!(
                (&other.rules, &other.pricing, &other.pricing_date),
                (&base.rules, &base.pricing, &base.pricing_date)
            );
        }
    }

    #[test]
    fn the_line_names_every_part() {
        let s = stamp(BANK);
        let line = s.line();
        for part in [&s.rules, &s.pricing, &s.answers] {
            assert!(line.contains(part.as_str()), "{line}");
        }
        assert!(line.contains(env!("CARGO_PKG_VERSION")));
        assert_eq!(s.rules.len(), 12);
    }
}
