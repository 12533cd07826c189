"""DICOM File-sets (PS3.10 section 8, PS3.3 Annex F): pydicom 3's ``pydicom.fileset``.

A ``FileSet`` is a DICOMDIR's identification and its tree of directory records (PATIENT ->
STUDY -> SERIES -> an instance record, or single-level records such as PALETTE), each
instance record reachable as a ``FileInstance``. Changes are staged: ``add``/``add_custom``
copy the instance into a temporary staging directory, ``remove`` marks it, and ``write``
applies them, moving every instance to pyrdicom's (and pydicom's) layout
``PTxxxxxx/STxxxxxx/SExxxxxx/IMxxxxxx`` and writing a DICOMDIR whose offsets are those of its
directory records in the file. Record definitions per record type (``DIRECTORY_RECORDERS``)
follow PS3.3 F.5.
"""

from __future__ import annotations

import copy as _copy
import os
import re
import shutil
import stat
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any, cast

from . import uid as _uid
from .datadict import dictionary_description, tag_for_keyword
from .dataelem import DataElement
from .dataset import Dataset, FileMetaDataset
from .errors import MalformedDicomError
from .filereader import dcmread
from .misc import warn_and_log
from .tag import BaseTag, Tag
from .uid import (
    UID,
    ExplicitVRLittleEndian,
    ImplicitVRLittleEndian,
    MediaStorageDirectoryStorage,
    generate_uid,
)

_RE_FILE_ID = re.compile("^[A-Z0-9_]*$")
# The File ID component prefix of each record type (pyrdicom's directory layout).
_PREFIXES = {
    "PATIENT": "PT", "STUDY": "ST", "SERIES": "SE", "IMAGE": "IM", "RT DOSE": "RD",
    "RT STRUCTURE SET": "RS", "RT PLAN": "RP", "RT TREAT RECORD": "RX", "PRESENTATION": "PR",
    "WAVEFORM": "WV", "SR DOCUMENT": "SR", "KEY OBJECT DOC": "KY", "SPECTROSCOPY": "SP",
    "RAW DATA": "RW", "REGISTRATION": "RG", "FIDUCIAL": "FD", "HANGING PROTOCOL": "HG",
    "ENCAP DOC": "ED", "VALUE MAP": "VM", "STEREOMETRIC": "SX", "PALETTE": "PA",
    "IMPLANT": "IP", "IMPLANT ASSY": "IA", "IMPLANT GROUP": "IG", "PLAN": "PL",
    "MEASUREMENT": "MX", "SURFACE": "SF", "SURFACE SCAN": "SS", "TRACT": "TR",
    "ASSESSMENT": "AS", "RADIOTHERAPY": "RT", "PRIVATE": "P",
}  # fmt: skip
_FIRST_OFFSET = "OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity"
_NEXT_OFFSET = "OffsetOfTheNextDirectoryRecord"
_LOWER_OFFSET = "OffsetOfReferencedLowerLevelDirectoryEntity"
_LAST_OFFSET = "OffsetOfTheLastDirectoryRecordOfTheRootDirectoryEntity"
_RECORD_SEQUENCE = 0x00041220
_NEXT_OFFSET_TAG, _IN_USE, _LOWER_OFFSET_TAG = 0x00041400, 0x00041410, 0x00041420
_RECORD_TYPE, _FILE_ID = 0x00041430, 0x00041500
# A FileInstance's SOP Instance/Class and Transfer Syntax UIDs are its record's Referenced ...
_META_ALIASES = {0x00080018: 0x00041511, 0x00080016: 0x00041510, 0x00020010: 0x00041512}
# File ID component characters: digits, then (alphanumeric IDs) letters without "J"
_ID_CHARS = "0123456789ABCDEFGHIKLMNOPQRSTUVWXYZ"
_MAX_NUMERIC = 10**6  # more instances than this in one directory need alphanumeric IDs
_MAX_INSTANCES = 35**6

DSPathType = Dataset | str | os.PathLike


def _suffix(index: int, width: int, alphanumeric: bool) -> str:
    """`index` written with the File ID characters, zero-padded to `width`."""
    chars = _ID_CHARS if alphanumeric else _ID_CHARS[:10]
    digits = ""
    while index:
        index, rest = divmod(index, len(chars))
        digits = chars[rest] + digits
    return digits.rjust(width, "0")


def generate_filename(
    prefix: str = "", start: int = 0, alphanumeric: bool = False
) -> Iterator[str]:
    """Yield File ID components of 8 characters: `prefix` then an increasing index.

    Parameters
    ----------
    prefix : str, optional
        The prefix of every name (at most 7 characters), default ``""``.
    start : int, optional
        The first index (default ``0``): ``10`` starts at ``'00000010'``.
    alphanumeric : bool, optional
        If ``True`` the index uses the characters [0-9][A-I,K-Z] (base 35), else [0-9].

    Returns
    -------
    collections.abc.Iterator of str
        The names, until the index no longer fits in ``8 - len(prefix)`` characters.

    Raises
    ------
    ValueError
        If `prefix` is longer than 7 characters.

    Examples
    --------
    >>> from pyrdicom.fileset import generate_filename
    >>> names = generate_filename("IM", start=9)
    >>> next(names), next(names)
    ('IM000009', 'IM000010')
    """
    if len(prefix) > 7:
        raise ValueError("The 'prefix' must be less than 8 characters long")
    return _names(prefix, start, alphanumeric)


def _names(prefix: str, start: int, alphanumeric: bool) -> Iterator[str]:
    width = 8 - len(prefix)
    end = (35 if alphanumeric else 10) ** width
    for index in range(start, end):
        yield f"{prefix}{_suffix(index, width, alphanumeric)}"


def is_conformant_file_id(path: Path) -> bool:
    """Return ``True`` if `path` is a conformant File ID (PS3.10 8.2 and 8.5, PS3.3 F.3.2.2).

    A conformant File ID has at most 8 components, each of at most 8 characters from
    A-Z, 0-9 and ``_``.

    Parameters
    ----------
    path : pathlib.Path
        The File ID, relative to the File-set's root directory.

    Returns
    -------
    bool
        ``True`` if `path` is conformant, ``False`` otherwise.

    Raises
    ------
    AttributeError
        If `path` is not a :class:`pathlib.Path`.

    Examples
    --------
    >>> from pathlib import Path
    >>> from pyrdicom.fileset import is_conformant_file_id
    >>> is_conformant_file_id(Path("PT000000/ST000000")), is_conformant_file_id(Path("a.dcm"))
    (True, False)
    """
    parts = path.parts
    if len(parts) > 8 or any(len(part) > 8 for part in parts):
        return False
    return _RE_FILE_ID.match("".join(parts)) is not None


