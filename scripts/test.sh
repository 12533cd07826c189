#!/usr/bin/env bash
# The whole test suite, on a fresh machine: system build tools (apt-get), the package and its
# test dependencies (pip), then the Rust core's tests, the Python tests and a fuzz smoke (each
# fuzz target for 10 s; docs/robustness.md). SKIP_FUZZ=1 leaves the smoke out.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build-deps.sh

python3 -m pip install -q --disable-pip-version-check maturin
python3 -m pip install -q --disable-pip-version-check -e ".[test]"

cargo test --quiet
python3 -m pytest -q "$@"
# 10 s per target; 10 s per input (not the campaigns' 1 s) so a loaded CI machine cannot flake.
[ "${SKIP_FUZZ:-0}" = 1 ] || FUZZ_TIMEOUT=10 bash scripts/fuzz.sh all 10
