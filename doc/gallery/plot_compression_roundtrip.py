"""
Before and after a compression round trip
=========================================

A CT slice compressed with ``Dataset.compress`` in several ways, written, read back and decoded:
lossless encodings give back every sample; a near-lossless JPEG-LS encoding (``jls_error``)
bounds the error per sample; a lossy JPEG 2000 one (``j2k_cr``) trades error for size. The
difference images show where the samples changed.
"""

import io

import matplotlib.pyplot as plt
import numpy as np
from pydicom.data import get_testdata_file

import pyrdicom
from pyrdicom.uid import JPEG2000, JPEGLSLossless, JPEGLSNearLossless, RLELossless

path = get_testdata_file("CT_small.dcm")
before = pyrdicom.dcmread(path).pixel_array.copy()
native_size = before.nbytes

runs = {
    "RLE Lossless": (RLELossless, {}),
    "JPEG-LS Lossless": (JPEGLSLossless, {}),
    "JPEG-LS near-lossless, error <= 8": (JPEGLSNearLossless, {"jls_error": 8}),
    "JPEG 2000, ratio 20": (JPEG2000, {"j2k_cr": [20]}),
}
after = {}
print(f"{'encoding':36} {'pixel bytes':>11} {'ratio':>6} {'max |error|':>11}")
for name, (uid, options) in runs.items():
    ds = pyrdicom.dcmread(path)
    try:
        ds.compress(uid, **options)
    except pyrdicom.DicomError as exc:  # an encoder this build does not have
        print(f"{name:36} not available: {exc}")
        continue
    out = io.BytesIO()
    ds.save_as(out)
    back = pyrdicom.dcmread(io.BytesIO(out.getvalue()))
    arr = back.pixel_array
    size = len(back.PixelData)
    err = int(np.abs(arr.astype(np.int32) - before).max())
    after[name] = arr
    print(f"{name:36} {size:11d} {native_size / size:6.2f} {err:11d}")

# %%
# The original, each decoded result (same grey scale), and the difference to the original
# (grey is 0; the scale is the largest difference of the lossy encodings).

lossy = [a.astype(np.int32) - before for a in after.values()]
limit = max(1, max(int(np.abs(d).max()) for d in lossy))
fig, axes = plt.subplots(
    2, len(after) + 1, figsize=(3 * (len(after) + 1), 6.4), layout="constrained"
)
axes[0, 0].imshow(before, cmap="gray", vmin=0, vmax=1500)
axes[0, 0].set_title("original (native)", fontsize=9)
axes[1, 0].axis("off")
for col, ((name, arr), diff) in enumerate(zip(after.items(), lossy, strict=True), start=1):
    axes[0, col].imshow(arr, cmap="gray", vmin=0, vmax=1500)
    axes[0, col].set_title(name, fontsize=9)
    im = axes[1, col].imshow(diff, cmap="RdBu", vmin=-limit, vmax=limit)
    axes[1, col].set_title(f"difference, max {int(np.abs(diff).max())}", fontsize=9)
for ax in axes.ravel():
    ax.set_xticks([])
    ax.set_yticks([])
fig.colorbar(im, ax=axes[1, 1:], shrink=0.8, label="decoded - original")
plt.show()
