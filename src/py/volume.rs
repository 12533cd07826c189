//! Series to volume for Python: the slices of `pyrdicom.volume.read_series` read, decoded and
//! rescaled straight into the output array on a thread pool, with the GIL released.

use std::path::PathBuf;

use numpy::ndarray::Array2;
use numpy::{IntoPyArray, PyArray1, PyArray2, PyReadwriteArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rayon::prelude::*;

use super::batch::on_pool;
use super::RawFile;
use crate::parse::Options;
use crate::volume::{self, Loaded, OutType, Rescale, SliceTarget};

const SERIES_INSTANCE_UID: u32 = 0x0020_000E;
const FRAME_OF_REFERENCE_UID: u32 = 0x0020_0052;

/// (floats, ints, found, photometric, series UID, frame of reference UID) of `volume_headers`.
type Headers<'py> = (
    Bound<'py, PyArray2<f64>>,
    Bound<'py, PyArray2<i64>>,
    Bound<'py, PyArray1<bool>>,
    Vec<Option<String>>,
    Vec<Option<String>>,
    Vec<Option<String>>,
);

/// What `pyrdicom.volume` reads from each header (None: not a file's header), in one pass
/// without the GIL: `floats[k]` (position, orientation, pixel spacing, slope, intercept),
/// `ints[k]` (rows, columns, samples per pixel) and `photometric[k]` where `found[k]`, and the
/// Series Instance and Frame of Reference UIDs (as `str(ds.get(keyword, ""))`); None where the
/// Python reading must decide (see `crate::volume::geometry`).
#[pyfunction]
fn volume_headers<'py>(py: Python<'py>, headers: Vec<Option<PyRef<'py, RawFile>>>) -> Headers<'py> {
    let parsed: Vec<_> = headers
        .iter()
        .map(|h| h.as_ref().map(|r| r.inner.clone()))
        .collect();
    let n = parsed.len();
    type Row = (Option<volume::Geometry>, Option<String>, Option<String>);
    let rows: Vec<Row> = py.detach(|| {
        parsed
            .iter()
            .map(|p| match p {
                None => (None, None, None),
                Some(p) => (
                    volume::geometry(p),
                    volume::text(p, SERIES_INSTANCE_UID),
                    volume::text(p, FRAME_OF_REFERENCE_UID),
                ),
            })
            .collect()
    });
    let mut floats = Array2::<f64>::from_elem((n, 13), f64::NAN);
    let mut ints = Array2::<i64>::zeros((n, 3));
    let mut found = vec![false; n];
    let mut photometric = Vec::with_capacity(n);
    let (mut series, mut frames) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for (k, (geometry, s, f)) in rows.into_iter().enumerate() {
        if let Some(g) = &geometry {
            floats
                .row_mut(k)
                .iter_mut()
                .zip(g.floats)
                .for_each(|(o, v)| *o = v);
            ints.row_mut(k)
                .iter_mut()
                .zip(g.ints)
                .for_each(|(o, v)| *o = v);
            found[k] = true;
        }
        photometric.push(geometry.map(|g| g.photometric));
        series.push(s);
        frames.push(f);
    }
    (
        floats.into_pyarray(py),
        ints.into_pyarray(py),
        found.into_pyarray(py),
        photometric,
        series,
        frames,
    )
}

/// Writes slice k (the file `paths[k]`, rescaled by `slopes[k]`/`intercepts[k]`) into slot
/// `slots[k]` of `out` (the output array's bytes: slots of `rows × columns` samples of type
/// `out_type`, NumPy's kind and size such as "i4"). Returns the positions k of the slices left
/// to the Python path (see `crate::volume`).
#[pyfunction]
#[pyo3(signature = (
    out, out_type, rows, columns, paths, slots, slopes, intercepts, *,
    mask_unsigned_native, implicit_vr_switch=true, infer_sq_for_un_vr=true, threads=None
))]
#[allow(clippy::too_many_arguments)]
fn volume_fill(
    py: Python<'_>,
    mut out: PyReadwriteArray1<'_, u8>,
    out_type: &str,
    rows: u32,
    columns: u32,
    paths: Vec<PathBuf>,
    slots: Vec<usize>,
    slopes: Vec<f64>,
    intercepts: Vec<f64>,
    mask_unsigned_native: bool,
    implicit_vr_switch: bool,
    infer_sq_for_un_vr: bool,
    threads: Option<usize>,
) -> PyResult<Vec<usize>> {
    let out_type = OutType::from_code(out_type)
        .ok_or_else(|| PyValueError::new_err(format!("unsupported output type {out_type:?}")))?;
    let n = paths.len();
    if slots.len() != n || slopes.len() != n || intercepts.len() != n {
        return Err(PyValueError::new_err(
            "paths, slots, slopes and intercepts differ in length",
        ));
    }
    let slot_len = (rows as usize)
        .checked_mul(columns as usize)
        .and_then(|p| p.checked_mul(out_type.size()))
        .filter(|&len| len > 0)
        .ok_or_else(|| PyValueError::new_err("empty or oversized slices"))?;
    let out = out.as_slice_mut()?;
    if out.len() % slot_len != 0 {
        return Err(PyValueError::new_err(
            "the output is not a whole number of slices",
        ));
    }
    // Each slot handed out once: the slices write to disjoint parts of the output.
    let mut free: Vec<Option<&mut [u8]>> = out.chunks_exact_mut(slot_len).map(Some).collect();
    let mut jobs = Vec::with_capacity(n);
    for (k, &slot) in slots.iter().enumerate() {
        let chunk = free.get_mut(slot).and_then(Option::take).ok_or_else(|| {
            PyValueError::new_err(format!("slot {slot} is outside the output or taken twice"))
        })?;
        let rescale = Rescale {
            slope: slopes[k],
            intercept: intercepts[k],
        };
        jobs.push((k, &paths[k], rescale, chunk));
    }
    let target = SliceTarget {
        rows,
        columns,
        out_type,
        mask_unsigned_native,
        options: Options {
            no_implicit_vr_switch: !implicit_vr_switch,
            no_infer_sq_for_un: !infer_sq_for_un_vr,
            ..Options::default()
        },
    };
    py.detach(|| {
        on_pool(threads, || {
            jobs.into_par_iter()
                .map_init(
                    Vec::new,
                    |scratch, (k, path, rescale, chunk)| match volume::load_slice(
                        path, &target, rescale, scratch, chunk,
                    ) {
                        Loaded::Done => None,
                        Loaded::Declined => Some(k),
                    },
                )
                .flatten()
                .collect()
        })
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(volume_fill, m)?)?;
    m.add_function(wrap_pyfunction!(volume_headers, m)?)?;
    Ok(())
}
