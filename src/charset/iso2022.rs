//! Python's `iso2022_jp` and `iso2022_jp_2` codecs (CPython
//! Modules/cjkcodecs/_codecs_iso2022.c), which pydicom lets parse the escape sequences
//! of JIS X 0208 / JIS X 0212 fragments itself. Both use no shift functions (SI/SO are
//! plain controls) and accept the "ESC & @ ESC $ B" JIS X 0208-1990 prefix.

use super::codec::{run_steps, Fault, Step};
use super::tables::Dbcs;

const ESC: u8 = 0x1B;
/// CPython gives up on escape sequences longer than this.
const MAX_ESCAPE_LEN: usize = 16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Variant {
    Jp,
    /// Adds JIS X 0212, KS X 1001, GB 2312 and the ISO 8859-1/-7 G2 sets (SS2 = ESC N).
    Jp2,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Charset {
    Ascii,
    Roman,
    Double(Dbcs),
    /// ISO 8859-1 / -7 upper halves, only usable through SS2 (as G0 nothing decodes).
    Latin1,
    Greek,
}

impl Variant {
    /// The character set a designation's final byte selects, if this codec has it.
    fn charset(self, final_byte: u8, double: bool) -> Option<Charset> {
        let jp2 = self == Variant::Jp2;
        Some(match (final_byte, double) {
            (b'B', false) => Charset::Ascii,
            (b'J', false) => Charset::Roman,
            // '@' is JIS X 0208-1978, decoded with the same table
            (b'B' | b'@', true) => Charset::Double(Dbcs::Jisx0208),
            (b'D', true) if jp2 => Charset::Double(Dbcs::Jisx0212),
            (b'C', true) if jp2 => Charset::Double(Dbcs::Ksx1001),
            (b'A', true) if jp2 => Charset::Double(Dbcs::Gb2312),
            (b'A', false) if jp2 => Charset::Latin1,
            (b'F', false) if jp2 => Charset::Greek,
            _ => return None,
        })
    }

    /// Sets tried in order for a non-ASCII character when encoding.
    fn encode_order(self) -> &'static [Charset] {
        match self {
            Variant::Jp => &[Charset::Double(Dbcs::Jisx0208), Charset::Roman],
            Variant::Jp2 => &[
                Charset::Double(Dbcs::Jisx0208),
                Charset::Double(Dbcs::Jisx0212),
                Charset::Double(Dbcs::Ksx1001),
                Charset::Double(Dbcs::Gb2312),
                Charset::Roman,
            ],
        }
    }
}

fn is_escape_final(c: u8) -> bool {
    c.is_ascii_uppercase() || c == b'@'
}

struct Decoder {
    variant: Variant,
    g0: Charset,
    g2: Charset,
    /// After an ESC that starts no ISO 2022 sequence, bytes pass through as Latin-1
    /// up to and including the next final byte.
    passthrough: bool,
}

pub(super) fn decode(variant: Variant, bytes: &[u8], replace: bool) -> Option<String> {
    let mut decoder = Decoder {
        variant,
        g0: Charset::Ascii,
        g2: Charset::Ascii,
        passthrough: false,
    };
    run_steps(bytes, replace, |input, out| decoder.step(input, out))
}

impl Decoder {
    fn step(&mut self, input: &[u8], out: &mut String) -> Step {
        let c = input[0];
        if self.passthrough {
            out.push(char::from(c));
            self.passthrough = !is_escape_final(c);
            return Ok(1);
        }
        if c == ESC {
            let c2 = *input.get(1).ok_or(Fault::Truncated)?;
            if matches!(c2, b'(' | b')' | b'$' | b'.' | b'&') {
                return self.designate(input);
            }
            if c2 == b'N' && self.variant == Variant::Jp2 {
                let c3 = *input.get(2).ok_or(Fault::Truncated)?;
                out.push(self.single_shift(c3).ok_or(Fault::Invalid(3))?);
                return Ok(3);
            }
            out.push('\x1b');
            self.passthrough = true;
            return Ok(1);
        }
        if c >= 0x80 {
            return Err(Fault::Invalid(1));
        }
        match self.g0 {
            // C0 controls (SI, SO and LF included) pass through in every set
            _ if c < 0x20 => out.push(char::from(c)),
            Charset::Ascii => out.push(char::from(c)),
            Charset::Roman => out.push(match c {
                0x5C => '\u{A5}',
                0x7E => '\u{203E}',
                _ => char::from(c),
            }),
            Charset::Latin1 | Charset::Greek => return Err(Fault::Invalid(1)),
            Charset::Double(set) => {
                let c2 = *input.get(1).ok_or(Fault::Truncated)?;
                out.push(set.decode(c, c2).ok_or(Fault::Invalid(2))?);
                return Ok(2);
            }
        }
        Ok(1)
    }

