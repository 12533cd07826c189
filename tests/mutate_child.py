"""Child process of the mutation test: reads each mutated file given on stdin (one path a line)
and prints one line per file: 'ok', or the exception's class path. A crash or hang of this
process is what the parent test looks for."""

from __future__ import annotations

import resource
import sys
import warnings

import pyrdicom
from pyrdicom.errors import DicomError

# No single input may make pyrdicom allocate more than this (the inputs are under 1 MB).
resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
warnings.simplefilter("ignore")


def exercise(path: str) -> None:
    with open(path, "rb") as f:
        data = f.read()
    ds = pyrdicom.dcmread(data, force=True)
    str(ds.file_meta)
    str(ds)  # decodes every value, recursively
    for elem in ds.iterall():
        elem.VM
    if "PixelData" in ds:
        ds.pixel_array


for line in sys.stdin:
    path = line.strip()
    try:
        exercise(path)
        print("ok", flush=True)
    except DicomError as exc:
        print(f"DicomError {type(exc).__name__}", flush=True)
    except Exception as exc:
        print(f"other {type(exc).__module__}.{type(exc).__name__}: {str(exc)[:200]}", flush=True)
