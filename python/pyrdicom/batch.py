"""Many files at once: ``read_many`` (data sets, parsed in parallel) and ``index`` (a table).

Both walk their source in Rust (directories recursively, in sorted order; symbolic-link loops
and unreadable directories reported, never walked forever) and parse on a thread pool with the
GIL released.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Literal

from . import _core
from .datadict import keyword_for_tag
from .dataset import FileDataset
from .tag import Tag

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["DEFAULT_TAGS", "index", "read_many"]

Source = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]

# What a catalogue of a PACS export needs: who, which study/series/instance, when, what kind of
# image, its size and geometry, and the device.
DEFAULT_TAGS: tuple[str, ...] = (
    "PatientID",
    "PatientName",
    "PatientBirthDate",
    "PatientSex",
    "StudyInstanceUID",
    "StudyDate",
    "StudyTime",
    "StudyDescription",
    "AccessionNumber",
    "SeriesInstanceUID",
    "SeriesNumber",
    "SeriesDescription",
    "SeriesDate",
    "Modality",
    "BodyPartExamined",
    "SOPClassUID",
    "SOPInstanceUID",
    "InstanceNumber",
    "AcquisitionDate",
    "AcquisitionTime",
    "ContentDate",
    "FrameOfReferenceUID",
    "Rows",
    "Columns",
    "NumberOfFrames",
    "SamplesPerPixel",
    "BitsAllocated",
    "PhotometricInterpretation",
    "PixelSpacing",
    "SliceThickness",
    "ImagePositionPatient",
    "ImageOrientationPatient",
    "Manufacturer",
    "ManufacturerModelName",
)

# Files parsed per call into the core: a progress step, a Parquet row group, a record batch.
CHUNK_FILES = 8192


def _walk(source: Source, threads: int | None = None) -> _core.FileList:
    """The files of `source` and the paths that could not be walked (with why), in Rust."""
    if isinstance(source, str | os.PathLike):
        path = os.fspath(source)
        roots = sorted(glob.glob(path, recursive=True)) if glob.has_magic(path) else [path]
    elif isinstance(source, bytes):
        raise TypeError("a source is a path, a glob pattern or a list of paths, not bytes")
    else:
        roots = [os.fspath(p) for p in source]
    return _core.walk(roots, threads=threads)


def _files(source: Source) -> tuple[list[str], list[tuple[str, str]]]:
    """The files of `source` and the paths that could not be walked (with why)."""
    walked = _walk(source)
    return walked.paths(), walked.problems


def read_many(
    paths: Source,
    *,
    stop_before_pixels: bool = True,
    specific_tags: Sequence[Any] | None = None,
    force: bool = False,
    threads: int | None = None,
    on_error: Literal["raise", "skip", "collect"] = "raise",
) -> list[Any]:
    """Read many files in parallel; the data sets come back in input order.

    Parameters
    ----------
    paths : path, glob pattern, or iterable of paths
        A directory is read recursively (sorted); a pattern is expanded with ``glob``
        (``**`` included); a list may mix files and directories.
    stop_before_pixels, specific_tags, force
        As for :func:`~pyrdicom.dcmread`.
    threads : int, optional
        Threads parsing files (default: the number of CPUs).
    on_error : {"raise", "skip", "collect"}
        What an unreadable file does: raise its exception (after all files were tried), be
        left out, or stand in the list as its exception object. Directories that could not be
        walked are reported the same way (as ``OSError`` after the files).

    Returns
    -------
    list of FileDataset (and exceptions, with ``on_error="collect"``)

    Raises
    ------
    InvalidDicomError, OSError, ...
        With ``on_error="raise"``: the first file's error, in input order.

    Examples
    --------
    >>> datasets = read_many("exports/", threads=4)  # doctest: +SKIP
    >>> sorted({ds.Modality for ds in datasets})  # doctest: +SKIP
    ['CT', 'MR']
    """
    if on_error not in ("raise", "skip", "collect"):
        raise ValueError(f"on_error must be 'raise', 'skip' or 'collect', not {on_error!r}")
    files, problems = _files(paths)
    tags = None if specific_tags is None else [int(Tag(t)) for t in specific_tags]
    results = _core.read_many(
        files,
        force=force,
        stop_before_pixels=stop_before_pixels,
        specific_tags=tags,
        threads=threads,
    )
    out: list[Any] = []
    for path, result in zip(files, results, strict=True):
        if isinstance(result, BaseException):
            if on_error == "raise":
                raise result
            if on_error == "collect":
                out.append(result)
            continue
        out.append(FileDataset._from_file(result, path))
    walk_errors = [OSError(f"{path}: {why}") for path, why in problems]
    if walk_errors and on_error == "raise":
        raise walk_errors[0]
    if on_error == "collect":
        out.extend(walk_errors)
    return out


def _tag(t: Any) -> int:
    return int(Tag(t))


def _column_name(tag: int) -> str:
    return keyword_for_tag(tag) or f"{tag:08X}"


def _arrow_type(kind: str) -> pa.DataType:
    import pyarrow as pa

    return {
        "int": pa.int64(),
        "float": pa.float64(),
        "date": pa.date32(),
        "time": pa.time64("us"),
        "datetime": pa.timestamp("us"),
        "str": pa.string(),
        "json": pa.string(),
        "binary": pa.binary(),
    }[kind]


def _bitmap(valid: Any) -> Any:
    import numpy as np
    import pyarrow as pa

    if valid.all():
        return None
    return pa.py_buffer(np.packbits(valid, bitorder="little"))


def _to_arrow(kind: str, multi: bool, buffers: tuple[Any, ...]) -> pa.Array:
    """One column's buffers from the core as an Arrow array (no copy of the values)."""
    import pyarrow as pa

    valid, list_offsets, item_valid, values, offsets, data = buffers
    typ = _arrow_type(kind)
    n_items = len(item_valid)
    if offsets is not None:  # variable-size values: 64-bit offsets, then the 32-bit type
        large = pa.large_binary() if kind == "binary" else pa.large_string()
        buffers_ = [_bitmap(item_valid), pa.py_buffer(offsets), pa.py_buffer(data)]
        items = pa.Array.from_buffers(large, n_items, buffers_)
        items = items.cast(typ) if len(data) < 2**31 else items
        typ = items.type
    else:
        items = pa.Array.from_buffers(typ, n_items, [_bitmap(item_valid), pa.py_buffer(values)])
    if not multi:
        return items
    return pa.Array.from_buffers(
        pa.list_(typ),
        len(valid),
        [_bitmap(valid), pa.py_buffer(list_offsets)],
        children=[items],
    )


