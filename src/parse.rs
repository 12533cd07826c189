//! Builds the flat element index of a Part 10 file (or bare data set) in one pass (PS3.5 ch. 7).
//!
//! Elements, sequences and items share one table in file order: an element's descendants are the
//! entries between it and `end`. Every length is checked against the bytes that remain, nesting is
//! bounded, and nothing is copied except a deflated data set, which is inflated once.
//! Where pydicom tolerates broken files (VR switches, a value truncated by the end of the file,
//! missing delimiters) this parser does the same so both read the same elements.

use std::cell::Cell;
use std::ops::Range;

use crate::dict;
use crate::error::{Error, Result};
use crate::source::Source;
use crate::transfer_syntax;
use crate::vr::Vr;

pub const UNDEFINED: u32 = 0xFFFF_FFFF;
pub const ITEM: u32 = 0xFFFE_E000;
pub const ITEM_DELIMITER: u32 = 0xFFFE_E00D;
pub const SEQUENCE_DELIMITER: u32 = 0xFFFE_E0DD;
pub const PIXEL_TAGS: [u32; 3] = [0x7FE0_0008, 0x7FE0_0009, 0x7FE0_0010];
const CHARSET_TAG: u32 = 0x0008_0005;
pub use crate::limits::MAX_DEPTH;
/// Parent of top-level entries.
pub const ROOT: u32 = u32::MAX;

/// Flags of an index entry.
pub mod flag {
    /// Encoded with undefined length (sequences, items, encapsulated pixel data).
    pub const UNDEFINED_LENGTH: u8 = 1;
    /// The VR was not in the stream (implicit VR) and came from the dictionary.
    pub const IMPLICIT: u8 = 2;
    /// Encoded as UN; the VR here is the dictionary's (pydicom's replace_un_with_known_vr).
    pub const FROM_UN: u8 = 4;
    pub const BIG_ENDIAN: u8 = 8;
    /// The value ran past the end of the input and was cut there.
    pub const TRUNCATED: u8 = 16;
    /// A defined-length sequence whose items cannot be read: pydicom reads such a sequence
    /// only when its value is used, and fails then; so does reading this value.
    pub const BROKEN: u8 = 32;
    /// An explicit VR that is no VR (read as UN with a 2-byte length); pydicom cannot
    /// convert the value.
    pub const UNKNOWN_VR: u8 = 64;
}

#[derive(Clone, Debug)]
pub struct Element {
    pub tag: u32,
    pub vr: Vr,
    pub flags: u8,
    /// Index of the enclosing item, or ROOT.
    pub parent: u32,
    /// One past the index of the last descendant.
    pub end: u32,
    /// Offset of the tag.
    pub header: u64,
    /// Offset and length of the value (for undefined length, up to the delimiter).
    pub offset: u64,
    pub len: u64,
}

impl Element {
    pub fn value_range(&self) -> Range<usize> {
        self.offset as usize..(self.offset + self.len) as usize
    }
    pub fn is_undefined_length(&self) -> bool {
        self.flags & flag::UNDEFINED_LENGTH != 0
    }
    pub fn is_little_endian(&self) -> bool {
        self.flags & flag::BIG_ENDIAN == 0
    }
}

#[derive(Default, Clone)]
pub struct Options {
    pub force: bool,
    pub stop_before_pixels: bool,
    /// Stop the top level at the first tag above this one: a reader that wants only some tags
    /// needs nothing after the last of them (in a data set in tag order, PS3.5 7.1).
    pub stop_after: Option<u32>,
    /// Top-level tags to keep (sorted); (0008,0005) is always kept.
    pub specific_tags: Option<Vec<u32>>,
    /// (implicit VR, little endian) of a bare data set (pydicom's `read_dataset`): no
    /// preamble, File Meta Information or command set is looked for.
    pub encoding: Option<(bool, bool)>,
    /// pydicom's `config.assume_implicit_vr_switch = False`: a VR field outside 'AA'..'ZZ' is
    /// an unknown VR (2-byte length) rather than a switch to implicit VR.
    pub no_implicit_vr_switch: bool,
    /// pydicom's `settings.infer_sq_for_un_vr = False`: an undefined-length UN stays UN.
    pub no_infer_sq_for_un: bool,
}

/// A parsed file: the bytes and the index over them.
pub struct Parsed {
    pub source: Source,
    pub elements: Vec<Element>,
    /// The 128-byte preamble, when the file has one.
    pub preamble: Option<Range<usize>>,
    /// Index ranges of the File Meta Information and of the data set (top level).
    pub meta: Range<u32>,
    pub dataset: Range<u32>,
    /// Transfer syntax from the meta group (empty when there is none).
    pub transfer_syntax: String,
    pub implicit_vr: bool,
    pub little_endian: bool,
    /// Byte offset where the data set starts (after the meta group).
    pub dataset_offset: usize,
    /// Reading stopped at the pixel data (`stop_before_pixels`) or past `stop_after`, so nothing
    /// after it was needed.
    pub stopped_at_pixels: bool,
    /// What pydicom warns about (or raises, in its strict reading mode) while reading.
    pub notes: Vec<Note>,
    /// The first (0008,0005) of each data set, as (ROOT or the item's index, the element's
    /// index), sorted: finding a value's character set costs no scan of its data set.
    pub charsets: Vec<(u32, u32)>,
}

