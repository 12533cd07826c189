"""Threads sharing one data set: decoding pixel data while others read values, and NumPy views
of the file's bytes written to while the core reads them (see docs/robustness.md,
"Concurrency"). The core releases the GIL for decoding and writing, so these really overlap."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

import pyrdicom
from corpus import corpus_file
from pyrdicom.pixels import pixel_array

ROUNDS = 20


def _values(ds: pyrdicom.Dataset) -> list[str]:
    return [repr(elem.value) for elem in ds.iterall() if elem.tag != 0x7FE00010]


def _run_together(tasks: list[Callable[[], object]]) -> list[object]:
    with ThreadPoolExecutor(len(tasks)) as pool:
        return [f.result() for f in [pool.submit(t) for t in tasks]]


@pytest.mark.parametrize(
    "name",
    ["emri_small_jpeg_2k_lossless.dcm", "SC_rgb_rle_2frame.dcm", "JPEGLSNearLossless_08.dcm"],
)
def test_decoding_while_others_read_values(name: str) -> None:
    path = corpus_file(name)
    expected_pixels = pixel_array(pyrdicom.dcmread(path))
    expected_values = _values(pyrdicom.dcmread(path))
    ds = pyrdicom.dcmread(path)

    def decode() -> bool:
        return all(np.array_equal(pixel_array(ds), expected_pixels) for _ in range(ROUNDS))

    def read() -> bool:
        return all(_values(ds) == expected_values for _ in range(ROUNDS))

    assert all(_run_together([decode, read, decode, read, decode, read]))
    assert np.array_equal(ds.pixel_array, expected_pixels)


def test_view_written_during_decode_and_save() -> None:
    """Allowed: writers change the bytes under a decode or a save of the same file. Each result
    is readable and holds, per sample, one of the values written (nothing torn, no crash)."""
    ds = pyrdicom.dcmread(corpus_file("CT_small.dcm"))
    arr = ds.pixel_array
    assert not arr.flags.owndata and arr.flags.writeable  # a view of the file's bytes
    values = {0, 1000}
    arr[...] = 0
    stop = threading.Event()

    def write() -> None:
        while not stop.is_set():
            for v in values:
                arr[...] = v

    def save() -> set[int]:
        seen: set[int] = set()
        for _ in range(ROUNDS):
            out = io.BytesIO()
            ds.save_as(out)
            again = pyrdicom.dcmread(out.getvalue())
            seen |= set(np.unique(again.pixel_array).tolist())
        return seen

    def decode() -> set[int]:
        seen: set[int] = set()
        for _ in range(ROUNDS):
            seen |= set(np.unique(pixel_array(ds)).tolist())
        return seen

    writers = [threading.Thread(target=write) for _ in range(2)]
    for w in writers:
        w.start()
    try:
        results = _run_together([save, decode, save, decode])
    finally:
        stop.set()
        for w in writers:
            w.join()
    for seen in results:
        assert seen <= values, seen
