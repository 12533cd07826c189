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

/// The elements of data set `range` of `file` in tag order, one per tag: the last of a
/// repeated tag, as a Python data set (a mapping by tag, as pydicom's reader fills it) keeps it.
fn one_per_tag(file: &Parsed, range: Range<u32>) -> Vec<u32> {
    let mut elements: Vec<u32> = file
        .children(range)
        .filter(|&i| !outside_dataset(file, i))
        .collect();
    elements.sort_by_key(|&i| file.elements[i as usize].tag);
    let tag = |i: u32| file.elements[i as usize].tag;
    let mut kept: Vec<u32> = Vec::with_capacity(elements.len());
    for i in elements {
        match kept.last_mut() {
            Some(last) if tag(*last) == tag(i) => *last = i,
            _ => kept.push(i),
        }
    }
    kept
}

/// The elements a data set leaves out because their tag comes again in it, in the whole file
/// (the walk leaves them out; a sequence copied as read keeps them, and reads back with them).
fn repeated(file: &Parsed) -> Vec<u32> {
    let mut out = Vec::new();
    let mut ranges = vec![file.dataset.clone()];
    while let Some(range) = ranges.pop() {
        let kept = one_per_tag(file, range.clone());
        for i in file.children(range) {
            if !outside_dataset(file, i) && !kept.contains(&i) {
                out.push(i);
            }
            for item in file.children(file.child_range(i)) {
                if file.elements[item as usize].vr == Vr::Item {
                    ranges.push(file.child_range(item));
                }
            }
        }
    }
    out
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
        Ok(one_per_tag(&self.file, self.range.clone())
            .into_iter()
            .map(|i| (self.file.elements[i as usize].tag, Entry::Read(i)))
            .collect())
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
        one_per_tag(&self.file, self.range.clone())
            .into_iter()
            .find(|&i| self.file.elements[i as usize].tag == tag)
            .map(|i| i as usize)
            .ok_or(Refused)
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
    let skip = repeated(&file);
    reread(&file, enc, part10(enc, writer.out), &skip, repeated, strict);
}
