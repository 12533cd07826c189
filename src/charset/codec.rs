//! The Python codecs pydicom decodes DICOM text with, reproduced with CPython's exact
//! mappings and error behaviour: `errors="strict"` fails where Python raises, and
//! `errors="replace"` substitutes U+FFFD (decoding) or `?` (encoding) for the same byte
//! and character runs (CPython Modules/cjkcodecs for the multi-byte codecs).

use super::generated::ALIASES;
use super::iso2022::{self, Variant};
use super::tables::{self, Dbcs, SingleByte};

/// Outcome of decoding one unit at the start of the input: bytes consumed, or a fault.
pub(super) type Step = Result<usize, Fault>;

pub(super) enum Fault {
    /// An invalid sequence of this many bytes (one U+FFFD, then decoding resumes).
    Invalid(usize),
    /// The input ends inside a sequence (one U+FFFD for the rest).
    Truncated,
}

/// Drives a codec's `step` over `bytes` as CPython's multibyte decoder does.
pub(super) fn run_steps(
    bytes: &[u8],
    replace: bool,
    mut step: impl FnMut(&[u8], &mut String) -> Step,
) -> Option<String> {
    let mut out = String::with_capacity(bytes.len());
    let mut pos = 0;
    while pos < bytes.len() {
        match step(&bytes[pos..], &mut out) {
            Ok(n) => pos += n,
            Err(_) if !replace => return None,
            Err(Fault::Invalid(n)) => {
                out.push(char::REPLACEMENT_CHARACTER);
                pos += n;
            }
            Err(Fault::Truncated) => {
                out.push(char::REPLACEMENT_CHARACTER);
                break;
            }
        }
    }
    Some(out)
}

/// A Python text codec, as found by `codecs.lookup` for the names pydicom uses.
///
/// Supported: `ascii`, `latin_1`, every ASCII-compatible single-byte charmap codec
/// (iso8859_*, cp125x, koi8_*, mac_*, tis_620, ...), `utf_8`, `shift_jis`, `euc_kr`,
/// `gb2312`, `gbk`, `gb18030`, `iso2022_jp` and `iso2022_jp_2`, under all their aliases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PythonCodec(Kind);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    SingleByte(SingleByte),
    Utf8,
    ShiftJis,
    EucKr,
    Gb2312,
    Gbk,
    Gb18030,
    Iso2022(Variant),
}

/// Python's encoding name normalisation (`_Py_normalize_encoding` then
/// `encodings.normalize_encoding`): ASCII letters, digits and '.' are kept (lowercased),
/// every other run of characters becomes one '_' (dropped at both ends).
fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut punct = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            if punct && !out.is_empty() {
                out.push('_');
            }
            punct = false;
            out.push(c.to_ascii_lowercase());
        } else {
            punct = true;
        }
    }
    out
}

impl PythonCodec {
    pub(super) const LATIN_1: PythonCodec = PythonCodec(Kind::SingleByte(SingleByte::LATIN_1));
    pub(super) const ISO2022_JP: PythonCodec = PythonCodec(Kind::Iso2022(Variant::Jp));
    pub(super) const ISO2022_JP_2: PythonCodec = PythonCodec(Kind::Iso2022(Variant::Jp2));

    /// The codec `codecs.lookup(name)` finds, if it is one of the supported ones.
    pub fn lookup(name: &str) -> Option<PythonCodec> {
        let norm = normalize(name);
        let alias = |n: &str| {
            ALIASES
                .binary_search_by(|(a, _)| (*a).cmp(n))
                .ok()
                .map(|i| ALIASES[i].1)
        };
        let module = match alias(&norm).or_else(|| alias(&norm.replace('.', "_"))) {
            Some(module) => module,
            None if norm.contains('.') => return None,
            None => norm.as_str(),
        };
        Self::by_module(module)
    }

    fn by_module(module: &str) -> Option<PythonCodec> {
        let kind = match module {
            "utf_8" => Kind::Utf8,
            "shift_jis" => Kind::ShiftJis,
            "euc_kr" => Kind::EucKr,
            "gb2312" => Kind::Gb2312,
            "gbk" => Kind::Gbk,
            "gb18030" => Kind::Gb18030,
            "iso2022_jp" => Kind::Iso2022(Variant::Jp),
            "iso2022_jp_2" => Kind::Iso2022(Variant::Jp2),
            _ => Kind::SingleByte(SingleByte::by_module(module)?),
        };
        Some(PythonCodec(kind))
    }

