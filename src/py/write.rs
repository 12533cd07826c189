//! The writer's protocol with Python: the typed objects `pyrdicom.filewriter` hands over
//! (`WriteJob`, `WriteLevel`, `WriteHooks`; `ElementState` and `WriteValue` answered by the
//! hooks), and `crate::write::walk::Level` implemented over them. Elements untouched since
//! reading are index entries of a `LevelMap`, copied from the file without Python being
//! involved; Python is asked only about what it stored (its state, value, items, character
//! set terms) and to make a read element that must be re-encoded.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::buffer::PyBuffer;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use super::level::{Entry as MapEntry, LevelMap};
use super::{to_py_err, PyBytesSource, RawFile};
use crate::error::Error;
use crate::vr::Vr;
use crate::write::encode::Primitive;
use crate::write::walk::{
    self, Data, Entries, Entry, FileParts, Level, Origin, State, Value, WriteError,
};
use crate::write::{file, pixels, Encoding};

pyo3::import_exception!(pyrdicom.errors, DicomValueError);

impl From<WriteError> for PyErr {
    fn from(e: WriteError) -> PyErr {
        DicomValueError::new_err(e.to_string())
    }
}

fn parse_vr(vr: &str) -> PyResult<Vr> {
    Vr::from_dict_str(vr).ok_or_else(|| PyValueError::new_err(format!("unknown VR '{vr}'")))
}

/// A data set or item to write: the data set (handed back to the hooks), its tag -> element
/// mapping (a `LevelMap` when read from a file, else a dict of DataElements) and, as an item,
/// whether its length is undefined.
#[pyclass(frozen, module = "pyrdicom._core")]
pub struct WriteLevel {
    #[pyo3(get)]
    dataset: Py<PyAny>,
    #[pyo3(get)]
    elements: Py<PyAny>,
    #[pyo3(get)]
    undefined_length: bool,
}

#[pymethods]
impl WriteLevel {
    #[new]
    #[pyo3(signature = (dataset, elements, undefined_length=false))]
    fn new(
        dataset: Py<PyAny>,
        elements: Bound<'_, PyAny>,
        undefined_length: bool,
    ) -> PyResult<Self> {
        if !elements.is_instance_of::<LevelMap>() && !elements.is_instance_of::<PyDict>() {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "WriteLevel elements must be a LevelMap or a dict",
            ));
        }
        Ok(WriteLevel {
            dataset,
            elements: elements.unbind(),
            undefined_length,
        })
    }
}

/// What the writer needs to know of a stored DataElement: its VR, whether its length is
/// undefined and, when it still holds the value read from a file, that file and its index.
#[pyclass(frozen, module = "pyrdicom._core")]
pub struct ElementState {
    vr: Vr,
    #[pyo3(get)]
    undefined_length: bool,
    #[pyo3(get)]
    source: Option<Py<RawFile>>,
    #[pyo3(get)]
    index: usize,
}

#[pymethods]
impl ElementState {
    #[new]
    #[pyo3(signature = (vr, undefined_length, source=None, index=0))]
    fn new(
        vr: &str,
        undefined_length: bool,
        source: Option<Bound<'_, RawFile>>,
        index: usize,
    ) -> PyResult<Self> {
        if let Some(rf) = &source {
            rf.get().check(index)?;
        }
        Ok(ElementState {
            vr: parse_vr(vr)?,
            undefined_length,
            source: source.map(Bound::unbind),
            index,
        })
    }

    #[getter]
    fn vr(&self) -> &'static str {
        self.vr.as_str()
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Empty,
    Bytes,
    Str,
    Int,
    Float,
}

/// A value for the encoder: its VR (resolved) and `kind` of `data`: "empty" (None), "bytes"
/// (a C-contiguous bytes-like object), "str" (list of str), "int" (list of int) or "float"
/// (list of float).
#[pyclass(frozen, module = "pyrdicom._core")]
pub struct WriteValue {
    vr: Vr,
    kind: Kind,
    #[pyo3(get)]
    data: Py<PyAny>,
}

#[pymethods]
impl WriteValue {
    #[new]
    #[pyo3(signature = (vr, kind, data=None))]
    fn new(py: Python<'_>, vr: &str, kind: &str, data: Option<Py<PyAny>>) -> PyResult<Self> {
        let kind = match kind {
            "empty" => Kind::Empty,
            "bytes" => Kind::Bytes,
            "str" => Kind::Str,
            "int" => Kind::Int,
            "float" => Kind::Float,
            other => return Err(PyValueError::new_err(format!("unknown value kind {other}"))),
        };
        Ok(WriteValue {
            vr: parse_vr(vr)?,
            kind,
            data: data.unwrap_or_else(|| py.None()),
        })
    }

