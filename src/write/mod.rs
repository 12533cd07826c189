//! Writing DICOM (PS3.5 ch. 7, PS3.10 ch. 7): element headers in a target encoding, elements
//! read from a file copied byte for byte when their encoding already is the target's (or
//! re-encoded around their original value when it is not), values encoded per VR (`encode`),
//! and the file replaced atomically (`file`). `walk` decides what is written: it goes through
//! a data set seen through its `Level` trait (the bindings implement it over the Python
//! objects) and assembles the bytes into an [`Output`].

pub mod encode;
pub mod file;
pub mod output;
pub mod pixels;
pub mod walk;

use std::ops::Range;

use crate::error::{Error, Result};
use crate::parse::{flag, Parsed, ITEM, ITEM_DELIMITER, SEQUENCE_DELIMITER, UNDEFINED};
use crate::tag::Tag;
use crate::vr::Vr;
pub use output::{Mark, Output};

/// How a data set is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Encoding {
    pub implicit: bool,
    pub little: bool,
}

impl Encoding {
    /// The File Meta Information's encoding, whatever the transfer syntax.
    pub const EXPLICIT_LE: Encoding = Encoding {
        implicit: false,
        little: true,
    };
}

/// The length field of an element or item header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Length {
    Defined(u64),
    Undefined,
    /// Filled in later through the returned [`Mark`].
    Later,
}

fn tag_bytes(tag: u32, little: bool) -> [u8; 4] {
    let (g, e) = ((tag >> 16) as u16, tag as u16);
    let (g, e) = if little {
        (g.to_le_bytes(), e.to_le_bytes())
    } else {
        (g.to_be_bytes(), e.to_be_bytes())
    };
    [g[0], g[1], e[0], e[1]]
}

fn u32_bytes(v: u32, little: bool) -> [u8; 4] {
    if little {
        v.to_le_bytes()
    } else {
        v.to_be_bytes()
    }
}

fn length_u32(tag: u32, len: u64) -> Result<u32> {
    u32::try_from(len)
        .ok()
        .filter(|&n| n != UNDEFINED)
        .ok_or_else(|| {
            Error::Value(format!(
                "the value of {} is {len} bytes, more than a DICOM length can hold",
                Tag(tag)
            ))
        })
}

/// Writes an element header. In explicit VR a value too long for a 16-bit length is written
/// as UN, as pydicom does (PS3.5 6.2.2); the VR actually written is returned with the mark
/// of a `Length::Later` length field.
pub fn header(
    out: &mut Output,
    tag: u32,
    vr: Vr,
    length: Length,
    enc: Encoding,
) -> Result<(Vr, Option<Mark>)> {
    out.push(&tag_bytes(tag, enc.little));
    let mut vr = vr;
    let long = if enc.implicit {
        true
    } else {
        if matches!(
            vr,
            Vr::UsSs | Vr::UsOw | Vr::UsSsOw | Vr::ObOw | Vr::SsOw | Vr::Item
        ) {
            return Err(Error::Value(format!(
                "Cannot write ambiguous VR of '{vr}' for data element with tag {}: set the \
                 correct VR before writing, or use an implicit VR transfer syntax",
                Tag(tag)
            )));
        }
        if let Length::Defined(n) = length {
            if !vr.has_long_length() && n > 0xFFFF {
                vr = Vr::UN;
            }
        }
        out.push(vr.as_str().as_bytes());
        vr.has_long_length()
    };
    if !long {
        let Length::Defined(n) = length else {
            return Err(Error::Value(format!(
                "{} with VR {vr} needs a defined length in explicit VR",
                Tag(tag)
            )));
        };
        let n = n as u16;
        out.push(&if enc.little {
            n.to_le_bytes()
        } else {
            n.to_be_bytes()
        });
        return Ok((vr, None));
    }
    if !enc.implicit {
        out.push(&[0, 0]);
    }
    Ok((vr, length_field(out, tag, length, enc.little)?))
}

fn length_field(out: &mut Output, tag: u32, length: Length, little: bool) -> Result<Option<Mark>> {
    Ok(match length {
        Length::Defined(n) => {
            out.push(&u32_bytes(length_u32(tag, n)?, little));
            None
        }
        Length::Undefined => {
            out.push(&u32_bytes(UNDEFINED, little));
            None
        }
        Length::Later => Some(out.placeholder_u32()),
    })
}

/// An item header (FFFE,E000).
pub fn item_header(out: &mut Output, length: Length, little: bool) -> Result<Option<Mark>> {
    out.push(&tag_bytes(ITEM, little));
    length_field(out, ITEM, length, little)
}

/// An item or sequence delimiter.
pub fn delimiter(out: &mut Output, tag: u32, little: bool) {
    out.push(&tag_bytes(tag, little));
    out.push(&[0; 4]);
}

/// Sets a `Length::Later` field to the bytes written since `start`.
pub fn patch_length(out: &mut Output, mark: Mark, start: u64, little: bool) -> Result<()> {
    let n = length_u32(ITEM, out.len() - start)?;
    out.patch_u32(mark, n, little);
    Ok(())
}

