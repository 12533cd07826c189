"""pydicom's SNOMED mapping: ``mapping["SCT"]`` (CT -> RT codes) and ``mapping["SRT"]``."""

from ._tables import tables

mapping = tables()["snomed"]
