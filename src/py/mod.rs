//! PyO3 bindings: the only place the core meets Python. Thin wrappers; errors are mapped onto
//! the hierarchy in `pyrdicom.errors`.

use std::os::raw::c_int;
use std::path::PathBuf;
use std::sync::Arc;

mod batch;
mod build_info;
mod dict;
mod encaps;
mod frame_spec;
mod level;
mod lut;
mod pixel;
mod transfer_syntax;
mod volume;
mod write;

use pyo3::buffer::PyBuffer;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyList, PyString, PyTuple};
use pyo3::IntoPyObjectExt;

use crate::error::Error;
use crate::parse::{self, Options, Parsed};
use crate::read::read_path;
use crate::source::{SharedBytes, Source};
use crate::value::{self, Value};
use crate::vr::Vr;

/// The exception classes of `pyrdicom.errors`, imported once on first use.
pub(crate) mod errors {
    pyo3::import_exception!(pyrdicom.errors, InvalidDicomError);
    pyo3::import_exception!(pyrdicom.errors, MalformedDicomError);
    pyo3::import_exception!(pyrdicom.errors, UnsupportedTransferSyntaxError);
    pyo3::import_exception!(pyrdicom.errors, PixelDataError);
    pyo3::import_exception!(pyrdicom.errors, BytesLengthException);
    pyo3::import_exception!(pyrdicom.errors, DicomValueError);
}

/// Like `to_py_err`, but an I/O error becomes OSError(errno, strerror, filename): Python makes
/// it the errno's subclass (FileNotFoundError, ...) naming the file, as open() does.
pub(crate) fn path_err(py: Python<'_>, err: Error, path: &std::path::Path) -> PyErr {
    match err {
        // An error without an errno (made by us) keeps its kind's class and message.
        Error::Io(io) => match io.raw_os_error() {
            Some(errno) => {
                let strerror = match py
                    .import("os")
                    .and_then(|os| os.getattr("strerror")?.call1((errno,))?.extract::<String>())
                {
                    Ok(s) => s,
                    Err(e) => return e,
                };
                let filename = path.to_string_lossy().into_owned();
                PyOSError::new_err((errno, strerror, filename))
            }
            None => PyErr::from(io),
        },
        other => to_py_err(py, other),
    }
}

/// Maps a core error onto pyrdicom's Python exceptions (OSError for I/O).
pub(crate) fn to_py_err(_py: Python<'_>, err: Error) -> PyErr {
    let msg = err.to_string();
    match err {
        Error::Io(e) => PyErr::from(e),
        Error::InvalidDicom(_) => errors::InvalidDicomError::new_err(msg),
        Error::Malformed(_) => errors::MalformedDicomError::new_err(msg),
        Error::Unsupported(_) => errors::UnsupportedTransferSyntaxError::new_err(msg),
        Error::Pixel(_) => errors::PixelDataError::new_err(msg),
        Error::BytesLength(_) => errors::BytesLengthException::new_err(msg),
        Error::Value(_) | Error::Charset(_) => errors::DicomValueError::new_err(msg),
    }
}

pub(crate) struct PyBytesSource(pub(crate) PyBuffer<u8>);

impl SharedBytes for PyBytesSource {
    fn bytes(&self) -> &[u8] {
        buffer_bytes(&self.0).expect("checked contiguous on creation")
    }
}

/// The bytes of a C-contiguous buffer.
pub(crate) fn buffer_bytes(buf: &PyBuffer<u8>) -> PyResult<&[u8]> {
    if !buf.is_c_contiguous() {
        return Err(PyValueError::new_err("the buffer must be C-contiguous"));
    }
    let len = buf.len_bytes();
    if len == 0 {
        return Ok(&[]);
    }
    // SAFETY: the buffer is C-contiguous and stays exported (so alive and unresized) while
    // `buf` lives, which the returned borrow cannot outlive; it is only read.
    Ok(unsafe { std::slice::from_raw_parts(buf.buf_ptr() as *const u8, len) })
}

/// A parsed file: the bytes and the element index, shared by all Python objects read from it.
#[pyclass(frozen, module = "pyrdicom._core")]
pub struct RawFile {
    pub(crate) inner: Arc<Parsed>,
}

/// One element of a parsed file's index, as `RawFile.info` reports it. One is made for every
/// element read, hence the free list.
#[pyclass(frozen, get_all, freelist = 64, module = "pyrdicom._core")]
pub struct ElementInfo {
    pub tag: u32,
    /// The VR as read, or the dictionary's for implicit VR (one interned string per VR).
    pub vr: Py<PyString>,
    /// The value length in bytes (0 when undefined).
    pub length: u64,
    /// Offset of the value in the source.
    pub offset: u64,
    /// The VR was not in the stream (implicit VR): an item of an implicit VR sequence.
    pub implicit_vr: bool,
    /// Encoded with undefined length (sequences, items, encapsulated pixel data).
    pub undefined_length: bool,
    /// Encoded as UN; `vr` is the dictionary's (pydicom's replace_un_with_known_vr).
    pub from_un: bool,
    /// The explicit VR field holds no VR (read as UN with a 2-byte length).
    pub unknown_vr: bool,
}

