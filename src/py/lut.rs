//! LUT and window kernels over NumPy arrays, without copying the input and with the GIL
//! released. Each returns None for arrays it doesn't handle (dtype, byte order, layout), and
//! the Python caller then takes its NumPy path.

use numpy::{Element, PyArray1, PyReadonlyArray1, PyReadonlyArrayDyn};
use pyo3::prelude::*;

use super::to_py_err;
use crate::pixel::lut::{self, Window};

type Output<'py> = PyResult<Option<Bound<'py, PyAny>>>;
type LutFn = for<'py> fn(Python<'py>, &Bound<'py, PyAny>, &[Bound<'py, PyAny>], i64) -> Output<'py>;
type WindowFn = for<'py> fn(Python<'py>, &Bound<'py, PyAny>, Window) -> Output<'py>;

fn luts_typed<'py, T, L>(
    py: Python<'py>,
    arr: &PyReadonlyArrayDyn<'py, T>,
    luts: &[Bound<'py, PyAny>],
    first_mapped: i64,
) -> Output<'py>
where
    T: Element + Copy + Sync + Into<i64>,
    L: Element + Copy + Default + Send + Sync,
{
    let Ok(luts) = luts
        .iter()
        .map(|lut| lut.extract::<PyReadonlyArray1<'py, L>>())
        .collect::<Result<Vec<_>, _>>()
    else {
        return Ok(None);
    };
    let (Ok(input), Ok(tables)) = (
        arr.as_slice(),
        luts.iter()
            .map(|l| l.as_slice())
            .collect::<Result<Vec<_>, _>>(),
    ) else {
        return Ok(None);
    };
    let out = py
        .detach(|| lut::apply_luts(input, &tables, first_mapped))
        .map_err(|e| to_py_err(py, e))?;
    Ok(Some(PyArray1::from_vec(py, out).into_any()))
}

fn luts_for_input<'py, T>(
    py: Python<'py>,
    arr: &Bound<'py, PyAny>,
    luts: &[Bound<'py, PyAny>],
    first_mapped: i64,
) -> Output<'py>
where
    T: Element + Copy + Sync + Into<i64>,
{
    let Ok(arr) = arr.extract::<PyReadonlyArrayDyn<'py, T>>() else {
        return Ok(None);
    };
    match luts_typed::<T, u8>(py, &arr, luts, first_mapped)? {
        Some(out) => Ok(Some(out)),
        None => luts_typed::<T, u16>(py, &arr, luts, first_mapped),
    }
}

/// Flat array of `arr`'s values looked up in each of `luts` (C-contiguous uint8 or uint16
/// arrays of equal length), channels interleaved: `clip(arr - first_mapped, 0, len - 1)`
/// indexes them. `arr` is a C-contiguous array of (u)int8, (u)int16 or (u)int32.
#[pyfunction]
pub fn lut_apply<'py>(
    py: Python<'py>,
    arr: &Bound<'py, PyAny>,
    luts: Vec<Bound<'py, PyAny>>,
    first_mapped: i64,
) -> Output<'py> {
    let kernels: [LutFn; 6] = [
        luts_for_input::<u8>,
        luts_for_input::<i8>,
        luts_for_input::<u16>,
        luts_for_input::<i16>,
        luts_for_input::<u32>,
        luts_for_input::<i32>,
    ];
    for kernel in kernels {
        if let Some(out) = kernel(py, arr, &luts, first_mapped)? {
            return Ok(Some(out));
        }
    }
    Ok(None)
}

fn window_typed<'py, T>(py: Python<'py>, arr: &Bound<'py, PyAny>, window: Window) -> Output<'py>
where
    T: Element + Copy + Sync + Into<f64>,
{
    let Ok(arr) = arr.extract::<PyReadonlyArrayDyn<'py, T>>() else {
        return Ok(None);
    };
    let Ok(input) = arr.as_slice() else {
        return Ok(None);
    };
    let out = py.detach(|| window.apply(input));
    Ok(Some(PyArray1::from_vec(py, out).into_any()))
}

/// Flat float64 array of the LINEAR/LINEAR_EXACT window over `arr` (C-contiguous (u)int8,
/// (u)int16, (u)int32, float32 or float64), with `center` and `width` already adjusted for
/// the function, in pydicom's operation order.
#[pyfunction]
pub fn window_linear<'py>(
    py: Python<'py>,
    arr: &Bound<'py, PyAny>,
    center: f64,
    width: f64,
    y_min: f64,
    y_max: f64,
    y_range: f64,
) -> Output<'py> {
    let window = Window {
        center,
        width,
        y_min,
        y_max,
        y_range,
    };
    let kernels: [WindowFn; 8] = [
        window_typed::<u8>,
        window_typed::<i8>,
        window_typed::<u16>,
        window_typed::<i16>,
        window_typed::<u32>,
        window_typed::<i32>,
        window_typed::<f32>,
        window_typed::<f64>,
    ];
    for kernel in kernels {
        if let Some(out) = kernel(py, arr, window)? {
            return Ok(Some(out));
        }
    }
    Ok(None)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(lut_apply, m)?)?;
    m.add_function(wrap_pyfunction!(window_linear, m)?)?;
    Ok(())
}
