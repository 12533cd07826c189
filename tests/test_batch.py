"""read_many and index over a tree built from the corpus, with pydicom as the oracle."""

from __future__ import annotations

import datetime
import math
import os
import shutil
import subprocess
import sys
import warnings

import numpy as np
import pydicom
import pytest
from pydicom.valuerep import DA, DT, TM

import pyrdicom
from corpus import corpus_file, corpus_files
from oracle import assert_same_file
from pyrdicom.batch import DEFAULT_TAGS, index, read_many
from pyrdicom.errors import DicomError, InvalidDicomError

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

EXTRA_TAGS = (
    "ImageType",  # CS, multi-valued
    "WindowCenter",  # DS, multi-valued
    "AcquisitionDateTime",  # DT
    "ReferencedImageSequence",  # SQ → JSON
    "PixelRepresentation",  # US
    (0x0009, 0x0010),  # a private creator: string
)


def _pydicom(path: str) -> pydicom.Dataset | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return pydicom.dcmread(path, stop_before_pixels=True)
        except Exception:
            return None


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    """Two copies of the corpus in nested folders, plus broken files and a symlink loop."""
    root = tmp_path_factory.mktemp("tree")
    files = corpus_files()
    for copy in ("a", "b/c"):
        for n, path in enumerate(files):
            dst = root / copy / f"d{n % 7}" / f"{n:04d}_{os.path.basename(path)}"
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, dst)
    broken = root / "broken"
    broken.mkdir()
    (broken / "empty.dcm").write_bytes(b"")
    (broken / "text.dcm").write_text("not a DICOM file at all\n" * 20)
    ct = open(corpus_file("CT_small.dcm"), "rb").read()
    (broken / "truncated.dcm").write_bytes(ct[:300])
    (broken / "loop").symlink_to(broken)
    return root


def _value(ref: pydicom.DataElement | None) -> object:
    """pydicom's value as the index types it (None when absent, empty or not valid)."""
    if ref is None or ref.value in (None, "", b"") or (ref.VR == "SQ" and not ref.value):
        return None
    vr, value = ref.VR, ref.value
    values = list(value) if isinstance(value, pydicom.multival.MultiValue | list) else [value]

    def one(v: object) -> object:
        if v in (None, ""):
            return None
        try:
            if vr == "DA":
                return DA(str(v)) if not isinstance(v, datetime.date) else v
            if vr == "TM":
                t = TM(str(v)) if not isinstance(v, datetime.time) else v
                return t.replace(tzinfo=None)
            if vr == "DT":
                d = DT(str(v))
                if d.tzinfo is not None:
                    d = d.astimezone(datetime.UTC)
                return d.replace(tzinfo=None)
            if vr in ("IS", "US", "SS", "UL", "SL"):
                return int(v)
            if vr in ("DS", "FL", "FD"):
                return float(v)
        except (ValueError, OverflowError):
            return None
        return str(v)

    converted = [one(v) for v in values]
    return converted


def _index_value(value: object) -> list | None:
    if value is None:
        return None
    return value if isinstance(value, list) else [value]


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    return a == b


def test_index_matches_pydicom(tree):
    tags = (*DEFAULT_TAGS, *EXTRA_TAGS)
    table = index(tree / "a", tags=tags)
    rows = table.to_pylist()
    assert len(rows) == len(corpus_files())
    names = [c for c in table.column_names[4:]]
    checked = 0
    for row in rows:
        ref = _pydicom(row["path"])
        if ref is None:
            assert row["error"] is not None, row["path"]
            continue
        assert row["error"] is None, (row["path"], row["error"])
        assert row["size"] == os.path.getsize(row["path"])
        assert row["transfer_syntax"] == ref.file_meta.get("TransferSyntaxUID")
        for name, tag in zip(names, tags, strict=True):
            elem = ref.get(pydicom.tag.Tag(tag)) if not isinstance(tag, str) else None
            if isinstance(tag, str):
                elem = ref.data_element(tag) if tag in ref else None
            if elem is not None and elem.VR == "SQ":
                got = row[name]
                assert (got is None) == (len(elem.value) == 0) or got == "[]"
                if got:
                    assert _json_tags(got) == [
                        sorted(f"{e.tag:08X}" for e in item) for item in elem.value
                    ]
                continue
            expected = _value(elem)
            got = _index_value(row[name])
            if expected is None or all(v is None for v in expected):
                assert got is None or all(v is None for v in got), (row["path"], name, got)
                continue
            if len(expected) > 1 and not isinstance(row[name], list):
                # a single-valued column keeps several values joined, as stored
                assert row[name] == "\\".join(str(v) for v in elem.value)
                continue
            assert len(got) == len(expected), (row["path"], name, got, expected)
            for g, e in zip(got, expected, strict=True):
                assert _same(g, e), (row["path"], name, g, e)
            checked += 1
    assert checked > 1000