class RecordNode(Iterable["RecordNode"]):
    """A directory record of a File-set, in the File-set's record tree.

    Parameters
    ----------
    record : pyrdicom.dataset.Dataset, optional
        The directory record: a *Directory Record Type* and the key element of its type
        (PS3.3 F.5); the offset elements and *Record In-use Flag* are added if missing.

    Attributes
    ----------
    children : list of RecordNode
        The lower-level records.
    instance : FileInstance or None
        The SOP Instance the record references (a leaf's), else ``None``.

    Raises
    ------
    ValueError
        If `record` lacks its *Directory Record Type* or its type's key element.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom.fileset import FileSet
    >>> node = FileSet(get_testdata_file("DICOMDIR")).find(PatientID="77654033")[0].node
    >>> node.record_type, node.parent.record_type
    ('IMAGE', 'SERIES')
    """

    def __init__(self, record: Dataset | None = None) -> None:
        """Create a node, optionally for the directory record `record` (a Dataset with a
        *Directory Record Type* and the key element of its type, PS3.3 F.5)."""
        self.children: list[RecordNode] = []
        self.instance: FileInstance | None = None
        self._parent: RecordNode | None = None
        self._record: Dataset
        if record:
            self._set_record(record)
        # The file position of the record's item in the Directory Record Sequence (its item
        # tag): set when the DICOMDIR is read or written.
        self._offset = 0

    def _set_record(self, ds: Dataset, offset: int | None = None) -> None:
        """Take `ds` as the node's directory record, after checking its required elements;
        the offset elements are added if missing and the record is marked in use. `offset`
        is the record's file position, if known (else its ``seq_item_tell``)."""
        if offset is None:
            offset = getattr(ds, "seq_item_tell", None)
        rtype = _peek(ds, _RECORD_TYPE, "CS")
        where = f"The {rtype} directory record" if rtype else "The directory record"
        msg = f"{where} at offset {offset} is missing" if offset else f"{where} is missing"
        present = ds._dict
        if _RECORD_TYPE not in present:
            raise ValueError(f"{msg} one or more required elements: DirectoryRecordType")
        if _NEXT_OFFSET_TAG not in present:
            setattr(ds, _NEXT_OFFSET, 0)
        if _LOWER_OFFSET_TAG not in present:
            setattr(ds, _LOWER_OFFSET, 0)
        if _peek(ds, _IN_USE, "US") != 0xFFFF:
            ds.RecordInUseFlag = 0xFFFF
        self._record = ds
        try:
            _ = self.key
        except (AttributeError, ValueError) as exc:
            raise ValueError(f"{msg} a required element") from exc

    # --- the tree ---------------------------------------------------------------------------

    @property
    def parent(self) -> RecordNode:
        """The node's parent (``None`` for the root or a detached node)."""
        return cast("RecordNode", self._parent)

    @parent.setter
    def parent(self, node: RecordNode) -> None:
        self._parent = node
        if node is not None and not any(child is self for child in node.children):
            node.children.append(self)

    def add(self, leaf: RecordNode) -> None:
        """Add the branch ending at `leaf` to the tree.

        The branch's records are matched level by level with the tree's (by their
        :attr:`key`): the branch joins the tree below the deepest record they share.

        Parameters
        ----------
        leaf : RecordNode
            The leaf node (with its ancestors set) to add.

        Returns
        -------
        None

        Raises
        ------
        IndexError
            If `leaf`'s branch is rooted at this tree but the tree is empty.

        Examples
        --------
        >>> from pyrdicom import Dataset
        >>> from pyrdicom.fileset import FileSet, RecordNode
        >>> fs = FileSet()
        >>> node = RecordNode(Dataset(DirectoryRecordType="PATIENT", PatientID="1234"))
        >>> fs._tree.add(node)
        >>> "1234" in fs._tree
        True
        """
        node = leaf.root
        if node is self:
            node = node.children[0]
        current = self.root
        while node in current and node.children:
            current = current[node]
            node = node.children[0]
        node.parent = current

    def remove(self, node: RecordNode) -> None:
        """Remove the leaf `node` from the tree (and its ancestors left without children).

        Parameters
        ----------
        node : RecordNode
            A leaf node, one with a :class:`FileInstance`.

        Returns
        -------
        None

        Raises
        ------
        ValueError
            If `node` has no instance.
        KeyError
            If `node` is not a child of its parent.

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom.fileset import FileSet
        >>> fs = FileSet(get_testdata_file("DICOMDIR"))
        >>> leaf = fs.find(PatientID="77654033")[0].node
        >>> fs._tree.remove(leaf)
        >>> leaf in leaf.parent
        False
        """
        if not node.has_instance:
            raise ValueError("Only leaf nodes can be removed")
        del node.parent[node]

    def __contains__(self, key: str | RecordNode) -> bool:
        """Whether a child of this node has the key `key` (or `key`'s key)."""
        if isinstance(key, RecordNode):
            key = key.key
        return any(child.key == key for child in self.children)

    def __getitem__(self, key: str | RecordNode) -> RecordNode:
        """The child with the key `key` (or `key`'s key)."""
        if isinstance(key, RecordNode):
            key = key.key
        for child in self.children:
            if child.key == key:
                return child
        raise KeyError(key)

    def __delitem__(self, key: str | RecordNode) -> None:
        """Remove the children with the key `key`; a node left without children is removed
        from its parent in turn (the removed nodes keep their parent, to be added back)."""
        if isinstance(key, RecordNode):
            key = key.key
        if key not in self:
            raise KeyError(key)
        self.children = [child for child in self.children if child.key != key]
        if not self.children and not self.is_root:
            del self.parent[self]

    def __iter__(self) -> Iterator[RecordNode]:
        """This node (unless it is the root) and the nodes below it, depth first."""
        if not self.is_root:
            yield self
        for child in self.children:
            yield from child

    def reverse(self) -> Iterable[RecordNode]:
        """Yield this node, then its ancestors up to the level below the root.

        Returns
        -------
        collections.abc.Iterable of RecordNode
            The nodes, nearest first.

        Raises
        ------
        None

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom.fileset import FileSet
        >>> node = FileSet(get_testdata_file("DICOMDIR")).find(PatientID="77654033")[0].node
        >>> [ancestor.record_type for ancestor in node.reverse()]
        ['IMAGE', 'SERIES', 'STUDY', 'PATIENT']
        """
        node = self
        while node._parent is not None:
            yield node
            node = node._parent
        if not node.is_root:
            yield node

    @property
    def ancestors(self) -> list[RecordNode]:
        """The node's ancestors, nearest first (the root excluded)."""
        return [node for node in self.reverse() if node is not self]

    @property
    def depth(self) -> int:
        """The number of levels between this node and the level below the root."""
        return sum(1 for _ in self.reverse()) - 1

    @property
    def root(self) -> RecordNode:
        """The tree's root node."""
        node = self
        while node._parent is not None:
            node = node._parent
        return node

    @property
    def file_set(self) -> FileSet:
        """The :class:`FileSet` the tree belongs to."""
        return self.root.file_set

    @property
    def is_root(self) -> bool:
        """``True`` for the tree's root node."""
        return False

    @property
    def has_instance(self) -> bool:
        """``True`` if the node references a SOP Instance."""
        return self.instance is not None

    @property
    def index(self) -> int:
        """The node's position among its siblings."""
        if self._parent is None:
            return 0
        return self._parent.children.index(self)

    @property
    def next(self) -> RecordNode | None:
        """The node's next sibling, if any."""
        if self._parent is None:
            return None
        siblings = self._parent.children
        index = siblings.index(self) + 1
        return siblings[index] if index < len(siblings) else None

    @property
    def previous(self) -> RecordNode | None:
        """The node's previous sibling, if any."""
        if self._parent is None:
            return None
        index = self._parent.children.index(self)
        return self._parent.children[index - 1] if index else None

    # --- the record -------------------------------------------------------------------------

    @property
    def record_type(self) -> str:
        """The record's *Directory Record Type*."""
        rtype = _peek(self._record, _RECORD_TYPE, "CS")
        return cast(str, rtype if rtype is not None else self._record.DirectoryRecordType)

    @property
    def key(self) -> str:
        """What identifies the record among its siblings (PS3.3 F.5): the Patient ID, the
        Study/Series Instance UID, the Private Record UID or the referenced SOP Instance."""
        record, rtype = self._record, self.record_type
        if rtype == "PATIENT":
            return cast(str, record.PatientID)
        if rtype == "STUDY":
            if "StudyInstanceUID" in record:
                return cast(str, record.StudyInstanceUID)
            return cast(str, record.ReferencedSOPInstanceUIDInFile)
        if rtype == "SERIES":
            return cast(str, record.SeriesInstanceUID)
        if rtype == "PRIVATE":
            return cast(str, record.PrivateRecordUID)
        try:
            return cast(str, record.ReferencedSOPInstanceUIDInFile)
        except AttributeError as exc:
            raise AttributeError(
                f"Invalid '{rtype}' record - missing required element "
                "'Referenced SOP Instance UID in File'"
            ) from exc

    @property
    def component(self) -> str:
        """The node's File ID component in pyrdicom's layout: the record type's prefix and
        the node's index among its siblings."""
        if self.is_root:
            raise ValueError("The root node doesn't contribute a File ID component")
        prefix = _PREFIXES[self.record_type]
        if self.record_type == "PRIVATE":
            prefix = f"{prefix}{self.depth}"
        alphanumeric = self.file_set._use_alphanumeric
        return f"{prefix}{_suffix(self.index, 8 - len(prefix), alphanumeric)}"

    def file_id_path(self, root_path: Path) -> Path | None:
        """Return the record's *Referenced File ID* as a path relative to `root_path`.

        Parameters
        ----------
        root_path : pathlib.Path
            The File-set's root directory.

        Returns
        -------
        pathlib.Path or None
            The File ID, or ``None`` if the element is empty.

        Raises
        ------
        AttributeError
            If the record has no *Referenced File ID*.
        PermissionError
            If the File ID is absolute or leads outside `root_path` (symbolic links and
            ``..`` followed).

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom.fileset import FileSet
        >>> fs = FileSet(get_testdata_file("DICOMDIR"))
        >>> fs.find(PatientID="77654033")[0].node.file_id_path(fs.root_path).as_posix()
        '77654033/CR1/6154'
        """
        parts = _file_id_parts(self._record)
        if parts is None:
            return None
        _locate(os.fspath(root_path), parts, {})
        return Path(*parts)

    def _point_at_neighbours(self, record: Dataset) -> None:
        """Set `record`'s offsets of the next sibling's and the first child's records."""
        sibling = self.next
        record[_NEXT_OFFSET].value = sibling._offset if sibling is not None else 0
        record[_LOWER_OFFSET].value = self.children[0]._offset if self.children else 0

    # --- text -------------------------------------------------------------------------------

    def prettify(self, indent_char: str = "  ") -> list[str]:
        """Return the tree from this node down as lines of text.

        A line per record with children; leaves are summarised per record type with the
        staged additions and removals.

        Parameters
        ----------
        indent_char : str, optional
            The indent of each level (default two spaces).

        Returns
        -------
        list of str
            The lines.

        Raises
        ------
        AttributeError
            If a record lacks the elements its summary shows.

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom.fileset import FileSet
        >>> node = FileSet(get_testdata_file("DICOMDIR")).find(PatientID="77654033")[0].node
        >>> patient = list(node.reverse())[-1]
        >>> patient.prettify()[0]
        "PATIENT: PatientID='77654033', PatientName='Doe^Archibald'"
        """
        lines: list[str] = []
        for node in self:
            indent = indent_char * node.depth
            if node.children:
                lines.append(f"{indent}{node}")
                leaf = next((child for child in node.children if child.has_instance), None)
                if leaf is not None and not leaf.children:
                    lines += _leaf_summary(node, indent + indent_char)
            elif node.depth == 0 and node.has_instance:
                instance = cast(FileInstance, node.instance)
                line = f"{indent}{node.record_type}: 1 SOP Instance"
                if instance.for_addition:
                    line += " (to be added)"
                elif instance.for_removal:
                    line += " (to be removed)"
                lines.append(line)
        return lines

    def __str__(self) -> str:
        if self.is_root:
            return "ROOT"
        record, rtype = self._record, self.record_type
        if rtype == "PATIENT":
            parts = [f"PatientID='{record.PatientID}'", f"PatientName='{record.PatientName}'"]
        elif rtype == "STUDY":
            parts = [f"StudyDate={record.StudyDate}", f"StudyTime={record.StudyTime}"]
            if getattr(record, "StudyDescription", None):
                parts.append(f"StudyDescription='{record.StudyDescription}'")
        elif rtype == "SERIES":
            parts = [f"Modality={record.Modality}", f"SeriesNumber={record.SeriesNumber}"]
            if getattr(record, "SeriesDescription", None):
                parts.append(f"SeriesDescription='{record.SeriesDescription}'")
        elif rtype == "IMAGE":
            parts = [f"InstanceNumber={record.InstanceNumber}"]
        else:
            parts = [f"{self.key}"]
        return f"{rtype}: {', '.join(parts)}"


