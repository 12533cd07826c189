//! Lookups in the mapping tables that tools/gen_charset_tables.py takes from CPython's
//! codecs. Decode tables are little-endian `u16` arrays with 0xFFFE for unmapped codes;
//! encoders invert them (the generator checks that this matches Python for every BMP
//! character), building the reverse maps lazily on first use.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::generated::{EUCKR_CHOSEONG, EUCKR_JONGSEONG, GB18030_RANGES, SBCS_MODULES};

const UNDEF: u16 = 0xFFFE;

static SBCS: &[u8] = include_bytes!("data/sbcs.bin");
static JISX0208: &[u8] = include_bytes!("data/jisx0208.bin");
static JISX0212: &[u8] = include_bytes!("data/jisx0212.bin");
static KSX1001: &[u8] = include_bytes!("data/ksx1001.bin");
static GB2312: &[u8] = include_bytes!("data/gb2312.bin");
static GB18030: &[u8] = include_bytes!("data/gb18030.bin");
static GBK_MASK: &[u8] = include_bytes!("data/gbk_mask.bin");

fn entry(table: &[u8], index: usize) -> Option<char> {
    let bytes = table.get(2 * index..2 * index + 2)?;
    let u = u16::from_le_bytes([bytes[0], bytes[1]]);
    if u == UNDEF {
        None
    } else {
        char::from_u32(u32::from(u))
    }
}

fn bmp(c: char) -> Option<u16> {
    u16::try_from(u32::from(c)).ok()
}

/// Reverse map of a table: the first index (in table order) of each character.
fn reverse(table: &[u8], include: impl Fn(usize) -> bool) -> HashMap<u16, u16> {
    let mut map = HashMap::new();
    for i in 0..table.len() / 2 {
        if let Some(c) = entry(table, i).filter(|_| include(i)) {
            // tables only hold BMP characters and have fewer than 65536 entries
            if let (Some(c), Ok(i)) = (bmp(c), u16::try_from(i)) {
                map.entry(c).or_insert(i);
            }
        }
    }
    map
}

/// Index of a single-byte codec in the generated list; 0 is `ascii`, 1 is `latin_1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct SingleByte(usize);

impl SingleByte {
    pub(super) const LATIN_1: SingleByte = SingleByte(1);

    pub(super) fn by_module(module: &str) -> Option<Self> {
        SBCS_MODULES
            .iter()
            .position(|m| *m == module)
            .map(SingleByte)
    }

    pub(super) fn module(self) -> &'static str {
        SBCS_MODULES[self.0]
    }

    pub(super) fn decode(self, b: u8) -> Option<char> {
        if b < 0x80 {
            Some(char::from(b))
        } else {
            entry(SBCS, self.0 * 128 + usize::from(b - 0x80))
        }
    }

    /// Like Python's `charmap_build`, the last byte mapping to `c` wins, even over the
    /// ASCII byte itself (mac_arabic encodes ' ' as 0xA0).
    pub(super) fn encode(self, c: char) -> Option<u8> {
        (0x80..=0xFFu8)
            .rev()
            .find(|&b| self.decode(b) == Some(c))
            .or_else(|| u8::try_from(u32::from(c)).ok().filter(|b| *b < 0x80))
    }
}

/// The 94x94 double-byte sets, addressed by their ISO 2022 bytes 0x21..=0x7E.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Dbcs {
    Jisx0208,
    Jisx0212,
    Ksx1001,
    Gb2312,
}

impl Dbcs {
    fn table(self) -> &'static [u8] {
        match self {
            Dbcs::Jisx0208 => JISX0208,
            Dbcs::Jisx0212 => JISX0212,
            Dbcs::Ksx1001 => KSX1001,
            Dbcs::Gb2312 => GB2312,
        }
    }

    pub(super) fn decode(self, b1: u8, b2: u8) -> Option<char> {
        let valid = 0x21..=0x7E;
        if !valid.contains(&b1) || !valid.contains(&b2) {
            return None;
        }
        entry(
            self.table(),
            usize::from(b1 - 0x21) * 94 + usize::from(b2 - 0x21),
        )
    }

    pub(super) fn encode(self, c: char) -> Option<[u8; 2]> {
        static MAPS: [OnceLock<HashMap<u16, u16>>; 4] = [const { OnceLock::new() }; 4];
        let map = MAPS[self as usize].get_or_init(|| reverse(self.table(), |_| true));
        let i = *map.get(&bmp(c)?)?;
        // i < 94 * 94, so both bytes fit
        Some([0x21 + (i / 94) as u8, 0x21 + (i % 94) as u8])
    }
}