    /// The codec's module name in Python's `encodings` package.
    pub fn module(self) -> &'static str {
        match self.0 {
            Kind::SingleByte(sb) => sb.module(),
            Kind::Utf8 => "utf_8",
            Kind::ShiftJis => "shift_jis",
            Kind::EucKr => "euc_kr",
            Kind::Gb2312 => "gb2312",
            Kind::Gbk => "gbk",
            Kind::Gb18030 => "gb18030",
            Kind::Iso2022(Variant::Jp) => "iso2022_jp",
            Kind::Iso2022(Variant::Jp2) => "iso2022_jp_2",
        }
    }

    /// `bytes.decode(codec)`: `None` where Python raises `UnicodeDecodeError`.
    pub fn decode(self, bytes: &[u8]) -> Option<String> {
        self.decode_with(bytes, false)
    }

    /// `bytes.decode(codec, errors="replace")`.
    pub fn decode_lossy(self, bytes: &[u8]) -> String {
        self.decode_with(bytes, true).unwrap_or_default()
    }

    fn decode_with(self, bytes: &[u8], replace: bool) -> Option<String> {
        match self.0 {
            Kind::Utf8 if replace => Some(String::from_utf8_lossy(bytes).into_owned()),
            Kind::Utf8 => std::str::from_utf8(bytes).ok().map(str::to_owned),
            Kind::SingleByte(sb) => run_steps(bytes, replace, |input, out| {
                out.push(sb.decode(input[0]).ok_or(Fault::Invalid(1))?);
                Ok(1)
            }),
            Kind::ShiftJis => run_steps(bytes, replace, shift_jis_step),
            Kind::EucKr => run_steps(bytes, replace, euc_kr_step),
            Kind::Gb2312 => run_steps(bytes, replace, |input, out| {
                euc_step(input, out, |a, b| Dbcs::Gb2312.decode(a ^ 0x80, b ^ 0x80))
            }),
            Kind::Gbk => run_steps(bytes, replace, |input, out| {
                euc_step(input, out, |a, b| tables::gb_decode(a, b, true))
            }),
            Kind::Gb18030 => run_steps(bytes, replace, gb18030_step),
            Kind::Iso2022(variant) => iso2022::decode(variant, bytes, replace),
        }
    }

    /// `value.encode(codec)`: on failure, the index (in characters) of the first
    /// character Python cannot encode (`UnicodeEncodeError.start`).
    pub fn encode(self, value: &str) -> Result<Vec<u8>, usize> {
        self.encode_with(value, false)
    }

    /// `value.encode(codec, errors="replace")`.
    pub fn encode_lossy(self, value: &str) -> Vec<u8> {
        self.encode_with(value, true).unwrap_or_default()
    }

    fn encode_with(self, value: &str, replace: bool) -> Result<Vec<u8>, usize> {
        let simple: fn(char, &mut Vec<u8>) -> bool = match self.0 {
            Kind::Utf8 => return Ok(value.as_bytes().to_vec()),
            Kind::Iso2022(variant) => return iso2022::encode(variant, value, replace),
            Kind::SingleByte(sb) => {
                return encode_chars(value, replace, |c, out| {
                    sb.encode(c).map(|b| out.push(b)).is_some()
                })
            }
            Kind::ShiftJis => shift_jis_encode,
            Kind::EucKr => euc_kr_encode,
            Kind::Gb2312 => |c, out| ascii_or(c, out, || Dbcs::Gb2312.encode(c).map(euc)),
            Kind::Gbk => |c, out| ascii_or(c, out, || tables::gb_encode(c, true)),
            Kind::Gb18030 => gb18030_encode,
        };
        encode_chars(value, replace, simple)
    }
}

/// Encodes character by character; unencodable characters fail (strict) or become the
/// codec's encoding of '?' (replace), as in CPython.
fn encode_chars(
    value: &str,
    replace: bool,
    mut encode: impl FnMut(char, &mut Vec<u8>) -> bool,
) -> Result<Vec<u8>, usize> {
    let mut out = Vec::with_capacity(value.len());
    for (i, c) in value.chars().enumerate() {
        if !encode(c, &mut out) {
            if !replace {
                return Err(i);
            }
            encode('?', &mut out);
        }
    }
    Ok(out)
}

/// JIS X 0201 as Python's `shift_jis` encodes it in one byte: ASCII (0x5C and 0x7E
/// stay themselves), YEN SIGN, OVERLINE and the half-width katakana.
pub(super) fn jis_x0201_byte(c: char) -> Option<u8> {
    match u32::from(c) {
        c @ 0..=0x7F => Some(c as u8),
        0xA5 => Some(0x5C),
        0x203E => Some(0x7E),
        c @ 0xFF61..=0xFF9F => Some((c - 0xFEC0) as u8),
        _ => None,
    }
}

fn shift_jis_step(input: &[u8], out: &mut String) -> Step {
    let c = input[0];
    match c {
        0..=0x7F => out.push(char::from(c)),
        0xA1..=0xDF => out.push(char::from_u32(0xFEC0 + u32::from(c)).ok_or(Fault::Invalid(1))?),
        0x81..=0x9F | 0xE0..=0xEA => {
            let c2 = *input.get(1).ok_or(Fault::Truncated)?;
            if !(0x40..=0xFC).contains(&c2) || c2 == 0x7F {
                return Err(Fault::Invalid(1));
            }
            let row = if c < 0xE0 { c - 0x81 } else { c - 0xC1 };
            let cell = if c2 < 0x80 { c2 - 0x40 } else { c2 - 0x41 };
            let (b1, b2) = if cell < 0x5E {
                (2 * row + 0x21, cell + 0x21)
            } else {
                (2 * row + 0x22, cell - 0x5E + 0x21)
            };
            out.push(Dbcs::Jisx0208.decode(b1, b2).ok_or(Fault::Invalid(1))?);
            return Ok(2);
        }
        _ => return Err(Fault::Invalid(1)),
    }
    Ok(1)
}

