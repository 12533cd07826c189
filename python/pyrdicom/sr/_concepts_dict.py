"""pydicom's ``concepts``: scheme designator -> keyword -> code value -> (meaning, CIDs)."""

from ._tables import tables

concepts = tables()["concepts"]