    #[getter]
    fn vr(&self) -> &'static str {
        self.vr.as_str()
    }

    #[getter]
    fn kind(&self) -> &'static str {
        match self.kind {
            Kind::Empty => "empty",
            Kind::Bytes => "bytes",
            Kind::Str => "str",
            Kind::Int => "int",
            Kind::Float => "float",
        }
    }
}

/// The Python side of the walk (`pyrdicom.filewriter` makes one):
/// `state(elem) -> ElementState`, `element(dataset, tag) -> DataElement` (a read element made,
/// its ambiguous VR resolved), `value(dataset, elem, implicit_vr) -> WriteValue`,
/// `items(elem) -> list[WriteLevel]`, `charset(elem) -> list[str]` (Specific Character Set
/// terms).
#[pyclass(frozen, module = "pyrdicom._core")]
pub struct WriteHooks {
    #[pyo3(get)]
    state: Py<PyAny>,
    #[pyo3(get)]
    element: Py<PyAny>,
    #[pyo3(get)]
    value: Py<PyAny>,
    #[pyo3(get)]
    items: Py<PyAny>,
    #[pyo3(get)]
    charset: Py<PyAny>,
}

#[pymethods]
impl WriteHooks {
    #[new]
    #[pyo3(signature = (*, state, element, value, items, charset))]
    fn new(
        state: Py<PyAny>,
        element: Py<PyAny>,
        value: Py<PyAny>,
        items: Py<PyAny>,
        charset: Py<PyAny>,
    ) -> Self {
        WriteHooks {
            state,
            element,
            value,
            items,
            charset,
        }
    }
}

/// What to write: a data set in an encoding, with optionally the preamble (128 bytes, then
/// `DICM` is written) and File Meta Information before it, deflated for Deflated Explicit VR
/// Little Endian; `charset` is the Specific Character Set in force where the data set is
/// (for a bare data set or element written inside another one).
#[pyclass(frozen, module = "pyrdicom._core")]
pub struct WriteJob {
    #[pyo3(get)]
    dataset: Py<WriteLevel>,
    #[pyo3(get)]
    hooks: Py<WriteHooks>,
    #[pyo3(get)]
    implicit_vr: bool,
    #[pyo3(get)]
    little_endian: bool,
    preamble: Option<Vec<u8>>,
    #[pyo3(get)]
    meta: Option<Py<WriteLevel>>,
    #[pyo3(get)]
    deflate: bool,
    #[pyo3(get)]
    charset: Vec<String>,
}

#[pymethods]
impl WriteJob {
    #[new]
    #[pyo3(signature = (
        dataset, *, implicit_vr, little_endian, hooks, preamble=None, meta=None, deflate=false,
        charset=Vec::new()
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        dataset: Py<WriteLevel>,
        implicit_vr: bool,
        little_endian: bool,
        hooks: Py<WriteHooks>,
        preamble: Option<Vec<u8>>,
        meta: Option<Py<WriteLevel>>,
        deflate: bool,
        charset: Vec<String>,
    ) -> Self {
        WriteJob {
            dataset,
            hooks,
            implicit_vr,
            little_endian,
            preamble,
            meta,
            deflate,
            charset,
        }
    }

    #[getter]
    fn preamble<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyBytes>> {
        self.preamble.as_deref().map(|p| PyBytes::new(py, p))
    }
}

/// The hooks, bound for one walk.
struct Hooks<'py> {
    state: Bound<'py, PyAny>,
    element: Bound<'py, PyAny>,
    value: Bound<'py, PyAny>,
    items: Bound<'py, PyAny>,
    charset: Bound<'py, PyAny>,
}

impl<'py> Hooks<'py> {
    fn new(h: &Bound<'py, WriteHooks>) -> Self {
        let (h, py) = (h.get(), h.py());
        Hooks {
            state: h.state.bind(py).clone(),
            element: h.element.bind(py).clone(),
            value: h.value.bind(py).clone(),
            items: h.items.bind(py).clone(),
            charset: h.charset.bind(py).clone(),
        }
    }
}

/// `walk::Level` over a `WriteLevel`.
struct PyLevel<'h, 'py> {
    hooks: &'h Hooks<'py>,
    level: Bound<'py, WriteLevel>,
}

