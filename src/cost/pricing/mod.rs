//! The pricing file: API prices, GPUs, serving capacity, training efficiency and staff costs,
//! every figure dated and sourced. Parsed from YAML and checked like the rules.

use std::path::Path;

use crate::diagnostic::locate::Locations;
use crate::diagnostic::{Diagnostic, Invalid, Problems, input, yaml};
use crate::options::{PerStrategy, Strategy};

pub mod catalogue;
mod model;

pub use model::{
    Api, Dated, Endpoint, FineTuning, Gpu, Owned, Pricing, Role, Serving, SizeClass, Staff, Tier,
    Training, Tuning,
};

/// The first item whose id matches, or the first item (ids are checked when loading).
fn find<'a, T>(items: &'a [T], id: &str, of: impl Fn(&T) -> &str) -> &'a T {
    items.iter().find(|t| of(t) == id).unwrap_or(&items[0])
}

impl Pricing {
    /// The GPU with this id.
    pub fn gpu(&self, id: &str) -> &Gpu {
        find(&self.gpus, id, |g| &g.id)
    }

    /// The hosted tier with this id.
    pub fn tier(&self, id: &str) -> &Tier {
        find(&self.api.tiers, id, |t| &t.id)
    }

    /// The tuning offer for a tier: its supervised offer if it has one, else its first, else
    /// the offer of the nearest tier below it that has one.
    pub fn tuning_offer(&self, tier: &str) -> &Tuning {
        let offers = &self.fine_tuning.offers;
        let of = |t: &str| {
            offers
                .iter()
                .filter(|o| o.tier == t)
                .min_by_key(|o| o.method != "supervised")
        };
        let order = ["frontier", "mid", "small"];
        let start = order.iter().position(|t| *t == tier).unwrap_or(0);
        order[start..]
            .iter()
            .find_map(|t| of(t))
            .unwrap_or(&offers[0])
    }

    /// The open-model size class with this id.
    pub fn class(&self, id: &str) -> &SizeClass {
        find(&self.serving.classes, id, |c| &c.id)
    }

    /// The dense size class nearest in parameters to a model of `params`.
    pub fn class_near(&self, params: f64) -> &SizeClass {
        let distance = |c: &SizeClass| (c.params / params).ln().abs();
        self.serving
            .classes
            .iter()
            .filter(|c| c.active_params >= c.params)
            .min_by(|a, b| distance(a).total_cmp(&distance(b)))
            .unwrap_or(&self.serving.classes[0])
    }

    /// The per-token endpoint for a size class.
    pub fn endpoint(&self, class: &str) -> &Endpoint {
        find(&self.endpoints, class, |e| &e.class)
    }

    /// A role's yearly employer cost: pay times overhead. Zero for an unknown role.
    pub fn role_yearly(&self, id: &str) -> f64 {
        self.staff
            .roles
            .iter()
            .find(|r| r.id == id)
            .map_or(0.0, |r| r.yearly_usd * self.staff.overhead.value)
    }

    /// Yearly staff cost per strategy: its team's people times their roles' costs.
    pub fn staff_yearly(&self) -> PerStrategy<f64> {
        PerStrategy(Strategy::ALL.map(|s| {
            self.staff.teams.get(s.name()).map_or(0.0, |team| {
                team.iter()
                    .map(|(role, people)| people * self.role_yearly(role))
                    .sum()
            })
        }))
    }

    /// What rolling out a self-hosted platform costs once, in engineer time.
    pub fn rollout_usd(&self) -> f64 {
        self.staff.rollout_months.value / 12.0 * self.role_yearly("ml_engineer")
    }

    /// The pricing at one end of its ranges: the cheap end (`high` false) rents and buys
    /// every GPU at its lowest reported price and serves at the best measured capacity; the
    /// dear end takes the highest prices and the lowest capacity.
    #[must_use]
    pub fn at_end(&self, high: bool) -> Pricing {
        let mut p = self.clone();
        let end = |range: Option<[f64; 2]>, point: f64, dear_is_top: bool| {
            range.map_or(
                point,
                |[low, top]| if high == dear_is_top { top } else { low },
            )
        };
        for g in &mut p.gpus {
            g.hourly_usd = end(g.hourly_range, g.hourly_usd, true);
            g.purchase_usd = end(g.purchase_range, g.purchase_usd, true);
        }
        let u = &mut p.serving.prefill_utilization;
        u.value = end(u.range, u.value, false);
        p
    }

    /// Every date in the file, `YYYY-MM-DD`.
    pub fn dates(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let a = &self.api;
        for d in [
            &a.input_per_output,
            &a.default_tokens_per_request,
            &a.stable_prompt_share,
            &a.reasoning_token_factor,
            &a.agent_token_factor,
            &a.classify_input_per_output,
            &a.extract_input_per_output,
            &a.agent_input_per_output,
        ] {
            out.push(&d.date);
        }
        out.extend(a.tiers.iter().map(|t| t.date.as_str()));
        out.extend(self.fine_tuning.offers.iter().map(|t| t.date.as_str()));
        out.extend(self.endpoints.iter().map(|t| t.date.as_str()));
        out.extend(self.gpus.iter().map(|t| t.date.as_str()));
        out.extend(self.serving.classes.iter().map(|t| t.date.as_str()));
        out.extend(self.staff.roles.iter().map(|t| t.date.as_str()));
        out
    }

    /// The newest price date in the file: the date of its newest tier, offer, endpoint,
    /// GPU or role.
    pub fn newest(&self) -> Option<&str> {
        self.dates().into_iter().max()
    }
}

/// The pricing file compiled into the binary.
pub const BUILT_IN: &str = include_str!("../../../rules/pricing.yaml");

/// Problems found in a pricing file, each with the YAML path it concerns.
type Found = Vec<(String, Diagnostic)>;

mod check;

/// Parses and checks a pricing file, reporting every problem with its line.
pub fn parse(path: &Path, text: &str) -> Result<Pricing, Invalid> {
    let pricing: Pricing = yaml::from_str(path, text)?;
    let mut found = Found::new();
    check::numbers(&pricing, &mut found);
    check::references(&pricing, &mut found);
    check::staff(&pricing, &mut found);
    if found.is_empty() {
        return Ok(pricing);
    }
    let locations = Locations::of(text);
    let mut problems = Problems::new(path, text);
    for (at, mut d) in found {
        d.span = locations.find(&at);
        problems.push(d);
    }
    problems.finish()?;
    Ok(pricing)
}

/// Loads a pricing file from disk.
pub fn load(path: &Path) -> anyhow::Result<Pricing> {
    let text = input::read(path, input::Kind::Pricing)?;
    Ok(parse(path, &text)?)
}

/// The built-in pricing.
pub fn built_in() -> Result<Pricing, Invalid> {
    parse(Path::new("rules/pricing.yaml"), BUILT_IN)
}
