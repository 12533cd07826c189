//! Many files at once for Python: the walk, `read_many` and the index's column buffers. The
//! GIL is released for all the Rust work; the index hands each column over as NumPy arrays
//! (moved, not copied) that Python wraps as Arrow buffers.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use numpy::IntoPyArray;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use pyo3::IntoPyObjectExt;
use rayon::{ThreadPool, ThreadPoolBuilder};

use super::{path_err, RawFile};
use crate::batch;
use crate::batch::files::{self, Files};
use crate::batch::index::{self, Column, ColumnSpec, Kind};
use crate::parse::Options;

/// Runs `work` on a pool of `threads` threads (the global pool when None).
pub(crate) fn on_pool<T: Send>(
    threads: Option<usize>,
    work: impl FnOnce() -> T + Send,
) -> PyResult<T> {
    match threads {
        None => Ok(work()),
        Some(0) => Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => Ok(pool(n)?.install(work)),
    }
}

/// The pools made so far (process id, threads, pool): an index calls the core once per chunk
/// of files, and starting threads each time costs more than a small chunk's work. Their
/// threads have descriptor tables of their own (`files::own_descriptor_table`): they only open,
/// read and close files by path.
static POOLS: Mutex<Vec<(u32, usize, Arc<ThreadPool>)>> = Mutex::new(Vec::new());
/// Pools of different sizes kept at once.
const KEPT_POOLS: usize = 4;

/// A pool of `n` threads, made once per process (a forked child makes its own: the parent's
/// threads do not exist there, so its pools are left alone, never used or dropped).
fn pool(n: usize) -> PyResult<Arc<ThreadPool>> {
    let pid = std::process::id();
    let mut pools = POOLS.lock().unwrap_or_else(|e| e.into_inner());
    if pools.first().is_some_and(|&(p, _, _)| p != pid) {
        std::mem::forget(std::mem::take(&mut *pools));
    }
    if let Some((_, _, pool)) = pools.iter().find(|&&(_, k, _)| k == n) {
        return Ok(pool.clone());
    }
    let pool = Arc::new(
        ThreadPoolBuilder::new()
            .num_threads(n)
            .start_handler(|_| files::own_descriptor_table())
            .build()
            .map_err(|e| PyValueError::new_err(e.to_string()))?,
    );
    if pools.len() == KEPT_POOLS {
        pools.remove(0);
    }
    pools.push((pid, n, pool.clone()));
    Ok(pool)
}

/// The files under `roots` (directories walked recursively, in sorted order, on a pool of
/// `threads` threads) and the paths that could not be walked, with the reason. The list stays
/// in Rust: the index reads it as is, `paths` hands it to Python.
#[pyclass(frozen, module = "pyrdicom._core")]
struct FileList {
    files: Files,
    problems: Vec<(PathBuf, String)>,
}

#[pymethods]
impl FileList {
    fn __len__(&self) -> usize {
        self.files.len()
    }

    /// The paths (as str: thousands of them go straight back into read_many or index).
    fn paths(&self) -> Vec<&OsStr> {
        self.files.paths().map(Path::as_os_str).collect()
    }

    #[getter]
    fn problems(&self) -> Vec<(&OsStr, &str)> {
        self.problems
            .iter()
            .map(|(p, why)| (p.as_os_str(), why.as_str()))
            .collect()
    }
}

#[pyfunction]
#[pyo3(signature = (roots, *, threads=None))]
fn walk(py: Python<'_>, roots: Vec<PathBuf>, threads: Option<usize>) -> PyResult<FileList> {
    let w = py.detach(|| on_pool(threads, || batch::walk::walk(&roots)))?;
    Ok(FileList {
        files: w.files,
        problems: w.problems,
    })
}

