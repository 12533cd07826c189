#!/usr/bin/env bash
# The whole test suite, on a fresh machine: system build tools (apt-get), the package and its
# test dependencies (pip), then the Rust core's tests and the Python tests.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build-deps.sh

python3 -m pip install -q --disable-pip-version-check maturin
python3 -m pip install -q --disable-pip-version-check -e ".[test,docs]"

cargo test --quiet
python3 -m pytest -q "$@"
