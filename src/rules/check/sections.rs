//! Checking the sections of rule files and assembling them into one rule base.

use std::collections::HashSet;
use std::sync::Arc;

use super::condition::compile_condition;
use super::ids::{Current, Defined, Ids};
use super::promise::check_promise;
use super::rule::check_rule;
use super::{FileProblems, TOPICS, complete, names, require_text};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::locate::Locations;
use crate::options::{Approach, PerApproach, PerStrategy, Strategy};
use crate::questions::quote_list;
use crate::rules::promise::{Place, Promise};
use crate::rules::raw::{
    RawApproach, RawFile, RawNextStep, RawPoint, RawPromise, RawRemove, RawSource, RawStrategy,
};
use crate::rules::{
    ApproachInfo, Condition, NextStep, Origin, Point, Removed, RuleBase, Source, StrategyInfo,
};

/// How many source ids a note lists before it says how many more there are.
const LISTED: usize = 20;

/// Collects the checked parts of every file, the files of the base first; a later layer's
/// entry replaces the base's entry with the same id.
pub(super) struct Builder<'a> {
    source_ids: Vec<String>,
    /// The same ids, to look them up.
    known_sources: HashSet<String>,
    sources_complete: bool,
    /// Whether the base is the built-in rule base (the origin of its rules).
    built_in: bool,
    sources: Vec<Source>,
    strategies: [Option<StrategyInfo>; 4],
    approaches: [Option<ApproachInfo>; 4],
    rules: Vec<crate::rules::Rule>,
    next_steps: Vec<NextStep>,
    promises: Vec<Promise>,
    removed: Removed,
    ids: Ids<'a>,
}

/// Puts an entry in its list: in place of the entry with its id when it replaces one, else at
/// the end.
fn place<T>(list: &mut Vec<T>, item: T, defined: &Defined<'_>, id: impl Fn(&T) -> &str) {
    let at = match defined {
        Defined::Replaces(_) => list.iter().position(|x| id(x) == id(&item)),
        Defined::New => None,
    };
    match at {
        Some(i) => list[i] = item,
        None => list.push(item),
    }
}

impl<'a> Builder<'a> {
    /// Starts a rule base whose files define the given source ids.
    /// `complete` is false when some file could not be parsed: references to sources
    /// are then not checked, since the missing file may define them. `built_in` says whether
    /// the base's files are the built-in ones.
    pub(super) fn new(source_ids: Vec<String>, complete: bool, built_in: bool) -> Self {
        Builder {
            known_sources: source_ids.iter().cloned().collect(),
            source_ids,
            sources_complete: complete,
            built_in,
            sources: Vec::new(),
            strategies: Default::default(),
            approaches: Default::default(),
            rules: Vec::new(),
            next_steps: Vec::new(),
            promises: Vec::new(),
            removed: Removed::default(),
            ids: Ids::default(),
        }
    }

    /// Checks one file's sections, recording problems against their YAML paths.
    pub(super) fn file(&mut self, mut current: Current<'a, '_>, raw: RawFile) {
        let file = current.file;
        for (i, s) in raw.sources.into_iter().enumerate() {
            self.source(&mut current, &format!("sources/{i}"), s);
        }
        for (i, s) in raw.strategies.into_iter().enumerate() {
            self.strategy(&mut current, &format!("strategies/{i}"), s);
        }
        for (i, a) in raw.approaches.into_iter().enumerate() {
            self.approach(&mut current, &format!("approaches/{i}"), a);
        }
        for (i, r) in raw.rules.into_iter().enumerate() {
            let path = format!("rules/{i}");
            let defined = self.ids.define(&mut current, "rule", &r.id, &path);
            self.known_source(current.problems, &format!("{path}/source"), &r.source);
            let origin = self.origin(current.layer, &defined);
            let site = (file.display().to_string(), i, origin);
            if let Some(rule) = check_rule(current.problems, &path, r, site) {
                place(&mut self.rules, rule, &defined, |r| &r.id);
            }
        }
        for (i, n) in raw.next_steps.into_iter().enumerate() {
            self.next_step(&mut current, &format!("next_steps/{i}"), n);
        }
        self.promises(&mut current, raw.promises);
        if let Some(remove) = raw.remove {
            self.remove(&mut current, &remove);
        }
    }

