//! Estimating what each strategy would cost for one scenario, from its answers and a pricing
//! file.

use super::api::{self, Traffic};
use super::hardware::{self, GpuCost};
use super::pricing::{FineTuning, Gpu, Owned, Pricing, Tuning};
use super::serving::{self, Load};
use super::sizing::{self, Sizing};
use super::training;
use super::{Assumptions, Estimate, Ranges, break_even};
use crate::answers::{Answer, Answers};
use crate::options::{PerStrategy, Strategy};
use crate::questions::QuestionId;

fn number(answers: &Answers, name: &str) -> Option<f64> {
    match QuestionId::from_name(name).and_then(|q| answers.get(q)) {
        Some(Answer::Number(n)) => Some(n),
        _ => None,
    }
}

/// Whether self-hosted GPUs must be bought: on-premises hosting, or secret data with no
/// hosting answer.
pub fn owns_hardware(answers: &Answers) -> bool {
    match sizing::level(answers, "requirements.hosting") {
        Some("on_premises") => true,
        None => sizing::level(answers, "data.sensitivity") == Some("secret"),
        Some(_) => false,
    }
}

/// First-year spend: twelve months of running costs and the one-time costs, counting a
/// purchase once rather than its write-off.
pub(super) fn first_year(monthly: f64, writeoff: f64, once: f64) -> f64 {
    12.0 * (monthly - writeoff) + once
}

/// First-year cost over the budget; unknown when the budget is.
pub(super) fn share(cost: f64, budget: Option<f64>) -> Option<f64> {
    let budget = budget?;
    Some(if budget > 0.0 {
        cost / budget
    } else if cost > 0.0 {
        f64::INFINITY
    } else {
        0.0
    })
}

/// The parts every strategy's line is built from.
struct Lines {
    usage: [f64; 4],
    writeoff: [f64; 4],
    once: [f64; 4],
}

/// Estimates every strategy's cost for a scenario, with the low and high ends of the figures
/// that rest on a price range.
pub fn estimate_with_ranges(answers: &Answers, p: &Pricing) -> Estimate {
    let mut point = estimate(answers, p);
    let low = estimate(answers, &p.at_end(false));
    let high = estimate(answers, &p.at_end(true));
    let span = |f: fn(&Estimate, Strategy) -> f64| {
        PerStrategy(Strategy::ALL.map(|s| {
            let v = [f(&low, s), f(&point, s), f(&high, s)];
            [
                v.iter().copied().fold(f64::INFINITY, f64::min),
                v.iter().copied().fold(0.0, f64::max),
            ]
        }))
    };
    point.ranges = Ranges {
        monthly_usage_usd: span(|e, s| e.monthly_usage_usd[s]),
        one_time_usd: span(|e, s| e.one_time_usd[s]),
        first_year_usd: span(|e, s| e.first_year_usd[s].unwrap_or(0.0)),
    };
    point
}

