//! Decoding element values on demand (PS3.5 6.2), with pydicom's stripping and splitting rules
//! so that the Python layer only wraps the parts in pydicom's types.

use std::borrow::Cow;

use crate::charset::{CharacterSet, Delimiters, ESC};
use crate::error::{Error, Result};
use crate::parse::{flag, Parsed, ROOT};
use crate::tag::Tag;
use crate::vr::Vr;

/// A decoded value, before it is given Python types.
#[derive(Debug, PartialEq)]
pub enum Value {
    /// Zero-length value.
    Empty,
    /// String VRs: the values after splitting on backslash and stripping per VR.
    Strs(Vec<String>),
    Ints(Vec<i64>),
    /// UV values, which may not fit an i64.
    UInts(Vec<u64>),
    Floats(Vec<f64>),
    Tags(Vec<u32>),
    /// Binary VRs (OB, OW, UN, ...): the raw bytes, left in place.
    Bytes,
    /// SQ: the item indices.
    Items(Vec<u32>),
}

/// Latin-1, the repertoire pydicom decodes non-text string VRs with.
pub fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| b as char).collect()
}

fn rstrip_pad(s: &str) -> &str {
    s.trim_end_matches([' ', '\0'])
}

/// The text of a string VR's raw value: Latin-1 for VRs without a character set, `decode` (the
/// data set's character set) for the others. Borrowed when the bytes are ASCII without escape
/// sequences, which every character set reads as themselves (so many values cost no copy).
pub fn string_text(raw: &[u8], vr: Vr, decode: impl FnOnce(&[u8]) -> String) -> Cow<'_, str> {
    // PN loses its padding as bytes, before decoding (pydicom's PersonName).
    let raw = match vr {
        Vr::PN => {
            &raw[..raw
                .iter()
                .rposition(|&b| b != 0 && b != b' ')
                .map_or(0, |i| i + 1)]
        }
        _ => raw,
    };
    if raw.is_ascii() && !raw.contains(&ESC) {
        // SAFETY: ASCII bytes (just checked) are valid UTF-8.
        return Cow::Borrowed(unsafe { std::str::from_utf8_unchecked(raw) });
    }
    Cow::Owned(if vr.uses_charset() {
        decode(raw)
    } else {
        latin1(raw)
    })
}

/// Calls `f` with each value of a string VR's text, split on backslashes and stripped as
/// pydicom does per VR.
pub fn for_each_string<'t>(vr: Vr, text: &'t str, mut f: impl FnMut(&'t str)) {
    match vr {
        Vr::AE => text.split('\\').map(str::trim).for_each(f),
        Vr::DS => rstrip_pad(text.trim()).split('\\').for_each(f),
        Vr::UR => f(text.trim_end()),
        Vr::ST | Vr::LT | Vr::UT => f(rstrip_pad(text)),
        Vr::SH | Vr::LO | Vr::UC => text.split('\\').map(rstrip_pad).for_each(f),
        Vr::PN => text.split('\\').for_each(f),
        // AS, CS, DA, DT, TM, IS, UI: pydicom's `multi_string` (strip the padding, then split)
        _ => rstrip_pad(text).split('\\').for_each(f),
    }
}

/// Decodes the value of element `idx` as `vr` (normally the element's own VR).
pub fn decode(p: &Parsed, idx: usize, vr: Vr) -> Result<Value> {
    decode_in(p, idx, vr, None)
}

