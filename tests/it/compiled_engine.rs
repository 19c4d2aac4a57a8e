//! The compiled evaluator against the reference one: the same fired rules, scores, matrix,
//! pick, runner-up, conflict and cost facts on seeded random scenarios (numbers on and beside
//! every threshold, unanswered optional questions, `[cost]` choices), on arbitrary cost facts,
//! on every stored case, and on rule sets layered with extra rules.

use std::fmt::Write as _;
use std::path::PathBuf;

use llm_strategy::answers::{Answer, Answers};
use llm_strategy::engine::compiled::Compiled;
use llm_strategy::engine::{self, Evaluator, Outcome};
use llm_strategy::questions::{COUNT, Kind, QuestionId, SIZE_CLASSES, TIERS};
use llm_strategy::rules::{self, Facts, RuleBase, RuleFile};
use llm_strategy::{cases, whatif};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};

use crate::common::root;

/// The reference evaluation as an [`Outcome`], to compare field by field.
fn reference(base: &RuleBase, answers: &Answers, facts: Option<Facts>) -> Outcome {
    let facts = facts.unwrap_or_else(|| base.facts(answers));
    Outcome::of(&engine::evaluate_with_facts(base, answers, facts))
}

/// Facts compared bit for bit (a NaN equals itself).
fn bits(facts: &Facts) -> [Option<u64>; 10] {
    facts.0.map(|f| f.map(f64::to_bits))
}

fn assert_agree(want: &Outcome, got: &Outcome, what: &dyn Fn() -> String) {
    assert_eq!(bits(&want.facts), bits(&got.facts), "facts of {}", what());
    let (mut want, mut got) = (*want, *got);
    (want.facts, got.facts) = (Facts::default(), Facts::default());
    assert_eq!(
        want.matrix.map(f64::to_bits),
        got.matrix.map(f64::to_bits),
        "matrix of {}",
        what()
    );
    assert_eq!(want, got, "{}", what());
}

/// Numbers worth trying for a question: every threshold, its neighbours, and a spread of
/// magnitudes (the cost model reads many numbers no rule compares).
fn numbers(base: &RuleBase, id: QuestionId) -> Vec<f64> {
    let mut out = vec![0.0, 1.0];
    for t in whatif::thresholds(base, id) {
        out.extend([t, t.next_down(), t.next_up(), t * 0.5, t * 2.0]);
    }
    out.retain(|v| *v >= 0.0);
    out
}

struct Draw {
    rng: ChaCha8Rng,
}

impl Draw {
    fn below(&mut self, n: usize) -> usize {
        (self.rng.next_u64() % n as u64) as usize
    }

    fn chance(&mut self, in_n: u64) -> bool {
        self.rng.next_u64() % in_n == 0
    }

