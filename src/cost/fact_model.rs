//! The compiled cost model: the figures cost facts read, computed with every price, size class
//! and GPU resolved once, in straight-line arithmetic without lookups by name, clones or
//! allocation. It gives exactly what [`super::estimate`] gives for those figures.

use super::FactFigures;
use super::api;
use super::class_prices::ClassPrices;
use super::estimate::{first_year, hosted, owns_hardware, share, tuning_compute, tuning_job};
use super::hardware::{self, GpuCost};
use super::pricing::{Gpu, Pricing, SizeClass, Tier, Tuning};
use super::serving::Load;
use super::sizing;
use super::training;
use crate::answers::{Answer, Answers};
use crate::questions::{COUNT, QuestionId, SIZE_CLASSES, TIERS};

/// A hosted tier with its tuning offer.
#[derive(Debug, Clone, Copy)]
struct TierPrices<'p> {
    tier: &'p Tier,
    offer: &'p Tuning,
}

/// What the tier and size class come to for one task, domain and latency answer.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Sized {
    tier: u8,
    class: u8,
    token_factor: f64,
    input_per_output: f64,
    batch: bool,
}

/// The level questions the cost model reads, in table order.
const LEVELS: [&str; 5] = [
    "requirements.task",
    "requirements.domain",
    "requirements.latency",
    "requirements.hosting",
    "data.sensitivity",
];

/// The number questions the cost model reads, in [`CostInputs`] order.
const NUMBERS: [&str; 5] = [
    "budget.annual_usd",
    "traffic.requests_per_day",
    "traffic.tokens_per_request",
    "data.labeled_examples",
    "data.corpus_tokens",
];

/// A pricing compiled for the figures cost facts read; see [`FactModel::figures`].
#[derive(Debug, Clone)]
pub struct FactModel<'p> {
    p: &'p Pricing,
    levels: [QuestionId; 5],
    /// Levels (plus one for unanswered) of each level question.
    radix: [usize; 5],
    numbers: [QuestionId; 5],
    /// By task, domain and latency region.
    sized: Vec<Sized>,
    /// By hosting and sensitivity region: whether serving and training GPUs are bought.
    owned: Vec<(bool, bool)>,
    tiers: Vec<TierPrices<'p>>,
    classes: Vec<ClassPrices<'p>>,
    /// Every size class of the pricing, for the model trained from scratch.
    served: Vec<ClassPrices<'p>>,
    /// Dense classes ascending by parameters with the cut points between neighbours, when
    /// their parameters are distinct and positive.
    nearest: Option<(Vec<usize>, Vec<f64>)>,
    train_gpu: &'p Gpu,
    train_cost: [GpuCost; 2],
    staff_monthly: [f64; 4],
    rollout: f64,
}

/// One scenario's answers as the cost model reads them, resolved to table indices; a what-if
/// changes one number here and recomputes the figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CostInputs {
    sized: Sized,
    owned: bool,
    train_owned: bool,
    numbers: [Option<f64>; 5],
}

fn ids(names: [&str; 5]) -> Option<[QuestionId; 5]> {
    let found = names.map(QuestionId::from_name);
    found
        .iter()
        .all(Option::is_some)
        .then(|| found.map(|q| q.unwrap_or(QuestionId(0))))
}

/// The region of a level answer: 0 unanswered (or not a level of the question), else the
/// level plus one.
fn level_region(answer: Option<Answer>, radix: usize) -> usize {
    match answer {
        Some(Answer::Level(i)) if usize::from(i) + 1 < radix => usize::from(i) + 1,
        _ => 0,
    }
}

