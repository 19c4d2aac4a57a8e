//! Estimating what each strategy would cost for one scenario, from its answers and a pricing
//! file.

use super::pricing::{self, Pricing};
use super::{
    Assumptions, DAYS_PER_MONTH, Estimate, Fleet, HOURS_PER_MONTH, OneTime, Train, break_even,
};
use crate::answers::{Answer, Answers};
use crate::options::{PerStrategy, Strategy};
use crate::questions::QuestionId;

fn number(answers: &Answers, name: &str) -> Option<f64> {
    match QuestionId::from_name(name).and_then(|q| answers.get(q)) {
        Some(Answer::Number(n)) => Some(n),
        _ => None,
    }
}

/// GPU-hours to train `params` parameters on `tokens` tokens: 6 FLOPs per parameter per
/// token, at `utilization` of the GPU's peak.
pub fn training_gpu_hours(params: f64, tokens: f64, peak_flops: f64, utilization: f64) -> f64 {
    6.0 * params * tokens / (peak_flops * utilization) / 3600.0
}

/// Monthly API fees for `tokens` tokens a month at the given prices per million.
pub fn api_monthly(tokens: f64, input_per_output: f64, input_price: f64, output_price: f64) -> f64 {
    let input = tokens * input_per_output / (input_per_output + 1.0);
    let output = tokens / (input_per_output + 1.0);
    (input * input_price + output * output_price) / 1e6
}

/// The answers an estimate reads.
struct Inputs {
    requests: f64,
    tokens_per_request: f64,
    defaulted: bool,
    labeled: f64,
    corpus: Option<f64>,
    budget: Option<f64>,
    /// Tokens a month.
    tokens: f64,
}

impl Inputs {
    fn of(answers: &Answers, p: &Pricing) -> Inputs {
        let requests = number(answers, "traffic.requests_per_day").unwrap_or(0.0);
        let given = number(answers, "traffic.tokens_per_request");
        let tokens_per_request = given.unwrap_or(p.api.default_tokens_per_request.value);
        Inputs {
            requests,
            tokens_per_request,
            defaulted: given.is_none(),
            labeled: number(answers, "data.labeled_examples").unwrap_or(0.0),
            corpus: number(answers, "data.corpus_tokens"),
            budget: number(answers, "budget.annual_usd"),
            tokens: requests * tokens_per_request * DAYS_PER_MONTH,
        }
    }
}

/// The training run a corpus implies: compute-optimal size, GPU-hours on the training GPU.
fn training_run(corpus: Option<f64>, p: &Pricing) -> Option<Train> {
    let gpu = p.gpu(&p.training.gpu);
    corpus.filter(|t| *t > 0.0).map(|tokens| {
        let params = tokens / p.training.tokens_per_parameter.value;
        Train {
            params,
            tokens,
            gpu_hours: training_gpu_hours(
                params,
                tokens,
                gpu.peak_bf16_flops,
                p.training.utilization.value,
            ),
            gpu: gpu.id.clone(),
        }
    })
}

/// Monthly cost of serving `tokens` a month on GPUs with the given model.
fn serving_monthly(tokens: f64, model: &pricing::ServedModel, p: &Pricing) -> (f64, f64) {
    let gpus = fleet(
        tokens,
        model.tokens_per_second,
        model.gpus_per_replica,
        p.serving.utilization.value,
    );
    (gpus, gpus * p.gpu(&model.gpu).hourly_usd * HOURS_PER_MONTH)
}

/// First-year cost over the budget; unknown when either is.
fn share(first_year: Option<f64>, budget: Option<f64>) -> Option<f64> {
    let (cost, budget) = (first_year?, budget?);
    Some(if budget > 0.0 {
        cost / budget
    } else if cost > 0.0 {
        f64::INFINITY
    } else {
        0.0
    })
}

