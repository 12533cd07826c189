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

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(dict_entry, m)?)?;
    m.add_function(wrap_pyfunction!(dict_entry_exact, m)?)?;
    m.add_function(wrap_pyfunction!(tag_for_keyword, m)?)?;
    m.add_function(wrap_pyfunction!(private_entry, m)?)?;
    m.add_function(wrap_pyfunction!(uid_entry, m)?)?;
    m.add_function(wrap_pyfunction!(uid_keywords, m)?)?;
    Ok(())
}
