//! Checking one rule: its condition, weights, matrix contributions and exclusion.

use super::condition::compile_condition;
use super::{FileProblems, names, require_text};
use crate::diagnostic::Diagnostic;
use crate::number::exact;
use crate::options::{Approach, PerApproach, PerStrategy, Strategy};
use crate::questions::{QuestionId, quote_list};
use crate::rules::Fact;
use crate::rules::effect::to_weight;
use crate::rules::raw::{RawRule, RawWeights};
use crate::rules::{Condition, Effect, Exclusion, Origin, Rule};

/// Checks the rule at `path`; `site` is its file, its index in the file's `rules:` and where
/// it comes from.
pub(super) fn check_rule(
    problems: &mut FileProblems,
    path: &str,
    r: RawRule,
    site: (String, usize, Origin),
) -> Option<Rule> {
    let before = problems.items.len();
    require_text(problems, path, "summary", &r.summary);
    require_text(problems, path, "explanation", &r.explanation);
    check_placeholders(problems, &format!("{path}/explanation"), &r.explanation);
    if let Some(e) = &r.exclude {
        check_placeholders(problems, &format!("{path}/exclude/reason"), &e.reason);
    }
    let when = match &r.when {
        Some(c) => compile_condition(problems, &format!("{path}/when"), c),
        None => Some(Condition::Always),
    };
    let when = match (&r.unless, when) {
        (Some(c), Some(base)) => {
            compile_condition(problems, &format!("{path}/unless"), c).map(|except| {
                Condition::Unless {
                    base: Box::new(base),
                    except: Box::new(except),
                }
            })
        }
        (Some(c), None) => {
            compile_condition(problems, &format!("{path}/unless"), c);
            None
        }
        (None, when) => when,
    };
    let effect = check_effect(problems, path, &r);
    let hand_set = r
        .hand_set
        .as_ref()
        .map(|h| check_hand_set(problems, path, h, &effect));
    let no_effect = r.strategy.is_empty()
        && r.approach.is_empty()
        && r.matrix.is_empty()
        && r.exclude.is_none();
    if no_effect {
        problems.push(
            format!("{path}/id"),
            Diagnostic::nowhere(format!("rule \"{}\" has no effect", r.id))
                .note("add weights under `strategy:`, `approach:` or `matrix:`, or an `exclude:`"),
        );
    }
    if problems.items.len() > before {
        return None;
    }
    let (file, index, origin) = site;
    Some(Rule {
        id: r.id.into(),
        summary: r.summary.into(),
        source: r.source.into(),
        when: when?,
        effect,
        hand_set,
        explanation: r.explanation.trim().to_owned().into(),
        file: file.into(),
        index,
        origin,
    })
}

/// Checks a rule's weights, matrix shift and exclusion.
fn check_effect(problems: &mut FileProblems, path: &str, r: &RawRule) -> Effect {
    let strategy_names = Strategy::ALL.map(Strategy::name);
    let approach_names = Approach::ALL.map(Approach::name);
    let (strategy, approach) = check_weights(problems, path, &r.strategy, &r.approach);
    let mut matrix = [0.0; 2];
    for (key, weight) in &r.matrix {
        let at = format!("{path}/matrix/{key}");
        match key.as_str() {
            "control" => matrix[0] = check_weight(problems, &at, *weight),
            "complexity" => matrix[1] = check_weight(problems, &at, *weight),
            _ => bad_key(problems, &at, "matrix", key, &["control", "complexity"]),
        }
    }
    let exclude = r.exclude.as_ref().map(|e| {
        let at = format!("{path}/exclude");
        let strategies = names(
            problems,
            &format!("{at}/strategies"),
            &e.strategies,
            Strategy::from_name,
            &strategy_names,
        );
        let approaches = names(
            problems,
            &format!("{at}/approaches"),
            &e.approaches,
            Approach::from_name,
            &approach_names,
        );
        if e.strategies.is_empty() && e.approaches.is_empty() {
            problems.push(
                &at,
                Diagnostic::nowhere("`exclude` names nothing to exclude")
                    .note("allowed: `strategies: [..]` and/or `approaches: [..]`"),
            );
        }
        require_text(problems, &at, "reason", &e.reason);
        Exclusion {
            strategies,
            approaches,
            reason: e.reason.clone(),
        }
    });
    Effect {
        strategy,
        approach,
        matrix,
        exclude,
    }
}