_FIXED = (("path", "str"), ("size", "int"), ("transfer_syntax", "str"), ("error", "str"))


Columns = list[tuple[Any, ...]]


def _columns(
    files: list[str] | _core.FileList,
    tags: list[int],
    threads: int | None,
    rows: range | None = None,
) -> Columns:
    """The index of `files` (those of `rows` only, when given) as the core's column buffers."""
    start, stop = (0, None) if rows is None else (rows.start, rows.stop)
    return _core.index_columns(files, tags, start=start, stop=stop, threads=threads)


def _batch(files: list[str], tags: list[int], threads: int | None) -> pa.RecordBatch:
    return _record_batch(_columns(files, tags, threads), tags)


def _record_batch(columns: Columns, tags: list[int]) -> pa.RecordBatch:
    import pyarrow as pa

    kinds = [(kind, False) for _, kind in _FIXED] + [_core.index_column_type(t) for t in tags]
    names = [name for name, _ in _FIXED] + [_column_name(t) for t in tags]
    arrays = [_to_arrow(k, m, b) for (k, m), b in zip(kinds, columns, strict=True)]
    return pa.RecordBatch.from_arrays(arrays, names=names)


def _walk_error_batch(problems: list[tuple[str, str]], schema: pa.Schema) -> pa.RecordBatch:
    import pyarrow as pa

    n = len(problems)
    arrays = [
        pa.array([p for p, _ in problems], pa.string()),
        *(pa.nulls(n, schema.field(i).type) for i in (1, 2)),
        pa.array([why for _, why in problems], pa.string()),
        *(pa.nulls(n, f.type) for f in list(schema)[4:]),
    ]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _indexed(
    files: _core.FileList, tags: list[int], threads: int | None
) -> Iterator[tuple[range, Columns]]:
    """Each chunk of files with its column buffers. The core indexes the next chunk (GIL
    released) while the caller makes Arrow arrays of the last one, so no core waits on it."""
    count = len(files)
    with ThreadPoolExecutor(1) as ahead:
        pending = None
        for start in range(0, count, CHUNK_FILES):
            chunk = range(start, min(start + CHUNK_FILES, count))
            submitted = (chunk, ahead.submit(_columns, files, tags, threads, chunk))
            if pending is not None:
                yield pending[0], pending[1].result()
            pending = submitted
        if pending is not None:
            yield pending[0], pending[1].result()


