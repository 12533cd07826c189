//! Pixel-sized helpers behind pydicom's Python API: `pyrdicom.encaps` (item walks, frame
//! layouts, encapsulation), the bit packing of `pixels.utils` and the RLE primitives pydicom
//! exposes (`pixels.decoders.rle`, `pixels.encoders.native`), the GIL released while bytes are
//! scanned or copied.

use numpy::PyArray1;
use pyo3::buffer::PyBuffer;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use super::{buffer_bytes, to_py_err};
use crate::codec::rle;
use crate::error::Error;
use crate::pixel::{bits, encaps};

type Span = (usize, usize);
type Eot = Option<(Vec<u64>, Vec<u64>)>;

fn spans(ranges: Vec<std::ops::Range<usize>>) -> Vec<Span> {
    ranges.into_iter().map(|r| (r.start, r.end)).collect()
}

/// pydicom raises ValueError for every malformed item structure: PixelDataError is one.
fn value_err(py: Python<'_>, err: Error) -> PyErr {
    match err {
        Error::Malformed(msg) => to_py_err(py, Error::Pixel(msg)),
        other => to_py_err(py, other),
    }
}

/// The fragment items of `buffer` from its first byte: (content spans, the exception that
/// ended the walk or None).
#[pyfunction]
fn encaps_items(
    py: Python<'_>,
    buffer: PyBuffer<u8>,
    big_endian: bool,
) -> PyResult<(Vec<Span>, Option<PyErr>)> {
    let value = buffer_bytes(&buffer)?;
    let (ranges, error) = py.detach(|| encaps::items(value, big_endian));
    Ok((spans(ranges), error.map(|e| value_err(py, e))))
}

/// Every frame's fragment spans (pydicom's `generate_fragmented_frames`) and its warning.
#[pyfunction]
#[pyo3(signature = (buffer, number_of_frames, eot, big_endian))]
fn encaps_frames(
    py: Python<'_>,
    buffer: PyBuffer<u8>,
    number_of_frames: usize,
    eot: Eot,
    big_endian: bool,
) -> PyResult<(Vec<Vec<Span>>, Option<&'static str>)> {
    let value = buffer_bytes(&buffer)?;
    let eot = eot.as_ref().map(|(o, l)| (o.as_slice(), l.as_slice()));
    let layout = py
        .detach(|| {
            encaps::Encapsulated::read_endian(value, big_endian)?.frames(
                value,
                number_of_frames,
                eot,
            )
        })
        .map_err(|e| value_err(py, e))?;
    Ok((
        layout.frames.into_iter().map(spans).collect(),
        layout.warning,
    ))
}

/// Frame `index`'s fragment spans (pydicom's `get_frame`) and its warning.
#[pyfunction]
#[pyo3(signature = (buffer, index, number_of_frames, eot, big_endian))]
fn encaps_frame(
    py: Python<'_>,
    buffer: PyBuffer<u8>,
    index: usize,
    number_of_frames: usize,
    eot: Eot,
    big_endian: bool,
) -> PyResult<(Vec<Span>, Option<&'static str>)> {
    let value = buffer_bytes(&buffer)?;
    let eot = eot.as_ref().map(|(o, l)| (o.as_slice(), l.as_slice()));
    let found = py
        .detach(|| {
            encaps::Encapsulated::read_endian(value, big_endian)?.frame(
                value,
                index,
                number_of_frames,
                eot,
            )
        })
        .map_err(|e| value_err(py, e))?;
    Ok((spans(found.ranges), found.warning))
}

fn frame_buffers(frames: &[PyBuffer<u8>]) -> PyResult<Vec<&[u8]>> {
    frames.iter().map(buffer_bytes).collect()
}

/// One fragment per frame, with a filled Basic Offset Table when `has_bot`.
#[pyfunction]
fn encapsulate_frames<'py>(
    py: Python<'py>,
    frames: Vec<PyBuffer<u8>>,
    has_bot: bool,
) -> PyResult<Bound<'py, PyBytes>> {
    let frames = frame_buffers(&frames)?;
    let len = encaps::encapsulated_len(&frames, has_bot).map_err(|e| value_err(py, e))?;
    // Written straight into the new bytes object (no one else can see it yet), GIL released.
    PyBytes::new_with(py, len, |out| {
        py.detach(|| encaps::encapsulate_into(&frames, has_bot, out))
            .map_err(|e| value_err(py, e))
    })
}

