//! The DICOM data dictionary (PS3.6), pydicom's private dictionary and UID table.
//!
//! The tables in `table.rs` are generated from pydicom by `tools/gen_dict.py` and are sorted
//! so that every lookup is a binary search over static data (nothing is built at start-up).
//! Lookup semantics mirror `pydicom.datadict` and `pydicom.uid`; see docs/dictionary.md.

use crate::vr::Vr;

#[rustfmt::skip]
mod table;
#[cfg(test)]
mod tests;

/// One entry of the public dictionary, as pydicom's `(VR, VM, name, is_retired, keyword)`.
#[derive(Debug, PartialEq, Eq)]
pub struct DictEntry {
    /// The tag; for repeating-group entries the "x" nibbles are zero (60xx3000 -> 0x60003000).
    pub tag: u32,
    /// pydicom's VR string, including the ambiguous forms ("US or SS", "OB or OW", "NONE").
    pub vr: &'static str,
    pub vm: &'static str,
    pub name: &'static str,
    pub keyword: &'static str,
    pub retired: bool,
}

/// One entry of pydicom's private dictionary for some private creator.
///
/// Stored compactly (12 bytes, no pointers) because there are over ten thousand of them.
#[derive(Debug, PartialEq, Eq)]
pub struct PrivateEntry {
    /// The dictionary key with its masked nibbles zeroed.
    tag: u32,
    /// Which masked form of the tag the key is (index into `PRIVATE_MASKS`).
    kind: u8,
    vr: u8,
    vm: u8,
    name_len: u8,
    name_start: u32,
    retired: bool,
}

impl PrivateEntry {
    /// pydicom's VR string; can be a form `Vr` does not parse (e.g. "OB_OW", "US or SS").
    pub fn vr(&self) -> &'static str {
        table::PRIVATE_VRS[usize::from(self.vr)]
    }

    pub fn vm(&self) -> &'static str {
        table::PRIVATE_VMS[usize::from(self.vm)]
    }

    pub fn name(&self) -> &'static str {
        let start = self.name_start as usize;
        &table::PRIVATE_NAMES[start..start + usize::from(self.name_len)]
    }

    pub fn retired(&self) -> bool {
        self.retired
    }

    /// The key as pydicom writes it, e.g. "0019xx0A", "0029100C" or "70xxxx04".
    pub fn pattern(&self) -> String {
        let hex = format!("{:08X}", self.tag);
        match self.kind {
            0 => hex,
            1 => format!("{}xx{}", &hex[..4], &hex[6..]),
            _ => format!("{}xxxx{}", &hex[..2], &hex[6..]),
        }
    }
}

/// A private creator and its entries' range in `PRIVATE_ENTRIES`.
struct PrivateCreator {
    name: &'static str,
    start: u32,
    end: u32,
}

/// One row of pydicom's UID table, `(name, type, info, retired, keyword)` keyed by UID.
#[derive(Debug, PartialEq, Eq)]
pub struct UidEntry {
    pub uid: &'static str,
    pub name: &'static str,
    /// pydicom's "type" column, e.g. "Transfer Syntax", "SOP Class".
    pub kind: &'static str,
    pub info: &'static str,
    pub retired: bool,
    /// e.g. "JPEGBaseline8Bit"; empty for the few UIDs that have none.
    pub keyword: &'static str,
}

// Constructors for the generated tables: positional calls keep `table.rs` short.
const fn e(
    tag: u32,
    vr: &'static str,
    vm: &'static str,
    name: &'static str,
    keyword: &'static str,
    retired: bool,
) -> DictEntry {
    DictEntry {
        tag,
        vr,
        vm,
        name,
        keyword,
        retired,
    }
}

const fn p(
    tag: u32,
    kind: u8,
    vr: u8,
    vm: u8,
    name_start: u32,
    name_len: u8,
    retired: bool,
) -> PrivateEntry {
    PrivateEntry {
        tag,
        kind,
        vr,
        vm,
        name_len,
        name_start,
        retired,
    }
}

const fn c(name: &'static str, start: u32, end: u32) -> PrivateCreator {
    PrivateCreator { name, start, end }
}

const fn u(
    uid: &'static str,
    name: &'static str,
    kind: &'static str,
    info: &'static str,
    retired: bool,
    keyword: &'static str,
) -> UidEntry {
    UidEntry {
        uid,
        name,
        kind,
        info,
        retired,
        keyword,
    }
}

/// Masks for the private key kinds, in the order `get_private_entry` tries them:
/// "ggggeeee", "ggggxxee" (block byte masked), "ggxxxxee".
const PRIVATE_MASKS: [u32; 3] = [0xFFFF_FFFF, 0xFFFF_00FF, 0xFF00_00FF];

fn is_private(tag: u32) -> bool {
    (tag >> 16) & 1 == 1
}

/// Every public dictionary entry, sorted by tag (pydicom's `DicomDictionary`).
pub fn entries() -> &'static [DictEntry] {
    &table::ENTRIES
}

