//! `LevelMap`: the tag -> element mapping of one data set read from a file, without building a
//! Python dict up front. Untouched elements are answered from the core index as their index
//! (an int); what Python stores (materialised DataElements, new elements) overrides them.
//! It behaves like the dict pydicom's Dataset keeps (`_dict`).

use std::collections::hash_map::Entry as Slot;
use std::sync::Arc;

use pyo3::exceptions::PyKeyError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3::{PyTraverseError, PyVisit};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::parse::Parsed;

#[pyclass(module = "pyrdicom._core", mapping)]
pub struct LevelMap {
    /// (tag, element index) of the elements read, sorted by tag; for a repeated tag the last
    /// one wins, as in pydicom's dict.
    raw: Vec<(u32, u32)>,
    over: FxHashMap<u32, Py<PyAny>>,
    /// Raw tags deleted from Python.
    gone: FxHashSet<u32>,
    /// Tags added from Python that were not read, in insertion order.
    added: Vec<u32>,
    /// The file read, and the item this level is (None for the data set or the file meta).
    pub(crate) file: Arc<Parsed>,
    pub(crate) range: std::ops::Range<u32>,
    pub(crate) item: Option<u32>,
}

/// An entry of a level: an element as read (its index) or what Python stored.
pub(crate) enum Entry<'py> {
    Raw(u32),
    Obj(Bound<'py, PyAny>),
}

impl LevelMap {
    pub fn new(file: &Arc<Parsed>, range: std::ops::Range<u32>, item: Option<u32>) -> Self {
        // Sized for the whole range (descendants included) so it never regrows: one is made
        // per data set read.
        let mut raw: Vec<(u32, u32)> = Vec::with_capacity(range.len());
        raw.extend(
            file.children(range.clone())
                .map(|i| (file.elements[i as usize].tag, i)),
        );
        // One pass: strictly increasing tags are sorted and unique.
        if !raw.windows(2).all(|w| w[0].0 < w[1].0) {
            // Out-of-order or repeated tags: keep the last of each, sorted.
            raw.reverse();
            raw.sort_by_key(|e| e.0);
            raw.dedup_by_key(|e| e.0);
        }
        LevelMap {
            raw,
            over: FxHashMap::default(),
            gone: FxHashSet::default(),
            added: Vec::new(),
            file: Arc::clone(file),
            range,
            item,
        }
    }

    /// Nothing stored, deleted or added from Python since reading.
    pub(crate) fn is_pristine(&self) -> bool {
        self.over.is_empty() && self.gone.is_empty() && self.added.is_empty()
    }

    /// The entries in tag order.
    pub(crate) fn entries<'py>(&self, py: Python<'py>) -> Vec<(u32, Entry<'py>)> {
        let mut tags = self.tags();
        tags.sort_unstable();
        tags.into_iter()
            .filter_map(|t| match self.over.get(&t) {
                Some(v) => Some((t, Entry::Obj(v.bind(py).clone()))),
                None => self.raw_index(t).map(|i| (t, Entry::Raw(i))),
            })
            .collect()
    }

    /// The entry of `tag`, None when absent.
    pub(crate) fn entry<'py>(&self, py: Python<'py>, tag: u32) -> Option<Entry<'py>> {
        match self.over.get(&tag) {
            Some(v) => Some(Entry::Obj(v.bind(py).clone())),
            None => self.raw_index(tag).map(Entry::Raw),
        }
    }

    fn is_raw_tag(&self, tag: u32) -> bool {
        self.raw.binary_search_by_key(&tag, |e| e.0).is_ok()
    }

    fn raw_index(&self, tag: u32) -> Option<u32> {
        if self.gone.contains(&tag) {
            return None;
        }
        self.raw
            .binary_search_by_key(&tag, |e| e.0)
            .ok()
            .map(|i| self.raw[i].1)
    }

    fn lookup<'py>(&self, py: Python<'py>, tag: u32) -> Option<Bound<'py, PyAny>> {
        if let Some(v) = self.over.get(&tag) {
            return Some(v.bind(py).clone());
        }
        self.raw_index(tag)
            .map(|i| i.into_pyobject(py).expect("int").into_any())
    }

    /// A copy whose Python values are mapped through `f` (the index entries are shared data).
    fn with_values(&self, f: impl Fn(&Py<PyAny>) -> PyResult<Py<PyAny>>) -> PyResult<Self> {
        let over = self
            .over
            .iter()
            .map(|(&t, v)| Ok((t, f(v)?)))
            .collect::<PyResult<_>>()?;
        Ok(LevelMap {
            raw: self.raw.clone(),
            over,
            gone: self.gone.clone(),
            added: self.added.clone(),
            file: Arc::clone(&self.file),
            range: self.range.clone(),
            item: self.item,
        })
    }

    fn tags(&self) -> Vec<u32> {
        let mut tags: Vec<u32> = self
            .raw
            .iter()
            .map(|e| e.0)
            .filter(|t| !self.gone.contains(t))
            .collect();
        tags.extend(&self.added);
        tags
    }
}

