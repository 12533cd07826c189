//! The `write_walk` target: a data set read from the input, written by the writer's walk (what
//! `save_as` runs, seen through its `Level` trait) and read back.

use std::ops::Range;
use std::sync::Arc;

use super::write::{outside_dataset, part10, reread, resolved, ENCODINGS};
use super::{parsed, split};
use crate::parse::Parsed;
use crate::source::SharedBytes;
use crate::vr::Vr;
use crate::write::walk::{
    Charset, Data, Entries, Entry, Level, Origin, State, Value, WriteError, Writer,
};

/// The walk refused the data set (as `save_as` would raise): an expected outcome.
struct Refused;

impl From<WriteError> for Refused {
    fn from(_: WriteError) -> Self {
        Refused
    }
}

impl From<std::io::Error> for Refused {
    fn from(_: std::io::Error) -> Self {
        Refused
    }
}

struct Bytes(Vec<u8>);

impl SharedBytes for Bytes {
    fn bytes(&self) -> &[u8] {
        &self.0
    }
}

/// A data set or item of the parsed input, as read: every element still the one read, an
/// ambiguous VR resolved to its first alternative when the walk asks (the bindings resolve it
/// from the data set; any choice reads back to the same bytes).
struct FileLevel {
    file: Arc<Parsed>,
    range: Range<u32>,
    item: Option<u32>,
    /// Whether the level says it is unchanged since reading (then intact items are copied
    /// whole), or makes the walk go through each element.
    pristine: bool,
}

impl FileLevel {
    fn index(&self, tag: u32) -> Result<usize, Refused> {
        self.file
            .find(self.range.clone(), tag)
            .map(|i| i as usize)
            .ok_or(Refused)
    }
}

impl Level for FileLevel {
    type Element = usize;
    type Error = Refused;

    fn origin(&self) -> Option<Origin> {
        Some(Origin {
            file: Arc::clone(&self.file),
            range: self.range.clone(),
            item: self.item,
            pristine: self.pristine,
        })
    }

    fn entries(&self) -> Result<Entries<usize>, Refused> {
        let mut entries: Entries<usize> = self
            .file
            .children(self.range.clone())
            .filter(|&i| !outside_dataset(&self.file, i))
            .map(|i| (self.file.elements[i as usize].tag, Entry::Read(i)))
            .collect();
        // The caller's levels are in tag order (a Python data set is sorted by tag).
        entries.sort_by_key(|e| e.0);
        Ok(entries)
    }

    fn is_undefined_length_item(&self) -> bool {
        self.item
            .is_some_and(|i| self.file.elements[i as usize].is_undefined_length())
    }

    fn state(&self, &idx: &usize) -> Result<State, Refused> {
        let e = &self.file.elements[idx];
        Ok(State {
            vr: resolved(e.vr),
            undefined_length: e.is_undefined_length(),
            unchanged: Some((Arc::clone(&self.file), idx)),
        })
    }

    fn read_element(&self, tag: u32) -> Result<usize, Refused> {
        self.index(tag)
    }

    fn value(&self, &idx: &usize, _implicit: bool) -> Result<Value, Refused> {
        Ok(Value {
            vr: resolved(self.file.elements[idx].vr),
            data: Data::Bytes(Box::new(Bytes(self.file.value(idx).to_vec()))),
        })
    }

    fn items(&self, &idx: &usize) -> Result<Vec<FileLevel>, Refused> {
        let file = &self.file;
        Ok(file
            .children(file.child_range(idx as u32))
            .map(|item| FileLevel {
                file: Arc::clone(file),
                range: file.child_range(item),
                item: Some(item),
                pristine: self.pristine,
            })
            .collect())
    }

    fn charset(&self, &idx: &usize) -> Result<Vec<String>, Refused> {
        let text: String = self
            .file
            .value(idx)
            .iter()
            .map(|&b| char::from(b))
            .collect();
        Ok(text
            .trim_end_matches([' ', '\0'])
            .split('\\')
            .map(str::to_owned)
            .collect())
    }
}

/// Byte 0: the target encoding (bits 0-1) and whether the data set says it is unchanged (bit
/// 2); the rest is parsed as by `index`. What the walk writes must read back as the `write`
/// target checks; the walk may refuse a data set (an error, as `save_as` raises), never panic.
pub fn write_walk(data: &[u8]) {
    let (head, rest) = split(data, 1);
    let Some(p) = parsed(rest) else { return };
    let file = Arc::new(p);
    let enc = ENCODINGS[usize::from(head[0] & 3) % ENCODINGS.len()];
    let level = FileLevel {
        file: Arc::clone(&file),
        range: file.dataset.clone(),
        item: None,
        pristine: head[0] & 4 != 0,
    };
    let mut writer = Writer::new();
    if writer.dataset(&level, enc, &Charset::default()).is_err() {
        return;
    }
    // An undefined-length UN that is not a sequence (a damaged file's value running to its
    // end, or to a delimiter) is written with its delimiter, as pydicom writes it: to every
    // reader that is a sequence, which its content may not make (the `write` target refuses
    // such elements instead).
    let strict = !file
        .elements
        .iter()
        .any(|e| e.vr == Vr::UN && e.is_undefined_length());
    reread(&file, enc, part10(enc, writer.out), &[], strict);
}
