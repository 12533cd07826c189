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
    if bytes.is_ascii() {
        String::from_utf8(bytes.to_vec()).expect("ASCII is UTF-8")
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

fn rstrip_pad(s: &str) -> &str {
    // Byte by byte (both are ASCII): what ends before them ends a character too.
    let end = s
        .bytes()
        .rposition(|b| b != b' ' && b != 0)
        .map_or(0, |i| i + 1);
    &s[..end]
}

/// `str::trim`, with no work for the usual value that starts and ends with a printable ASCII
/// character (no whitespace to strip).
pub fn trim(s: &str) -> &str {
    let printable = |b: Option<&u8>| b.is_some_and(|&b| (0x21..0x7F).contains(&b));
    if printable(s.as_bytes().first()) && printable(s.as_bytes().last()) {
        s
    } else {
        s.trim()
    }
}

/// The values of a string VR's text (split on backslashes; each an empty string at least).
/// Byte by byte: values are short, and a backslash is ASCII, so it ends a character.
fn split_values(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let t = rest?;
        match t.bytes().position(|b| b == b'\\') {
            Some(i) => {
                rest = Some(&t[i + 1..]);
                Some(&t[..i])
            }
            None => {
                rest = None;
                Some(t)
            }
        }
    })
}

/// Whether `raw` is ASCII without escape sequences, eight bytes at a time.
fn plain_ascii(raw: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    let mut words = raw.chunks_exact(8);
    for w in &mut words {
        let x = u64::from_ne_bytes(w.try_into().expect("8 bytes"));
        // A byte of `e` is zero where `x` holds ESC; (e - ONES) & !e has that byte's high bit.
        let e = x ^ (ONES * u64::from(ESC));
        if (x | (e.wrapping_sub(ONES) & !e)) & HIGH != 0 {
            return false;
        }
    }
    words.remainder().iter().all(|&b| b < 0x80 && b != ESC)
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
    if plain_ascii(raw) {
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
        Vr::AE => split_values(text).map(trim).for_each(f),
        Vr::DS => split_values(rstrip_pad(trim(text))).for_each(f),
        Vr::UR => f(text.trim_end()),
        Vr::ST | Vr::LT | Vr::UT => f(rstrip_pad(text)),
        Vr::SH | Vr::LO | Vr::UC => split_values(text).map(rstrip_pad).for_each(f),
        Vr::PN => split_values(text).for_each(f),
        // AS, CS, DA, DT, TM, IS, UI: pydicom's `multi_string` (strip the padding, then split)
        _ => split_values(rstrip_pad(text)).for_each(f),
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
    let mut out = Vec::with_capacity(raw.len() / T::SIZE);
    each_stored(raw, vr, little, |v: T| out.push(conv(v)))?;
    Ok(out)
}

/// Calls `f` with each value of a binary numeric VR, after checking the length holds whole
/// values (pydicom's convert_numbers).
fn each_stored<T: Stored>(raw: &[u8], vr: Vr, little: bool, f: impl FnMut(T)) -> Result<()> {
    if raw.len() % T::SIZE != 0 {
        return Err(Error::BytesLength(format!(
            "Expected total bytes to be an even multiple of bytes per value. Instead received \
             a value of length {} for VR '{vr}' with {} bytes per value.",
            raw.len(),
            T::SIZE
        )));
    }
    raw.chunks_exact(T::SIZE)
        .map(|c| T::read(c, little))
        .for_each(f);
    Ok(())
}

/// One value of a binary numeric VR.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    Int(i64),
    /// UV, which may not fit an i64.
    UInt(u64),
    Float(f64),
}

/// Calls `f` with each value of `raw` read as the binary numeric VR `vr`, as `decode` reads
/// them but without collecting them; Ok(false) when `vr` is no binary numeric VR.
pub fn for_each_number(
    raw: &[u8],
    vr: Vr,
    little: bool,
    mut f: impl FnMut(Number),
) -> Result<bool> {
    match vr {
        Vr::US => each_stored(raw, vr, little, |v: u16| f(Number::Int(v.into())))?,
        Vr::SS => each_stored(raw, vr, little, |v: i16| f(Number::Int(v.into())))?,
        Vr::UL => each_stored(raw, vr, little, |v: u32| f(Number::Int(v.into())))?,
        Vr::SL => each_stored(raw, vr, little, |v: i32| f(Number::Int(v.into())))?,
        Vr::SV => each_stored(raw, vr, little, |v: i64| f(Number::Int(v)))?,
        Vr::UV => each_stored(raw, vr, little, |v: u64| f(Number::UInt(v)))?,
        Vr::FL => each_stored(raw, vr, little, |v: f32| f(Number::Float(v.into())))?,
        Vr::FD => each_stored(raw, vr, little, |v: f64| f(Number::Float(v)))?,
        _ => return Ok(false),
    }
    Ok(true)
}

/// `s.parse::<f64>()`, with a short path for the usual DS value: a plain decimal of at most
/// 19 digits whose digits fit a double exactly and whose fraction has at most 22 digits, for
/// which one correctly rounded division by an exact power of ten is the correctly rounded
/// value (Clinger's fast path).
pub fn parse_f64(s: &str) -> Option<f64> {
    plain_decimal(s.as_bytes()).or_else(|| s.parse().ok())
}

fn plain_decimal(b: &[u8]) -> Option<f64> {
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let (negative, body) = match b.first()? {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    let (mut mantissa, mut digits, mut fraction, mut dot) = (0u64, 0, 0, false);
    for &c in body {
        match c {
            b'0'..=b'9' if digits < 19 => {
                mantissa = mantissa * 10 + u64::from(c - b'0');
                digits += 1;
                fraction += usize::from(dot);
            }
            b'.' if !dot => dot = true,
            _ => return None,
        }
    }
    if digits == 0 || mantissa > 1 << 53 || fraction >= POW10.len() {
        return None;
    }
    let v = mantissa as f64 / POW10[fraction];
    Some(if negative { -v } else { v })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_paths_agree_with_std() {
        let numbers = [
            "0.661468",
            "-158.135803",
            "+1",
            ".5",
            "5.",
            "-0",
            "0",
            "1e5",
            "inf",
            "NaN",
            "",
            ".",
            "-",
            "1.2.3",
            " 1",
            "12345678901234567890",
            "9007199254740993",
            "0.0000000000000000000001",
            "0.00000000000000000000001",
            "179.999999999999999",
            "1.7976931348623157",
            "3.14159265358979323846",
        ];
        for s in numbers {
            let ours = parse_f64(s).map(f64::to_bits);
            assert_eq!(ours, s.parse::<f64>().ok().map(f64::to_bits), "{s:?}");
        }
        for s in [
            "",
            " ",
            "a",
            " a ",
            "a\u{a0}",
            "\u{b}x\u{1c}",
            "\0a\0",
            "é",
            "1.5 ",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
            assert_eq!(rstrip_pad(s), s.trim_end_matches([' ', '\0']), "{s:?}");
        }
        for s in ["", "\\", "a\\", "\\b", "a\\\\b", "é\\ü", "1.2.3"] {
            assert_eq!(
                split_values(s).collect::<Vec<_>>(),
                s.split('\\').collect::<Vec<_>>()
            );
        }
        for raw in [
            &b""[..],
            b"ISO_IR 100",
            b"0123456789abcde\x1b",
            b"Mu\xfcller^Hans____",
            b"\x1b",
        ] {
            assert_eq!(
                plain_ascii(raw),
                raw.is_ascii() && !raw.contains(&ESC),
                "{raw:?}"
            );
        }
    }
}