/// As `decode`, with the character set in force for the element when the caller knows it
/// (a reader of many elements of one data set works it out once).
pub fn decode_in(p: &Parsed, idx: usize, vr: Vr, charset: Option<&CharacterSet>) -> Result<Value> {
    let text = |raw: &[u8]| match charset {
        Some(cs) => cs.decode(raw, Delimiters::Text),
        None => charset_of(p, idx).decode(raw, Delimiters::Text),
    };
    let e = &p.elements[idx];
    let tag = || Tag(e.tag);
    if e.flags & flag::UNKNOWN_VR != 0 {
        // pydicom shows the VR as letters when both bytes are letters, else in hex
        let h = e.header as usize + 4;
        let vr = &p.bytes()[h..h + 2];
        let shown = if vr.iter().all(u8::is_ascii_alphabetic) {
            String::from_utf8_lossy(vr).into_owned()
        } else {
            format!("0x{:02x} 0x{:02x}", vr[0], vr[1])
        };
        return Err(Error::Unsupported(format!(
            "Unknown Value Representation '{shown}' in tag {}",
            tag()
        )));
    }
    if vr == Vr::SQ {
        if e.flags & flag::BROKEN != 0 {
            return Err(Error::malformed(format!(
                "the items of sequence {} cannot be read",
                tag()
            )));
        }
        return Ok(Value::Items(
            p.children(p.child_range(idx as u32)).collect(),
        ));
    }
    let raw = p.value(idx);
    if raw.is_empty() {
        return Ok(Value::Empty);
    }
    // Like pydicom, values are read in the data set's byte order even when encoded as UN.
    let little = e.is_little_endian();
    Ok(match vr {
        _ if vr.is_string() => {
            let text = string_text(raw, vr, text);
            let mut values = Vec::new();
            for_each_string(vr, &text, |s| values.push(s.to_string()));
            Value::Strs(values)
        }
        Vr::US => Value::Ints(numbers::<u16, _>(raw, vr, little, i64::from)?),
        Vr::SS => Value::Ints(numbers::<i16, _>(raw, vr, little, i64::from)?),
        Vr::UL => Value::Ints(numbers::<u32, _>(raw, vr, little, i64::from)?),
        Vr::SL => Value::Ints(numbers::<i32, _>(raw, vr, little, i64::from)?),
        Vr::SV => Value::Ints(numbers::<i64, _>(raw, vr, little, |v| v)?),
        Vr::UV => Value::UInts(numbers::<u64, _>(raw, vr, little, |v| v)?),
        Vr::FL => Value::Floats(numbers::<f32, _>(raw, vr, little, f64::from)?),
        Vr::FD => Value::Floats(numbers::<f64, _>(raw, vr, little, |v| v)?),
        Vr::AT => {
            // pydicom drops a trailing partial tag.
            let whole = &raw[..raw.len() - raw.len() % 4];
            let tag = |c: &[u8]| -> u32 {
                let (g, el) = if little {
                    (
                        u16::from_le_bytes([c[0], c[1]]),
                        u16::from_le_bytes([c[2], c[3]]),
                    )
                } else {
                    (
                        u16::from_be_bytes([c[0], c[1]]),
                        u16::from_be_bytes([c[2], c[3]]),
                    )
                };
                (g as u32) << 16 | el as u32
            };
            Value::Tags(whole.chunks_exact(4).map(tag).collect())
        }
        _ => Value::Bytes,
    })
}

/// A fixed-size number as stored in either byte order.
trait Stored: Sized {
    const SIZE: usize;
    fn read(bytes: &[u8], little: bool) -> Self;
}

macro_rules! stored {
    ($($t:ty),*) => {$(
        impl Stored for $t {
            const SIZE: usize = std::mem::size_of::<$t>();
            fn read(bytes: &[u8], little: bool) -> Self {
                let b = bytes.try_into().expect("a chunk of SIZE bytes");
                if little { <$t>::from_le_bytes(b) } else { <$t>::from_be_bytes(b) }
            }
        }
    )*};
}
stored!(u16, i16, u32, i32, i64, u64, f32, f64);

/// The values of a binary numeric VR, each converted with `conv` (pydicom's convert_numbers).
fn numbers<T: Stored, U>(
    raw: &[u8],
    vr: Vr,
    little: bool,
    conv: impl Fn(T) -> U,
) -> Result<Vec<U>> {
    if raw.len() % T::SIZE != 0 {
        return Err(Error::BytesLength(format!(
            "Expected total bytes to be an even multiple of bytes per value. Instead received \
             a value of length {} for VR '{vr}' with {} bytes per value.",
            raw.len(),
            T::SIZE
        )));
    }
    Ok(raw
        .chunks_exact(T::SIZE)
        .map(|c| conv(T::read(c, little)))
        .collect())
}

/// The character set in force for element `idx`: the nearest enclosing data set's (0008,0005).
pub fn charset_of(p: &Parsed, idx: usize) -> CharacterSet {
    // Up through the enclosing items (data sets) and sequences to the top level.
    let mut at = p.elements[idx].parent;
    loop {
        if at == ROOT || p.elements[at as usize].vr == Vr::Item {
            if let Some(cs) = p.charset_element(at) {
                return CharacterSet::from_value(p.value(cs as usize));
            }
            if at == ROOT {
                return CharacterSet::default();
            }
        }
        at = p.elements[at as usize].parent;
    }
}