/// A tolerated irregularity pydicom reports while reading.
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    /// The VR field of a data set's first element contradicts the expected VR encoding
    /// (pydicom's `_is_implicit_vr`): the message, and reading goes on with the found one.
    VrEncoding(String),
    /// An undefined-length value has no sequence delimiter (pydicom's EOFError, caught by
    /// `read_dataset`).
    NoDelimiter(String),
}

impl Parsed {
    pub fn bytes(&self) -> &[u8] {
        self.source.bytes()
    }

    pub fn value(&self, idx: usize) -> &[u8] {
        &self.bytes()[self.elements[idx].value_range()]
    }

    /// The Specific Character Set element of the data set `parent` (ROOT or an item).
    pub fn charset_element(&self, parent: u32) -> Option<u32> {
        let i = self.charsets.partition_point(|&(p, _)| p < parent);
        self.charsets
            .get(i)
            .filter(|&&(p, _)| p == parent)
            .map(|&(_, idx)| idx)
    }

    /// Indices of the entries directly inside `range` (skipping their descendants).
    pub fn children(&self, range: Range<u32>) -> Children<'_> {
        Children {
            elements: &self.elements,
            next: range.start,
            end: range.end,
        }
    }

    /// The index range holding the children of `idx` (an item's elements or a sequence's items).
    pub fn child_range(&self, idx: u32) -> Range<u32> {
        idx + 1..self.elements[idx as usize].end
    }

    /// The top-level entries of the File Meta Information followed by those of the data set.
    pub fn find(&self, range: Range<u32>, tag: u32) -> Option<u32> {
        self.children(range)
            .find(|&i| self.elements[i as usize].tag == tag)
    }
}

pub struct Children<'a> {
    elements: &'a [Element],
    next: u32,
    end: u32,
}

impl Iterator for Children<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.next >= self.end {
            return None;
        }
        let i = self.next;
        self.next = self.elements[i as usize].end.max(i + 1);
        Some(i)
    }
}

pub fn parse(source: Source, opts: &Options) -> Result<Parsed> {
    if let Some((implicit, little)) = opts.encoding {
        return parse_bare(source, opts, implicit, little);
    }
    let data = source.bytes();
    let has_preamble = data.len() >= 132 && &data[128..132] == b"DICM";
    if !has_preamble && !opts.force {
        return Err(Error::InvalidDicom(
            "File is missing DICOM File Meta Information header or the 'DICM' prefix is \
             missing from the header. Use force=True to force reading."
                .into(),
        ));
    }
    let start = if has_preamble { 132 } else { 0 };
    let mut p = Parser::new(data, opts);
    // File Meta Information: explicit VR little endian (pydicom tolerates implicit VR).
    let meta_end = p.read_top(start, false, true, Scope::Meta)?;
    let meta = 0..p.elements.len() as u32;
    let transfer_syntax = p.transfer_syntax(meta.clone());
    // A command set (group 0000) is implicit VR little endian (PS3.7 6.3), merged into the
    // data set as pydicom does.
    let ds_start = p.read_top(meta_end, true, true, Scope::Command)?;
    let elements = p.elements;
    let notes = p.notes;

    let (mut implicit, mut little) = (true, true);
    let at_end = ds_start >= data.len();
    let registered = transfer_syntax.as_deref().and_then(transfer_syntax::lookup);
    match transfer_syntax.as_deref() {
        _ if at_end => {}
        None => {
            // No transfer syntax: guess from the first element's VR and group, as pydicom does.
            let b = data
                .get(ds_start..ds_start + 6)
                .ok_or_else(|| Error::malformed("too few bytes to guess the encoding"))?;
            if Vr::from_bytes([b[4], b[5]]).is_some() {
                implicit = false;
                little = u16::from_le_bytes([b[0], b[1]]) < 1024;
            }
        }
        // A private or unknown transfer syntax is read as explicit VR little endian, as pydicom.
        Some(_) => match registered {
            Some(ts) => (implicit, little) = (ts.implicit_vr, ts.little_endian),
            None => implicit = false,
        },
    }
    let transfer_syntax = transfer_syntax.unwrap_or_default();
    let source = if !at_end && registered.is_some_and(|ts| ts.deflated) {
        let inflated = crate::limits::inflate_dataset(&data[ds_start..])?;
        let mut whole = Vec::with_capacity(ds_start + inflated.len());
        whole.extend_from_slice(&data[..ds_start]);
        whole.extend_from_slice(&inflated);
        Source::from_vec(whole)
    } else {
        source
    };
    let mut p = Parser::resume(source.bytes(), opts, elements, notes);
    // The data set is read in the VR encoding its first element shows (noted when that is not
    // the expected one), and that is the encoding it was read in.
    let found = p.detect_implicit(ds_start, p.data.len(), implicit, false);
    if found != implicit {
        p.note_encoding(found);
        implicit = found;
    }
    p.read_top(ds_start, implicit, little, Scope::Top)?;
    let head = Head {
        preamble: has_preamble.then_some(0..128),
        meta,
        transfer_syntax,
        implicit_vr: implicit,
        little_endian: little,
        dataset_offset: meta_end,
    };
    Ok(assemble(p.into_index(), head, source))
}