def _json_tags(text: str) -> list[list[str]]:
    import json

    return [sorted(item) for item in json.loads(text)]


def test_index_types(tree):
    table = index(tree / "a" / "d0", tags=(*DEFAULT_TAGS, *EXTRA_TAGS))
    types = dict(zip(table.column_names, table.schema.types, strict=True))
    assert types["path"] == pa.string() and types["size"] == pa.int64()
    assert types["Rows"] == pa.int64()
    assert types["SliceThickness"] == pa.float64()
    assert types["StudyDate"] == pa.date32()
    assert types["StudyTime"] == pa.time64("us")
    assert types["AcquisitionDateTime"] == pa.timestamp("us")
    assert types["PatientName"] == pa.string()
    assert types["PixelSpacing"] == pa.list_(pa.float64())
    assert types["ImageType"] == pa.list_(pa.string())
    assert types["SeriesNumber"] == pa.int64()
    assert types["ReferencedImageSequence"] == pa.string()
    assert types["00090010"] == pa.string()


def test_errors_land_in_rows(tree):
    table = index(tree / "broken")
    by_name = {os.path.basename(r["path"]): r for r in table.to_pylist()}
    for name in ("empty.dcm", "text.dcm"):
        assert by_name[name]["error"], name
        assert by_name[name]["Modality"] is None
    # Cut inside the file meta: read (as pydicom does) with what is there.
    fails = isinstance(_try(by_name["truncated.dcm"]["path"]), Exception)
    assert (by_name["truncated.dcm"]["error"] is not None) == fails
    loop = by_name["loop"]
    assert "loop" in loop["error"]
    assert by_name["empty.dcm"]["size"] == 0


def test_read_many_equals_dcmread(tree):
    paths = sorted(str(p) for p in (tree / "a").rglob("*") if p.is_file())
    datasets = read_many(tree / "a", on_error="collect")
    assert len(datasets) == len(paths)
    for path, ds in zip(paths, datasets, strict=True):
        ref = _pydicom(path)
        if ref is None:
            assert isinstance(ds, DicomError | OSError), path
            with pytest.raises(type(ds)):
                pyrdicom.dcmread(path, stop_before_pixels=True)
            continue
        assert ds.filename == path
        assert_same_file(ds, ref)


def test_read_many_input_order_and_kinds(tree):
    paths = sorted(str(p) for p in (tree / "b").rglob("*") if p.is_file())[:40]
    shuffled = paths[::-1]
    datasets = read_many(shuffled, on_error="skip", threads=2)
    assert [ds.filename for ds in datasets] == [
        p for p in shuffled if not isinstance(_try(p), Exception)
    ]
    glob_pattern = str(tree / "b" / "**" / "d1" / "*.dcm")
    by_glob = read_many(glob_pattern, on_error="skip")
    assert by_glob and all("/d1/" in ds.filename for ds in by_glob)
    full = read_many([corpus_file("CT_small.dcm")], stop_before_pixels=False)
    assert full[0].pixel_array.shape == (128, 128)
    only = read_many([corpus_file("CT_small.dcm")], specific_tags=["Rows"])
    assert "Rows" in only[0] and "Columns" not in only[0]


def _try(path: str) -> object:
    try:
        return pyrdicom.dcmread(path, stop_before_pixels=True)
    except Exception as exc:
        return exc


