#!/usr/bin/env bash
# Build the extension for the source tree this script sits in and put it beside the package
# (python/pyrdicom/_core*.so), without touching the installed package: for git worktrees that
# share one interpreter (pytest's `pythonpath = ["python"]` then imports this tree).
# `pip install -e .` does the same for the one tree the interpreter's editable install points at.
# Options: --release (optimised, as the wheel), --version-specific (CPython's full API instead of
# the wheel's abi3-py311 stable ABI: for comparing the two, see benches/RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
profile=debug
args=()
features=python,pyo3/extension-module,abi3
for arg in "$@"; do
    case $arg in
        --release) profile=release; args+=(--release) ;;
        --version-specific) features=python,pyo3/extension-module ;;
        *) echo "usage: $0 [--release] [--version-specific]" >&2; exit 2 ;;
    esac
done
cargo build --quiet --lib --features "$features" "${args[@]}"
if [[ $features == *abi3* ]]; then
    suffix=.abi3.so
else
    suffix=$(python3 -c "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))")
fi
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c "import json,sys; print(json.load(sys.stdin)['target_directory'])")
rm -f python/pyrdicom/_core*.so
cp "$target_dir/$profile/libpyrdicom.so" "python/pyrdicom/_core$suffix"
