#!/usr/bin/env bash
# The whole test suite, on a fresh machine: system build tools (apt-get), the package and its
# test and lint dependencies (pip), the linters (clippy, rustfmt, ruff, mypy, stubtest over the
# compiled core), then the Rust core's tests and the Python tests.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build-deps.sh
if command -v rustup >/dev/null 2>&1; then rustup component add clippy rustfmt 2>/dev/null; fi

python3 -m pip install -q --disable-pip-version-check maturin
python3 -m pip install -q --disable-pip-version-check -e ".[test,lint]"

cargo fmt --check
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --features python -- -D warnings
python3 -m ruff check python tests examples tools benches
python3 -m ruff format --check python tests examples tools benches
python3 -m mypy
PYTHONPATH=python MYPYPATH=python python3 -m mypy.stubtest pyrdicom._core --mypy-config-file pyproject.toml

cargo test --quiet
python3 -m pytest -q "$@"
