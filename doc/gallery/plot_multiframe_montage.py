"""
A multi-frame montage
=====================

All ten frames of a multi-frame MR image, decoded from three encodings of the same data (native,
RLE and JPEG-LS): ``pixel_array`` gives (frames, rows, columns), and the frames are laid out
in a grid. The three decodes are compared sample by sample.
"""

import matplotlib.pyplot as plt
import numpy as np
from pydicom.data import get_testdata_file

import pyrdicom

names = ["emri_small.dcm", "emri_small_RLE.dcm", "emri_small_jpeg_ls_lossless.dcm"]
arrays = {}
for name in names:
    ds = pyrdicom.dcmread(get_testdata_file(name))
    arrays[ds.file_meta.TransferSyntaxUID.name] = ds.pixel_array
    print(f"{name:34} {ds.file_meta.TransferSyntaxUID.name:36} {ds.pixel_array.shape}")

first, *others = arrays.values()
print("all three decode to the same samples:", all(np.array_equal(first, a) for a in others))

# %%
# A montage: the frames in a 2 x 5 grid, one shared grey scale (the data's 1st to 99th
# percentile) so that frames can be compared.

frames = first
lo, hi = np.percentile(frames, [1, 99])
fig, axes = plt.subplots(2, 5, figsize=(11, 4.8), layout="constrained")
for k, ax in enumerate(axes.ravel()):
    ax.imshow(frames[k], cmap="gray", vmin=lo, vmax=hi)
    ax.set_title(f"frame {k}", fontsize=9)
    ax.axis("off")
fig.suptitle(f"emri_small.dcm: {frames.shape[0]} frames of {frames.shape[1]}x{frames.shape[2]}")
plt.show()