def _leaf_summary(parent: RecordNode, indent: str) -> list[str]:
    """A line per record type of the instances below `parent`: how many there will be, and
    how many are initial, staged additions and staged removals."""
    leaves = [node for node in parent if node.has_instance]
    lines = []
    for rtype in sorted({node.record_type for node in leaves}):
        instances = [cast(FileInstance, n.instance) for n in leaves if n.record_type == rtype]
        added = sum(instance.for_addition for instance in instances)
        removed = sum(instance.for_removal for instance in instances)
        initial, result = len(instances) - added, len(instances) - removed
        changes = []
        if (added or removed) and initial > 0:
            changes.append(f"{initial} initial")
        if added:
            changes.append(f"{added} addition{'s' if added > 1 else ''}")
        if removed:
            changes.append(f"{removed} removal{'s' if removed > 1 else ''}")
        line = f"{indent}{rtype}: {result} SOP Instance{'' if result == 1 else 's'}"
        lines.append(f"{line} ({', '.join(changes)})" if changes else line)
    return lines


class RootNode(RecordNode):
    """The root of a File-set's record tree: the File-set itself.

    Parameters
    ----------
    fs : FileSet
        The File-set.

    Examples
    --------
    >>> from pyrdicom.fileset import FileSet, RootNode
    >>> root = RootNode(FileSet())
    >>> root.is_root, root.children
    (True, [])
    """

    def __init__(self, fs: FileSet) -> None:
        """Create the root node of `fs`'s tree."""
        super().__init__()
        self._fs = fs

    @property
    def file_set(self) -> FileSet:
        """The :class:`FileSet` the tree belongs to."""
        return self._fs

    @property
    def is_root(self) -> bool:
        """``True``: this is the root node."""
        return True


class _Flags:
    """A FileInstance's staging: for addition, for removal."""

    __slots__ = ("add", "remove")

    def __init__(self) -> None:
        self.add = False
        self.remove = False


class FileInstance:
    """A SOP Instance of a File-set, as its directory records describe it.

    An element keyword (``instance.PatientID``) or ``instance[tag]`` looks the element up in
    the instance's record, then in its ancestors' records.

    Parameters
    ----------
    node : RecordNode
        The leaf record referencing the instance.

    Attributes
    ----------
    node : RecordNode
        The leaf record referencing the instance.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom.fileset import FileSet
    >>> instance = FileSet(get_testdata_file("DICOMDIR")).find(PatientID="77654033")[0]
    >>> instance.PatientName, instance.Modality  # from the PATIENT and SERIES records
    ('Doe^Archibald', 'CR')
    """

    def __init__(self, node: RecordNode) -> None:
        """Create the instance referenced by the leaf `node`."""
        self._uuid = uuid.uuid4()
        self._flags = _Flags()
        self._stage_path: Path | None = None
        self.node = node

    def _apply_stage(self, flag: str) -> None:
        """Stage the instance for addition (``'+'``), removal (``'-'``), or clear its staging
        (``'x'``); staging the opposite of what is staged cancels it."""
        flags = self._flags
        if flag == "x":
            flags.add = flags.remove = False
            self._stage_path = None
        elif flag == "+":
            if flags.remove:
                flags.remove = False
                self._stage_path = None
            else:
                flags.add = True
                self._stage_path = self.file_set._stage["path"] / f"{self._uuid}"
        elif flag == "-":
            if flags.add:
                flags.add = False
            else:
                flags.remove = True
            self._stage_path = None

    def __getattribute__(self, name: str) -> Any:
        """An element keyword's value from the records (nearest first), else the attribute."""
        tag = tag_for_keyword(name)
        if tag is not None:
            for node in object.__getattribute__(self, "node").reverse():
                record = node._record
                if tag in record:
                    return record[tag].value
        return object.__getattribute__(self, name)

    def __getitem__(self, key: str | int) -> DataElement:
        """The element `key` (keyword or tag) from the records, nearest first; the SOP
        Instance/Class and Transfer Syntax UIDs are the record's *Referenced ... in File*."""
        tag = key if isinstance(key, BaseTag) else Tag(key)
        tag = Tag(_META_ALIASES.get(tag, tag))
        for node in self.node.reverse():
            if tag in node._record:
                return cast(DataElement, node._record[tag])
        raise KeyError(tag)

    def __contains__(self, name: str | int) -> bool:
        """Whether the element `name` (keyword or tag) is in one of the records."""
        try:
            self[name]
        except KeyError:
            return False
        return True

    @property
    def file_set(self) -> FileSet:
        """The :class:`FileSet` the instance belongs to."""
        return self.node.file_set

    @property
    def FileID(self) -> str:
        """The instance's File ID in pyrdicom's layout (where ``write`` puts it)."""
        components = [node.component for node in self.node.reverse() if not node.is_root]
        return os.fspath(Path(*components[::-1]))

    @property
    def path(self) -> str:
        """The instance's file: the staged copy when staged for addition, else its place
        under the File-set's root directory."""
        if self._flags.add:
            return os.fspath(cast(Path, self._stage_path))
        root = self.file_set.root_path
        return os.fspath(root / cast(Path, self.node.file_id_path(root)))

    @property
    def for_addition(self) -> bool:
        """``True`` if staged for addition to the File-set."""
        return self._flags.add

    @property
    def for_removal(self) -> bool:
        """``True`` if staged for removal from the File-set."""
        return self._flags.remove

    @property
    def for_moving(self) -> bool:
        """``True`` if ``write`` will move the instance (its File ID is not pyrdicom's)."""
        if self._flags.add:
            return False
        wanted = self.FileID.split(os.path.sep)
        if self["ReferencedFileID"].VM == 1:
            return [self.ReferencedFileID] != wanted
        return list(self.ReferencedFileID) != wanted

    @property
    def is_staged(self) -> bool:
        """``True`` if staged for addition, removal or moving."""
        return self.for_addition or self.for_moving or self.for_removal

    @property
    def is_private(self) -> bool:
        """``True`` if the instance's record is a PRIVATE one."""
        return self.node.record_type == "PRIVATE"

    @property
    def SOPClassUID(self) -> UID:
        """The instance's SOP Class UID (*Referenced SOP Class UID in File*)."""
        return cast(UID, self.ReferencedSOPClassUIDInFile)

    @property
    def SOPInstanceUID(self) -> UID:
        """The instance's SOP Instance UID (*Referenced SOP Instance UID in File*)."""
        return cast(UID, self.ReferencedSOPInstanceUIDInFile)

    @property
    def TransferSyntaxUID(self) -> UID:
        """The instance's Transfer Syntax UID (*Referenced Transfer Syntax UID in File*)."""
        return cast(UID, self.ReferencedTransferSyntaxUIDInFile)

    def load(self) -> Dataset:
        """Read the instance's file.

        Returns
        -------
        pyrdicom.dataset.FileDataset
            The instance (its staged copy when staged for addition).

        Raises
        ------
        FileNotFoundError
            If the file does not exist.

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom.fileset import FileSet
        >>> instance = FileSet(get_testdata_file("DICOMDIR")).find(PatientID="77654033")[0]
        >>> instance.load().SOPInstanceUID == instance.SOPInstanceUID
        True
        """
        return dcmread(self.path)


