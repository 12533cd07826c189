//! The writer's walk over a data set: which elements are copied as read, which are re-encoded
//! around their original value, which are encoded from a new value; group lengths, character
//! set changes, sequences and items. The data set itself belongs to the caller (the Python
//! objects, through the bindings; plain Rust values in the tests): it is seen only through the
//! [`Level`] trait, and asked about an element only when the file's bytes cannot answer.

use std::io::Write;
use std::ops::Range;
use std::sync::Arc;

use super::encode::{self, Primitive};
use super::{
    copyable, delimiter, header, item_header, patch_length, raw_extent, transcode, Encoding,
    Length, Mark, Output, RawValue,
};
use crate::charset::CharacterSet;
use crate::dict;
use crate::error::Error;
use crate::parse::{flag, Parsed, ITEM, ITEM_DELIMITER, SEQUENCE_DELIMITER};
use crate::source::SharedBytes;
use crate::tag::Tag;
use crate::vr::Vr;

const CHARSET: u32 = 0x0008_0005;
/// Byte values at least this large are written from the caller's buffer instead of copied.
const SHARE_AT: usize = 1 << 16;

/// Where a level was read from.
#[derive(Clone)]
pub struct Origin {
    pub file: Arc<Parsed>,
    /// Its elements' indices in `file`.
    pub range: Range<u32>,
    /// The item it is in `file` (None for a data set or the File Meta Information).
    pub item: Option<u32>,
    /// Nothing stored, deleted or added since reading.
    pub pristine: bool,
}

/// An element of a level: still the element read (its index in the origin's file), or one
/// the caller stored (made from the file, or new).
#[derive(Clone)]
pub enum Entry<E> {
    Read(u32),
    Stored(E),
}

/// A level's elements in tag order.
pub type Entries<E> = Vec<(u32, Entry<E>)>;

/// What the walker needs to know of a stored element before its value.
pub struct State {
    /// The VR it is to be written with (an ambiguous one as it stands).
    pub vr: Vr,
    pub undefined_length: bool,
    /// Element `.1` of file `.0` when it still holds the value read there.
    pub unchanged: Option<(Arc<Parsed>, usize)>,
}

/// A value to encode.
pub enum Data {
    /// Bytes as they are to be written (padded to even length here).
    Bytes(Box<dyn SharedBytes>),
    Primitive(Primitive),
}

/// An element's value with the VR it is written as (ambiguous VRs resolved).
pub struct Value {
    pub vr: Vr,
    pub data: Data,
}

/// A data set or item as the walker sees it. Element handles are opaque: the walker passes
/// them back to ask for their state, value, items or character set terms.
pub trait Level: Sized {
    type Element;
    type Error: From<WriteError> + From<std::io::Error>;
    /// Where the level was read from; None for a level made by the caller.
    fn origin(&self) -> Option<Origin>;
    /// The elements in tag order (`Entry::Read` only with an origin).
    fn entries(&self) -> Result<Entries<Self::Element>, Self::Error>;
    /// Whether the level, as an item, has an undefined length.
    fn is_undefined_length_item(&self) -> bool;
    fn state(&self, elem: &Self::Element) -> Result<State, Self::Error>;
    /// The element of a read entry, made to be re-encoded (its ambiguous VR resolved as far
    /// as the level allows).
    fn read_element(&self, tag: u32) -> Result<Self::Element, Self::Error>;
    /// The value of an element; with `implicit`, an ambiguous VR the level cannot resolve
    /// may be guessed from the value (no VR is written).
    fn value(&self, elem: &Self::Element, implicit: bool) -> Result<Value, Self::Error>;
    /// The items of a sequence element.
    fn items(&self, elem: &Self::Element) -> Result<Vec<Self>, Self::Error>;
    /// The defined terms of a Specific Character Set element.
    fn charset(&self, elem: &Self::Element) -> Result<Vec<String>, Self::Error>;
}

/// A value that cannot be written, naming its element.
#[derive(Debug)]
pub struct WriteError {
    pub tag: u32,
    pub error: Error,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", tag_name(self.tag), self.error)
    }
}

