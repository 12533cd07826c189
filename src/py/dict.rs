//! Data dictionary and UID table lookups for the Python layer (`pyrdicom.datadict`, `pyrdicom.uid`).

use pyo3::prelude::*;

use crate::dict;

/// A row of the data dictionary (repeating groups included), or of the private dictionary
/// (whose entries have no keyword).
#[pyclass(frozen, get_all, module = "pyrdicom._core")]
pub struct DictEntry {
    pub vr: &'static str,
    pub vm: &'static str,
    pub name: &'static str,
    pub retired: bool,
    pub keyword: &'static str,
}

impl From<&'static dict::DictEntry> for DictEntry {
    fn from(e: &'static dict::DictEntry) -> Self {
        DictEntry {
            vr: e.vr,
            vm: e.vm,
            name: e.name,
            retired: e.retired,
            keyword: e.keyword,
        }
    }
}

/// pydicom's `get_entry`, repeating groups included.
#[pyfunction]
pub fn dict_entry(tag: u32) -> Option<DictEntry> {
    dict::lookup(tag).map(DictEntry::from)
}

/// Exact matches only, as pydicom's `dictionary_has_tag`.
#[pyfunction]
pub fn dict_entry_exact(tag: u32) -> Option<DictEntry> {
    dict::lookup_exact(tag).map(DictEntry::from)
}

#[pyfunction]
pub fn tag_for_keyword(keyword: &str) -> Option<u32> {
    dict::tag_for_keyword(keyword)
}

impl From<&'static dict::PrivateEntry> for DictEntry {
    fn from(e: &'static dict::PrivateEntry) -> Self {
        DictEntry {
            vr: e.vr(),
            vm: e.vm(),
            name: e.name(),
            retired: e.retired(),
            keyword: "",
        }
    }
}

/// pydicom's `get_private_entry`.
#[pyfunction]
pub fn private_entry(creator: &str, tag: u32) -> Option<DictEntry> {
    dict::private_lookup(creator, tag).map(DictEntry::from)
}

/// A row of the UID table.
#[pyclass(frozen, get_all, module = "pyrdicom._core")]
pub struct UidEntry {
    pub name: &'static str,
    /// pydicom's "type" column, e.g. "Transfer Syntax", "SOP Class".
    pub kind: &'static str,
    pub info: &'static str,
    pub retired: bool,
    pub keyword: &'static str,
}

/// The UID table's row of a registered UID.
#[pyfunction]
pub fn uid_entry(uid: &str) -> Option<UidEntry> {
    dict::uid_lookup(uid).map(UidEntry::from)
}

impl From<&'static dict::UidEntry> for UidEntry {
    fn from(e: &'static dict::UidEntry) -> Self {
        UidEntry {
            name: e.name,
            kind: e.kind,
            info: e.info,
            retired: e.retired,
            keyword: e.keyword,
        }
    }
}

/// (keyword, UID) of every registered UID that has a keyword.
#[pyfunction]
pub fn uid_keywords() -> Vec<(&'static str, &'static str)> {
    dict::uid_entries()
        .iter()
        .filter(|e| !e.keyword.is_empty())
        .map(|e| (e.keyword, e.uid))
        .collect()
}

/// pydicom's `DicomDictionary` as (tag, entry) pairs.
#[pyfunction]
pub fn dict_entries() -> Vec<(u32, DictEntry)> {
    dict::entries()
        .iter()
        .map(|e| (e.tag, DictEntry::from(e)))
        .collect()
}

/// pydicom's `RepeatersDictionary` as (pattern such as "60xx0010", entry) pairs, in its order.
#[pyfunction]
pub fn repeater_entries() -> Vec<(String, DictEntry)> {
    dict::repeaters()
        .iter()
        .map(|(mask, e)| (dict::repeater_pattern(*mask, e.tag), DictEntry::from(e)))
        .collect()
}

/// pydicom's `UID_dictionary` as (UID, entry) pairs.
#[pyfunction]
pub fn uid_dictionary() -> Vec<(&'static str, UidEntry)> {
    dict::uid_entries()
        .iter()
        .map(|e| (e.uid, UidEntry::from(e)))
        .collect()
}

/// pydicom's `private_dictionaries`: (creator, [(pattern such as "0019xx0A", entry)]).
#[pyfunction]
pub fn private_dictionaries() -> Vec<(&'static str, Vec<(String, DictEntry)>)> {
    dict::private_dictionaries()
        .map(|(creator, entries)| {
            let rows = entries
                .iter()
                .map(|e| (e.pattern(), DictEntry::from(e)))
                .collect();
            (creator, rows)
        })
        .collect()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<DictEntry>()?;
    m.add_class::<UidEntry>()?;
    m.add_function(wrap_pyfunction!(dict_entry, m)?)?;
    m.add_function(wrap_pyfunction!(dict_entry_exact, m)?)?;
    m.add_function(wrap_pyfunction!(tag_for_keyword, m)?)?;
    m.add_function(wrap_pyfunction!(private_entry, m)?)?;
    m.add_function(wrap_pyfunction!(uid_entry, m)?)?;
    m.add_function(wrap_pyfunction!(uid_keywords, m)?)?;
    m.add_function(wrap_pyfunction!(dict_entries, m)?)?;
    m.add_function(wrap_pyfunction!(repeater_entries, m)?)?;
    m.add_function(wrap_pyfunction!(private_dictionaries, m)?)?;
    m.add_function(wrap_pyfunction!(uid_dictionary, m)?)?;
    Ok(())
}