class FileSet:
    """A DICOM File-set: its DICOMDIR's identification, its record tree and its managed
    instances, with changes staged until :meth:`write`.

    Parameters
    ----------
    ds : pyrdicom.dataset.Dataset, str or PathLike, optional
        A DICOMDIR to load (see :meth:`load`), as read or as a path; without it, a new
        File-set.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom.fileset import FileSet
    >>> fs = FileSet(get_testdata_file("DICOMDIR"))
    >>> len(fs), fs.find_values("PatientID")
    (31, ['77654033', '98890234'])
    """

    def __init__(self, ds: DSPathType | None = None) -> None:
        """Create a new File-set, or load the one of the DICOMDIR `ds` (a path or the
        data set read from it)."""
        self._root_path: Path | None = None
        self._tree = RootNode(self)
        temp = TemporaryDirectory()
        self._stage: dict[str, Any] = {
            "t": temp,
            "path": Path(temp.name),
            "+": {},  # SOP Instance UID -> FileInstance staged for addition
            "-": {},  # ... staged for removal
            "~": False,  # instances to move to pyrdicom's layout
            "^": False,  # the File-set identification changed
        }
        self._ds = Dataset()
        self._instances: list[FileInstance] = []
        self._use_alphanumeric = False
        self._id: str | None = None
        self._uid: UID | None = None
        self._descriptor: str | list[str] | None = None
        self._charset: str | None = None
        if ds:
            self.load(ds)
        else:
            self.UID = generate_uid()

    # --- identification ---------------------------------------------------------------------

    @property
    def ID(self) -> str | None:
        """The *File-set ID* (at most 16 characters), or ``None``."""
        return self._id

    @ID.setter
    def ID(self, val: str | None) -> None:
        if val == self._id:
            return
        if val is not None and len(val) > 16:
            raise ValueError("The maximum length of the 'File-set ID' is 16 characters")
        self._id = val
        if self._ds:
            self._ds.FileSetID = val
        self._stage["^"] = True

    @property
    def UID(self) -> UID:
        """The File-set's UID (the DICOMDIR's *Media Storage SOP Instance UID*)."""
        return cast(UID, self._uid)

    @UID.setter
    def UID(self, uid: str) -> None:
        if uid == self._uid:
            return
        uid = UID(uid)
        # pydicom's check, and its exception type
        assert uid.is_valid
        self._uid = uid
        if self._ds:
            self._ds.file_meta.MediaStorageSOPInstanceUID = uid
        self._stage["^"] = True

    @property
    def descriptor_file_id(self) -> str | list[str] | None:
        """The *File-set Descriptor File ID*, or ``None``."""
        return self._descriptor

    @descriptor_file_id.setter
    def descriptor_file_id(self, val: str | list[str] | None) -> None:
        if val == self._descriptor:
            return
        if isinstance(val, list):
            if len(val) > 8 or not all(isinstance(c, str) and len(c) <= 16 for c in val):
                raise ValueError(
                    "The 'File-set Descriptor File ID' has a maximum of 8 "
                    "components, each between 0 and 16 characters long"
                )
            val = list(Path(*val).parts)
        elif isinstance(val, str):
            if len(val) > 16:
                raise ValueError(
                    "Each 'File-set Descriptor File ID' component has a "
                    "maximum length of 16 characters"
                )
        elif val is not None:
            raise TypeError("The 'DescriptorFileID' must be a str, list of str, or None")
        self._descriptor = val
        if self._ds:
            self._ds.FileSetDescriptorFileID = val
        self._stage["^"] = True

    @property
    def descriptor_character_set(self) -> str | None:
        """The *Specific Character Set of File-set Descriptor File*, or ``None``."""
        return self._charset

    @descriptor_character_set.setter
    def descriptor_character_set(self, val: str | None) -> None:
        if val == self._charset:
            return
        self._charset = val
        if self._ds:
            self._ds.SpecificCharacterSetOfFileSetDescriptorFile = val
        self._stage["^"] = True

    @property
    def root_path(self) -> Path:
        """The File-set's root directory; AttributeError if not set."""
        if self._root_path is None:
            raise AttributeError("No root path set in the File-set")
        return self._root_path

    @property
    def path(self) -> str | None:
        """The File-set's root directory as text, or ``None`` if not set."""
        return os.fspath(self._root_path) if self._root_path is not None else None

    @property
    def is_staged(self) -> bool:
        """``True`` if the File-set is new or has changes to write."""
        return any(self._stage[flag] for flag in "+-^~")

    def __iter__(self) -> Iterator[FileInstance]:
        """The managed instances (those staged for removal excluded)."""
        yield from self._instances[:]

    def __len__(self) -> int:
        """The number of managed instances."""
        return len(self._instances)

    # --- staging ----------------------------------------------------------------------------

    def _unstage_removal(self, sop_instance_uid: str) -> FileInstance | None:
        """The instance staged for removal with this UID, back in the File-set; else None."""
        instance = cast("FileInstance | None", self._stage["-"].pop(sop_instance_uid, None))
        if instance is not None:
            self._instances.append(instance)
            instance._apply_stage("+")
        return instance

    def _stage_addition(self, ds: Dataset, leaf: RecordNode) -> FileInstance:
        """Add `leaf`'s branch to the tree and save `ds` in the stage."""
        instance = FileInstance(leaf)
        leaf.instance = instance
        self._tree.add(leaf)
        self._stage["+"][instance.SOPInstanceUID] = instance
        self._instances.append(instance)
        instance._apply_stage("+")
        ds.save_as(instance.path, enforce_file_format=True)
        return instance

    def add(self, ds_or_path: DSPathType) -> FileInstance:
        """Stage an instance for addition, with the directory records of its SOP Class.

        Adding an instance staged for removal cancels the removal; adding one already in
        the File-set returns it.

        Parameters
        ----------
        ds_or_path : pyrdicom.dataset.Dataset, str or PathLike
            The instance, or the path to its file.

        Returns
        -------
        FileInstance
            The added instance.

        Raises
        ------
        ValueError
            If the instance lacks an element its records require (PS3.3 F.5).

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom.fileset import FileSet
        >>> fs = FileSet()
        >>> instance = fs.add(get_testdata_file("CT_small.dcm"))
        >>> instance.for_addition, instance.FileID
        (True, 'PT000000/ST000000/SE000000/IM000000')
        """
        ds = _as_dataset(ds_or_path)
        key = ds.SOPInstanceUID
        restored = self._unstage_removal(key)
        if restored is not None:
            return restored
        existing = next((i for i in self if i.SOPInstanceUID == key), None)
        if existing is not None:
            return existing
        node: RecordNode | None = None
        for record in self._recordify(ds):
            child = RecordNode(record)
            if node is not None:
                child.parent = node
            node = child
        return self._stage_addition(ds, cast(RecordNode, node))

    def add_custom(self, ds_or_path: DSPathType, leaf: RecordNode) -> FileInstance:
        """Stage an instance for addition with your own directory records.

        The leaf's record gets the *Referenced File ID*, *Referenced SOP Class/Instance UID
        in File* and *Referenced Transfer Syntax UID in File* of the instance; the records'
        offset elements and *Record In-use Flag* are added as needed. Needed for PRIVATE
        records.

        Parameters
        ----------
        ds_or_path : pyrdicom.dataset.Dataset, str or PathLike
            The instance, or the path to its file.
        leaf : RecordNode
            The instance's leaf record, its ancestors (at most 7) set.

        Returns
        -------
        FileInstance
            The added instance.

        Raises
        ------
        ValueError
            If `leaf` has more than 7 ancestors.

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom import Dataset
        >>> from pyrdicom.fileset import FileSet, RecordNode
        >>> from pyrdicom.uid import generate_uid
        >>> record = Dataset()
        >>> record.DirectoryRecordType = "PRIVATE"
        >>> record.PrivateRecordUID = generate_uid()
        >>> instance = FileSet().add_custom(get_testdata_file("CT_small.dcm"), RecordNode(record))
        >>> instance.is_private, instance.FileID
        (True, 'P0000000')
        """
        ds = _as_dataset(ds_or_path)
        if leaf.depth > 7:
            raise ValueError(
                "The 'leaf' node must not have more than 7 ancestors as "
                "'FileSet' supports a maximum directory structure depth of 8"
            )
        key = ds.SOPInstanceUID
        restored = self._unstage_removal(key)
        if restored is not None:
            return restored
        existing = next((i for i in self if i.SOPInstanceUID == key), None)
        if existing is not None:
            return existing
        _reference_instance(leaf._record, ds)
        return self._stage_addition(ds, leaf)

    def remove(self, instance: FileInstance | list[FileInstance]) -> None:
        """Stage instances for removal; removing one staged for addition cancels it.

        Parameters
        ----------
        instance : FileInstance or list of FileInstance
            The instance(s) to remove.

        Returns
        -------
        None

        Raises
        ------
        ValueError
            If an instance is not in the File-set.

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom.fileset import FileSet
        >>> fs = FileSet(get_testdata_file("DICOMDIR"))
        >>> fs.remove(fs.find(PatientID="77654033"))
        >>> len(fs)
        24
        """
        if isinstance(instance, list):
            for item in instance:
                self.remove(item)
            return
        if instance not in self._instances:
            raise ValueError("No such instance in the File-set")
        key = instance.SOPInstanceUID
        if key in self._stage["+"]:
            leaf = instance.node
            del leaf.parent[leaf]
            del self._stage["+"][key]
            Path(instance.path).unlink(missing_ok=True)
            instance._apply_stage("-")
            self._instances.remove(instance)
        elif key not in self._stage["-"]:
            instance._apply_stage("-")
            self._stage["-"][key] = instance
            self._instances.remove(instance)

    def clear(self) -> None:
        """Empty the File-set: no instances, no root path, a new UID, a new stage.

        Returns
        -------
        None

        Raises
        ------
        None

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom.fileset import FileSet
        >>> fs = FileSet(get_testdata_file("DICOMDIR"))
        >>> fs.clear()
        >>> len(fs), fs.path
        (0, None)
        """
        self._tree.children = []
        self._instances = []
        self._root_path = None
        self._ds = Dataset()
        self._id = None
        self._uid = generate_uid()
        self._descriptor = None
        self._charset = None
        self._stage["t"].cleanup()
        temp = TemporaryDirectory()
        self._stage.update(
            {"t": temp, "path": Path(temp.name), "+": {}, "-": {}, "~": False, "^": False}
        )

    # --- reading ----------------------------------------------------------------------------

    def load(
        self,
        ds_or_path: DSPathType,
        include_orphans: bool = True,
        raise_orphans: bool = False,
    ) -> None:
        """Load an existing File-set from its DICOMDIR.

        Instances whose File IDs are not in pyrdicom's layout are staged to be moved by
        :meth:`write`; records whose instance file is missing are warned about and left out.

        Parameters
        ----------
        ds_or_path : pyrdicom.dataset.Dataset, str or PathLike
            The DICOMDIR, read (with its ``filename``) or as a path.
        include_orphans : bool, optional
            If ``True`` (default) include the instances of records outside the record
            hierarchy (orphans), staged for addition.
        raise_orphans : bool, optional
            If ``True`` raise an exception if there are orphaned records (default ``False``).

        Returns
        -------
        None

        Raises
        ------
        ValueError
            If the data set is not a Media Storage Directory instance, or (`raise_orphans`)
            it has orphaned records.
        TypeError
            If the data set has no ``filename``.
        FileNotFoundError
            If its ``filename`` does not exist.

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom.fileset import FileSet
        >>> fs = FileSet()
        >>> fs.load(get_testdata_file("DICOMDIR"))
        >>> len(fs)
        31
        """
        ds = _as_dataset(ds_or_path)
        if ds.file_meta.get("MediaStorageSOPClassUID", None) != MediaStorageDirectoryStorage:
            raise ValueError(
                "Unable to load the File-set as the supplied dataset is "
                "not a 'Media Storage Directory' instance"
            )
        syntax = ds.file_meta.TransferSyntaxUID
        if syntax != ExplicitVRLittleEndian:
            warn_and_log(
                "The DICOMDIR dataset uses an invalid transfer syntax "
                f"'{syntax.name}' and will be updated to use 'Explicit VR "
                "Little Endian'"
            )
        try:
            path = Path(ds.filename).resolve(strict=True)
        except FileNotFoundError:
            raise FileNotFoundError(
                "Unable to load the File-set as the 'filename' attribute for the DICOMDIR "
                f"dataset is not a valid path: {ds.filename}"
            ) from None
        except TypeError:
            raise TypeError(
                "Unable to load the File-set as the DICOMDIR dataset must have a 'filename' "
                "attribute set to the path of the DICOMDIR file"
            ) from None

        self.clear()
        self._id = ds.get("FileSetID", None)
        uid = ds.file_meta.get("MediaStorageSOPInstanceUID")
        if not uid:
            uid = generate_uid()
            ds.file_meta.MediaStorageSOPInstanceUID = uid
        self._uid = uid
        self._descriptor = ds.get("FileSetDescriptorFileID", None)
        self._charset = ds.get("SpecificCharacterSetOfFileSetDescriptorFile", None)
        self._root_path = path.parent
        self._ds = ds
        self._parse_records(ds, include_orphans, raise_orphans)

    def _parse_records(
        self, ds: Dataset, include_orphans: bool, raise_orphans: bool = False
    ) -> None:
        """Build the record tree by following the records' offsets (PS3.3 F.3.2.1), then
        check each instance's File ID: inside the root directory (else PermissionError),
        its file there (else a warning, and the instance is left out)."""
        items = list(ds.get("DirectoryRecordSequence") or [])
        positions = _item_offsets(ds, items)
        records: dict[int, RecordNode] = {}
        for record, position in zip(items, positions, strict=True):
            node = RecordNode.__new__(RecordNode)
            node.children, node.instance, node._parent = [], None, None
            node._set_record(record, position)
            node._offset = position
            records[position] = node

        placed: set[int] = set()

        def chain(offset: int, parent: RecordNode) -> None:
            """Attach the records from `offset` on, following their next offsets."""
            while offset:
                node = records[offset]
                if offset in placed:
                    raise MalformedDicomError(
                        f"The DICOMDIR's directory record at offset {offset} is referenced "
                        "twice (the records' offsets form a loop)"
                    )
                placed.add(offset)
                node._parent = parent
                parent.children.append(node)
                offset = _peek(node._record, _NEXT_OFFSET_TAG, "UL")

        if records:
            chain(ds[_FIRST_OFFSET].value, self._tree)

        root = os.fspath(self.root_path)
        dirs: dict[str, str] = {}
        missing: list[tuple[FileInstance, str]] = []

        def link(node: RecordNode) -> None:
            record = node._record
            lower = _peek(record, _LOWER_OFFSET_TAG, "UL")
            has_file_id = _FILE_ID in record._dict
            if lower:
                chain(lower, node)
            elif not has_file_id:
                # A record without children must reference an instance
                del node.parent[node]
            if has_file_id and (parts := _file_id_parts(record)) is not None:
                full, exists = _locate(root, parts, dirs)
                node.instance = FileInstance(node)
                self._instances.append(node.instance)
                if not exists:
                    missing.append((node.instance, full))
            for child in node.children[:]:
                link(child)

        for node in self._tree.children[:]:
            link(node)
        for instance, full in missing:
            warn_and_log(
                "The referenced SOP Instance for the directory record at offset "
                f"{instance.node._offset} does not exist: {full}"
            )
            self._instances.remove(instance)
        skip = {id(instance) for instance, _ in missing}
        self._stage["~"] = _any_moved(self._tree, self._use_alphanumeric, skip)

        in_tree = {node._offset for node in self._tree}
        if len(in_tree) == len(records):
            return
        if raise_orphans:
            raise ValueError("The DICOMDIR contains orphaned directory records")
        orphans = [
            records[offset]
            for offset in sorted(set(records) - in_tree)
            if "ReferencedFileID" in records[offset]._record
        ]
        if orphans and not include_orphans:
            warn_and_log(
                f"The DICOMDIR has {len(orphans)} orphaned directory records that reference "
                "an instance that will not be included in the File-set"
            )
            return
        for node in orphans:
            file_id_value = node._record.ReferencedFileID
            file_id = node.file_id_path(self.root_path)
            if file_id is None:
                continue
            path = self.root_path / file_id
            if node.record_type == "PRIVATE":
                instance = self.add_custom(path, node)
            else:
                instance = self.add(path)
            # The record was made again (or its File ID emptied): keep where the file is
            instance.node._record.ReferencedFileID = file_id_value

    # --- queries ----------------------------------------------------------------------------

    def find(self, load: bool = False, **kwargs: Any) -> list[FileInstance]:
        """Return the instances with all the element values `kwargs` gives.

        Parameters
        ----------
        load : bool, optional
            If ``True`` match against the instances' files rather than their directory
            records (slower, but every element is there). Default ``False``.
        **kwargs
            ``keyword=value`` pairs; a single value each.

        Returns
        -------
        list of FileInstance
            The matching instances (all of them without `kwargs`).

        Raises
        ------
        FileNotFoundError
            With `load`, if an instance's file is missing.

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom.fileset import FileSet
        >>> len(FileSet(get_testdata_file("DICOMDIR")).find(PatientID="77654033"))
        7
        """
        if not kwargs:
            return self._instances[:]
        has_elements = False
        matches = []
        for instance in self:
            source: Any = instance.load() if load else instance
            if all(kw in source for kw in kwargs):
                has_elements = True
            try:
                if all(source[kw].value == val for kw, val in kwargs.items()):
                    matches.append(instance)
            except KeyError:
                continue
        if not load and not has_elements:
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
        """Return the distinct values of elements over the instances.

        Parameters
        ----------
        elements : str, int or list of str or int
            The keyword(s) or tag(s).
        instances : list of FileInstance, optional
            The instances to look at (default all).
        load : bool, optional
            If ``True`` look in the instances' files rather than their records.

        Returns
        -------
        list or dict of lists
            The values of one element, or ``{element: values}`` for a list of elements.

        Raises
        ------
        FileNotFoundError
            With `load`, if an instance's file is missing.

        Examples
        --------
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom.fileset import FileSet
        >>> FileSet(get_testdata_file("DICOMDIR")).find_values(["PatientID", "StudyDate"])
        {'PatientID': ['77654033', '98890234'], 'StudyDate': ['20010101', '19950903', '20030505']}
        """
        wanted = elements if isinstance(elements, list) else [elements]
        results: dict[str | int, list[Any]] = {element: [] for element in wanted}
        found = dict.fromkeys(wanted, False)
        for instance in instances or iter(self):
            source: Any = instance.load() if load else instance
            for element in wanted:
                if element not in source:
                    continue
                found[element] = True
                value = source[element].value
                if value not in results[element]:
                    results[element].append(value)
        missing = [element for element, seen in found.items() if not seen]
        if not load and missing:
            warn_and_log(
                f"None of the records in the DICOMDIR dataset contain {missing}, consider "
                "using the 'load' parameter to expand the search to the corresponding SOP "
                "instances"
            )
        return results if isinstance(elements, list) else results[wanted[0]]

    # --- records of new instances -----------------------------------------------------------

    def _recordify(self, ds: Dataset) -> Iterator[Dataset]:
        """The directory records of the instance `ds`, highest level first: one record for
        the single-level SOP Classes, else PATIENT, STUDY, SERIES and the instance's."""
        rtype = _single_level_record_type(ds)
        rtypes = [rtype] if rtype != "PATIENT" else [*_FOUR_LEVELS, _four_level_record_type(ds)]
        records = []
        for rtype in rtypes:
            try:
                record = DIRECTORY_RECORDERS[rtype](ds)
            except ValueError as exc:
                raise ValueError(
                    f"Unable to use the default '{rtype}' record creator: {exc}. See DICOM "
                    "PS3.3 Section F.5. Either update the instance, define your own record "
                    "creation function or use 'FileSet.add_custom()' instead"
                ) from exc
            record.OffsetOfTheNextDirectoryRecord = 0
            record.RecordInUseFlag = 0xFFFF
            record.OffsetOfReferencedLowerLevelDirectoryEntity = 0
            record.DirectoryRecordType = rtype
            if len(rtypes) > 1 and "SpecificCharacterSet" in ds:
                record.SpecificCharacterSet = ds.SpecificCharacterSet
            records.append(record)
        _reference_instance(records[-1], ds)
        yield from records

    # --- writing ----------------------------------------------------------------------------

    def _check_size(self) -> None:
        """Switch to alphanumeric File IDs when numeric ones could run out."""
        if len(self) > _MAX_NUMERIC:
            self._use_alphanumeric = True
        if len(self) > _MAX_INSTANCES:
            raise NotImplementedError(
                "pydicom doesn't support writing File-sets with more than "
                "1838265625 managed instances"
            )

    def write(
        self,
        path: str | os.PathLike | None = None,
        use_existing: bool = False,
        force_implicit: bool = False,
    ) -> None:
        """Write the File-set, or its staged changes, to the file system.

        Instances are placed in pyrdicom's layout (``PTxxxxxx/STxxxxxx/SExxxxxx/IMxxxxxx``,
        single-level records at the root, PRIVATE records as ``P<depth>xxxxxx``) unless
        `use_existing`; the DICOMDIR is written and read back.

        Parameters
        ----------
        path : str or PathLike, optional
            A new File-set's root directory (required for one; not allowed for an
            existing File-set).
        use_existing : bool, optional
            If ``True`` keep the existing layout and only update the DICOMDIR (no additions
            allowed). Default ``False``.
        force_implicit : bool, optional
            If ``True`` write the DICOMDIR as Implicit VR Little Endian, which does not
            conform to the DICOM Standard. Default ``False``.

        Returns
        -------
        None

        Raises
        ------
        ValueError
            If `path` is missing for a new File-set or given for an existing one, or with
            `use_existing` when additions are staged.
        NotImplementedError
            With more than 35**6 instances.

        Examples
        --------
        >>> import tempfile
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom.fileset import FileSet
        >>> fs = FileSet()
        >>> _ = fs.add(get_testdata_file("CT_small.dcm"))
        >>> with tempfile.TemporaryDirectory() as root:
        ...     fs.write(root)
        ...     [instance.FileID for instance in fs]
        ['PT000000/ST000000/SE000000/IM000000']
        """
        if not path and self.path is None:
            raise ValueError("The path to the root directory is required for a new File-set")
        if path and self.path:
            raise ValueError(
                "The path for an existing File-set cannot be changed, use "
                "'FileSet.copy()' to write the File-set to a new location"
            )
        if path:
            self._root_path = Path(path)
        if not self.is_staged:
            return

        root = self.root_path
        dicomdir = root / "DICOMDIR"
        major_change = bool(self._stage["+"])
        if use_existing and major_change:
            raise ValueError(
                "'Fileset.write()' called with 'use_existing' but additions to the "
                "File-set's managed instances are staged"
            )
        if not use_existing:
            major_change |= self._stage["~"]
        self._check_size()

        # Removals first: the File IDs of the others depend on the tree without them
        for instance in self._stage["-"].values():
            Path(instance.path).unlink(missing_ok=True)
            self._tree.remove(instance.node)

        if major_change:
            self._move_to_layout(root)
        self._write_file(dicomdir, copy_safe=False, force_implicit=force_implicit)
        # What was written is read back: an orphan there would be our error
        self.load(dicomdir, raise_orphans=True)

    def _move_to_layout(self, root: Path) -> None:
        """Put every instance at its File ID in pyrdicom's layout, staged ones copied from
        the stage; a file whose place another instance takes is moved through the stage."""
        staged = self._stage["+"]
        wanted = {Path(instance.FileID) for instance in self}
        collisions = [
            instance
            for instance in self
            if instance.SOPInstanceUID not in staged and instance.node.file_id_path(root) in wanted
        ]
        for instance in collisions:
            source = root / cast(Path, instance.node.file_id_path(root))
            staged[instance.SOPInstanceUID] = instance
            instance._apply_stage("+")
            shutil.copyfile(source, instance.path)
        for instance in self:
            destination = root / instance.FileID
            destination.parent.mkdir(parents=True, exist_ok=True)
            move: Callable[[str, str], Any]
            if instance.SOPInstanceUID in staged:
                origin, move = instance.path, shutil.copyfile
            else:
                origin = os.fspath(root / cast(Path, instance.node.file_id_path(root)))
                move = shutil.move
            move(origin, os.fspath(destination))
            instance.node._record.ReferencedFileID = instance.FileID.split(os.path.sep)

    def copy(self, path: str | os.PathLike, force_implicit: bool = False) -> FileSet:
        """Copy the File-set, with its staged changes applied, to a new root directory.

        The File-set itself is unchanged (its changes stay staged).

        Parameters
        ----------
        path : str or PathLike
            The new root directory.
        force_implicit : bool, optional
            If ``True`` write the DICOMDIR as Implicit VR Little Endian, which does not
            conform to the DICOM Standard. Default ``False``.

        Returns
        -------
        FileSet
            The copy, loaded from its new DICOMDIR.

        Raises
        ------
        ValueError
            If `path` is the File-set's own root directory.
        NotImplementedError
            With more than 35**6 instances.

        Examples
        --------
        >>> import tempfile
        >>> from pydicom.data import get_testdata_file
        >>> from pyrdicom.fileset import FileSet
        >>> fs = FileSet(get_testdata_file("DICOMDIR"))
        >>> with tempfile.TemporaryDirectory() as root:
        ...     copied = fs.copy(root)
        ...     len(copied), copied.find(PatientID="77654033")[0].FileID
        (31, 'PT000000/ST000000/SE000000/IM000000')
        """
        path = Path(path)
        if self.path and Path(self.path) == path:
            raise ValueError("Cannot copy the File-set as the 'path' is unchanged")
        self._check_size()

        detached = [instance.node for instance in self._stage["-"].values()]
        for node in detached:
            self._tree.remove(node)
        file_ids = []
        for instance in self:
            file_ids.append(instance.ReferencedFileID)
            destination = path / Path(instance.FileID)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(instance.path, destination)
            instance.node._record.ReferencedFileID = instance.FileID.split(os.path.sep)

        dicomdir = path / "DICOMDIR"
        self._write_file(dicomdir, copy_safe=True, force_implicit=force_implicit)

        for instance, file_id in zip(self, file_ids, strict=True):
            instance.node._record.ReferencedFileID = file_id
        for node in detached:
            self._tree.add(node)

        fs = FileSet()
        fs.load(dicomdir, raise_orphans=True)
        return fs

    def _create_dicomdir(self) -> Dataset:
        """A new DICOMDIR data set with the File-set's identification and no records."""
        ds = Dataset()
        ds.filename = None
        ds.file_meta = FileMetaDataset()
        ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds.file_meta.MediaStorageSOPInstanceUID = self.UID
        ds.file_meta.MediaStorageSOPClassUID = MediaStorageDirectoryStorage
        ds.FileSetID = self.ID
        setattr(ds, _FIRST_OFFSET, 0)
        setattr(ds, _LAST_OFFSET, 0)
        ds.FileSetConsistencyFlag = 0
        ds.DirectoryRecordSequence = []
        if self.descriptor_file_id:
            ds.FileSetDescriptorFileID = self.descriptor_file_id
        if self.descriptor_character_set:
            ds.SpecificCharacterSetOfFileSetDescriptorFile = self.descriptor_character_set
        return ds

    def _write_file(self, path: Path, copy_safe: bool, force_implicit: bool) -> None:
        from .filebase import DicomFileLike

        with open(path, "wb") as fp:
            self._write_dicomdir(DicomFileLike(fp), copy_safe, force_implicit)

    def _write_dicomdir(
        self, fp: Any, copy_safe: bool = False, force_implicit: bool = False
    ) -> None:
        """Encode the DICOMDIR into `fp` (with ``write``): its records in the tree's depth
        first order, each pointing at its next sibling's and first child's records.

        The records' encoded lengths give their file positions, which are set before the
        data set is encoded once more, whole. With `copy_safe` the File-set's own DICOMDIR
        data set and records are left unchanged (a new data set and copied records are
        written)."""
        from .filewriter import _encode, write_dataset, write_file_meta_info

        ds = self._create_dicomdir() if copy_safe or not self._ds else self._ds
        syntax = ImplicitVRLittleEndian if force_implicit else ExplicitVRLittleEndian
        ds.file_meta.TransferSyntaxUID = syntax
        fp.is_implicit_VR, fp.is_little_endian = force_implicit, True
        setattr(ds, _FIRST_OFFSET, 0)
        setattr(ds, _LAST_OFFSET, 0)
        charset = ds.get("SpecificCharacterSet")
        terms = None if charset is None else [charset] if isinstance(charset, str) else charset

        def encoded_length(item: Dataset | dict[BaseTag, DataElement]) -> int:
            return len(_encode(item, implicit_vr=force_implicit, little_endian=True,
                               charset=terms))  # fmt: skip

        meta = _meta_bytes(ds.file_meta)
        header = encoded_length({tag: ds[tag] for tag in ds._dict if tag < _RECORD_SEQUENCE})
        # the sequence's own header: tag, (VR, reserved,) length
        offset = 128 + 4 + len(meta) + header + (8 if force_implicit else 12)
        nodes = list(self._tree)
        records = [_record_copy(node._record) if copy_safe else node._record for node in nodes]
        for node, record in zip(nodes, records, strict=True):
            # Group lengths (beyond the command and file meta groups) are not written
            for tag in [tag for tag in record._dict if tag & 0xFFFF == 0 and tag >> 16 > 6]:
                del record[tag]
            node._offset = offset
            offset += 8 + encoded_length(record)
            if record.is_undefined_length_sequence_item:
                offset += 8  # the item delimitation item
        for node, record in zip(nodes, records, strict=True):
            node._point_at_neighbours(record)
        ds.DirectoryRecordSequence = records
        if self._tree.children:
            setattr(ds, _FIRST_OFFSET, self._tree.children[0]._offset)
            setattr(ds, _LAST_OFFSET, self._tree.children[-1]._offset)

        fp.write(b"\x00" * 128 + b"DICM")
        write_file_meta_info(fp, ds.file_meta, enforce_standard=True)
        write_dataset(fp, ds)

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
        if self.is_staged:
            changes = ["DICOMDIR update" if self._ds else "DICOMDIR creation"]
            if self._stage["~"]:
                changes.append("directory structure update")
            for flag, name in (("+", "addition"), ("-", "removal")):
                count = len(self._stage[flag])
                if count:
                    changes.append(f"{count} {name}{'s' if count > 1 else ''}")
            lines.append(f"  Changes staged for write(): {', '.join(changes)}")
        if self._tree.children:
            lines.append("\n  Managed instances:")
            lines += [f"    {line}" for line in self._tree.prettify()]
        return "\n".join(lines)