/// Estimates every strategy's cost for a scenario at the pricing's point figures.
pub fn estimate(answers: &Answers, p: &Pricing) -> Estimate {
    let sizing = sizing::size(answers, p);
    let given = number(answers, "traffic.tokens_per_request");
    let load = load(answers, &sizing, p);
    let owned = owns_hardware(answers).then_some(&p.owned);
    let labeled = number(answers, "data.labeled_examples").unwrap_or(0.0);
    let corpus = number(answers, "data.corpus_tokens");
    let owners = Owners {
        serving: owned,
        training: owned.filter(|_| sizing::level(answers, "data.sensitivity") == Some("secret")),
    };
    let (lines, parts) = lines(&load, &sizing, labeled, corpus, owners, p);
    let staff = p.staff_yearly();
    let budget = number(answers, "budget.annual_usd");
    let first: [f64; 4] =
        std::array::from_fn(|i| first_year(lines.usage[i], lines.writeoff[i], lines.once[i]));
    Estimate {
        monthly_usd: PerStrategy(std::array::from_fn(|i| lines.usage[i] + staff.0[i] / 12.0)),
        monthly_usage_usd: PerStrategy(lines.usage),
        monthly_staff_usd: PerStrategy(staff.0.map(|y| y / 12.0)),
        one_time_usd: PerStrategy(lines.once),
        first_year_usd: PerStrategy(first.map(Some)),
        first_year_with_staff_usd: PerStrategy(std::array::from_fn(|i| first[i] + staff.0[i])),
        budget_share: PerStrategy(first.map(|f| share(f, budget))),
        training_usd: parts.training_usd,
        training_budget_share: share(parts.training_usd, budget),
        break_even_requests_per_day: self_hosting_break_even(&load, &sizing, owned, p, &staff),
        managed_open_weight_usd: parts.managed,
        tuning: parts.tuning,
        train: parts.train,
        self_hosting: parts.fleet,
        own_model: parts.own_fleet,
        owned_hardware: owned.is_some(),
        lead_time_weeks: owned.map(|o| o.lead_time_weeks.value),
        assumptions: Assumptions {
            requests_per_day: load.requests_per_day,
            tokens_per_request: load.tokens_per_request,
            tokens_per_request_defaulted: given.is_none(),
            tokens_per_month: serving::tokens_per_month(&load),
            input_per_output: sizing.input_per_output,
            api_tier: p.tier(&sizing.tier).name.clone(),
            training_utilization: p.training.utilization.value,
        },
        ranges: Ranges {
            monthly_usage_usd: PerStrategy(lines.usage.map(|v| [v, v])),
            one_time_usd: PerStrategy(lines.once.map(|v| [v, v])),
            first_year_usd: PerStrategy(first.map(|v| [v, v])),
        },
        sizing,
    }
}

/// The request stream a scenario sends to its model, sized as `sizing` says.
pub(super) fn load(answers: &Answers, sizing: &Sizing, p: &Pricing) -> Load {
    let given = number(answers, "traffic.tokens_per_request");
    let base_tokens = given.unwrap_or(p.api.default_tokens_per_request.value);
    Load {
        requests_per_day: number(answers, "traffic.requests_per_day").unwrap_or(0.0),
        tokens_per_request: base_tokens * sizing.token_factor,
        input_per_output: sizing.input_per_output,
        batch: sizing.batch,
    }
}

/// A load as hosted models bill it: a month of its tokens, the stable share of each prompt
/// read from the cache.
pub(super) fn hosted(load: &Load, p: &Pricing) -> Traffic {
    Traffic {
        tokens: serving::tokens_per_month(load),
        input_per_output: load.input_per_output,
        cached_share: p.api.stable_prompt_share.value,
        batch: load.batch,
    }
}

/// The pieces the report shows beside the lines.
/// Which GPUs are bought rather than rented: serving on premises (or secret data) buys the
/// serving fleet; a training run buys its cluster only when the data may not leave the
/// network (secret), since public, internal and even regulated text can be trained on
/// rented GPUs in a chosen region and only the trained model has to come home.
#[derive(Clone, Copy)]
struct Owners<'a> {
    serving: Option<&'a Owned>,
    training: Option<&'a Owned>,
}

struct Parts {
    managed: f64,
    training_usd: f64,
    tuning: String,
    train: training::Train,
    fleet: serving::Fleet,
    own_fleet: serving::Fleet,
}

