"""pydicom's one-stop import of the read and write entry points."""

from .filereader import dcmread
from .filewriter import dcmwrite

__all__ = ["dcmread", "dcmwrite"]
