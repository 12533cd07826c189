"""A directory tree of small files → a table: pyrdicom.index against per-file loops, in one run.

    python3 benches/bench_index.py [--files 20000] [--repeat 5] [--memory 200000] [--cold]

The tree: `files` copies of CT_small.dcm and MR_small.dcm (alternating) in nested folders
(100 files per folder, 10 folders per parent), made once under the temporary directory. Copies,
as the issue asks, not hard links: a tree of links to two files makes every open and read of
every thread touch the same two inodes, a kernel contention a real tree does not have (it cost
the 2-thread runs, floors included, 10-19% more CPU per file). Only the `--memory` tree (200,000
files, about 5 GB as copies; what it measures is the index's RSS, not its speed) is made of hard
links (the copies they link to beside it). Warm page cache (one untimed pass first). Readers,
each extracting the default index tags:

- pyrdicom `index` on 1 and 2 threads (the walk of the tree included);
- a pyrdicom `dcmread(stop_before_pixels)` loop; a pydicom loop (1 process and a 2-process
  pool); a dicomsdl loop;
- two I/O floors, C programs (compiled here with cc -O2) on 1 and 2 threads: "whole file" (the
  issue's: open, read every byte, close, over a list of paths) and "index's I/O" (the system
  calls the index makes: walk the tree, then open, fstat, read the first 8 KiB, close).

The floors and pyrdicom `index` run in interleaved rounds (medians over `repeat` rounds), so a
change in the shared machine's load hits them alike. `--cold` (root) also times a cold page
cache after dropping the whole machine's page cache (which disturbs everyone else's runs; and
the memory tree's hard links are not timed cold). `--memory N` also indexes a
tree of N files to a Parquet file in a child process and reports its peak RSS.
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
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
/* Two floors over the same files and threads (files split i % threads):
   whole: open, read the whole file (64 KiB reads until EOF), close; paths from stdin, not timed.
   head:  the I/O pyrdicom's index does: walk ROOT (readdir, file types from the listing), then
          per file open, fstat (the size column), one read of the first 8 KiB (read.rs
          HEADER_PREFIX), close; the walk is timed. */
static char **paths; static int n, cap, nthreads, head;
static void add(const char *p) {
    if (n == cap) { cap = cap ? cap * 2 : 65536; paths = realloc(paths, cap * sizeof *paths); }
    paths[n++] = strdup(p);
}
static void walk(const char *dir) {
    DIR *d = opendir(dir); if (!d) return;
    struct dirent *e; char p[4096];
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (e->d_type == DT_DIR) walk(p); else if (e->d_type == DT_REG) add(p);
    }
    closedir(d);
}
static void *work(void *arg) {
    long t = (long)arg; static __thread char buf[65536]; struct stat st;
    for (int i = t; i < n; i += nthreads) {
        int fd = open(paths[i], O_RDONLY | O_CLOEXEC); if (fd < 0) continue;
        if (head) { fstat(fd, &st); if (read(fd, buf, 8192) < 0) perror("read"); }
        else while (read(fd, buf, sizeof buf) > 0) {}
        close(fd);
    }
    return NULL;
}
int main(int argc, char **argv) {
    head = strcmp(argv[1], "head") == 0; nthreads = atoi(argv[2]);
    char line[4096];
    if (!head) while (fgets(line, sizeof line, stdin)) { line[strcspn(line, "\n")] = 0; add(line); }
    struct timespec a, b, ca, cb;
    clock_gettime(CLOCK_MONOTONIC, &a); clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ca);
    if (head) walk(argv[3]);
    pthread_t th[64];
    for (long t = 0; t < nthreads; t++) pthread_create(&th[t], NULL, work, (void *)t);
    for (int t = 0; t < nthreads; t++) pthread_join(th[t], NULL);
    clock_gettime(CLOCK_MONOTONIC, &b); clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cb);
    printf("%.6f %.6f %d\n", (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9,
           (cb.tv_sec - ca.tv_sec) + (cb.tv_nsec - ca.tv_nsec) / 1e9, n);
    return 0;
}
"""