/// Estimates every strategy's cost for a scenario.
pub fn estimate(answers: &Answers, p: &Pricing) -> Estimate {
    let input = Inputs::of(answers, p);
    let ratio = p.api.input_per_output.value;
    let tier = p.tier();
    let ft = &p.fine_tuning;
    let model = p.served();
    let train_gpu = p.gpu(&p.training.gpu);

    let api = api_monthly(
        input.tokens,
        ratio,
        tier.input_per_million,
        tier.output_per_million,
    );
    let tuned = api_monthly(
        input.tokens,
        ratio,
        ft.input_per_million,
        ft.output_per_million,
    );
    let tuning_job =
        input.labeled * ft.tokens_per_example * ft.epochs / 1e6 * ft.training_per_million;
    let (gpus, hosted) = serving_monthly(input.tokens, model, p);
    let tuning_tokens = input.labeled * ft.tokens_per_example * p.serving.tuning_epochs;
    let tuning_compute = training_gpu_hours(
        model.params,
        tuning_tokens,
        train_gpu.peak_bf16_flops,
        p.training.utilization.value,
    ) * train_gpu.hourly_usd;
    let train = training_run(input.corpus, p);
    // The trained model is served like the listed model nearest to it in size.
    let own_model = train.as_ref().map_or(model, |t| {
        let distance = |m: &pricing::ServedModel| (m.params / t.params).ln().abs();
        p.serving
            .models
            .iter()
            .min_by(|x, y| distance(x).total_cmp(&distance(y)))
            .unwrap_or(model)
    });
    let (_, own_serving) = serving_monthly(input.tokens, own_model, p);
    let training = train.as_ref().map(|t| t.gpu_hours * train_gpu.hourly_usd);

    let usage = PerStrategy([api, tuned, hosted, own_serving]);
    let staff = PerStrategy(p.staff().0.map(|yearly| yearly / 12.0));
    let once = [Some(0.0), Some(tuning_job), Some(tuning_compute), training];
    let first_year = PerStrategy(std::array::from_fn(|i| {
        once[i].map(|o| 12.0 * usage.0[i] + o)
    }));
    Estimate {
        monthly_usd: PerStrategy(std::array::from_fn(|i| usage.0[i] + staff.0[i])),
        monthly_usage_usd: usage,
        monthly_staff_usd: staff,
        one_time_usd: OneTime {
            B: tuning_job,
            C: tuning_compute,
            D: training,
        },
        first_year_usd: first_year,
        budget_share: PerStrategy(first_year.0.map(|f| share(f, input.budget))),
        train,
        break_even_requests_per_day: self_hosting_break_even(&input, p, &staff),
        self_hosting: Fleet {
            model: model.name.clone(),
            gpus,
            gpu: p.gpu(&model.gpu).name.clone(),
        },
        assumptions: Assumptions {
            requests_per_day: input.requests,
            tokens_per_request: input.tokens_per_request,
            tokens_per_request_defaulted: input.defaulted,
            tokens_per_month: input.tokens,
            input_per_output: ratio,
            api_tier: tier.name.clone(),
            serving_utilization: p.serving.utilization.value,
            training_utilization: p.training.utilization.value,
        },
    }
}

/// The traffic above which self-hosting (C) costs less than the API (A), staff included.
fn self_hosting_break_even(input: &Inputs, p: &Pricing, staff: &PerStrategy<f64>) -> Option<f64> {
    let tier = p.tier();
    let model = p.served();
    let per_request = api_monthly(
        input.tokens_per_request * DAYS_PER_MONTH,
        p.api.input_per_output.value,
        tier.input_per_million,
        tier.output_per_million,
    );
    let replica = model.gpus_per_replica * p.gpu(&model.gpu).hourly_usd * HOURS_PER_MONTH;
    let capacity =
        model.tokens_per_second * p.serving.utilization.value * 86_400.0 / input.tokens_per_request;
    break_even(
        per_request,
        capacity,
        replica,
        staff[Strategy::A],
        staff[Strategy::C],
    )
}

/// GPUs to serve `tokens` a month: whole replicas, at least one.
fn fleet(tokens: f64, replica_tps: f64, gpus_per_replica: f64, utilization: f64) -> f64 {
    let needed = tokens / (DAYS_PER_MONTH * 86_400.0);
    (needed / (replica_tps * utilization)).ceil().max(1.0) * gpus_per_replica
}
