//! Decoding and encoding of DICOM text per (0008,0005) Specific Character Set, giving
//! exactly the strings and bytes pydicom 3 (`pydicom/charset.py`) gives, including its
//! warnings and its quirks (see docs/charset.md).
//!
//! pydicom works with Python codec names: each defined term maps to one (`iso8859`,
//! `latin_1`, `iso2022_jp`, ...), escape sequences select among those names, and the
//! bytes are decoded with the Python codec of that name. [`CharacterSet`] keeps the
//! same names (they decide which escape sequences are accepted) and reproduces the
//! codecs themselves in [`PythonCodec`], from tables generated out of CPython.
//!
//! Callers pass the whole raw value of a text element (SH, LO, ST, LT, UC, UT, PN) and
//! split the decoded string on '\\' afterwards, as pydicom does: a backslash byte may be
//! the second byte of a multi-byte character. See [`CharacterSet::decode`] for padding.

mod codec;
mod generated;
mod iso2022;
mod tables;
#[cfg(test)]
mod tests;

pub use codec::PythonCodec;

use crate::error::{Error, Result};
use tables::Dbcs;

pub(crate) const ESC: u8 = 0x1B;

/// pydicom's `default_encoding`, used for ISO_IR 6, an empty value 1 and unknown terms.
const DEFAULT_ENCODING: &str = "iso8859";

/// pydicom's `python_encoding`: defined term -> Python codec name.
const PYTHON_ENCODING: &[(&str, &str)] = &[
    ("", DEFAULT_ENCODING),
    ("ISO_IR 6", DEFAULT_ENCODING),
    ("ISO_IR 13", "shift_jis"),
    ("ISO_IR 100", "latin_1"),
    ("ISO_IR 101", "iso8859_2"),
    ("ISO_IR 109", "iso8859_3"),
    ("ISO_IR 110", "iso8859_4"),
    ("ISO_IR 126", "iso_ir_126"),
    ("ISO_IR 127", "iso_ir_127"),
    ("ISO_IR 138", "iso_ir_138"),
    ("ISO_IR 144", "iso_ir_144"),
    ("ISO_IR 148", "iso_ir_148"),
    ("ISO_IR 166", "iso_ir_166"),
    ("ISO 2022 IR 6", DEFAULT_ENCODING),
    ("ISO 2022 IR 13", "shift_jis"),
    ("ISO 2022 IR 87", "iso2022_jp"),
    ("ISO 2022 IR 100", "latin_1"),
    ("ISO 2022 IR 101", "iso8859_2"),
    ("ISO 2022 IR 109", "iso8859_3"),
    ("ISO 2022 IR 110", "iso8859_4"),
    ("ISO 2022 IR 126", "iso_ir_126"),
    ("ISO 2022 IR 127", "iso_ir_127"),
    ("ISO 2022 IR 138", "iso_ir_138"),
    ("ISO 2022 IR 144", "iso_ir_144"),
    ("ISO 2022 IR 148", "iso_ir_148"),
    ("ISO 2022 IR 149", "euc_kr"),
    ("ISO 2022 IR 159", "iso2022_jp_2"),
    ("ISO 2022 IR 166", "iso_ir_166"),
    ("ISO 2022 IR 58", "iso_ir_58"),
    ("ISO_IR 192", "UTF8"),
    ("GB18030", "GB18030"),
    ("ISO 2022 GBK", "GBK"),
    ("ISO 2022 58", "GB2312"),
    ("GBK", "GBK"),
];

/// Terms that allow no code extensions (PS3.3 Table C.12-5).
const STAND_ALONE: [&str; 3] = ["ISO_IR 192", "GBK", "GB18030"];

/// pydicom's `CODES_TO_ENCODINGS`: escape sequence -> Python codec name.
const ESCAPES: &[(&[u8], &str)] = &[
    (b"\x1b(B", DEFAULT_ENCODING),
    (b"\x1b-A", "latin_1"),
    (b"\x1b)I", "shift_jis"),
    (b"\x1b(J", "shift_jis"),
    (b"\x1b$B", "iso2022_jp"),
    (b"\x1b-B", "iso8859_2"),
    (b"\x1b-C", "iso8859_3"),
    (b"\x1b-D", "iso8859_4"),
    (b"\x1b-F", "iso_ir_126"),
    (b"\x1b-G", "iso_ir_127"),
    (b"\x1b-H", "iso_ir_138"),
    (b"\x1b-L", "iso_ir_144"),
    (b"\x1b-M", "iso_ir_148"),
    (b"\x1b-T", "iso_ir_166"),
    (b"\x1b$)C", "euc_kr"),
    (b"\x1b$(D", "iso2022_jp_2"),
    (b"\x1b$)A", "iso_ir_58"),
];

