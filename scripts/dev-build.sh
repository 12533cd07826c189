#!/usr/bin/env bash
# Build the extension for the source tree this script sits in and put it beside the package
# (python/pyrdicom/_core*.so), without touching the installed package: for git worktrees that
# share one interpreter (pytest's `pythonpath = ["python"]` then imports this tree).
# `pip install -e .` does the same for the one tree the interpreter's editable install points at.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=debug
args=()
if [ "${1:-}" = "--release" ]; then profile=release; args=(--release); fi
cargo build --quiet --lib --features python,pyo3/extension-module "${args[@]}"
suffix=$(python3 -c "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))")
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c "import json,sys; print(json.load(sys.stdin)['target_directory'])")
rm -f python/pyrdicom/_core*.so
cp "$target_dir/$profile/libpyrdicom.so" "python/pyrdicom/_core$suffix"