def _item_offsets(ds: Dataset, items: list[Dataset]) -> list[int]:
    """The file position of each Directory Record Sequence item (what the offsets point
    at): from the parsed file's index when the sequence is as read, else per item."""
    raw, idx = ds.__dict__.get("_raw"), ds._dict.get(_RECORD_SEQUENCE)
    if raw is not None and idx.__class__ is int:
        return [raw.info(item).offset - 8 for item in raw.value(idx, "SQ")]
    return [cast(int, getattr(item, "seq_item_tell", 0)) for item in items]


def _peek(record: Dataset, tag: int, vr: str) -> Any:
    """The value of element `tag` (of VR `vr`) of `record`, None if absent or empty. An
    element of a file read and not yet made is read from the parsed index: a load looks at
    a few values of each of thousands of records, and making their DataElements would cost
    most of it."""
    entry = record._dict.get(tag)
    if entry is None:
        return None
    if entry.__class__ is int:
        return record._raw.value(entry, vr)
    return record[tag].value


def _file_id_parts(record: Dataset) -> list[str] | None:
    """The components of `record`'s Referenced File ID, None if it is empty."""
    if _FILE_ID not in record._dict:
        raise AttributeError("No 'Referenced File ID' in the directory record")
    value = _peek(record, _FILE_ID, "CS")
    if not value:
        return None
    return [value] if isinstance(value, str) else [str(part) for part in value]


