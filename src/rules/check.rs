//! Checking rule files: raw YAML into a [`RuleBase`], with every problem located and reported.

use std::collections::HashMap;

use super::locate::Locations;
use super::raw::{RawCondition, RawFile, RawPoint, RawRule, Scalar};
use super::{
    ApproachInfo, Condition, Exclusion, NextStep, Point, Rule, RuleBase, RuleFile, Source,
    StrategyInfo,
};
use crate::diagnostic::{Diagnostic, Invalid, Problems, closest, line_col};
use crate::options::{Approach, PerApproach, PerStrategy, Strategy};
use crate::questions::{Kind, QuestionId, quote_list};

/// The topics a next step may have.
pub(crate) const TOPICS: [&str; 7] = [
    "objectives",
    "data",
    "responsible-use",
    "monitoring",
    "team",
    "vendor",
    "infrastructure",
];

/// Whether `id` is lower-case kebab-case: `a-z0-9` words joined by single dashes.
pub(crate) fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Problems of one file, each with the YAML path it concerns; spans are found only if needed.
struct FileProblems {
    items: Vec<(String, Diagnostic)>,
}

impl FileProblems {
    fn at(&mut self, path: impl Into<String>, message: impl Into<String>) -> &mut Diagnostic {
        self.items.push((path.into(), Diagnostic::nowhere(message)));
        &mut self.items.last_mut().expect("just pushed").1
    }
}

trait Notes {
    fn add(&mut self, note: impl Into<String>) -> &mut Self;
    fn suggest_from<'a>(
        &mut self,
        found: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> &mut Self;
}

impl Notes for Diagnostic {
    fn add(&mut self, note: impl Into<String>) -> &mut Self {
        self.notes.push(note.into());
        self
    }

    fn suggest_from<'a>(
        &mut self,
        found: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> &mut Self {
        if let Some(best) = closest(found, candidates) {
            self.notes.push(format!("help: did you mean \"{best}\"?"));
        }
        self
    }
}

/// Where an id was first defined, for duplicate messages.
struct Definition {
    file: usize,
    path: String,
}

struct Parsed<'a> {
    file: &'a RuleFile,
    text: &'a str,
    raw: RawFile,
    problems: FileProblems,
}

/// Parses and checks rule files into a rule base, or reports every problem.
pub(crate) fn compile(files: &[RuleFile]) -> Result<RuleBase, Invalid> {
    let mut fatal = String::new();
    let mut parsed = Vec::new();
    for file in files {
        match parse(file) {
            Ok(p) => parsed.push(p),
            Err(message) => fatal.push_str(&message),
        }
    }

    let source_ids: Vec<String> = parsed
        .iter()
        .flat_map(|p| p.raw.sources.iter().map(|s| s.id.clone()))
        .collect();
    let mut base = Builder::default();
    for index in 0..parsed.len() {
        let (before, rest) = parsed.split_at_mut(index);
        let current = &mut rest[0];
        base.file(index, current, before, &source_ids);
    }
    let mut global = Vec::new();
    let strategies = complete(
        &mut global,
        "strategy",
        "strategies",
        Strategy::ALL.map(Strategy::name),
        base.strategies,
    );
    let approaches = complete(
        &mut global,
        "approach",
        "approaches",
        Approach::ALL.map(Approach::name),
        base.approaches,
    );

    let mut out = fatal;
    for p in &mut parsed {
        if p.problems.items.is_empty() {
            continue;
        }
        let locations = Locations::of(p.text);
        let mut problems = Problems::new(&p.file.path, p.text);
        for (path, mut d) in p.problems.items.drain(..) {
            d.span = locations.find(&path);
            problems.push(d);
        }
        if let Err(Invalid(text)) = problems.finish() {
            out.push_str(&text);
            out.push('\n');
        }
    }
    for message in &global {
        out.push_str(message);
        out.push('\n');
    }
    if !out.is_empty() {
        return Err(Invalid(out.trim_end().to_owned()));
    }
    match (strategies, approaches) {
        (Some(strategies), Some(approaches)) => Ok(RuleBase {
            sources: base.sources,
            strategies: PerStrategy(strategies),
            approaches: PerApproach(approaches),
            rules: base.rules,
            next_steps: base.next_steps,
        }),
        _ => Err(Invalid("rule base is incomplete".to_owned())),
    }
}

