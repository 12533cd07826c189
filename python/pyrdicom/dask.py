"""Dask collections over many DICOM files, for work that outgrows one machine.

``read_index`` is :func:`pyrdicom.batch.index` split into partitions of files: each task indexes
its files with the same Rust path and hands back an Arrow-backed pandas frame, so what crosses
process boundaries is columnar buffers, not pickled data sets. ``read_pixels`` stacks the frames
of many files into one lazy array. Needs the ``dask`` extra (``pip install pyrdicom[dask]``).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from . import batch
from .errors import PixelDataError
from .filereader import dcmread

if TYPE_CHECKING:
    import dask.array
    import dask.dataframe

__all__ = ["read_index", "read_pixels"]


def _need(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError(
            f"{module} is needed for this: install it with `pip install pyrdicom[dask]`"
        ) from None


def _partition(part: tuple[str, list[Any]], tags: list[int], threads: int | None) -> Any:
    """One partition: the index of a chunk of files, or the rows of walk problems."""
    import pandas as pd
    import pyarrow as pa

    kind, items = part
    schema = batch._batch([], tags, 1).schema
    if kind == "files":
        record_batch = batch._batch(items, tags, threads)
    else:
        record_batch = batch._walk_error_batch(items, schema)
    return pa.Table.from_batches([record_batch]).to_pandas(types_mapper=pd.ArrowDtype)


def read_index(
    source: batch.Source,
    *,
    tags: Sequence[Any] = batch.DEFAULT_TAGS,
    files_per_partition: int = 10_000,
    threads: int | None = None,
) -> dask.dataframe.DataFrame:
    """The index of :func:`pyrdicom.batch.index` as a Dask DataFrame, one partition per chunk.

    Parameters
    ----------
    source : path, glob pattern, or iterable of paths
        Walked here (the client); the workers must see the same paths.
    tags : sequence of keywords or tags
        The columns, as for :func:`~pyrdicom.batch.index`.
    files_per_partition : int
        Files each task indexes.
    threads : int, optional
        Threads each task uses (default: the worker's CPU count).

    Returns
    -------
    dask.dataframe.DataFrame
        With pyarrow-backed dtypes; ``.compute()`` equals ``index(source).to_pandas(...)``.

    Raises
    ------
    ValueError
        `files_per_partition` is below 1.
    ImportError
        Dask or pyarrow is not installed.

    Examples
    --------
    >>> from distributed import Client  # doctest: +SKIP
    >>> ddf = read_index("/archive/", files_per_partition=50_000)  # doctest: +SKIP
    >>> ddf.groupby("Modality").size().compute()  # doctest: +SKIP
    """
    dd = _need("dask.dataframe")
    _need("pyarrow")
    if files_per_partition < 1:
        raise ValueError("files_per_partition must be at least 1")
    tag_ints = [batch._tag(t) for t in tags]
    files, problems = batch._files(source)
    parts: list[tuple[str, list[Any]]] = [
        ("files", files[i : i + files_per_partition])
        for i in range(0, len(files), files_per_partition)
    ]
    if problems or not parts:
        parts.append(("problems", problems))
    meta = _partition(("files", []), tag_ints, 1)
    return dd.from_map(
        _partition, parts, tags=tag_ints, threads=threads, meta=meta, enforce_metadata=False
    )


def _frames(path: str, shape: tuple[int, ...], dtype: np.dtype) -> np.ndarray:
    arr = dcmread(path).pixel_array
    if arr.shape != shape or arr.dtype != dtype:
        raise PixelDataError(
            f"{path}: pixel data of shape {arr.shape} and type {arr.dtype}, not {shape} "
            f"{dtype} as the first file's"
        )
    return arr


def read_pixels(paths: batch.Source) -> dask.array.Array:
    """The pixel arrays of many files stacked lazily: shape ``(files, *first_file_shape)``.

    The first file is decoded here for its shape and type; every other file is checked
    against them when its task runs (a ``PixelDataError`` names the file that differs).

    Parameters
    ----------
    paths : path, glob pattern, or iterable of paths
        The files (a directory is walked).

    Returns
    -------
    dask.array.Array

    Raises
    ------
    OSError
        A path that cannot be walked.
    ValueError
        No files.
    ImportError
        Dask is not installed.

    Examples
    --------
    >>> from pydicom.data import get_testdata_file
    >>> from pyrdicom.dask import read_pixels
    >>> frames = read_pixels([get_testdata_file("CT_small.dcm")] * 3)
    >>> frames.shape, frames.dtype
    ((3, 128, 128), dtype('int16'))
    >>> frames.mean(axis=(1, 2)).compute().shape
    (3,)
    """
    da = _need("dask.array")
    delayed = _need("dask").delayed
    files, problems = batch._files(paths)
    if problems:
        raise OSError(f"{problems[0][0]}: {problems[0][1]}")
    if not files:
        raise ValueError(f"no files in {paths!r}")
    first = dcmread(files[0]).pixel_array
    shape, dtype = first.shape, first.dtype
    arrays = [
        da.from_delayed(delayed(_frames)(path, shape, dtype), shape=shape, dtype=dtype)
        for path in files
    ]
    return da.stack(arrays)
