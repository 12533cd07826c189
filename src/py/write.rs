//! Writing for the Python layer: walks a data set's Python objects and assembles the output
//! with `crate::write`. Elements untouched since reading are index entries of a `LevelMap`
//! and are copied from the file without Python being involved; whole unchanged runs of them
//! become one copy. Python is asked only about what it changed (`pyrdicom.filewriter` hooks:
//! value formatting, ambiguous VRs, whether a loaded mutable value was edited).

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use pyo3::buffer::PyBuffer;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use super::level::{Entry, LevelMap};
use super::{to_py_err, PyBytesSource, RawFile};
use crate::charset::CharacterSet;
use crate::dict;
use crate::error::Error;
use crate::parse::{Parsed, ITEM_DELIMITER, SEQUENCE_DELIMITER};
use crate::vr::Vr;
use crate::write::encode::{self, Primitive};
use crate::write::{self, file, pixels, Encoding, Length, Output, RawValue};

const CHARSET: u32 = 0x0008_0005;
/// Values at least this large are written from the caller's buffer instead of being copied.
const SHARE_AT: usize = 1 << 16;

fn tag_name(tag: u32) -> String {
    let kw = dict::keyword_for_tag(tag);
    let t = format!("({:04X},{:04X})", tag >> 16, tag & 0xFFFF);
    if kw.is_empty() || tag >> 16 & 1 == 1 {
        t
    } else {
        format!("{t} {kw}")
    }
}

/// A `DicomValueError` naming the element.
fn value_error(py: Python<'_>, tag: u32, msg: impl std::fmt::Display) -> PyErr {
    let msg = format!("{}: {msg}", tag_name(tag));
    match py
        .import("pyrdicom.errors")
        .and_then(|m| m.getattr("DicomValueError"))
    {
        Ok(cls) => PyErr::from_type(cls.cast_into().expect("exception class"), msg),
        Err(e) => e,
    }
}

fn is_ambiguous(vr: Vr) -> bool {
    matches!(vr, Vr::UsSs | Vr::UsOw | Vr::UsSsOw | Vr::ObOw | Vr::SsOw)
}

fn parse_vr(vr: &str) -> PyResult<Vr> {
    Vr::from_dict_str(vr).ok_or_else(|| PyValueError::new_err(format!("unknown VR '{vr}'")))
}

/// The character set a data set's text is written with, and whether it differs from the one
/// its elements were read with (then those are re-encoded).
#[derive(Clone)]
struct Charset {
    cs: CharacterSet,
    changed: bool,
}

/// A group length being written: where its value goes, and whether the group is as read.
struct Group {
    group: u32,
    mark: write::Mark,
    start: u64,
    /// The value read, kept if the group's elements are all copied as read.
    keep: Option<[u8; 4]>,
    original_count: usize,
    verbatim: usize,
    count: usize,
}

struct Walker<'py> {
    py: Python<'py>,
    out: Output,
    unset: Bound<'py, PyAny>,
    hooks: Bound<'py, PyModule>,
    warnings: Vec<String>,
}

impl<'py> Walker<'py> {
    fn new(py: Python<'py>) -> PyResult<Self> {
        let unset = py
            .import("pyrdicom.dataelem")?
            .getattr("DataElement")?
            .getattr("_UNSET")?;
        Ok(Walker {
            py,
            out: Output::new(),
            unset,
            hooks: py.import("pyrdicom.filewriter")?,
            warnings: Vec::new(),
        })
    }