fn lines(
    load: &Load,
    sizing: &Sizing,
    labeled: f64,
    corpus: Option<f64>,
    owned: Owners<'_>,
    p: &Pricing,
) -> (Lines, Parts) {
    let Owners {
        serving: owned,
        training: train_owned,
    } = owned;
    let traffic = hosted(load, p);
    let tier = p.tier(&sizing.tier);
    let offer = p.tuning_offer(&sizing.tier);
    let tuning_job = tuning_job(labeled, offer, &p.fine_tuning);
    let class = p.class(&sizing.class);
    let gpu = p.gpu(&class.gpu);
    let per_gpu: GpuCost = hardware::per_gpu(gpu, owned);
    let fleet = serving::fleet(load, class, gpu, &p.serving);
    // A model trained from scratch is dense: a mixture-of-experts use case caps it at the
    // largest dense class.
    let dense = if sizing.class == "moe" {
        "large"
    } else {
        sizing.class.as_str()
    };
    let train = training::run(corpus, p.class(dense).params, p, train_owned);
    let own_class = p.class_near(train.params);
    let own_gpu = p.gpu(&own_class.gpu);
    let own_cost = hardware::per_gpu(own_gpu, owned);
    let own_fleet = serving::fleet(load, own_class, own_gpu, &p.serving);
    let train_gpu = p.gpu(&p.training.gpu);
    let tuning_compute = tuning_compute(labeled, class.active_params, p, train_gpu, owned);
    let rollout = p.rollout_usd();
    let cluster = train.cluster_gpus * hardware::per_gpu(train_gpu, train_owned).once;
    let endpoint = p.endpoint(&sizing.class);
    let lines = Lines {
        usage: [
            api::tier_monthly(&traffic, tier),
            api::tuned_monthly(&traffic, offer),
            fleet.gpus * per_gpu.monthly,
            own_fleet.gpus * own_cost.monthly,
        ],
        writeoff: [
            0.0,
            0.0,
            fleet.gpus * per_gpu.writeoff,
            own_fleet.gpus * own_cost.writeoff,
        ],
        once: [
            0.0,
            tuning_job,
            rollout + tuning_compute + fleet.gpus * per_gpu.once,
            train.compute_usd + cluster + own_fleet.gpus * own_cost.once,
        ],
    };
    let parts = Parts {
        managed: api::api_monthly(
            traffic.tokens,
            traffic.input_per_output,
            endpoint.input_per_million,
            endpoint.output_per_million,
        ),
        tuning: offer.name.clone(),
        training_usd: train.compute_usd + cluster,
        train,
        fleet,
        own_fleet,
    };
    (lines, parts)
}

/// What the provider charges to tune B's model on the labeled examples.
pub(super) fn tuning_job(labeled: f64, offer: &Tuning, ft: &FineTuning) -> f64 {
    match (offer.training_per_million, offer.training_per_hour) {
        (Some(per_million), _) => {
            labeled * ft.tokens_per_example.value * ft.epochs.value / 1e6 * per_million
        }
        (None, Some(per_hour)) => {
            labeled / 1000.0 * offer.hours_per_thousand_examples.unwrap_or(0.0) * per_hour
        }
        (None, None) => 0.0,
    }
}

/// Compute to fine-tune the served model on the labeled examples: full fine-tuning (6 x
/// active parameters x tokens per pass), an upper bound for LoRA-style tuning, on the
/// training GPU `gpu`.
pub(super) fn tuning_compute(
    labeled: f64,
    active_params: f64,
    p: &Pricing,
    gpu: &Gpu,
    owned: Option<&Owned>,
) -> f64 {
    let tokens = labeled * p.fine_tuning.tokens_per_example.value * p.serving.tuning_epochs.value;
    let hours = training::training_gpu_hours(
        active_params,
        tokens,
        gpu.peak_bf16_flops,
        p.training.utilization.value,
    );
    match owned {
        None => hours * gpu.hourly_usd,
        Some(o) => hardware::power_cost(gpu, o, hours),
    }
}

/// The traffic above which self-hosting (C) costs less than the API (A), staff included.
fn self_hosting_break_even(
    load: &Load,
    sizing: &Sizing,
    owned: Option<&Owned>,
    p: &Pricing,
    staff: &PerStrategy<f64>,
) -> Option<f64> {
    let one = Load {
        requests_per_day: 1.0,
        ..*load
    };
    let traffic = hosted(&one, p);
    let per_request = api::tier_monthly(&traffic, p.tier(&sizing.tier));
    let class = p.class(&sizing.class);
    let gpu = p.gpu(&class.gpu);
    let n = serving::gpus_per_replica(class, gpu, &p.serving);
    let replica = n * hardware::per_gpu(gpu, owned).monthly;
    let capacity = serving::replica_capacity(load, class, gpu, &p.serving);
    break_even(
        per_request,
        capacity,
        replica,
        staff[Strategy::A] / 12.0,
        staff[Strategy::C] / 12.0,
    )
}
