//! Benchmarks: one evaluation of the default rule base, a whole `assess` in process, and the
//! throughput of `rules coverage` in scenarios per second. Run with `cargo bench`.

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use llm_strategy::{answers, coverage, engine, render, report, rules};

fn example(name: &str) -> answers::Answers {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    let bytes = std::fs::read(&path).expect("example exists");
    answers::parse(&path, &bytes).expect("example is valid")
}

fn evaluation(c: &mut Criterion) {
    let base = rules::built_in().expect("built-in rules load");
    let bank = example("regional-bank-advisor.toml");
    c.bench_function("evaluate/regional-bank-advisor", |b| {
        b.iter(|| engine::evaluate(black_box(&base), black_box(&bank)));
    });
    let compiled = engine::Evaluator::new(&base);
    c.bench_function("evaluate-compiled/regional-bank-advisor", |b| {
        b.iter(|| compiled.outcome(black_box(&bank)));
    });
    let all: Vec<answers::Answers> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"))
            .expect("examples/")
            .filter_map(Result::ok)
            .map(|e| example(&e.file_name().to_string_lossy()))
            .collect();
    let mut group = c.benchmark_group("evaluate");
    group.throughput(Throughput::Elements(all.len() as u64));
    group.bench_function("every-example", |b| {
        b.iter(|| {
            for a in &all {
                black_box(engine::evaluate(&base, a));
            }
        });
    });
    group.finish();
    let mut group = c.benchmark_group("evaluate-compiled");
    group.throughput(Throughput::Elements(all.len() as u64));
    group.bench_function("every-example", |b| {
        b.iter(|| {
            for a in &all {
                black_box(compiled.outcome(a));
            }
        });
    });
    group.finish();
    let look = render::Look {
        width: 80,
        color: false,
        heading_level: 2,
        full: false,
    };
    let bank_report = report::assess(&base, &bank);
    c.bench_function("render/table-80-columns", |b| {
        b.iter(|| {
            black_box(
                render::Format::Table
                    .renderer(look)
                    .assess(black_box(&bank_report)),
            )
        });
    });
    c.bench_function("assess/load-rules-parse-evaluate-render", |b| {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/regional-bank-advisor.toml");
        let bytes = std::fs::read(&path).expect("example exists");
        b.iter(|| {
            let base = rules::built_in().expect("rules");
            let answers = answers::parse(&path, &bytes).expect("valid");
            let r = report::assess(&base, &answers);
            black_box(render::Format::Table.renderer(look).assess(&r))
        });
    });
}

/// The what-if analysis and the roadmap of one scenario: the nearest answers that change the
/// advice, and the cost limits found by bisection along each growth direction.
fn what_if(c: &mut Criterion) {
    let base = rules::built_in().expect("built-in rules load");
    let bank = example("regional-bank-advisor.toml");
    let pick = engine::evaluate(&base, &bank).recommendation();
    c.bench_function("whatif/regional-bank-advisor", |b| {
        b.iter(|| {
            let analysis = llm_strategy::whatif::analyse(black_box(&base), black_box(&bank), pick);
            let roadmap = llm_strategy::whatif::roadmap::triggers(&base, &bank, pick);
            black_box((analysis, roadmap))
        });
    });
    // The same analysis the way it ran before the compiled evaluator: every probe through
    // the reference evaluator and a full cost estimate, every bisection step a full estimate.
    let reference = engine::Evaluator::Reference(&base);
    c.bench_function("whatif-reference/regional-bank-advisor", |b| {
        b.iter(|| {
            let analysis = llm_strategy::whatif::analyse_with(&reference, black_box(&bank), pick);
            let roadmap = llm_strategy::whatif::roadmap::triggers_with(&reference, &bank, pick);
            black_box((analysis, roadmap))
        });
    });
}

/// `rules coverage` on 2 threads (the default): the built-in rules, and the bench fixtures
/// laid over them (two six-question `any` rules). The third fixture, three more thresholds
/// per numeric question, is not benched: its exact count does not finish in minutes.
/// The exact count of the default space takes minutes, so ten samples take most of an hour:
/// `cargo bench --bench engine -- coverage/two-any-rules` runs the quick one alone.
fn coverage_throughput(c: &mut Criterion) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/benches/fixtures");
    let bases = [
        ("default", rules::built_in().expect("built-in rules load")),
        (
            "two-any-rules",
            rules::load_layered(&fixtures.join("two-any-rules")).expect("fixture loads"),
        ),
    ];
    let mut group = c.benchmark_group("coverage");
    group.sample_size(10);
    for (name, base) in &bases {
        let scenarios = coverage::size(&coverage::dims(base));
        group.throughput(Throughput::Elements(
            u64::try_from(scenarios).unwrap_or(u64::MAX),
        ));
        group.bench_function(*name, |b| {
            b.iter(|| {
                coverage::cover(black_box(base), 2, coverage::DEFAULT_MAX_STATES, &|_, _| ())
            });
        });
    }
    group.finish();
}

/// The analysis of uncertain answers: exact (a range and two candidates: 16 regions) and
/// sampled (two ranges the cost model reads: 20,000 draws).
fn uncertain_answers(c: &mut Criterion) {
    let base = rules::built_in().expect("built-in rules load");
    let bank = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/regional-bank-advisor.toml"),
    )
    .expect("example exists");
    let uncertain = |edits: &[(&str, &str)]| {
        let mut text = bank.replace(
            "ml_talent = \"basic\"",
            "ml_talent = [\"basic\", \"experienced\"]",
        );
        for (from, to) in edits {
            text = text.replace(from, to);
        }
        answers::parse_text(Path::new("uncertain.toml"), &text).expect("valid")
    };
    let traffic = (
        "requests_per_day = 20_000",
        "requests_per_day = { low = 5_000, likely = 20_000, high = 2_000_000 }",
    );
    let budget = (
        "annual_usd = 400_000",
        "annual_usd = { low = 100_000, high = 2_000_000 }",
    );
    let exact = uncertain(&[traffic]);
    let sampled = uncertain(&[traffic, budget]);
    let cost = |a: &answers::Answers| llm_strategy::cost::estimate(a, &base.pricing);
    let (exact_cost, sampled_cost) = (cost(&exact), cost(&sampled));
    let pick = |a: &answers::Answers| engine::evaluate(&base, a).recommendation();
    let (exact_pick, sampled_pick) = (pick(&exact), pick(&sampled));
    let mut group = c.benchmark_group("uncertainty");
    group.sample_size(20);
    group.bench_function("exact", |b| {
        b.iter(|| {
            llm_strategy::uncertainty::analyse(&base, black_box(&exact), exact_pick, &exact_cost)
        });
    });
    group.bench_function("sampled", |b| {
        b.iter(|| {
            llm_strategy::uncertainty::analyse(
                &base,
                black_box(&sampled),
                sampled_pick,
                &sampled_cost,
            )
        });
    });
    group.finish();
}

criterion_group!(
    benches,
    evaluation,
    what_if,
    coverage_throughput,
    uncertain_answers
);
criterion_main!(benches);