/// Parses every path on a thread pool; each result is a RawFile or the exception to raise.
/// The options are `read`'s.
#[pyfunction]
#[pyo3(signature = (
    paths, *, force=false, stop_before_pixels=true, specific_tags=None, threads=None,
    implicit_vr_switch=true, infer_sq_for_un_vr=true
))]
#[allow(clippy::too_many_arguments)]
fn read_many(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    force: bool,
    stop_before_pixels: bool,
    specific_tags: Option<Vec<u32>>,
    threads: Option<usize>,
    implicit_vr_switch: bool,
    infer_sq_for_un_vr: bool,
) -> PyResult<Vec<Py<PyAny>>> {
    let opts = Options {
        force,
        stop_before_pixels,
        specific_tags: specific_tags.map(|mut t| {
            t.sort_unstable();
            t
        }),
        no_implicit_vr_switch: !implicit_vr_switch,
        no_infer_sq_for_un: !infer_sq_for_un_vr,
        ..Options::default()
    };
    let results = py.detach(|| on_pool(threads, || batch::read_many(&paths, &opts)))?;
    results
        .into_iter()
        .zip(&paths)
        .map(|(result, path)| match result {
            Ok(parsed) => RawFile {
                inner: Arc::new(parsed),
            }
            .into_py_any(py),
            Err(e) => Ok(path_err(py, e, path).into_value(py).into_any()),
        })
        .collect()
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Int => "int",
        Kind::Float => "float",
        Kind::Date => "date",
        Kind::Time => "time",
        Kind::DateTime => "datetime",
        Kind::Str => "str",
        Kind::Json => "json",
        Kind::Binary => "binary",
    }
}

/// The column type of `tag`: (kind, whether each row is a list).
#[pyfunction]
fn index_column_type(tag: u32) -> (&'static str, bool) {
    let spec = ColumnSpec::for_tag(tag);
    (kind_name(spec.kind), spec.multi)
}

/// (valid, list offsets, item valid, values, value offsets, data): NumPy arrays or None.
fn column_arrays<'py>(py: Python<'py>, c: Column, kind: Kind) -> PyResult<Bound<'py, PyTuple>> {
    let none = || py.None().into_bound(py);
    let opt = |present: bool, arr: Bound<'py, PyAny>| if present { arr } else { none() };
    let values = match kind {
        Kind::Int | Kind::Time | Kind::DateTime => c.ints.into_pyarray(py).into_any(),
        Kind::Float => c.floats.into_pyarray(py).into_any(),
        Kind::Date => c.dates.into_pyarray(py).into_any(),
        Kind::Str | Kind::Json | Kind::Binary => none(),
    };
    let has_lists = !c.list_offsets.is_empty();
    let has_bytes = !c.offsets.is_empty();
    PyTuple::new(
        py,
        [
            c.valid.into_pyarray(py).into_any(),
            opt(has_lists, c.list_offsets.into_pyarray(py).into_any()),
            c.item_valid.into_pyarray(py).into_any(),
            values,
            opt(has_bytes, c.offsets.into_pyarray(py).into_any()),
            opt(has_bytes, c.data.into_pyarray(py).into_any()),
        ],
    )
}

/// Indexes files `start..stop` of `files` (a FileList, or a list of paths): the fixed columns
/// (path, size, transfer syntax, error) and one column per tag, each as the buffers of
/// `column_arrays`.
#[pyfunction]
#[pyo3(signature = (files, tags, *, start=0, stop=None, threads=None))]
fn index_columns<'py>(
    py: Python<'py>,
    files: &Bound<'py, PyAny>,
    tags: Vec<u32>,
    start: usize,
    stop: Option<usize>,
    threads: Option<usize>,
) -> PyResult<Vec<Bound<'py, PyTuple>>> {
    let given;
    let files = match files.cast::<FileList>() {
        Ok(list) => &list.get().files,
        Err(_) => {
            given = files.extract::<Vec<PathBuf>>()?.iter().collect::<Files>();
            &given
        }
    };
    let stop = stop.unwrap_or(files.len()).min(files.len());
    let specs: Vec<ColumnSpec> = tags.iter().map(|&t| ColumnSpec::for_tag(t)).collect();
    let rows = start.min(stop)..stop;
    let table = py.detach(|| on_pool(threads, || index::index(files, rows, &specs)))?;
    let mut out = vec![
        column_arrays(py, table.paths, Kind::Str)?,
        column_arrays(py, table.sizes, Kind::Int)?,
        column_arrays(py, table.transfer_syntaxes, Kind::Str)?,
        column_arrays(py, table.errors, Kind::Str)?,
    ];
    for (column, spec) in table.columns.into_iter().zip(&specs) {
        out.push(column_arrays(py, column, spec.kind)?);
    }
    Ok(out)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<FileList>()?;
    m.add_function(wrap_pyfunction!(walk, m)?)?;
    m.add_function(wrap_pyfunction!(read_many, m)?)?;
    m.add_function(wrap_pyfunction!(index_column_type, m)?)?;
    m.add_function(wrap_pyfunction!(index_columns, m)?)?;
    Ok(())
}
