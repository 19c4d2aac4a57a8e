//! Invariants of the engine and the report over random scenarios of the whole questionnaire:
//! the same input gives the same output, the recommended pair is one the spec allows, scores
//! are the sums of the fired rules' weights, and the JSON report round-trips.

use std::sync::OnceLock;

use llm_strategy::answers::{Answer, Answers};
use llm_strategy::engine::{Evaluation, evaluate};
use llm_strategy::options::{Approach, PAIRS, Strategy};
use llm_strategy::questions::{COUNT, Kind, QuestionId};
use llm_strategy::render::{Format, Look};
use llm_strategy::rules::{self, RuleBase};
use proptest::prelude::{
    BoxedStrategy, ProptestConfig, prop_assert, prop_assert_eq, prop_oneof, proptest,
};
use proptest::strategy::Strategy as _;

pub(crate) fn base() -> &'static RuleBase {
    static BASE: OnceLock<RuleBase> = OnceLock::new();
    BASE.get_or_init(|| rules::built_in().expect("the built-in rules load"))
}

/// The spec's table of allowed pairs, written out independently of the crate's `PAIRS`.
fn spec_allows(strategy: Strategy, approach: Approach) -> bool {
    use Approach::{FineTune, Prompting, Rag, Train};
    match strategy {
        Strategy::A => matches!(approach, Prompting | Rag),
        Strategy::B => matches!(approach, FineTune),
        Strategy::C => matches!(approach, Prompting | Rag | FineTune),
        Strategy::D => matches!(approach, Train),
    }
}

/// One answer to a question: any level; for a number either one of the rules' thresholds
/// (or just below one), or any accepted value; optional questions may be unanswered.
fn answer(id: QuestionId) -> BoxedStrategy<Option<Answer>> {
    let q = id.question();
    let given = match q.kind {
        Kind::Level { levels, .. } => (0..levels.len() as u8).prop_map(Answer::Level).boxed(),
        Kind::Number { whole, positive } => {
            let mut marks: Vec<f64> = llm_strategy::whatif::thresholds(base(), id);
            marks.extend(marks.clone().iter().map(|t| t - 1.0).filter(|t| *t > 0.0));
            marks.push(1.0);
            let low = if positive { 1.0 } else { 0.0 };
            let any = (low..1e13f64).prop_map(move |v| if whole { v.floor() } else { v });
            prop_oneof![proptest::sample::select(marks), any]
                .prop_map(Answer::Number)
                .boxed()
        }
    };
    if q.required {
        given.prop_map(Some).boxed()
    } else {
        proptest::option::weighted(0.8, given).boxed()
    }
}

/// A scenario: an answer (or none, for optional questions) to every question.
pub(crate) fn scenario() -> impl proptest::strategy::Strategy<Value = Answers> {
    let parts: Vec<_> = QuestionId::all().map(answer).collect();
    parts.prop_map(|values| {
        let mut answers = Answers::new("random", [None; COUNT]);
        for (id, value) in QuestionId::all().zip(values) {
            answers.set(id, value);
        }
        answers
    })
}

fn json(answers: &Answers) -> String {
    let report = llm_strategy::report::assess(base(), answers);
    let look = Look {
        width: 100,
        color: false,
        heading_level: 1,
        full: true,
    };
    Format::Json
        .renderer(look)
        .assess(&report)
        .expect("JSON renders a report")
}

/// The sum, in hundredths, of one weight of every fired rule.
fn fired_sum(e: &Evaluation, weight: impl Fn(&rules::Rule) -> i64) -> i64 {
    base()
        .rules
        .iter()
        .zip(&e.fired)
        .filter(|(_, on)| **on)
        .map(|(r, _)| weight(r))
        .sum()
}

fn hundredths(score: f64) -> i64 {
    (score * 100.0).round() as i64
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn the_same_answers_give_the_same_advice_and_bytes(answers in scenario()) {
        prop_assert_eq!(evaluate(base(), &answers), evaluate(base(), &answers));
        prop_assert_eq!(json(&answers), json(&answers));
    }

    #[test]
    fn the_recommended_pair_is_one_the_spec_allows(answers in scenario()) {
        let e = evaluate(base(), &answers);
        let pick = e.recommendation();
        prop_assert!(spec_allows(pick.strategy, pick.approach), "{pick} is not in the spec's table");
        prop_assert!(!e.excluded_strategy[pick.strategy] || e.conflict);
        prop_assert!(!e.excluded_approach[pick.approach] || e.conflict);
    }

    #[test]
    fn scores_are_sums_of_the_fired_rules_weights(answers in scenario()) {
        let e = evaluate(base(), &answers);
        for s in Strategy::ALL {
            prop_assert_eq!(hundredths(e.strategy[s]), fired_sum(&e, |r| r.effect.strategy[s]));
        }
        for a in Approach::ALL {
            prop_assert_eq!(hundredths(e.approach[a]), fired_sum(&e, |r| r.effect.approach[a]));
        }
        // A pair scores its strategy's score plus its approach's, and the ranking says so.
        for (pair, score) in &e.ranking {
            let sum = fired_sum(&e, |r| r.effect.pair_weight(*pair));
            prop_assert_eq!(hundredths(*score), sum);
            prop_assert_eq!(hundredths(e.pair_score(*pair)), sum);
        }
    }

    #[test]
    fn the_json_report_round_trips(answers in scenario()) {
        let text = json(&answers);
        let value: serde_json::Value = serde_json::from_str(&text).expect("the report is JSON");
        let again = serde_json::to_string_pretty(&value).expect("a Value serializes") + "\n";
        prop_assert_eq!(&again, &text);
        let reparsed: serde_json::Value = serde_json::from_str(&again).expect("still JSON");
        prop_assert_eq!(&reparsed, &value);
        let e = evaluate(base(), &answers);
        let pick = e.recommendation();
        prop_assert_eq!(&value["recommendation"]["strategy"], pick.strategy.name());
        prop_assert_eq!(&value["recommendation"]["approach"], pick.approach.name());
    }
}

/// A finite space checked whole: every strategy with every approach, against the spec's table.
#[test]
fn the_pair_table_is_the_spec_table_exactly() {
    for s in Strategy::ALL {
        for a in Approach::ALL {
            let listed = PAIRS.iter().any(|p| p.strategy == s && p.approach == a);
            assert_eq!(listed, spec_allows(s, a), "{s}/{a}");
        }
    }
}

/// Every level of every level question, the other answers fixed.
#[test]
fn every_level_of_every_level_question_alone_recommends_an_allowed_pair() {
    let required = |id: QuestionId| id.question().required;
    let mut answers = Answers::new("levels", [None; COUNT]);
    for id in QuestionId::all().filter(|id| required(*id)) {
        let first = llm_strategy::whatif::candidates(base(), id)[0];
        answers.set(id, Some(first));
    }
    for id in QuestionId::all() {
        let Kind::Level { levels, .. } = id.question().kind else {
            continue;
        };
        let saved = answers.get(id);
        for level in 0..levels.len() as u8 {
            answers.set(id, Some(Answer::Level(level)));
            let pick = evaluate(base(), &answers).recommendation();
            assert!(
                spec_allows(pick.strategy, pick.approach),
                "{}: {pick}",
                id.name()
            );
        }
        answers.set(id, saved);
    }
}
