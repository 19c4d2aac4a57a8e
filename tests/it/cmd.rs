//! Command-line cases under `tests/cmd/`: arguments, exit status and exact output.
#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("LLM_STRATEGY_TODAY", crate::common::TODAY)
        .case("tests/cmd/*.toml")
        .case("tests/cmd/*.trycmd");
}
