//! `[cost]` in an answers file: the hosted tier and open-model size class to price at,
//! where the user knows better than the right-sizing that the task, domain and latency imply.

use std::borrow::Cow;

use toml::Spanned;
use toml::de::DeValue;

use super::validate::{describe, unknown_key};
use crate::diagnostic::{Diagnostic, Problems};
use crate::questions::{SIZE_CLASSES, TIERS, quote_list};

/// Pricing choices an answers file makes instead of the cost model's right-sizing.
/// They change the cost lines only, never the recommendation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CostOverrides {
    /// `[cost] tier`: the hosted tier (`small`, `mid` or `frontier`).
    pub tier: Option<&'static str>,
    /// `[cost] size_class`: the open-model size class (`small`, `medium`, `large` or `moe`).
    pub size_class: Option<&'static str>,
}

/// Checks one key of `[cost]` and records it.
pub(super) fn check_cost_key(
    problems: &mut Problems<'_>,
    overrides: &mut CostOverrides,
    key: &Spanned<Cow<'_, str>>,
    value: &Spanned<DeValue<'_>>,
) {
    let name = key.get_ref().as_ref();
    let (levels, slot): (&[&'static str], _) = match name {
        "tier" => (&TIERS, &mut overrides.tier),
        "size_class" => (&SIZE_CLASSES, &mut overrides.size_class),
        _ => {
            problems.push_with(Some(key.span().start), || unknown_key("cost", key));
            return;
        }
    };
    let allowed = quote_list(levels);
    let found = match value.get_ref() {
        DeValue::String(text) => {
            if let Some(level) = levels.iter().find(|l| **l == text.as_ref()) {
                *slot = Some(level);
                return;
            }
            problems.push(
                Diagnostic::at(
                    value.span(),
                    format!("[cost] {name}: found \"{text}\", which is not allowed"),
                )
                .note(format!("allowed: one of {allowed}"))
                .suggest(text, levels.iter().copied()),
            );
            return;
        }
        other => describe(other),
    };
    problems.push(
        Diagnostic::at(value.span(), format!("[cost] {name}: found {found}"))
            .note(format!("allowed: one of {allowed}")),
    );
}
