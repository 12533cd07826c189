//! Builds the flat element index of a Part 10 file (or bare data set) in one pass (PS3.5 ch. 7).
//!
//! Elements, sequences and items share one table in file order: an element's descendants are the
//! entries between it and `end`. Every length is checked against the bytes that remain, nesting is
//! bounded, and nothing is copied except a deflated data set, which is inflated once.
//! Where pydicom tolerates broken files (VR switches, a value truncated by the end of the file,
//! missing delimiters) this parser does the same so both read the same elements.

use std::io::Read;
use std::ops::Range;

use crate::dict;
use crate::error::{Error, Result};
use crate::source::Source;
use crate::vr::Vr;

pub const UNDEFINED: u32 = 0xFFFF_FFFF;
pub const ITEM: u32 = 0xFFFE_E000;
pub const ITEM_DELIMITER: u32 = 0xFFFE_E00D;
pub const SEQUENCE_DELIMITER: u32 = 0xFFFE_E0DD;
pub const PIXEL_TAGS: [u32; 3] = [0x7FE0_0008, 0x7FE0_0009, 0x7FE0_0010];
const CHARSET_TAG: u32 = 0x0008_0005;
/// Deeper nesting than any real file uses; bounds recursion on hostile input.
pub const MAX_DEPTH: usize = 64;
/// Parent of top-level entries.
pub const ROOT: u32 = u32::MAX;

pub const DEFLATED_TS: &str = "1.2.840.10008.1.2.1.99";
pub const IMPLICIT_LE_TS: &str = "1.2.840.10008.1.2";
pub const EXPLICIT_LE_TS: &str = "1.2.840.10008.1.2.1";
pub const EXPLICIT_BE_TS: &str = "1.2.840.10008.1.2.2";

/// Flags of an index entry.
pub mod flag {
    /// Encoded with undefined length (sequences, items, encapsulated pixel data).
    pub const UNDEFINED_LENGTH: u8 = 1;
    /// The VR was not in the stream (implicit VR) and came from the dictionary.
    pub const IMPLICIT: u8 = 2;
    /// Encoded as UN; the VR here is the dictionary's (PS3.5 6.2.2 / pydicom replace_un_with_known_vr).
    pub const FROM_UN: u8 = 4;
    pub const BIG_ENDIAN: u8 = 8;
    /// The value ran past the end of the input and was cut there.
    pub const TRUNCATED: u8 = 16;
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
    /// Top-level tags to keep (sorted); (0008,0005) is always kept.
    pub specific_tags: Option<Vec<u32>>,
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
}

impl Parsed {
    pub fn bytes(&self) -> &[u8] {
        self.source.bytes()
    }

    pub fn value(&self, idx: usize) -> &[u8] {
        &self.bytes()[self.elements[idx].value_range()]
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
    // File Meta Information: group 0002, explicit VR little endian (implicit tolerated).
    let meta_end = p.read_group(start, 0x0002, false)?;
    let meta = 0..p.elements.len() as u32;
    let transfer_syntax = p.meta_string(meta.clone(), 0x0002_0010);
    // A command set (group 0000) is always implicit VR little endian (PS3.7 6.3).
    let ds_start = p.read_group(meta_end, 0x0000, true)?;
    let elements = p.elements;

    let (mut implicit, mut little) = (true, true);
    match transfer_syntax.as_str() {
        "" => {
            // No transfer syntax: guess as pydicom does from the first element's VR and group.
            if data.len() >= ds_start + 6 {
                let group = u16::from_le_bytes([data[ds_start], data[ds_start + 1]]);
                if Vr::from_bytes([data[ds_start + 4], data[ds_start + 5]]).is_some() {
                    implicit = false;
                    little = group < 1024;
                }
            }
        }
        IMPLICIT_LE_TS => {}
        EXPLICIT_BE_TS => (implicit, little) = (false, false),
        _ => implicit = false,
    }
    let source = if transfer_syntax == DEFLATED_TS {
        let inflated = inflate(&data[ds_start..])?;
        let mut whole = Vec::with_capacity(ds_start + inflated.len());
        whole.extend_from_slice(&data[..ds_start]);
        whole.extend_from_slice(&inflated);
        Source::from_vec(whole)
    } else {
        source
    };
    let mut p = Parser::new(source.bytes(), opts);
    p.elements = elements;
    let implicit = p.read_top(ds_start, implicit, little)?;
    let dataset = meta.end..p.elements.len() as u32;
    let elements = p.elements;
    Ok(Parsed {
        preamble: has_preamble.then_some(0..128),
        meta,
        dataset,
        transfer_syntax,
        implicit_vr: implicit,
        little_endian: little,
        dataset_offset: meta_end,
        elements,
        source,
    })
}

/// Inflates a Deflated Explicit VR Little Endian data set (raw deflate, PS3.5 A.5).
/// Deflate cannot expand more than 1032:1, so the output is bounded by the input.
fn inflate(data: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len().saturating_mul(4));
    flate2::read::DeflateDecoder::new(data)
        .read_to_end(&mut out)
        .map_err(|e| Error::malformed(format!("cannot inflate the deflated data set: {e}")))?;
    Ok(out)
}

