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

__version__ = "0.1.0"
__version_info__ = tuple(__version__.split("."))

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