/// What precedes the data set of a parsed source (nothing, for a bare data set), and the
/// encoding it was read in.
#[derive(Default)]
struct Head {
    preamble: Option<Range<usize>>,
    meta: Range<u32>,
    transfer_syntax: String,
    implicit_vr: bool,
    little_endian: bool,
    dataset_offset: usize,
}

/// The parsed source from what the parser read: its data set is the entries after the meta.
fn assemble(index: Index, head: Head, source: Source) -> Parsed {
    let Index {
        elements,
        notes,
        stopped_at_pixels,
        charset_candidates,
    } = index;
    let dataset = head.meta.end..elements.len() as u32;
    let charsets = charsets(&elements, dataset.clone(), &charset_candidates);
    Parsed {
        notes,
        charsets,
        preamble: head.preamble,
        meta: head.meta,
        dataset,
        transfer_syntax: head.transfer_syntax,
        implicit_vr: head.implicit_vr,
        little_endian: head.little_endian,
        dataset_offset: head.dataset_offset,
        stopped_at_pixels,
        elements,
        source,
    }
}

/// The first (0008,0005) of each data set in `range`, as (ROOT or the item's index, the
/// element's index), sorted by data set. `candidates` are the indices the parser gave such
/// elements (some may since have been dropped or reused): no scan of the whole index.
fn charsets(elements: &[Element], range: Range<u32>, candidates: &[u32]) -> Vec<(u32, u32)> {
    let mut found: Vec<(u32, u32)> = candidates
        .iter()
        .filter(|&&i| range.contains(&i) && elements[i as usize].tag == CHARSET_TAG)
        .map(|&i| (elements[i as usize].parent, i))
        .collect();
    found.sort_unstable();
    found.dedup_by_key(|&mut (parent, _)| parent);
    found
}

/// A data set without header, all of it in the given encoding.
fn parse_bare(source: Source, opts: &Options, implicit: bool, little: bool) -> Result<Parsed> {
    let mut p = Parser::new(source.bytes(), opts);
    p.read_top(0, implicit, little, Scope::Top)?;
    let head = Head {
        implicit_vr: implicit,
        little_endian: little,
        ..Head::default()
    };
    Ok(assemble(p.into_index(), head, source))
}

thread_local! {
    /// An element table given back by `recycle`, for the next parse on this thread.
    static SPARE_TABLE: Cell<Vec<Element>> = const { Cell::new(Vec::new()) };
}

/// Largest element table kept for reuse (a reader of many small headers keeps one).
const SPARE_ELEMENTS: usize = 1024;

/// Gives a parsed file's element table back: the next parse on this thread fills it rather
/// than allocating its own (a reader of many files, done with each in turn, calls this).
pub fn recycle(mut elements: Vec<Element>) {
    if elements.capacity() <= SPARE_ELEMENTS {
        elements.clear();
        SPARE_TABLE.with(|spare| spare.set(elements));
    }
}

/// Which data set is being read: it decides where reading stops and what is kept.
#[derive(Clone, Copy, PartialEq)]
enum Scope {
    /// File Meta Information: ends at the first tag outside group 0002.
    Meta,
    /// Command set: ends at the first tag outside group 0000.
    Command,
    /// The top-level data set: `stop_before_pixels` and `specific_tags` apply.
    Top,
    /// An item of a sequence.
    Item,
}

/// The context a data set is read in: its encoding, where its elements go in the index, how
/// deep it is nested and which data set it is.
#[derive(Clone, Copy)]
struct Level {
    implicit: bool,
    little: bool,
    /// Index of the enclosing item, or ROOT.
    parent: u32,
    depth: usize,
    scope: Scope,
}

impl Level {
    /// A top-level data set (meta, command set or the data set itself).
    fn top(implicit: bool, little: bool, scope: Scope) -> Self {
        Level {
            implicit,
            little,
            parent: ROOT,
            depth: 0,
            scope,
        }
    }
}

/// What a parser read, apart from the bytes it read it from.
struct Index {
    elements: Vec<Element>,
    notes: Vec<Note>,
    stopped_at_pixels: bool,
    charset_candidates: Vec<u32>,
}

