"""Generate python/pyrdicom/sr/_tables.json.gz from pydicom's SR code tables (PS3.16 concepts,
context groups and the SNOMED RT <-> CT mapping), as tools/gen_dict.py does for the data
dictionary. Run when the pinned pydicom version changes: python tools/gen_sr.py"""

import gzip
import json
from pathlib import Path

from pydicom.sr._cid_dict import cid_concepts, name_for_cid
from pydicom.sr._concepts_dict import concepts
from pydicom.sr._snomed_dict import mapping

OUT = Path(__file__).resolve().parent.parent / "python" / "pyrdicom" / "sr" / "_tables.json.gz"

tables = {
    "concepts": concepts,
    "cid_concepts": {str(cid): v for cid, v in cid_concepts.items()},
    "name_for_cid": {str(cid): v for cid, v in name_for_cid.items()},
    "snomed": mapping,
}
data = json.dumps(tables, separators=(",", ":"), sort_keys=True).encode()
OUT.write_bytes(gzip.compress(data, 9, mtime=0))
print(f"{OUT}: {OUT.stat().st_size} bytes")