impl<'py> PyLevel<'_, 'py> {
    fn py(&self) -> Python<'py> {
        self.level.py()
    }

    fn elements(&self) -> &Bound<'py, PyAny> {
        self.level.get().elements.bind(self.py())
    }

    fn dataset(&self) -> &Bound<'py, PyAny> {
        self.level.get().dataset.bind(self.py())
    }
}

impl<'h, 'py> Level for PyLevel<'h, 'py> {
    type Element = Bound<'py, PyAny>;
    type Error = PyErr;

    fn origin(&self) -> Option<Origin> {
        let lm = self.elements().cast::<LevelMap>().ok()?.borrow();
        Some(Origin {
            file: Arc::clone(&lm.file),
            range: lm.range.clone(),
            item: lm.item,
            pristine: lm.is_pristine(),
        })
    }

    fn entries(&self) -> PyResult<Entries<Self::Element>> {
        let elements = self.elements();
        if let Ok(lm) = elements.cast::<LevelMap>() {
            let entries = lm.borrow().entries(self.py());
            return Ok(entries
                .into_iter()
                .map(|(t, e)| match e {
                    MapEntry::Raw(i) => (t, Entry::Read(i)),
                    MapEntry::Obj(o) => (t, Entry::Stored(o)),
                })
                .collect());
        }
        let mut v: Entries<Self::Element> = elements
            .cast::<PyDict>()?
            .iter()
            .map(|(k, v)| Ok((k.extract::<u32>()?, Entry::Stored(v))))
            .collect::<PyResult<_>>()?;
        v.sort_unstable_by_key(|e| e.0);
        Ok(v)
    }

    fn is_undefined_length_item(&self) -> bool {
        self.level.get().undefined_length
    }

    fn state(&self, elem: &Self::Element) -> PyResult<State> {
        let s = self.hooks.state.call1((elem,))?;
        let s = s.cast::<ElementState>()?.get();
        Ok(State {
            vr: s.vr,
            undefined_length: s.undefined_length,
            unchanged: s
                .source
                .as_ref()
                .map(|rf| (Arc::clone(&rf.get().inner), s.index)),
        })
    }

    fn read_element(&self, tag: u32) -> PyResult<Self::Element> {
        self.hooks.element.call1((self.dataset(), tag))
    }

    fn value(&self, elem: &Self::Element, implicit: bool) -> PyResult<Value> {
        let v = self.hooks.value.call1((self.dataset(), elem, implicit))?;
        let v = v.cast::<WriteValue>()?.get();
        let data = v.data.bind(self.py());
        let data = match v.kind {
            Kind::Bytes => {
                let buf = PyBuffer::<u8>::get(data)?;
                super::buffer_bytes(&buf)?;
                Data::Bytes(Box::new(PyBytesSource(buf)))
            }
            Kind::Empty => Data::Primitive(Primitive::Empty),
            Kind::Str => Data::Primitive(Primitive::Strs(data.extract()?)),
            Kind::Int => Data::Primitive(Primitive::Ints(data.extract()?)),
            Kind::Float => Data::Primitive(Primitive::Floats(data.extract()?)),
        };
        Ok(Value { vr: v.vr, data })
    }

    fn items(&self, elem: &Self::Element) -> PyResult<Vec<Self>> {
        self.hooks
            .items
            .call1((elem,))?
            .try_iter()?
            .map(|item| {
                Ok(PyLevel {
                    hooks: self.hooks,
                    level: item?.cast_into::<WriteLevel>()?,
                })
            })
            .collect()
    }

    fn charset(&self, elem: &Self::Element) -> PyResult<Vec<String>> {
        self.hooks.charset.call1((elem,))?.extract()
    }
}

/// Runs the walk of `job`.
fn build(job: &Bound<'_, WriteJob>) -> PyResult<walk::Writer> {
    let py = job.py();
    let j = job.get();
    let hooks = Hooks::new(j.hooks.bind(py));
    let level = |l: &Py<WriteLevel>| PyLevel {
        hooks: &hooks,
        level: l.bind(py).clone(),
    };
    let dataset = level(&j.dataset);
    let meta = j.meta.as_ref().map(level);
    let parts = FileParts {
        preamble: j.preamble.as_deref(),
        meta: meta.as_ref(),
        dataset: &dataset,
        enc: Encoding {
            implicit: j.implicit_vr,
            little: j.little_endian,
        },
        deflate: j.deflate,
        charset: walk::Charset::from_terms(&j.charset),
    };
    walk::encode_file(&parts, |d| py.detach(|| d.run()))
}

/// An encoded file (or data set): its bytes and pydicom's warnings to issue.
#[pyclass(frozen, module = "pyrdicom._core")]
pub struct Encoded {
    #[pyo3(get)]
    data: Py<PyBytes>,
    #[pyo3(get)]
    warnings: Vec<String>,
}