/// Codecs that pydicom lets parse their own escape sequence (it stays in the input).
/// `iso_ir_58` (GB 2312) does not really, so its "ESC $ ) A" ends up in the text.
const HANDLED: [&str; 3] = ["iso2022_jp", "iso2022_jp_2", "iso_ir_58"];

/// Codecs after which pydicom appends the escape sequence of the first encoding.
const NEED_TAIL_ESCAPE: [&str; 2] = ["iso2022_jp", "iso2022_jp_2"];

/// Bytes that reset the encoding to the first one inside a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delimiters {
    /// CR, LF, TAB and FF: pydicom's `TEXT_VR_DELIMS`. pydicom's reader uses these for
    /// every text VR, PN included, and does not treat '\\' as a delimiter.
    Text,
    /// '^' within each '='-separated component group, as `PersonName` decodes its raw
    /// bytes (`_decode_personname`); trailing empty groups are dropped.
    PersonName,
    /// None: pydicom's `decode_bytes(..., set())`.
    None,
}

impl Delimiters {
    fn bytes(self) -> &'static [u8] {
        match self {
            Delimiters::Text => b"\r\n\t\x0c",
            Delimiters::PersonName => b"^",
            Delimiters::None => b"",
        }
    }
}

/// pydicom's `config.settings.reading_validation_mode` / `writing_validation_mode` as
/// far as character sets go (IGNORE behaves as WARN here, as in pydicom).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Fall back as pydicom does, collecting its warning messages.
    Warn,
    /// Fail with [`Error::Charset`] where pydicom raises.
    Raise,
}

