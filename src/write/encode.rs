//! Encoding Python-side values for a VR (PS3.5 6.2), with the checks of pydicom's validators
//! (`valuerep.VALIDATORS`) applied as errors: a value that would make an invalid file is
//! refused instead of written. This is the one place where values become bytes.

use crate::charset::{CharacterSet, Mode};
use crate::error::{Error, Result};
use crate::vr::Vr;

/// A value in the primitive form the Python layer hands over.
#[derive(Debug, Clone, PartialEq)]
pub enum Primitive {
    Empty,
    /// The values of a string VR, one per backslash-separated value.
    Strs(Vec<String>),
    Ints(Vec<i128>),
    Floats(Vec<f64>),
}

fn invalid(msg: String) -> Error {
    Error::Value(msg)
}

/// The byte a value of `vr` is padded to even length with (PS3.5 6.2).
pub fn padding(vr: Vr) -> u8 {
    if vr == Vr::UI || !vr.is_string() {
        0
    } else {
        b' '
    }
}

/// Encodes `value` as `vr` in the given byte order, padded to even length.
pub fn encode_value(vr: Vr, value: &Primitive, cs: &CharacterSet, little: bool) -> Result<Vec<u8>> {
    let mut out = match value {
        Primitive::Empty => Vec::new(),
        Primitive::Strs(values) => encode_strings(vr, values, cs)?,
        Primitive::Ints(values) => encode_ints(vr, values, little)?,
        Primitive::Floats(values) => encode_floats(vr, values, little)?,
    };
    if out.len() % 2 == 1 {
        out.push(padding(vr));
    }
    Ok(out)
}

fn encode_strings(vr: Vr, values: &[String], cs: &CharacterSet) -> Result<Vec<u8>> {
    if !vr.is_string() {
        return Err(invalid(format!(
            "A value of type 'str' cannot be assigned to a tag with VR {vr}: {values:?}"
        )));
    }
    if values.len() > 1 && vr.is_single_valued_text() {
        return Err(invalid(format!(
            "VR {vr} holds a single value, not {}",
            values.len()
        )));
    }
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push(b'\\');
        }
        validate_string(vr, value)?;
        if vr == Vr::PN {
            out.extend(cs.encode_person_name(value, Mode::Raise, &mut warnings)?);
        } else if vr.uses_charset() {
            out.extend(cs.encode_with(value, Mode::Raise, &mut warnings)?);
        } else {
            for c in value.chars() {
                let b = u8::try_from(c as u32).map_err(|_| {
                    invalid(format!(
                        "Invalid value for VR {vr}: {value:?} (character {c:?})"
                    ))
                })?;
                out.push(b);
            }
        }
    }
    Ok(out)
}

/// Maximum characters per value (pydicom's `MAX_VALUE_LEN`).
fn max_len(vr: Vr) -> Option<usize> {
    Some(match vr {
        Vr::AE | Vr::CS | Vr::DS | Vr::SH => 16,
        Vr::IS => 12,
        Vr::LO | Vr::UI => 64,
        Vr::LT => 10240,
        Vr::ST => 1024,
        _ => return None,
    })
}

/// pydicom's validators for one string value, as errors.
pub fn validate_string(vr: Vr, value: &str) -> Result<()> {
    let n = value.chars().count();
    if let Some(max) = max_len(vr) {
        if n > max {
            return Err(invalid(format!(
                "The value length ({n}) exceeds the maximum length of {max} allowed for VR \
                 {vr}: {value:?}"
            )));
        }
    }
    if value.contains('\\') && !vr.is_single_valued_text() {
        return Err(invalid(format!(
            "Invalid value for VR {vr}: {value:?} (a backslash separates values)"
        )));
    }
    if vr == Vr::PN {
        let groups: Vec<&str> = value.split('=').collect();
        if groups.len() > 3 {
            return Err(invalid(format!(
                "The number of PN components length ({}) exceeds the maximum allowed number \
                 of 3: {value:?}",
                groups.len()
            )));
        }
        if let Some(g) = groups.iter().find(|g| g.chars().count() > 64) {
            return Err(invalid(format!(
                "The PN component length ({}) exceeds the maximum allowed length of 64: {g:?}",
                g.chars().count()
            )));
        }
        return Ok(());
    }
    // Empty (and, for the number strings, blank) values are valid for every VR.
    if value.is_empty() || (matches!(vr, Vr::DS | Vr::IS) && value.trim_matches(' ').is_empty()) {
        return Ok(());
    }
    let b = value.as_bytes();
    let ok = match vr {
        Vr::AE => b.iter().all(|&c| (0x20..=0x7E).contains(&c)),
        Vr::AS => b.len() == 4 && b[..3].iter().all(u8::is_ascii_digit) && b"DWMY".contains(&b[3]),
        Vr::CS => b
            .iter()
            .all(|&c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b' ' || c == b'_'),
        Vr::DS => is_ds(b),
        Vr::IS => is_is(b)?,
        Vr::DA => range_ok(b, is_date),
        Vr::TM => range_ok(b, is_time),
        Vr::DT => range_ok(b, is_datetime),
        Vr::UI => b.split(|&c| c == b'.').all(|part| {
            !part.is_empty()
                && part.iter().all(u8::is_ascii_digit)
                && (part == b"0" || part[0] != b'0')
        }),
        Vr::UR => {
            let body = trim_end(b, b' ');
            body.iter()
                .all(|&c| c.is_ascii_alphanumeric() || b"_:/?#[]@!$&'()*+,;=%-.~".contains(&c))
        }
        _ => true,
    };
    if !ok {
        return Err(invalid(format!("Invalid value for VR {vr}: {value:?}")));
    }
    Ok(())
}

