//! The rules engine: pure, deterministic evaluation of a rule base against one scenario.
//!
//! Scores are sums of the weights of fired rules, added in exact hundredths so that no order of
//! addition can change a ranking or hide a tie. The recommendation is the allowed pair
//! (see [`PAIRS`]) with the highest strategy score plus approach score among the pairs no
//! fired rule excludes; ties go to the pair listed first in [`PAIRS`], the simpler one.

use crate::answers::Answers;
use crate::matrix::MATRIX_MAX;
use crate::options::{PAIRS, Pair, PerApproach, PerStrategy};
use crate::rules::Facts;
use crate::rules::{RuleBase, Sums, Truth};

pub mod compiled;

pub use compiled::{Evaluator, Outcome};

/// What the rules say about one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// For each rule of the rule base, in order, whether its condition held.
    pub fired: Vec<bool>,
    /// Strategy scores.
    pub strategy: PerStrategy<f64>,
    /// Approach scores.
    pub approach: PerApproach<f64>,
    /// Control and complexity, clamped to `0..=10`.
    pub matrix: [f64; 2],
    /// Strategies some fired rule excluded.
    pub excluded_strategy: PerStrategy<bool>,
    /// Approaches some fired rule excluded.
    pub excluded_approach: PerApproach<bool>,
    /// Every allowed pair with its score, best first; excluded pairs are not listed.
    pub ranking: Vec<(Pair, f64)>,
    /// True when exclusions ruled out every pair; the ranking then ignores exclusions.
    pub conflict: bool,
    /// The cost facts the rules were evaluated with.
    pub facts: Facts,
    /// Strategy and approach scores in hundredths, as they were summed.
    hundredths: (PerStrategy<i64>, PerApproach<i64>),
}

use crate::rules::effect::to_weight as to_score;

impl Evaluation {
    /// The recommended pair.
    pub fn recommendation(&self) -> Pair {
        self.ranking[0].0
    }

    /// The second-best pair and its score, when there is one.
    pub fn runner_up(&self) -> Option<(Pair, f64)> {
        self.ranking.get(1).copied()
    }

    /// Score of a pair in hundredths, as summed.
    pub fn pair_score_hundredths(&self, pair: Pair) -> i64 {
        self.hundredths.0[pair.strategy] + self.hundredths.1[pair.approach]
    }

    /// Score of a pair: its strategy's score plus its approach's score.
    pub fn pair_score(&self, pair: Pair) -> f64 {
        to_score(self.hundredths.0[pair.strategy] + self.hundredths.1[pair.approach])
    }
}

/// The pair the rules would recommend had rule `extra` fired as well, every other rule
/// firing as it did in `eval`: how `--explain` finds the unfired rules that matter.
pub fn recommendation_with(base: &RuleBase, eval: &Evaluation, extra: usize) -> Pair {
    let mut sums = Sums::default();
    for (i, rule) in base.rules.iter().enumerate() {
        if eval.fired[i] || i == extra {
            rule.effect.add_to(&mut sums);
        }
    }
    rank(&sums).0[0].0
}

/// Ranks the pairs the sums allow, best first, in hundredths; when exclusions rule out every
/// pair, ranks them all and says so.
fn rank(sums: &Sums) -> (Vec<(Pair, i64)>, bool) {
    let score = |p: &Pair| sums.strategy[p.strategy] + sums.approach[p.approach];
    let allowed =
        |p: &&Pair| !sums.excluded_strategy[p.strategy] && !sums.excluded_approach[p.approach];
    let mut ranking: Vec<(Pair, i64)> = PAIRS
        .iter()
        .filter(allowed)
        .map(|p| (*p, score(p)))
        .collect();
    let conflict = ranking.is_empty();
    if conflict {
        ranking = PAIRS.iter().map(|p| (*p, score(p))).collect();
    }
    // Stable sort keeps PAIRS order among equal scores: the documented tie-break.
    ranking.sort_by_key(|p| std::cmp::Reverse(p.1));
    (ranking, conflict)
}

/// Evaluates every rule against the scenario and ranks the allowed pairs.
pub fn evaluate(base: &RuleBase, answers: &Answers) -> Evaluation {
    evaluate_with_facts(base, answers, base.facts(answers))
}

/// Evaluates every rule against the scenario with cost facts already estimated.
pub fn evaluate_with_facts(base: &RuleBase, answers: &Answers, facts: Facts) -> Evaluation {
    let mut fired = Vec::with_capacity(base.rules.len());
    let mut sums = Sums::default();
    for rule in &base.rules {
        let on = rule.when.eval(answers, &facts) == Truth::True;
        fired.push(on);
        if on {
            rule.effect.add_to(&mut sums);
        }
    }
    Evaluation::from_sums(fired, sums, facts)
}

