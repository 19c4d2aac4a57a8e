//! Terminal output: headings, tables sized to the terminal, wrapped text, optional color.
//!
//! One file per output: [`assess`], [`compare`], [`portfolio`], [`cost`], [`rules`] and
//! [`coverage`].

use std::fmt::Write as _;

use anstyle::Style;
use comfy_table::ContentArrangement;
use comfy_table::presets::UTF8_FULL_CONDENSED;

mod assess;
mod calibration;
mod compare;
mod cost;
mod coverage;
mod explain;
mod portfolio;
mod questions;
mod review;
mod rules;
mod summary;

use super::{Look, Render};
use crate::calibrate::{Calibration, CrossValidation};
use crate::cases::TestRun;
use crate::compare::Comparison;
use crate::cost::CostReport;
use crate::coverage::CoverageReport;
use crate::inspect::{CheckSummary, RuleDetail, RuleList};
use crate::portfolio::Portfolio;
use crate::questions::Questionnaire;
use crate::report::Report;
use crate::review::Review;

/// The terminal renderer.
pub(super) struct Table {
    pub(super) look: Look,
}

impl Table {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.look.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    }

    fn heading(&self, out: &mut String, text: &str) {
        out.push('\n');
        for line in textwrap::wrap(text, usize::from(self.look.width)) {
            let _ = writeln!(
                out,
                "{}",
                self.paint(Style::new().bold().underline(), &line)
            );
        }
    }

    fn wrap(&self, out: &mut String, text: &str, first: &str, rest: &str) {
        let options = super::wrapping(usize::from(self.look.width), first, rest);
        for line in textwrap::wrap(text, options) {
            let _ = writeln!(out, "{line}");
        }
    }

    fn table(&self) -> comfy_table::Table {
        let mut table = comfy_table::Table::new();
        table
            .load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(self.look.width);
        table
    }
}

impl Render for Table {
    fn assess(&self, report: &Report) -> Option<String> {
        Some(if self.look.full {
            self.assessment(report)
        } else {
            self.summary(report)
        })
    }

    fn assess_since(&self, report: &Report, review: &Review, _: Option<&str>) -> Option<String> {
        let mut out = self.assess(report)?;
        out.push_str(&self.review(review));
        Some(out)
    }

    fn review(&self, review: &Review) -> Option<String> {
        Some(Table::review(self, review))
    }

    fn compare(&self, comparison: &Comparison) -> Option<String> {
        Some(self.comparison(comparison))
    }

    fn portfolio(&self, portfolio: &Portfolio) -> Option<String> {
        Some(self.portfolio(portfolio))
    }

    fn cost(&self, cost: &CostReport<'_>) -> Option<String> {
        Some(cost::render(cost, usize::from(self.look.width)))
    }

    fn rules_list(&self, list: &RuleList<'_>) -> Option<String> {
        Some(rules::list(self, list))
    }

    fn rule_show(&self, rule: &RuleDetail<'_>) -> Option<String> {
        Some(rules::show(rule, self.look.width))
    }

    fn rules_check(&self, summary: &CheckSummary) -> Option<String> {
        Some(rules::check(summary))
    }

    fn rules_test(&self, run: &TestRun) -> Option<String> {
        Some(rules::test(run))
    }

    fn cross_validation(&self, cv: &CrossValidation) -> Option<String> {
        Some(calibration::cross_validation(cv))
    }

    fn calibration(&self, calibration: &Calibration) -> Option<String> {
        Some(calibration::calibration(calibration))
    }

    fn coverage(&self, coverage: &CoverageReport<'_>) -> Option<String> {
        Some(coverage::render(coverage))
    }

    fn questions(&self, questionnaire: &Questionnaire) -> Option<String> {
        Some(questions::render(self, questionnaire))
    }
}
