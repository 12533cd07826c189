#!/usr/bin/env bash
# The whole test suite, on a fresh machine: system build tools (apt-get), the package and its
# test dependencies (pip), then the Rust core's tests and the Python tests.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=""
for tool in cmake nasm g++; do command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"; done
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cmake nasm g++ >/dev/null
    else
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cmake nasm g++ >/dev/null
    fi
fi

python3 -m pip install -q --disable-pip-version-check maturin
python3 -m pip install -q --disable-pip-version-check -e ".[test]"

cargo test --quiet
python3 -m pytest -q "$@"