impl Evaluation {
    /// The evaluation whose fired rules added up to `sums`.
    fn from_sums(fired: Vec<bool>, sums: Sums, facts: Facts) -> Evaluation {
        let (ranking, conflict) = rank(&sums);
        let Sums {
            strategy,
            approach,
            matrix,
            excluded_strategy,
            excluded_approach,
        } = sums;
        Evaluation {
            fired,
            strategy: PerStrategy(strategy.0.map(to_score)),
            approach: PerApproach(approach.0.map(to_score)),
            hundredths: (strategy, approach),
            matrix: matrix.map(|v| v.clamp(0.0, MATRIX_MAX)),
            excluded_strategy,
            excluded_approach,
            ranking: ranking.into_iter().map(|(p, s)| (p, to_score(s))).collect(),
            conflict,
            facts,
        }
    }
}

#[cfg(test)]
// Scores are sums of small binary fractions, so exact comparison is intended.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;
    use crate::answers::Answer;
    use crate::options::{Approach, Strategy};
    use crate::questions::{COUNT, QuestionId};
    use crate::rules::{RuleFile, from_files};

    const DESCRIPTIONS: &str = r"
sources:
  - { id: s, title: T, publisher: P }
strategies:
  - { id: A, name: a, summary: a, region: [0, 3], source: s }
  - { id: B, name: b, summary: b, region: [3, 5], source: s }
  - { id: C, name: c, summary: c, region: [5, 7.5], source: s }
  - { id: D, name: d, summary: d, region: [7.5, 10], source: s }
approaches:
  - { id: prompting, name: p, summary: p, fits: p, source: s }
  - { id: rag, name: r, summary: r, fits: r, source: s }
  - { id: fine-tune, name: f, summary: f, fits: f, source: s }
  - { id: train, name: t, summary: t, fits: t, source: s }
