"""What the Python-level fuzzer does with one input, shared by the atheris harness
(fuzz_dcmread.py) and the replay of its findings (tests/test_fuzz_regressions.py)."""

from __future__ import annotations

import contextlib
import io

import pyrdicom
from pyrdicom.errors import DicomError
from pyrdicom.pixels import pixel_array

# What bad input may raise; anything else is a bug.
EXPECTED = (DicomError, OSError)


def touch(ds: pyrdicom.Dataset) -> None:
    """Reads every value of `ds` and its sequences, as a user printing the data set would."""
    str(ds)
    for elem in ds.iterall():
        _ = elem.value
        _ = elem.VM
        repr(elem)


def pixels(ds: pyrdicom.Dataset) -> None:
    """The pixel data through `pixel_array(ds)`, then through the property: the property is
    only asked for when the function succeeded, since a property's AttributeError may come out
    of `Dataset.__getattr__` as "no attribute 'pixel_array'", hiding the error's own type."""
    if "PixelData" in ds:
        pixel_array(ds)
        _ = ds.pixel_array


def exercise(data: bytes) -> None:
    """`dcmread(data)`, every value, the pixel data, `save_as(BytesIO)` and the written bytes
    read back; raises only what is not in EXPECTED."""
    try:
        ds = pyrdicom.dcmread(data, force=True)
    except EXPECTED:
        return
    for step in (lambda: touch(ds.file_meta), lambda: touch(ds), lambda: pixels(ds)):
        with contextlib.suppress(*EXPECTED):
            step()
    out = io.BytesIO()
    try:
        ds.save_as(out)
    except EXPECTED:
        return
    with contextlib.suppress(*EXPECTED):
        touch(pyrdicom.dcmread(out.getvalue(), force=True))
