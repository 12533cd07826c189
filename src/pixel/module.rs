//! The Image Pixel module's values read straight from the index, for the ones whose reading
//! through the Python data model (DataElement, `_wrap`, `IS`) is known to give the same value
//! with no warning: what decoding a small frame needs without making Python elements.

use crate::parse::{flag, Parsed};
use crate::value::{self, Value};
use crate::vr::Vr;

/// (tag, VR) of the module values pixel decoding reads, in the order `PixelInfo` takes them.
pub const TAGS: [(u32, Vr); 9] = [
    (0x0028_0002, Vr::US), // Samples per Pixel
    (0x0028_0004, Vr::CS), // Photometric Interpretation
    (0x0028_0006, Vr::US), // Planar Configuration
    (0x0028_0008, Vr::IS), // Number of Frames
    (0x0028_0010, Vr::US), // Rows
    (0x0028_0011, Vr::US), // Columns
    (0x0028_0100, Vr::US), // Bits Allocated
    (0x0028_0101, Vr::US), // Bits Stored
    (0x0028_0103, Vr::US), // Pixel Representation
];

/// A module value as Python reads it.
#[derive(Debug, PartialEq)]
pub enum Quick {
    /// An empty value (None or "" in Python, which pixel decoding treats alike).
    Empty,
    Int(i64),
    Text(String),
}

/// The value of element `idx`, read as `vr`, when the element is plainly that VR with one
/// value; None when anything about it needs the Python path (another VR or one that came
/// from UN, several values, an IS pydicom would validate, a truncated value).
pub fn quick_value(p: &Parsed, idx: usize, vr: Vr) -> Option<Quick> {
    let e = &p.elements[idx];
    let odd = flag::UNDEFINED_LENGTH | flag::FROM_UN | flag::TRUNCATED | flag::UNKNOWN_VR;
    if e.vr != vr || e.flags & odd != 0 {
        return None;
    }
    let raw = p.value(idx);
    match vr {
        Vr::US => match *raw {
            [] => Some(Quick::Empty),
            [a, b] if e.is_little_endian() => {
                Some(Quick::Int(i64::from(u16::from_le_bytes([a, b]))))
            }
            [a, b] => Some(Quick::Int(i64::from(u16::from_be_bytes([a, b])))),
            _ => None,
        },
        Vr::IS | Vr::CS => match value::decode(p, idx, vr).ok()? {
            Value::Empty => Some(Quick::Empty),
            Value::Strs(mut s) if s.len() == 1 => {
                let s = s.pop().expect("one value");
                if vr == Vr::CS {
                    return Some(Quick::Text(s));
                }
                // `IS` takes plain digits under 10 characters without any check.
                let plain = !s.is_empty() && s.len() < 10 && s.bytes().all(|b| b.is_ascii_digit());
                plain.then(|| Quick::Int(s.parse().expect("digits")))
            }
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{parse, Options};
    use crate::source::Source;

    /// An explicit VR little endian data set (no file meta) of the given (tag, VR, value).
    fn dataset(elements: &[(u32, &[u8; 2], &[u8])]) -> Parsed {
        let mut out = Vec::new();
        for (tag, vr, value) in elements {
            out.extend_from_slice(&((tag >> 16) as u16).to_le_bytes());
            out.extend_from_slice(&(*tag as u16).to_le_bytes());
            out.extend_from_slice(*vr);
            if *vr == b"UN" {
                out.extend_from_slice(&[0, 0]);
                out.extend_from_slice(&(value.len() as u32).to_le_bytes());
            } else {
                out.extend_from_slice(&(value.len() as u16).to_le_bytes());
            }
            out.extend_from_slice(value);
        }
        let opts = Options {
            encoding: Some((false, true)),
            ..Options::default()
        };
        parse(Source::from_vec(out), &opts).expect("parses")
    }

    fn quick(vr: &[u8; 2], value: &[u8], as_vr: Vr) -> Option<Quick> {
        let p = dataset(&[(0x0028_0010, vr, value)]);
        quick_value(&p, 0, as_vr)
    }

    #[test]
    fn plain_values_are_read() {
        assert_eq!(quick(b"US", &[0, 2], Vr::US), Some(Quick::Int(512)));
        assert_eq!(quick(b"US", &[], Vr::US), Some(Quick::Empty));
        assert_eq!(quick(b"IS", b"12", Vr::IS), Some(Quick::Int(12)));
        assert_eq!(quick(b"IS", b"", Vr::IS), Some(Quick::Empty));
        assert_eq!(
            quick(b"CS", b"MONOCHROME2 ", Vr::CS),
            Some(Quick::Text("MONOCHROME2".into()))
        );
    }

    #[test]
    fn anything_else_is_left_to_python() {
        assert_eq!(quick(b"SS", &[0, 2], Vr::US), None); // another VR
        assert_eq!(quick(b"US", &[0, 2, 0, 2], Vr::US), None); // two values
        assert_eq!(quick(b"UN", &[0, 2], Vr::US), None);
        assert_eq!(quick(b"IS", b" 12", Vr::IS), None); // IS validates it
        assert_eq!(quick(b"IS", b"1A", Vr::IS), None);
        assert_eq!(quick(b"IS", b"1234567890", Vr::IS), None);
        assert_eq!(quick(b"IS", b"1\\2", Vr::IS), None);
        assert_eq!(quick(b"CS", b"RGB\\RGB", Vr::CS), None);
    }
}
