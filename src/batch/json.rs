//! Sequence values as the DICOM JSON model (PS3.18 F.2): an index column holds an SQ element as
//! the JSON array of its items.

use std::fmt::Write;

use crate::parse::Parsed;
use crate::value::{self, Value};
use crate::vr::Vr;

/// The items of sequence element `idx` as a JSON array of data sets.
pub fn sequence(p: &Parsed, idx: usize) -> String {
    let mut out = String::new();
    write_sequence(p, idx, &mut out);
    out
}

fn write_sequence(p: &Parsed, idx: usize, out: &mut String) {
    out.push('[');
    if let Ok(Value::Items(items)) = value::decode(p, idx, Vr::SQ) {
        for (n, item) in items.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            write_dataset(p, *item, out);
        }
    }
    out.push(']');
}

fn write_dataset(p: &Parsed, item: u32, out: &mut String) {
    out.push('{');
    for (n, child) in p.children(p.child_range(item)).enumerate() {
        if n > 0 {
            out.push(',');
        }
        write_element(p, child as usize, out);
    }
    out.push('}');
}

fn write_element(p: &Parsed, idx: usize, out: &mut String) {
    let e = &p.elements[idx];
    let _ = write!(out, "\"{:08X}\":{{\"vr\":\"{}\"", e.tag, e.vr.as_str());
    if e.vr == Vr::SQ {
        out.push_str(",\"Value\":");
        write_sequence(p, idx, out);
        out.push('}');
        return;
    }
    match value::decode(p, idx, e.vr) {
        Ok(Value::Empty) | Err(_) => {}
        Ok(Value::Bytes) => {
            out.push_str(",\"InlineBinary\":\"");
            base64(p.value(idx), out);
            out.push('"');
        }
        Ok(v) => {
            out.push_str(",\"Value\":[");
            write_values(e.vr, &v, out);
            out.push(']');
        }
    }
    out.push('}');
}

fn write_values(vr: Vr, v: &Value, out: &mut String) {
    let mut first = true;
    let mut sep = |out: &mut String| {
        if !std::mem::take(&mut first) {
            out.push(',');
        }
    };
    match v {
        Value::Strs(strs) => {
            for s in strs {
                sep(out);
                match vr {
                    Vr::PN => person_name(s, out),
                    Vr::IS | Vr::DS if is_json_number(s) => out.push_str(s.trim()),
                    _ if s.is_empty() => out.push_str("null"),
                    _ => string(s, out),
                }
            }
        }
        Value::Ints(ints) => ints.iter().for_each(|i| {
            sep(out);
            let _ = write!(out, "{i}");
        }),
        Value::UInts(ints) => ints.iter().for_each(|i| {
            sep(out);
            let _ = write!(out, "{i}");
        }),
        Value::Floats(floats) => floats.iter().for_each(|f| {
            sep(out);
            if f.is_finite() {
                let _ = write!(out, "{f:?}");
            } else {
                out.push_str("null");
            }
        }),
        Value::Tags(tags) => tags.iter().for_each(|t| {
            sep(out);
            let _ = write!(out, "\"{t:08X}\"");
        }),
        Value::Empty | Value::Bytes | Value::Items(_) => {}
    }
}

/// A DS/IS string that is also a JSON number (DICOM allows "+1", "1.", ".5": JSON does not).
fn is_json_number(s: &str) -> bool {
    let s = s.trim();
    let body = s.strip_prefix('-').unwrap_or(s);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    all_digits(int)
        && (int == "0" || !int.starts_with('0'))
        && frac.is_none_or(all_digits)
        && exponent.is_none_or(|e| all_digits(e.strip_prefix(['+', '-']).unwrap_or(e)))
}

fn person_name(s: &str, out: &mut String) {
    out.push('{');
    let mut first = true;
    for (group, key) in s.split('=').zip(["Alphabetic", "Ideographic", "Phonetic"]) {
        if group.is_empty() {
            continue;
        }
        if !std::mem::take(&mut first) {
            out.push(',');
        }
        let _ = write!(out, "\"{key}\":");
        string(group, out);
    }
    out.push('}');
}

fn string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn base64(bytes: &[u8], out: &mut String) {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648() {
        for (input, expected) in [
            (&b""[..], ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"foobar", "Zm9vYmFy"),
        ] {
            let mut s = String::new();
            base64(input, &mut s);
            assert_eq!(s, expected);
        }
    }

    #[test]
    fn json_numbers() {
        for ok in ["0", "-1", "1.5", "1e3", "1.5E-07", "12"] {
            assert!(is_json_number(ok), "{ok}");
        }
        for bad in ["+1", "1.", ".5", "01", "", "1e", "nan"] {
            assert!(!is_json_number(bad), "{bad}");
        }
    }

    #[test]
    fn strings_are_escaped() {
        let mut s = String::new();
        string("a\"b\\c\n\u{1}é", &mut s);
        assert_eq!(s, "\"a\\\"b\\\\c\\n\\u0001é\"");
    }
}