def make_tree(root: Path, count: int, *, links: bool = False) -> list[str]:
    from pydicom.data import get_testdata_file

    sources = [get_testdata_file("CT_small.dcm"), get_testdata_file("MR_small.dcm")]
    # The copies linked to and the marker of a complete tree live beside it, not in it.
    aside = root.with_name(root.name + "-sources")
    aside.mkdir(parents=True, exist_ok=True)
    for old in [*root.glob("source-*.dcm"), *root.glob("done-*")]:  # the earlier layout
        old.rename(aside / old.name)
    done = aside / f"done-{count}"
    paths = []
    for i in range(count):
        folder = root / f"p{i // 1000:04d}" / f"f{i // 100 % 10}"
        paths.append(str(folder / f"{i:07d}.dcm"))
    if not done.exists():
        # A file takes at most ~65,000 links (ext4): each 50,000 links go to their own copies.
        copies: dict[tuple[int, int], str] = {}
        for i, path in enumerate(paths):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if os.path.exists(path):
                continue
            if not links:
                shutil.copyfile(sources[i % 2], path)
                continue
            key = (i // 50_000, i % 2)
            if key not in copies:
                copies[key] = str(aside / f"source-{key[0]}-{key[1]}.dcm")
                shutil.copyfile(sources[key[1]], copies[key])
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


FLOOR_WHOLE = "I/O floor, whole file (C open+read all+close), {} thread(s)"
FLOOR_HEAD = "I/O floor, index's I/O (C walk+open+fstat+read 8 KiB+close), {} thread(s)"
INDEX = "pyrdicom index, {} thread(s)"
PYDICOM = "pydicom loop, 1 process"


def seconds(fn) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process, all threads) of one call."""
    t, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t, time.process_time() - c


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

    def run(mode: str, threads: int, paths: list[str], tree: str) -> tuple[float, float]:
        """(wall seconds, CPU seconds) of one pass over the files."""
        out = subprocess.run(
            [str(exe), mode, str(threads), tree],
            input="" if mode == "head" else "\n".join(paths),
            capture_output=True,
            text=True,
            check=True,
        )
        wall, cpu, _files = out.stdout.split()
        return float(wall), float(cpu)

    return run


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def memory_run(root: Path, count: int) -> str:
    paths = make_tree(root / f"memory-{count}", count, links=True)
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
    ap.add_argument("--no-loops", action="store_true", help="only the index and the floors")
    ap.add_argument("--cold", action="store_true", help="also time a cold page cache (root)")
    ap.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "pyrdicom-index-bench"))
    args = ap.parse_args()

    import pyrdicom
    from pyrdicom.batch import index

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    root = Path(args.dir)
    paths = make_tree(root / f"copies-{args.files}", args.files)
    tree = str(root / f"copies-{args.files}")
    keys = tags()
    n = len(paths)
    rates: dict[str, float] = {}
    cpu_rates: dict[str, float] = {}  # files per CPU second (all threads): robust to the load

    def rate(name: str, seconds: float) -> None:
        rates[name] = n / seconds

    with tempfile.TemporaryDirectory() as tmp:
        floor = floor_runner(Path(tmp))
        # Interleaved rounds (each reader once per round, medians over rounds), so a change
        # of load on the shared machine hits the floors and pyrdicom alike.
        runs: dict[str, list[tuple[float, float]]] = {}
        index(tree, threads=2)
        floor("whole", 2, paths, tree)
        for _ in range(args.repeat):
            for threads in (1, 2):
                for name, fn in (
                    (FLOOR_WHOLE, lambda t=threads: floor("whole", t, paths, tree)),
                    (FLOOR_HEAD, lambda t=threads: floor("head", t, paths, tree)),
                    (INDEX, lambda t=threads: seconds(lambda: index(tree, threads=t))),
                ):
                    runs.setdefault(name.format(threads), []).append(fn())
        for name, times in runs.items():
            rate(name, statistics.median(wall for wall, _ in times))
            cpu_rates[name] = n / statistics.median(cpu for _, cpu in times)

        if args.no_loops:
            return report(args, n, load, rates, cpu_rates, {}, root)

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
        rate(PYDICOM, timed(lambda: pydicom_rows(paths), 1))
        with ProcessPoolExecutor(2) as pool:
            halves = [paths[: n // 2], paths[n // 2 :]]
            rate(
                "pydicom loop, 2-process pool",
                timed(lambda: sum(pool.map(pydicom_rows, halves)), 1),
            )

        cold = {}
        if args.cold and drop_caches():
            t = time.perf_counter()
            index(tree, threads=2)
            cold["pyrdicom index, 2 threads"] = n / (time.perf_counter() - t)
            drop_caches()
            cold["I/O floor (head), 2 threads"] = n / floor("head", 2, paths, tree)[0]

    report(args, n, load, rates, cpu_rates, cold, root)


def targets(rates: dict[str, float]) -> None:
    """Issue 10's targets, each with its figure (wall-clock medians of the interleaved rounds)."""
    two, one = rates[INDEX.format(2)], rates[INDEX.format(1)]
    rows = [
        ("pyrdicom index, 2 threads (files/s)", two, ">= 100,000", two >= 100_000),
        (
            "whole-file floor / index, 2 threads",
            rates[FLOOR_WHOLE.format(2)] / two,
            "<= 2",
            rates[FLOOR_WHOLE.format(2)] / two <= 2,
        ),
        ("index 2 threads / 1 thread", two / one, ">= 1.7", two / one >= 1.7),
    ]
    if PYDICOM in rates:
        rows.append(
            (
                "index (2 threads) / pydicom loop",
                two / rates[PYDICOM],
                ">= 100",
                two / rates[PYDICOM] >= 100,
            )
        )
    print("| target (issue 10) | figure | target | met |")
    print("|---|---:|---:|---|")
    for name, value, target, met in rows:
        shown = f"{value:,.0f}" if value >= 1000 else f"{value:.2f}"
        print(f"| {name} | {shown} | {target} | {'yes' if met else 'no'} |")
    print()