";

    fn base(rules: &str) -> RuleBase {
        let files = [
            RuleFile {
                path: "d.yaml".into(),
                bytes: DESCRIPTIONS.as_bytes().to_vec(),
            },
            RuleFile {
                path: "r.yaml".into(),
                bytes: format!("rules:\n{rules}").into_bytes(),
            },
        ];
        from_files(&files).unwrap_or_else(|e| panic!("{e}"))
    }

    fn q(name: &str) -> QuestionId {
        QuestionId::from_name(name).unwrap()
    }

    fn scenario(set: &[(&str, Answer)]) -> Answers {
        let mut answers = Answers::new("t", [None; COUNT]);
        for (name, a) in set {
            answers.set(q(name), Some(*a));
        }
        answers
    }

    fn pair(strategy: Strategy, approach: Approach) -> Pair {
        Pair { strategy, approach }
    }

    #[test]
    fn ties_go_to_the_simpler_pair() {
        let b = base(
            "  - { id: flat, summary: s, source: s, explanation: e, strategy: { A: 1, C: 1 } }\n",
        );
        let e = evaluate(&b, &scenario(&[]));
        assert_eq!(e.recommendation(), pair(Strategy::A, Approach::Prompting));
        assert_eq!(e.runner_up().unwrap().0, pair(Strategy::A, Approach::Rag));
    }

    #[test]
    fn scores_are_sums_of_fired_weights_and_pick_the_best_pair() {
        let b = base(
            "  - { id: one, summary: s, source: s, explanation: e, strategy: { C: 2 }, approach: { rag: 1 } }\n  - { id: two, summary: s, source: s, explanation: e, when: { question: team.ml_talent, is: expert }, strategy: { C: 5 } }\n  - { id: three, summary: s, source: s, explanation: e, approach: { rag: 0.5, train: 3 }, matrix: { control: 4, complexity: 12 } }\n",
        );
        let e = evaluate(&b, &scenario(&[("team.ml_talent", Answer::Level(1))]));
        assert_eq!(e.fired, vec![true, false, true]);
        assert_eq!(e.strategy[Strategy::C], 2.0);
        assert_eq!(e.approach[Approach::Rag], 1.5);
        assert_eq!(e.approach[Approach::Train], 3.0);
        // D/train scores 3, C/rag 3.5.
        assert_eq!(e.recommendation(), pair(Strategy::C, Approach::Rag));
        assert_eq!(e.pair_score(e.recommendation()), 3.5);
        assert_eq!(e.matrix, [4.0, MATRIX_MAX]);
    }

    #[test]
    fn recommendation_with_adds_one_unfired_rule_to_the_fired_ones() {
        let b = base(
            "  - { id: love-a, summary: s, source: s, explanation: e, strategy: { A: 3 } }\n  - { id: expert-c, summary: s, source: s, explanation: e, when: { question: team.ml_talent, is: expert }, strategy: { C: 5 } }\n  - { id: expert-d, summary: s, source: s, explanation: e, when: { question: team.ml_talent, is: expert }, strategy: { D: 2 } }\n  - id: no-c\n    summary: s\n    source: s\n    explanation: e\n    when: { question: team.ml_talent, is: expert }\n    exclude: { strategies: [A], reason: r }\n",
        );
        let e = evaluate(&b, &scenario(&[("team.ml_talent", Answer::Level(1))]));
        assert_eq!(e.fired, vec![true, false, false, false]);
        assert_eq!(e.recommendation().strategy, Strategy::A);
        // C +5 beats A +3; D +2 does not; excluding A leaves B (0) first among the rest.
        assert_eq!(recommendation_with(&b, &e, 1).strategy, Strategy::C);
        assert_eq!(recommendation_with(&b, &e, 2).strategy, Strategy::A);
        assert_eq!(recommendation_with(&b, &e, 3).strategy, Strategy::B);
        // A rule that already fired changes nothing.
        assert_eq!(recommendation_with(&b, &e, 0), e.recommendation());
    }

    #[test]
    fn exclusions_remove_pairs_even_when_they_score_highest() {
        let b = base(
            "  - { id: love-a, summary: s, source: s, explanation: e, strategy: { A: 10 } }\n  - id: secret\n    summary: s\n    source: s\n    explanation: e\n    when: { question: data.sensitivity, is: secret }\n    exclude: { strategies: [A, B], reason: stays inside }\n",
        );
        let secret = scenario(&[("data.sensitivity", Answer::Level(4))]);
        let e = evaluate(&b, &secret);
        assert!(e.excluded_strategy[Strategy::A] && e.excluded_strategy[Strategy::B]);
        assert_eq!(e.recommendation().strategy, Strategy::C);
        assert!(e.ranking.iter().all(|(p, _)| p.strategy != Strategy::A));
        assert!(!e.conflict);
    }

    #[test]
    fn unanswered_questions_fire_nothing_even_under_not() {
        let b = base(
            "  - { id: not-daily, summary: s, source: s, explanation: e, when: { not: { question: data.freshness, is: daily } }, approach: { fine-tune: 4 } }\n",
        );
        let e = evaluate(&b, &scenario(&[]));
        assert_eq!(e.fired, vec![false]);
        let e = evaluate(&b, &scenario(&[("data.freshness", Answer::Level(0))]));
        assert_eq!(e.fired, vec![true]);
    }

    #[test]
    fn excluding_everything_is_flagged_not_hidden() {
        let b = base(
            "  - { id: all-out, summary: s, source: s, explanation: e, exclude: { approaches: [prompting, rag, fine-tune, train], reason: r } }\n",
        );
        let e = evaluate(&b, &scenario(&[]));
        assert!(e.conflict);
        assert_eq!(e.ranking.len(), PAIRS.len());
    }

    #[test]
    fn built_in_rules_always_recommend_an_allowed_pair() {
        let b = crate::rules::built_in().unwrap();
        // A deterministic walk over many scenarios: every level of every question,
        // numbers spread over their thresholds, some questions left unanswered.
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            let mut answers = Answers::new("t", [None; COUNT]);
            for id in QuestionId::all() {
                let q = id.question();
                if !q.required && next() % 4 == 0 {
                    continue;
                }
                let candidates = crate::whatif::candidates(&b, id);
                let pick = candidates[(next() % candidates.len() as u64) as usize];
                answers.set(id, Some(pick));
            }
            let e = evaluate(&b, &answers);
            let pick = e.recommendation();
            assert!(PAIRS.contains(&pick), "{pick} is not an allowed pair");
            assert!(!e.conflict, "every pair excluded for {answers:?}");
            assert!(!e.excluded_strategy[pick.strategy] && !e.excluded_approach[pick.approach]);
            assert!(e.matrix.iter().all(|v| (0.0..=MATRIX_MAX).contains(v)));
        }
    }

    #[test]
    fn evaluation_is_deterministic() {
        let b = crate::rules::built_in().unwrap();
        let mut answers = Answers::new("t", [None; COUNT]);
        answers.set(q("data.sensitivity"), Some(Answer::Level(3)));
        answers.set(q("team.ml_talent"), Some(Answer::Level(2)));
        assert_eq!(evaluate(&b, &answers), evaluate(&b, &answers));
    }
}