/// (encapsulated frames with an empty BOT, Extended Offset Table offsets, lengths).
#[pyfunction]
fn encapsulate_frames_extended<'py>(
    py: Python<'py>,
    frames: Vec<PyBuffer<u8>>,
) -> PyResult<(Bound<'py, PyBytes>, Vec<u64>, Vec<u64>)> {
    let frames = frame_buffers(&frames)?;
    let (out, offsets, lengths) = py
        .detach(|| encaps::encapsulate_extended(&frames))
        .map_err(|e| value_err(py, e))?;
    Ok((PyBytes::new(py, &out), offsets, lengths))
}

/// 0/1 bytes packed eight to a byte, least significant bit first; with `pad`, a null byte
/// makes the length even.
#[pyfunction]
#[pyo3(signature = (values, pad=false))]
fn pack_bits<'py>(
    py: Python<'py>,
    values: PyBuffer<u8>,
    pad: bool,
) -> PyResult<Bound<'py, PyBytes>> {
    let values = buffer_bytes(&values)?;
    let len = values.len().div_ceil(8);
    // Written straight into the new (zeroed) bytes object, GIL released.
    PyBytes::new_with(py, len + usize::from(pad && len % 2 == 1), |out| {
        py.detach(|| bits::pack_into(values, &mut out[..len]))
            .map_err(|e| to_py_err(py, e))
    })
}

/// Every bit of `packed` as a byte of 0 or 1, eight to a uint64 (`.view(np.uint8)` is the
/// unpacked data).
#[pyfunction]
fn unpack_bits<'py>(py: Python<'py>, packed: PyBuffer<u8>) -> PyResult<Bound<'py, PyArray1<u64>>> {
    let packed = buffer_bytes(&packed)?;
    let out = py.detach(|| bits::unpack(packed));
    Ok(PyArray1::from_vec(py, out))
}

/// One RLE segment decoded to the end of its data.
#[pyfunction]
fn rle_decode_segment<'py>(py: Python<'py>, src: PyBuffer<u8>) -> PyResult<Bound<'py, PyBytes>> {
    let src = buffer_bytes(&src)?;
    let out = py.detach(|| rle::decode_segment(src));
    Ok(PyBytes::new(py, &out))
}

/// One row PackBits-encoded as pydicom's RLE encoder does.
#[pyfunction]
fn rle_encode_row<'py>(py: Python<'py>, row: PyBuffer<u8>) -> PyResult<Bound<'py, PyBytes>> {
    let row = buffer_bytes(&row)?;
    let mut out = Vec::with_capacity(row.len() + row.len() / 64 + 2);
    rle::encode_row(row, &mut out);
    Ok(PyBytes::new(py, &out))
}

/// One frame (interleaved, little-endian samples) RLE encoded: header and segments.
#[pyfunction]
fn rle_encode_frame<'py>(
    py: Python<'py>,
    src: PyBuffer<u8>,
    rows: usize,
    columns: usize,
    samples_per_pixel: usize,
    bits_allocated: usize,
) -> PyResult<Bound<'py, PyBytes>> {
    let src = buffer_bytes(&src)?;
    let info = rle::FrameInfo {
        rows,
        columns,
        samples_per_pixel,
        bits_allocated,
    };
    let out = py
        .detach(|| rle::encode_frame(src, &info))
        .map_err(|e| to_py_err(py, e))?;
    Ok(PyBytes::new(py, &out))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(encaps_items, m)?)?;
    m.add_function(wrap_pyfunction!(encaps_frames, m)?)?;
    m.add_function(wrap_pyfunction!(encaps_frame, m)?)?;
    m.add_function(wrap_pyfunction!(encapsulate_frames, m)?)?;
    m.add_function(wrap_pyfunction!(encapsulate_frames_extended, m)?)?;
    m.add_function(wrap_pyfunction!(pack_bits, m)?)?;
    m.add_function(wrap_pyfunction!(unpack_bits, m)?)?;
    m.add_function(wrap_pyfunction!(rle_decode_segment, m)?)?;
    m.add_function(wrap_pyfunction!(rle_encode_row, m)?)?;
    m.add_function(wrap_pyfunction!(rle_encode_frame, m)?)?;
    Ok(())
}
