"""pyrdicom: DICOM for Python with a Rust core and pydicom's API.

Port pydicom code by changing the import: ``import pyrdicom as pydicom``.
"""

from . import config
from .batch import index, read_many
from .dataelem import DataElement
from .dataset import Dataset, FileDataset, FileMetaDataset
from .errors import DicomError, InvalidDicomError
from .filereader import dcmread, read_file
from .filewriter import dcmwrite
from .sequence import Sequence
from .tag import Tag


def __getattr__(name: str) -> object:
    # __version__ on first use: importlib.metadata would add ~13 ms to every import.
    if name not in ("__version__", "__version_info__"):
        raise AttributeError(f"module 'pyrdicom' has no attribute '{name}'")
    from importlib.metadata import PackageNotFoundError, version

    try:  # the installed distribution's metadata (Cargo.toml's version, through maturin)
        found = version("pyrdicom")
    except PackageNotFoundError:  # a source tree on sys.path without an install
        from ._core import build_info

        found = str(build_info()["core"])
    globals()["__version__"] = found
    globals()["__version_info__"] = tuple(found.split("."))
    return globals()[name]


__all__ = [
    "DataElement",
    "Dataset",
    "DicomError",
    "FileDataset",
    "FileMetaDataset",
    "InvalidDicomError",
    "Sequence",
    "Tag",
    "config",
    "dcmread",
    "dcmwrite",
    "index",
    "read_file",
    "read_many",
]