/// The VR bytes of an explicit VR element header as they are in the file, None for an
/// element read without VR (implicit VR, or an item).
pub fn wire_vr(p: &Parsed, idx: usize) -> Option<[u8; 2]> {
    let e = &p.elements[idx];
    if e.flags & flag::IMPLICIT != 0 || e.tag >> 16 == 0xFFFE {
        return None;
    }
    let h = e.header as usize;
    Some([p.bytes()[h + 4], p.bytes()[h + 5]])
}

/// The bytes element `idx` (or item) occupies in its file, delimiter included, when it is
/// intact there: its length field is what was read (not cut short by the end of the input)
/// and an undefined length ends with its delimiter.
pub fn raw_extent(p: &Parsed, idx: usize) -> Option<Range<usize>> {
    let e = &p.elements[idx];
    let bytes = p.bytes();
    let little = e.is_little_endian();
    let read_u32 = |at: usize| -> Option<u32> {
        let b: [u8; 4] = bytes.get(at..at + 4)?.try_into().ok()?;
        Some(if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    };
    let (h, end) = (e.header as usize, (e.offset + e.len) as usize);
    if e.flags & flag::TRUNCATED != 0 {
        return None;
    }
    if e.is_undefined_length() {
        let tag = if e.tag == ITEM {
            ITEM_DELIMITER
        } else {
            SEQUENCE_DELIMITER
        };
        let found = bytes.get(end..end + 8)?[..4] == tag_bytes(tag, little);
        return found.then_some(h..end + 8);
    }
    let declared = match wire_vr(p, idx) {
        None => read_u32(h + 4)?,
        Some(vr) if Vr::from_bytes(vr).is_some_and(Vr::has_long_length) => read_u32(h + 8)?,
        Some(_) => {
            let b = [bytes[h + 6], bytes[h + 7]];
            u32::from(if little {
                u16::from_le_bytes(b)
            } else {
                u16::from_be_bytes(b)
            })
        }
    };
    (e.offset + u64::from(declared) == end as u64).then_some(h..end)
}

/// Whether element `idx` can be copied as it is into a data set written with `enc` as `vr`.
pub fn copyable(p: &Parsed, idx: usize, vr: Vr, enc: Encoding) -> Option<Range<usize>> {
    let e = &p.elements[idx];
    let implicit = e.flags & flag::IMPLICIT != 0;
    if implicit != enc.implicit || e.is_little_endian() != enc.little {
        return None;
    }
    if !enc.implicit && wire_vr(p, idx).is_some_and(|w| w != vr.as_str().as_bytes()) {
        return None;
    }
    raw_extent(p, idx)
}

/// Bytes per number whose order a change of endianness reverses (AT: two 16-bit numbers).
fn swap_unit(vr: Vr) -> usize {
    use Vr::*;
    match vr {
        SS | US | OW | AT | UsSs | UsOw | UsSsOw | SsOw => 2,
        SL | UL | FL | OF | OL => 4,
        FD | SV | UV | OD | OV => 8,
        _ => 1,
    }
}

/// What [`transcode`] needs to know of a raw element.
pub struct RawValue<'a> {
    pub tag: u32,
    pub undefined: bool,
    pub little: bool,
    pub value: &'a [u8],
}

impl<'a> RawValue<'a> {
    pub fn of(p: &'a Parsed, idx: usize) -> RawValue<'a> {
        let e = &p.elements[idx];
        RawValue {
            tag: e.tag,
            undefined: e.is_undefined_length(),
            little: e.is_little_endian(),
            value: p.value(idx),
        }
    }
}

/// The value of a raw element in the target byte order, padded to even length; None when the
/// bytes can be copied as they are.
pub fn converted_value(raw: &RawValue<'_>, vr: Vr, little: bool) -> Option<Vec<u8>> {
    let unit = swap_unit(vr);
    let swap = raw.little != little && unit > 1 && !raw.undefined;
    if !swap && raw.value.len() % 2 == 0 {
        return None;
    }
    let mut v = raw.value.to_vec();
    if swap {
        let whole = v.len() - v.len() % unit;
        v[..whole].chunks_exact_mut(unit).for_each(<[u8]>::reverse);
    }
    if v.len() % 2 == 1 {
        v.push(encode::padding(vr));
    }
    Some(v)
}

/// Writes the header of a non-sequence raw element re-encoded as `vr` in `enc`, followed by
/// the value (`copy` copies the original bytes; else the converted ones are pushed) and the
/// delimiter of an undefined length.
pub fn transcode(
    out: &mut Output,
    raw: &RawValue<'_>,
    vr: Vr,
    enc: Encoding,
    copy: impl FnOnce(&mut Output),
) -> Result<Vr> {
    let converted = converted_value(raw, vr, enc.little);
    let len = converted.as_ref().map_or(raw.value.len(), Vec::len) as u64;
    let length = if raw.undefined {
        Length::Undefined
    } else {
        Length::Defined(len)
    };
    let (written, _) = header(out, raw.tag, vr, length, enc)?;
    match converted {
        Some(v) => out.push(&v),
        None => copy(out),
    }
    if raw.undefined {
        delimiter(out, SEQUENCE_DELIMITER, enc.little);
    }
    Ok(written)
}

#[cfg(test)]
mod tests;
