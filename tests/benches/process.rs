//! Whole-process benchmark: spawns the release binary and a hello-world Rust binary
//! alternately and reports their median wall times and ratio, for `assess` in every format,
//! `compare` with 16 files and `rules coverage`. Run with `cargo bench --bench process`, or
//! `cargo bench --bench process -- assess` for the command lines whose name holds `assess`;
//! set `LLM_STRATEGY_BENCH_ROUNDS` for more or fewer rounds (default 61; `rules coverage`,
//! which takes minutes a run, runs a twentieth of them and at least 3).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One command line to time.
struct Case {
    name: &'static str,
    args: Vec<String>,
    rounds: usize,
}

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let rounds = match std::env::var("LLM_STRATEGY_BENCH_ROUNDS") {
        Ok(text) => text
            .parse::<usize>()
            .map_err(|e| format!("LLM_STRATEGY_BENCH_ROUNDS={text}: {e}"))?
            .max(1),
        Err(_) => 61,
    };
    let scratch = tempfile::tempdir().map_err(|e| format!("temporary directory: {e}"))?;
    let noop = build_noop(scratch.path())?;
    let binary = Path::new(env!("CARGO_BIN_EXE_llm-strategy"));
    // cargo passes `--bench`; any other argument selects command lines by name.
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let mut cases = cases(scratch.path(), rounds)?;
    cases.retain(|c| filters.is_empty() || filters.iter().any(|f| c.name.contains(f.as_str())));
    println!(
        "{:<28} {:>12} {:>14} {:>7}",
        "command", "median", "hello world", "ratio"
    );
    for case in &cases {
        let (ours, theirs) = time_alternately(binary, &case.args, &noop, case.rounds)?;
        println!(
            "{:<28} {:>9.2} ms {:>11.2} ms {:>6.2}x",
            case.name,
            millis(ours),
            millis(theirs),
            ours.as_secs_f64() / theirs.as_secs_f64()
        );
    }
    Ok(())
}

/// Compiles the hello-world program as a release binary would be, with the toolchain that
/// builds this benchmark.
fn build_noop(dir: &Path) -> Result<PathBuf, String> {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/benches/noop.rs");
    let out = dir.join("hello-world");
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let status = Command::new(rustc)
        .args(["--edition", "2024", "-C", "opt-level=3", "-o"])
        .arg(&out)
        .arg(&source)
        .status()
        .map_err(|e| format!("cannot run rustc to build the hello-world binary: {e}"))?;
    if !status.success() {
        return Err(format!("rustc failed on {}: {status}", source.display()));
    }
    Ok(out)
}

/// The command lines: `assess` of one example in each format, `compare` of 16 answers files
/// (the 12 examples and 4 of them under other names), and `rules coverage`.
fn cases(scratch: &Path, rounds: usize) -> Result<Vec<Case>, String> {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let bank = examples.join("regional-bank-advisor.toml");
    let assess = |format: &str| {
        vec![
            "assess".to_owned(),
            bank.display().to_string(),
            "--format".to_owned(),
            format.to_owned(),
        ]
    };
    let sixteen = scratch.join("sixteen");
    std::fs::create_dir(&sixteen).map_err(|e| format!("{}: {e}", sixteen.display()))?;
    let mut names: Vec<PathBuf> = std::fs::read_dir(&examples)
        .map_err(|e| format!("{}: {e}", examples.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    names.sort();
    for (i, path) in names.iter().chain(names.iter()).take(16).enumerate() {
        let to = sixteen.join(format!("{i:02}.toml"));
        std::fs::copy(path, &to).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let compare = vec!["compare".to_owned(), sixteen.display().to_string()];
    let coverage = vec!["rules".to_owned(), "coverage".to_owned()];
    Ok(vec![
        Case {
            name: "assess (table)",
            args: assess("table"),
            rounds,
        },
        Case {
            name: "assess (markdown)",
            args: assess("markdown"),
            rounds,
        },
        Case {
            name: "assess (json)",
            args: assess("json"),
            rounds,
        },
        Case {
            name: "compare (16 files)",
            args: compare,
            rounds,
        },
        Case {
            name: "rules coverage",
            args: coverage,
            rounds: (rounds / 20).max(3),
        },
    ])
}

/// Runs the hello-world binary and ours in turn `rounds` times (after one warm-up each), so
/// load on the machine falls on both alike; the medians of their wall times.
fn time_alternately(
    binary: &Path,
    args: &[String],
    noop: &Path,
    rounds: usize,
) -> Result<(Duration, Duration), String> {
    spawn(noop, &[])?;
    spawn(binary, args)?;
    let mut ours = Vec::with_capacity(rounds);
    let mut theirs = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        theirs.push(spawn(noop, &[])?);
        ours.push(spawn(binary, args)?);
    }
    Ok((median(&mut ours), median(&mut theirs)))
}

/// Runs a program to completion with its output discarded; its wall time.
fn spawn(program: &Path, args: &[String]) -> Result<Duration, String> {
    let start = Instant::now();
    let status = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    let took = start.elapsed();
    if !status.success() {
        return Err(format!(
            "{} {} failed: {status}",
            program.display(),
            args.join(" ")
        ));
    }
    Ok(took)
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