/// Reports a problem: a warning, or the error in [`Mode::Raise`].
fn issue(mode: Mode, warnings: &mut Vec<String>, message: String) -> Result<()> {
    match mode {
        Mode::Warn => {
            warnings.push(message);
            Ok(())
        }
        Mode::Raise => Err(Error::Charset(message)),
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Encoding {
    /// The Python codec name as pydicom holds it; compared by name like pydicom does.
    name: String,
    codec: PythonCodec,
}

/// A parsed (0008,0005) Specific Character Set: pydicom's list of Python encodings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CharacterSet {
    /// Never empty; the first one is the initial encoding of every value.
    encodings: Vec<Encoding>,
    warnings: Vec<String>,
    unknown: Vec<String>,
}

impl Default for CharacterSet {
    /// No (0008,0005): pydicom's `iso8859`, i.e. Latin-1 (which decodes every byte, so
    /// ISO_IR 6 data with stray high bytes reads as Latin-1 rather than failing).
    fn default() -> Self {
        CharacterSet::from_terms::<&str>(&[])
    }
}

impl CharacterSet {
    /// pydicom's `convert_encodings` on the (0008,0005) values. An empty first value
    /// is the default repertoire. Misspelt terms ("ISO IR 100", "ISO_2022-IR 6") are
    /// corrected with a warning; terms that are Python codec names ("utf8",
    /// "ISO-8859-1", "windows-1252") are used as such; other terms become the default
    /// encoding with a warning and are listed in [`unknown_terms`](Self::unknown_terms).
    /// Stand-alone terms (ISO_IR 192, GBK, GB18030) drop code extensions as pydicom does.
    pub fn from_terms<S: AsRef<str>>(terms: &[S]) -> Self {
        let mut terms: Vec<&str> = terms.iter().map(AsRef::as_ref).collect();
        if terms.is_empty() {
            terms.push("");
        }
        if terms[0].is_empty() {
            terms[0] = "ISO_IR 6";
        }
        let mut warnings = Vec::new();
        let mut unknown = Vec::new();
        let mut encodings: Vec<Encoding> = terms
            .iter()
            .map(|term| python_encoding(term, &mut warnings, &mut unknown))
            .collect();
        if terms.len() > 1 {
            if STAND_ALONE.contains(&terms[0]) {
                warnings.push(format!(
                    "Value '{}' for Specific Character Set does not allow code extensions, \
                     ignoring: {}",
                    terms[0],
                    terms[1..].join(", ")
                ));
                encodings.truncate(1);
            } else {
                for i in (1..terms.len()).rev() {
                    if STAND_ALONE.contains(&terms[i]) {
                        warnings.push(format!(
                            "Value '{}' cannot be used as code extension, ignoring it",
                            terms[i]
                        ));
                        encodings.remove(i);
                    }
                }
            }
        }
        CharacterSet {
            encodings,
            warnings,
            unknown,
        }
    }

    /// Parses the raw value of (0008,0005) as pydicom reads a CS value: Latin-1,
    /// trailing spaces and NULs removed, split on '\\' (values are not stripped).
    pub fn from_value(raw: &[u8]) -> Self {
        let text: String = raw.iter().map(|&b| char::from(b)).collect();
        let terms: Vec<&str> = text.trim_end_matches([' ', '\0']).split('\\').collect();
        CharacterSet::from_terms(&terms)
    }

    /// The warnings pydicom issues when it converts these terms (each time it does).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Terms that are neither defined terms (possibly misspelt) nor Python codec names.
    /// pydicom raises `LookupError("Unknown encoding '<term>'")` for the first of them
    /// when its reading validation mode is RAISE.
    pub fn unknown_terms(&self) -> &[String] {
        &self.unknown
    }

    /// The Python encoding names, as pydicom's `Dataset._character_set`.
    pub fn python_encodings(&self) -> Vec<&str> {
        self.encodings.iter().map(|e| e.name.as_str()).collect()
    }

    fn first(&self) -> &Encoding {
        &self.encodings[0]
    }

    fn names(&self) -> String {
        self.python_encodings().join(", ")
    }

    /// Decodes a raw text value as pydicom's reader does, falling back (with
    /// replacement characters) where pydicom warns; see [`decode_with`](Self::decode_with).
    ///
    /// Padding: pydicom strips trailing spaces and NULs *after* decoding for SH, LO, UC
    /// (from each '\\'-separated value) and ST, LT, UT (from the whole value), but from
    /// the raw *bytes* before decoding for PN. Leading spaces are kept.
    pub fn decode(&self, bytes: &[u8], delimiters: Delimiters) -> String {
        let mut warnings = Vec::new();
        self.decode_with(bytes, delimiters, Mode::Warn, &mut warnings)
            .unwrap_or_default()
    }

    /// pydicom's `decode_bytes` (or, for [`Delimiters::PersonName`], the decoding of a
    /// `PersonName` built from bytes). pydicom's warnings are appended to `warnings`;
    /// in [`Mode::Raise`], an undecodable value or an unknown escape sequence is an
    /// error instead.
    pub fn decode_with(
        &self,
        bytes: &[u8],
        delimiters: Delimiters,
        mode: Mode,
        warnings: &mut Vec<String>,
    ) -> Result<String> {
        if delimiters != Delimiters::PersonName {
            return self.decode_bytes(bytes, delimiters.bytes(), mode, warnings);
        }
        let mut groups = bytes
            .split(|&b| b == b'=')
            .map(|group| self.decode_bytes(group, delimiters.bytes(), mode, warnings))
            .collect::<Result<Vec<_>>>()?;
        while groups.last().is_some_and(String::is_empty) {
            groups.pop();
        }
        Ok(groups.join("="))
    }

    fn decode_bytes(
        &self,
        bytes: &[u8],
        delimiters: &[u8],
        mode: Mode,
        warnings: &mut Vec<String>,
    ) -> Result<String> {
        if !bytes.contains(&ESC) {
            // every supported codec maps ASCII to itself
            if bytes.is_ascii() {
                return Ok(bytes.iter().map(|&b| char::from(b)).collect());
            }
            let first = self.first();
            if let Some(text) = first.codec.decode(bytes) {
                return Ok(text);
            }
            issue(
                mode,
                warnings,
                format!(
                    "Failed to decode byte string with encoding '{}' - using replacement \
                     characters in decoded string",
                    first.name
                ),
            )?;
            return Ok(first.codec.decode_lossy(bytes));
        }
        // the part before the first escape, then each escape with the bytes up to the next
        let mut text = String::with_capacity(bytes.len());
        let mut start = 0;
        while start < bytes.len() {
            let next = bytes[start + 1..]
                .iter()
                .position(|&b| b == ESC)
                .map_or(bytes.len(), |i| start + 1 + i);
            text.push_str(&self.decode_fragment(
                &bytes[start..next],
                delimiters,
                mode,
                warnings,
            )?);
            start = next;
        }
        Ok(text)
    }

    /// pydicom's `_decode_fragment`: any decoding failure decodes the whole fragment,
    /// escape sequence included, with the first encoding and replacement characters.
    fn decode_fragment(
        &self,
        fragment: &[u8],
        delimiters: &[u8],
        mode: Mode,
        warnings: &mut Vec<String>,
    ) -> Result<String> {
        let decoded = if fragment[0] == ESC {
            self.decode_escaped(fragment, delimiters, mode, warnings)?
        } else {
            self.first().codec.decode(fragment)
        };
        if let Some(text) = decoded {
            return Ok(text);
        }
        issue(
            mode,
            warnings,
            format!(
                "Failed to decode byte string with encodings: {} - using replacement \
                 characters in decoded string",
                self.names()
            ),
        )?;
        Ok(self.first().codec.decode_lossy(fragment))
    }

    /// pydicom's `_decode_escaped_fragment`; `None` where a codec fails.
    fn decode_escaped(
        &self,
        fragment: &[u8],
        delimiters: &[u8],
        mode: Mode,
        warnings: &mut Vec<String>,
    ) -> Result<Option<String>> {
        let len = if fragment.starts_with(b"\x1b$(") || fragment.starts_with(b"\x1b$)") {
            4
        } else {
            3
        };
        let escape = &fragment[..len.min(fragment.len())];
        let name = ESCAPES.iter().find(|(e, _)| *e == escape).map(|(_, n)| *n);
        let codec = name.and_then(
            |name| match self.encodings.iter().find(|e| e.name == name) {
                Some(e) => Some(e.codec),
                None => (name == DEFAULT_ENCODING).then_some(PythonCodec::LATIN_1),
            },
        );
        let (Some(name), Some(codec)) = (name, codec) else {
            let first = self.first();
            issue(
                mode,
                warnings,
                format!(
                    "Found unknown escape sequence in encoded string value - using \
                     encoding {}",
                    first.name
                ),
            )?;
            return Ok(Some(first.codec.decode_lossy(fragment)));
        };
        if HANDLED.contains(&name) {
            return Ok(codec.decode(fragment));
        }
        let rest = &fragment[len..];
        // a delimiter switches back to the first encoding for the rest of the fragment
        Ok(match rest.iter().position(|b| delimiters.contains(b)) {
            Some(i) => codec
                .decode(&rest[..i])
                .zip(self.first().codec.decode(&rest[i..]))
                .map(|(a, b)| a + &b),
            None => codec.decode(rest),
        })
    }

    /// Encodes one value (not '\\'-joined values: pydicom encodes each separately and
    /// joins the bytes with '\\') as pydicom's writer does; see
    /// [`encode_with`](Self::encode_with).
    pub fn encode(&self, value: &str) -> Vec<u8> {
        let mut warnings = Vec::new();
        self.encode_with(value, Mode::Warn, &mut warnings)
            .unwrap_or_default()
    }

    /// pydicom's `encode_string`: the first encoding that can encode the whole value
    /// (with its escape sequence if not the first), else a mix of encodings chosen
    /// greedily, else the first encoding with '?' replacements and a warning. In
    /// [`Mode::Raise`] that last case is an error when Python's codec for the first
    /// encoding cannot encode the value (pydicom's check, which for `shift_jis` accepts
    /// more than pydicom's own JIS X 0201 encoder).
    ///
    /// An empty value gives empty bytes (pydicom raises `IndexError` when the first
    /// encoding is ISO 2022 IR 87 or 159).
    pub fn encode_with(
        &self,
        value: &str,
        mode: Mode,
        warnings: &mut Vec<String>,
    ) -> Result<Vec<u8>> {
        if value.is_empty() {
            return Ok(Vec::new());
        }
        for (i, encoding) in self.encodings.iter().enumerate() {
            if let Ok(encoded) = encode_one(value, encoding, false) {
                let mut out = Vec::with_capacity(encoded.len() + 8);
                if i > 0 && !HANDLED.contains(&encoding.name.as_str()) {
                    out.extend_from_slice(escape_for(&encoding.name, Some(&encoded)));
                }
                out.extend(encoded);
                if NEED_TAIL_ESCAPE.contains(&encoding.name.as_str()) {
                    out.extend_from_slice(escape_for(&self.first().name, None));
                }
                return Ok(out);
            }
        }
        if self.encodings.len() > 1 {
            if let Some(encoded) = self.encode_parts(value) {
                return Ok(encoded);
            }
        }
        let first = self.first();
        if mode == Mode::Raise && first.codec.encode(value).is_err() {
            return Err(Error::Charset(format!(
                "'{}' codec can't encode the value {value:?}",
                first.name
            )));
        }
        warnings.push(format!(
            "Failed to encode value with encodings: {} - using replacement characters in \
             encoded string",
            self.names()
        ));
        Ok(encode_one(value, first, true).unwrap_or_default())
    }

    /// pydicom's `_encode_string_parts`: repeatedly encode the longest prefix any
    /// encoding can (the first such encoding wins ties).
    fn encode_parts(&self, value: &str) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut rest = value;
        let mut best = self.first();
        while !rest.is_empty() {
            let mut max = 0;
            for encoding in &self.encodings {
                match encode_one(rest, encoding, false) {
                    Ok(_) => {
                        best = encoding;
                        max = rest.chars().count();
                        break;
                    }
                    Err(start) if start > max => {
                        best = encoding;
                        max = start;
                    }
                    Err(_) => {}
                }
            }
            if max == 0 {
                return None;
            }
            let split = rest.char_indices().nth(max).map_or(rest.len(), |(i, _)| i);
            let part = encode_one(&rest[..split], best, false).ok()?;
            if !HANDLED.contains(&best.name.as_str()) {
                out.extend_from_slice(escape_for(&best.name, Some(&part)));
            }
            out.extend(part);
            rest = &rest[split..];
        }
        if NEED_TAIL_ESCAPE.contains(&best.name.as_str()) {
            out.extend_from_slice(escape_for(&self.first().name, None));
        }
        Some(out)
    }

    /// Encodes one person name value as pydicom's `_encode_personname`: each '^'-part
    /// of each '='-group separately, so every part starts in the first encoding.
    pub fn encode_person_name(
        &self,
        value: &str,
        mode: Mode,
        warnings: &mut Vec<String>,
    ) -> Result<Vec<u8>> {
        let mut groups = Vec::new();
        for group in value.split('=') {
            let parts = group
                .split('^')
                .map(|part| self.encode_with(part, mode, warnings))
                .collect::<Result<Vec<_>>>()?;
            groups.push(parts.join(&b'^'));
        }
        while groups.last().is_some_and(Vec::is_empty) {
            groups.pop();
        }
        Ok(groups.join(&b'='))
    }
}