fn trim_end(b: &[u8], c: u8) -> &[u8] {
    let n = b.iter().rposition(|&x| x != c).map_or(0, |i| i + 1);
    &b[..n]
}

fn trim_start(b: &[u8], c: u8) -> &[u8] {
    let n = b.iter().position(|&x| x != c).unwrap_or(b.len());
    &b[n..]
}

fn digits(b: &[u8]) -> usize {
    b.iter().take_while(|c| c.is_ascii_digit()).count()
}

/// `^ *[+\-]?(\d+|\d+\.\d*|\.\d+)([eE][+\-]?\d+)? *$`
fn is_ds(b: &[u8]) -> bool {
    let mut s = trim_end(trim_start(b, b' '), b' ');
    if let [b'+' | b'-', rest @ ..] = s {
        s = rest;
    }
    let int = digits(s);
    s = &s[int..];
    let mut frac = 0;
    if let [b'.', rest @ ..] = s {
        frac = digits(rest);
        s = &rest[frac..];
    }
    if int == 0 && frac == 0 {
        return false;
    }
    if let [b'e' | b'E', rest @ ..] = s {
        let rest = match rest {
            [b'+' | b'-', r @ ..] => r,
            r => r,
        };
        let exp = digits(rest);
        return exp > 0 && exp == rest.len();
    }
    s.is_empty()
}

/// `^ *[+\-]?\d+ *$`, and within the range pydicom's IS allows.
fn is_is(b: &[u8]) -> Result<bool> {
    let s = trim_end(trim_start(b, b' '), b' ');
    let body = match s {
        [b'+' | b'-', r @ ..] => r,
        r => r,
    };
    if body.is_empty() || digits(body) != body.len() {
        return Ok(false);
    }
    let text = std::str::from_utf8(s).expect("ASCII");
    match text.parse::<i64>() {
        Ok(v) if (-(1 << 31)..(1 << 31)).contains(&v) => Ok(true),
        _ => Err(invalid(format!(
            "Value exceeds allowed range for VR IS (-2**31 to 2**31 - 1): {text}"
        ))),
    }
}

fn two(b: &[u8], at: usize) -> Option<u32> {
    let d = b.get(at..at + 2)?;
    d.iter()
        .all(u8::is_ascii_digit)
        .then(|| u32::from(d[0] - b'0') * 10 + u32::from(d[1] - b'0'))
}

/// `\d{4}(0[1-9]|1[0-2])([0-2]\d|3[01])`: the number of bytes matched at the start, if any.
fn date_prefix(b: &[u8], full: bool) -> Option<usize> {
    if b.len() < 4 || digits(&b[..4]) != 4 {
        return None;
    }
    if !full && b.len() == 4 {
        return Some(4);
    }
    let month = two(b, 4)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    if !full && b.len() == 6 {
        return Some(6);
    }
    let day = two(b, 6)?;
    (day <= 31).then_some(8)
}

fn is_date(b: &[u8]) -> bool {
    b.len() == 8 && date_prefix(b, true) == Some(8)
}

/// `([01]\d|2[0-3])([0-5]\d((60|[0-5]\d)(\.\d{1,6} ?)?)?)?` as a whole.
fn is_time(b: &[u8]) -> bool {
    time_len(b) == Some(b.len())
}

/// Bytes of a time at the start of `b` (greedy, as the regex would match all of a valid one).
fn time_len(b: &[u8]) -> Option<usize> {
    if two(b, 0)? > 23 {
        return None;
    }
    let Some(minutes) = two(b, 2) else {
        return Some(2);
    };
    if minutes > 59 {
        return None;
    }
    let Some(seconds) = two(b, 4) else {
        return Some(4);
    };
    if seconds > 60 {
        return None;
    }
    let mut n = 6;
    if b.get(6) == Some(&b'.') {
        let frac = digits(&b[7..]);
        if !(1..=6).contains(&frac) {
            return None;
        }
        n = 7 + frac;
        if b.get(n) == Some(&b' ') {
            n += 1;
        }
    }
    Some(n)
}