    /// Checks a file's promises; each remembers the file's text, so that a broken one can be
    /// pointed at when `rules check` verifies it, long after loading.
    fn promises(&mut self, current: &mut Current<'a, '_>, list: Vec<RawPromise>) {
        if list.is_empty() {
            return;
        }
        let locations = Locations::of(current.text);
        let text: Arc<str> = current.text.into();
        for (i, p) in list.into_iter().enumerate() {
            let path = format!("promises/{i}");
            let defined = self.ids.define(current, "promise", &p.id, &path);
            self.known_source(current.problems, &format!("{path}/source"), &p.source);
            let site = Place {
                file: current.file.to_path_buf(),
                text: Arc::clone(&text),
                span: locations.find(&format!("{path}/id")),
            };
            if let Some(promise) = check_promise(current.problems, &path, p, site) {
                place(&mut self.promises, promise, &defined, |p| &p.id);
            }
        }
    }

    /// Where a rule defined in `layer` comes from.
    fn origin(&self, layer: u8, defined: &Defined<'_>) -> Origin {
        match (layer, defined) {
            (0, _) if self.built_in => Origin::BuiltIn,
            (0, _) => Origin::RulesOnly,
            (_, Defined::Replaces(file)) => Origin::Replaces {
                file: file.display().to_string(),
            },
            (_, Defined::New) => Origin::Added,
        }
    }

    /// Takes away the base's rules and next steps that a layered file's `remove:` names.
    fn remove(&mut self, current: &mut Current<'a, '_>, remove: &RawRemove) {
        if current.layer == 0 {
            current.problems.push(
                "remove:key",
                Diagnostic::nowhere("`remove:` has nothing to remove here").note(
                    "it takes away built-in rules, next steps and promises, so it works only in files layered over them with `--rules DIR`",
                ),
            );
            return;
        }
        for (i, id) in remove.rules.iter().enumerate() {
            if self
                .ids
                .remove(current, "rule", id, &format!("remove/rules/{i}"))
            {
                self.rules.retain(|r| r.id != *id);
                self.removed.rules.push(id.clone());
            }
        }
        for (i, id) in remove.next_steps.iter().enumerate() {
            let path = format!("remove/next_steps/{i}");
            if self.ids.remove(current, "next step", id, &path) {
                self.next_steps.retain(|n| n.id != *id);
                self.removed.next_steps.push(id.clone());
            }
        }
        for (i, id) in remove.promises.iter().enumerate() {
            let path = format!("remove/promises/{i}");
            if self.ids.remove(current, "promise", id, &path) {
                self.promises.retain(|p| p.id != *id);
                self.removed.promises.push(id.clone());
            }
        }
    }

    /// The rule base, when every strategy and approach was described, and the messages
    /// for those that were not.
    pub(super) fn finish(
        self,
        pricing: crate::cost::Pricing,
        identity: crate::rules::Identity,
        layered: bool,
    ) -> (Option<RuleBase>, Vec<String>) {
        let mut missing = Vec::new();
        let strategies = complete(
            &mut missing,
            "strategy",
            "strategies",
            Strategy::ALL.map(Strategy::name),
            self.strategies,
        );
        let approaches = complete(
            &mut missing,
            "approach",
            "approaches",
            Approach::ALL.map(Approach::name),
            self.approaches,
        );
        if let Some(strategies) = &strategies {
            let bands = strategies.each_ref().map(|s| s.region);
            // Bands are written as literals in the YAML and must meet exactly.
            #[allow(clippy::float_cmp)]
            let tiles = bands[0][0] == 0.0
                && bands[3][1] == crate::matrix::MATRIX_MAX
                && bands.windows(2).all(|w| w[0][1] == w[1][0]);
            if !tiles {
                missing.push(format!(
                    "rules: the strategies' regions must cover 0 to 10 in order A, B, C, D without gaps or overlaps; found {bands:?}"
                ));
            }
        }
        let base = strategies
            .zip(approaches)
            .map(|(strategies, approaches)| RuleBase {
                sources: self.sources,
                strategies: PerStrategy(strategies),
                approaches: PerApproach(approaches),
                reads_facts: self.rules.iter().any(|r| r.when.reads_facts()),
                rules: self.rules,
                next_steps: self.next_steps,
                promises: self.promises,
                pricing,
                pricing_file: "rules/pricing.yaml (built in)".to_owned(),
                identity,
                layered,
                removed: self.removed,
            });
        (base, missing)
    }

    fn known_source(&self, problems: &mut FileProblems, path: &str, id: &str) {
        if self.sources_complete && !self.known_sources.contains(id) {
            problems.push_with(path, || {
                let ids: Vec<&str> = self.source_ids.iter().map(String::as_str).collect();
                let listed = if ids.len() > LISTED {
                    format!(
                        "{} and {} more",
                        quote_list(&ids[..LISTED]),
                        ids.len() - LISTED
                    )
                } else {
                    quote_list(&ids)
                };
                Diagnostic::nowhere(format!("unknown source \"{id}\""))
                    .note(format!("allowed: one of {listed}"))
                    .suggest(id, ids.iter().copied())
            });
        }
    }

