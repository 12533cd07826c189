//! `_core.build_info()`: the versions of the core and of the codec libraries linked into it.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::codec::info;

#[pyfunction]
fn build_info(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("core", env!("CARGO_PKG_VERSION"))?;
    d.set_item("libjpeg-turbo", info::libjpeg_turbo_version())?;
    d.set_item("libjpeg-turbo SIMD", info::libjpeg_turbo_simd())?;
    d.set_item("OpenJPEG", info::openjpeg_version())?;
    d.set_item("CharLS", info::charls_version())?;
    d.set_item("abi3", cfg!(feature = "abi3"))?;
    Ok(d)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(build_info, m)?)
}