fn parse(file: &RuleFile) -> Result<Parsed<'_>, String> {
    let path = file.path.display();
    let text = match std::str::from_utf8(&file.bytes) {
        Ok(text) => text,
        Err(e) => {
            let prefix = std::str::from_utf8(&file.bytes[..e.valid_up_to()]).unwrap_or_default();
            let (line, column) = line_col(prefix, prefix.len());
            return Err(format!(
                "{path}:{line}:{column}: the file is not valid UTF-8; rule files must be UTF-8 text\n"
            ));
        }
    };
    let raw = if text.trim().is_empty() {
        RawFile::default()
    } else {
        serde_yaml::from_str::<RawFile>(text).map_err(|e| {
            let location = e
                .location()
                .map(|l| format!("{}:{}: ", l.line(), l.column()))
                .unwrap_or_default();
            format!("{path}:{location}{e}\n")
        })?
    };
    Ok(Parsed {
        file,
        text,
        raw,
        problems: FileProblems { items: Vec::new() },
    })
}

fn complete<T>(
    global: &mut Vec<String>,
    what: &str,
    section: &str,
    names: [&str; 4],
    found: [Option<T>; 4],
) -> Option<[T; 4]> {
    for (name, info) in names.iter().zip(&found) {
        if info.is_none() {
            global.push(format!(
                "rules: {what} {name} is not described in any file (add it under `{section}:`)"
            ));
        }
    }
    let [a, b, c, d] = found;
    Some([a?, b?, c?, d?])
}