def _locate(root: str, parts: list[str], dirs: dict[str, str]) -> tuple[str, bool]:
    """Where the File ID `parts` leads (symbolic links and ".." followed) and whether a
    file is there; PermissionError if it leads outside the directory `root`.

    `dirs` caches resolved directories: the instances of a File-set share few of them, so
    a File-set's check costs about one ``lstat`` per file."""
    real_root = dirs.get(root)
    if real_root is None:
        real_root = dirs[root] = os.path.realpath(root)
    head = os.path.join(root, *parts[:-1])
    real_head = dirs.get(head)
    if real_head is None:
        real_head = dirs[head] = os.path.realpath(head)
    full = os.path.join(real_head, parts[-1])
    try:
        mode: int | None = os.lstat(full).st_mode
    except OSError:
        mode = None
    if (mode is not None and stat.S_ISLNK(mode)) or parts[-1] in (".", ".."):
        full = os.path.realpath(full)
        exists = os.path.exists(full)
    else:
        exists = mode is not None
    inside = full == real_root or full.startswith(real_root.rstrip(os.sep) + os.sep)
    if os.path.isabs(parts[0]) or not inside:
        raise PermissionError(
            f"ReferencedFileID ('{Path(*parts)}') must be inside the DICOMDIR root path"
        )
    return os.path.join(root, *parts), exists


