"""
A Parquet index queried with DuckDB and polars
==============================================

``pyrdicom.index`` reads the headers of every file under some folders in parallel (in Rust,
with the GIL released) into one typed table, one row per file, streamed to a Parquet file.
Here the folders are pydicom's test files and pydicom-data: a few hundred files, a few of them
deliberately broken. The Parquet file is then queried with SQL (DuckDB) and with polars.
"""

import importlib.util
import os
import tempfile
import time

import matplotlib.pyplot as plt
from pydicom.data import get_testdata_file

import pyrdicom
from pyrdicom.uid import UID

# `pyrdicom.index` arrives with the batch module; a build of the site from a tree without it
# says so rather than showing anything made up.
HAVE_INDEX = importlib.util.find_spec("pyrdicom.batch") is not None
if not HAVE_INDEX:
    print("This build of pyrdicom has no pyrdicom.batch: the example is skipped.")

# %%
# Index the two folders (the test files' folder, and pydicom-data's cache of larger files).

if HAVE_INDEX:
    folders = sorted(
        {
            os.path.dirname(get_testdata_file(n))
            for n in ("CT_small.dcm", "color3d_jpeg_baseline.dcm")
        }
    )
    out = os.path.join(tempfile.mkdtemp(), "testfiles.parquet")
    start = time.perf_counter()
    table = pyrdicom.index(
        folders,
        tags=[
            "Modality",
            "SOPClassUID",
            "Rows",
            "Columns",
            "NumberOfFrames",
            "BitsAllocated",
            "PhotometricInterpretation",
            "StudyDate",
        ],
        out=out,
    )
    seconds = time.perf_counter() - start
    print(f"{table.num_rows} files in {seconds:.2f} s -> {out}")
    print(table.schema)

# %%
# SQL over the Parquet file with DuckDB: files per modality and transfer syntax, and the files
# that could not be read (their ``error`` column says why).

if HAVE_INDEX:
    import duckdb

    per_modality = duckdb.sql(f"""
        SELECT coalesce(Modality, '(none)') AS modality, count(*) AS files,
               sum(size) / 1e6 AS megabytes
        FROM '{out}' WHERE error IS NULL
        GROUP BY modality ORDER BY files DESC
    """).fetchall()
    for row in per_modality:
        print(f"{row[0]:8} {row[1]:4d} files {row[2]:8.1f} MB")
    errors = duckdb.sql(f"SELECT count(*) FROM '{out}' WHERE error IS NOT NULL").fetchall()[0][0]
    print(f"{errors} files with an error, e.g.:")
    for path, error in duckdb.sql(
        f"SELECT path, error FROM '{out}' WHERE error IS NOT NULL ORDER BY path LIMIT 3"
    ).fetchall():
        print(f"  {os.path.basename(path)}: {error[:90]}")

# %%
# The same file in polars: image sizes of the readable images, by transfer syntax.

if HAVE_INDEX:
    import polars as pl

    images = (
        pl.read_parquet(out)
        .filter(pl.col("error").is_null() & pl.col("Rows").is_not_null())
        .with_columns(pl.col("NumberOfFrames").fill_null(1).alias("frames"))
    )
    by_syntax = (
        images.group_by("transfer_syntax")
        .agg(pl.len().alias("files"))
        .sort("files", descending=True)
        .head(10)
        .with_columns(
            pl.col("transfer_syntax").map_elements(
                lambda uid: UID(uid).name, return_dtype=pl.String
            )
        )
    )
    pl.Config.set_fmt_str_lengths(60)
    print(by_syntax)

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.5), layout="constrained")
    ax1.barh([m for m, _, _ in per_modality][::-1], [n for _, n, _ in per_modality][::-1])
    ax1.set_xlabel("files")
    ax1.set_title("readable files per modality (DuckDB)")
    ax2.scatter(
        images["Columns"],
        images["Rows"],
        s=8 + 4 * images["frames"].clip(upper_bound=30),
        alpha=0.5,
    )
    ax2.set_xscale("log")
    ax2.set_yscale("log")
    ax2.set_xlabel("Columns")
    ax2.set_ylabel("Rows")
    ax2.set_title("image sizes (polars; marker size: frames)")
    plt.show()
