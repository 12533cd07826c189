"""DICOM File-sets (PS3.10): pydicom 3's ``pydicom.fileset``, reading.

``FileSet(path)`` loads a DICOMDIR into a tree of directory records (patient, study, series,
instance records...), each instance reachable as a ``FileInstance``; ``find`` and
``find_values`` query the records. Changing a File-set (``add``, ``remove``, ``write``,
``copy``) is not implemented yet: those raise ``NotImplementedError``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import _transfer_syntax
from .datadict import tag_for_keyword
from .misc import warn_and_log
from .tag import Tag
from .uid import UID, generate_uid

_FILE_ID = re.compile("^[A-Z0-9_]*$")
_FIRST_OFFSET = 0x00041200  # Offset of the First Directory Record of the Root Directory Entity
_NEXT_OFFSET = 0x00041400  # Offset of the Next Directory Record
_LOWER_OFFSET = 0x00041420  # Offset of Referenced Lower-Level Directory Entity
_MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10"
_EXPLICIT_VR_LITTLE_ENDIAN = _transfer_syntax.native(implicit_vr=False, little_endian=True).uid
# A FileInstance's file meta keywords answered by its record (pydicom's mapping).
_META_ALIASES = {0x00080018: 0x00041511, 0x00080016: 0x00041510, 0x00020010: 0x00041512}

# The File ID component prefix of each record type.
_PREFIXES = {
    "PATIENT": "PT", "STUDY": "ST", "SERIES": "SE", "IMAGE": "IM", "RT DOSE": "RD",
    "RT STRUCTURE SET": "RS", "RT PLAN": "RP", "RT TREAT RECORD": "RX", "PRESENTATION": "PR",
    "WAVEFORM": "WV", "SR DOCUMENT": "SR", "KEY OBJECT DOC": "KY", "SPECTROSCOPY": "SP",
    "RAW DATA": "RW", "REGISTRATION": "RG", "FIDUCIAL": "FD", "HANGING PROTOCOL": "HG",
    "ENCAP DOC": "ED", "VALUE MAP": "VM", "STEREOMETRIC": "SX", "PALETTE": "PA",
    "IMPLANT": "IP", "IMPLANT ASSY": "IA", "IMPLANT GROUP": "IG", "PLAN": "PL",
    "MEASUREMENT": "MX", "SURFACE": "SF", "SURFACE SCAN": "SS", "TRACT": "TR",
    "ASSESSMENT": "AS", "RADIOTHERAPY": "RT", "ANNOTATION": "AN", "PRIVATE": "P",
}  # fmt: skip

_READ_ONLY = "changing a File-set is not implemented in pyrdicom yet (it reads them)"


def generate_filename(
    prefix: str = "", start: int = 0, alphanumeric: bool = False
) -> Iterator[str]:
    """Yield File ID components of 8 characters: `prefix` then a counter from `start`, in
    base 10 (or base 35, digits and letters without "J", with `alphanumeric`).


    Parameters
    ----------
    prefix : str
        The start of each name (up to 7 characters).
    start : int
        The first counter value.
    alphanumeric : bool
        Count in base 35 (digits and letters) rather than base 10.

    Yields
    ------
    str

    Raises
    ------
    ValueError
        `prefix` is 8 characters or longer.

    Examples
    --------
    >>> from pyrdicom.fileset import generate_filename
    >>> names = generate_filename(prefix="IM", start=1)
    >>> next(names), next(names)
    ('IM000001', 'IM000002')
    """
    if len(prefix) > 7:
        raise ValueError("The 'prefix' must be less than 8 characters long")
    chars = "0123456789ABCDEFGHIKLMNOPQRSTUVWXYZ" if alphanumeric else "0123456789"
    width = 8 - len(prefix)
    n = start
    while n < len(chars) ** width:
        digits, value = "", n
        while value:
            value, rest = divmod(value, len(chars))
            digits = chars[rest] + digits
        yield f"{prefix}{digits:>0{width}}"
        n += 1


def is_conformant_file_id(path: Path) -> bool:
    """True if `path` (relative) is a conformant File ID: at most 8 components of at most 8
    characters from A-Z, 0-9 and _.


    Parameters
    ----------
    path : pathlib.Path
        The File ID, relative to the File-set's root.

    Returns
    -------
    bool

    Raises
    ------
    ValueError
        An absolute `path`.

    Examples
    --------
    >>> from pathlib import Path
    >>> from pyrdicom.fileset import is_conformant_file_id
    >>> is_conformant_file_id(Path("PT000000/ST000000/IM000000"))
    True
    >>> is_conformant_file_id(Path("a b"))
    False
    """
    if path.is_absolute():
        raise ValueError("The path must be relative to the File-set root directory")
    parts = path.parts
    return len(parts) <= 8 and all(len(p) <= 8 and _FILE_ID.match(p) for p in parts)


@lru_cache(maxsize=8)
def _real_root(root: str) -> str:
    return os.path.realpath(root)


class RecordNode(Iterable["RecordNode"]):
    """A directory record in the File-set's tree, with its lower-level records as children.


    Parameters
    ----------
    record : Dataset, optional
        The directory record.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom.fileset import FileSet
    >>> node = FileSet(get_testdata_file("DICOMDIR")).find(PatientID="77654033")[0].node
    >>> node.record_type, [ancestor.record_type for ancestor in node.reverse()]
    ('IMAGE', ['IMAGE', 'SERIES', 'STUDY', 'PATIENT'])
    """

    def __init__(self, record: Any = None) -> None:
        self.children: list[RecordNode] = []
        self.instance: FileInstance | None = None
        self._parent: RecordNode | None = None
        self._offset = 0
        if record is not None:
            self._record = record

    @property
    def parent(self) -> RecordNode:
        return self._parent  # type: ignore[return-value]

    @parent.setter
    def parent(self, node: RecordNode) -> None:
        if node is not self._parent:
            node.children.append(self)
            self._parent = node

    def add(self, leaf: RecordNode) -> None:
        leaf.parent = self

    @property
    def is_root(self) -> bool:
        return False

    @property
    def root(self) -> RecordNode:
        node = self
        while node._parent is not None:
            node = node._parent
        return node

    @property
    def file_set(self) -> FileSet:
        return self.root.file_set

    def reverse(self) -> Iterator[RecordNode]:
        """This node, then its ancestors up to (not including) the root.


        Yields
        ------
        RecordNode

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom.fileset import FileSet
        >>> node = FileSet(get_testdata_file("DICOMDIR")).find(PatientID="77654033")[0].node
        >>> [ancestor.record_type for ancestor in node.reverse()]
        ['IMAGE', 'SERIES', 'STUDY', 'PATIENT']
        """
        node: RecordNode | None = self
        while node is not None and not node.is_root:
            yield node
            node = node._parent

    @property
    def ancestors(self) -> list[RecordNode]:
        return list(self.reverse())[1:]

    @property
    def depth(self) -> int:
        return len(list(self.reverse())) - 1

    @property
    def has_instance(self) -> bool:
        return self.instance is not None

    @property
    def index(self) -> int:
        return self._parent.children.index(self) if self._parent is not None else 0

    @property
    def record_type(self) -> str:
        return str(self._record.DirectoryRecordType)

    @property
    def key(self) -> str:
        """What identifies the record among its siblings (Patient ID, a UID...)."""
        record, kind = self._record, self.record_type
        if kind == "PATIENT":
            return str(record.PatientID)
        if kind == "STUDY" and "StudyInstanceUID" in record:
            return str(record.StudyInstanceUID)
        if kind == "SERIES":
            return str(record.SeriesInstanceUID)
        if kind == "PRIVATE":
            return str(record.PrivateRecordUID)
        try:
            return str(record.ReferencedSOPInstanceUIDInFile)
        except AttributeError as exc:
            raise AttributeError(
                f"Invalid '{kind}' record - missing required element 'Referenced SOP "
                "Instance UID in File'"
            ) from exc

    @property
    def component(self) -> str:
        """This record's component of a File ID (its prefix and index)."""
        if self.is_root:
            raise ValueError("The root node doesn't contribute a File ID component")
        prefix = _PREFIXES[self.record_type]
        if self.record_type == "PRIVATE":
            prefix = f"{prefix}{self.depth}"
        return next(generate_filename(prefix, self.index, self.file_set._use_alphanumeric))

    def file_id_path(self, root_path: Path) -> Path | None:
        """The record's Referenced File ID as a path (relative to the root), None if empty.


        Parameters
        ----------
        root_path : pathlib.Path
            The File-set's root directory.

        Returns
        -------
        pathlib.Path or None

        Raises
        ------
        AttributeError
            The record has no Referenced File ID.
        PermissionError
            The File ID points outside the root directory.

        Examples
        --------
        >>> from pathlib import Path
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom.fileset import FileSet
        >>> fs = FileSet(get_testdata_file("DICOMDIR"))
        >>> fs.find(PatientID="77654033")[0].node.file_id_path(Path(fs.path)).as_posix()
        '77654033/CR1/6154'
        """
        if "ReferencedFileID" not in self._record:
            raise AttributeError("No 'Referenced File ID' in the directory record")
        elem = self._record["ReferencedFileID"]
        if elem.VM < 1:
            return None
        parts = [elem.value] if elem.VM == 1 else list(elem.value)
        # Resolved as strings (symbolic links and ".." followed): with thousands of records,
        # pathlib's object overhead would be the cost of loading a File-set.
        root = _real_root(os.fspath(root_path))
        full = os.path.realpath(os.path.join(root, *parts))
        if os.path.isabs(parts[0]) or not (full == root or full.startswith(root + os.sep)):
            raise PermissionError(
                f"ReferencedFileID ('{Path(*parts)}') must be inside the DICOMDIR root path"
            )
        return Path(*parts)

    def __iter__(self) -> Iterator[RecordNode]:
        """This node and its descendants, depth first."""
        if not self.is_root:
            yield self
        for child in self.children:
            yield from child

    def __len__(self) -> int:
        return len(self.children)

    def __getitem__(self, key: str | RecordNode) -> RecordNode:
        key = key.key if isinstance(key, RecordNode) else key
        for child in self.children:
            if child.key == key:
                return child
        raise KeyError(key)

    def __contains__(self, key: str | RecordNode) -> bool:
        key = key.key if isinstance(key, RecordNode) else key
        return any(child.key == key for child in self.children)

    def __delitem__(self, key: str | RecordNode) -> None:
        child = self[key]
        self.children.remove(child)
        child._parent = None
        if not self.children and not self.is_root and self._parent is not None:
            del self._parent[self]

    def remove(self, node: RecordNode) -> None:
        raise NotImplementedError(_READ_ONLY)

    def prettify(self, indent_char: str = "  ") -> list[str]:
        """The tree as lines: a line per non-leaf record, a count per leaf type.


        Parameters
        ----------
        indent_char : str
            One level of indentation.

        Returns
        -------
        list of str

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom.fileset import FileSet
        >>> node = FileSet(get_testdata_file("DICOMDIR")).find(PatientID="77654033")[0].node
        >>> patient = list(node.reverse())[-1]
        >>> patient.prettify()[0]
        "PATIENT: PatientID='77654033', PatientName='Doe^Archibald'"
        """
        lines = []
        for node in self:
            indent = indent_char * node.depth
            if node.children:
                lines.append(f"{indent}{node}")
                leaves = [c for c in node.children if c.has_instance and not c.children]
                for kind in sorted({leaf.record_type for leaf in leaves}):
                    count = sum(leaf.record_type == kind for leaf in leaves)
                    plural = "" if count == 1 else "s"
                    lines.append(f"{indent}{indent_char}{kind}: {count} SOP Instance{plural}")
            elif node.depth == 0 and node.has_instance:
                lines.append(f"{indent}{node.record_type}: 1 SOP Instance")
        return lines

    def __str__(self) -> str:
        if self.is_root:
            return "ROOT"
        record, kind = self._record, self.record_type
        if kind == "PATIENT":
            parts = [f"PatientID='{record.PatientID}'", f"PatientName='{record.PatientName}'"]
        elif kind == "STUDY":
            parts = [f"StudyDate={record.StudyDate}", f"StudyTime={record.StudyTime}"]
            if getattr(record, "StudyDescription", None):
                parts.append(f"StudyDescription='{record.StudyDescription}'")
        elif kind == "SERIES":
            parts = [f"Modality={record.Modality}", f"SeriesNumber={record.SeriesNumber}"]
            if getattr(record, "SeriesDescription", None):
                parts.append(f"SeriesDescription='{record.SeriesDescription}'")
        elif kind == "IMAGE":
            parts = [f"InstanceNumber={record.InstanceNumber}"]
        else:
            parts = [self.key]
        return f"{kind}: {', '.join(parts)}"