impl<'p> FactModel<'p> {
    /// Compiles a pricing; `None` when something in it is beyond the compiled model (the
    /// full estimate is then the way).
    pub fn new(p: &'p Pricing) -> Option<FactModel<'p>> {
        let levels = ids(LEVELS)?;
        let numbers = ids(NUMBERS)?;
        let radix = levels.map(|q| q.question().levels().map_or(1, |l| l.len() + 1));
        let train_gpu = p.gpu(&p.training.gpu);
        let prices = |class: &'p SizeClass, needed: f64| ClassPrices::new(p, class, needed);
        let classes = SIZE_CLASSES
            .map(|id| {
                let dense = if id == "moe" { "large" } else { id };
                prices(p.class(id), p.class(dense).params)
            })
            .to_vec();
        let served = p.serving.classes.iter().map(|c| prices(c, 0.0)).collect();
        let tiers = TIERS
            .map(|id| TierPrices {
                tier: p.tier(id),
                offer: p.tuning_offer(id),
            })
            .to_vec();
        let staff = p.staff_yearly();
        let mut model = FactModel {
            p,
            levels,
            radix,
            numbers,
            sized: Vec::new(),
            owned: Vec::new(),
            tiers,
            classes,
            served,
            nearest: nearest_cuts(p),
            train_gpu,
            train_cost: [
                hardware::per_gpu(train_gpu, None),
                hardware::per_gpu(train_gpu, Some(&p.owned)),
            ],
            staff_monthly: staff.0.map(|y| y / 12.0),
            rollout: p.rollout_usd(),
        };
        model.sized = model.sizing_table()?;
        model.owned = model.owned_table();
        Some(model)
    }

    /// A scenario with only the given level questions answered (region 0: unanswered).
    fn synthetic(&self, regions: &[(usize, usize)]) -> Answers {
        let mut answers = Answers::new("", [None; COUNT]);
        for &(slot, region) in regions {
            let level = region.checked_sub(1).and_then(|l| u8::try_from(l).ok());
            answers.set(self.levels[slot], level.map(Answer::Level));
        }
        answers
    }

    fn sizing_table(&self) -> Option<Vec<Sized>> {
        let [task, domain, latency, _, _] = self.radix;
        let mut out = Vec::with_capacity(task * domain * latency);
        for t in 0..task {
            for d in 0..domain {
                for l in 0..latency {
                    let s = sizing::size(&self.synthetic(&[(0, t), (1, d), (2, l)]), self.p);
                    out.push(Sized {
                        tier: u8::try_from(TIERS.iter().position(|x| *x == s.tier)?).ok()?,
                        class: u8::try_from(SIZE_CLASSES.iter().position(|x| *x == s.class)?)
                            .ok()?,
                        token_factor: s.token_factor,
                        input_per_output: s.input_per_output,
                        batch: s.batch,
                    });
                }
            }
        }
        Some(out)
    }

    fn owned_table(&self) -> Vec<(bool, bool)> {
        let [_, _, _, hosting, sensitivity] = self.radix;
        let mut out = Vec::with_capacity(hosting * sensitivity);
        for h in 0..hosting {
            for s in 0..sensitivity {
                let answers = self.synthetic(&[(3, h), (4, s)]);
                let owned = owns_hardware(&answers);
                let secret = sizing::level(&answers, "data.sensitivity") == Some("secret");
                out.push((owned, owned && secret));
            }
        }
        out
    }

    /// A scenario's cost inputs; `None` when its `[cost]` choices name a tier or size class
    /// the compiled model does not know.
    pub fn inputs(&self, answers: &Answers) -> Option<CostInputs> {
        let r = std::array::from_fn::<usize, 5, _>(|i| {
            level_region(answers.get(self.levels[i]), self.radix[i])
        });
        let mut sized = self.sized[(r[0] * self.radix[1] + r[1]) * self.radix[2] + r[2]];
        if let Some(tier) = answers.cost.tier {
            sized.tier = u8::try_from(TIERS.iter().position(|t| *t == tier)?).ok()?;
        }
        if let Some(class) = answers.cost.size_class {
            sized.class = u8::try_from(SIZE_CLASSES.iter().position(|c| *c == class)?).ok()?;
        }
        let (owned, train_owned) = self.owned[r[3] * self.radix[4] + r[4]];
        let numbers = self.numbers.map(|q| match answers.get(q) {
            Some(Answer::Number(n)) => Some(n),
            _ => None,
        });
        Some(CostInputs {
            sized,
            owned,
            train_owned,
            numbers,
        })
    }

    /// Whether `question` is one of the numbers the model reads, which
    /// [`CostInputs::set_number`] can change.
    pub fn reads_number(&self, question: QuestionId) -> bool {
        self.numbers.contains(&question)
    }

    /// The figures cost facts read, as [`super::Estimate::fact_figures`] gives them.
    pub fn figures(&self, x: &CostInputs) -> FactFigures {
        let p = self.p;
        let [budget, requests, tokens, labeled, corpus] = x.numbers;
        let load = Load {
            requests_per_day: requests.unwrap_or(0.0),
            tokens_per_request: tokens.unwrap_or(p.api.default_tokens_per_request.value)
                * x.sized.token_factor,
            input_per_output: x.sized.input_per_output,
            batch: x.sized.batch,
        };
        let traffic = hosted(&load, p);
        let tier = self.tiers[usize::from(x.sized.tier)];
        let labeled = labeled.unwrap_or(0.0);
        let owned = x.owned.then_some(&p.owned);
        let class = &self.classes[usize::from(x.sized.class)];
        let per_gpu = class.cost[usize::from(x.owned)];
        let peak = if load.batch {
            1.0
        } else {
            p.serving.peak_to_mean.value
        };
        let rate = load.requests_per_day / 86_400.0 * peak;
        let output = load.tokens_per_request / (load.input_per_output + 1.0);
        let split = (load.tokens_per_request - output, output);
        let fleet = class.gpus(&load, split, rate, &p.serving);
        let train_owned = x.train_owned.then_some(&p.owned);
        let run = training::size_run(
            corpus,
            class.needed,
            &p.training,
            self.train_gpu,
            train_owned,
        );
        let own = &self.served[self.class_near(run.params)];
        let own_cost = own.cost[usize::from(x.owned)];
        let own_fleet = own.gpus(&load, split, rate, &p.serving);
        let tuning = tuning_compute(labeled, class.class.active_params, p, self.train_gpu, owned);
        let cluster = run.cluster_gpus * self.train_cost[usize::from(x.train_owned)].once;
        let usage = [
            api::tier_monthly(&traffic, tier.tier),
            api::tuned_monthly(&traffic, tier.offer),
            fleet * per_gpu.monthly,
            own_fleet * own_cost.monthly,
        ];
        let writeoff = [
            0.0,
            0.0,
            fleet * per_gpu.writeoff,
            own_fleet * own_cost.writeoff,
        ];
        let once = [
            0.0,
            tuning_job(labeled, tier.offer, &p.fine_tuning),
            self.rollout + tuning + fleet * per_gpu.once,
            run.compute_usd + cluster + own_fleet * own_cost.once,
        ];
        let first: [f64; 4] = std::array::from_fn(|i| first_year(usage[i], writeoff[i], once[i]));
        FactFigures {
            first_year_usd: first.map(Some),
            budget_share: first.map(|f| share(f, budget)),
            monthly_api_usd: usage[0] + self.staff_monthly[0],
            monthly_self_hosting_usd: usage[2] + self.staff_monthly[2],
            training_budget_share: share(run.compute_usd + cluster, budget),
        }
    }

    /// The index in the pricing's classes of [`Pricing::class_near`]: from the cut points
    /// between neighbouring dense classes, or the logarithms themselves near a cut.
    fn class_near(&self, params: f64) -> usize {
        if let Some((order, cuts)) = &self.nearest {
            let clear = params > 0.0
                && params.is_finite()
                && cuts.iter().all(|c| (params / c - 1.0).abs() > 1e-9);
            if clear {
                return order[cuts.iter().filter(|c| **c < params).count()];
            }
        }
        let distance = |c: &SizeClass| (c.params / params).ln().abs();
        self.p
            .serving
            .classes
            .iter()
            .enumerate()
            .filter(|(_, c)| c.active_params >= c.params)
            .min_by(|a, b| distance(a.1).total_cmp(&distance(b.1)))
            .map_or(0, |(i, _)| i)
    }
}

/// The dense classes ascending by parameters and the geometric means between neighbours,
/// where the nearest class changes; `None` unless every dense class has distinct, positive,
/// finite parameters.
fn nearest_cuts(p: &Pricing) -> Option<(Vec<usize>, Vec<f64>)> {
    let classes = &p.serving.classes;
    let mut order: Vec<usize> = (0..classes.len())
        .filter(|i| classes[*i].active_params >= classes[*i].params)
        .collect();
    order.sort_by(|a, b| classes[*a].params.total_cmp(&classes[*b].params));
    let params: Vec<f64> = order.iter().map(|i| classes[*i].params).collect();
    let usable = !params.is_empty()
        && params.iter().all(|v| *v > 0.0 && v.is_finite())
        && params.windows(2).all(|w| w[0] < w[1]);
    let cuts = params.windows(2).map(|w| (w[0] * w[1]).sqrt()).collect();
    usable.then_some((order, cuts))
}

impl CostInputs {
    /// Sets one number the cost model reads (see [`FactModel::reads_number`]); other
    /// questions change nothing.
    pub fn set_number(&mut self, model: &FactModel<'_>, question: QuestionId, value: Option<f64>) {
        if let Some(i) = model.numbers.iter().position(|q| *q == question) {
            self.numbers[i] = value;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_class_matches_the_logarithms_everywhere() {
        let p = super::super::pricing::built_in().unwrap();
        let model = FactModel::new(&p).unwrap();
        let mut x = 1e6;
        while x < 1e13 {
            let want = p.class_near(x);
            let got = &p.serving.classes[model.class_near(x)];
            assert!(std::ptr::eq(want, got), "{x}");
            x *= 1.013;
        }
    }
}