fn shift_jis_encode(c: char, out: &mut Vec<u8>) -> bool {
    if let Some(b) = jis_x0201_byte(c) {
        out.push(b);
        return true;
    }
    let Some([b1, b2]) = Dbcs::Jisx0208.encode(c) else {
        return false;
    };
    let (row, cell) = (b1 - 0x21, b2 - 0x21);
    let half = row >> 1;
    out.push(if half < 0x1F {
        half + 0x81
    } else {
        half + 0xC1
    });
    let cell = cell + if row & 1 == 1 { 0x5E } else { 0 };
    out.push(if cell < 0x3F {
        cell + 0x40
    } else {
        cell + 0x41
    });
    true
}

/// EUC-style codecs (gb2312, gbk): ASCII, else a two-byte code.
fn euc_step(input: &[u8], out: &mut String, lookup: impl Fn(u8, u8) -> Option<char>) -> Step {
    let c = input[0];
    if c < 0x80 {
        out.push(char::from(c));
        return Ok(1);
    }
    let c2 = *input.get(1).ok_or(Fault::Truncated)?;
    out.push(lookup(c, c2).ok_or(Fault::Invalid(1))?);
    Ok(2)
}

/// EUC form of a 94x94 code.
fn euc(code: [u8; 2]) -> [u8; 2] {
    [code[0] | 0x80, code[1] | 0x80]
}

fn ascii_or(c: char, out: &mut Vec<u8>, code: impl FnOnce() -> Option<[u8; 2]>) -> bool {
    if c.is_ascii() {
        out.push(c as u8);
        return true;
    }
    code().map(|b| out.extend(b)).is_some()
}

fn euc_kr_step(input: &[u8], out: &mut String) -> Step {
    const JAMO: u8 = 0xA4;
    const FILLER: u8 = 0xD4;
    if input[0] == JAMO && input.get(1) == Some(&FILLER) {
        if input.len() < 8 {
            return Err(Fault::Truncated);
        }
        if input[2] != JAMO || input[4] != JAMO || input[6] != JAMO {
            return Err(Fault::Invalid(1));
        }
        out.push(tables::euckr_makeup(input[3], input[5], input[7]).ok_or(Fault::Invalid(1))?);
        return Ok(8);
    }
    euc_step(input, out, |a, b| Dbcs::Ksx1001.decode(a ^ 0x80, b ^ 0x80))
}

fn euc_kr_encode(c: char, out: &mut Vec<u8>) -> bool {
    if ascii_or(c, out, || Dbcs::Ksx1001.encode(c).map(euc)) {
        return true;
    }
    tables::euckr_makeup_encode(c)
        .map(|seq| out.extend(seq))
        .is_some()
}

fn gb18030_step(input: &[u8], out: &mut String) -> Step {
    let c = input[0];
    if c < 0x80 {
        out.push(char::from(c));
        return Ok(1);
    }
    let c2 = *input.get(1).ok_or(Fault::Truncated)?;
    if !(0x30..=0x39).contains(&c2) {
        out.push(tables::gb_decode(c, c2, false).ok_or(Fault::Invalid(1))?);
        return Ok(2);
    }
    let (&c3, &c4) = input.get(2).zip(input.get(3)).ok_or(Fault::Truncated)?;
    if !(0x81..=0xFE).contains(&c) || !(0x81..=0xFE).contains(&c3) || !(0x30..=0x39).contains(&c4) {
        return Err(Fault::Invalid(1));
    }
    let (c, c2, c3, c4) = (
        u32::from(c - 0x81),
        u32::from(c2 - 0x30),
        u32::from(c3 - 0x81),
        u32::from(c4 - 0x30),
    );
    let tail = c3 * 10 + c4;
    let decoded = if c < 4 {
        let linear = (c * 10 + c2) * 1260 + tail;
        (linear < tables::GB18030_BMP_CODES)
            .then(|| tables::gb18030_bmp_decode(linear))
            .flatten()
    } else if c >= 15 {
        char::from_u32(0x10000 + ((c - 15) * 10 + c2) * 1260 + tail)
    } else {
        None
    };
    out.push(decoded.ok_or(Fault::Invalid(1))?);
    Ok(4)
}

fn gb18030_encode(c: char, out: &mut Vec<u8>) -> bool {
    if ascii_or(c, out, || tables::gb_encode(c, false)) {
        return true;
    }
    let (linear, first) = match u32::from(c) {
        cp @ 0x10000.. => (cp - 0x10000, 0x90),
        _ => match tables::gb18030_bmp_encode(c) {
            Some(linear) => (linear, 0x81),
            None => return false,
        },
    };
    // linear < 0x100000 so every byte below fits
    out.extend([
        first + (linear / 12600) as u8,
        0x30 + (linear / 1260 % 10) as u8,
        0x81 + (linear / 10 % 126) as u8,
        0x30 + (linear % 10) as u8,
    ]);
    true
}
