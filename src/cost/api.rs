//! Hosted-model bills: tokens a month priced per million, with cached prompts and the batch
//! interface where they apply.

use super::pricing::{Tier, Tuning};

/// How a month of hosted traffic is billed.
#[derive(Debug, Clone, Copy)]
pub(super) struct Traffic {
    /// Tokens a month, prompt and completion.
    pub(super) tokens: f64,
    /// Prompt tokens per completion token.
    pub(super) input_per_output: f64,
    /// Share of prompt tokens billed at the cached-input price.
    pub(super) cached_share: f64,
    /// Whether the batch interface's prices apply.
    pub(super) batch: bool,
}

impl Traffic {
    /// Prompt and completion tokens a month.
    fn split(&self) -> (f64, f64) {
        let output = self.tokens / (self.input_per_output + 1.0);
        (self.tokens - output, output)
    }
}

/// Monthly fees for `tokens` tokens at plain per-million prices (no cache, no batch).
pub fn api_monthly(tokens: f64, input_per_output: f64, input_price: f64, output_price: f64) -> f64 {
    let t = Traffic {
        tokens,
        input_per_output,
        cached_share: 0.0,
        batch: false,
    };
    let (input, output) = t.split();
    (input * input_price + output * output_price) / 1e6
}

/// Monthly fees on a hosted tier. Batch prices apply to uncached prompt tokens and to
/// completions; cached prompt tokens are billed at the cached price either way.
pub(super) fn tier_monthly(t: &Traffic, tier: &Tier) -> f64 {
    let (input, output) = t.split();
    let (in_price, out_price) = if t.batch {
        (tier.batch_input_per_million, tier.batch_output_per_million)
    } else {
        (tier.input_per_million, tier.output_per_million)
    };
    let cached = input * t.cached_share;
    ((input - cached) * in_price
        + cached * tier.cached_input_per_million.min(in_price)
        + output * out_price)
        / 1e6
}

/// Monthly fees for a provider-tuned model (tuned models get no batch or cache discount).
pub(super) fn tuned_monthly(t: &Traffic, offer: &Tuning) -> f64 {
    api_monthly(
        t.tokens,
        t.input_per_output,
        offer.input_per_million,
        offer.output_per_million,
    )
}
