//! Data dictionary and UID table lookups for the Python layer (`pyrdicom.datadict`, `pyrdicom.uid`).

use pyo3::prelude::*;

use crate::dict;

type Entry = (&'static str, &'static str, &'static str, bool, &'static str);

fn entry(e: &'static dict::DictEntry) -> Entry {
    (e.vr, e.vm, e.name, e.retired, e.keyword)
}

/// pydicom's `get_entry`: (VR, VM, name, is_retired, keyword), repeating groups included.
#[pyfunction]
pub fn dict_entry(tag: u32) -> Option<Entry> {
    dict::lookup(tag).map(entry)
}

/// Exact matches only, as pydicom's `dictionary_has_tag`.
#[pyfunction]
pub fn dict_entry_exact(tag: u32) -> Option<Entry> {
    dict::lookup_exact(tag).map(entry)
}

#[pyfunction]
pub fn tag_for_keyword(keyword: &str) -> Option<u32> {
    dict::tag_for_keyword(keyword)
}

/// pydicom's `get_private_entry`: (VR, VM, name, is_retired).
#[pyfunction]
pub fn private_entry(
    creator: &str,
    tag: u32,
) -> Option<(&'static str, &'static str, &'static str, bool)> {
    dict::private_lookup(creator, tag).map(|e| (e.vr(), e.vm(), e.name(), e.retired()))
}

/// (name, type, info, is_retired, keyword) of a registered UID.
#[pyfunction]
pub fn uid_entry(uid: &str) -> Option<Entry> {
    dict::uid_lookup(uid).map(|e| (e.name, e.kind, e.info, e.retired, e.keyword))
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

/// pydicom's `DicomDictionary` as (tag, (VR, VM, name, is_retired, keyword)) pairs.
#[pyfunction]
pub fn dict_entries() -> Vec<(u32, Entry)> {
    dict::entries().iter().map(|e| (e.tag, entry(e))).collect()
}

/// pydicom's `RepeatersDictionary` as (pattern such as "60xx0010", entry) pairs, in its order.
#[pyfunction]
pub fn repeater_entries() -> Vec<(String, Entry)> {
    dict::repeaters()
        .iter()
        .map(|(mask, e)| (dict::repeater_pattern(*mask, e.tag), entry(e)))
        .collect()
}

/// pydicom's `UID_dictionary` as (UID, (name, type, info, retired, keyword)) pairs, where
/// retired is "" or "Retired", as pydicom's table has it.
#[pyfunction]
pub fn uid_dictionary() -> Vec<(&'static str, UidRow)> {
    dict::uid_entries()
        .iter()
        .map(|e| {
            let retired = if e.retired { "Retired" } else { "" };
            (e.uid, (e.name, e.kind, e.info, retired, e.keyword))
        })
        .collect()
}

type UidRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

type PrivateRow = (
    String,
    (&'static str, &'static str, &'static str, &'static str),
);

/// pydicom's `private_dictionaries`: (creator, [(pattern, (VR, VM, name, retired))]) where
/// retired is "" or "R", as pydicom's table has it.
#[pyfunction]
pub fn private_dictionaries() -> Vec<(&'static str, Vec<PrivateRow>)> {
    dict::private_dictionaries()
        .map(|(creator, entries)| {
            let rows = entries
                .iter()
                .map(|e| {
                    let retired = if e.retired() { "R" } else { "" };
                    (e.pattern(), (e.vr(), e.vm(), e.name(), retired))
                })
                .collect();
            (creator, rows)
        })
        .collect()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
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