/// DT: a date of 4, 6 or 8 digits, then optionally a time, then optionally `[+-]hhmm`.
fn is_datetime(b: &[u8]) -> bool {
    let offset_ok = |rest: &[u8]| {
        rest.is_empty()
            || (rest.len() == 5
                && (rest[0] == b'+' || rest[0] == b'-')
                && matches!(rest[1], b'0' | b'1')
                && digits(&rest[2..]) == 3)
    };
    let date_len = digits(b).min(8);
    for dl in [8, 6, 4] {
        if dl > date_len {
            continue;
        }
        let Some(n) = date_prefix(&b[..dl], false) else {
            continue;
        };
        let rest = &b[n..];
        if offset_ok(rest) {
            return true;
        }
        if dl == 8 {
            if let Some(t) = time_len(rest) {
                if offset_ok(&rest[t..]) {
                    return true;
                }
            }
        }
    }
    false
}

/// pydicom's range forms for DA, DT and TM: `X`, `-X`, `X-`, `X-X` (the last three with an
/// optional trailing space).
fn range_ok(b: &[u8], single: fn(&[u8]) -> bool) -> bool {
    if single(b) {
        return true;
    }
    let t = b.strip_suffix(b" ").unwrap_or(b);
    if let Some(x) = t.strip_prefix(b"-") {
        if single(x) {
            return true;
        }
    }
    if let Some(x) = t.strip_suffix(b"-") {
        if single(x) {
            return true;
        }
    }
    t.iter()
        .enumerate()
        .filter(|(_, &c)| c == b'-')
        .any(|(i, _)| single(&t[..i]) && single(&t[i + 1..]))
}

/// The allowed range of an integer VR (pydicom's `validate_number`), and its size.
fn int_range(vr: Vr) -> Option<(i128, i128, usize)> {
    Some(match vr {
        Vr::US => (0, 0xFFFF, 2),
        Vr::SS => (-0x8000, 0x7FFF, 2),
        Vr::UL | Vr::AT => (0, 0xFFFF_FFFF, 4),
        Vr::SL => (-0x8000_0000, 0x7FFF_FFFF, 4),
        Vr::UV => (0, u64::MAX as i128, 8),
        Vr::SV => (i64::MIN as i128, i64::MAX as i128, 8),
        _ => return None,
    })
}

fn encode_ints(vr: Vr, values: &[i128], little: bool) -> Result<Vec<u8>> {
    if matches!(vr, Vr::FL | Vr::FD) {
        let floats: Vec<f64> = values.iter().map(|&v| v as f64).collect();
        return encode_floats(vr, &floats, little);
    }
    let Some((min, max, size)) = int_range(vr) else {
        return Err(invalid(format!("integers cannot be encoded as VR {vr}")));
    };
    let mut out = Vec::with_capacity(values.len() * size);
    for &v in values {
        if v < min || v > max {
            return Err(invalid(format!(
                "Invalid value: a value for a tag with VR {vr} must be between {min} and \
                 {max}, not {v}"
            )));
        }
        if vr == Vr::AT {
            // A tag is two 16-bit numbers, each in the file's byte order.
            out.extend(u16_bytes((v >> 16) as u16, little));
            out.extend(u16_bytes(v as u16, little));
            continue;
        }
        // Two's complement of the value, truncated to `size` bytes.
        let le = (v as u128).to_le_bytes();
        if little {
            out.extend_from_slice(&le[..size]);
        } else {
            out.extend(le[..size].iter().rev());
        }
    }
    Ok(out)
}

fn u16_bytes(v: u16, little: bool) -> [u8; 2] {
    if little {
        v.to_le_bytes()
    } else {
        v.to_be_bytes()
    }
}

fn encode_floats(vr: Vr, values: &[f64], little: bool) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(values.len() * 8);
    for &v in values {
        match vr {
            Vr::FD => out.extend(if little {
                v.to_le_bytes()
            } else {
                v.to_be_bytes()
            }),
            Vr::FL => {
                let f = v as f32;
                if f.is_infinite() && v.is_finite() {
                    return Err(invalid(format!("{v} is too large for VR FL")));
                }
                out.extend(if little {
                    f.to_le_bytes()
                } else {
                    f.to_be_bytes()
                });
            }
            _ => {
                return Err(invalid(format!(
                    "A value of type 'float' cannot be assigned to a tag with VR {vr}: {v}"
                )))
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
