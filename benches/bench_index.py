"""A directory tree of small files → a table: pyrdicom.index against per-file loops, in one run.

    python3 benches/bench_index.py [--files 20000] [--repeat 5] [--memory 200000]

The tree: `files` hard links to CT_small.dcm and MR_small.dcm (alternating) in nested folders
(100 files per folder, 10 folders per parent), made once under the temporary directory. Warm page
cache (one untimed pass first). Readers, each extracting the default index tags:

- pyrdicom `index` on 1 and 2 threads;
- a pyrdicom `dcmread(stop_before_pixels)` loop; a pydicom loop (1 process and a 2-process
  pool); a dicomsdl loop;
- the I/O floor: a C program (compiled here with cc -O2) that opens, reads and closes every file
  on 1 and 2 threads.

Cold cache (after dropping the page cache, which needs root and /proc/sys/vm/drop_caches) is
reported for pyrdicom `index` and the floor when possible. `--memory N` also indexes a tree of N
files to a Parquet file in a child process and reports its peak RSS.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

warnings.simplefilter("ignore")

HERE = Path(__file__).resolve().parent
FLOOR_C = r"""
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
static char **paths; static int n, nthreads;
static void *work(void *arg) {
    long t = (long)arg; static __thread char buf[65536];
    for (int i = t; i < n; i += nthreads) {
        int fd = open(paths[i], O_RDONLY); if (fd < 0) continue;
        while (read(fd, buf, sizeof buf) > 0) {}
        close(fd);
    }
    return NULL;
}
int main(int argc, char **argv) {
    nthreads = atoi(argv[1]);
    size_t cap = 1 << 16; paths = malloc(cap * sizeof *paths); char line[4096];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        if (n == (int)cap) { cap *= 2; paths = realloc(paths, cap * sizeof *paths); }
        paths[n++] = strdup(line);
    }
    struct timespec a, b; clock_gettime(CLOCK_MONOTONIC, &a);
    pthread_t th[64];
    for (long t = 0; t < nthreads; t++) pthread_create(&th[t], NULL, work, (void *)t);
    for (int t = 0; t < nthreads; t++) pthread_join(th[t], NULL);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("%.6f\n", (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9);
    return 0;
}
"""


def make_tree(root: Path, count: int) -> list[str]:
    from pydicom.data import get_testdata_file

    sources = [get_testdata_file("CT_small.dcm"), get_testdata_file("MR_small.dcm")]
    done = root / f"done-{count}"
    paths = []
    for i in range(count):
        folder = root / f"p{i // 1000:04d}" / f"f{i // 100 % 10}"
        paths.append(str(folder / f"{i:07d}.dcm"))
    if not done.exists():
        # A file takes at most ~65,000 links (ext4): each 50,000 paths link to their own copies.
        copies: dict[tuple[int, int], str] = {}
        for i, path in enumerate(paths):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            key = (i // 50_000, i % 2)
            if key not in copies:
                copies[key] = str(root / f"source-{key[0]}-{key[1]}.dcm")
                shutil.copyfile(sources[key[1]], copies[key])
            if not os.path.exists(path):
                os.link(copies[key], path)
        done.write_text("")
    return paths


def tags() -> tuple[str, ...]:
    from pyrdicom.batch import DEFAULT_TAGS

    return DEFAULT_TAGS


def pydicom_rows(paths: list[str]) -> int:
    import pydicom

    keys = tags()
    n = 0
    for p in paths:
        ds = pydicom.dcmread(p, stop_before_pixels=True)
        [ds.get(k) for k in keys]
        n += 1
    return n


def timed(fn, repeat: int) -> float:
    fn()  # warm-up (and the page cache)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def floor_runner(tmp: Path):
    exe = tmp / "io_floor"
    src = tmp / "io_floor.c"
    src.write_text(FLOOR_C)
    subprocess.run(["cc", "-O2", "-pthread", "-o", str(exe), str(src)], check=True)

    def run(paths: list[str], threads: int) -> float:
        out = subprocess.run(
            [str(exe), str(threads)], input="\n".join(paths), capture_output=True, text=True
        )
        return float(out.stdout)

    return run


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def memory_run(root: Path, count: int) -> str:
    paths = make_tree(root / f"memory-{count}", count)
    code = (
        "import resource, sys, time\n"
        "from pyrdicom.batch import index\n"
        "t = time.perf_counter()\n"
        f"table = index({str(Path(paths[0]).parents[2])!r}, out=sys.argv[1])\n"
        "el = time.perf_counter() - t\n"
        "print(table.num_rows, el, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [sys.executable, "-c", code, os.path.join(tmp, "index.parquet")],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(Path(__import__("pyrdicom").__file__).parents[1])},
        )
    if out.returncode != 0:
        return f"failed: {out.stderr.strip().splitlines()[-1:]}"
    rows, seconds, rss_kb = out.stdout.split()
    return (
        f"{int(rows):,} files indexed to Parquet in {float(seconds):.1f} s "
        f"({int(rows) / float(seconds):,.0f} files/s), peak RSS {int(rss_kb) / 1024:.0f} MiB"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--memory", type=int, default=0, help="also index N files for peak RSS")
    ap.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "pyrdicom-index-bench"))
    args = ap.parse_args()

    import pyrdicom
    from pyrdicom.batch import index

    root = Path(args.dir)
    paths = make_tree(root / f"tree-{args.files}", args.files)
    tree = str(root / f"tree-{args.files}")
    keys = tags()
    n = len(paths)
    rates: dict[str, float] = {}

    def rate(name: str, seconds: float) -> None:
        rates[name] = n / seconds

    with tempfile.TemporaryDirectory() as tmp:
        floor = floor_runner(Path(tmp))
        floor(paths, 1)
        for threads in (1, 2):
            rate(
                f"I/O floor (C open+read+close), {threads} thread(s)",
                min(floor(paths, threads) for _ in range(args.repeat)),
            )
        for threads in (1, 2):
            rate(
                f"pyrdicom index, {threads} thread(s)",
                timed(lambda t=threads: index(tree, threads=t), args.repeat),
            )

        def ours_loop() -> None:
            for p in paths:
                ds = pyrdicom.dcmread(p, stop_before_pixels=True)
                [ds.get(k) for k in keys]

        rate("pyrdicom dcmread loop, 1 process", timed(ours_loop, max(1, args.repeat // 2)))
        try:
            import dicomsdl

            def sdl_loop() -> None:
                for p in paths:
                    d = dicomsdl.open(p)
                    [getattr(d, k, None) for k in keys]

            rate("dicomsdl loop, 1 process", timed(sdl_loop, max(1, args.repeat // 2)))
        except ImportError:
            pass
        rate("pydicom loop, 1 process", timed(lambda: pydicom_rows(paths), 1))
        with ProcessPoolExecutor(2) as pool:
            halves = [paths[: n // 2], paths[n // 2 :]]
            rate(
                "pydicom loop, 2-process pool",
                timed(lambda: sum(pool.map(pydicom_rows, halves)), 1),
            )

        cold = {}
        if drop_caches():
            t = time.perf_counter()
            index(tree, threads=2)
            cold["pyrdicom index, 2 threads"] = n / (time.perf_counter() - t)
            drop_caches()
            cold["I/O floor, 2 threads"] = n / floor(paths, 2)

    best = rates["pyrdicom index, 2 thread(s)"]
    print(f"### Index: {n:,} small files (CT_small/MR_small), default tags, warm cache\n")
    print("| reader | files/s | pyrdicom index (2 threads) speed-up |")
    print("|---|---:|---:|")
    for name, r in rates.items():
        print(f"| {name} | {r:,.0f} | {best / r:.2f}x |")
    one = rates["pyrdicom index, 1 thread(s)"]
    print(
        f"\n2 threads / 1 thread: {best / one:.2f}x; "
        f"vs the 2-thread floor: {best / rates['I/O floor (C open+read+close), 2 thread(s)']:.2f}"
    )
    if cold:
        print(
            "\nCold cache (page cache dropped before each): "
            + ", ".join(f"{k} {v:,.0f} files/s" for k, v in cold.items())
        )
    else:
        print(
            "\nCold cache: not measured (dropping the page cache needs /proc/sys/vm/drop_caches)."
        )
    if args.memory:
        print("\nMemory: " + memory_run(root, args.memory))


if __name__ == "__main__":
    main()
