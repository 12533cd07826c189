"""pyrdicom.fileset against pydicom.fileset on pydicom's File-sets (the dicomdirtests tree,
TINY_ALPHA) and instances of its test data: loading, the DICOMDIRs written by ``write`` and
``copy`` (read back by pydicom, offsets included), staged changes, and the exceptions."""

from __future__ import annotations

import io
import itertools
import os
import shutil
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pydicom
import pydicom.fileset
import pytest

import pyrdicom
import pyrdicom.fileset
from corpus import corpus_file
from pyrdicom.errors import MalformedDicomError

DICOMDIRS = [
    "DICOMDIR",
    "DICOMDIR-implicit",
    "DICOMDIR-bigEnd",
    "DICOMDIR-reordered",
    "DICOMDIR-nooffset",
    "TINY_ALPHA/DICOMDIR",
]
# Instances of several patients, studies and series; rtplan/rtdose get an Instance Number
INSTANCES = ["CT_small.dcm", "MR_small.dcm", "SC_rgb.dcm", "JPEG2000.dcm", "liver.dcm"]
NUMBERED = ["rtplan.dcm", "rtdose.dcm"]
OFFSETS = (0x00041400, 0x00041420)


def both(fn: Callable[[Any], Any]) -> tuple[Any, Any]:
    """`fn` run on pyrdicom's then pydicom's module, with the warnings each gave."""
    results = []
    for module in (pyrdicom.fileset, pydicom.fileset):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            value = fn(module)
        messages = [str(w.message) for w in caught if w.category is not ResourceWarning]
        results.append((value, messages))
    return results[0], results[1]


def outcome(fn: Callable[[], Any]) -> Any:
    try:
        fn()
    except Exception as exc:  # the exception type is what is compared
        return type(exc)
    return None


def summary(fs: Any) -> dict[str, Any]:
    """What a File-set shows of itself, UIDs as text."""
    return {
        "len": len(fs),
        "paths": [os.fspath(i.path) for i in fs],
        "uids": [str(i.SOPInstanceUID) for i in fs],
        "file_ids": [i.FileID for i in fs],
        "staged": [(i.for_addition, i.for_moving, i.for_removal) for i in fs],
        "is_staged": fs.is_staged,
        "moving": fs._stage["~"],
        "tree": fs._tree.prettify(),
        "str": str(fs),
        "types": [n.record_type for n in fs._tree],
        "keys": [str(n.key) for n in fs._tree],
    }


def tree_copy(dicomdir: str, dst: Path) -> Path:
    """A copy of the File-set of `dicomdir` under `dst`; the new DICOMDIR's path."""
    src = Path(dicomdir).parent
    shutil.copytree(src, dst, dirs_exist_ok=True)
    return dst / Path(dicomdir).name


