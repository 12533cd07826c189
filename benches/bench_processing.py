"""LUT application and windowing on a large multi-frame array: the Rust kernels against the
NumPy path of pyrdicom.pixels.processing (prints, asserts only that the results are equal).

    python benches/bench_processing.py
"""

import time
import types

import numpy as np
from pydicom.dataset import Dataset

from pyrdicom.pixels import processing


def best(function, *args, repeat=5, **kwargs):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        out = function(*args, **kwargs)
        times.append(time.perf_counter() - start)
    return min(times), out


def compare(label, function, *args, **kwargs):
    rust_s, rust = best(function, *args, **kwargs)
    kernels = processing._core
    processing._core = types.SimpleNamespace(
        lut_apply=lambda *a: None, window_linear=lambda *a: None
    )
    try:
        numpy_s, numpy_out = best(function, *args, **kwargs)
    finally:
        processing._core = kernels
    assert rust.tobytes() == numpy_out.tobytes()
    print(
        f"{label:44} rust {rust_s * 1e3:8.1f} ms   numpy {numpy_s * 1e3:8.1f} ms   "
        f"x{numpy_s / rust_s:5.1f}"
    )


def main():
    rng = np.random.default_rng(0)
    arr = rng.integers(0, 4096, (100, 512, 512), dtype=np.uint16)
    print(f"input: 100 frames of 512x512 uint16 ({arr.nbytes / 2**20:.0f} MiB)")

    item = Dataset()
    item.LUTDescriptor = [4096, 0, 16]
    item.LUTData = [int(v) for v in rng.integers(0, 65536, 4096)]
    ds = Dataset()
    ds.ModalityLUTSequence = [item]
    compare("apply_modality_lut (4096-entry LUT)", processing.apply_modality_lut, arr, ds)

    voi = Dataset()
    voi.VOILUTSequence = [item]
    compare("apply_voi (4096-entry LUT)", processing.apply_voi, arr, voi)

    palette_input = (arr >> 4).astype(np.uint8)
    compare(
        "apply_color_lut (HOT_IRON, uint8 input)",
        processing.apply_color_lut,
        palette_input,
        palette="HOT_IRON",
    )

    win = Dataset()
    win.PhotometricInterpretation = "MONOCHROME2"
    win.BitsStored = 12
    win.PixelRepresentation = 0
    win.WindowCenter = 1500.5
    win.WindowWidth = 1200
    compare("apply_windowing (LINEAR)", processing.apply_windowing, arr, win)


if __name__ == "__main__":
    main()