const META: i64 = -2;

/// The name of `vr` as one interned Python string per VR, made on first use: reading an element
/// makes no new string, and Python's dict and set lookups on it (the value converters by VR) reuse
/// its cached hash.
fn vr_name(py: Python<'_>, vr: Vr) -> Py<PyString> {
    static NAMES: [PyOnceLock<Py<PyString>>; 256] = [const { PyOnceLock::new() }; 256];
    NAMES[vr as usize]
        .get_or_init(py, || PyString::intern(py, vr.as_str()).unbind())
        .clone_ref(py)
}

impl RawFile {
    fn range(&self, level: i64) -> std::ops::Range<u32> {
        match level {
            META => self.inner.meta.clone(),
            l if l < 0 => self.inner.dataset.clone(),
            l => self.inner.child_range(l as u32),
        }
    }

    pub(crate) fn check(&self, idx: usize) -> PyResult<()> {
        if idx < self.inner.elements.len() {
            Ok(())
        } else {
            Err(PyValueError::new_err(format!("no element {idx}")))
        }
    }
}

#[pymethods]
impl RawFile {
    /// The tag -> element mapping of a level: -1 the data set, -2 the file meta, else an item.
    fn level(&self, level: i64) -> level::LevelMap {
        level::LevelMap::new(&self.inner, self.range(level), u32::try_from(level).ok())
    }

    /// What pydicom would warn about while reading: (kind, message), kind "vr_encoding" or
    /// "no_delimiter". A tuple: without notes (nearly every read asks) it is Python's one
    /// empty tuple, where a list would be made and freed each time.
    #[getter]
    fn notes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(
            py,
            self.inner.notes.iter().map(|n| match n {
                parse::Note::VrEncoding(m) => ("vr_encoding", m.as_str()),
                parse::Note::NoDelimiter(m) => ("no_delimiter", m.as_str()),
            }),
        )
    }

    /// The index entry of element idx.
    fn info(&self, py: Python<'_>, idx: usize) -> PyResult<ElementInfo> {
        self.check(idx)?;
        let e = &self.inner.elements[idx];
        let undefined_length = e.is_undefined_length();
        Ok(ElementInfo {
            tag: e.tag,
            vr: vr_name(py, e.vr),
            length: if undefined_length { 0 } else { e.len },
            offset: e.offset,
            implicit_vr: e.flags & parse::flag::IMPLICIT != 0,
            undefined_length,
            from_un: e.flags & parse::flag::FROM_UN != 0,
            unknown_vr: e.flags & parse::flag::UNKNOWN_VR != 0,
        })
    }

    /// (tag, VR, value offset, undefined length) of element idx: what making a `DataElement`
    /// needs, in one call returning a tuple (unpacked at once), where `info`'s object would
    /// cost a getter call per field on every element read.
    fn element(&self, py: Python<'_>, idx: usize) -> PyResult<(u32, Py<PyString>, u64, bool)> {
        self.check(idx)?;
        let e = &self.inner.elements[idx];
        Ok((e.tag, vr_name(py, e.vr), e.offset, e.is_undefined_length()))
    }

    /// The decoded value of element idx, as `vr` (default: its own VR), in primitive form:
    /// None when empty, str or list[str], int/float or list, list of item indices for SQ, bytes.
    #[pyo3(signature = (idx, vr=None))]
    fn value<'py>(
        &self,
        py: Python<'py>,
        idx: usize,
        vr: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.check(idx)?;
        let p = &self.inner;
        let vr = match vr {
            Some(s) => {
                Vr::from_dict_str(s).ok_or_else(|| PyValueError::new_err(format!("bad VR {s}")))?
            }
            None => p.elements[idx].vr,
        };
        let v = value::decode(p, idx, vr).map_err(|e| to_py_err(py, e))?;
        fn one_or_list<'py, T>(py: Python<'py>, mut v: Vec<T>) -> PyResult<Bound<'py, PyAny>>
        where
            T: IntoPyObject<'py>,
        {
            if v.len() == 1 {
                let one = v.pop().expect("one");
                Ok(one.into_bound_py_any(py)?)
            } else {
                Ok(PyList::new(py, v)?.into_any())
            }
        }
        match v {
            Value::Empty => Ok(py.None().into_bound(py)),
            Value::Strs(s) => one_or_list(py, s),
            Value::Ints(n) => one_or_list(py, n),
            Value::UInts(n) => one_or_list(py, n),
            Value::Floats(n) => one_or_list(py, n),
            Value::Tags(t) => one_or_list(py, t),
            Value::Bytes => Ok(PyBytes::new(py, p.value(idx)).into_any()),
            Value::Items(items) => Ok(PyList::new(py, items)?.into_any()),
        }
    }

    /// The value bytes of element idx exactly as in the file.
    fn raw_value<'py>(&self, py: Python<'py>, idx: usize) -> PyResult<Bound<'py, PyBytes>> {
        self.check(idx)?;
        Ok(PyBytes::new(py, self.inner.value(idx)))
    }

    /// Whether unsigned native samples in `len` bytes at `offset` have bits set above
    /// `bits_stored` (then pydicom masks them, and the bytes cannot be used as they are).
    fn unused_bits_set(
        &self,
        py: Python<'_>,
        offset: usize,
        len: usize,
        bits_allocated: u16,
        bits_stored: u16,
    ) -> PyResult<bool> {
        let p = &self.inner;
        let data = offset
            .checked_add(len)
            .and_then(|end| p.bytes().get(offset..end));
        let data = data.ok_or_else(|| PyValueError::new_err("range outside the source"))?;
        let little = p.little_endian;
        Ok(py.detach(|| {
            p.source.prefault(offset, len);
            crate::pixel::native::has_unused_bits_set(data, bits_allocated, bits_stored, little)
        }))
    }

    /// The parsed file is immutable: copies of a data set share it.
    fn __copy__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __deepcopy__(slf: Py<Self>, _memo: &Bound<'_, PyAny>) -> Py<Self> {
        slf
    }

    #[getter]
    fn preamble<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyBytes>> {
        let p = &self.inner;
        p.preamble.clone().map(|r| PyBytes::new(py, &p.bytes()[r]))
    }

    #[getter]
    fn transfer_syntax(&self) -> &str {
        &self.inner.transfer_syntax
    }

    #[getter]
    fn implicit_vr(&self) -> bool {
        self.inner.implicit_vr
    }

    #[getter]
    fn little_endian(&self) -> bool {
        self.inner.little_endian
    }

    #[getter]
    fn writable(&self) -> bool {
        self.inner.source.writable_ptr().is_some()
    }

    /// The whole source as a buffer (writable unless it is the caller's bytes), so that NumPy
    /// arrays can be zero-copy views of pixel data.
    unsafe fn __getbuffer__(
        slf: Bound<'_, Self>,
        view: *mut pyo3::ffi::Py_buffer,
        flags: c_int,
    ) -> PyResult<()> {
        let src = &slf.get().inner.source;
        let bytes = src.bytes();
        let (ptr, readonly) = match src.writable_ptr() {
            Some(p) => (p, 0),
            None => (bytes.as_ptr() as *mut u8, 1),
        };
        // SAFETY: ptr/len describe the source, which lives as long as `slf`, whose reference
        // the view takes; PyBuffer_FillInfo validates flags against `readonly`.
        let rc = unsafe {
            pyo3::ffi::PyBuffer_FillInfo(
                view,
                slf.as_ptr(),
                ptr.cast(),
                bytes.len() as isize,
                readonly,
                flags,
            )
        };
        if rc == -1 {
            return Err(PyErr::fetch(slf.py()));
        }
        Ok(())
    }
}