def report(
    args: argparse.Namespace,
    n: int,
    load: str,
    rates: dict[str, float],
    cpu_rates: dict[str, float],
    cold: dict[str, float],
    root: Path,
) -> None:
    best = rates[INDEX.format(2)]
    after = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"### Index: {n:,} small files (CT_small/MR_small), default tags, warm cache\n")
    print(f"Load average before the run: {load}; after: {after}.\n")
    targets(rates)
    print("| reader | files/s | pyrdicom index (2 threads) speed-up |")
    print("|---|---:|---:|")
    for name, r in rates.items():
        print(f"| {name} | {r:,.0f} | {best / r:.2f}x |")
    print(f"\n2 threads / 1 thread: {best / rates[INDEX.format(1)]:.2f}x")
    for threads in (1, 2):
        index_rate = rates[INDEX.format(threads)]
        print(
            f"{threads} thread(s), floor / pyrdicom index: "
            f"{rates[FLOOR_HEAD.format(threads)] / index_rate:.2f} (index's I/O), "
            f"{rates[FLOOR_WHOLE.format(threads)] / index_rate:.2f} (whole file)"
        )
    if PYDICOM in rates:
        print(f"pyrdicom index (2 threads) / pydicom loop: {best / rates[PYDICOM]:.0f}x")
    print("\nFiles per CPU second (all threads; what a core does when not shared):\n")
    print("| reader | files per CPU s |")
    print("|---|---:|")
    for name, r in cpu_rates.items():
        print(f"| {name} | {r:,.0f} |")
    if cold:
        print(
            "\nCold cache (page cache dropped before each): "
            + ", ".join(f"{k} {v:,.0f} files/s" for k, v in cold.items())
        )
    else:
        print("\nCold cache: not measured (--cold, as root: drops the whole machine's page cache).")
    if args.memory:
        print("\nMemory: " + memory_run(root, args.memory))


if __name__ == "__main__":
    main()