class RootNode(RecordNode):
    """The tree's root: the File-set itself.


    Parameters
    ----------
    fs : FileSet
        The File-set.

    Examples
    --------
    >>> from pyrdicom.fileset import FileSet, RootNode
    >>> root = RootNode(FileSet())
    >>> root.children
    []
    """

    def __init__(self, fs: FileSet) -> None:
        super().__init__()
        self._fs = fs

    @property
    def file_set(self) -> FileSet:
        return self._fs

    @property
    def is_root(self) -> bool:
        return True


class FileInstance:
    """A SOP instance of the File-set, described by its directory records: an element
    keyword looks it up in the instance's record, then in its ancestors' records.


    Parameters
    ----------
    node : RecordNode
        The instance's directory record.
    file_id : pathlib.Path, optional
        Its file, relative to the File-set's root.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom.fileset import FileSet
    >>> instance = FileSet(get_testdata_file("DICOMDIR")).find(PatientID="77654033")[0]
    >>> instance.PatientName, instance.Modality  # from the PATIENT and SERIES records
    ('Doe^Archibald', 'CR')
    """

    def __init__(self, node: RecordNode, file_id: Path | None = None) -> None:
        self.node = node
        self._file_id = file_id  # checked when the File-set was loaded

    def __getattribute__(self, name: str) -> Any:
        tag = tag_for_keyword(name)
        if tag is not None:
            for node in object.__getattribute__(self, "node").reverse():
                if tag in node._record:
                    return node._record[tag].value
        return object.__getattribute__(self, name)

    def __getitem__(self, key: str | int) -> Any:
        tag = Tag(key)
        tag = Tag(_META_ALIASES.get(tag, tag))
        for node in self.node.reverse():
            if tag in node._record:
                return node._record[tag]
        raise KeyError(tag)

    def __contains__(self, name: str | int) -> bool:
        try:
            self[name]
        except KeyError:
            return False
        return True

    @property
    def file_set(self) -> FileSet:
        return self.node.file_set

    def _relative(self) -> Path:
        file_id = self._file_id or self.node.file_id_path(self.file_set.root_path)
        return file_id or Path()

    @property
    def FileID(self) -> str:
        return os.fspath(self._relative())

    @property
    def path(self) -> str:
        return os.fspath(self.file_set.root_path / self._relative())

    @property
    def is_private(self) -> bool:
        return self.node.record_type == "PRIVATE"

    # Staging (changes pending a write) does not exist in a read-only File-set.
    for_addition = property(lambda self: False)
    for_moving = property(lambda self: False)
    for_removal = property(lambda self: False)
    is_staged = property(lambda self: False)

    @property
    def SOPClassUID(self) -> UID:
        return UID(str(self.node._record.ReferencedSOPClassUIDInFile))

    @property
    def SOPInstanceUID(self) -> UID:
        return UID(str(self.node._record.ReferencedSOPInstanceUIDInFile))

    @property
    def TransferSyntaxUID(self) -> UID:
        return UID(str(self.node._record.ReferencedTransferSyntaxUIDInFile))

    def load(self) -> Any:
        """The instance's data set, read from its file.


        Returns
        -------
        FileDataset

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom.fileset import FileSet
        >>> instance = FileSet(get_testdata_file("DICOMDIR")).find(PatientID="77654033")[0]
        >>> instance.load().SOPInstanceUID == instance.ReferencedSOPInstanceUIDInFile
        True
        """
        from .filereader import dcmread

        return dcmread(self.path)