#[pymethods]
impl LevelMap {
    /// Elements and items refer back to their data set, so the garbage collector must see
    /// what a LevelMap holds to free such cycles.
    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        self.over.values().try_for_each(|v| visit.call(v))
    }

    fn __clear__(&mut self) {
        self.over.clear();
    }

    fn __getitem__<'py>(&self, py: Python<'py>, tag: u32) -> PyResult<Bound<'py, PyAny>> {
        self.lookup(py, tag).ok_or_else(|| PyKeyError::new_err(tag))
    }

    #[pyo3(signature = (tag, default=None))]
    fn get<'py>(
        &self,
        py: Python<'py>,
        tag: &Bound<'py, PyAny>,
        default: Option<Bound<'py, PyAny>>,
    ) -> Bound<'py, PyAny> {
        let found = tag.extract::<u32>().ok().and_then(|t| self.lookup(py, t));
        found
            .or(default)
            .unwrap_or_else(|| py.None().into_bound(py))
    }

    fn __setitem__(&mut self, tag: u32, value: Py<PyAny>) {
        // (one hash of the tag: storing an element read is this call, once per element)
        match self.over.entry(tag) {
            Slot::Occupied(mut stored) => {
                stored.insert(value);
            }
            Slot::Vacant(slot) => {
                slot.insert(value);
                if !self.is_raw_tag(tag) {
                    self.added.push(tag);
                }
            }
        }
        self.gone.remove(&tag);
    }

    fn __delitem__(&mut self, tag: u32) -> PyResult<()> {
        let present = self.raw_index(tag).is_some() || self.over.contains_key(&tag);
        if !present {
            return Err(PyKeyError::new_err(tag));
        }
        self.over.remove(&tag);
        if self.is_raw_tag(tag) {
            self.gone.insert(tag);
        }
        self.added.retain(|&t| t != tag);
        Ok(())
    }

    fn __contains__(&self, tag: &Bound<'_, PyAny>) -> bool {
        match tag.extract::<u32>() {
            Ok(t) => self.over.contains_key(&t) || self.raw_index(t).is_some(),
            Err(_) => false,
        }
    }

    fn __len__(&self) -> usize {
        self.raw.len() - self.gone.len() + self.added.len()
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        PyList::new(py, self.tags())?
            .try_iter()
            .map(Bound::into_any)
    }

    fn keys<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.tags())
    }

    fn values<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let values: Vec<_> = self
            .tags()
            .into_iter()
            .filter_map(|t| self.lookup(py, t))
            .collect();
        PyList::new(py, values)
    }

    fn items<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let items: Vec<_> = self
            .tags()
            .into_iter()
            .filter_map(|t| self.lookup(py, t).map(|v| (t, v)))
            .collect();
        PyList::new(py, items)
    }

    #[pyo3(signature = (tag, *default))]
    fn pop<'py>(
        &mut self,
        py: Python<'py>,
        tag: u32,
        default: Vec<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        match self.lookup(py, tag) {
            Some(v) => {
                self.__delitem__(tag)?;
                Ok(v)
            }
            None => default
                .into_iter()
                .next()
                .ok_or_else(|| PyKeyError::new_err(tag)),
        }
    }

    fn clear(&mut self) {
        self.gone.extend(self.raw.iter().map(|e| e.0));
        self.over.clear();
        self.added.clear();
    }

    /// A plain dict with the same contents.
    fn copy<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (t, v) in self
            .tags()
            .into_iter()
            .filter_map(|t| self.lookup(py, t).map(|v| (t, v)))
        {
            d.set_item(t, v)?;
        }
        Ok(d)
    }

    fn __copy__(&self, py: Python<'_>) -> Self {
        self.with_values(|v| Ok(v.clone_ref(py)))
            .expect("cloning references cannot fail")
    }

    fn __deepcopy__(&self, py: Python<'_>, memo: &Bound<'_, PyAny>) -> PyResult<Self> {
        let deepcopy = py.import("copy")?.getattr("deepcopy")?;
        self.with_values(|v| Ok(deepcopy.call1((v, memo))?.unbind()))
    }
}