    /// A log-uniform number between 1 and 10^14.
    fn magnitude(&mut self) -> f64 {
        let u = (self.rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        10f64.powf(u * 14.0).round()
    }

    fn scenario(&mut self, base: &RuleBase, numbers: &[Vec<f64>]) -> Answers {
        let mut answers = Answers::new("random", [None; COUNT]);
        for id in QuestionId::all() {
            let q = id.question();
            if !q.required && self.chance(4) {
                continue;
            }
            let answer = match q.kind {
                Kind::Level { levels, .. } => {
                    Answer::Level(u8::try_from(self.below(levels.len())).unwrap())
                }
                Kind::Number { .. } if self.chance(3) => Answer::Number(self.magnitude()),
                Kind::Number { .. } => {
                    let near = &numbers[usize::from(id.0)];
                    Answer::Number(near[self.below(near.len())])
                }
            };
            answers.set(id, Some(answer));
        }
        if self.chance(8) {
            answers.cost.tier = Some(TIERS[self.below(TIERS.len())]);
        }
        if self.chance(8) {
            answers.cost.size_class = Some(SIZE_CLASSES[self.below(SIZE_CLASSES.len())]);
        }
        let _ = base;
        answers
    }

    /// Cost facts drawn from the rules' thresholds, their neighbours, and odd values.
    fn facts(&mut self, thresholds: &[f64]) -> Facts {
        let odd = [f64::NAN, f64::INFINITY, 0.0, -1.0, 1e300];
        Facts(std::array::from_fn(|_| match self.below(6) {
            0 => None,
            1 => Some(odd[self.below(odd.len())]),
            2 => Some(self.magnitude() / 1e6),
            _ => {
                let t = thresholds[self.below(thresholds.len())];
                Some([t, t.next_down(), t.next_up()][self.below(3)])
            }
        }))
    }
}

/// Checks `count` random scenarios with their real cost facts and `count / 5` with arbitrary
/// facts; returns how many agreed.
fn agree_on_random(base: &RuleBase, seed: u64, count: usize) -> usize {
    agree_on_random_with(
        base,
        &Compiled::new(base).expect("the rule base compiles"),
        (seed, count),
    )
}

/// [`agree_on_random`] for a compiled form already built.
fn agree_on_random_with(
    base: &RuleBase,
    compiled: &Compiled<'_>,
    (seed, count): (u64, usize),
) -> usize {
    let numbers: Vec<Vec<f64>> = QuestionId::all().map(|id| numbers(base, id)).collect();
    let mut thresholds: Vec<f64> = base
        .rules
        .iter()
        .flat_map(|r| r.when.fact_thresholds().map(|(_, t)| t))
        .collect();
    thresholds.push(1.0);
    let mut draw = Draw {
        rng: ChaCha8Rng::seed_from_u64(seed),
    };
    let mut checked = 0;
    for i in 0..count {
        let answers = draw.scenario(base, &numbers);
        let got = compiled.outcome(&answers).expect("valid answers compile");
        assert_agree(&reference(base, &answers, None), &got, &|| {
            format!("scenario {i}: {answers:?}")
        });
        checked += 1;
        if i % 5 == 0 {
            let facts = draw.facts(&thresholds);
            let got = compiled
                .outcome_with_facts(&answers, facts)
                .expect("valid answers compile");
            assert_agree(&reference(base, &answers, Some(facts)), &got, &|| {
                format!("scenario {i} with {facts:?}: {answers:?}")
            });
            checked += 1;
        }
    }
    checked
}

#[test]
fn compiled_agrees_with_the_reference_on_a_million_random_scenarios() {
    let base = rules::built_in().unwrap();
    let checked = agree_on_random(&base, 0x5EED_C0DE, 1_000_000);
    assert_eq!(checked, 1_200_000);
}

#[test]
fn the_quick_compiled_form_agrees_with_the_reference() {
    let base = rules::built_in().unwrap();
    let quick = Compiled::quick(&base).expect("the rule base compiles");
    let checked = agree_on_random_with(&base, &quick, (0x0DD_5EED, 100_000));
    assert_eq!(checked, 120_000);
}

#[test]
fn compiled_agrees_with_the_reference_on_every_stored_case() {
    let base = rules::built_in().unwrap();
    let dir = root().join("rules/tests");
    let all = cases::load_dirs(&base, &[dir.clone(), dir.join("calibration")]).unwrap();
    assert!(all.len() >= 150, "only {} cases", all.len());
    let evaluator = Evaluator::new(&base);
    assert!(matches!(evaluator, Evaluator::Compiled(_)));
    for case in &all {
        let want = reference(&base, &case.answers, None);
        assert_agree(&want, &evaluator.outcome(&case.answers), &|| {
            case.name.clone()
        });
        assert_eq!(
            evaluator.evaluate(&case.answers),
            engine::evaluate(&base, &case.answers),
            "{}",
            case.name
        );
    }
}

const EXTRA: &str = r"
rules:
  - id: six-way-any
    summary: s
    source: fiddler-four-ways
    explanation: e
    when:
      any:
        - { question: team.ml_talent, at_least: experienced }
        - { question: data.labeled_examples, at_least: 5000 }
        - { question: traffic.requests_per_day, below: 300 }
        - { question: data.corpus_tokens, at_least: 2000000000 }
        - { question: budget.annual_usd, below: 150000 }
        - { question: data.freshness, in: [weekly, daily] }
    strategy: { B: 0.75, D: -0.5 }
    matrix: { control: 0.3, complexity: 0.1 }
  - id: nested-not-unless
    summary: s
    source: fiddler-four-ways
    explanation: e
    when:
      all:
        - not: { question: data.sensitivity, in: [public] }
        - not:
            any:
              - { question: requirements.latency, is: realtime }
              - { fact: cost.budget_share.C, at_least: 0.4 }
    unless: { question: requirements.customization, in: [none, knowledge] }
    approach: { fine-tune: 1.25 }
    matrix: { complexity: 0.7 }
  - id: fact-pair
    summary: s
    source: fiddler-four-ways
    explanation: e
    when:
      all:
        - { fact: cost.api_over_self_hosting, below: 3 }
        - { fact: cost.training_share, below: 0.05 }
        - { question: team.ml_talent, below: experienced }
    exclude: { approaches: [train], reason: r }
";

fn layered() -> RuleBase {
    rules::over_built_in(&[RuleFile {
        path: PathBuf::from("extra.yaml"),
        bytes: EXTRA.as_bytes().to_vec(),
    }])
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn compiled_agrees_with_the_reference_on_layered_rules() {
    let base = layered();
    assert!(base.rules.iter().any(|r| r.id == "six-way-any"));
    // Matrix shifts of 0.3 and 0.7 are not whole units: they are summed in rule order.
    let checked = agree_on_random(&base, 7, 100_000);
    assert_eq!(checked, 120_000);
}

#[test]
fn rule_bases_beyond_the_tables_fall_back_to_the_reference() {
    let mut rules = String::new();
    for i in 1..=300 {
        let _ = writeln!(
            rules,
            "  - {{ id: r{i}, summary: s, source: fiddler-four-ways, explanation: e, \
             when: {{ question: budget.annual_usd, at_least: {i}000 }}, strategy: {{ A: 0.01 }} }}"
        );
    }
    let base = rules::over_built_in(&[RuleFile {
        path: PathBuf::from("many.yaml"),
        bytes: format!("rules:\n{rules}").into_bytes(),
    }])
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(base.rules.len() > 256);
    assert!(Compiled::new(&base).is_none());
    let evaluator = Evaluator::new(&base);
    assert!(matches!(evaluator, Evaluator::Reference(_)));
    let answers =
        llm_strategy::answers::load(&root().join("examples/regional-bank-advisor.toml")).unwrap();
    assert_eq!(
        evaluator.evaluate(&answers),
        engine::evaluate(&base, &answers)
    );
}