    fn err(&self, tag: u32) -> impl Fn(Error) -> PyErr + 'py {
        let py = self.py;
        move |e| value_error(py, tag, e)
    }

    /// The entries of a data set in tag order, and the level map when it was read from a file.
    #[allow(clippy::type_complexity)]
    fn entries(
        &self,
        ds: &Bound<'py, PyAny>,
    ) -> PyResult<(Vec<(u32, Entry<'py>)>, Option<Bound<'py, LevelMap>>)> {
        let d = ds.getattr("_dict")?;
        if let Ok(lm) = d.cast::<LevelMap>() {
            return Ok((lm.borrow().entries(self.py), Some(lm.clone())));
        }
        let d = d.cast::<PyDict>()?;
        let mut v: Vec<(u32, Entry<'py>)> = d
            .iter()
            .map(|(k, v)| Ok((k.extract::<u32>()?, Entry::Obj(v))))
            .collect::<PyResult<_>>()?;
        v.sort_unstable_by_key(|e| e.0);
        Ok((v, None))
    }

    /// Writes the elements of `ds` (a Dataset) in tag order.
    fn dataset(&mut self, ds: &Bound<'py, PyAny>, enc: Encoding, parent: &Charset) -> PyResult<()> {
        let (entries, level) = self.entries(ds)?;
        let charset = self.charset(&entries, level.as_ref(), parent)?;
        let file = level.as_ref().map(|lm| Arc::clone(&lm.borrow().file));
        let range = level.as_ref().map(|lm| lm.borrow().range.clone());
        let mut group: Option<Group> = None;
        for (tag, entry) in entries {
            if group.as_ref().is_some_and(|g| g.group != tag >> 16) {
                self.close_group(group.take().expect("open"), enc)?;
            }
            if tag & 0xFFFF == 0 {
                // A group length keeps its value while its group is written as read, else it
                // is recomputed (pydicom drops the retired ones).
                let raw_idx = match &entry {
                    Entry::Raw(idx) => Some(*idx),
                    Entry::Obj(elem) => self.as_read(elem, file.as_ref())?,
                };
                let (keep, count) = match (raw_idx, &file, &range) {
                    (Some(idx), Some(f), Some(r)) if f.value(idx as usize).len() == 4 => {
                        let mut v = [0; 4];
                        v.copy_from_slice(f.value(idx as usize));
                        let count = f
                            .children(r.clone())
                            .filter(|&i| f.elements[i as usize].tag >> 16 == tag >> 16)
                            .count();
                        (Some(v), count - 1)
                    }
                    _ => (None, 0),
                };
                write::header(&mut self.out, tag, Vr::UL, Length::Defined(4), enc)
                    .map_err(self.err(tag))?;
                group = Some(Group {
                    group: tag >> 16,
                    mark: self.out.placeholder_u32(),
                    start: self.out.len(),
                    keep,
                    original_count: count,
                    verbatim: 0,
                    count: 0,
                });
                continue;
            }
            let verbatim = match entry {
                Entry::Raw(idx) => {
                    let file = file.as_ref().expect("raw entries come from a file");
                    self.raw(ds, tag, file, idx as usize, None, enc, &charset)?
                }
                Entry::Obj(elem) => self.object(ds, tag, &elem, enc, &charset)?,
            };
            if let Some(g) = group.as_mut() {
                g.count += 1;
                g.verbatim += usize::from(verbatim);
            }
        }
        if let Some(g) = group {
            self.close_group(g, enc)?;
        }
        Ok(())
    }

    /// The index of a DataElement still holding the value read from `file`, if it is one.
    fn as_read(
        &self,
        elem: &Bound<'py, PyAny>,
        file: Option<&Arc<Parsed>>,
    ) -> PyResult<Option<u32>> {
        let raw = elem.getattr("_raw")?;
        let (Ok(rf), Some(file)) = (raw.cast::<RawFile>(), file) else {
            return Ok(None);
        };
        if !Arc::ptr_eq(&rf.get().inner, file)
            || !self
                .hooks
                .call_method1("_unchanged", (elem,))?
                .is_truthy()?
        {
            return Ok(None);
        }
        elem.getattr("_idx")?.extract().map(Some)
    }

    fn close_group(&mut self, g: Group, enc: Encoding) -> PyResult<()> {
        match g.keep {
            Some(v) if g.verbatim == g.count && g.count == g.original_count => {
                self.out.patch_bytes(g.mark, v);
                Ok(())
            }
            _ => write::patch_length(&mut self.out, g.mark, g.start, enc.little)
                .map_err(self.err(g.group << 16)),
        }
    }

    fn charset(
        &self,
        entries: &[(u32, Entry<'py>)],
        level: Option<&Bound<'py, LevelMap>>,
        parent: &Charset,
    ) -> PyResult<Charset> {
        let current = entries.iter().find(|e| e.0 == CHARSET).map(|e| &e.1);
        let original = level.and_then(|lm| {
            let lm = lm.borrow();
            let file = Arc::clone(&lm.file);
            file.find(lm.range.clone(), CHARSET)
                .map(|i| CharacterSet::from_value(file.value(i as usize)))
        });
        let cs = match current {
            None => {
                return Ok(Charset {
                    cs: parent.cs.clone(),
                    changed: parent.changed || original.is_some(),
                })
            }
            Some(Entry::Raw(_)) => {
                return Ok(Charset {
                    cs: original.expect("read from the file"),
                    changed: false,
                })
            }
            Some(Entry::Obj(elem)) => {
                let terms: Vec<String> = self
                    .hooks
                    .call_method1("_charset_terms", (elem,))?
                    .extract()?;
                CharacterSet::from_terms(&terms)
            }
        };
        // A level made in Python holds no text read with another character set.
        let changed = level.is_some() && original.is_none_or(|o| o != cs);
        Ok(Charset { cs, changed })
    }

    /// An element stored from Python: a DataElement, possibly still backed by the file.
    fn object(
        &mut self,
        ds: &Bound<'py, PyAny>,
        tag: u32,
        elem: &Bound<'py, PyAny>,
        enc: Encoding,
        cs: &Charset,
    ) -> PyResult<bool> {
        let vr = parse_vr(&elem.getattr("VR")?.extract::<String>()?)?;
        let raw = elem.getattr("_raw")?;
        if let Ok(rf) = raw.cast::<RawFile>() {
            let file = Arc::clone(&rf.get().inner);
            let idx: usize = elem.getattr("_idx")?.extract()?;
            rf.get().check(idx)?;
            let undefined: bool = elem.getattr("is_undefined_length")?.extract()?;
            let same_length = undefined == file.elements[idx].is_undefined_length();
            let value = elem.getattr("_value")?;
            let unchanged = value.is(&self.unset)
                || (vr != Vr::SQ
                    && self
                        .hooks
                        .call_method1("_unchanged", (elem,))?
                        .is_truthy()?);
            if same_length && unchanged {
                return self.raw(ds, tag, &file, idx, Some(elem), enc, cs);
            }
        }
        if vr == Vr::SQ {
            self.sequence(tag, elem, enc, cs)?;
        } else {
            self.encoded(ds, tag, elem, enc, cs)?;
        }
        Ok(false)
    }

    /// An element as read from `file`, unchanged (`elem` is its DataElement if made). Returns
    /// whether its bytes were copied as they are.
    #[allow(clippy::too_many_arguments)]
    fn raw(
        &mut self,
        ds: &Bound<'py, PyAny>,
        tag: u32,
        file: &Arc<Parsed>,
        idx: usize,
        elem: Option<&Bound<'py, PyAny>>,
        enc: Encoding,
        cs: &Charset,
    ) -> PyResult<bool> {
        let mut vr = match elem {
            Some(e) => parse_vr(&e.getattr("VR")?.extract::<String>()?)?,
            None => file.elements[idx].vr,
        };
        let reencode_text = cs.changed && vr.uses_charset();
        if reencode_text || (is_ambiguous(vr) && !enc.implicit) {
            // Python decides: text is decoded with the old character set; an ambiguous VR is
            // resolved from the data set (pydicom's correct_ambiguous_vr).
            let elem = match elem {
                Some(e) => e.clone(),
                None => self.hooks.call_method1("_element", (ds, tag))?,
            };
            vr = parse_vr(&elem.getattr("VR")?.extract::<String>()?)?;
            if reencode_text || is_ambiguous(vr) {
                self.encoded(ds, tag, &elem, enc, cs)?;
                return Ok(false);
            }
        }
        let src = self.out.source(file);
        if let Some(range) = write::copyable(file, idx, vr, enc) {
            if vr != Vr::SQ || !cs.changed {
                self.out.copy(src, range);
                return Ok(true);
            }
        }
        if vr == Vr::SQ {
            let elem = match elem {
                Some(e) => e.clone(),
                None => self.hooks.call_method1("_element", (ds, tag))?,
            };
            self.sequence(tag, &elem, enc, cs)?;
            return Ok(false);
        }
        let value = file.elements[idx].value_range();
        let raw = RawValue::of(file, idx);
        let written = write::transcode(&mut self.out, &raw, vr, enc, |o| o.copy(src, value))
            .map_err(|e| value_error(self.py, tag, e))?;
        self.warn_un(tag, vr, written);
        Ok(false)
    }

    fn warn_un(&mut self, tag: u32, vr: Vr, written: Vr) {
        if written != vr {
            self.warnings.push(format!(
                "The value for the data element ({:04X},{:04X}) exceeds the size of 64 kByte and \
                 cannot be written in an explicit transfer syntax. The data element VR is changed \
                 from '{vr}' to 'UN' to allow saving the data.",
                tag >> 16,
                tag & 0xFFFF
            ));
        }
    }

    fn sequence(
        &mut self,
        tag: u32,
        elem: &Bound<'py, PyAny>,
        enc: Encoding,
        cs: &Charset,
    ) -> PyResult<()> {
        let undefined: bool = elem.getattr("is_undefined_length")?.extract()?;
        let items = elem.getattr("value")?;
        let length = if undefined {
            Length::Undefined
        } else {
            Length::Later
        };
        let (_, mark) =
            write::header(&mut self.out, tag, Vr::SQ, length, enc).map_err(self.err(tag))?;
        let start = self.out.len();
        for item in items.try_iter()? {
            self.item(&item?, enc, cs)?;
        }
        self.close(tag, mark, start, SEQUENCE_DELIMITER, enc.little)
    }

    /// Ends a sequence or item: its delimiter, or its length filled in.
    fn close(
        &mut self,
        tag: u32,
        mark: Option<write::Mark>,
        start: u64,
        delimiter: u32,
        little: bool,
    ) -> PyResult<()> {
        match mark {
            Some(m) => write::patch_length(&mut self.out, m, start, little).map_err(self.err(tag)),
            None => {
                write::delimiter(&mut self.out, delimiter, little);
                Ok(())
            }
        }
    }

    fn item(&mut self, item: &Bound<'py, PyAny>, enc: Encoding, cs: &Charset) -> PyResult<()> {
        let undefined: bool = item
            .getattr("is_undefined_length_sequence_item")?
            .extract()?;
        if let Ok(lm) = item.getattr("_dict")?.cast::<LevelMap>() {
            let lm = lm.borrow();
            if let (Some(i), true, false) = (lm.item, lm.is_pristine(), cs.changed) {
                let file = Arc::clone(&lm.file);
                let e = &file.elements[i as usize];
                let content_implicit = e.flags & crate::parse::flag::IMPLICIT != 0;
                if e.is_undefined_length() == undefined
                    && content_implicit == enc.implicit
                    && e.is_little_endian() == enc.little
                {
                    if let Some(range) = write::raw_extent(&file, i as usize) {
                        let src = self.out.source(&file);
                        self.out.copy(src, range);
                        return Ok(());
                    }
                }
            }
        }
        let length = if undefined {
            Length::Undefined
        } else {
            Length::Later
        };
        let mark = write::item_header(&mut self.out, length, enc.little)
            .map_err(self.err(crate::parse::ITEM))?;
        let start = self.out.len();
        self.dataset(item, enc, cs)?;
        self.close(crate::parse::ITEM, mark, start, ITEM_DELIMITER, enc.little)
    }

    /// An element whose value comes from Python: formatted by the hook, encoded here.
    fn encoded(
        &mut self,
        ds: &Bound<'py, PyAny>,
        tag: u32,
        elem: &Bound<'py, PyAny>,
        enc: Encoding,
        cs: &Charset,
    ) -> PyResult<()> {
        let (vr, kind, data): (String, String, Bound<'py, PyAny>) = self
            .hooks
            .call_method1("_primitive", (ds, elem, enc.implicit))?
            .extract()?;
        let vr = parse_vr(&vr)?;
        let undefined: bool = elem.getattr("is_undefined_length")?.extract()?;
        let py = self.py;
        let verr = |e: Error| value_error(py, tag, e);
        if kind == "bytes" {
            let buf = PyBuffer::<u8>::get(&data)?;
            let len = super::buffer_bytes(&buf)?.len();
            let number = matches!(
                vr,
                Vr::US | Vr::SS | Vr::UL | Vr::SL | Vr::FL | Vr::FD | Vr::AT | Vr::SV | Vr::UV
            );
            if let Some(size) = vr.fixed_size().filter(|_| number) {
                if len % size != 0 {
                    return Err(value_error(
                        py,
                        tag,
                        format!(
                            "Invalid value length {len}: the value length for a tag with VR {vr} \
                         must be a multiple of {size}"
                        ),
                    ));
                }
            }
            let padded = len + len % 2;
            let length = if undefined {
                Length::Undefined
            } else {
                Length::Defined(padded as u64)
            };
            let (written, _) = write::header(&mut self.out, tag, vr, length, enc).map_err(verr)?;
            self.warn_un(tag, vr, written);
            if len >= SHARE_AT {
                self.out.push_shared(Box::new(PyBytesSource(buf)));
            } else {
                self.out.push(super::buffer_bytes(&buf)?);
            }
            if len % 2 == 1 {
                self.out.push(&[encode::padding(vr)]);
            }
            if undefined {
                write::delimiter(&mut self.out, SEQUENCE_DELIMITER, enc.little);
            }
            return Ok(());
        }
        let primitive = match kind.as_str() {
            "empty" => Primitive::Empty,
            "str" => Primitive::Strs(data.extract()?),
            "int" => Primitive::Ints(data.extract()?),
            "float" => Primitive::Floats(data.extract()?),
            other => return Err(PyValueError::new_err(format!("unknown value kind {other}"))),
        };
        let value = encode::encode_value(vr, &primitive, &cs.cs, enc.little).map_err(verr)?;
        let (written, _) = write::header(
            &mut self.out,
            tag,
            vr,
            Length::Defined(value.len() as u64),
            enc,
        )
        .map_err(verr)?;
        self.warn_un(tag, vr, written);
        self.out.push(&value);
        Ok(())
    }
}

/// What to write: preamble, File Meta Information, data set and its encoding.
struct Plan<'py> {
    preamble: Option<Vec<u8>>,
    meta: Option<Bound<'py, PyAny>>,
    dataset: Bound<'py, PyAny>,
    enc: Encoding,
    deflate: bool,
}

fn build<'py>(py: Python<'py>, plan: &Plan<'py>) -> PyResult<(Output, Vec<String>)> {
    let mut w = Walker::new(py)?;
    let none = Charset {
        cs: CharacterSet::default(),
        changed: false,
    };
    if let Some(p) = &plan.preamble {
        w.out.push(p);
        w.out.push(b"DICM");
    }
    if let Some(meta) = &plan.meta {
        w.dataset(meta, Encoding::EXPLICIT_LE, &none)?;
    }
    if !plan.deflate {
        w.dataset(&plan.dataset, plan.enc, &none)?;
        return Ok((w.out, w.warnings));
    }
    // PS3.5 A.5: the data set is encoded, then deflated as a whole.
    let head = std::mem::take(&mut w.out);
    w.dataset(&plan.dataset, plan.enc, &none)?;
    let body = std::mem::replace(&mut w.out, head);
    let plain = body.to_vec();
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    let deflated = py.detach(|| z.write_all(&plain).and_then(|_| z.finish()))?;
    w.out.push(&deflated);
    if deflated.len() % 2 == 1 {
        w.out.push(&[0]);
    }
    Ok((w.out, w.warnings))
}

type Args<'py> = (
    Option<Vec<u8>>,
    Option<Bound<'py, PyAny>>,
    Bound<'py, PyAny>,
    bool,
    bool,
    bool,
);

fn plan(args: Args<'_>) -> Plan<'_> {
    let (preamble, meta, dataset, implicit, little, deflate) = args;
    Plan {
        preamble,
        meta,
        dataset,
        enc: Encoding { implicit, little },
        deflate,
    }
}

/// Encodes a file: (bytes, warnings). Nothing is returned unless everything encoded.
#[pyfunction]
#[pyo3(signature = (preamble, meta, dataset, implicit_vr, little_endian, deflate))]
fn encode_file<'py>(
    py: Python<'py>,
    preamble: Option<Vec<u8>>,
    meta: Option<Bound<'py, PyAny>>,
    dataset: Bound<'py, PyAny>,
    implicit_vr: bool,
    little_endian: bool,
    deflate: bool,
) -> PyResult<(Bound<'py, PyBytes>, Vec<String>)> {
    let plan = plan((preamble, meta, dataset, implicit_vr, little_endian, deflate));
    let (out, warnings) = build(py, &plan)?;
    let len = usize::try_from(out.len()).map_err(|_| PyValueError::new_err("too large"))?;
    let bytes = PyBytes::new_with(py, len, |buf| {
        out.fill(buf);
        Ok(())
    })?;
    Ok((bytes, warnings))
}

/// Encodes a file and puts it at `path` atomically (see `write::file::replace`); returns the
/// warnings. The target is not touched unless everything encoded.
#[pyfunction]
#[pyo3(signature = (path, preamble, meta, dataset, implicit_vr, little_endian, deflate, overwrite=true, fsync=true))]
#[allow(clippy::too_many_arguments)]
fn write_file<'py>(
    py: Python<'py>,
    path: PathBuf,
    preamble: Option<Vec<u8>>,
    meta: Option<Bound<'py, PyAny>>,
    dataset: Bound<'py, PyAny>,
    implicit_vr: bool,
    little_endian: bool,
    deflate: bool,
    overwrite: bool,
    fsync: bool,
) -> PyResult<Vec<String>> {
    let plan = plan((preamble, meta, dataset, implicit_vr, little_endian, deflate));
    let (out, warnings) = build(py, &plan)?;
    py.detach(|| {
        file::replace(&path, overwrite, fsync, |w| {
            out.write_to(w)?;
            Ok(())
        })
    })
    .map_err(|e| super::path_err(py, e, &path))?;
    Ok(warnings)
}

