//! Value Representations (PS3.5 section 6.2).

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
#[rustfmt::skip]
pub enum Vr {
    AE,
    AS,
    AT,
    CS,
    DA,
    DS,
    DT,
    FL,
    FD,
    IS,
    LO,
    LT,
    OB,
    OD,
    OF,
    OL,
    OV,
    OW,
    PN,
    SH,
    SL,
    SQ,
    SS,
    ST,
    SV,
    TM,
    UC,
    UI,
    UL,
    UN,
    UR,
    US,
    UT,
    UV,
    /// Ambiguous dictionary VRs ("US or SS", "OB or OW", ...), resolved from context when read.
    UsSs,
    UsOw,
    UsSsOw,
    ObOw,
    SsOw,
    /// Pseudo-VR for items and delimiters (FFFE,xxxx), which have no VR on the wire.
    Item,
}

impl Vr {
    /// The VR spelled by two bytes on the wire. A table lookup: this runs once per element.
    pub fn from_bytes(b: [u8; 2]) -> Option<Vr> {
        let (hi, lo) = (b[0].wrapping_sub(b'A'), b[1].wrapping_sub(b'A'));
        if hi >= 26 || lo >= 26 {
            return None;
        }
        WIRE_VRS[usize::from(hi) * 26 + usize::from(lo)]
    }

    /// Parses a dictionary VR string, including the ambiguous forms pydicom's dictionary uses.
    pub fn from_dict_str(s: &str) -> Option<Vr> {
        Some(match s {
            "US or SS" => Vr::UsSs,
            "US or OW" => Vr::UsOw,
            "US or SS or OW" => Vr::UsSsOw,
            "OB or OW" | "OB_OW" => Vr::ObOw,
            "SS or OW" => Vr::SsOw,
            "NONE" | "" => Vr::Item,
            _ => {
                let b = s.as_bytes();
                if b.len() != 2 {
                    return None;
                }
                return Vr::from_bytes([b[0], b[1]]);
            }
        })
    }

    #[rustfmt::skip]
    pub const fn as_str(self) -> &'static str {
        use Vr::*;
        match self {
            AE => "AE",
            AS => "AS",
            AT => "AT",
            CS => "CS",
            DA => "DA",
            DS => "DS",
            DT => "DT",
            FL => "FL",
            FD => "FD",
            IS => "IS",
            LO => "LO",
            LT => "LT",
            OB => "OB",
            OD => "OD",
            OF => "OF",
            OL => "OL",
            OV => "OV",
            OW => "OW",
            PN => "PN",
            SH => "SH",
            SL => "SL",
            SQ => "SQ",
            SS => "SS",
            ST => "ST",
            SV => "SV",
            TM => "TM",
            UC => "UC",
            UI => "UI",
            UL => "UL",
            UN => "UN",
            UR => "UR",
            US => "US",
            UT => "UT",
            UV => "UV",
            UsSs => "US or SS",
            UsOw => "US or OW",
            UsSsOw => "US or SS or OW",
            ObOw => "OB or OW",
            SsOw => "SS or OW",
            Item => "NONE",
        }
    }

    /// Explicit VR encoding: these VRs have 2 reserved bytes and a 32-bit length (PS3.5 7.1.2).
    pub fn has_long_length(self) -> bool {
        use Vr::*;
        matches!(
            self,
            OB | OD | OF | OL | OV | OW | SQ | UC | UN | UR | UT | SV | UV
        )
    }

    /// Size of one binary value, for VRs stored as fixed-size numbers.
    pub fn fixed_size(self) -> Option<usize> {
        use Vr::*;
        match self {
            SS | US | OW => Some(2),
            SL | UL | FL | AT | OF | OL => Some(4),
            FD | SV | UV | OD | OV => Some(8),
            _ => None,
        }
    }

    /// Text VRs whose bytes are decoded with (0008,0005) Specific Character Set (PS3.5 6.1.2.3).
    pub fn uses_charset(self) -> bool {
        use Vr::*;
        matches!(self, SH | LO | ST | PN | LT | UC | UT)
    }

    /// String VRs (everything stored as characters).
    pub fn is_string(self) -> bool {
        use Vr::*;
        matches!(
            self,
            AE | AS | CS | DA | DS | DT | IS | LO | LT | PN | SH | ST | TM | UC | UI | UR | UT
        )
    }

    /// String VRs that hold exactly one value: a backslash is ordinary text (PS3.5 6.2).
    pub fn is_single_valued_text(self) -> bool {
        matches!(self, Vr::LT | Vr::ST | Vr::UT | Vr::UR)
    }
}

impl fmt::Display for Vr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Every VR that can appear on the wire, indexed by its two letters ('AA' = 0 .. 'ZZ' = 675).
static WIRE_VRS: [Option<Vr>; 26 * 26] = {
    use Vr::*;
    const ALL: [Vr; 34] = [
        AE, AS, AT, CS, DA, DS, DT, FL, FD, IS, LO, LT, OB, OD, OF, OL, OV, OW, PN, SH, SL, SQ, SS,
        ST, SV, TM, UC, UI, UL, UN, UR, US, UT, UV,
    ];
    let mut table = [None; 26 * 26];
    let mut i = 0;
    while i < ALL.len() {
        let name = ALL[i].as_str().as_bytes();
        table[(name[0] - b'A') as usize * 26 + (name[1] - b'A') as usize] = Some(ALL[i]);
        i += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_table_round_trips_every_vr() {
        let mut found = 0;
        for a in b'A'..=b'Z' {
            for b in b'A'..=b'Z' {
                if let Some(vr) = Vr::from_bytes([a, b]) {
                    assert_eq!(vr.as_str().as_bytes(), [a, b]);
                    found += 1;
                }
            }
        }
        assert_eq!(found, 34);
        assert_eq!(Vr::from_bytes(*b"PN"), Some(Vr::PN));
        assert_eq!(Vr::from_bytes([0, 0]), None);
        assert_eq!(Vr::from_bytes(*b"XX"), None);
    }
}
