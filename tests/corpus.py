"""The real-file corpus (pydicom's test files and pydicom-data)."""

from __future__ import annotations

import os
import warnings

import pytest
from pydicom.data import get_testdata_file, get_testdata_files

NATIVE_SYNTAXES = {
    "1.2.840.10008.1.2",
    "1.2.840.10008.1.2.1",
    "1.2.840.10008.1.2.1.99",
    "1.2.840.10008.1.2.2",
}

# Lossy codecs: the inverse DCT and chroma upsampling legitimately differ between decoders
# (pydicom's own gdcm and pylibjpeg plugins differ by up to 5 on these files), so lossy JPEG
# is compared within this tolerance; every lossless syntax must be exact.
LOSSY = {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.81"}
LOSSY_TOLERANCE = 5


def corpus_files() -> list[str]:
    """Every file of the corpus (pydicom's own test files and the pydicom-data package)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sorted(p for p in set(get_testdata_files("*")) if os.path.isfile(p))


def corpus_file(name: str) -> str:
    path = get_testdata_file(name)
    if path is None:
        pytest.fail(f"test file {name} is missing from the corpus")
    return str(path)