/// pydicom's `convert_encodings` for one term (after an empty first term became
/// ISO_IR 6): the Python codec name pydicom uses for it, and that codec.
fn python_encoding(term: &str, warnings: &mut Vec<String>, unknown: &mut Vec<String>) -> Encoding {
    let encoding = |name: &str| {
        PythonCodec::lookup(name).map(|codec| Encoding {
            name: name.to_owned(),
            codec,
        })
    };
    // every name in PYTHON_ENCODING is a supported codec
    let defined = |t: &str| {
        PYTHON_ENCODING
            .iter()
            .find(|(d, _)| *d == t)
            .and_then(|(_, n)| encoding(n))
    };
    if let Some(found) = defined(term) {
        return found;
    }
    if let Some(patched) = patched_term(term) {
        if let Some(found) = defined(&patched) {
            warnings.push(format!(
                "Incorrect value for Specific Character Set '{term}' - assuming '{patched}'"
            ));
            return found;
        }
    } else if let Some(found) = encoding(term) {
        // pydicom accepts any Python codec name
        return found;
    }
    warnings.push(format!(
        "Unknown encoding '{term}' - using default encoding instead"
    ));
    unknown.push(term.to_owned());
    Encoding {
        name: DEFAULT_ENCODING.to_owned(),
        codec: PythonCodec::LATIN_1,
    }
}