def _any_moved(tree: RecordNode, alphanumeric: bool, skip: set[int]) -> bool:
    """Whether an instance's File ID differs from the one pyrdicom's layout gives it (what
    ``FileInstance.for_moving`` says), for the whole tree in one walk; instances whose id()
    is in `skip` are not looked at."""
    stack: list[tuple[RecordNode, list[str]]] = [(tree, [])]
    while stack:
        node, path = stack.pop()
        for index, child in enumerate(node.children):
            rtype = child.record_type
            prefix = _PREFIXES[rtype] + (str(len(path)) if rtype == "PRIVATE" else "")
            child_path = [*path, f"{prefix}{_suffix(index, 8 - len(prefix), alphanumeric)}"]
            instance = child.instance
            looked_at = instance is not None and not instance._flags.add
            if (
                looked_at
                and id(instance) not in skip
                and _file_id_parts(child._record) != child_path
            ):
                return True
            stack.append((child, child_path))
    return False


def _as_dataset(ds_or_path: DSPathType) -> Dataset:
    return dcmread(ds_or_path) if isinstance(ds_or_path, str | os.PathLike) else ds_or_path


def _meta_bytes(file_meta: Dataset) -> bytes:
    """The File Meta Information as `write_file_meta_info` writes it."""
    from .filebase import DicomBytesIO
    from .filewriter import write_file_meta_info

    buffer = DicomBytesIO()
    write_file_meta_info(buffer, file_meta, enforce_standard=True)
    return buffer.getvalue()


def _record_copy(record: Dataset) -> Dataset:
    """A copy of `record` whose element values can be set without changing `record`: its
    elements are copies (values shared; sequences copied whole). A deep copy of a record
    read from a file would copy the whole DICOMDIR's buffer with each record."""
    copied = Dataset()
    for elem in record:
        copied[elem.tag] = _copy.deepcopy(elem) if elem.VR == "SQ" else _copy.copy(elem)
    copied.is_undefined_length_sequence_item = record.is_undefined_length_sequence_item
    return copied


def _reference_instance(record: Dataset, ds: Dataset) -> None:
    """Make `record` reference the SOP Instance `ds` (its File ID set when written)."""
    record.ReferencedFileID = None
    record.ReferencedSOPClassUIDInFile = ds.SOPClassUID
    record.ReferencedSOPInstanceUIDInFile = ds.SOPInstanceUID
    record.ReferencedTransferSyntaxUIDInFile = ds.file_meta.TransferSyntaxUID


# --- directory record definitions (PS3.3 F.5) -----------------------------------------------


def _check_dataset(ds: Dataset, keywords: list[str]) -> None:
    """Raise ValueError unless the instance has a value for each of `keywords` (Type 1)."""
    for keyword in keywords:
        tag = Tag(cast(int, tag_for_keyword(keyword)))
        name = dictionary_description(tag)
        if keyword not in ds:
            raise ValueError(f"The instance's {tag} '{name}' element is missing")
        if ds[keyword].VM == 0:
            raise ValueError(f"The instance's {tag} '{name}' element cannot be empty")


def _recorder(
    required: tuple[str, ...] = (),
    optional: tuple[str, ...] = (),
    conditional: tuple[str, ...] = (),
    doc: str = "",
) -> Callable[[Dataset], Dataset]:
    """A record definition: `required` (Type 1) elements must have values, `optional`
    (Type 2) ones are copied or left empty, `conditional` (Type 1C) ones are copied when the
    instance has them, and must then have values."""

    def define(ds: Dataset) -> Dataset:
        _check_dataset(ds, list(required))
        record = Dataset()
        for keyword in required:
            setattr(record, keyword, ds[keyword].value)
        for keyword in optional:
            setattr(record, keyword, ds.get(keyword))
        for keyword in conditional:
            if keyword in ds:
                _check_dataset(ds, [keyword])
                setattr(record, keyword, ds[keyword].value)
        return record

    define.__doc__ = f"Return the {doc} directory record of the instance `ds`."
    return define


