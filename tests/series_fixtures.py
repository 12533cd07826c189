"""DICOM series written by SimpleITK (GDCM), for the volume tests and benchmarks.

An independent writer: each slice's Image Position/Orientation comes from SimpleITK's geometry
(origin, spacing, direction), the pixels optionally compressed by GDCM's encoders.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

# SimpleITK's compressor names (GDCM encoders) → what the files end up as.
COMPRESSORS = {
    None: "native",
    "JPEG": "JPEG lossless",
    "JPEG2000": "JPEG 2000 lossless",
    "JPEGLS": "JPEG-LS lossless",
    "RLE": "RLE lossless",
}

AXIAL = (1, 0, 0, 0, 1, 0, 0, 0, 1)
SAGITTAL = (0, 0, -1, 1, 0, 0, 0, -1, 0)


def oblique() -> tuple[float, ...]:
    """A rotation about an oblique axis (a proper rotation: right-handed)."""
    axis = np.array([1.0, 2.0, 3.0]) / np.linalg.norm([1.0, 2.0, 3.0])
    angle = 0.4
    k = np.array([[0, -axis[2], axis[1]], [axis[2], 0, -axis[0]], [-axis[1], axis[0], 0]])
    rot = np.eye(3) + np.sin(angle) * k + (1 - np.cos(angle)) * (k @ k)
    return tuple(float(v) for v in rot.ravel())


def reversed_slices(direction: tuple[float, ...]) -> tuple[float, ...]:
    """The same in-plane axes with the slice axis negated: slices written against the normal."""
    d = np.array(direction, dtype=float).reshape(3, 3)
    d[:, 2] *= -1
    return tuple(float(v) for v in d.ravel())


def write_series(
    out: str | os.PathLike[str],
    arr: np.ndarray,
    *,
    spacing: tuple[float, float, float] = (0.7, 0.8, 2.5),
    origin: tuple[float, float, float] = (10.0, -20.0, 30.0),
    direction: tuple[float, ...] = AXIAL,
    compressor: str | None = None,
    rescale: tuple[float, float] | None = None,
    series_uid: str = "1.2.826.0.1.3680043.8.498.1",
) -> list[Path]:
    """Write `arr` (slices, rows, columns) as one file per slice; returns the paths in slice order.

    `spacing`, `origin`, `direction` are SimpleITK's (x, y, z) geometry; `rescale` is
    (slope, intercept) written into every slice.
    """
    import SimpleITK as sitk

    image = sitk.GetImageFromArray(arr)
    image.SetSpacing(spacing)
    image.SetOrigin(origin)
    image.SetDirection(direction)
    writer = sitk.ImageFileWriter()
    writer.KeepOriginalImageUIDOn()
    if compressor:
        writer.SetUseCompression(True)
        writer.SetCompressor(compressor)
    d = np.array(direction).reshape(3, 3)
    iop = "\\".join(f"{v:.10g}" for v in (*d[:, 0], *d[:, 1]))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(arr.shape[0]):
        piece = image[:, :, k]
        position = image.TransformIndexToPhysicalPoint((0, 0, k))
        tags = {
            "0008|0060": "CT",
            "0020|000d": series_uid + ".0",
            "0020|000e": series_uid,
            "0020|0052": series_uid + ".9",
            "0020|0037": iop,
            "0020|0032": "\\".join(f"{v:.10g}" for v in position),
            "0020|0013": str(k + 1),
            "0008|0018": f"{series_uid}.{k + 1}",
        }
        if rescale is not None:
            tags["0028|1053"] = f"{rescale[0]:g}"
            tags["0028|1052"] = f"{rescale[1]:g}"
        for tag, value in tags.items():
            piece.SetMetaData(tag, value)
        path = out / f"slice{k:04d}.dcm"
        writer.SetFileName(str(path))
        writer.Execute(piece)
        paths.append(path)
    return paths