def test_read_many_on_error(tree):
    broken = tree / "broken"
    with pytest.raises(InvalidDicomError):
        read_many([broken / "text.dcm", corpus_file("CT_small.dcm")])
    got = read_many([broken / "text.dcm", corpus_file("CT_small.dcm")], on_error="collect")
    assert isinstance(got[0], InvalidDicomError) and got[1].Modality == "CT"
    assert [
        ds.Modality
        for ds in read_many([broken / "text.dcm", corpus_file("CT_small.dcm")], on_error="skip")
    ] == ["CT"]
    with pytest.raises(FileNotFoundError):
        read_many([tree / "no-such-file.dcm"])
    with pytest.raises(ValueError, match="on_error"):
        read_many([], on_error="ignore")
    with pytest.raises(OSError, match="loop"):
        read_many(tree / "broken", on_error="raise", force=True)


def test_parquet_round_trip(tree, tmp_path):
    out = tmp_path / "index.parquet"
    table = index(tree / "a" / "d2", out=out)
    assert not list(tmp_path.glob("*.partial-*"))
    back = pq.read_table(out)
    assert back.equals(table)
    duckdb = pytest.importorskip("duckdb")
    via_duckdb = duckdb.sql(f"select * from read_parquet('{out}')").fetch_arrow_table()
    assert via_duckdb.to_pylist() == table.to_pylist()
    polars = pytest.importorskip("polars")
    via_polars = polars.read_parquet(out)
    assert via_polars.height == table.num_rows
    assert via_polars["SOPInstanceUID"].to_list() == table.column("SOPInstanceUID").to_pylist()
    with pytest.raises(ValueError, match="parquet"):
        index(tree / "a" / "d2", out=tmp_path / "index.csv")


def test_failed_run_leaves_no_file(tmp_path, monkeypatch):
    out = tmp_path / "index.parquet"
    out.write_bytes(b"previous")
    import pyrdicom.batch as batch

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(batch, "_record_batch", boom)
    with pytest.raises(RuntimeError):
        index([corpus_file("CT_small.dcm")], out=out)
    assert out.read_bytes() == b"previous"
    assert not list(tmp_path.glob("*.partial-*"))


def test_missing_extra_is_named(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match=r"pip install pyrdicom\[index\]"):
        index([corpus_file("CT_small.dcm")])


def test_threads_give_the_same_table(tree):
    one = index(tree / "b", threads=1)
    two = index(tree / "b", threads=2)
    assert one.equals(two)
    with pytest.raises(ValueError, match="threads"):
        index(tree / "b", threads=0)


def test_cli_index(tree, tmp_path):
    out = tmp_path / "cli.parquet"
    env = {**os.environ, "PYTHONPATH": os.path.dirname(os.path.dirname(pyrdicom.__file__))}
    done = subprocess.run(
        [sys.executable, "-m", "pyrdicom", "index", str(tree / "a" / "d3"), "-o", str(out),
         "--tags", "Modality", "Rows", "--threads", "2"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "files," in done.stdout and "errors" in done.stdout and "files/s" in done.stdout
    back = pq.read_table(out)
    assert back.column_names == ["path", "size", "transfer_syntax", "error", "Modality", "Rows"]
    assert back.num_rows == len(list((tree / "a" / "d3").iterdir()))


def test_index_column_arrays_are_numpy_backed():
    table = index([corpus_file("CT_small.dcm")], tags=["Rows", "PixelSpacing"])
    assert table.column("Rows").to_pylist() == [128]
    np.testing.assert_allclose(table.column("PixelSpacing").to_pylist()[0], [0.661468, 0.661468])


def _index_rows(path: str) -> int:
    return index([path], threads=2).num_rows


def test_index_in_a_forked_child():
    """The core keeps its thread pools; a forked child (whose parent used one) makes its own."""
    import multiprocessing

    path = corpus_file("CT_small.dcm")
    assert _index_rows(path) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads (3.12+)
        with multiprocessing.get_context("fork").Pool(1) as pool:
            assert pool.apply_async(_index_rows, (path,)).get(timeout=60) == 1