/// Checks the strategy and approach weight maps under `path`, in hundredths.
fn check_weights(
    problems: &mut FileProblems,
    path: &str,
    strategies: &std::collections::BTreeMap<String, f64>,
    approaches: &std::collections::BTreeMap<String, f64>,
) -> (PerStrategy<i64>, PerApproach<i64>) {
    let strategy_names = Strategy::ALL.map(Strategy::name);
    let approach_names = Approach::ALL.map(Approach::name);
    let mut strategy = PerStrategy([0.0; 4]);
    for (key, weight) in strategies {
        let at = format!("{path}/strategy/{key}");
        match Strategy::from_name(key) {
            Some(s) => strategy[s] = check_weight(problems, &at, *weight),
            None => bad_key(problems, &at, "strategy", key, &strategy_names),
        }
    }
    let mut approach = PerApproach([0.0; 4]);
    for (key, weight) in approaches {
        let at = format!("{path}/approach/{key}");
        match Approach::from_name(key) {
            Some(a) => approach[a] = check_weight(problems, &at, *weight),
            None => bad_key(problems, &at, "approach", key, &approach_names),
        }
    }
    (
        PerStrategy(strategy.0.map(hundredths)),
        PerApproach(approach.0.map(hundredths)),
    )
}

/// Checks a rule's hand-set weights: valid weights, each on the same side of zero as the
/// calibrated weight it stands for (calibration never moves a weight across zero).
fn check_hand_set(
    problems: &mut FileProblems,
    path: &str,
    hand_set: &RawWeights,
    effect: &Effect,
) -> Effect {
    let at = format!("{path}/hand_set");
    let (strategy, approach) = check_weights(problems, &at, &hand_set.strategy, &hand_set.approach);
    let sides = Strategy::ALL
        .iter()
        .map(|s| ("strategy", s.name(), strategy[*s], effect.strategy[*s]))
        .chain(
            Approach::ALL
                .iter()
                .map(|a| ("approach", a.name(), approach[*a], effect.approach[*a])),
        );
    for (section, key, set, now) in sides {
        if set.signum() != now.signum() {
            problems.push(
                format!("{at}/{section}/{key}"),
                Diagnostic::nowhere(format!(
                    "the hand-set {section} weight of {key} is {}, but the rule's weight is {}",
                    to_weight(set),
                    to_weight(now)
                ))
                .note("calibration keeps every weight on the side of zero its author set: both must be positive, both negative, or both absent"),
            );
        }
    }
    Effect {
        strategy,
        approach,
        matrix: [0.0; 2],
        exclude: None,
    }
}

/// The largest weight a rule may give, in either direction.
const MAX_WEIGHT: f64 = 1000.0;

fn check_weight(problems: &mut FileProblems, path: &str, weight: f64) -> f64 {
    const ALLOWED: &str =
        "allowed: a number such as 2, -1.5 or 0.5, with at most two decimals, from -1000 to 1000";
    if !weight.is_finite() {
        problems.push(
            path,
            Diagnostic::nowhere(format!("weight {} is not a finite number", exact(weight)))
                .note(ALLOWED),
        );
    } else if weight.abs() > MAX_WEIGHT {
        problems.push(
            path,
            Diagnostic::nowhere(format!(
                "weight {} is beyond the bound of 1000 either way",
                exact(weight)
            ))
            .note(ALLOWED),
        );
    } else if (weight * 100.0 - (weight * 100.0).round()).abs() > 1e-6 {
        problems.push(
            path,
            Diagnostic::nowhere(format!(
                "weight {} has more than two decimals",
                exact(weight)
            ))
            .note(ALLOWED),
        );
    }
    weight
}

/// A checked weight in hundredths.
#[allow(clippy::cast_possible_truncation)] // checked: at most 1000 with two decimals
fn hundredths(weight: f64) -> i64 {
    (weight * 100.0).round() as i64
}

fn bad_key(problems: &mut FileProblems, path: &str, section: &str, key: &str, allowed: &[&str]) {
    problems.push(
        format!("{path}:key"),
        Diagnostic::nowhere(format!("unknown {section} key \"{key}\""))
            .note(format!("allowed: {}", quote_list(allowed)))
            .suggest(key, allowed.iter().copied()),
    );
}

/// Checks that every `{name}` in rule text names a cost fact or a question.
fn check_placeholders(problems: &mut FileProblems, path: &str, text: &str) {
    let mut names: Vec<String> = Fact::all().iter().map(|f| f.name()).collect();
    names.extend(QuestionId::all().map(|q| q.name().to_owned()));
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !names.iter().any(|n| n == name) {
            problems
                .push(
path,
Diagnostic::nowhere(format!("unknown placeholder {{{name}}}")).note("allowed: a cost fact such as {cost.first_year.C} or a question such as {budget.annual_usd}").suggest(name, names.iter().map(String::as_str)),
);
        }
        rest = &after[close + 1..];
    }
}