/// How reading one element ended.
enum Step {
    /// Go on at this position.
    Next(usize),
    /// The data set ends here (delimiter, stop condition, too few bytes for a header).
    End(usize),
    /// An undefined-length value without a sequence delimiter (pydicom's EOFError): pydicom
    /// drops the data set being read (keeps it, for a defined-length item) and goes on at the
    /// value.
    NoDelimiter(usize),
}

struct Parser<'a> {
    data: &'a [u8],
    elements: Vec<Element>,
    stop_before_pixels: bool,
    stop_after: Option<u32>,
    specific_tags: Option<&'a [u32]>,
    /// The specific tags before this index are below the last top-level tag read.
    wanted_from: usize,
    /// The last failed search for a sequence delimiter (from, to, little endian): a search
    /// inside that range fails too, which keeps hostile input from costing quadratic time.
    no_delimiter: Option<(usize, usize, bool)>,
    stopped_at_pixels: bool,
    no_implicit_vr_switch: bool,
    no_infer_sq_for_un: bool,
    notes: Vec<Note>,
    /// Where (0008,0005) elements were put in `elements` (see `charsets`).
    charset_candidates: Vec<u32>,
}

/// Private creators of the data set being read: (group, block) -> creator.
type Creators = Vec<(u16, u8, String)>;

/// Header of an element: VR (None when implicit), value length, header size, flags.
struct Header {
    vr: Option<Vr>,
    length: u32,
    size: usize,
    flags: u8,
}

impl<'a> Parser<'a> {
    fn new(data: &'a [u8], opts: &'a Options) -> Self {
        // About one element per 40 bytes in typical headers; avoids regrowing the table. With
        // specific tags, about those and the file meta's.
        let mut capacity = (data.len() / 40).min(1 << 16);
        if let Some(tags) = opts.specific_tags.as_ref().filter(|t| !t.is_empty()) {
            capacity = capacity.min(tags.len() + 16);
        }
        let mut elements = SPARE_TABLE.with(Cell::take);
        elements.reserve(capacity);
        Parser::resume(data, opts, elements, Vec::new())
    }

    /// A parser going on with what another one read (the data set after the file meta, from
    /// bytes that may have been inflated since).
    fn resume(data: &'a [u8], opts: &'a Options, elements: Vec<Element>, notes: Vec<Note>) -> Self {
        Parser {
            data,
            elements,
            stop_before_pixels: opts.stop_before_pixels,
            stop_after: opts.stop_after,
            // pydicom ignores an empty list of tags.
            specific_tags: opts.specific_tags.as_deref().filter(|t| !t.is_empty()),
            wanted_from: 0,
            no_delimiter: None,
            stopped_at_pixels: false,
            no_implicit_vr_switch: opts.no_implicit_vr_switch,
            no_infer_sq_for_un: opts.no_infer_sq_for_un,
            notes,
            charset_candidates: Vec::new(),
        }
    }

    fn into_index(self) -> Index {
        Index {
            elements: self.elements,
            notes: self.notes,
            stopped_at_pixels: self.stopped_at_pixels,
            charset_candidates: self.charset_candidates,
        }
    }

    fn u16_at(&self, pos: usize, little: bool) -> u16 {
        let b = [self.data[pos], self.data[pos + 1]];
        if little {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        }
    }