/// Encodes `job` into bytes. Nothing is returned unless everything encoded.
#[pyfunction]
fn encode(job: &Bound<'_, WriteJob>) -> PyResult<Encoded> {
    let py = job.py();
    let w = build(job)?;
    let len = usize::try_from(w.out.len()).map_err(|_| PyValueError::new_err("too large"))?;
    let data = PyBytes::new_with(py, len, |buf| {
        w.out.fill(buf);
        Ok(())
    })?;
    Ok(Encoded {
        data: data.unbind(),
        warnings: w.warnings,
    })
}

/// Encodes `job` and puts it at `path` atomically (see `write::file::replace`); returns the
/// warnings. The target is not touched unless everything encoded.
#[pyfunction]
#[pyo3(signature = (path, job, overwrite=true, fsync=true))]
fn write_file(
    path: PathBuf,
    job: &Bound<'_, WriteJob>,
    overwrite: bool,
    fsync: bool,
) -> PyResult<Vec<String>> {
    let py = job.py();
    let w = build(job)?;
    py.detach(|| {
        file::replace(&path, overwrite, fsync, |f| {
            w.out.write_to(f)?;
            Ok(())
        })
    })
    .map_err(|e| super::path_err(py, e, &path))?;
    Ok(w.warnings)
}

/// Compresses native frames (pixel_array layout, little endian) for `transfer_syntax`:
/// (encapsulated value, Extended Offset Table or None, its lengths or None). The GIL is
/// released while frames encode in parallel.
#[pyfunction]
#[pyo3(signature = (
    transfer_syntax, data, spec, frames, extended=false, jls_error=0, j2k_cr=None, j2k_psnr=None,
    jpeg_quality=90, jpeg_predictor=1
))]
#[allow(clippy::type_complexity, clippy::too_many_arguments)]
fn compress_frames<'py>(
    py: Python<'py>,
    transfer_syntax: &str,
    data: &Bound<'py, PyAny>,
    spec: super::frame_spec::PyFrameSpec,
    frames: usize,
    extended: bool,
    jls_error: u16,
    j2k_cr: Option<Vec<f32>>,
    j2k_psnr: Option<Vec<f32>>,
    jpeg_quality: u8,
    jpeg_predictor: u8,
) -> PyResult<(
    Bound<'py, PyBytes>,
    Option<Bound<'py, PyBytes>>,
    Option<Bound<'py, PyBytes>>,
)> {
    let j2k_quality = match (j2k_cr, j2k_psnr) {
        (Some(cr), _) => crate::codec::j2k::Quality::CompressionRatios(cr),
        (None, Some(psnr)) => crate::codec::j2k::Quality::Psnr(psnr),
        (None, None) => crate::codec::j2k::Quality::Lossless,
    };
    let options = pixels::Options {
        jls_error,
        j2k_quality,
        jpeg_quality,
        jpeg_predictor,
    };
    let encoder =
        pixels::Encoder::for_transfer_syntax(transfer_syntax, &options).ok_or_else(|| {
            to_py_err(
                py,
                Error::Unsupported(format!(
                "this build of pyrdicom has no encoder for the transfer syntax '{transfer_syntax}'"
            )),
            )
        })?;
    let spec = crate::codec::FrameSpec::from(spec);
    let buf = PyBuffer::<u8>::get(data)?;
    let bytes = super::buffer_bytes(&buf)?;
    let out = py
        .detach(|| pixels::compress(&encoder, bytes, &spec, frames, extended))
        .map_err(|e| to_py_err(py, e))?;
    let table = |v: &[u64]| {
        let b: Vec<u8> = v.iter().flat_map(|x| x.to_le_bytes()).collect();
        PyBytes::new(py, &b)
    };
    let (offsets, lengths) = match &out.extended {
        Some((o, l)) => (Some(table(o)), Some(table(l))),
        None => (None, None),
    };
    Ok((PyBytes::new(py, &out.value), offsets, lengths))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<WriteLevel>()?;
    m.add_class::<ElementState>()?;
    m.add_class::<WriteValue>()?;
    m.add_class::<WriteHooks>()?;
    m.add_class::<WriteJob>()?;
    m.add_class::<Encoded>()?;
    m.add_function(wrap_pyfunction!(compress_frames, m)?)?;
    m.add_function(wrap_pyfunction!(encode, m)?)?;
    m.add_function(wrap_pyfunction!(write_file, m)?)?;
    Ok(())
}