def files_under(root: Path) -> list[str]:
    return sorted(
        os.fspath(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_file() and p.name != "DICOMDIR"
    )


def assert_dicomdirs_match(ours: Path, ref: Path) -> None:
    """pydicom reads the DICOMDIR we wrote as its own, element by element; our offsets are
    pydicom's shifted by the difference of the File Meta lengths (pyrdicom's Implementation
    Class UID is 2 bytes longer) and point at the items pydicom reads there."""
    a, b = pydicom.dcmread(ours), pydicom.dcmread(ref)
    shift = a.file_meta.FileMetaInformationGroupLength - b.file_meta.FileMetaInformationGroupLength
    assert a.file_meta.TransferSyntaxUID == b.file_meta.TransferSyntaxUID
    assert len(a) == len(b)
    for elem in b:
        mine = a[elem.tag]
        if elem.tag in (0x00041200, 0x00041202):
            assert mine.value - (shift if mine.value else 0) == elem.value
        elif elem.VR != "SQ":
            assert (mine.VR, mine.value) == (elem.VR, elem.value)
    tells = {item.seq_item_tell for item in a.DirectoryRecordSequence}
    seqs = zip(a.DirectoryRecordSequence, b.DirectoryRecordSequence, strict=True)
    for mine, theirs in seqs:
        assert mine.seq_item_tell - shift == theirs.seq_item_tell
        assert [e.tag for e in mine] == [e.tag for e in theirs]
        for elem in theirs:
            value = mine[elem.tag].value
            if elem.tag in OFFSETS:
                assert value == 0 or value in tells
                assert (value - shift if value else 0) == elem.value
            else:
                assert (mine[elem.tag].VR, value) == (elem.VR, elem.value)
    assert os.path.getsize(ours) - os.path.getsize(ref) == shift
    # and pydicom's FileSet takes it as it is (an orphan would raise)
    pydicom.fileset.FileSet().load(ours, raise_orphans=True)


@pytest.fixture(autouse=True)
def _quiet() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


@pytest.mark.parametrize("name", DICOMDIRS)
def test_load_matches_pydicom(name: str) -> None:
    path = corpus_file(name)
    (ours, our_warnings), (ref, ref_warnings) = both(lambda m: m.FileSet(path))
    assert summary(ours) == summary(ref)
    assert our_warnings == ref_warnings
    assert str(ours.UID) == str(ref.UID) and ours.ID == ref.ID
    for keyword in ("PatientID", "StudyInstanceUID", "Modality", "ReferencedFileID"):
        assert ours.find_values(keyword) == ref.find_values(keyword)
    assert len(ours.find(Modality="CT")) == len(ref.find(Modality="CT"))


@pytest.mark.parametrize("name", DICOMDIRS)
def test_seq_item_tell_matches_pydicom(name: str) -> None:
    path = corpus_file(name)
    ours, ref = pyrdicom.dcmread(path), pydicom.dcmread(path)
    assert [i.seq_item_tell for i in ours.DirectoryRecordSequence] == [
        i.seq_item_tell for i in ref.DirectoryRecordSequence
    ]


@pytest.mark.parametrize("name", ["DICOMDIR-nopatient", "DICOMDIR-empty.dcm"])
def test_unusual_dicomdirs_as_pydicom(name: str) -> None:
    path = corpus_file(name)
    (ours, _), (ref, _) = both(lambda m: outcome(lambda: m.FileSet(path)))
    assert ours == ref


@pytest.mark.parametrize("implicit", [False, True])
@pytest.mark.parametrize("name", DICOMDIRS)
def test_copy_matches_pydicom(name: str, implicit: bool, tmp_path: Path) -> None:
    path = corpus_file(name)
    out = {}
    for label, module in (("ours", pyrdicom.fileset), ("ref", pydicom.fileset)):
        fs = module.FileSet(path)
        before = summary(fs)
        copied = fs.copy(tmp_path / label, force_implicit=implicit)
        assert summary(fs) == before  # the original is unchanged
        out[label] = (summary(copied), files_under(tmp_path / label))
    assert out["ours"][1] == out["ref"][1]
    ours, ref = out["ours"][0], out["ref"][0]
    for key in ("len", "uids", "file_ids", "staged", "is_staged", "tree", "types", "keys"):
        assert ours[key] == ref[key], key
    assert_dicomdirs_match(tmp_path / "ours" / "DICOMDIR", tmp_path / "ref" / "DICOMDIR")


def _new_fileset(module: Any, root: Path) -> Any:
    fs = module.FileSet()
    fs.UID = "1.2.3.4"
    fs.ID = "NEW"
    fs.descriptor_file_id = "README"
    fs.descriptor_character_set = "ISO_IR 100"
    for name in INSTANCES:
        fs.add(corpus_file(name))
    for name in NUMBERED:  # RT PLAN and RT DOSE records
        ds = module.dcmread(corpus_file(name))
        ds.InstanceNumber = 1
        fs.add(ds)
    fs.add(module.dcmread(corpus_file("CT_small.dcm")))  # already there: no change
    assert len(fs) == len(INSTANCES) + len(NUMBERED)
    fs.write(root)
    return fs


def test_new_fileset_matches_pydicom(tmp_path: Path) -> None:
    (ours, our_warnings), (ref, ref_warnings) = both(
        lambda m: _new_fileset(m, tmp_path / m.__name__)
    )
    assert our_warnings == ref_warnings
    assert files_under(tmp_path / "pyrdicom.fileset") == files_under(tmp_path / "pydicom.fileset")
    a, b = summary(ours), summary(ref)
    assert {k: v for k, v in a.items() if k not in ("paths", "str")} == {
        k: v for k, v in b.items() if k not in ("paths", "str")
    }
    assert_dicomdirs_match(
        tmp_path / "pyrdicom.fileset" / "DICOMDIR", tmp_path / "pydicom.fileset" / "DICOMDIR"
    )
    # the instances were copied as they were
    for name, instance in zip(INSTANCES + NUMBERED, ours, strict=True):
        written = pydicom.dcmread(instance.path)
        assert written.SOPInstanceUID == pydicom.dcmread(corpus_file(name)).SOPInstanceUID


def _modify(module: Any, root: Path, use_existing: bool) -> Any:
    fs = module.FileSet(tree_copy(corpus_file("DICOMDIR"), root))
    fs.remove(fs.find(PatientID="77654033"))
    removed = fs.find(Modality="MR")[:2]
    fs.remove(removed)
    fs.add(removed[0].path)  # staged for removal, then kept
    staged = fs.add(corpus_file("CT_small.dcm"))
    fs.remove(staged)  # staged for addition, then dropped
    if not use_existing:
        fs.add(corpus_file("SC_rgb.dcm"))
    fs.write(use_existing=use_existing)
    return fs


@pytest.mark.parametrize("use_existing", [False, True])
def test_write_changes_matches_pydicom(use_existing: bool, tmp_path: Path) -> None:
    (ours, _), (ref, _) = both(lambda m: _modify(m, tmp_path / m.__name__, use_existing))
    ours_root, ref_root = tmp_path / "pyrdicom.fileset", tmp_path / "pydicom.fileset"
    assert files_under(ours_root) == files_under(ref_root)
    a, b = summary(ours), summary(ref)
    for key in ("len", "uids", "file_ids", "staged", "is_staged", "tree", "types", "keys"):
        assert a[key] == b[key], key
    assert_dicomdirs_match(ours_root / "DICOMDIR", ref_root / "DICOMDIR")


def test_staging_matches_pydicom() -> None:
    def stage(module: Any) -> list[Any]:
        fs = module.FileSet(corpus_file("DICOMDIR"))
        steps = [summary(fs)]
        instance = fs.find(PatientID="98890234")[0]
        fs.remove(instance)
        steps.append(summary(fs))
        fs.add(instance.path)
        steps.append(summary(fs))
        fs.add(corpus_file("CT_small.dcm"))
        steps.append({k: v for k, v in summary(fs).items() if k != "paths"})
        return steps

    (ours, _), (ref, _) = both(stage)
    assert ours == ref


def _dataset(module: Any, **elements: Any) -> Any:
    ds = module.Dataset()
    for keyword, value in elements.items():
        setattr(ds, keyword, value)
    return ds


def _errors(module: Any, tmp_path: Path) -> list[Any]:
    """The outcome (exception type or None) of each misuse."""
    ct = module.dcmread(corpus_file("CT_small.dcm"))
    del ct.PatientID
    fs = module.fileset.FileSet(corpus_file("DICOMDIR"))
    other = module.fileset.FileSet(corpus_file("TINY_ALPHA/DICOMDIR"))
    dicomdir = module.dcmread(corpus_file("DICOMDIR"))
    # (never write into the corpus: a File-set to change is a copy)
    copied = module.fileset.FileSet(tree_copy(corpus_file("DICOMDIR"), tmp_path / "copy"))
    copied.add(corpus_file("CT_small.dcm"))
    escaping = module.dcmread(corpus_file("DICOMDIR"))
    escaping.DirectoryRecordSequence[3].ReferencedFileID = ["..", "..", "etc", "passwd"]
    chain = [
        module.fileset.RecordNode(
            _dataset(module, DirectoryRecordType="PRIVATE", PrivateRecordUID=f"1.2.{n}")
        )
        for n in range(9)
    ]
    for parent, child in itertools.pairwise(chain):
        child.parent = parent
    deep = chain[-1]  # 8 ancestors
    return [
        outcome(lambda: module.fileset.FileSet().write()),
        outcome(lambda: module.fileset.FileSet().add(ct)),
        outcome(lambda: module.fileset.FileSet().add(corpus_file("rtplan.dcm"))),
        outcome(lambda: fs.remove(next(iter(other)))),
        outcome(lambda: fs.copy(fs.path)),
        outcome(lambda: fs.write(tmp_path)),
        outcome(lambda: setattr(fs, "ID", "X" * 17)),
        outcome(lambda: setattr(fs, "descriptor_file_id", 1)),
        outcome(lambda: setattr(fs, "descriptor_file_id", ["A" * 17])),
        outcome(lambda: setattr(fs, "UID", "1.02")),
        outcome(lambda: module.fileset.FileSet(corpus_file("CT_small.dcm"))),
        outcome(
            lambda: module.fileset.FileSet(
                module.dcmread(io.BytesIO(open(corpus_file("DICOMDIR"), "rb").read()))
            )
        ),
        outcome(lambda: module.fileset.RecordNode(_dataset(module, PatientID="1"))),
        outcome(lambda: module.fileset.RecordNode(_dataset(module, DirectoryRecordType="SERIES"))),
        outcome(lambda: module.fileset.FileSet(escaping)),
        outcome(lambda: fs._tree.remove(fs._tree.children[0])),
        outcome(lambda: module.fileset.FileSet().add_custom(corpus_file("CT_small.dcm"), deep)),
        outcome(lambda: list(module.fileset.generate_filename("ABCDEFGH"))),
        outcome(lambda: copied.write(use_existing=True)),  # with an addition staged
        outcome(
            lambda: setattr(dicomdir, "filename", "missing") or module.fileset.FileSet(dicomdir)
        ),
    ]


def test_exceptions_match_pydicom(tmp_path: Path) -> None:
    ours, ref = _errors(pyrdicom, tmp_path / "ours"), _errors(pydicom, tmp_path / "ref")
    assert ours == ref
    assert ours[:4] == [ValueError, ValueError, ValueError, ValueError]
    assert PermissionError in ours and AssertionError in ours and TypeError in ours


def test_offset_loop_raises(tmp_path: Path) -> None:
    """A next-record offset pointing back at an earlier record: pydicom loops forever."""
    ds = pyrdicom.dcmread(corpus_file("DICOMDIR"))
    seq = ds.DirectoryRecordSequence
    last = seq[-1]
    last.OffsetOfTheNextDirectoryRecord = seq[0].seq_item_tell
    first = [r for r in seq if r.DirectoryRecordType == "PATIENT"][-1]
    first.OffsetOfTheNextDirectoryRecord = seq[0].seq_item_tell
    with pytest.raises(MalformedDicomError):
        pyrdicom.fileset.FileSet(ds)


def test_generate_filename_and_file_ids_match_pydicom() -> None:
    for prefix, start, alpha in [("", 0, False), ("IM", 95, False), ("P1", 1200, True)]:
        (ours, _), (ref, _) = both(
            lambda m, p=prefix, s=start, a=alpha: [
                name for _, name in zip(range(50), m.generate_filename(p, s, a), strict=False)
            ]
        )
        assert ours == ref
    names = ["PT000000/ST000000", "a.dcm", "ABCDEFGHI", "1/2/3/4/5/6/7/8/9", "", "/ABS"]
    for name in names:
        (ours, _), (ref, _) = both(lambda m, n=name: m.is_conformant_file_id(Path(n)))
        assert ours == ref