def _item_offsets(ds: Any) -> list[int] | None:
    """The file position of each Directory Record Sequence item (what the DICOMDIR's offsets
    point at), from the parsed file's index; None for a data set not read from a file."""
    raw, idx = ds.__dict__.get("_raw"), ds._dict.get(0x00041220)
    if raw is None or idx is None:
        return None
    if idx.__class__ is not int:  # read already: its items still have their positions
        if idx._raw is None:
            return None
        idx = idx._idx
    return [raw.info(item).offset - 8 for item in raw.value(idx, "SQ")]


class FileSet:
    """A File-set: its DICOMDIR's identification and its instances' directory records.


    Parameters
    ----------
    ds : str, path-like or Dataset, optional
        A DICOMDIR to load (see `load`).

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom.fileset import FileSet
    >>> fs = FileSet(get_testdata_file("DICOMDIR"))
    >>> len(fs), fs.find_values("PatientID")
    (31, ['77654033', '98890234'])
    """

    def __init__(self, ds: Any = None) -> None:
        self._ds: Any = None
        self._id: str | None = None
        self._uid = generate_uid()
        self._descriptor: str | None = None
        self._charset: str | None = None
        self._root_path: Path | None = None
        self._tree: RecordNode = RootNode(self)
        self._instances: list[FileInstance] = []
        self._use_alphanumeric = False
        if ds is not None:
            self.load(ds)

    # --- identification ---------------------------------------------------------------------

    @property
    def ID(self) -> str | None:
        return self._id

    @property
    def UID(self) -> UID:
        return self._uid

    @property
    def descriptor_file_id(self) -> str | None:
        return self._descriptor

    @property
    def descriptor_character_set(self) -> str | None:
        return self._charset

    @property
    def root_path(self) -> Path:
        if self._root_path is None:
            raise AttributeError("No root path set in the File-set")
        return self._root_path

    @property
    def path(self) -> str | None:
        return os.fspath(self._root_path) if self._root_path is not None else None

    @property
    def is_staged(self) -> bool:
        return False

    def __iter__(self) -> Iterator[FileInstance]:
        return iter(self._instances[:])

    def __len__(self) -> int:
        return len(self._instances)

    # --- reading ----------------------------------------------------------------------------

    def clear(self) -> None:
        self.__init__()  # type: ignore[misc]

    def load(
        self, ds_or_path: Any, include_orphans: bool = True, raise_orphans: bool = False
    ) -> None:
        """Read the DICOMDIR `ds_or_path` (a path, or a data set read from its file).


        Parameters
        ----------
        ds_or_path : str, path-like or Dataset
            The DICOMDIR.
        include_orphans : bool
            Keep the records whose parents are missing.
        raise_orphans : bool
            Raise for such records instead.

        Raises
        ------
        ValueError
            The data set is not a Media Storage Directory.
        TypeError
            The data set has no file meta or transfer syntax.
        FileNotFoundError
            The data set has no ``filename`` to find the File-set's files from.

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom.fileset import FileSet
        >>> fs = FileSet()
        >>> fs.load(get_testdata_file("DICOMDIR"))
        >>> len(fs)
        31
        """
        from .dataset import Dataset
        from .filereader import dcmread

        ds = ds_or_path if isinstance(ds_or_path, Dataset) else dcmread(ds_or_path)
        meta = getattr(ds, "file_meta", None)
        if meta is None or meta.get("MediaStorageSOPClassUID") != _MEDIA_STORAGE_DIRECTORY:
            raise ValueError(
                "Unable to load the File-set as the supplied dataset is not a 'Media Storage "
                "Directory' instance"
            )
        syntax = meta.get("TransferSyntaxUID")
        if syntax != _EXPLICIT_VR_LITTLE_ENDIAN:
            warn_and_log(
                f"The DICOMDIR dataset uses an invalid transfer syntax '{UID(str(syntax)).name}' "
                "and will be updated to use 'Explicit VR Little Endian'"
            )
        filename = getattr(ds, "filename", None)
        if not isinstance(filename, str | os.PathLike):
            raise TypeError(
                "Unable to load the File-set as the DICOMDIR dataset must have a 'filename' "
                "attribute set to the path of the DICOMDIR file"
            )
        try:
            path = Path(filename).resolve(strict=True)
        except FileNotFoundError:
            raise FileNotFoundError(
                "Unable to load the File-set as the 'filename' attribute for the DICOMDIR "
                f"dataset is not a valid path: {filename}"
            ) from None
        self.clear()
        self._id = ds.get("FileSetID")
        self._uid = UID(str(meta.get("MediaStorageSOPInstanceUID") or generate_uid()))
        self._descriptor = ds.get("FileSetDescriptorFileID")
        self._charset = ds.get("SpecificCharacterSetOfFileSetDescriptorFile")
        self._root_path = path.parent
        self._ds = ds
        self._parse_records(ds, include_orphans, raise_orphans)
        missing = [i for i in self._instances if not os.path.exists(i.path)]
        for instance in missing:
            warn_and_log(
                "The referenced SOP Instance for the directory record at offset "
                f"{instance.node._offset} does not exist: {instance.path}"
            )
        self._instances = [i for i in self._instances if i not in missing]

    def _parse_records(self, ds: Any, include_orphans: bool, raise_orphans: bool) -> None:
        """Link the records into the tree by their offsets (PS3.3 F.3.2.1)."""
        offsets = _item_offsets(ds)
        records = list(ds.get("DirectoryRecordSequence") or [])
        if offsets is None:
            raise ValueError("The DICOMDIR's directory records have no file offsets to follow")
        nodes: dict[int, RecordNode] = {}
        for record, offset in zip(records, offsets, strict=True):
            node = RecordNode(record)
            node._offset = offset
            nodes[offset] = node

        def siblings(first: int | None, parent: RecordNode) -> None:
            offset, seen = first, set()
            while offset and offset in nodes and offset not in seen:
                seen.add(offset)
                node = nodes[offset]
                node.parent = parent
                offset = node._record.get(_NEXT_OFFSET)
                offset = offset.value if offset is not None else None

        first = ds.get(_FIRST_OFFSET)
        siblings(first.value if first is not None else None, self._tree)
        stack = list(self._tree.children)
        while stack:
            node = stack.pop()
            lower = node._record.get(_LOWER_OFFSET)
            if lower is not None and lower.value:
                siblings(lower.value, node)
                stack.extend(node.children)
            has_file = "ReferencedFileID" in node._record
            if has_file and (file_id := node.file_id_path(self.root_path)) is not None:
                node.instance = FileInstance(node, file_id)
        self._instances = [n.instance for n in self._tree if n.instance is not None]
        orphans = len(nodes) - len(list(self._tree))
        if orphans and raise_orphans:
            raise ValueError("The DICOMDIR contains orphaned directory records")
        if orphans and not include_orphans:
            warn_and_log(
                f"The DICOMDIR has {orphans} orphaned directory records that reference an "
                "instance that will not be included in the File-set"
            )

    # --- queries ----------------------------------------------------------------------------

    def find(self, load: bool = False, **kwargs: Any) -> list[FileInstance]:
        """The instances whose records (or, with `load`, files) have all the element values
        `kwargs` names.


        Parameters
        ----------
        load : bool
            Compare with the instances' files rather than their records.
        **kwargs
            Keywords and the values to match.

        Returns
        -------
        list of FileInstance

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom.fileset import FileSet
        >>> len(FileSet(get_testdata_file("DICOMDIR")).find(PatientID="77654033"))
        7
        """
        if not kwargs:
            return self._instances[:]
        found_all = False
        matches = []
        for instance in self:
            source = instance.load() if load else instance
            if all(kw in source for kw in kwargs):
                found_all = True
            try:
                if all(source[kw].value == val for kw, val in kwargs.items()):
                    matches.append(instance)
            except KeyError:
                continue
        if not load and not found_all:
            warn_and_log(
                "None of the records in the DICOMDIR dataset contain all the query elements, "
                "consider using the 'load' parameter to expand the search to the corresponding "
                "SOP instances"
            )
        return matches

    def find_values(
        self,
        elements: str | int | list[str | int],
        instances: list[FileInstance] | None = None,
        load: bool = False,
    ) -> list[Any] | dict[str | int, list[Any]]:
        """The distinct values of `elements` over the instances' records (or files).


        Parameters
        ----------
        elements : str, int or list of str or int
            The keywords or tags.
        instances : list of FileInstance, optional
            The instances to look at (default: all).
        load : bool
            Read the instances' files rather than their records.

        Returns
        -------
        list or dict of list
            The values; for several elements, a dict of each one's values.

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom.fileset import FileSet
        >>> FileSet(get_testdata_file("DICOMDIR")).find_values(["PatientID", "StudyDate"])
        {'PatientID': ['77654033', '98890234'], 'StudyDate': ['20010101', '19950903', '20030505']}
        """
        wanted = elements if isinstance(elements, list) else [elements]
        results: dict[str | int, list[Any]] = {e: [] for e in wanted}
        seen = dict.fromkeys(wanted, False)
        for instance in instances or list(self):
            source = instance.load() if load else instance
            for element in wanted:
                if element in source:
                    seen[element] = True
                    value = source[element].value
                    if value not in results[element]:
                        results[element].append(value)
        missing = [e for e, found in seen.items() if not found]
        if not load and missing:
            warn_and_log(
                f"None of the records in the DICOMDIR dataset contain {missing}, consider "
                "using the 'load' parameter to expand the search to the corresponding SOP "
                "instances"
            )
        return results if isinstance(elements, list) else results[wanted[0]]

    def __str__(self) -> str:
        none = "(no value available)"
        lines = [
            "DICOM File-set",
            f"  Root directory: {self.path or none}",
            f"  File-set ID: {self.ID or none}",
            f"  File-set UID: {self.UID}",
            f"  Descriptor file ID: {self.descriptor_file_id or none}",
            f"  Descriptor file character set: {self.descriptor_character_set or none}",
        ]
        if self._tree.children:
            lines.append("\n  Managed instances:")
            lines += [f"    {line}" for line in self._tree.prettify()]
        return "\n".join(lines)

    # --- changes (not implemented) ----------------------------------------------------------

    def add(self, ds_or_path: Any) -> FileInstance:
        raise NotImplementedError(_READ_ONLY)

    def add_custom(self, ds_or_path: Any, leaf: RecordNode) -> FileInstance:
        raise NotImplementedError(_READ_ONLY)

    def remove(self, instance: FileInstance | list[FileInstance]) -> None:
        raise NotImplementedError(_READ_ONLY)

    def write(self, path: str | os.PathLike | None = None, use_existing: bool = False) -> None:
        raise NotImplementedError(_READ_ONLY)

    def copy(self, path: str | os.PathLike, force_implicit: bool = False) -> FileSet:
        raise NotImplementedError(_READ_ONLY)
