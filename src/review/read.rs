//! Reading a snapshot back: from a JSON report saved earlier (`assess -f json`), or from the
//! record an embedded region carries. Pure: text in, a [`Snapshot`] or every problem out.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Map, Value};

use super::snapshot::{Costs, Shown, Snapshot, Source};
use crate::diagnostic::{Diagnostic, Invalid, file_error};
use crate::options::{Approach, Pair, PerApproach, PerStrategy, Strategy};
use crate::report::{Contribution, CostChoices, Moves, SCHEMA_VERSION};

/// What a file given to `--since` must be, said in every error about one.
pub const EXPECTED: &str = "expected the JSON report of `llm-strategy assess FILE --format json`";

/// The first word of the comment that holds an embedded region's record.
pub const RECORD: &str = "llm-strategy:record";

/// Reads the JSON report `text` of the file `path` (named in messages).
pub fn report(path: &Path, text: &str) -> Result<Snapshot, Invalid> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        Invalid(format!(
            "{}:{}:{}: not JSON: {}; {EXPECTED}",
            path.display(),
            e.line(),
            e.column(),
            strip_position(&e.to_string())
        ))
    })?;
    snapshot(path, &value)
}

/// The record in the body of an embedded region: `None` when it holds none (it was written
/// before regions carried one), else the snapshot it records or why it cannot be read.
pub fn record(path: &Path, body: &str) -> Option<Result<Snapshot, Invalid>> {
    let line = body.lines().find_map(|line| {
        line.trim()
            .strip_prefix("<!--")?
            .strip_suffix("-->")?
            .trim()
            .strip_prefix(RECORD)
            .map(str::trim)
    })?;
    Some(
        serde_json::from_str::<Value>(line)
            .map_err(|e| file_error(path, format!("its record is not JSON: {e}")))
            .and_then(|value| snapshot(path, &value)),
    )
}

/// `serde_json`'s message without the " at line L column C" it ends with.
fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |i| &message[..i])
}

/// Reads a snapshot from a parsed report, collecting every problem.
fn snapshot(path: &Path, value: &Value) -> Result<Snapshot, Invalid> {
    let Some(top) = value.as_object() else {
        return Err(file_error(
            path,
            format!("found {}, not an object; {EXPECTED}", kind(value)),
        ));
    };
    match top.get("schema_version") {
        None => {
            return Err(file_error(
                path,
                format!("it has no \"schema_version\" key; {EXPECTED}"),
            ));
        }
        Some(v) if v.as_u64() != Some(u64::from(SCHEMA_VERSION)) => {
            return Err(file_error(
                path,
                format!(
                    "schema_version {v}: this version reads reports of schema_version \
                     {SCHEMA_VERSION}; {EXPECTED}"
                ),
            ));
        }
        Some(_) => {}
    }
    let mut r = Reader::default();
    let snapshot = r.read(top);
    if r.problems.is_empty() {
        if let Some(snapshot) = snapshot {
            return Ok(snapshot);
        }
    }
    let file = path.display();
    let mut text: Vec<String> = r.problems.iter().map(|p| format!("{file}: {p}")).collect();
    text.push(format!(
        "{file}: not a report this version can compare; {EXPECTED}"
    ));
    Err(Invalid(text.join("\n")))
}

