//! Command-line cases under `tests/cmd/`: arguments, exit status and exact output.
#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .case("tests/cmd/*.toml")
        .case("tests/cmd/*.trycmd");
}
