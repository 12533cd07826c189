"""pydicom's context group tables: ``name_for_cid`` (CID -> name) and ``cid_concepts``
(CID -> scheme designator -> keywords)."""

from ._tables import tables

name_for_cid = {int(cid): name for cid, name in tables()["name_for_cid"].items()}
cid_concepts = {int(cid): groups for cid, groups in tables()["cid_concepts"].items()}