/// Parses `src` (a path, or a bytes-like object) into a RawFile.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (
    src, *, force=false, stop_before_pixels=false, specific_tags=None, encoding=None,
    implicit_vr_switch=true, infer_sq_for_un_vr=true
))]
fn read(
    py: Python<'_>,
    src: &Bound<'_, PyAny>,
    force: bool,
    stop_before_pixels: bool,
    specific_tags: Option<Vec<u32>>,
    encoding: Option<(bool, bool)>,
    implicit_vr_switch: bool,
    infer_sq_for_un_vr: bool,
) -> PyResult<RawFile> {
    let specific_tags = specific_tags.map(|mut t| {
        t.sort_unstable();
        t
    });
    let opts = Options {
        force,
        stop_before_pixels,
        stop_after: None,
        specific_tags,
        encoding,
        no_implicit_vr_switch: !implicit_vr_switch,
        no_infer_sq_for_un: !infer_sq_for_un_vr,
    };
    let parsed = if let Ok(path) = src.extract::<PathBuf>() {
        py.detach(|| read_path(&path, &opts))
            .map_err(|e| path_err(py, e, &path))?
    } else {
        let buf = PyBuffer::<u8>::get(src)?;
        buffer_bytes(&buf)?;
        let source = Source::from_shared(Box::new(PyBytesSource(buf)));
        py.detach(|| parse::parse(source, &opts))
            .map_err(|e| to_py_err(py, e))?
    };
    Ok(RawFile {
        inner: Arc::new(parsed),
    })
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<RawFile>()?;
    m.add_class::<level::LevelMap>()?;
    m.add_class::<ElementInfo>()?;
    m.add_function(wrap_pyfunction!(read, m)?)?;
    m.add_function(wrap_pyfunction!(pixel::decode_pixels, m)?)?;
    m.add_function(wrap_pyfunction!(pixel::swap_byte_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(pixel::pixel_module, m)?)?;
    m.add_class::<frame_spec::PyFrameSpec>()?;
    dict::register(m)?;
    encaps::register(m)?;
    write::register(m)?;
    lut::register(m)?;
    transfer_syntax::register(m)?;
    batch::register(m)?;
    volume::register(m)?;
    build_info::register(m)?;
    Ok(())
}
