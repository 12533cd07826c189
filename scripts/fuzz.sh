#!/usr/bin/env bash
# Coverage-guided fuzzing of the core (cargo-fuzz / libFuzzer; targets in fuzz/fuzz_targets,
# their bodies in src/fuzzing/, the core's `fuzzing` feature) and of the Python layer (target
# "python": atheris, fuzz/python/fuzz_dcmread.py, over this tree's package in python/).
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]   one target (or "all": each in turn)
#   scripts/fuzz.sh list                                   the targets
# Seeds are built on first use (fuzz/make_corpus.py: the corpus files and codec fixtures, needs
# the test dependencies). Limits are the ones docs/robustness.md reports against: 2 GB of RSS,
# 1 s per input (FUZZ_TIMEOUT overrides it, e.g. for a smoke run on a loaded machine).
# Findings land in fuzz/artifacts/TARGET; minimise them with `cargo fuzz tmin` and commit them
# to fuzz/regressions/TARGET, which `cargo test` replays.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(index values encaps decode_rle decode_jpeg decode_jpegls decode_j2k decode_jxl decode_deflate lut write
    write_walk python)
if [ "${1:-}" = list ]; then printf '%s\n' "${targets[@]}"; exit 0; fi
if [ $# -lt 2 ]; then sed -n 2,10p "$0"; exit 2; fi
target=$1 seconds=$2
shift 2

if [ "$target" = python ] || [ "$target" = all ]; then
    python3 -c "import atheris" 2>/dev/null ||
        python3 -m pip install -q --disable-pip-version-check atheris
fi
if [ "$target" != python ]; then
    command -v cargo-fuzz >/dev/null 2>&1 || cargo install --quiet --locked cargo-fuzz
fi
# libFuzzer's instrumentation needs unstable rustc flags: the nightly toolchain when rustup has
# one, else the stable compiler with its unstable features unlocked (rustup cannot fetch a
# nightly where the network only reaches the package registries).
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    fuzz=(cargo +nightly fuzz)
else
    export RUSTC_BOOTSTRAP=1
    fuzz=(cargo fuzz)
fi
# The C/C++ codecs are built without instrumentation (no sanitizer flags for cc/cmake): the Rust
# side is instrumented and address-sanitized, the codecs run as they ship.
if [ "$target" != python ]; then
    nice -n 10 "${fuzz[@]}" build -O >/dev/null 2>&1 || nice -n 10 "${fuzz[@]}" build -O
fi

run() {
    local t=$1 dict=()
    shift
    [ -d "fuzz/corpus/$t" ] || python3 fuzz/make_corpus.py "$t"
    case $t in index | values | write) dict=(-dict=fuzz/dicom.dict) ;; esac
    echo "== $t: ${seconds}s"
    if [ "$t" = python ]; then
        mkdir -p fuzz/artifacts
        PYTHONPATH=python nice -n 10 python3 fuzz/python/fuzz_dcmread.py "fuzz/corpus/$t" \
            -max_total_time="$seconds" -rss_limit_mb=2048 -timeout="${FUZZ_TIMEOUT:-1}" \
            -print_final_stats=1 -artifact_prefix=fuzz/artifacts/python- "$@"
        return
    fi
    nice -n 10 "${fuzz[@]}" run -O "$t" "fuzz/corpus/$t" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout="${FUZZ_TIMEOUT:-1}" \
        -print_final_stats=1 "${dict[@]}" "$@"
}

if [ "$target" = all ]; then
    for t in "${targets[@]}"; do run "$t" "$@"; done
else
    run "$target" "$@"
fi