    /// Processes the escape sequence starting `input` (CPython `iso2022processesc`).
    fn designate(&mut self, input: &[u8]) -> Step {
        let mut i = 1;
        let len = loop {
            if i >= MAX_ESCAPE_LEN {
                return Err(Fault::Invalid(1));
            }
            let c = *input.get(i).ok_or(Fault::Truncated)?;
            if is_escape_final(c) {
                break i + 1;
            }
            if c == b'&' && input.get(i + 1) == Some(&b'@') {
                i += 2;
            }
            i += 1;
        };
        let (final_byte, double, plane) = match len {
            3 if input[1] == b'$' => (input[2], true, 0),
            3 => {
                let plane = match input[1] {
                    b'(' => 0,
                    b')' => 1,
                    b'.' if self.variant == Variant::Jp2 => 2,
                    _ => return Err(Fault::Invalid(3)),
                };
                (input[2], false, plane)
            }
            4 if input[1] == b'$' && matches!(input[2], b'(' | b')') => {
                (input[3], true, usize::from(input[2] == b')'))
            }
            6 if input[3..6] == [ESC, b'$', b'B'] => (b'B', true, 0),
            _ => return Err(Fault::Invalid(len)),
        };
        let charset = self
            .variant
            .charset(final_byte, double)
            .ok_or(Fault::Invalid(len))?;
        match plane {
            0 => self.g0 = charset,
            // G1 is never invoked without shift functions
            1 => {}
            _ => self.g2 = charset,
        }
        Ok(len)
    }

    /// A character invoked from G2 by SS2 (CPython `iso2022processg2`).
    fn single_shift(&self, c: u8) -> Option<char> {
        match self.g2 {
            Charset::Ascii => (c < 0x80).then_some(char::from(c)),
            Charset::Latin1 => (c < 0x80).then(|| char::from(c + 0x80)),
            Charset::Greek => greek_g2(c ^ 0x80),
            // CPython reports an internal error for the other sets
            _ => None,
        }
    }
}

/// CPython's `ISO8859_7_DECODE` (the 1987 edition, without the 2003 additions).
fn greek_g2(c: u8) -> Option<char> {
    let u = u32::from(c);
    let code = if c < 0xA0 || (c < 0xC0 && 0x288f_3bc9_u32 & (1 << (c - 0xA0)) != 0) {
        u
    } else if (0xB4..=0xFE).contains(&c) && (c >= 0xD4 || 0xbfff_fd77_u32 & (1 << (c - 0xB4)) != 0)
    {
        0x02D0 + u
    } else {
        match c {
            0xA1 => 0x2018,
            0xA2 => 0x2019,
            0xAF => 0x2015,
            _ => return None,
        }
    };
    char::from_u32(code)
}

/// Python's stateful `iso2022_jp(_2)` encoder, ending in ASCII; unencodable characters
/// fail (strict) or become '?' (replace).
pub(super) fn encode(variant: Variant, value: &str, replace: bool) -> Result<Vec<u8>, usize> {
    let mut out = Vec::with_capacity(value.len());
    let mut g0 = Charset::Ascii;
    for (i, c) in value.chars().enumerate() {
        let found = if c.is_ascii() {
            None
        } else {
            variant.encode_order().iter().find_map(|&set| {
                let code = match set {
                    Charset::Double(dbcs) => dbcs.encode(c)?.to_vec(),
                    _ => vec![super::codec::jis_x0201_byte(c).filter(|b| *b < 0x80)?],
                };
                Some((set, code))
            })
        };
        let (set, code) = match found {
            Some(found) => found,
            None if c.is_ascii() => (Charset::Ascii, vec![c as u8]),
            None if replace => (Charset::Ascii, vec![b'?']),
            None => return Err(i),
        };
        if g0 != set {
            out.extend_from_slice(designation(set));
            g0 = set;
        }
        out.extend(code);
    }
    if g0 != Charset::Ascii {
        out.extend_from_slice(designation(Charset::Ascii));
    }
    Ok(out)
}

/// The escape sequence the encoder writes to designate a G0 set.
fn designation(set: Charset) -> &'static [u8] {
    match set {
        Charset::Roman => b"\x1b(J",
        Charset::Double(Dbcs::Jisx0208) => b"\x1b$B",
        Charset::Double(Dbcs::Jisx0212) => b"\x1b$(D",
        Charset::Double(Dbcs::Ksx1001) => b"\x1b$(C",
        Charset::Double(Dbcs::Gb2312) => b"\x1b$(A",
        // the encoder never selects the G2-only sets
        Charset::Ascii | Charset::Latin1 | Charset::Greek => b"\x1b(B",
    }
}
