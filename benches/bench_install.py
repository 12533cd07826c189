"""Install and import figures for benches/RESULTS.md.

    python3 benches/bench_install.py WHEEL [SDIST] [--python PY]

Fresh venvs (numpy installed first, so only pyrdicom is timed): `pip install --no-deps` of the
wheel, and, given the sdist, of the sdist (a full source build: maturin from PyPI in pip's build
isolation, then cargo compiles the crate and the three codec libraries from scratch). Then the
import time of pyrdicom in the wheel's venv: the median over fresh processes of `-X importtime`'s
cumulative figure for pyrdicom, and for numpy alone for reference.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def venv(root: Path, python: str) -> Path:
    subprocess.run([python, "-m", "venv", str(root)], check=True)
    py = root / "bin" / "python"
    subprocess.run([py, "-m", "pip", "install", "-q", "--disable-pip-version-check", "numpy"],
                   check=True)  # fmt: skip
    return py


def timed_install(py: Path, what: Path) -> float:
    start = time.perf_counter()
    subprocess.run([py, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-deps",
                    str(what)], check=True)  # fmt: skip
    return time.perf_counter() - start


def import_ms(py: Path, module: str, runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        done = subprocess.run([py, "-X", "importtime", "-c", f"import {module}"],
                              capture_output=True, text=True, check=True, cwd="/")  # fmt: skip
        for line in done.stderr.splitlines():
            m = re.match(rf"import time:\s+\d+ \|\s+(\d+) \| {module}$", line)
            if m:
                times.append(int(m.group(1)) / 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("wheel", type=Path)
    parser.add_argument("sdist", type=Path, nargs="?")
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        py = venv(Path(tmp) / "wheel", args.python)
        print(f"wheel: {args.wheel.name}, {args.wheel.stat().st_size / 2**20:.2f} MiB")
        print(f"pip install --no-deps of the wheel: {timed_install(py, args.wheel):.1f} s")
        print(f"import pyrdicom: {import_ms(py, 'pyrdicom'):.1f} ms "
              f"(import numpy alone: {import_ms(py, 'numpy'):.1f} ms), medians of 15")  # fmt: skip
        if args.sdist:
            py = venv(Path(tmp) / "sdist", args.python)
            print(f"pip install --no-deps of the sdist: {timed_install(py, args.sdist):.1f} s")


if __name__ == "__main__":
    main()