    fn u32_at(&self, pos: usize, little: bool) -> u32 {
        let b = [
            self.data[pos],
            self.data[pos + 1],
            self.data[pos + 2],
            self.data[pos + 3],
        ];
        if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        }
    }

    fn tag_at(&self, pos: usize, little: bool) -> u32 {
        (self.u16_at(pos, little) as u32) << 16 | self.u16_at(pos + 2, little) as u32
    }

    /// The meta group's Transfer Syntax UID as pydicom reads it (None when absent; a value
    /// with several UIDs matches no transfer syntax, like pydicom's MultiValue).
    fn transfer_syntax(&self, range: Range<u32>) -> Option<String> {
        let e = self.elements[range.start as usize..range.end as usize]
            .iter()
            .rev()
            .find(|e| e.tag == 0x0002_0010)?;
        let v = &self.data[e.value_range()];
        let end = v
            .iter()
            .rposition(|&b| b != 0 && b != b' ')
            .map_or(0, |i| i + 1);
        Some(crate::value::latin1(&v[..end]))
    }

    /// pydicom's `_is_implicit_vr`: a VR field outside 'A'..'Z' means implicit VR. Items may
    /// be implicit in an explicit data set (PS3.5 6.2.2), but never the other way round.
    fn detect_implicit(&self, pos: usize, limit: usize, assumed: bool, in_sequence: bool) -> bool {
        if (in_sequence && assumed) || pos.saturating_add(6) > limit {
            return assumed;
        }
        !(self.data[pos + 4].is_ascii_uppercase() && self.data[pos + 5].is_ascii_uppercase())
    }

    fn note_encoding(&mut self, found_implicit: bool) {
        let (expected, found) = if found_implicit {
            ("explicit", "implicit")
        } else {
            ("implicit", "explicit")
        };
        self.notes.push(Note::VrEncoding(format!(
            "Expected {expected} VR, but found {found} VR"
        )));
    }

    /// Whether pydicom reports a VR encoding other than expected at the start of this data
    /// set: its stop conditions (end of the meta or command group) come first.
    fn reports_encoding(&self, start: usize, scope: Scope) -> bool {
        let group = || self.u16_at(start, true);
        match scope {
            Scope::Meta => group() == 0x0002,
            Scope::Command => group() == 0x0000,
            Scope::Top => true,
            Scope::Item => false,
        }
    }

    /// A top-level data set (meta, command set, the data set) from `start` to the end of the
    /// data; returns where reading stopped.
    fn read_top(
        &mut self,
        start: usize,
        implicit: bool,
        little: bool,
        scope: Scope,
    ) -> Result<usize> {
        let level = Level::top(implicit, little, scope);
        Ok(self.read_dataset(start, self.data.len(), None, level)?.0)
    }

    /// pydicom's `read_dataset`: the elements from `start` until `limit`, `bytelength` bytes
    /// (defined-length items) or an item delimiter. Returns the position reading stopped at
    /// and the end of the content (before a delimiter).
    fn read_dataset(
        &mut self,
        start: usize,
        limit: usize,
        bytelength: Option<usize>,
        level: Level,
    ) -> Result<(usize, usize)> {
        let implicit =
            self.detect_implicit(start, limit, level.implicit, level.scope == Scope::Item);
        if implicit != level.implicit && self.reports_encoding(start, level.scope) {
            self.note_encoding(implicit);
        }
        let level = Level { implicit, ..level };
        let mark = self.elements.len();
        let mut creators = Creators::new();
        let mut pos = start;
        loop {
            if bytelength.is_some_and(|n| pos - start >= n) {
                return Ok((pos, pos));
            }
            if matches!(level.scope, Scope::Top | Scope::Meta) {
                pos = self.read_plain(pos, limit, level);
            }
            match self.read_element(pos, limit, level, &mut creators)? {
                Step::Next(next) => pos = next,
                Step::End(end) => return Ok((end, pos.min(end))),
                Step::NoDelimiter(at) => {
                    self.notes.push(Note::NoDelimiter(
                        "End of file reached before delimiter (FFFE,E0DD) found".into(),
                    ));
                    if bytelength.is_none() {
                        self.elements.truncate(mark);
                    }
                    return Ok((at, at));
                }
            }
        }
    }

    /// pydicom's `data_element_generator` for one element (and the sequence it holds).
    fn read_element(
        &mut self,
        pos: usize,
        limit: usize,
        level: Level,
        creators: &mut Creators,
    ) -> Result<Step> {
        let Level {
            implicit,
            little,
            parent,
            depth,
            scope,
        } = level;
        if pos >= limit || limit - pos < 8 {
            return Ok(Step::End(pos.max(limit)));
        }
        let tag = self.tag_at(pos, little);
        let h = self.read_header(pos, limit, implicit, little)?;
        let value_pos = pos + h.size;
        if tag == ITEM_DELIMITER {
            return Ok(Step::End(value_pos));
        }
        let stop = match scope {
            Scope::Meta => tag >> 16 != 0x0002,
            Scope::Command => tag >> 16 != 0x0000,
            Scope::Top => {
                (self.stop_before_pixels && PIXEL_TAGS.contains(&tag))
                    || self.stop_after.is_some_and(|last| tag > last)
            }
            Scope::Item => false,
        };
        if stop {
            self.stopped_at_pixels = scope == Scope::Top;
            return Ok(Step::End(pos));
        }
        let is_charset = tag == CHARSET_TAG;
        let keep = scope != Scope::Top || is_charset || self.wanted(tag);
        let mut flags = h.flags | if little { 0 } else { flag::BIG_ENDIAN };
        let idx = self.elements.len() as u32;
        if is_charset {
            self.charset_candidates.push(idx);
        }
        let mut element = Element {
            tag,
            vr: Vr::UN,
            flags,
            parent,
            end: idx + 1,
            header: pos as u64,
            offset: value_pos as u64,
            len: 0,
        };

        if h.length == UNDEFINED {
            element.flags |= flag::UNDEFINED_LENGTH;
            let vr = match h.vr {
                // pydicom's infer_sq_for_un_vr
                Some(Vr::UN) if !self.no_infer_sq_for_un => Some(Vr::SQ),
                Some(vr) => Some(vr),
                None => match dict::dictionary_vr(tag) {
                    Some(vr) => Some(vr),
                    None => {
                        if limit.saturating_sub(value_pos) < 4 {
                            return Err(Error::malformed(format!(
                                "no tag to read at offset {value_pos}"
                            )));
                        }
                        (self.tag_at(value_pos, little) == ITEM).then_some(Vr::SQ)
                    }
                },
            };
            if vr == Some(Vr::SQ) {
                element.vr = Vr::SQ;
                self.push_nested(element, depth)?;
                let after =
                    self.read_sequence(value_pos, None, limit, implicit, little, idx, depth + 1)?;
                self.finish(idx, after.1, keep);
                return Ok(Step::Next(after.0));
            }
            let Some((content_end, after)) = self.undefined_value_end(value_pos, limit, little)
            else {
                return Ok(Step::NoDelimiter(value_pos));
            };
            element.vr = vr.unwrap_or_else(|| self.implicit_vr(tag, creators));
            if element.vr == Vr::SQ {
                // A private sequence without items, known from the private dictionary.
                self.lazy_sequence(element, content_end, implicit, little, depth, keep);
            } else {
                element.len = (content_end - value_pos) as u64;
                self.push(element, keep);
            }
            return Ok(Step::Next(after));
        }

        let end = value_pos.saturating_add(h.length as usize);
        if !keep {
            return Ok(Step::Next(end));
        }
        // A value cut short by the end of the input is read as far as it goes, as pydicom does.
        let avail = end.min(limit);
        if end > limit {
            flags |= flag::TRUNCATED;
        }
        let value = &self.data[value_pos..avail];
        element.vr = match h.vr {
            None => self.implicit_vr(tag, creators),
            Some(Vr::UN) => match self.un_vr(tag, creators, value.len()) {
                Vr::UN => Vr::UN,
                known => {
                    flags |= flag::FROM_UN;
                    known
                }
            },
            Some(vr) => vr,
        };
        element.flags = flags;
        if is_private_creator(tag) {
            let creator = crate::value::latin1(value)
                .trim_end_matches(['\0', ' '])
                .to_string();
            creators.push(((tag >> 16) as u16, (tag & 0xFF) as u8, creator));
        }
        if element.vr == Vr::SQ {
            self.lazy_sequence(element, avail, implicit, little, depth, true);
        } else {
            element.len = (avail - value_pos) as u64;
            self.push(element, true);
        }
        Ok(Step::Next(end))
    }

    /// Whether a top-level element is kept under `specific_tags`. Tags come in ascending
    /// order, so a cursor moves along the sorted list (a tag out of order searches it afresh).
    fn wanted(&mut self, tag: u32) -> bool {
        let Some(tags) = self.specific_tags else {
            return true;
        };
        let mut i = self.wanted_from;
        if i > 0 && tags[i - 1] >= tag {
            i = tags.partition_point(|&t| t < tag);
        }
        while tags.get(i).is_some_and(|&t| t < tag) {
            i += 1;
        }
        self.wanted_from = i;
        tags.get(i) == Some(&tag)
    }

    /// Reads the file meta, and the top-level elements under `specific_tags`, in a loop of its
    /// own (most of a header, for an index that wants a few dozen tags): one not wanted is
    /// stepped over, a wanted one of plain explicit VR with its value in the data is stored. What needs more
    /// (a stopping or special tag, an undefined length, an unknown VR, a sequence, UN, a
    /// private creator, a tag out of order, a value cut short, a kept implicit VR element) is
    /// left to `read_element`, which reads the same elements the same way, one at a time.
    // Kept out of `read_dataset`, whose registers its loop would otherwise share.
    #[inline(never)]
    fn read_plain(&mut self, mut pos: usize, limit: usize, level: Level) -> usize {
        if !level.little {
            return pos;
        }
        // The tags read here: [from, below) (the file meta keeps all of group 0002; the data
        // set, under `specific_tags`, those below where it stops).
        let (tags, from, below, keep_all) = match (level.scope, self.specific_tags) {
            (Scope::Meta, _) => (&[][..], 0x0002_0000, 0x0003_0000, true),
            (Scope::Top, Some(tags)) => {
                let mut below = if self.stop_before_pixels {
                    PIXEL_TAGS[0]
                } else {
                    ITEM
                };
                if let Some(last) = self.stop_after {
                    below = below.min(last.saturating_add(1));
                }
                (tags, 0, below, false)
            }
            _ => return pos,
        };
        let data = &self.data[..limit.min(self.data.len())];
        // The cursor of `wanted`, moved as it moves it.
        let mut at = self.wanted_from;
        let mut above = at.checked_sub(1).map_or(0, |j| tags[j]);
        while let Some(h) = data.get(pos..pos.saturating_add(12)) {
            let h: &[u8; 12] = h.try_into().expect("12 bytes");
            let tag = u32::from(u16::from_le_bytes([h[0], h[1]])) << 16
                | u32::from(u16::from_le_bytes([h[2], h[3]]));
            // Out of order (at > 0: `above` is a wanted tag) or one `read_element` must see.
            if tag < from || tag >= below || tag == CHARSET_TAG || (at > 0 && above >= tag) {
                break;
            }
            let long = u32::from_le_bytes([h[8], h[9], h[10], h[11]]);
            let (vr, size, length) = if level.implicit {
                (None, 8, u32::from_le_bytes([h[4], h[5], h[6], h[7]]))
            } else {
                match Vr::from_bytes([h[4], h[5]]) {
                    None => break,
                    Some(vr) if vr.has_long_length() => (Some(vr), 12, long),
                    Some(vr) => (Some(vr), 8, u32::from(u16::from_le_bytes([h[6], h[7]]))),
                }
            };
            if length == UNDEFINED {
                break;
            }
            let value_pos = pos + size;
            let end = value_pos.saturating_add(length as usize);
            while tags.get(at).is_some_and(|&t| t < tag) {
                above = tags[at];
                at += 1;
            }
            if keep_all || tags.get(at) == Some(&tag) {
                let plain = matches!(vr, Some(vr) if vr != Vr::SQ && vr != Vr::UN);
                if !plain || end > limit || is_private_creator(tag) {
                    break;
                }
                let idx = self.elements.len() as u32;
                self.elements.push(Element {
                    tag,
                    vr: vr.unwrap_or(Vr::UN),
                    flags: 0,
                    parent: level.parent,
                    end: idx + 1,
                    header: pos as u64,
                    offset: value_pos as u64,
                    len: u64::from(length),
                });
            }
            pos = end;
        }
        self.wanted_from = at;
        pos
    }

    /// A sequence of known extent, which pydicom parses only when its value is read: what
    /// would fail then leaves the sequence empty and marked broken instead of failing the file.
    fn lazy_sequence(
        &mut self,
        element: Element,
        end: usize,
        implicit: bool,
        little: bool,
        depth: usize,
        keep: bool,
    ) {
        let idx = self.elements.len() as u32;
        let start = element.offset as usize;
        if self.push_nested(element, depth).is_err() {
            self.elements[idx as usize].flags |= flag::BROKEN;
            self.finish(idx, end, keep);
            return;
        }
        let bytelength = Some(end - start);
        if self
            .read_sequence(start, bytelength, end, implicit, little, idx, depth + 1)
            .is_err()
        {
            self.elements.truncate(idx as usize + 1);
            self.elements[idx as usize].flags |= flag::BROKEN;
        }
        self.finish(idx, end, keep);
    }

    /// Pushes a sequence element, refusing nesting deeper than `MAX_DEPTH`.
    fn push_nested(&mut self, element: Element, depth: usize) -> Result<()> {
        self.elements.push(element);
        if depth >= MAX_DEPTH {
            return Err(Error::malformed(format!(
                "sequences nested deeper than {MAX_DEPTH}"
            )));
        }
        Ok(())
    }

    /// Sets a sequence's content length and extent, or drops it when it is not wanted.
    fn finish(&mut self, idx: u32, content_end: usize, keep: bool) {
        if !keep {
            self.elements.truncate(idx as usize);
            return;
        }
        let n = self.elements.len() as u32;
        let e = &mut self.elements[idx as usize];
        e.len = (content_end as u64).saturating_sub(e.offset);
        e.end = n;
    }

    fn push(&mut self, element: Element, keep: bool) {
        if keep {
            self.elements.push(element);
        }
    }

    fn read_header(
        &self,
        pos: usize,
        limit: usize,
        implicit: bool,
        little: bool,
    ) -> Result<Header> {
        let implicit_header = Header {
            vr: None,
            length: self.u32_at(pos + 4, little),
            size: 8,
            flags: flag::IMPLICIT,
        };
        if implicit {
            return Ok(implicit_header);
        }
        let vrb = [self.data[pos + 4], self.data[pos + 5]];
        let short = self.u16_at(pos + 6, little) as u32;
        Ok(match Vr::from_bytes(vrb) {
            Some(vr) if vr.has_long_length() => {
                if limit - pos < 12 {
                    return Err(Error::malformed(format!(
                        "truncated element header at offset {pos}"
                    )));
                }
                Header {
                    vr: Some(vr),
                    length: self.u32_at(pos + 8, little),
                    size: 12,
                    flags: 0,
                }
            }
            Some(vr) => Header {
                vr: Some(vr),
                length: short,
                size: 8,
                flags: 0,
            },
            // pydicom: a VR outside 'AA'..'ZZ' means the writer switched to implicit VR here.
            // (Tested only for an unknown VR: it is on every element's path otherwise.)
            None if !(self.no_implicit_vr_switch
                || (b"AA"[..] <= vrb[..] && vrb[..] <= b"ZZ"[..])) =>
            {
                implicit_header
            }
            // An unknown VR with a 2-byte length: pydicom cannot convert its value.
            None => Header {
                vr: Some(Vr::UN),
                length: short,
                size: 8,
                flags: flag::UNKNOWN_VR,
            },
        })
    }

    /// pydicom's `raw_element_vr` for an element without VR: the data dictionary, the private
    /// dictionary under the block's creator, UL for a group length, else UN.
    fn implicit_vr(&self, tag: u32, creators: &Creators) -> Vr {
        if let Some(vr) = dict::dictionary_vr(tag) {
            return vr;
        }
        if is_private(tag) {
            return self.private_vr(tag, creators);
        }
        if tag & 0xFFFF == 0 {
            Vr::UL
        } else {
            Vr::UN
        }
    }

    /// pydicom's `raw_element_vr` for an explicit UN (`replace_un_with_known_vr`).
    fn un_vr(&self, tag: u32, creators: &Creators, len: usize) -> Vr {
        if is_private(tag) {
            self.private_vr(tag, creators)
        } else if len < 0xFFFF {
            dict::dictionary_vr(tag).unwrap_or(Vr::UN)
        } else {
            Vr::UN
        }
    }

    /// pydicom's `_private_vr_for_tag`: LO for creators, else the private dictionary's VR.
    fn private_vr(&self, tag: u32, creators: &Creators) -> Vr {
        let elem = tag & 0xFFFF;
        if is_private_creator(tag) {
            return Vr::LO;
        }
        if elem & 0xFF00 == 0 {
            return Vr::UN;
        }
        let (group, block) = ((tag >> 16) as u16, (elem >> 8) as u8);
        creators
            .iter()
            .rev()
            .find(|(g, b, c)| *g == group && *b == block && !c.is_empty())
            .and_then(|(_, _, c)| dict::private_lookup(c, tag))
            .and_then(|e| Vr::from_dict_str(e.vr()))
            .unwrap_or(Vr::UN)
    }

    /// pydicom's `read_sequence`: items until `bytelength` bytes are read or a sequence
    /// delimiter. Returns the position after the sequence and the end of its content.
    #[allow(clippy::too_many_arguments)]
    fn read_sequence(
        &mut self,
        start: usize,
        bytelength: Option<usize>,
        limit: usize,
        implicit: bool,
        little: bool,
        parent: u32,
        depth: usize,
    ) -> Result<(usize, usize)> {
        let mut pos = start;
        loop {
            if bytelength.is_some_and(|n| pos - start >= n) {
                return Ok((pos, pos));
            }
            if pos >= limit || limit - pos < 8 {
                return Err(Error::malformed(format!(
                    "no item tag to read at offset {pos}"
                )));
            }
            let tag = self.tag_at(pos, little);
            let length = self.u32_at(pos + 4, little);
            if tag == SEQUENCE_DELIMITER {
                return Ok((pos + 8, pos));
            }
            let idx = self.elements.len() as u32;
            let content = pos + 8;
            let item_implicit = self.detect_implicit(content, limit, implicit, true);
            let mut flags = if little { 0 } else { flag::BIG_ENDIAN };
            if item_implicit {
                flags |= flag::IMPLICIT;
            }
            let item_len = if length == UNDEFINED {
                flags |= flag::UNDEFINED_LENGTH;
                None
            } else {
                Some(length as usize)
            };
            self.elements.push(Element {
                tag,
                vr: Vr::Item,
                flags,
                parent,
                end: idx + 1,
                header: pos as u64,
                offset: content as u64,
                len: 0,
            });
            let item = Level {
                implicit: item_implicit,
                little,
                parent: idx,
                depth,
                scope: Scope::Item,
            };
            let (after, content_end) = self.read_dataset(content, limit, item_len, item)?;
            let n = self.elements.len() as u32;
            let item = &mut self.elements[idx as usize];
            item.len = (content_end.min(limit).saturating_sub(content)) as u64;
            item.end = n;
            pos = after;
        }
    }

    /// pydicom's `read_undefined_length_value` for a value that is not a sequence
    /// (encapsulated pixel data): follows the items to the sequence delimiter; if they are
    /// broken, searches for the delimiter. Returns the end of the value and the position after
    /// the delimiter, or None when there is no delimiter.
    fn undefined_value_end(
        &mut self,
        start: usize,
        limit: usize,
        little: bool,
    ) -> Option<(usize, usize)> {
        let mut pos = start;
        while limit.saturating_sub(pos) >= 4 {
            let tag = self.tag_at(pos, little);
            if tag == SEQUENCE_DELIMITER {
                return Some((pos, pos + 8));
            }
            if tag != ITEM || limit - pos < 8 {
                break;
            }
            pos = pos + 8 + self.u32_at(pos + 4, little) as usize;
        }
        if self
            .no_delimiter
            .is_some_and(|(from, to, le)| le == little && from <= start && limit <= to)
        {
            return None;
        }
        let delimiter = if little {
            [0xFE, 0xFF, 0xDD, 0xE0]
        } else {
            [0xFF, 0xFE, 0xE0, 0xDD]
        };
        match self.data[start..limit]
            .windows(4)
            .position(|w| w == delimiter)
        {
            Some(i) => Some((start + i, start + i + 8)),
            None => {
                self.no_delimiter = Some((start, limit, little));
                None
            }
        }
    }
}

fn is_private(tag: u32) -> bool {
    (tag >> 16) % 2 == 1
}

fn is_private_creator(tag: u32) -> bool {
    is_private(tag) && (0x10..=0xFF).contains(&(tag & 0xFFFF))
}