#[derive(Default)]
struct Builder {
    sources: Vec<Source>,
    strategies: [Option<StrategyInfo>; 4],
    approaches: [Option<ApproachInfo>; 4],
    rules: Vec<Rule>,
    next_steps: Vec<NextStep>,
    ids: HashMap<(&'static str, String), Definition>,
}

impl Builder {
    fn file(
        &mut self,
        index: usize,
        current: &mut Parsed<'_>,
        before: &[Parsed<'_>],
        source_ids: &[String],
    ) {
        let raw = std::mem::take(&mut current.raw);
        let problems = &mut current.problems;
        let file_name = current.file.path.display().to_string();
        let known_source = |problems: &mut FileProblems, path: String, id: &str| {
            if !source_ids.iter().any(|s| s == id) {
                problems
                    .at(path, format!("unknown source \"{id}\""))
                    .add(format!(
                        "allowed: one of {}",
                        quote_list(&source_ids.iter().map(String::as_str).collect::<Vec<_>>())
                    ))
                    .suggest_from(id, source_ids.iter().map(String::as_str));
            }
        };

        for (i, s) in raw.sources.into_iter().enumerate() {
            let path = format!("sources/{i}");
            self.unique(problems, before, index, "source", &s.id, &path);
            require_text(problems, &path, "title", &s.title);
            self.sources.push(Source {
                id: s.id,
                title: s.title,
                publisher: s.publisher,
                date: s.date,
            });
        }

        for (i, s) in raw.strategies.into_iter().enumerate() {
            let path = format!("strategies/{i}");
            let Some(strategy) = Strategy::from_name(&s.id) else {
                problems
                    .at(
                        format!("{path}/id"),
                        format!("unknown strategy \"{}\"", s.id),
                    )
                    .add("allowed: one of \"A\", \"B\", \"C\", \"D\"");
                continue;
            };
            self.unique(problems, before, index, "strategy", &s.id, &path);
            known_source(problems, format!("{path}/source"), &s.source);
            let points =
                |problems: &mut FileProblems, list: Vec<RawPoint>, key: &str| -> Vec<Point> {
                    list.into_iter()
                        .enumerate()
                        .map(|(j, p)| {
                            known_source(problems, format!("{path}/{key}/{j}/source"), &p.source);
                            require_text(problems, &format!("{path}/{key}/{j}"), "text", &p.text);
                            Point {
                                text: p.text,
                                source: p.source,
                            }
                        })
                        .collect()
                };
            let pros = points(problems, s.pros, "pros");
            let cons = points(problems, s.cons, "cons");
            self.strategies[strategy as usize] = Some(StrategyInfo {
                name: s.name,
                summary: s.summary,
                examples: s.examples,
                source: s.source,
                pros,
                cons,
            });
        }

        for (i, a) in raw.approaches.into_iter().enumerate() {
            let path = format!("approaches/{i}");
            let Some(approach) = Approach::from_name(&a.id) else {
                problems
                    .at(
                        format!("{path}/id"),
                        format!("unknown approach \"{}\"", a.id),
                    )
                    .add(format!(
                        "allowed: one of {}",
                        quote_list(&Approach::ALL.map(Approach::name))
                    ))
                    .suggest_from(&a.id, Approach::ALL.map(Approach::name));
                continue;
            };
            self.unique(problems, before, index, "approach", &a.id, &path);
            known_source(problems, format!("{path}/source"), &a.source);
            self.approaches[approach as usize] = Some(ApproachInfo {
                name: a.name,
                summary: a.summary,
                fits: a.fits,
                source: a.source,
            });
        }

        for (i, r) in raw.rules.into_iter().enumerate() {
            let path = format!("rules/{i}");
            self.unique(problems, before, index, "rule", &r.id, &path);
            known_source(problems, format!("{path}/source"), &r.source);
            if let Some(rule) = check_rule(problems, &path, r, &file_name) {
                self.rules.push(rule);
            }
        }

        for (i, n) in raw.next_steps.into_iter().enumerate() {
            let path = format!("next_steps/{i}");
            self.unique(problems, before, index, "next step", &n.id, &path);
            known_source(problems, format!("{path}/source"), &n.source);
            if !TOPICS.contains(&n.topic.as_str()) {
                problems
                    .at(
                        format!("{path}/topic"),
                        format!("unknown topic \"{}\"", n.topic),
                    )
                    .add(format!("allowed: one of {}", quote_list(&TOPICS)))
                    .suggest_from(&n.topic, TOPICS);
            }
            require_text(problems, &path, "text", &n.text);
            let strategies = match n.strategies {
                Some(list) => names(
                    problems,
                    &format!("{path}/strategies"),
                    &list,
                    Strategy::from_name,
                    &Strategy::ALL.map(Strategy::name),
                ),
                None => Strategy::ALL.to_vec(),
            };
            let approaches = match n.approaches {
                Some(list) => names(
                    problems,
                    &format!("{path}/approaches"),
                    &list,
                    Approach::from_name,
                    &Approach::ALL.map(Approach::name),
                ),
                None => Approach::ALL.to_vec(),
            };
            self.next_steps.push(NextStep {
                id: n.id,
                topic: n.topic,
                strategies,
                approaches,
                text: n.text,
                source: n.source,
            });
        }
    }

    fn unique(
        &mut self,
        problems: &mut FileProblems,
        before: &[Parsed<'_>],
        index: usize,
        kind: &'static str,
        id: &str,
        path: &str,
    ) {
        let id_path = format!("{path}/id");
        if matches!(kind, "rule" | "source" | "next step") && !is_kebab(id) {
            problems
                .at(&id_path, format!("{kind} id \"{id}\" is not kebab-case"))
                .add("allowed: lower-case letters and digits in words joined by single dashes, e.g. \"secret-data-stays-inside\"");
        }
        match self.ids.get(&(kind, id.to_owned())) {
            Some(first) => {
                let file = if first.file == index {
                    "this file".to_owned()
                } else {
                    before[first.file].file.path.display().to_string()
                };
                let where_first = if first.file == index {
                    String::new()
                } else {
                    let text = before[first.file].text;
                    Locations::of(text)
                        .find(&first.path)
                        .map(|span| {
                            let (line, column) = line_col(text, span.start);
                            format!(":{line}:{column}")
                        })
                        .unwrap_or_default()
                };
                let first_path = first.path.clone();
                problems
                    .at(&id_path, format!("duplicate {kind} id \"{id}\""))
                    .add(format!(
                        "first defined in {file}{where_first} ({first_path})"
                    ));
            }
            None => {
                self.ids.insert(
                    (kind, id.to_owned()),
                    Definition {
                        file: index,
                        path: id_path,
                    },
                );
            }
        }
    }
}

fn require_text(problems: &mut FileProblems, path: &str, key: &str, text: &str) {
    if text.trim().is_empty() {
        problems
            .at(format!("{path}/{key}"), format!("`{key}` is empty"))
            .add("allowed: a non-empty string");
    }
}

fn names<T>(
    problems: &mut FileProblems,
    path: &str,
    list: &[String],
    parse: impl Fn(&str) -> Option<T>,
    allowed: &[&str],
) -> Vec<T> {
    let mut out = Vec::new();
    for (i, name) in list.iter().enumerate() {
        match parse(name) {
            Some(v) => out.push(v),
            None => {
                problems
                    .at(format!("{path}/{i}"), format!("unknown name \"{name}\""))
                    .add(format!("allowed: one of {}", quote_list(allowed)))
                    .suggest_from(name, allowed.iter().copied());
            }
        }
    }
    out
}

fn check_rule(problems: &mut FileProblems, path: &str, r: RawRule, file: &str) -> Option<Rule> {
    let before = problems.items.len();
    require_text(problems, path, "summary", &r.summary);
    require_text(problems, path, "explanation", &r.explanation);
    let when = match &r.when {
        Some(c) => compile_condition(problems, &format!("{path}/when"), c),
        None => Some(Condition::Always),
    };
    let strategy_names = Strategy::ALL.map(Strategy::name);
    let approach_names = Approach::ALL.map(Approach::name);
    let mut strategy = PerStrategy([0.0; 4]);
    for (key, weight) in &r.strategy {
        let at = format!("{path}/strategy/{key}");
        match Strategy::from_name(key) {
            Some(s) => strategy[s] = check_weight(problems, &at, *weight),
            None => bad_key(problems, &at, "strategy", key, &strategy_names),
        }
    }
    let mut approach = PerApproach([0.0; 4]);
    for (key, weight) in &r.approach {
        let at = format!("{path}/approach/{key}");
        match Approach::from_name(key) {
            Some(a) => approach[a] = check_weight(problems, &at, *weight),
            None => bad_key(problems, &at, "approach", key, &approach_names),
        }
    }
    let mut matrix = [0.0; 2];
    for (key, weight) in &r.matrix {
        let at = format!("{path}/matrix/{key}");
        match key.as_str() {
            "control" => matrix[0] = check_weight(problems, &at, *weight),
            "complexity" => matrix[1] = check_weight(problems, &at, *weight),
            _ => bad_key(problems, &at, "matrix", key, &["control", "complexity"]),
        }
    }
    let exclude = r.exclude.map(|e| {
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
            problems
                .at(&at, "`exclude` names nothing to exclude")
                .add("allowed: `strategies: [..]` and/or `approaches: [..]`");
        }
        require_text(problems, &at, "reason", &e.reason);
        Exclusion {
            strategies,
            approaches,
            reason: e.reason,
        }
    });
    let no_effect =
        r.strategy.is_empty() && r.approach.is_empty() && r.matrix.is_empty() && exclude.is_none();
    if no_effect {
        problems
            .at(
                format!("{path}/id"),
                format!("rule \"{}\" has no effect", r.id),
            )
            .add("add weights under `strategy:`, `approach:` or `matrix:`, or an `exclude:`");
    }
    if problems.items.len() > before {
        return None;
    }
    Some(Rule {
        id: r.id,
        summary: r.summary,
        source: r.source,
        when: when?,
        strategy,
        approach,
        matrix,
        exclude,
        explanation: r.explanation.trim().to_owned(),
        file: file.to_owned(),
    })
}

fn check_weight(problems: &mut FileProblems, path: &str, weight: f64) -> f64 {
    if !weight.is_finite() {
        problems
            .at(path, format!("weight {weight} is not a finite number"))
            .add("allowed: a number such as 2, -1.5 or 0.5");
    }
    weight
}

fn bad_key(problems: &mut FileProblems, path: &str, section: &str, key: &str, allowed: &[&str]) {
    problems
        .at(
            format!("{path}:key"),
            format!("unknown {section} key \"{key}\""),
        )
        .add(format!("allowed: {}", quote_list(allowed)))
        .suggest_from(key, allowed.iter().copied());
}

const FORMS: &str = "`question` with one of `is`, `in`, `at_least`, `below`; or `all: [..]`, `any: [..]`, `not: {..}`";

fn compile_condition(
    problems: &mut FileProblems,
    path: &str,
    c: &RawCondition,
) -> Option<Condition> {
    let mut forms = Vec::new();
    for (present, name) in [
        (c.is.is_some(), "is"),
        (c.in_.is_some(), "in"),
        (c.at_least.is_some(), "at_least"),
        (c.below.is_some(), "below"),
        (c.all.is_some(), "all"),
        (c.any.is_some(), "any"),
        (c.not.is_some(), "not"),
    ] {
        if present {
            forms.push(name);
        }
    }
    let malformed = |problems: &mut FileProblems, found: String| {
        problems
            .at(path, format!("malformed condition: {found}"))
            .add(format!("allowed: {FORMS}"));
        None
    };
    match (forms.as_slice(), &c.question) {
        ([], None) => malformed(problems, "it is empty".to_owned()),
        ([], Some(_)) => malformed(problems, "`question` without a comparison".to_owned()),
        ([_, _, ..], _) => malformed(
            problems,
            format!("it has {} forms at once", quote_list(&forms)),
        ),
        (["all" | "any" | "not"], Some(_)) => malformed(
            problems,
            format!("`question` cannot be combined with `{}`", forms[0]),
        ),
        (["all"], None) | (["any"], None) => {
            let (list, name) = if let Some(list) = &c.all {
                (list, "all")
            } else {
                (c.any.as_ref()?, "any")
            };
            if list.is_empty() {
                return malformed(problems, format!("`{name}` has no conditions"));
            }
            let parts: Vec<Option<Condition>> = list
                .iter()
                .enumerate()
                .map(|(i, part)| compile_condition(problems, &format!("{path}/{name}/{i}"), part))
                .collect();
            let parts: Option<Vec<Condition>> = parts.into_iter().collect();
            let parts = parts?.into_boxed_slice();
            Some(if name == "all" {
                Condition::All(parts)
            } else {
                Condition::Any(parts)
            })
        }
        (["not"], None) => {
            let inner = compile_condition(problems, &format!("{path}/not"), c.not.as_deref()?)?;
            Some(Condition::Not(Box::new(inner)))
        }
        ([_], None) => malformed(problems, format!("`{}` without a `question`", forms[0])),
        ([op], Some(name)) => leaf(problems, path, name, op, c),
    }
}

fn leaf(
    problems: &mut FileProblems,
    path: &str,
    name: &str,
    op: &str,
    c: &RawCondition,
) -> Option<Condition> {
    let Some(question) = QuestionId::from_name(name) else {
        let all: Vec<&str> = QuestionId::all().map(QuestionId::name).collect();
        problems
            .at(
                format!("{path}/question"),
                format!("unknown question \"{name}\""),
            )
            .add(format!("allowed: one of {}", quote_list(&all)))
            .suggest_from(name, all.iter().copied());
        return None;
    };
    let op_path = format!("{path}/{op}");
    match question.question().kind {
        Kind::Level { levels, ordered } => {
            let level = |problems: &mut FileProblems, at: &str, value: &Scalar| -> Option<usize> {
                let found = match value {
                    Scalar::Text(t) => levels.iter().position(|l| l == t),
                    Scalar::Number(_) => None,
                };
                if found.is_none() {
                    let d = problems
                        .at(at, format!("unknown level {value} for {}", question.name()))
                        .add(format!("allowed: one of {}", quote_list(levels)));
                    if let Scalar::Text(t) = value {
                        d.suggest_from(t, levels.iter().copied());
                    }
                }
                found
            };
            let all_bits: u8 = ((1u16 << levels.len()) - 1) as u8;
            let mask = match op {
                "is" => 1u8 << level(problems, &op_path, c.is.as_ref()?)?,
                "in" => {
                    let list = c.in_.as_ref()?;
                    if list.is_empty() {
                        problems
                            .at(&op_path, "`in` lists no levels")
                            .add(format!("allowed: a list of {}", quote_list(levels)));
                        return None;
                    }
                    let mut mask = 0u8;
                    let mut ok = true;
                    for (i, v) in list.iter().enumerate() {
                        match level(problems, &format!("{op_path}/{i}"), v) {
                            Some(l) => mask |= 1 << l,
                            None => ok = false,
                        }
                    }
                    if !ok {
                        return None;
                    }
                    mask
                }
                _ => {
                    if !ordered {
                        problems
                            .at(
                                &op_path,
                                format!(
                                    "`{op}` compares levels, but the levels of {} have no order",
                                    question.name()
                                ),
                            )
                            .add("allowed: `is` or `in`");
                        return None;
                    }
                    let value = if op == "at_least" {
                        c.at_least.as_ref()?
                    } else {
                        c.below.as_ref()?
                    };
                    let l = level(problems, &op_path, value)?;
                    let below: u8 = ((1u16 << l) - 1) as u8;
                    if op == "at_least" {
                        all_bits & !below
                    } else {
                        below
                    }
                }
            };
            Some(Condition::Levels { question, mask })
        }
        Kind::Number { .. } => {
            let value = match op {
                "at_least" => c.at_least.as_ref()?,
                "below" => c.below.as_ref()?,
                _ => {
                    problems
                        .at(
                            &op_path,
                            format!("`{op}` needs levels, but {} is a number", question.name()),
                        )
                        .add("allowed: `at_least: N` or `below: N`");
                    return None;
                }
            };
            match value {
                Scalar::Number(n) if n.is_finite() && *n >= 0.0 => Some(if op == "at_least" {
                    Condition::AtLeast {
                        question,
                        value: *n,
                    }
                } else {
                    Condition::Below {
                        question,
                        value: *n,
                    }
                }),
                other => {
                    problems
                        .at(
                            &op_path,
                            format!(
                                "threshold {other} for {} is not a number >= 0",
                                question.name()
                            ),
                        )
                        .add("allowed: a finite number >= 0, e.g. 10000 or 1.0e11");
                    None
                }
            }
        }
    }
}
