#!/usr/bin/env bash
# The release wheel users install: dist/pyrdicom-<version>-cp311-abi3-manylinux_2_28_x86_64.whl,
# one file for CPython 3.11 and every later version (PyO3's abi3-py311), installable on glibc
# 2.28+ (RHEL 8, Ubuntu 20.04, Debian 10, Amazon Linux 2023). zig (the `ziglang` package) is the
# compiler and linker of the Rust code and of the vendored C/C++ codecs alike, targeting glibc 2.28;
# C++ (CharLS) links zig's libc++ statically. Then `auditwheel show` must agree with the tag and
# no symbol may need a newer glibc. `--sdist` also writes the sdist. See docs/packaging.md.
set -euo pipefail
cd "$(dirname "$0")/.."
policy=manylinux_2_28
glibc_max=2.28

bash scripts/build-deps.sh  # cmake and nasm: libjpeg-turbo's build and its SIMD code
python3 -m pip install -q --disable-pip-version-check "maturin>=1.9,<2" "ziglang==0.17.1" \
    "auditwheel>=6.1,<7"

# The wheel carries LICENSES/ (pyproject's license-files): the Rust crates' list must be current.
python3 scripts/third-party-licenses.py --check
rm -f dist/pyrdicom-*.whl
python3 -m maturin build --quiet --release --zig --compatibility "$policy" --out dist
if [ "${1:-}" = "--sdist" ]; then
    rm -f dist/pyrdicom-*.tar.gz
    python3 -m maturin sdist --out dist
fi
wheel=$(ls dist/pyrdicom-*-cp311-abi3-"$policy"_x86_64.whl)

# The tag must be one auditwheel agrees with, and the extension must need nothing newer.
auditwheel show "$wheel" | tr -s ' \n' ' ' | grep -q "consistent with the following platform tag: \"${policy}_x86_64\"" \
    || { auditwheel show "$wheel"; echo "auditwheel disagrees with $policy" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m zipfile -e "$wheel" "$tmp"
newest=$(objdump -T "$tmp"/pyrdicom/_core*.so | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)
needed=$(objdump -p "$tmp"/pyrdicom/_core*.so | awk '/NEEDED/ {print $2}' | tr '\n' ' ')
if [ "$(printf '%s\n%s\n' "GLIBC_$glibc_max" "$newest" | sort -V | tail -1)" != "GLIBC_$glibc_max" ]; then
    echo "the extension needs $newest, newer than $policy allows" >&2
    exit 1
fi
for lib in $needed; do
    case $lib in
        libc.so.6 | libm.so.6 | libpthread.so.0 | libdl.so.2 | librt.so.1 | ld-linux-x86-64.so.2) ;;
        *) echo "the extension needs $lib (codecs must be linked statically)" >&2; exit 1 ;;
    esac
done
echo "$wheel: $(du -k "$wheel" | cut -f1) KiB, $policy (newest symbol $newest), needs: $needed"