/// Exact match in the public dictionary only (pydicom's `dictionary_has_tag` and the lookup
/// `DataElement.keyword` / `is_retired` use).
pub fn lookup_exact(tag: u32) -> Option<&'static DictEntry> {
    let i = table::ENTRIES.binary_search_by_key(&tag, |e| e.tag).ok()?;
    Some(&table::ENTRIES[i])
}

/// The repeating-group entry whose pattern matches `tag` (pydicom's `mask_match`), first
/// match in pydicom's order. Like pydicom it does not exclude private groups.
pub fn mask_match(tag: u32) -> Option<&'static DictEntry> {
    table::REPEATERS
        .iter()
        .find(|(mask, e)| (tag ^ e.tag) & mask == 0)
        .map(|(_, e)| e)
}

/// pydicom's `get_entry`: exact match, then (for non-private tags) the repeating groups.
/// Group lengths other than (0000,0000) and (0002,0000) are not in the dictionary.
pub fn lookup(tag: u32) -> Option<&'static DictEntry> {
    lookup_exact(tag).or_else(|| {
        if is_private(tag) {
            None
        } else {
            mask_match(tag)
        }
    })
}

/// pydicom's `tag_for_keyword`: public dictionary keywords only (not repeating groups).
pub fn tag_for_keyword(keyword: &str) -> Option<u32> {
    let i = table::BY_KEYWORD
        .binary_search_by(|&i| table::ENTRIES[usize::from(i)].keyword.cmp(keyword))
        .ok()?;
    Some(table::ENTRIES[usize::from(table::BY_KEYWORD[i])].tag)
}

/// pydicom's `keyword_for_tag`: the keyword from [`lookup`], or "" if unknown.
pub fn keyword_for_tag(tag: u32) -> &'static str {
    lookup(tag).map_or("", |e| e.keyword)
}

/// pydicom's `dictionary_VR` as a [`Vr`] (ambiguous VRs map to `Vr::UsSs` etc.).
pub fn dictionary_vr(tag: u32) -> Option<Vr> {
    lookup(tag).and_then(|e| Vr::from_dict_str(e.vr))
}

/// pydicom's `get_private_entry(tag, creator)`: tries the keys "ggggeeee", "ggggxxee" and
/// "ggxxxxee" in that order within `creator`'s dictionary (exact, case-sensitive creator).
pub fn private_lookup(creator: &str, tag: u32) -> Option<&'static PrivateEntry> {
    let c = table::PRIVATE_CREATORS
        .binary_search_by(|c| c.name.cmp(creator))
        .ok()?;
    let c = &table::PRIVATE_CREATORS[c];
    let block = &table::PRIVATE_ENTRIES[c.start as usize..c.end as usize];
    PRIVATE_MASKS.iter().zip(0u8..).find_map(|(mask, kind)| {
        let key = (kind, tag & mask);
        let i = block.binary_search_by_key(&key, |e| (e.kind, e.tag)).ok()?;
        Some(&block[i])
    })
}

/// The repeating-group entries in pydicom's order, each with its mask (the bits that must
/// match; "x" nibbles are 0 in the mask and in the entry's tag).
pub fn repeaters() -> &'static [(u32, DictEntry)] {
    &table::REPEATERS
}

/// pydicom's key for a repeating-group entry, e.g. "60xx0010": masked nibbles are "x".
pub fn repeater_pattern(mask: u32, tag: u32) -> String {
    (0..8)
        .rev()
        .map(|i| {
            let shift = i * 4;
            if (mask >> shift) & 0xF == 0 {
                'x'
            } else {
                char::from_digit((tag >> shift) & 0xF, 16).map_or('?', |c| c.to_ascii_uppercase())
            }
        })
        .collect()
}

/// Every private creator with its entries (pydicom's `private_dictionaries`), creators sorted
/// bytewise.
pub fn private_dictionaries() -> impl Iterator<Item = (&'static str, &'static [PrivateEntry])> {
    table::PRIVATE_CREATORS.iter().map(|c| {
        (
            c.name,
            &table::PRIVATE_ENTRIES[c.start as usize..c.end as usize],
        )
    })
}

/// Every UID table entry, sorted by UID (pydicom's `UID_dictionary`).
pub fn uid_entries() -> &'static [UidEntry] {
    &table::UIDS
}

pub fn uid_lookup(uid: &str) -> Option<&'static UidEntry> {
    let i = table::UIDS.binary_search_by(|e| e.uid.cmp(uid)).ok()?;
    Some(&table::UIDS[i])
}

/// The UID whose keyword is `keyword` (pydicom's `pydicom.uid.<keyword>` constants).
#[cfg(test)]
pub fn uid_for_keyword(keyword: &str) -> Option<&'static UidEntry> {
    let i = table::UIDS_BY_KEYWORD
        .binary_search_by(|&i| table::UIDS[usize::from(i)].keyword.cmp(keyword))
        .ok()?;
    Some(&table::UIDS[usize::from(table::UIDS_BY_KEYWORD[i])])
}
