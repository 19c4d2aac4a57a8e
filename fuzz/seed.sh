#!/usr/bin/env bash
# Seeds fuzz/corpus/TARGET with a handful of the repository's own files, so each target starts
# from valid input. Run from anywhere; the corpus is not committed (see .gitignore).
set -euo pipefail
cd "$(dirname "$0")/.."

seed() {
    local target=$1
    shift
    mkdir -p "fuzz/corpus/$target"
    for file in "$@"; do
        # One flat directory: the path, slashes as dashes, names the seed.
        cp "$file" "fuzz/corpus/$target/seed-${file//\//-}"
    done
}

seed answers examples/*.toml \
    tests/cmd/assess-several-problems-in-one-file.in/bad.toml \
    tests/cmd/assess-implausible-answers-warn.in/odd.toml \
    tests/cmd/assess-cost-overrides-misspelt.in/bad.toml
seed rules rules/data.yaml rules/cost.yaml rules/next-steps.yaml rules/promises.yaml \
    rules/strategies.yaml rules/sources.yaml \
    tests/cmd/rules-layered-check-counts-the-changes.in/my-rules/*.yaml \
    tests/cmd/rules-only-remove-has-nothing-to-remove.in/my-rules/zz-remove.yaml
seed pricing rules/pricing.yaml tests/cmd/cost-pricing-*.in/pricing.yaml
seed embed README.md tests/cmd/embed-*.in/plan.md \
    tests/cmd/assess-chart-embedded-with-the-plan.in/plan.md
ls fuzz/corpus/* | grep -c seed- | sed 's/^/seed files: /'
