"""pyrdicom.dask on a real distributed.LocalCluster with worker processes."""

from __future__ import annotations

import os
import shutil
import sys

import numpy as np
import pydicom
import pytest

from corpus import corpus_file, corpus_files
from pyrdicom.batch import index
from pyrdicom.errors import PixelDataError

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

from pyrdicom.dask import read_index, read_pixels  # noqa: E402


@pytest.fixture(scope="module")
def client():
    # Worker processes, not threads: partitions cross process boundaries as Arrow buffers.
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("dask-tree")
    for n, path in enumerate(corpus_files()):
        dst = root / f"d{n % 3}" / f"{n:04d}_{os.path.basename(path)}"
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, dst)
    (root / "d0" / "zz_not_dicom.txt").write_text("hello")
    (root / "loop").symlink_to(root)
    return root


def test_read_index_equals_index(client, tree):
    ddf = read_index(tree, files_per_partition=50)
    assert ddf.npartitions > 3
    got = ddf.compute().reset_index(drop=True)
    expected = index(tree).to_pandas(types_mapper=pd.ArrowDtype)
    pd.testing.assert_frame_equal(got, expected)
    assert got["error"].notna().sum() >= 2  # the text file and the loop


def test_read_pixels(client):
    paths = [corpus_file("CT_small.dcm")] * 3
    arr = read_pixels(paths)
    assert arr.shape == (3, 128, 128) and arr.dtype == np.int16
    expected = pydicom.dcmread(paths[0]).pixel_array
    np.testing.assert_array_equal(arr.compute()[2], expected)
    mixed = read_pixels([corpus_file("CT_small.dcm"), corpus_file("MR_small.dcm")])
    with pytest.raises(PixelDataError, match="MR_small"):
        mixed.compute()


def test_missing_extra_is_named(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.dataframe", None)
    with pytest.raises(ImportError, match=r"pip install pyrdicom\[dask\]"):
        read_index([corpus_file("CT_small.dcm")])
