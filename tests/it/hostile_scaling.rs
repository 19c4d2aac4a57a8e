//! Hostile inputs read in linear time: each is fed at size n and 10n, and the work of
//! locating and rendering its problems (counted by `diagnostic::lines::take_work`: bytes
//! indexed, characters counted, bytes rendered) must grow about tenfold, not a hundredfold;
//! the message stays short, since only the first 50 problems are shown.

use std::fmt::Write as _;
use std::path::Path;

use llm_strategy::diagnostic::lines::take_work;
use llm_strategy::{answers, cases, rules};

/// A valid answers file, before the hostile part.
const ANSWERS: &str = "[data]\nsensitivity = \"secret\"\nlabeled_examples = 300\n[team]\nml_talent = \"experienced\"\n[budget]\nannual_usd = 500_000\n[traffic]\nrequests_per_day = 2_000\n[requirements]\ncustomization = \"knowledge\"\n";

/// The work and the message of reading an input that fails, built by `input(n)`.
fn measure(n: usize, read: &dyn Fn(usize) -> String) -> (u64, String) {
    take_work();
    let message = read(n);
    (take_work(), message)
}

/// Reads the input at n and 10n and checks that the work grows linearly and the message is
/// bounded; returns the larger message.
fn linear(n: usize, read: &dyn Fn(usize) -> String) -> String {
    let (small, small_message) = measure(n, read);
    let (large, large_message) = measure(10 * n, read);
    assert!(small > 0, "no work counted");
    assert!(
        large <= 12 * small,
        "work grew from {small} to {large} for ten times the input"
    );
    assert!(
        large_message.len() <= 2 * small_message.len() + 200,
        "the message grew from {} to {} bytes",
        small_message.len(),
        large_message.len()
    );
    large_message
}

/// The `n` lines `line(0)`, `line(1)`, ... one after the other.
fn lines(n: usize, line: impl Fn(usize) -> String) -> String {
    let mut out = String::new();
    for i in 0..n {
        out.push_str(&line(i));
    }
    out
}

fn answers_error(text: &str) -> String {
    answers::parse_text(Path::new("bad.toml"), text)
        .expect_err("the answers are refused")
        .0
}

fn rules_error(text: String) -> String {
    let file = rules::RuleFile {
        path: "rules/bad.yaml".into(),
        bytes: text.into_bytes(),
    };
    rules::from_files(&[file])
        .expect_err("the rules are refused")
        .0
}

#[test]
fn unknown_keys_in_answers() {
    let message = linear(3_000, &|n| {
        let keys = lines(n, |i| format!("unknown_{i} = 1\n"));
        answers_error(&format!("{ANSWERS}{keys}"))
    });
    assert!(message.ends_with("bad.toml: 30,000 problems"), "{message}");
    assert!(
        message.contains("... and 29,950 more problems"),
        "{message}"
    );
}

#[test]
fn toml_syntax_errors() {
    let message = linear(2_000, &|n| {
        let bad = lines(n, |i| format!("key_{i} = \n"));
        answers_error(&format!("{ANSWERS}{bad}"))
    });
    assert!(message.ends_with("bad.toml: 20,000 problems"), "{message}");
}

#[test]
fn rules_citing_unknown_sources() {
    let message = linear(1_000, &|n| {
        let rules = lines(n, |i| {
            format!(
                "  - id: rule-{i}\n    summary: s\n    source: nowhere-{i}\n    when: {{ question: data.sensitivity, is: secret }}\n    strategy: {{ A: 1 }}\n    explanation: e\n"
            )
        });
        rules_error(format!("rules:\n{rules}"))
    });
    assert!(
        message.contains("unknown source \"nowhere-0\""),
        "{message}"
    );
    assert!(
        message.contains("rules/bad.yaml: 10,000 problems"),
        "{message}"
    );
}

#[test]
fn nesting_in_a_rule_file() {
    let message = linear(10_000, &|n| {
        rules_error(format!("rules: {}{}\n", "[".repeat(n), "]".repeat(n)))
    });
    assert!(
        message.contains("nest more than 64 levels deep"),
        "{message}"
    );
}

#[test]
fn an_alias_bomb() {
    let bomb = |levels: usize| {
        let mut text = String::from(
            "rules:\n  - id: bomb\n    summary: s\n    source: public-practice\n    strategy: { A: 1 }\n    explanation: e\n    when:\n      all:\n        - &a0 {question: data.sensitivity, is: secret}\n",
        );
        for k in 1..levels {
            let refs = vec![format!("*a{}", k - 1); 9].join(",");
            let _ = writeln!(text, "        - &a{k} {{all: [{refs}]}}");
        }
        rules_error(text)
    };
    take_work();
    let message = bomb(12);
    assert!(take_work() < 10_000, "{message}");
    assert!(message.contains("the alias *a3 repeats"), "{message}");
}

#[test]
fn test_cases() {
    let base = rules::built_in().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let answers = ANSWERS.replace('\n', "\n      ");
    let answers = format!("      {}\n", answers.trim_end());
    let message = linear(200, &|n| {
        let cases = lines(n, |i| {
            format!(
                "  - name: case-{i}\n    answers: |\n{answers}    expect:\n      strategy: C\n      approach: rag\n      fires: [no-such-rule]\n"
            )
        });
        std::fs::write(dir.path().join("many.yaml"), format!("cases:\n{cases}")).unwrap();
        cases::load_dirs(&base, &[dir.path().to_path_buf()])
            .expect_err("the cases are refused")
            .to_string()
    });
    assert!(message.ends_with("many.yaml: 2,000 problems"), "{message}");
}

#[test]
fn test_cases_with_invalid_answers() {
    let base = rules::built_in().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let message = linear(200, &|n| {
        let cases = lines(n, |i| {
            format!(
                "  - {{name: c{i}, answers: \"[data]\\nsensitivty = 1\\n\", expect: {{strategy: C, approach: rag}}}}\n"
            )
        });
        std::fs::write(dir.path().join("many.yaml"), format!("cases:\n{cases}")).unwrap();
        cases::load_dirs(&base, &[dir.path().to_path_buf()])
            .expect_err("the cases are refused")
            .to_string()
    });
    // Only the answers of the cases shown are described.
    assert_eq!(message.matches("its answers are not valid").count(), 50);
    assert!(
        message.contains("did you mean \"sensitivity\"?"),
        "{message}"
    );
    assert!(message.ends_with("many.yaml: 2,000 problems"), "{message}");
}
