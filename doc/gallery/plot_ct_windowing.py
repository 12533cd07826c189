"""
A CT windowed three ways
========================

The same CT slice (pydicom-data's ``693_UNCI.dcm``, 512x512) through three windows: the one
stored in the file (a narrow soft-tissue window), a bone
window and a lung window. Stored values become Hounsfield units with the modality LUT (Rescale
Slope and Intercept), and the window maps a range of them to the display's grey levels
(DICOM's LINEAR function, as pydicom's ``apply_windowing``).
"""

import matplotlib.pyplot as plt
from pydicom.data import get_testdata_file

import pyrdicom
from pyrdicom.pixels import apply_modality_lut, render

ds = pyrdicom.dcmread(get_testdata_file("693_UNCI.dcm"))
hu = apply_modality_lut(ds.pixel_array, ds)
print(f"{ds.Modality}, {ds.Rows}x{ds.Columns}, stored {ds.pixel_array.dtype}")
print(f"Hounsfield units from {hu.min():.0f} to {hu.max():.0f}")
print(f"the file's window: center {ds.WindowCenter}, width {ds.WindowWidth}")

# %%
# ``render`` applies the modality LUT, then the window (the file's, or ``window=(center,
# width)``), and scales to uint8 as a viewer would. The last panel is the histogram of
# Hounsfield units with each window's range: what falls left of a range is black, what falls
# right of it is white.

windows = {
    f"file's window ({float(ds.WindowCenter):g}, {float(ds.WindowWidth):g})": None,
    "bone (500, 2000)": (500, 2000),
    "lung (-600, 1500)": (-600, 1500),
}
fig, axes = plt.subplots(1, 4, figsize=(13, 3.6), layout="constrained")
for ax, (title, window) in zip(axes, windows.items(), strict=False):
    ax.imshow(render(ds, window=window), cmap="gray", vmin=0, vmax=255)
    ax.set_title(title)
    ax.axis("off")

# The histogram of Hounsfield units with each window's range: what falls left of a range is
# black, what falls right of it is white.
axes[3].hist(hu.ravel(), bins=100, color="0.3")
for (title, window), colour in zip(
    windows.items(), ["tab:blue", "tab:orange", "tab:green"], strict=True
):
    c, w = window or (float(ds.WindowCenter), float(ds.WindowWidth))
    axes[3].axvspan(c - w / 2, c + w / 2, alpha=0.2, color=colour, label=title.split(" (")[0])
axes[3].set_xlabel("Hounsfield units")
axes[3].set_yscale("log")
axes[3].legend(fontsize=7)
plt.show()