impl std::error::Error for WriteError {}

/// `(gggg,eeee) Keyword` (the tag alone for private tags and tags not in the dictionary).
fn tag_name(tag: u32) -> String {
    let t = Tag(tag);
    let kw = dict::keyword_for_tag(tag);
    if kw.is_empty() || t.group() & 1 == 1 {
        t.to_string()
    } else {
        format!("{t} {kw}")
    }
}

fn at(tag: u32) -> impl Fn(Error) -> WriteError {
    move |error| WriteError { tag, error }
}

fn is_ambiguous(vr: Vr) -> bool {
    matches!(vr, Vr::UsSs | Vr::UsOw | Vr::UsSsOw | Vr::ObOw | Vr::SsOw)
}

/// The character set a level's text is written with, and whether it differs from the one its
/// elements were read with (then those are re-encoded).
#[derive(Clone, Default)]
pub struct Charset {
    pub cs: CharacterSet,
    pub changed: bool,
}

impl Charset {
    /// The character set of a parent data set (`terms` of its Specific Character Set).
    pub fn from_terms<S: AsRef<str>>(terms: &[S]) -> Self {
        Charset {
            cs: CharacterSet::from_terms(terms),
            changed: false,
        }
    }
}

/// Where an element is written: the encoding and the character set in force.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    enc: Encoding,
    cs: &'a Charset,
}

/// A group length being written: where its value goes, and whether the group is as read.
struct Group {
    group: u32,
    mark: Mark,
    start: u64,
    /// The value read, kept if the group's elements are all copied as read.
    keep: Option<[u8; 4]>,
    original_count: usize,
    verbatim: usize,
    count: usize,
}

/// Assembles data sets into an [`Output`], collecting pydicom's warnings.
#[derive(Default)]
pub struct Writer {
    pub out: Output,
    pub warnings: Vec<String>,
}