/// Two-byte GB18030 codes: leads 0x81..=0xFE, trails 0x40..=0xFE; GBK is the subset
/// flagged in the mask (with identical mappings).
const GB_TRAILS: usize = 0xFF - 0x40;

fn gbk_valid(i: usize) -> bool {
    GBK_MASK.get(i / 8).is_some_and(|m| m & (1 << (i % 8)) != 0)
}

pub(super) fn gb_decode(lead: u8, trail: u8, gbk_only: bool) -> Option<char> {
    if !(0x81..=0xFE).contains(&lead) || !(0x40..=0xFE).contains(&trail) {
        return None;
    }
    let i = usize::from(lead - 0x81) * GB_TRAILS + usize::from(trail - 0x40);
    if gbk_only && !gbk_valid(i) {
        return None;
    }
    entry(GB18030, i)
}

pub(super) fn gb_encode(c: char, gbk_only: bool) -> Option<[u8; 2]> {
    static GBK: OnceLock<HashMap<u16, u16>> = OnceLock::new();
    static ALL: OnceLock<HashMap<u16, u16>> = OnceLock::new();
    let map = if gbk_only {
        GBK.get_or_init(|| reverse(GB18030, gbk_valid))
    } else {
        ALL.get_or_init(|| reverse(GB18030, |_| true))
    };
    let i = usize::from(*map.get(&bmp(c)?)?);
    // i < 126 * 191, so both bytes fit
    Some([0x81 + (i / GB_TRAILS) as u8, 0x40 + (i % GB_TRAILS) as u8])
}

/// Number of four-byte GB18030 codes for the BMP (linear indices 0..39420).
pub(super) const GB18030_BMP_CODES: u32 = 39420;

/// Character of a four-byte GB18030 code in the BMP area.
pub(super) fn gb18030_bmp_decode(linear: u32) -> Option<char> {
    let run = GB18030_RANGES
        .windows(2)
        .find(|w| u32::from(w[1].0) > linear)?;
    char::from_u32(u32::from(run[0].1) + linear - u32::from(run[0].0))
}

/// Linear index of the four-byte code for a BMP character (first run containing it).
pub(super) fn gb18030_bmp_encode(c: char) -> Option<u32> {
    let c = u32::from(bmp(c)?);
    GB18030_RANGES.windows(2).find_map(|w| {
        let (start, first, end) = (u32::from(w[0].0), u32::from(w[0].1), u32::from(w[1].0));
        (first <= c && c < first + (end - start)).then(|| c - first + start)
    })
}

/// Hangul syllable of an EUC-KR make-up sequence (KS X 1001:1998 annex 3), given the
/// choseong, jungseong and jongseong jamo bytes (jongseong 0xD4 = none).
pub(super) fn euckr_makeup(cho: u8, jung: u8, jong: u8) -> Option<char> {
    let jamo = |table: &[u8; 30], b: u8| {
        let i = table.get(usize::from(b.checked_sub(0xA1)?))?;
        (*i != 0xFF).then_some(u32::from(*i))
    };
    let cho = jamo(&EUCKR_CHOSEONG, cho)?;
    let jung = (0xBF..=0xD3)
        .contains(&jung)
        .then(|| u32::from(jung - 0xBF))?;
    let jong = if jong == 0xD4 {
        0
    } else {
        jamo(&EUCKR_JONGSEONG, jong)?
    };
    char::from_u32(0xAC00 + cho * 588 + jung * 28 + jong)
}

/// The make-up sequence Python's `euc_kr` writes for a Hangul syllable that is not in
/// KS X 1001.
pub(super) fn euckr_makeup_encode(c: char) -> Option<[u8; 8]> {
    let s = u32::from(c).checked_sub(0xAC00).filter(|s| *s < 11172)?;
    let byte = |table: &[u8; 30], i: u32| {
        let pos = table.iter().position(|&t| u32::from(t) == i)?;
        // pos < 30
        Some(0xA1 + pos as u8)
    };
    let cho = byte(&EUCKR_CHOSEONG, s / 588)?;
    // s / 28 % 21 < 21
    let jung = 0xBF + (s / 28 % 21) as u8;
    let jong = match s % 28 {
        0 => 0xD4,
        i => byte(&EUCKR_JONGSEONG, i)?,
    };
    Some([0xA4, 0xD4, 0xA4, cho, 0xA4, jung, 0xA4, jong])
}
