"""
A volume's three orthogonal planes
==================================

A series of single-frame slices read as one volume with ``pyrdicom.volume.read_series``, and cut
along its three axes. The series is made here from the ten frames of pydicom's
``emri_small.dcm``, written one file per slice by SimpleITK (GDCM): an independent writer, as
the test suite uses (its helper ``tests/series_fixtures.py``). The slices are handed to
``read_series`` in shuffled order: it sorts them along the slice normal.
"""

import random
import sys
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
from pydicom.data import get_testdata_file

import pyrdicom
from pyrdicom.volume import read_series

# The repository's tests/ folder (examples run in doc/gallery/ when the site is built).
sys.path.insert(0, str(Path("../../tests").resolve()))
from series_fixtures import write_series

frames = pyrdicom.dcmread(get_testdata_file("emri_small.dcm")).pixel_array.astype("int16")
folder = Path(tempfile.mkdtemp(prefix="series-"))
# (column, row, slice) spacing in mm, as SimpleITK orders it; thick slices, as in many MR series
paths = write_series(folder, frames, spacing=(0.78125, 0.78125, 5.0))
random.seed(0)
random.shuffle(paths)

vol = read_series(paths)
print("array", vol.array.shape, vol.array.dtype)
print("spacing (slice, row, column) mm:", vol.spacing)
print("affine (voxel index -> patient LPS mm):")
print(vol.affine.round(4))

# %%
# The three planes through the volume's centre. With ten 5 mm slices the reformatted planes are
# coarse: ten rows of 5 mm each. ``aspect`` is the ratio of the spacings along the
# picture's rows and columns, so 5 mm slices look 5 mm thick.

k, i, j = (s // 2 for s in vol.array.shape)
ds_k, ds_i, ds_j = vol.spacing
planes = [
    (f"axial (slice {k})", vol.array[k], ds_i / ds_j),
    (f"coronal (row {i})", vol.array[:, i, :], ds_k / ds_j),
    (f"sagittal (column {j})", vol.array[:, :, j], ds_k / ds_i),
]
fig, axes = plt.subplots(1, 3, figsize=(12, 4.2), layout="constrained")
for ax, (title, plane, aspect) in zip(axes, planes, strict=True):
    ax.imshow(plane, cmap="gray", aspect=aspect, origin="upper")
    ax.set_title(title)
    ax.axis("off")
plt.show()

# %%
# The same volume for NIfTI tools (nibabel, RAS) and SimpleITK:

print("NIfTI shape", vol.to_nifti().shape)
print("SimpleITK spacing", vol.to_sitk().GetSpacing())
