//! Pixel decoding for the Python layer: the GIL is released while frames decode.

use numpy::PyArray1;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use pyo3::IntoPyObjectExt;

use pyo3::buffer::PyBuffer;

use super::frame_spec::PyFrameSpec;
use super::level::{Entry, LevelMap};
use super::{buffer_bytes, to_py_err, RawFile};
use crate::codec::FrameSpec;
use crate::error::Error;
use crate::pixel::decode;
use crate::pixel::module::{self, Quick};
use crate::transfer_syntax;

/// Bytes `start..start + count` of the 8-bit samples stored in the big endian OW value at
/// `offset..offset + length` of `source` (a buffer), as a new uint8 array: one pass in Rust,
/// without the GIL.
#[pyfunction]
pub fn swap_byte_pairs<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    offset: usize,
    length: usize,
    start: usize,
    count: usize,
) -> PyResult<Bound<'py, PyArray1<u8>>> {
    let buffer = PyBuffer::<u8>::get(source)?;
    let bytes = buffer_bytes(&buffer)?;
    let value = offset
        .checked_add(length)
        .and_then(|end| bytes.get(offset..end))
        .ok_or_else(|| to_py_err(py, Error::pixel("the pixel data lies outside its buffer")))?;
    let mut out = vec![0u8; count];
    py.detach(|| crate::pixel::native::swap_byte_pairs(value, start, &mut out))
        .map_err(|e| to_py_err(py, e))?;
    Ok(PyArray1::from_vec(py, out))
}

/// (flat uint8 array, frames decoded, pydicom's warning about the frame layout)
type Decoded<'py> = (Bound<'py, PyArray1<u8>>, usize, Option<&'static str>);

/// Decodes the encapsulated pixel data of element `idx` (all frames, or frame `index`) into a
/// flat uint8 array; returns (array, frames decoded, pydicom's frame-layout warning or None).
/// `as_rgb` is pydicom's option (false: JPEG YCbCr is not converted to RGB).
#[pyfunction]
#[pyo3(signature = (
    source, idx, transfer_syntax, spec, number_of_frames, index=None, eot=None, as_rgb=true
))]
#[allow(clippy::too_many_arguments)]
pub fn decode_pixels<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    idx: usize,
    transfer_syntax: &str,
    spec: PyFrameSpec,
    number_of_frames: usize,
    index: Option<usize>,
    eot: Option<(Vec<u64>, Vec<u64>)>,
    as_rgb: bool,
) -> PyResult<Decoded<'py>> {
    let codec = transfer_syntax::lookup(transfer_syntax)
        .and_then(|ts| ts.decoder)
        .ok_or_else(|| {
            to_py_err(
                py,
                Error::Unsupported(format!(
                "Unable to decode pixel data with a transfer syntax UID of '{transfer_syntax}': \
                     this build of pyrdicom has no decoder for it"
            )),
            )
        })?;
    let spec = FrameSpec::from(spec);
    // The value as read (element idx of a RawFile), or bytes assigned to PixelData since.
    let raw = source.cast::<RawFile>().ok();
    let buffer = match raw {
        Some(_) => None,
        None => Some(PyBuffer::<u8>::get(source)?),
    };
    let value: &[u8] = match (&raw, &buffer) {
        (Some(r), _) => {
            let r = r.get();
            r.check(idx)?;
            r.inner.value(idx)
        }
        (None, Some(b)) => buffer_bytes(b)?,
        (None, None) => unreachable!("one of the two is set"),
    };
    let eot = eot.as_ref().map(|(o, l)| (o.as_slice(), l.as_slice()));
    let decoded = py
        .detach(|| decode::decode(codec, value, &spec, number_of_frames, eot, index, as_rgb))
        .map_err(|e| to_py_err(py, e))?;
    Ok((
        PyArray1::from_vec(py, decoded.data),
        decoded.frames,
        decoded.warning,
    ))
}

/// The Image Pixel module values of a data set (`pixel::module::TAGS`' order) in one call: None
/// when absent, the value when the index gives it as the data model would, else `ask` (an
/// element set from Python, or one the data model must read).
#[pyfunction]
pub fn pixel_module<'py>(
    py: Python<'py>,
    level: PyRef<'py, LevelMap>,
    ask: Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyTuple>> {
    let file = &level.file;
    let values = module::TAGS.iter().map(|&(tag, vr)| {
        let quick = match level.entry(py, tag) {
            None => return Ok(py.None().into_bound(py)),
            Some(Entry::Obj(_)) => None,
            Some(Entry::Raw(idx)) => module::quick_value(file, idx as usize, vr),
        };
        match quick {
            None => Ok(ask.clone()),
            Some(Quick::Empty) => Ok(py.None().into_bound(py)),
            Some(Quick::Int(n)) => n.into_bound_py_any(py),
            Some(Quick::Text(s)) => s.into_bound_py_any(py),
        }
    });
    PyTuple::new(py, values.collect::<PyResult<Vec<_>>>()?)
}