def _progress(total: int, progress: bool | None) -> Any:
    show = progress if progress is not None else (total > 1000 and sys.stderr.isatty())
    if not show:
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        if progress:
            raise ImportError(
                "a progress bar needs tqdm: install it with `pip install pyrdicom[index]`"
            ) from None
        return None
    return tqdm(total=total, unit="file", desc="indexing", file=sys.stderr)


def _require_pyarrow() -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise ImportError(
            "the index needs pyarrow: install it with `pip install pyrdicom[index]`"
        ) from None


def index(
    source: Source,
    *,
    tags: Sequence[Any] = DEFAULT_TAGS,
    out: str | os.PathLike[str] | None = None,
    threads: int | None = None,
    progress: bool | None = None,
) -> pa.Table:
    """A table of the files under `source`: one row per file, one column per tag.

    Parameters
    ----------
    source : path, glob pattern, or iterable of paths
        As for :func:`read_many`.
    tags : sequence of keywords or tags
        The columns after the fixed ones (``path``, ``size``, ``transfer_syntax``, ``error``),
        named by keyword (``"GGGGEEEE"`` for tags the dictionary does not know). Types follow
        the VR: US/SS/UL/SL/IS → int64, FL/FD/DS → float64, DA → date32, TM → time64[us],
        DT → timestamp[us] (UTC when the value has an offset), text, PN and UI → string,
        AT → string ("GGGGEEEE"), byte VRs → binary, SQ → the items as DICOM JSON (string);
        a tag whose VM allows several values is a list column. A value that is absent, empty
        or not valid for its VR is null.
    out : path, optional
        Also write the table to this Parquet file (streamed chunk by chunk).
    threads : int, optional
        Threads parsing files (default: the number of CPUs).
    progress : bool, optional
        Show a tqdm progress bar; by default when stderr is a terminal and there are more than
        1000 files.

    Returns
    -------
    pyarrow.Table
        Unreadable files have a row whose ``error`` says why (and nulls elsewhere); directories
        that could not be walked have one too.

    Raises
    ------
    ImportError
        Without pyarrow (``pip install pyrdicom[index]``).

    Examples
    --------
    >>> table = index("exports/", out="exports.parquet")  # doctest: +SKIP
    >>> table.group_by("Modality").aggregate([("path", "count")])  # doctest: +SKIP
    """
    _require_pyarrow()
    import pyarrow as pa

    if out is not None and not os.fspath(out).endswith(".parquet"):
        raise ValueError(f"'{os.fspath(out)}': the index is written to a .parquet file")
    tag_ints = [_tag(t) for t in tags]
    files = _walk(source, threads)
    problems = files.problems
    batches: list[pa.RecordBatch] = []
    writer = None
    # Written beside the target and renamed when complete: a failed run leaves no partial file.
    partial = None if out is None else f"{os.fspath(out)}.partial-{os.getpid()}"
    bar = _progress(len(files), progress)
    try:
        for chunk, columns in _indexed(files, tag_ints, threads):
            batch = _record_batch(columns, tag_ints)
            batches.append(batch)
            if partial is not None:
                writer = writer or _parquet_writer(partial, batch.schema)
                writer.write_batch(batch)
            if bar is not None:
                bar.update(len(chunk))
        schema = batches[0].schema if batches else _batch([], tag_ints, threads).schema
        if problems:
            batches.append(_walk_error_batch(problems, schema))
            if partial is not None:
                writer = writer or _parquet_writer(partial, schema)
                writer.write_batch(batches[-1])
        if partial is not None:
            writer = writer or _parquet_writer(partial, schema)
            writer.close()
            writer = None
            os.replace(partial, os.fspath(out))  # type: ignore[arg-type]
            partial = None
    finally:
        if bar is not None:
            bar.close()
        if writer is not None:
            writer.close()
        if partial is not None and os.path.exists(partial):
            os.unlink(partial)
    return pa.Table.from_batches(batches, schema=schema)


def _parquet_writer(path: str, schema: pa.Schema) -> Any:
    import pyarrow.parquet as pq

    return pq.ParquetWriter(path, schema)


def summary(table: pa.Table, seconds: float) -> str:
    """One line about an index run: files, errors, files per second."""
    errors = table.num_rows - table.column("error").null_count
    rate = table.num_rows / seconds if seconds > 0 else float("inf")
    return f"{table.num_rows} files, {errors} errors, {rate:,.0f} files/s"
