//! Pixel decoding for the Python layer: the GIL is released while frames decode.

use numpy::PyArray1;
use pyo3::prelude::*;

use pyo3::buffer::PyBuffer;

use super::frame_spec::PyFrameSpec;
use super::{buffer_bytes, to_py_err, RawFile};
use crate::codec::FrameSpec;
use crate::error::Error;
use crate::pixel::decode;
use crate::transfer_syntax;

/// (flat uint8 array, frames decoded, pydicom's warning about the frame layout)
type Decoded<'py> = (Bound<'py, PyArray1<u8>>, usize, Option<&'static str>);

/// Decodes the encapsulated pixel data of element `idx` (all frames, or frame `index`) into a
/// flat uint8 array; returns (array, frames decoded, pydicom's frame-layout warning or None).
#[pyfunction]
#[pyo3(signature = (source, idx, transfer_syntax, spec, number_of_frames, index=None, eot=None))]
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
        .detach(|| decode::decode(codec, value, &spec, number_of_frames, eot, index))
        .map_err(|e| to_py_err(py, e))?;
    Ok((
        PyArray1::from_vec(py, decoded.data),
        decoded.frames,
        decoded.warning,
    ))
}
