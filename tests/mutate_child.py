"""Reading corrupted files in a child process, so that a crash, hang or runaway allocation fails
the calling test instead of the test run.

Run as a script, it reads each file named on stdin (one path a line) and prints one line per
file: 'ok', 'DicomError <class>', or 'other <module.class>: <message>'. Tests call
`read_in_child`.
"""

from __future__ import annotations

import subprocess
import sys
import warnings


def read_in_child(paths: list, labels: list | None = None, timeout: int = 600) -> list[str]:
    """The child's result line for every file of `paths`; fails the calling test naming the
    input (its label) the child died on."""
    labels = labels if labels is not None else [str(p) for p in paths]
    proc = subprocess.run(
        [sys.executable, __file__],
        input="\n".join(str(p) for p in paths) + "\n",
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    results = proc.stdout.splitlines()
    done = len(results)
    assert proc.returncode == 0, (
        f"child died (code {proc.returncode}) on {labels[done] if done < len(labels) else '?'}: "
        f"{proc.stderr[-2000:]}"
    )
    assert done == len(paths)
    return results


def _exercise(path: str) -> None:
    import pyrdicom

    with open(path, "rb") as f:
        data = f.read()
    ds = pyrdicom.dcmread(data, force=True)
    str(ds.file_meta)
    str(ds)  # decodes every value, recursively
    for elem in ds.iterall():
        elem.VM
    if "PixelData" in ds:
        ds.pixel_array


def _main() -> None:
    import resource

    from pyrdicom.errors import DicomError

    # No single input may make pyrdicom allocate more than this (the inputs are under 1 MB).
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    warnings.simplefilter("ignore")
    for line in sys.stdin:
        try:
            _exercise(line.strip())
            print("ok", flush=True)
        except DicomError as exc:
            print(f"DicomError {type(exc).__name__}", flush=True)
        except Exception as exc:
            print(
                f"other {type(exc).__module__}.{type(exc).__name__}: {str(exc)[:200]}", flush=True
            )


if __name__ == "__main__":
    _main()
