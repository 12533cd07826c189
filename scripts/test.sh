#!/usr/bin/env bash
# The whole test suite, on a fresh machine: system build tools (apt-get), the release wheel (the
# one users install: abi3, manylinux_2_28, built with zig), the wheel installed with the test and
# lint dependencies (pip), the linters (rustfmt, clippy, ruff, mypy, stubtest over the compiled
# core), the wheel's smoke suite in a fresh venv of each CPython pyenv has, then the Rust core's
# tests and the Python tests, then a fuzz smoke (every fuzz target for 10 s: scripts/fuzz.sh,
# docs/robustness.md; SKIP_FUZZ=1 leaves it out). The tests run the wheel's compiled extension:
# it is put beside the source tree's package, which pytest (`pythonpath = ["python"]`) and
# tests/pydicom_suite import. Each stage prints its duration.
set -euo pipefail
cd "$(dirname "$0")/.."
stage() { echo "== $1: $SECONDS s since the start"; }

bash scripts/build-deps.sh
if command -v rustup >/dev/null 2>&1; then rustup component add clippy rustfmt 2>/dev/null; fi
bash scripts/build-wheel.sh
wheel=$(ls dist/pyrdicom-*-cp311-abi3-manylinux_2_28_x86_64.whl)
stage "wheel built"

python3 -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$wheel"
python3 -m pip install -q --disable-pip-version-check "$wheel[test,lint,docs]"
rm -f python/pyrdicom/_core*.so
python3 - "$wheel" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as whl:
    (so,) = [n for n in whl.namelist() if n.startswith("pyrdicom/_core") and n.endswith(".so")]
    open("python/" + so, "wb").write(whl.read(so))
PY
stage "test dependencies installed"

cargo fmt --check
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --features python -- -D warnings
python3 -m ruff check python tests examples tools benches
python3 -m ruff format --check python tests examples tools benches
python3 -m mypy
PYTHONPATH=python MYPYPATH=python python3 -m mypy.stubtest pyrdicom._core --mypy-config-file pyproject.toml
stage "linters done"

python3 tests/wheel_smoke/run.py "$wheel"
stage "wheel smoke suite done"

cargo test --quiet
stage "cargo test done"
python3 -m pytest -q "$@"
stage "pytest done"
# 10 s per target, and 10 s per input (not the campaigns' 1 s) so that a loaded CI machine
# cannot fail it spuriously. scripts/fuzz.sh installs cargo-fuzz (crates.io) and atheris (PyPI)
# when missing, and builds the fuzz crate with ASan (about 4 min of CPU from scratch).
# A fixed seed (and Python's hash seed) makes the inputs tried the same on every machine, so a
# run here is a prefix of a longer local run with the same seed: a smoke that fails in CI fails
# the same way locally (`PYTHONHASHSEED=0 bash scripts/fuzz.sh all 60 -seed=1` on fresh seeds),
# and a change cannot fail it through the luck of the draw.
if [ "${SKIP_FUZZ:-0}" != 1 ]; then
    FUZZ_TIMEOUT=10 PYTHONHASHSEED=0 bash scripts/fuzz.sh all 10 -seed=1
    stage "fuzz smoke done"
fi