    fn source(&mut self, current: &mut Current<'a, '_>, path: &str, s: RawSource) {
        let defined = self.ids.define(current, "source", &s.id, path);
        require_text(current.problems, path, "title", &s.title);
        let source = Source {
            id: s.id.into(),
            title: s.title.into(),
            publisher: s.publisher.into(),
            date: s.date.map(Into::into),
            url: s.url.map(Into::into),
        };
        place(&mut self.sources, source, &defined, |s| &s.id);
    }

    fn points(&self, problems: &mut FileProblems, path: &str, list: Vec<RawPoint>) -> Vec<Point> {
        list.into_iter()
            .enumerate()
            .map(|(j, p)| {
                self.known_source(problems, &format!("{path}/{j}/source"), &p.source);
                require_text(problems, &format!("{path}/{j}"), "text", &p.text);
                Point {
                    text: p.text.into(),
                    source: p.source.into(),
                }
            })
            .collect()
    }

    fn strategy(&mut self, current: &mut Current<'a, '_>, path: &str, s: RawStrategy) {
        let Some(strategy) = Strategy::from_name(&s.id) else {
            current.problems.push(
                format!("{path}/id"),
                Diagnostic::nowhere(format!("unknown strategy \"{}\"", s.id))
                    .note("allowed: one of \"A\", \"B\", \"C\", \"D\""),
            );
            return;
        };
        self.ids.define(current, "strategy", &s.id, path);
        self.known_source(current.problems, &format!("{path}/source"), &s.source);
        let pros = self.points(current.problems, &format!("{path}/pros"), s.pros);
        let cons = self.points(current.problems, &format!("{path}/cons"), s.cons);
        if !(s.region.iter().all(|v| v.is_finite()) && s.region[0] < s.region[1]) {
            current.problems.push(
                format!("{path}/region"),
                Diagnostic::nowhere(format!(
                    "region {:?} is not a band [from, to] with from < to",
                    s.region
                ))
                .note("allowed: two numbers from 0 to 10, e.g. [3, 5]"),
            );
        }
        self.strategies[strategy as usize] = Some(StrategyInfo {
            name: s.name.into(),
            summary: s.summary.into(),
            region: s.region,
            examples: s.examples,
            source: s.source.into(),
            pros,
            cons,
        });
    }

    fn approach(&mut self, current: &mut Current<'a, '_>, path: &str, a: RawApproach) {
        let allowed = Approach::ALL.map(Approach::name);
        let Some(approach) = Approach::from_name(&a.id) else {
            current.problems.push(
                format!("{path}/id"),
                Diagnostic::nowhere(format!("unknown approach \"{}\"", a.id))
                    .note(format!("allowed: one of {}", quote_list(&allowed)))
                    .suggest(&a.id, allowed),
            );
            return;
        };
        self.ids.define(current, "approach", &a.id, path);
        self.known_source(current.problems, &format!("{path}/source"), &a.source);
        self.approaches[approach as usize] = Some(ApproachInfo {
            name: a.name.into(),
            summary: a.summary.into(),
            fits: a.fits.into(),
            source: a.source.into(),
        });
    }

    fn next_step(&mut self, current: &mut Current<'a, '_>, path: &str, n: RawNextStep) {
        let defined = self.ids.define(current, "next step", &n.id, path);
        let problems = &mut *current.problems;
        self.known_source(problems, &format!("{path}/source"), &n.source);
        if !TOPICS.contains(&n.topic.as_str()) {
            problems.push(
                format!("{path}/topic"),
                Diagnostic::nowhere(format!("unknown topic \"{}\"", n.topic))
                    .note(format!("allowed: one of {}", quote_list(&TOPICS)))
                    .suggest(&n.topic, TOPICS),
            );
        }
        require_text(problems, path, "text", &n.text);
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
        let when = match &n.when {
            Some(c) => compile_condition(problems, &format!("{path}/when"), c),
            None => Some(Condition::Always),
        };
        let Some(when) = when else {
            return;
        };
        let step = NextStep {
            id: n.id.into(),
            topic: n.topic.into(),
            strategies,
            approaches,
            when,
            text: n.text.into(),
            source: n.source.into(),
        };
        place(&mut self.next_steps, step, &defined, |n| &n.id);
    }
}