/// The pieces an encoded file is made of (for tests: an unchanged file is a few big copies).
#[pyfunction]
#[pyo3(signature = (preamble, meta, dataset, implicit_vr, little_endian, deflate))]
fn plan_pieces<'py>(
    py: Python<'py>,
    preamble: Option<Vec<u8>>,
    meta: Option<Bound<'py, PyAny>>,
    dataset: Bound<'py, PyAny>,
    implicit_vr: bool,
    little_endian: bool,
    deflate: bool,
) -> PyResult<usize> {
    let plan = plan((preamble, meta, dataset, implicit_vr, little_endian, deflate));
    Ok(build(py, &plan)?.0.piece_count())
}

/// Compresses native frames (pixel_array layout, little endian) for `transfer_syntax`:
/// (encapsulated value, Extended Offset Table or None, its lengths or None). The GIL is
/// released while frames encode in parallel.
#[pyfunction]
#[pyo3(signature = (
    transfer_syntax, data, spec, frames, extended=false, jls_error=0, j2k_cr=None, j2k_psnr=None
))]
#[allow(clippy::type_complexity, clippy::too_many_arguments)]
fn compress_frames<'py>(
    py: Python<'py>,
    transfer_syntax: &str,
    data: &Bound<'py, PyAny>,
    spec: super::pixel::SpecTuple,
    frames: usize,
    extended: bool,
    jls_error: u16,
    j2k_cr: Option<Vec<f32>>,
    j2k_psnr: Option<Vec<f32>>,
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
    let spec = super::pixel::spec_from_tuple(spec);
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
    m.add_function(wrap_pyfunction!(compress_frames, m)?)?;
    m.add_function(wrap_pyfunction!(encode_file, m)?)?;
    m.add_function(wrap_pyfunction!(write_file, m)?)?;
    m.add_function(wrap_pyfunction!(plan_pieces, m)?)?;
    Ok(())
}