/// pydicom's spelling corrections: `^ISO[^_]IR` -> "ISO_IR" + rest after 6 characters,
/// and `^(?=ISO.2022.IR.)(?!ISO 2022 IR )` -> "ISO 2022 IR " + rest after 12.
fn patched_term(term: &str) -> Option<String> {
    let chars: Vec<char> = term.chars().collect();
    let at = |i: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k) == Some(&c))
    };
    // '.' in a Python regex matches anything but a newline
    let any = |i: usize| chars.get(i).is_some_and(|&c| c != '\n');
    let rest = |n: usize| chars.iter().skip(n).collect::<String>();
    if at(0, "ISO") && chars.get(3).is_some_and(|&c| c != '_') && at(4, "IR") {
        return Some(format!("ISO_IR{}", rest(6)));
    }
    let extension = at(0, "ISO") && any(3) && at(4, "2022") && any(8) && at(9, "IR") && any(11);
    if extension && !term.starts_with("ISO 2022 IR ") {
        return Some(format!("ISO 2022 IR {}", rest(12)));
    }
    None
}

/// pydicom's `_encode_string_impl` in strict (`replace == false`) or replace mode:
/// custom encoders for JIS X 0201 / 0208 / 0212, Python codecs otherwise.
fn encode_one(
    value: &str,
    encoding: &Encoding,
    replace: bool,
) -> std::result::Result<Vec<u8>, usize> {
    match encoding.name.as_str() {
        "shift_jis" => encode_jis_x0201(value, replace),
        "iso2022_jp" => encode_jis_g0(value, Dbcs::Jisx0208, replace),
        "iso2022_jp_2" => encode_jis_g0(value, Dbcs::Jisx0212, replace),
        _ if replace => Ok(encoding.codec.encode_lossy(value)),
        _ => encoding.codec.encode(value),
    }
}