_CONTENT_ID = ("InstanceNumber", "ContentDate", "ContentTime", "ContentLabel")
_define_patient = _recorder(("PatientID",), ("PatientName",), doc="PATIENT")
_define_study = _recorder(
    ("StudyDate", "StudyTime", "StudyID"),
    ("StudyDescription", "AccessionNumber"),
    ("StudyInstanceUID",),
    doc="STUDY",
)
_define_series = _recorder(("Modality", "SeriesInstanceUID", "SeriesNumber"), doc="SERIES")
_define_image = _recorder(("InstanceNumber",), doc="IMAGE")
_define_rt_dose = _recorder(("InstanceNumber", "DoseSummationType"), doc="RT DOSE")
_define_rt_structure_set = _recorder(
    ("InstanceNumber", "StructureSetLabel"),
    ("StructureSetDate", "StructureSetTime"),
    doc="RT STRUCTURE SET",
)
_define_rt_plan = _recorder(
    ("InstanceNumber", "RTPlanLabel"), ("RTPlanDate", "RTPlanTime"), doc="RT PLAN"
)
_define_rt_treatment_record = _recorder(
    ("InstanceNumber",), ("TreatmentDate", "TreatmentTime"), doc="RT TREAT RECORD"
)
_define_presentation = _recorder(
    ("PresentationCreationDate", "PresentationCreationTime", "InstanceNumber", "ContentLabel"),
    ("ContentDescription", "ContentCreatorName"),
    ("ReferencedSeriesSequence", "BlendingSequence"),
    doc="PRESENTATION",
)
_define_sr_document = _recorder(
    (
        "InstanceNumber", "CompletionFlag", "VerificationFlag", "ContentDate", "ContentTime",
        "ConceptNameCodeSequence",
    ),
    conditional=("VerificationDateTime", "ContentSequence"),
    doc="SR DOCUMENT",
)  # fmt: skip
_define_key_object_doc = _recorder(
    ("InstanceNumber", "ContentDate", "ContentTime", "ConceptNameCodeSequence"),
    conditional=("ContentSequence",),
    doc="KEY OBJECT DOC",
)
_define_spectroscopy = _recorder(
    (
        "ImageType", "ContentDate", "ContentTime", "InstanceNumber", "NumberOfFrames", "Rows",
        "Columns", "DataPointRows", "DataPointColumns",
    ),
    conditional=("ReferencedImageEvidenceSequence",),
    doc="SPECTROSCOPY",
)  # fmt: skip
_define_hanging_protocol = _recorder(
    (
        "HangingProtocolCreator", "HangingProtocolCreationDateTime",
        "HangingProtocolDefinitionSequence", "NumberOfPriorsReferenced",
    ),
    ("HangingProtocolUserIdentificationCodeSequence",),
    doc="HANGING PROTOCOL",
)  # fmt: skip
_define_encap_doc = _recorder(
    ("InstanceNumber", "MIMETypeOfEncapsulatedDocument"),
    ("ContentDate", "ContentTime", "DocumentTitle", "ConceptNameCodeSequence"),
    ("HL7InstanceIdentifier",),
    doc="ENCAP DOC",
)
_define_palette = _recorder(("ContentLabel",), ("ContentDescription",), doc="PALETTE")
_define_implant = _recorder(
    ("Manufacturer", "ImplantName", "ImplantPartNumber"),
    conditional=("ImplantSize",),
    doc="IMPLANT",
)
_define_implant_assy = _recorder(
    ("ImplantAssemblyTemplateName", "Manufacturer", "ProcedureTypeCodeSequence"),
    doc="IMPLANT ASSY",
)
_define_implant_group = _recorder(
    ("ImplantTemplateGroupName", "ImplantTemplateGroupIssuer"), doc="IMPLANT GROUP"
)
_define_surface_scan = _recorder(("ContentDate", "ContentTime"), doc="SURFACE SCAN")
_define_assessment = _recorder(
    ("InstanceNumber", "InstanceCreationDate"), ("InstanceCreationTime",), doc="ASSESSMENT"
)
_define_radiotherapy = _recorder(
    ("InstanceNumber",),
    ("ContentDescription", "ContentCreatorName"),
    ("UserContentLabel", "UserContentLongLabel"),
    doc="RADIOTHERAPY",
)
_define_generic_content = _recorder(
    ("InstanceNumber", "ContentDate", "ContentTime"), doc="WAVEFORM or RAW DATA"
)
_define_generic_content_id = _recorder(
    _CONTENT_ID, ("ContentDescription", "ContentCreatorName"), doc="content identification"
)
_define_empty = _recorder(doc="empty")

DIRECTORY_RECORDERS: dict[str, Callable[[Dataset], Dataset]] = {
    "PATIENT": _define_patient,
    "STUDY": _define_study,
    "SERIES": _define_series,
    "IMAGE": _define_image,
    "RT DOSE": _define_rt_dose,
    "RT STRUCTURE SET": _define_rt_structure_set,
    "RT PLAN": _define_rt_plan,
    "RT TREAT RECORD": _define_rt_treatment_record,
    "PRESENTATION": _define_presentation,
    "WAVEFORM": _define_generic_content,
    "SR DOCUMENT": _define_sr_document,
    "KEY OBJECT DOC": _define_key_object_doc,
    "SPECTROSCOPY": _define_spectroscopy,
    "RAW DATA": _define_generic_content,
    "REGISTRATION": _define_generic_content_id,
    "FIDUCIAL": _define_generic_content_id,
    "HANGING PROTOCOL": _define_hanging_protocol,
    "ENCAP DOC": _define_encap_doc,
    "VALUE MAP": _define_generic_content_id,
    "STEREOMETRIC": _define_empty,
    "PALETTE": _define_palette,
    "IMPLANT": _define_implant,
    "IMPLANT ASSY": _define_implant_assy,
    "IMPLANT GROUP": _define_implant_group,
    "PLAN": _define_empty,
    "MEASUREMENT": _define_generic_content_id,
    "SURFACE": _define_generic_content_id,
    "SURFACE SCAN": _define_surface_scan,
    "TRACT": _define_generic_content_id,
    "ASSESSMENT": _define_assessment,
    "RADIOTHERAPY": _define_radiotherapy,
}
"""The function making the directory record of each (non-PRIVATE) record type from an
instance: replace one to customise the records ``FileSet.add`` makes."""

_FOUR_LEVELS = ["PATIENT", "STUDY", "SERIES"]


def _sop_classes(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """{SOP Class UID: record type} from {record type: SOP Class keywords}."""
    return {getattr(_uid, kw): rtype for rtype, keywords in table.items() for kw in keywords}


_SINGLE_LEVEL_SOP_CLASSES = _sop_classes(
    {
        "HANGING PROTOCOL": ("HangingProtocolStorage",),
        "PALETTE": ("ColorPaletteStorage",),
        "IMPLANT": ("GenericImplantTemplateStorage",),
        "IMPLANT ASSY": ("ImplantAssemblyTemplateStorage",),
        "IMPLANT GROUP": ("ImplantTemplateGroupStorage",),
    }
)
_FOUR_LEVEL_SOP_CLASSES = _sop_classes(
    {
        "RT DOSE": ("RTDoseStorage",),
        "RT STRUCTURE SET": ("RTStructureSetStorage",),
        "RT TREAT RECORD": (
            "RTBeamsTreatmentRecordStorage", "RTBrachyTreatmentRecordStorage",
            "RTTreatmentSummaryRecordStorage", "RTIonBeamsTreatmentRecordStorage",
        ),
        "PRESENTATION": (
            "GrayscaleSoftcopyPresentationStateStorage", "ColorSoftcopyPresentationStateStorage",
            "PseudoColorSoftcopyPresentationStateStorage",
            "BlendingSoftcopyPresentationStateStorage",
            "XAXRFGrayscaleSoftcopyPresentationStateStorage", "BasicStructuredDisplayStorage",
        ),
        "WAVEFORM": (
            "BasicVoiceAudioWaveformStorage", "TwelveLeadECGWaveformStorage",
            "GeneralECGWaveformStorage", "AmbulatoryECGWaveformStorage",
            "HemodynamicWaveformStorage", "CardiacElectrophysiologyWaveformStorage",
            "ArterialPulseWaveformStorage", "RespiratoryWaveformStorage",
            "GeneralAudioWaveformStorage", "RoutineScalpElectroencephalogramWaveformStorage",
            "ElectromyogramWaveformStorage", "ElectrooculogramWaveformStorage",
            "SleepElectroencephalogramWaveformStorage",
            "MultichannelRespiratoryWaveformStorage", "BodyPositionWaveformStorage",
        ),
        "SR DOCUMENT": (
            "BasicTextSRStorage", "EnhancedSRStorage", "ComprehensiveSRStorage",
            "MammographyCADSRStorage", "ChestCADSRStorage", "ProcedureLogStorage",
            "XRayRadiationDoseSRStorage", "SpectaclePrescriptionReportStorage",
            "ColonCADSRStorage", "MacularGridThicknessAndVolumeReportStorage",
            "ImplantationPlanSRStorage", "Comprehensive3DSRStorage",
            "RadiopharmaceuticalRadiationDoseSRStorage", "ExtensibleSRStorage",
            "AcquisitionContextSRStorage", "SimplifiedAdultEchoSRStorage",
            "PatientRadiationDoseSRStorage", "PlannedImagingAgentAdministrationSRStorage",
            "PerformedImagingAgentAdministrationSRStorage",
        ),
        "KEY OBJECT DOC": ("KeyObjectSelectionDocumentStorage",),
        "SPECTROSCOPY": ("MRSpectroscopyStorage",),
        "RAW DATA": ("RawDataStorage",),
        "REGISTRATION": (
            "SpatialRegistrationStorage", "DeformableSpatialRegistrationStorage",
        ),
        "FIDUCIAL": ("SpatialFiducialsStorage",),
        "VALUE MAP": ("RealWorldValueMappingStorage",),
        "STEREOMETRIC": ("StereometricRelationshipStorage",),
        "MEASUREMENT": (
            "LensometryMeasurementsStorage", "AutorefractionMeasurementsStorage",
            "KeratometryMeasurementsStorage", "SubjectiveRefractionMeasurementsStorage",
            "VisualAcuityMeasurementsStorage", "OphthalmicAxialMeasurementsStorage",
            "OphthalmicVisualFieldStaticPerimetryMeasurementsStorage",
        ),
        "SURFACE": ("SurfaceSegmentationStorage",),
        "SURFACE SCAN": ("SurfaceScanMeshStorage", "SurfaceScanPointCloudStorage"),
        "TRACT": ("TractographyResultsStorage",),
        "ASSESSMENT": ("ContentAssessmentResultsStorage",),
    }
)  # fmt: skip


def _single_level_record_type(ds: Dataset) -> str:
    """The record type of a single-level instance, else "PATIENT" (four levels)."""
    return _SINGLE_LEVEL_SOP_CLASSES.get(str(ds.get("SOPClassUID", "")), "PATIENT")


def _four_level_record_type(ds: Dataset) -> str:
    """The instance record type below PATIENT/STUDY/SERIES (PS3.3 F.4, Table F.4-1)."""
    modality = getattr(ds, "Modality", None)
    if modality in ("RTINTENT", "RTSEGANN", "RTRAD"):
        return "RADIOTHERAPY"
    if modality == "PLAN":
        return "PLAN"
    if "EncapsulatedDocument" in ds:
        return "ENCAP DOC"
    if "RTPlanLabel" in ds:
        return "RT PLAN"
    return _FOUR_LEVEL_SOP_CLASSES.get(str(ds.get("SOPClassUID", "")), "IMAGE")