impl Writer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Writes the elements of `level` in tag order, with `enc`; `parent` is the character set
    /// in force where the level is (the default repertoire at the top).
    pub fn dataset<L: Level>(
        &mut self,
        level: &L,
        enc: Encoding,
        parent: &Charset,
    ) -> Result<(), L::Error> {
        let entries = level.entries()?;
        let origin = level.origin();
        let charset = self.charset(level, &entries, origin.as_ref(), parent)?;
        let ctx = Ctx { enc, cs: &charset };
        let mut group: Option<Group> = None;
        for (tag, entry) in entries {
            if let Some(g) = group.take_if(|g| g.group != tag >> 16) {
                self.close_group(g, enc)?;
            }
            if tag & 0xFFFF == 0 {
                group = Some(self.open_group(level, tag, &entry, origin.as_ref(), enc)?);
                continue;
            }
            let verbatim = match entry {
                Entry::Read(idx) => {
                    let Some(o) = &origin else {
                        return Err(at(tag)(Error::Value("read without a file".into())).into());
                    };
                    self.read(level, tag, &o.file, idx as usize, None, ctx)?
                }
                Entry::Stored(elem) => self.stored(level, tag, elem, ctx)?,
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

    /// A group length keeps its value while its group is written as read, else it is
    /// recomputed (pydicom drops the retired ones).
    fn open_group<L: Level>(
        &mut self,
        level: &L,
        tag: u32,
        entry: &Entry<L::Element>,
        origin: Option<&Origin>,
        enc: Encoding,
    ) -> Result<Group, L::Error> {
        let mut keep = None;
        let mut original_count = 0;
        if let Some(o) = origin {
            let read = match entry {
                Entry::Read(idx) => Some(*idx as usize),
                Entry::Stored(elem) => level
                    .state(elem)?
                    .unchanged
                    .filter(|(f, _)| Arc::ptr_eq(f, &o.file))
                    .map(|(_, i)| i),
            };
            if let Some(v) = read.and_then(|i| <[u8; 4]>::try_from(o.file.value(i)).ok()) {
                keep = Some(v);
                original_count = o
                    .file
                    .children(o.range.clone())
                    .filter(|&i| o.file.elements[i as usize].tag >> 16 == tag >> 16)
                    .count()
                    - 1;
            }
        }
        header(&mut self.out, tag, Vr::UL, Length::Defined(4), enc).map_err(at(tag))?;
        Ok(Group {
            group: tag >> 16,
            mark: self.out.placeholder_u32(),
            start: self.out.len(),
            keep,
            original_count,
            verbatim: 0,
            count: 0,
        })
    }

    fn close_group(&mut self, g: Group, enc: Encoding) -> Result<(), WriteError> {
        match g.keep {
            Some(v) if g.verbatim == g.count && g.count == g.original_count => {
                self.out.patch_bytes(g.mark, v);
                Ok(())
            }
            _ => {
                patch_length(&mut self.out, g.mark, g.start, enc.little).map_err(at(g.group << 16))
            }
        }
    }

    fn charset<L: Level>(
        &self,
        level: &L,
        entries: &[(u32, Entry<L::Element>)],
        origin: Option<&Origin>,
        parent: &Charset,
    ) -> Result<Charset, L::Error> {
        let current = entries.iter().find(|e| e.0 == CHARSET).map(|e| &e.1);
        let original = origin.and_then(|o| {
            o.file
                .find(o.range.clone(), CHARSET)
                .map(|i| CharacterSet::from_value(o.file.value(i as usize)))
        });
        let cs = match (current, original.clone()) {
            (None, _) => {
                return Ok(Charset {
                    cs: parent.cs.clone(),
                    changed: parent.changed || original.is_some(),
                })
            }
            (Some(Entry::Read(_)), Some(cs)) => return Ok(Charset { cs, changed: false }),
            (Some(Entry::Stored(elem)), _) => CharacterSet::from_terms(&level.charset(elem)?),
            (Some(Entry::Read(_)), None) => {
                let error = Error::Value("read without a file".into());
                return Err(WriteError {
                    tag: CHARSET,
                    error,
                }
                .into());
            }
        };
        // A level made by the caller holds no text read with another character set.
        let changed = origin.is_some() && original.is_none_or(|o| o != cs);
        Ok(Charset { cs, changed })
    }

    /// An element the caller stored: copied as read when it still is, else encoded.
    fn stored<L: Level>(
        &mut self,
        level: &L,
        tag: u32,
        elem: L::Element,
        ctx: Ctx<'_>,
    ) -> Result<bool, L::Error> {
        let state = level.state(&elem)?;
        if let Some((file, idx)) = &state.unchanged {
            let Some(e) = file.elements.get(*idx) else {
                return Err(at(tag)(Error::Value(format!("no element {idx} in its file"))).into());
            };
            if state.undefined_length == e.is_undefined_length() {
                let file = Arc::clone(file);
                return self.read(level, tag, &file, *idx, Some((elem, state)), ctx);
            }
        }
        if state.vr == Vr::SQ {
            self.sequence(tag, &level.items(&elem)?, state.undefined_length, ctx)?;
        } else {
            self.encoded(level, tag, &elem, state.undefined_length, ctx)?;
        }
        Ok(false)
    }

    /// The element and state of a read entry, made when the walk needs more than its bytes.
    fn made<L: Level>(
        level: &L,
        tag: u32,
        elem: Option<(L::Element, State)>,
    ) -> Result<(L::Element, State), L::Error> {
        match elem {
            Some(e) => Ok(e),
            None => {
                let e = level.read_element(tag)?;
                let state = level.state(&e)?;
                Ok((e, state))
            }
        }
    }

    /// Element `idx` of `file`, with the value read (`elem` is the caller's element for it,
    /// if made). Returns whether its bytes were copied as they are.
    fn read<L: Level>(
        &mut self,
        level: &L,
        tag: u32,
        file: &Arc<Parsed>,
        idx: usize,
        mut elem: Option<(L::Element, State)>,
        ctx: Ctx<'_>,
    ) -> Result<bool, L::Error> {
        let Ctx { enc, cs } = ctx;
        let mut vr = elem.as_ref().map_or(file.elements[idx].vr, |e| e.1.vr);
        let reencode_text = cs.changed && vr.uses_charset();
        if reencode_text || (is_ambiguous(vr) && !enc.implicit) {
            // The caller decides: text is decoded with the old character set; an ambiguous
            // VR is resolved from the data set (pydicom's correct_ambiguous_vr).
            let (e, state) = Self::made(level, tag, elem.take())?;
            vr = state.vr;
            if reencode_text || is_ambiguous(vr) {
                self.encoded(level, tag, &e, state.undefined_length, ctx)?;
                return Ok(false);
            }
            elem = Some((e, state));
        }
        let src = self.out.source(file);
        if let Some(range) = copyable(file, idx, vr, enc) {
            if vr != Vr::SQ || !cs.changed {
                self.out.copy(src, range);
                return Ok(true);
            }
        }
        if vr == Vr::SQ {
            let (e, state) = Self::made(level, tag, elem)?;
            self.sequence(tag, &level.items(&e)?, state.undefined_length, ctx)?;
            return Ok(false);
        }
        let value = file.elements[idx].value_range();
        let raw = RawValue::of(file, idx);
        let written =
            transcode(&mut self.out, &raw, vr, enc, |o| o.copy(src, value)).map_err(at(tag))?;
        self.warn_un(tag, vr, written);
        Ok(false)
    }

    fn warn_un(&mut self, tag: u32, vr: Vr, written: Vr) {
        if written != vr {
            self.warnings.push(format!(
                "The value for the data element {} exceeds the size of 64 kByte and \
                 cannot be written in an explicit transfer syntax. The data element VR is changed \
                 from '{vr}' to 'UN' to allow saving the data.",
                Tag(tag)
            ));
        }
    }

    fn sequence<L: Level>(
        &mut self,
        tag: u32,
        items: &[L],
        undefined: bool,
        ctx: Ctx<'_>,
    ) -> Result<(), L::Error> {
        let enc = ctx.enc;
        let length = if undefined {
            Length::Undefined
        } else {
            Length::Later
        };
        let (_, mark) = header(&mut self.out, tag, Vr::SQ, length, enc).map_err(at(tag))?;
        let start = self.out.len();
        for item in items {
            self.item(item, ctx)?;
        }
        Ok(self.close(tag, mark, start, SEQUENCE_DELIMITER, enc.little)?)
    }

    /// Ends a sequence or item: its delimiter, or its length filled in.
    fn close(
        &mut self,
        tag: u32,
        mark: Option<Mark>,
        start: u64,
        delim: u32,
        little: bool,
    ) -> Result<(), WriteError> {
        match mark {
            Some(m) => patch_length(&mut self.out, m, start, little).map_err(at(tag)),
            None => {
                delimiter(&mut self.out, delim, little);
                Ok(())
            }
        }
    }

    fn item<L: Level>(&mut self, item: &L, ctx: Ctx<'_>) -> Result<(), L::Error> {
        let Ctx { enc, cs } = ctx;
        let undefined = item.is_undefined_length_item();
        if let Some(o) = item.origin().filter(|o| o.pristine && !cs.changed) {
            if let Some(i) = o.item {
                let e = &o.file.elements[i as usize];
                let content_implicit = e.flags & flag::IMPLICIT != 0;
                if e.is_undefined_length() == undefined
                    && content_implicit == enc.implicit
                    && e.is_little_endian() == enc.little
                {
                    if let Some(range) = raw_extent(&o.file, i as usize) {
                        let src = self.out.source(&o.file);
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
        let mark = item_header(&mut self.out, length, enc.little).map_err(at(ITEM))?;
        let start = self.out.len();
        self.dataset(item, enc, cs)?;
        Ok(self.close(ITEM, mark, start, ITEM_DELIMITER, enc.little)?)
    }

    /// An element whose value comes from the caller, encoded here.
    fn encoded<L: Level>(
        &mut self,
        level: &L,
        tag: u32,
        elem: &L::Element,
        undefined: bool,
        ctx: Ctx<'_>,
    ) -> Result<(), L::Error> {
        let Ctx { enc, cs } = ctx;
        let Value { vr, data } = level.value(elem, enc.implicit)?;
        match data {
            Data::Bytes(bytes) => self.bytes(tag, vr, bytes, undefined, enc)?,
            Data::Primitive(p) => {
                let value = encode::encode_value(vr, &p, &cs.cs, enc.little).map_err(at(tag))?;
                let length = Length::Defined(value.len() as u64);
                let (written, _) = header(&mut self.out, tag, vr, length, enc).map_err(at(tag))?;
                self.warn_un(tag, vr, written);
                self.out.push(&value);
            }
        }
        Ok(())
    }

    fn bytes(
        &mut self,
        tag: u32,
        vr: Vr,
        bytes: Box<dyn SharedBytes>,
        undefined: bool,
        enc: Encoding,
    ) -> Result<(), WriteError> {
        let len = bytes.bytes().len();
        let number = matches!(
            vr,
            Vr::US | Vr::SS | Vr::UL | Vr::SL | Vr::FL | Vr::FD | Vr::AT | Vr::SV | Vr::UV
        );
        if let Some(size) = vr.fixed_size().filter(|_| number) {
            if len % size != 0 {
                return Err(at(tag)(Error::Value(format!(
                    "Invalid value length {len}: the value length for a tag with VR {vr} must \
                     be a multiple of {size}"
                ))));
            }
        }
        let length = if undefined {
            Length::Undefined
        } else {
            Length::Defined((len + len % 2) as u64)
        };
        let (written, _) = header(&mut self.out, tag, vr, length, enc).map_err(at(tag))?;
        self.warn_un(tag, vr, written);
        if len >= SHARE_AT {
            self.out.push_shared(bytes);
        } else {
            self.out.push(bytes.bytes());
        }
        if len % 2 == 1 {
            self.out.push(&[encode::padding(vr)]);
        }
        if undefined {
            delimiter(&mut self.out, SEQUENCE_DELIMITER, enc.little);
        }
        Ok(())
    }
}

/// What a file is made of.
pub struct FileParts<'a, L> {
    /// The 128-byte preamble (followed by `DICM`), None for none.
    pub preamble: Option<&'a [u8]>,
    /// The File Meta Information, written explicit VR little endian.
    pub meta: Option<&'a L>,
    pub dataset: &'a L,
    pub enc: Encoding,
    /// Deflated Explicit VR Little Endian: the data set is deflated as a whole (PS3.5 A.5).
    pub deflate: bool,
    /// The character set in force where the data set is written (the default repertoire for
    /// a file; a parent's for a data set written on its own).
    pub charset: Charset,
}

/// The encoded data set waiting to be deflated (handed to the caller, who may run it without
/// holding a lock: it owns its bytes).
pub struct Deflate(Vec<u8>);

impl Deflate {
    pub fn run(self) -> std::io::Result<Vec<u8>> {
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(&self.0)?;
        z.finish()
    }
}

/// Encodes a file; `deflate` runs the deflation of a deflated transfer syntax.
pub fn encode_file<L: Level>(
    parts: &FileParts<'_, L>,
    deflate: impl FnOnce(Deflate) -> std::io::Result<Vec<u8>>,
) -> Result<Writer, L::Error> {
    let mut w = Writer::new();
    if let Some(p) = parts.preamble {
        w.out.push(p);
        w.out.push(b"DICM");
    }
    if let Some(meta) = parts.meta {
        w.dataset(meta, Encoding::EXPLICIT_LE, &Charset::default())?;
    }
    if !parts.deflate {
        w.dataset(parts.dataset, parts.enc, &parts.charset)?;
        return Ok(w);
    }
    // PS3.5 A.5: the data set is encoded, then deflated as a whole.
    let head = std::mem::take(&mut w.out);
    w.dataset(parts.dataset, parts.enc, &parts.charset)?;
    let body = std::mem::replace(&mut w.out, head);
    let deflated = deflate(Deflate(body.to_vec()))?;
    w.out.push(&deflated);
    if deflated.len() % 2 == 1 {
        w.out.push(&[0]);
    }
    Ok(w)
}

#[cfg(test)]
mod tests;