/// pydicom's `_encode_to_jis_x_0201`: one byte per character, all ISO IR 14 (< 0x80)
/// or all ISO IR 13 katakana; in replace mode every non-ISO-IR-14 character is '?'.
fn encode_jis_x0201(value: &str, replace: bool) -> std::result::Result<Vec<u8>, usize> {
    if replace {
        return Ok(value
            .chars()
            .map(|c| {
                codec::jis_x0201_byte(c)
                    .filter(|b| *b < 0x80)
                    .unwrap_or(b'?')
            })
            .collect());
    }
    let mut out = Vec::with_capacity(value.len());
    for (i, c) in value.chars().enumerate() {
        match codec::jis_x0201_byte(c) {
            Some(b) if out.first().is_none_or(|f: &u8| (f ^ b) & 0x80 == 0) => out.push(b),
            _ => return Err(i),
        }
    }
    Ok(out)
}

/// pydicom's `_encode_to_jis_x_0208` / `_0212`: strictly, every character must be in
/// that set (Python's encoder prefers JIS X 0208, so X 0212 means "not in X 0208"), and
/// the result is its escape sequence and the codes; in replace mode Python's
/// `iso2022_jp` / `iso2022_jp_2` codec with '?' replacements.
fn encode_jis_g0(value: &str, set: Dbcs, replace: bool) -> std::result::Result<Vec<u8>, usize> {
    let x0208 = set == Dbcs::Jisx0208;
    if replace {
        let codec = if x0208 {
            PythonCodec::ISO2022_JP
        } else {
            PythonCodec::ISO2022_JP_2
        };
        return Ok(codec.encode_lossy(value));
    }
    let mut out = if x0208 {
        b"\x1b$B".to_vec()
    } else {
        b"\x1b$(D".to_vec()
    };
    for (i, c) in value.chars().enumerate() {
        let in_x0208 = Dbcs::Jisx0208.encode(c).filter(|_| !c.is_ascii());
        let code = match (x0208, in_x0208) {
            (true, code) => code,
            (false, Some(_)) => None,
            (false, None) => Dbcs::Jisx0212.encode(c).filter(|_| !c.is_ascii()),
        };
        out.extend(code.ok_or(i)?);
    }
    Ok(out)
}

/// pydicom's `_get_escape_sequence_for_encoding`.
fn escape_for(name: &str, encoded: Option<&[u8]>) -> &'static [u8] {
    if name == "shift_jis" {
        return match encoded.and_then(|e| e.first()) {
            Some(b) if *b >= 0x80 => b"\x1b)I",
            _ => b"\x1b(J",
        };
    }
    ESCAPES
        .iter()
        .find(|(_, n)| *n == name)
        .map_or(b"", |(e, _)| e)
}
