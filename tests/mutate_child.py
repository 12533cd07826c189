"""Reading corrupted files in a child process, so that a crash, hang or runaway allocation fails
the calling test instead of the test run.

Run as a script, it reads each file named on stdin (one path a line, or `path<TAB>seed` for
that file corrupted in memory by `mutate(data, random.Random(seed))`) and prints one line per
input: 'ok', 'DicomError <class>', or 'other <module.class>: <message>'. Tests call
`read_in_child`.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import warnings
from pathlib import Path


def read_in_child(paths: list, labels: list | None = None, timeout: int = 600) -> list[str]:
    """The child's result line for every file of `paths`; fails the calling test naming the
    input (its label) the child died on."""
    labels = labels if labels is not None else [str(p) for p in paths]
    import pyrdicom

    # The child imports the pyrdicom this process tests (pytest's `pythonpath`), not whichever
    # the interpreter would find by itself.
    package_root = str(Path(pyrdicom.__file__).resolve().parents[1])
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([package_root, os.environ.get("PYTHONPATH", "")]),
    }
    proc = subprocess.run(
        [sys.executable, __file__],
        input="\n".join(str(p) for p in paths) + "\n",
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=env,
    )
    results = proc.stdout.splitlines()
    done = len(results)
    assert proc.returncode == 0, (
        f"child died (code {proc.returncode}) on {labels[done] if done < len(labels) else '?'}: "
        f"{proc.stderr[-2000:]}"
    )
    assert done == len(paths)
    return results


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One corruption of `data`: truncated, bytes flipped, a huge or undefined length written
    somewhere, or a region repeated thousands of times (many small items)."""
    n = len(data)
    kind = rng.randrange(5)
    b = bytearray(data)
    if kind == 0:
        return bytes(b[: rng.randrange(n)])
    if kind == 1:
        for _ in range(rng.randint(1, 8)):
            i = rng.randrange(n)
            b[i] ^= 1 << rng.randrange(8)
    elif kind == 2:
        i = rng.randrange(max(n - 4, 1))
        b[i : i + 4] = (0xFFFFFFF0).to_bytes(4, "little")
    elif kind == 3:
        i = rng.randrange(max(n - 4, 1))
        b[i : i + 4] = b"\xff\xff\xff\xff"
    else:
        i = rng.randrange(n)
        j = min(n, i + rng.randint(8, 64))
        b[i:i] = bytes(b[i:j]) * rng.randint(100, 3000)
    return bytes(b)


def _exercise(line: str) -> None:
    import pyrdicom
    from pyrdicom.pixels import pixel_array

    path, _, seed = line.partition("\t")
    with open(path, "rb") as f:
        data = f.read()
    if seed:
        data = mutate(data, random.Random(int(seed)))
    ds = pyrdicom.dcmread(data, force=True)
    str(ds.file_meta)
    str(ds)  # decodes every value, recursively
    for elem in ds.iterall():
        elem.VM
    if "PixelData" in ds:
        # The decode's own error first: the property's may be hidden behind Python's
        # "object has no attribute 'pixel_array'" by Dataset.__getattr__.
        pixel_array(ds)
        ds.pixel_array


def _main() -> None:
    import resource

    from pyrdicom.errors import DicomError

    # No single input may make pyrdicom allocate more than this (the inputs are under 1 MB).
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    warnings.simplefilter("ignore")
    for line in sys.stdin:
        try:
            _exercise(line.rstrip("\n"))
            print("ok", flush=True)
        except DicomError as exc:
            print(f"DicomError {type(exc).__name__}", flush=True)
        except Exception as exc:
            print(
                f"other {type(exc).__module__}.{type(exc).__name__}: {str(exc)[:200]}", flush=True
            )


if __name__ == "__main__":
    _main()
