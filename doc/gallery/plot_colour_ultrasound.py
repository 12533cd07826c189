"""
Colour ultrasound
=================

Colour reaches DICOM files in several ways, and ``pixel_array`` gives RGB for each, as pydicom
does: native RGB samples; JPEG 2000 with its reversible colour transform (YBR_RCT, undone by the
decoder); JPEG-compressed YBR_FULL_422 (converted to RGB when decoded); and PALETTE COLOR
(indices into the file's palette, applied with ``apply_color_lut``).
"""

import matplotlib.pyplot as plt
import numpy as np
from pydicom.data import get_testdata_file

import pyrdicom
from pyrdicom.pixels import apply_color_lut, pixel_array

rgb = pyrdicom.dcmread(get_testdata_file("US1_UNCR.dcm"))
j2k = pyrdicom.dcmread(get_testdata_file("US1_J2KR.dcm"))
ybr_path = get_testdata_file("examples_ybr_color.dcm")
ybr = pyrdicom.dcmread(ybr_path, stop_before_pixels=True)
pal = pyrdicom.dcmread(get_testdata_file("OBXXXX1A.dcm"))

for ds in (rgb, j2k, ybr, pal):
    print(f"{ds.PhotometricInterpretation:14} {ds.file_meta.TransferSyntaxUID.name}")

# %%
# The lossless JPEG 2000 file holds the same image as the native one: the decoded samples are
# identical. Of the 30-frame JPEG file only frame 10 is decoded (``index=``).

print("J2K lossless == native:", np.array_equal(j2k.pixel_array, rgb.pixel_array))
frame = pixel_array(ybr_path, index=10)
print("one JPEG frame:", frame.shape, frame.dtype)

# The palette's entries are 16-bit: shift them to 8 bits for display.
rgb16 = apply_color_lut(pal.pixel_array, pal)
print("palette output:", rgb16.dtype, rgb16.shape)

fig, axes = plt.subplots(2, 2, figsize=(10, 7.5), layout="constrained")
axes[0, 0].imshow(rgb.pixel_array)
axes[0, 0].set_title("RGB, native")
axes[0, 1].imshow(j2k.pixel_array)
axes[0, 1].set_title("YBR_RCT, JPEG 2000 lossless")
axes[1, 0].imshow(frame)
axes[1, 0].set_title(f"YBR_FULL_422, JPEG baseline: frame 10 of {ybr.NumberOfFrames}")
axes[1, 1].imshow((rgb16 >> 8).astype("uint8"))
axes[1, 1].set_title("PALETTE COLOR through its palette")
for ax in axes.ravel():
    ax.axis("off")
plt.show()