/// JSON's name for what a value is.
fn kind(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("the string \"{s}\""),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// Reads the keys of a report, recording a problem for each one missing or malformed.
#[derive(Default)]
struct Reader {
    problems: Vec<String>,
}

impl Reader {
    fn read(&mut self, top: &Map<String, Value>) -> Option<Snapshot> {
        let pick = self.pair(top, "recommendation");
        let runner_up = match top.get("runner_up") {
            Some(Value::Null) => Some(None),
            _ => self.pair(top, "runner_up").map(Some),
        };
        let scores = self.key(top, "scores", "", Value::as_object);
        let strategy = scores.and_then(|s| self.per(s, "strategy", "scores.", Strategy::ALL));
        let approach = scores.and_then(|s| self.per(s, "approach", "scores.", Approach::ALL));
        let answers = self.answers(top);
        let costs = self.costs(top);
        let source = self.source(top);
        let contributions = top.get("contributions").map(|c| self.contributions(c));
        let cost_choices = top.get("cost_choices").map(|c| CostChoices {
            tier: c.get("tier").and_then(Value::as_str).map(str::to_owned),
            size_class: c
                .get("size_class")
                .and_then(Value::as_str)
                .map(str::to_owned),
        });
        Some(Snapshot {
            answers: answers?,
            cost_choices,
            pick: pick?,
            runner_up: runner_up?,
            strategy: PerStrategy(strategy?),
            approach: PerApproach(approach?),
            contributions: contributions.map(Option::unwrap_or_default),
            costs: costs?,
            source: source?,
        })
    }

    /// The value of `key` in `map` (named `prefix` + `key` in messages) as `get` reads it.
    fn key<'v, T>(
        &mut self,
        map: &'v Map<String, Value>,
        key: &str,
        prefix: &str,
        get: impl Fn(&'v Value) -> Option<T>,
    ) -> Option<T> {
        let Some(value) = map.get(key) else {
            let mut problem = format!("no key \"{prefix}{key}\"");
            if let Some(question) = Diagnostic::did_you_mean(key, map.keys().map(String::as_str)) {
                let _ = write!(problem, "; {question}");
            }
            self.problems.push(problem);
            return None;
        };
        let got = get(value);
        if got.is_none() {
            self.problems
                .push(format!("key \"{prefix}{key}\": found {}", kind(value)));
        }
        got
    }

    /// A recommendation or runner-up: its strategy, approach and score.
    fn pair(&mut self, top: &Map<String, Value>, key: &str) -> Option<(Pair, f64)> {
        let object = self.key(top, key, "", Value::as_object)?;
        let prefix = format!("{key}.");
        let strategy = self.key(object, "strategy", &prefix, |v| {
            v.as_str().and_then(Strategy::from_name)
        });
        let approach = self.key(object, "approach", &prefix, |v| {
            v.as_str().and_then(Approach::from_name)
        });
        let score = self.key(object, "score", &prefix, Value::as_f64);
        Some((
            Pair {
                strategy: strategy?,
                approach: approach?,
            },
            score?,
        ))
    }

    /// A value per option, each a number, from the object at `key`.
    fn per<O: Copy + Name>(
        &mut self,
        map: &Map<String, Value>,
        key: &str,
        prefix: &str,
        all: [O; 4],
    ) -> Option<[f64; 4]> {
        self.per_with(map, key, prefix, all, Value::as_f64)
    }

    fn per_with<O: Copy + Name, T: Copy + Default>(
        &mut self,
        map: &Map<String, Value>,
        key: &str,
        prefix: &str,
        all: [O; 4],
        get: impl Fn(&Value) -> Option<T>,
    ) -> Option<[T; 4]> {
        let object = self.key(map, key, prefix, Value::as_object)?;
        let inner = format!("{prefix}{key}.");
        let mut out = [T::default(); 4];
        let mut complete = true;
        for (slot, option) in out.iter_mut().zip(all) {
            match self.key(object, option.name(), &inner, &get) {
                Some(v) => *slot = v,
                None => complete = false,
            }
        }
        complete.then_some(out)
    }

    fn answers(&mut self, top: &Map<String, Value>) -> Option<Vec<(String, Option<Shown>)>> {
        let rows = self.key(top, "answers", "", Value::as_array)?;
        let mut out = Vec::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            let question = row.get("question").and_then(Value::as_str);
            let value = match row.get("value") {
                Some(Value::Null) => Some(None),
                Some(Value::String(s)) => Some(Some(Shown::Level(s.clone()))),
                Some(Value::Number(n)) => n.as_f64().map(|n| Some(Shown::Number(n))),
                _ => None,
            };
            match (question, value) {
                (Some(q), Some(v)) => out.push((q.to_owned(), v)),
                _ => self.problems.push(format!(
                    "key \"answers\", item {}: found {}, expected {{\"question\": NAME, \"value\": ANSWER}}",
                    i + 1,
                    kind(row)
                )),
            }
        }
        Some(out)
    }

    fn costs(&mut self, top: &Map<String, Value>) -> Option<Costs> {
        let cost = self.key(top, "cost", "", Value::as_object)?;
        let all = Strategy::ALL;
        let monthly = self.per(cost, "monthly_usd", "cost.", all);
        let maybe = |v: &Value| {
            if v.is_null() {
                Some(None)
            } else {
                v.as_f64().map(Some)
            }
        };
        let first = self.per_with(cost, "first_year_usd", "cost.", all, maybe);
        let share = self.per_with(cost, "budget_share", "cost.", all, maybe);
        // Reports written before the training-share fact lack it: unknown, not a problem.
        let training = cost.get("training_budget_share").and_then(Value::as_f64);
        Some(Costs {
            monthly_usd: PerStrategy(monthly?),
            first_year_usd: PerStrategy(first?),
            budget_share: PerStrategy(share?),
            training_budget_share: training,
        })
    }

    fn source(&mut self, top: &Map<String, Value>) -> Option<Source> {
        let stamp = self.key(top, "stamp", "", Value::as_object)?;
        let text = |v: &Value| v.as_str().map(str::to_owned);
        let version = self.key(stamp, "version", "stamp.", text);
        let rules = self.key(stamp, "rules", "stamp.", text);
        let pricing = self.key(stamp, "pricing", "stamp.", text);
        let answers = self.key(stamp, "answers", "stamp.", text);
        Some(Source {
            version: version?,
            rules: rules?,
            pricing_date: stamp.get("pricing_date").and_then(text),
            pricing: pricing?,
            answers: answers?,
        })
    }

    fn contributions(&mut self, value: &Value) -> Option<Vec<Contribution>> {
        let Some(items) = value.as_array() else {
            self.problems.push(format!(
                "key \"contributions\": found {}, expected a list",
                kind(value)
            ));
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let rule = item.get("rule").and_then(Value::as_str);
            let moves = |key: &str| -> Option<Moves> {
                let Some(map) = item.get(key) else {
                    return Some(Moves::default());
                };
                map.as_object()?
                    .iter()
                    .map(|(k, v)| v.as_f64().map(|w| (k.clone(), w)))
                    .collect::<Option<Vec<_>>>()
                    .map(Moves)
            };
            let excludes = item.get("excludes").map_or(Some(Vec::new()), |e| {
                e.as_array()?
                    .iter()
                    .map(|n| n.as_str().map(str::to_owned))
                    .collect()
            });
            match (rule, moves("strategy"), moves("approach"), excludes) {
                (Some(rule), Some(strategy), Some(approach), Some(excludes)) => {
                    out.push(Contribution {
                        rule: rule.to_owned(),
                        strategy,
                        approach,
                        excludes,
                    });
                }
                _ => self.problems.push(format!(
                    "key \"contributions\", item {}: expected {{\"rule\": ID, \"strategy\": {{..}}, \"approach\": {{..}}}}",
                    i + 1
                )),
            }
        }
        Some(out)
    }
}

/// The name an option goes by in a report's keys.
trait Name {
    fn name(self) -> &'static str;
}

impl Name for Strategy {
    fn name(self) -> &'static str {
        Strategy::name(self)
    }
}

impl Name for Approach {
    fn name(self) -> &'static str {
        Approach::name(self)
    }
}
