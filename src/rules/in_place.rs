//! The built-in rule base read in place from the archive in the binary: its texts (sources,
//! descriptions, explanations, next steps) are borrowed from the binary instead of copied to
//! the heap, and only the parts without text are deserialized.

use std::borrow::Cow;

use rkyv::rancor::{Error, Source as _};
use rkyv::string::ArchivedString;

use super::{
    ApproachInfo, ArchivedApproachInfo, ArchivedNextStep, ArchivedPoint, ArchivedRule,
    ArchivedRuleBase, ArchivedSource, ArchivedStrategyInfo, NextStep, Point, Rule, RuleBase,
    Source, StrategyInfo, Text,
};
use crate::options::{PerApproach, PerStrategy};

/// The rule base in `bytes`, an archive that lives as long as the program: checked, then
/// read with its texts borrowed.
pub(super) fn read(bytes: &'static [u8]) -> Result<RuleBase, Error> {
    let a: &'static ArchivedRuleBase = rkyv::access::<ArchivedRuleBase, Error>(bytes)?;
    Ok(RuleBase {
        sources: a.sources.iter().map(source).collect(),
        strategies: PerStrategy(each(&a.strategies.0, strategy)?),
        approaches: PerApproach(each(&a.approaches.0, approach)?),
        rules: all(&a.rules, rule)?,
        next_steps: a
            .next_steps
            .iter()
            .map(next_step)
            .collect::<Result<_, _>>()?,
        promises: rkyv::deserialize::<_, Error>(&a.promises)?,
        pricing: rkyv::deserialize::<_, Error>(&a.pricing)?,
        pricing_file: a.pricing_file.as_str().to_owned(),
        identity: rkyv::deserialize::<_, Error>(&a.identity)?,
        reads_facts: a.reads_facts,
        layered: a.layered,
        removed: rkyv::deserialize::<_, Error>(&a.removed)?,
    })
}

/// Four items, each read by `read`.
fn each<A, T>(
    items: &'static [A; 4],
    read: fn(&'static A) -> Result<T, Error>,
) -> Result<[T; 4], Error> {
    let [first, second, third, fourth] = items;
    Ok([read(first)?, read(second)?, read(third)?, read(fourth)?])
}

/// Every item, each read by `read`, into a vector allocated once.
fn all<A, T>(
    items: &'static [A],
    read: fn(&'static A) -> Result<T, Error>,
) -> Result<Vec<T>, Error> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(read(item)?);
    }
    Ok(out)
}

fn text(s: &'static ArchivedString) -> Text {
    Cow::Borrowed(s.as_str())
}

fn source(s: &'static ArchivedSource) -> Source {
    Source {
        id: text(&s.id),
        title: text(&s.title),
        publisher: text(&s.publisher),
        date: s.date.as_ref().map(text),
        url: s.url.as_ref().map(text),
    }
}

fn point(p: &'static ArchivedPoint) -> Point {
    Point {
        text: text(&p.text),
        source: text(&p.source),
    }
}

fn strategy(s: &'static ArchivedStrategyInfo) -> Result<StrategyInfo, Error> {
    Ok(StrategyInfo {
        name: text(&s.name),
        summary: text(&s.summary),
        region: [s.region[0].to_native(), s.region[1].to_native()],
        examples: rkyv::deserialize::<_, Error>(&s.examples)?,
        source: text(&s.source),
        pros: s.pros.iter().map(point).collect(),
        cons: s.cons.iter().map(point).collect(),
    })
}

#[allow(clippy::unnecessary_wraps)] // read through `each`, like strategies, which can fail
fn approach(a: &'static ArchivedApproachInfo) -> Result<ApproachInfo, Error> {
    Ok(ApproachInfo {
        name: text(&a.name),
        summary: text(&a.summary),
        fits: text(&a.fits),
        source: text(&a.source),
    })
}

fn rule(r: &'static ArchivedRule) -> Result<Rule, Error> {
    Ok(Rule {
        id: text(&r.id),
        summary: text(&r.summary),
        source: text(&r.source),
        when: rkyv::deserialize::<_, Error>(&r.when)?,
        effect: rkyv::deserialize::<_, Error>(&r.effect)?,
        hand_set: rkyv::deserialize::<_, Error>(&r.hand_set)?,
        explanation: text(&r.explanation),
        file: text(&r.file),
        index: usize::try_from(r.index.to_native()).map_err(Error::new)?,
        origin: rkyv::deserialize::<_, Error>(&r.origin)?,
    })
}

fn next_step(n: &'static ArchivedNextStep) -> Result<NextStep, Error> {
    Ok(NextStep {
        id: text(&n.id),
        topic: text(&n.topic),
        strategies: rkyv::deserialize::<_, Error>(&n.strategies)?,
        approaches: rkyv::deserialize::<_, Error>(&n.approaches)?,
        when: rkyv::deserialize::<_, Error>(&n.when)?,
        text: text(&n.text),
        source: text(&n.source),
    })
}
