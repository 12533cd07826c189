//! The frame description Python passes to the codecs (`_core.FrameSpec`).
// PyO3's generated `from_fields` constructor takes one argument per field.
#![allow(clippy::too_many_arguments)]

use pyo3::prelude::*;

use crate::codec::FrameSpec;

/// How the frames of pixel data are laid out (the Image Pixel module values the codecs need).
#[pyclass(
    frozen,
    get_all,
    from_py_object,
    new = "from_fields",
    name = "FrameSpec",
    module = "pyrdicom._core"
)]
#[derive(Clone)]
pub(crate) struct PyFrameSpec {
    rows: u32,
    columns: u32,
    samples_per_pixel: u16,
    bits_allocated: u16,
    bits_stored: u16,
    signed: bool,
    photometric: String,
    planar_configuration: u16,
}

impl From<PyFrameSpec> for FrameSpec {
    fn from(s: PyFrameSpec) -> FrameSpec {
        FrameSpec {
            rows: s.rows,
            cols: s.columns,
            samples_per_pixel: s.samples_per_pixel,
            bits_allocated: s.bits_allocated,
            bits_stored: s.bits_stored,
            signed: s.signed,
            photometric: s.photometric,
            planar_configuration: s.planar_configuration,
        }
    }
}