struct Parser<'a> {
    data: &'a [u8],
    elements: Vec<Element>,
    stop_before_pixels: bool,
    specific_tags: Option<&'a [u32]>,
    /// Set when reading must end (pixel data reached, or input ended mid-value).
    stopped: bool,
}

/// Private creators of the data set being read: (group, block) -> creator.
type Creators = Vec<(u16, u8, String)>;

impl<'a> Parser<'a> {
    fn new(data: &'a [u8], opts: &'a Options) -> Self {
        Parser {
            data,
            elements: Vec::new(),
            stop_before_pixels: opts.stop_before_pixels,
            specific_tags: opts.specific_tags.as_deref(),
            stopped: false,
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

    /// Reads consecutive top-level elements of one group (meta or command set).
    fn read_group(&mut self, start: usize, group: u16, implicit: bool) -> Result<usize> {
        let little = true;
        if self.data.len() < start + 8 || self.u16_at(start, little) != group {
            return Ok(start);
        }
        let implicit = self.detect_implicit(start, implicit, false);
        let mut creators = Creators::new();
        let mut pos = start;
        while pos + 8 <= self.data.len() && self.u16_at(pos, true) == group {
            pos = self.read_element(pos, implicit, little, ROOT, 0, &mut creators, false)?;
        }
        Ok(pos)
    }

    fn meta_string(&self, range: Range<u32>, tag: u32) -> String {
        let found = self.elements[range.start as usize..range.end as usize]
            .iter()
            .find(|e| e.tag == tag);
        found.map_or_else(String::new, |e| {
            let v = &self.data[e.value_range()];
            String::from_utf8_lossy(v)
                .trim_end_matches(['\0', ' '])
                .to_string()
        })
    }

    /// Reads the top-level data set; returns whether it is implicit VR after all.
    fn read_top(&mut self, start: usize, implicit: bool, little: bool) -> Result<bool> {
        let implicit = self.detect_implicit(start, implicit, false);
        let mut creators = Creators::new();
        let mut pos = start;
        while !self.stopped && pos + 8 <= self.data.len() {
            if self.tag_at(pos, little) == ITEM_DELIMITER {
                break;
            }
            pos = self.read_element(pos, implicit, little, ROOT, 0, &mut creators, true)?;
        }
        Ok(implicit)
    }

    /// pydicom's `_is_implicit_vr`: a VR field outside 'A'..'Z' means implicit VR. Items may be
    /// implicit in an explicit data set (PS3.5 6.2.2), but never the other way round.
    fn detect_implicit(&self, pos: usize, assumed: bool, in_sequence: bool) -> bool {
        if (in_sequence && assumed) || pos + 6 > self.data.len() {
            return assumed;
        }
        !(self.data[pos + 4].is_ascii_uppercase() && self.data[pos + 5].is_ascii_uppercase())
    }

    /// Reads the elements of an item (or any nested data set) between `pos` and `limit`.
    /// Returns the position after the item and the end of its content.
    fn read_dataset(
        &mut self,
        mut pos: usize,
        limit: usize,
        implicit: bool,
        little: bool,
        parent: u32,
        depth: usize,
    ) -> Result<(usize, usize)> {
        let mut creators = Creators::new();
        while pos < limit {
            if limit - pos < 8 {
                return Err(Error::malformed(format!(
                    "truncated element header at offset {pos}"
                )));
            }
            if self.tag_at(pos, little) == ITEM_DELIMITER {
                return Ok((pos + 8, pos));
            }
            pos = self.read_element(pos, implicit, little, parent, depth, &mut creators, false)?;
        }
        Ok((pos, pos))
    }

    /// Reads one element at `pos` (recursing into sequences); returns the position after it.
    /// At the top level it may set `stopped` instead (pixel data reached, input cut short).
    #[allow(clippy::too_many_arguments)]
    fn read_element(
        &mut self,
        pos: usize,
        implicit: bool,
        little: bool,
        parent: u32,
        depth: usize,
        creators: &mut Creators,
        top: bool,
    ) -> Result<usize> {
        let data = self.data;
        let tag = self.tag_at(pos, little);
        let (mut vr, length, header_len, mut flags) = self.read_header(pos, implicit, little)?;
        // A value encoded as UN is implicit VR little endian inside (PS3.5 6.2.2).
        let encoded_un = vr == Some(Vr::UN);
        if !little {
            flags |= flag::BIG_ENDIAN;
        }
        let value_pos = pos + header_len;
        if top && self.stop_before_pixels && PIXEL_TAGS.contains(&tag) {
            self.stopped = true;
            return Ok(pos);
        }
        let keep = !top
            || tag == CHARSET_TAG
            || self
                .specific_tags
                .is_none_or(|t| t.binary_search(&tag).is_ok());
        if vr.is_none() || vr == Some(Vr::UN) {
            let known = self.known_vr(tag, creators);
            if vr.is_none() {
                vr = Some(known.unwrap_or(Vr::UN));
            } else if let Some(k) = known {
                if k != Vr::UN {
                    vr = Some(k);
                    flags |= flag::FROM_UN;
                }
            }
        }
        let mut vr = vr.unwrap_or(Vr::UN);
        let idx = self.elements.len() as u32;
        let mut element = Element {
            tag,
            vr,
            flags,
            parent,
            end: idx + 1,
            header: pos as u64,
            offset: value_pos as u64,
            len: 0,
        };

        if length == UNDEFINED {
            element.flags |= flag::UNDEFINED_LENGTH;
            if encoded_un && flags & flag::FROM_UN == 0 {
                // PS3.5 6.2.2: UN of undefined length is an implicit VR LE sequence.
                vr = Vr::SQ;
            } else if flags & flag::IMPLICIT != 0
                && !matches!(vr, Vr::SQ)
                && dict::dictionary_vr(tag).is_none()
                && value_pos + 4 <= data.len()
                && self.tag_at(value_pos, little) == ITEM
            {
                vr = Vr::SQ;
            }
            element.vr = vr;
            if vr == Vr::SQ {
                if depth >= MAX_DEPTH {
                    return Err(Error::malformed(format!(
                        "sequences nested deeper than {MAX_DEPTH}"
                    )));
                }
                let (seq_implicit, seq_little) = if encoded_un {
                    (true, true)
                } else {
                    (implicit, little)
                };
                self.elements.push(element);
                let (after, content_end) =
                    self.read_sequence(value_pos, None, seq_implicit, seq_little, idx, depth + 1)?;
                self.finish(idx, content_end, keep);
                return Ok(after);
            }
            let (after, content_end) = self.undefined_value_end(value_pos);
            element.len = (content_end - value_pos) as u64;
            self.push(element, keep);
            return Ok(after);
        }

        let length = length as usize;
        let mut end = value_pos + length;
        if end > data.len() {
            if !top {
                return Err(Error::malformed(format!(
                    "element ({:04X},{:04X}) has length {length} but only {} bytes remain",
                    tag >> 16,
                    tag & 0xFFFF,
                    data.len().saturating_sub(value_pos)
                )));
            }
            // pydicom reads what is there and stops.
            element.flags |= flag::TRUNCATED;
            end = data.len();
            self.stopped = true;
        }
        element.len = (end - value_pos) as u64;
        if is_private_creator(tag) {
            let v = &data[value_pos..end];
            let creator = String::from_utf8_lossy(v)
                .trim_matches(['\0', ' '])
                .to_string();
            creators.push(((tag >> 16) as u16, (tag & 0xFF) as u8, creator));
        }
        if vr == Vr::SQ {
            if depth >= MAX_DEPTH {
                return Err(Error::malformed(format!(
                    "sequences nested deeper than {MAX_DEPTH}"
                )));
            }
            let from_un = encoded_un;
            let (seq_implicit, seq_little) = if from_un {
                (true, true)
            } else {
                (implicit, little)
            };
            self.elements.push(element);
            let mark = self.elements.len();
            match self.read_sequence(
                value_pos,
                Some(end),
                seq_implicit,
                seq_little,
                idx,
                depth + 1,
            ) {
                Ok(_) => self.finish(idx, end, keep),
                Err(_) if from_un => {
                    // Not a valid sequence after all: keep the bytes as UN, as pydicom does.
                    self.elements.truncate(mark);
                    let e = &mut self.elements[idx as usize];
                    e.vr = Vr::UN;
                    e.flags &= !flag::FROM_UN;
                    self.finish(idx, end, keep);
                }
                Err(e) => return Err(e),
            }
        } else {
            self.push(element, keep);
        }
        Ok(end)
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

    /// Tag, VR (None when implicit), value length and header size of the element at `pos`.
    fn read_header(
        &self,
        pos: usize,
        implicit: bool,
        little: bool,
    ) -> Result<(Option<Vr>, u32, usize, u8)> {
        let data = self.data;
        if pos + 8 > data.len() {
            return Err(Error::malformed(format!(
                "truncated element header at offset {pos}"
            )));
        }
        if implicit {
            return Ok((None, self.u32_at(pos + 4, little), 8, flag::IMPLICIT));
        }
        let vrb = [data[pos + 4], data[pos + 5]];
        match Vr::from_bytes(vrb) {
            Some(vr) if vr.has_long_length() => {
                if pos + 12 > data.len() {
                    return Err(Error::malformed(format!(
                        "truncated element header at offset {pos}"
                    )));
                }
                Ok((Some(vr), self.u32_at(pos + 8, little), 12, 0))
            }
            Some(vr) => Ok((Some(vr), self.u16_at(pos + 6, little) as u32, 8, 0)),
            // pydicom: a VR outside 'AA'..'ZZ' means the writer switched to implicit VR here.
            None if !(b"AA"[..] <= vrb[..] && vrb[..] <= b"ZZ"[..]) => {
                Ok((None, self.u32_at(pos + 4, little), 8, flag::IMPLICIT))
            }
            // An unknown VR: read as UN with a 2-byte length, as pydicom does.
            None => Ok((Some(Vr::UN), self.u16_at(pos + 6, little) as u32, 8, 0)),
        }
    }

    /// The VR of an element whose VR is implicit or UN: the data dictionary, or for private
    /// elements the private dictionary under the block's creator (private creators are LO).
    fn known_vr(&self, tag: u32, creators: &Creators) -> Option<Vr> {
        let group = (tag >> 16) as u16;
        if group % 2 == 1 {
            let elem = tag & 0xFFFF;
            if (0x10..=0xFF).contains(&elem) {
                return Some(Vr::LO);
            }
            if elem == 0 {
                return Some(Vr::UL);
            }
            let block = (elem >> 8) as u8;
            let creator = creators
                .iter()
                .rev()
                .find(|(g, b, _)| *g == group && *b == block)?;
            return dict::private_lookup(&creator.2, tag).and_then(|e| Vr::from_dict_str(e.vr()));
        }
        dict::lookup_or_group_length(tag).and_then(|e| Vr::from_dict_str(e.vr))
    }

    /// Reads the items of a sequence; returns the position after it and the end of its content.
    fn read_sequence(
        &mut self,
        mut pos: usize,
        end: Option<usize>,
        implicit: bool,
        little: bool,
        parent: u32,
        depth: usize,
    ) -> Result<(usize, usize)> {
        loop {
            if let Some(e) = end {
                if pos >= e {
                    return Ok((pos, pos));
                }
            }
            if pos + 8 > self.data.len() {
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
            let mut item = Element {
                tag,
                vr: Vr::Item,
                flags: if little { 0 } else { flag::BIG_ENDIAN },
                parent,
                end: idx + 1,
                header: pos as u64,
                offset: pos as u64 + 8,
                len: 0,
            };
            let start = pos + 8;
            let item_implicit = self.detect_implicit(start, implicit, true);
            if item_implicit {
                item.flags |= flag::IMPLICIT;
            }
            self.elements.push(item);
            let (after, content_end) = if length == UNDEFINED {
                self.elements[idx as usize].flags |= flag::UNDEFINED_LENGTH;
                self.read_dataset(start, self.data.len(), item_implicit, little, idx, depth)?
            } else {
                let item_end = start
                    .checked_add(length as usize)
                    .filter(|&e| e <= self.data.len())
                    .ok_or_else(|| {
                        Error::malformed(format!(
                            "item at offset {pos} runs past the end of the data"
                        ))
                    })?;
                self.read_dataset(start, item_end, item_implicit, little, idx, depth)?;
                (item_end, item_end)
            };
            let n = self.elements.len() as u32;
            let item = &mut self.elements[idx as usize];
            item.len = (content_end - start) as u64;
            item.end = n;
            pos = after;
        }
    }

    /// End of an undefined-length value that is not a sequence (encapsulated pixel data):
    /// follows the items to the sequence delimiter; if they are broken, scans for the delimiter
    /// as pydicom does; without one, the value runs to the end of the data.
    fn undefined_value_end(&self, start: usize) -> (usize, usize) {
        let data = self.data;
        let mut pos = start;
        while pos + 8 <= data.len() {
            let tag = self.tag_at(pos, true);
            if tag == SEQUENCE_DELIMITER {
                return (pos + 8, pos);
            }
            if tag != ITEM {
                break;
            }
            let len = self.u32_at(pos + 4, true) as usize;
            match (pos + 8).checked_add(len) {
                Some(next) if next <= data.len() => pos = next,
                _ => break,
            }
        }
        const DELIM: [u8; 4] = [0xFE, 0xFF, 0xDD, 0xE0];
        match data[start..].windows(4).position(|w| w == DELIM) {
            Some(i) => {
                let at = start + i;
                ((at + 8).min(data.len()), at)
            }
            None => (data.len(), data.len()),
        }
    }
}

fn is_private_creator(tag: u32) -> bool {
    (tag >> 16) % 2 == 1 && (0x10..=0xFF).contains(&(tag & 0xFFFF))
}
