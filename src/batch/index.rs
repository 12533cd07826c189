//! The index: one row per file, one typed column per requested tag, filled straight from the
//! parsed element table (no per-value object outside Rust), in parallel over chunks of files.

use std::cell::OnceCell;
use std::ops::Range;

use rayon::prelude::*;

use super::files::{Files, Opener};
use super::{json, temporal};
use crate::charset::{CharacterSet, Delimiters};
use crate::dict;
use crate::error::Error;
use crate::parse::{flag, Options, Parsed};
use crate::read::read_file_sized;
use crate::value::{self, Number, Value};
use crate::vr::Vr;

/// The Arrow type family of a column (its values, or its list's items when `multi`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// int64: US, SS, UL, SL, SV, UV, IS.
    Int,
    /// float64: FL, FD, DS.
    Float,
    /// date32 (days since 1970-01-01): DA.
    Date,
    /// time64 (µs since midnight): TM.
    Time,
    /// timestamp (µs since the epoch, UTC when an offset is given): DT.
    DateTime,
    /// string: text VRs, UI, AT ("GGGGEEEE"), and tags the dictionary does not know.
    Str,
    /// string holding the DICOM JSON of a sequence's items.
    Json,
    /// binary: OB, OW, UN and the other byte VRs.
    Binary,
}

impl Kind {
    fn of_vr(vr: &str) -> Kind {
        match vr {
            "US" | "SS" | "UL" | "SL" | "SV" | "UV" | "IS" | "US or SS" | "US or SS or OW" => {
                Kind::Int
            }
            "FL" | "FD" | "DS" => Kind::Float,
            "DA" => Kind::Date,
            "TM" => Kind::Time,
            "DT" => Kind::DateTime,
            "SQ" => Kind::Json,
            "OB" | "OW" | "OD" | "OF" | "OL" | "OV" | "UN" | "OB or OW" => Kind::Binary,
            _ => Kind::Str,
        }
    }
}

/// A requested column: its tag, Arrow type and whether each row holds a list (VM above 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnSpec {
    pub tag: u32,
    pub kind: Kind,
    pub multi: bool,
}

impl ColumnSpec {
    /// The column for `tag` as the dictionary describes it; unknown and private tags are
    /// single strings (their values joined with backslashes, as stored).
    pub fn for_tag(tag: u32) -> ColumnSpec {
        match dict::lookup(tag) {
            Some(entry) => {
                let kind = Kind::of_vr(entry.vr);
                let multi = entry.vm != "1" && !matches!(kind, Kind::Json | Kind::Binary);
                ColumnSpec { tag, kind, multi }
            }
            None => ColumnSpec {
                tag,
                kind: Kind::Str,
                multi: false,
            },
        }
    }
}

/// One column's Arrow buffers, built row by row.
#[derive(Debug, Default)]
pub struct Column {
    /// One flag per row: false is null (absent, empty, or not readable as the type).
    pub valid: Vec<bool>,
    /// For list columns: row i's items are `list_offsets[i]..list_offsets[i + 1]`.
    pub list_offsets: Vec<i32>,
    /// One flag per value (per row for scalar columns, per item for lists).
    pub item_valid: Vec<bool>,
    /// Int, Time, DateTime values.
    pub ints: Vec<i64>,
    /// Float values.
    pub floats: Vec<f64>,
    /// Date values.
    pub dates: Vec<i32>,
    /// Str, Json, Binary values: value j is `data[offsets[j]..offsets[j + 1]]`.
    pub offsets: Vec<i64>,
    pub data: Vec<u8>,
}

impl Column {
    /// An empty column with room for `rows` rows of one value each.
    fn new(spec: &ColumnSpec, rows: usize) -> Column {
        let mut c = Column {
            valid: Vec::with_capacity(rows),
            item_valid: Vec::with_capacity(rows),
            ..Column::default()
        };
        // Room for a few items per row of a list and a few dozen bytes per string, so a
        // column seldom grows (a copy each time) while it fills.
        let items = if spec.multi {
            c.list_offsets.reserve(rows + 1);
            c.list_offsets.push(0);
            c.item_valid.reserve(rows * 4);
            rows * 4
        } else {
            rows
        };
        match spec.kind {
            Kind::Int | Kind::Time | Kind::DateTime => c.ints.reserve(items),
            Kind::Float => c.floats.reserve(items),
            Kind::Date => c.dates.reserve(items),
            Kind::Str | Kind::Json | Kind::Binary => {
                c.offsets.reserve(items + 1);
                c.offsets.push(0);
                c.data.reserve(rows * 32);
            }
        }
        c
    }

    fn items(&self) -> usize {
        self.item_valid.len()
    }

    /// Appends one value (Null for a null); the type's slot is filled either way.
    fn push_item(&mut self, kind: Kind, item: Item<'_>) {
        let ok = !matches!(item, Item::Null);
        self.item_valid.push(ok);
        match (kind, item) {
            (Kind::Int | Kind::Time | Kind::DateTime, Item::Int(v)) => self.ints.push(v),
            (Kind::Int | Kind::Time | Kind::DateTime, _) => self.ints.push(0),
            (Kind::Float, Item::Float(v)) => self.floats.push(v),
            (Kind::Float, _) => self.floats.push(0.0),
            (Kind::Date, Item::Date(v)) => self.dates.push(v),
            (Kind::Date, _) => self.dates.push(0),
            (_, Item::Bytes(b)) => {
                self.data.extend_from_slice(b);
                self.offsets.push(self.data.len() as i64);
            }
            (_, Item::Text(s)) => {
                self.data.extend_from_slice(s.as_bytes());
                self.offsets.push(self.data.len() as i64);
            }
            (_, _) => self.offsets.push(self.data.len() as i64),
        }
    }

    /// Appends a row of a scalar column: one value, or a null.
    fn push_scalar(&mut self, kind: Kind, item: Item<'_>) {
        self.valid.push(!matches!(item, Item::Null));
        self.push_item(kind, item);
    }

    /// The rows of `parts` one after the other (`empty` when there are none).
    fn concat(parts: Vec<Column>, empty: Column) -> Column {
        let mut parts = parts.into_iter();
        let Some(mut out) = parts.next() else {
            return empty;
        };
        let rest: Vec<Column> = parts.collect();
        let total = |f: fn(&Column) -> usize| rest.iter().map(f).sum::<usize>();
        out.valid.reserve(total(|c| c.valid.len()));
        out.item_valid.reserve(total(|c| c.item_valid.len()));
        out.ints.reserve(total(|c| c.ints.len()));
        out.floats.reserve(total(|c| c.floats.len()));
        out.dates.reserve(total(|c| c.dates.len()));
        out.list_offsets.reserve(total(|c| c.list_offsets.len()));
        out.offsets.reserve(total(|c| c.offsets.len()));
        out.data.reserve(total(|c| c.data.len()));
        for other in rest {
            out.append(other);
        }
        out
    }

    /// Appends `other`'s rows after this column's.
    fn append(&mut self, other: Column) {
        self.valid.extend(other.valid);
        self.item_valid.extend(other.item_valid);
        self.ints.extend(other.ints);
        self.floats.extend(other.floats);
        self.dates.extend(other.dates);
        let base = *self.list_offsets.last().unwrap_or(&0);
        self.list_offsets
            .extend(other.list_offsets.iter().skip(1).map(|o| o + base));
        let base = self.data.len() as i64;
        self.offsets
            .extend(other.offsets.iter().skip(1).map(|o| o + base));
        self.data.extend(other.data);
    }
}

/// One value on its way into a column, borrowed from the file or a scratch buffer.
enum Item<'a> {
    Null,
    Int(i64),
    Float(f64),
    Date(i32),
    Text(&'a str),
    Bytes(&'a [u8]),
}

/// A row being filled: a list column takes every value, a scalar column its first one.
struct Cell<'c> {
    column: &'c mut Column,
    kind: Kind,
    multi: bool,
    start: usize,
}

impl<'c> Cell<'c> {
    fn new(column: &'c mut Column, spec: &ColumnSpec) -> Cell<'c> {
        let start = column.items();
        Cell {
            column,
            kind: spec.kind,
            multi: spec.multi,
            start,
        }
    }

    fn push(&mut self, item: Item<'_>) {
        if self.multi || self.column.items() == self.start {
            self.column.push_item(self.kind, item);
        }
    }

    /// Closes the row: a list with no values and a scalar with no non-null value are null.
    fn finish(self) {
        let column = self.column;
        if self.multi {
            column.valid.push(column.items() > self.start);
            column.list_offsets.push(column.items() as i32);
        } else {
            if column.items() == self.start {
                column.push_item(self.kind, Item::Null);
            }
            column.valid.push(column.item_valid[self.start]);
        }
    }
}

/// The index of a chunk of files: the fixed columns and one column per spec.
#[derive(Debug)]
pub struct Table {
    pub paths: Column,
    pub sizes: Column,
    pub transfer_syntaxes: Column,
    pub errors: Column,
    pub columns: Vec<Column>,
}

const TEXT: ColumnSpec = ColumnSpec {
    tag: 0,
    kind: Kind::Str,
    multi: false,
};
const INT: ColumnSpec = ColumnSpec {
    tag: 0,
    kind: Kind::Int,
    multi: false,
};

impl Table {
    fn new(specs: &[ColumnSpec], rows: usize) -> Table {
        Table {
            paths: Column::new(&TEXT, rows),
            sizes: Column::new(&INT, rows),
            transfer_syntaxes: Column::new(&TEXT, rows),
            errors: Column::new(&TEXT, rows),
            columns: specs.iter().map(|s| Column::new(s, rows)).collect(),
        }
    }

    /// Every column: the fixed ones, then one per spec.
    fn into_columns(self) -> impl Iterator<Item = Column> {
        [self.paths, self.sizes, self.transfer_syntaxes, self.errors]
            .into_iter()
            .chain(self.columns)
    }

    fn from_columns(mut columns: impl Iterator<Item = Column>) -> Table {
        let mut next = || columns.next().expect("the fixed columns");
        Table {
            paths: next(),
            sizes: next(),
            transfer_syntaxes: next(),
            errors: next(),
            columns: columns.collect(),
        }
    }

    /// The rows of `parts` one after the other; each column is joined on its own (in
    /// parallel), so joining costs little time on many threads.
    fn concat(parts: Vec<Table>, specs: &[ColumnSpec]) -> Table {
        let empty: Vec<Column> = Table::new(specs, 0).into_columns().collect();
        let mut by_column: Vec<Vec<Column>> = empty.iter().map(|_| Vec::new()).collect();
        for part in parts {
            for (n, column) in part.into_columns().enumerate() {
                by_column[n].push(column);
            }
        }
        let joined: Vec<Column> = by_column
            .into_par_iter()
            .zip(empty)
            .map(|(parts, empty)| Column::concat(parts, empty))
            .collect();
        Table::from_columns(joined.into_iter())
    }

    /// Appends the row of file `i` of `files`.
    fn push_file<'f>(
        &mut self,
        files: &'f Files,
        i: usize,
        opener: &mut Opener<'f>,
        context: (&Specs, &Options),
        scratch: &mut Scratch,
    ) {
        let (specs, opts) = context;
        let path = files.path(i);
        let lossy;
        let text = match path.to_str() {
            Some(text) => text,
            None => {
                lossy = path.to_string_lossy();
                &lossy
            }
        };
        self.paths.push_scalar(Kind::Str, Item::Text(text));
        let buf = std::mem::take(&mut scratch.buf);
        let read = opener.open(files, i).map_err(Error::from).and_then(|file| {
            let read = read_file_sized(&file, opts, buf);
            super::files::close(file);
            read
        });
        match read {
            Ok((parsed, size)) => {
                self.sizes.push_scalar(Kind::Int, Item::Int(size as i64));
                let ts = parsed.transfer_syntax.trim_end_matches(['\0', ' ']);
                let ts = if ts.is_empty() {
                    Item::Null
                } else {
                    Item::Text(ts)
                };
                self.transfer_syntaxes.push_scalar(Kind::Str, ts);
                self.errors.push_scalar(Kind::Str, Item::Null);
                let file = File::new(&parsed);
                specs.locate(&parsed, &mut scratch.found);
                for (n, column) in self.columns.iter_mut().enumerate() {
                    let spec = &specs.specs[n];
                    let mut cell = Cell::new(column, spec);
                    if let Some(idx) = scratch.found[n] {
                        let vr = known_vr(parsed.elements[idx].vr, specs.known_vr[n]);
                        file.fill(&mut cell, idx, vr, &mut scratch.text);
                    }
                    cell.finish();
                }
                scratch.buf = parsed.source.into_vec().unwrap_or_default();
                crate::parse::recycle(parsed.elements);
            }
            Err(e) => {
                let size = std::fs::metadata(path).map(|m| m.len() as i64);
                self.sizes
                    .push_scalar(Kind::Int, size.map_or(Item::Null, Item::Int));
                self.transfer_syntaxes.push_scalar(Kind::Str, Item::Null);
                self.errors
                    .push_scalar(Kind::Str, Item::Text(&e.to_string()));
                for (spec, column) in specs.specs.iter().zip(&mut self.columns) {
                    Cell::new(column, spec).finish();
                }
            }
        }
    }
}

/// Buffers a task reuses from file to file.
#[derive(Default)]
struct Scratch {
    /// The element index of each column's tag in the current file.
    found: Vec<Option<usize>>,
    /// A value being assembled (several values of a single-valued string column).
    text: String,
    /// The bytes of the last file read, whose allocation the next one reuses.
    buf: Vec<u8>,
}

const SPECIFIC_CHARACTER_SET: u32 = 0x0008_0005;

/// The requested columns, prepared once per run: the dictionary's VR of each tag and the
/// columns in tag order, so a file's top level is matched in one pass.
struct Specs<'s> {
    specs: &'s [ColumnSpec],
    known_vr: Vec<Option<Vr>>,
    /// (tag, column) sorted by tag.
    by_tag: Vec<(u32, usize)>,
}

impl<'s> Specs<'s> {
    fn new(specs: &'s [ColumnSpec]) -> Specs<'s> {
        let known_vr = specs
            .iter()
            .map(|s| dict::lookup(s.tag).and_then(|e| Vr::from_dict_str(e.vr)))
            .collect();
        let mut by_tag: Vec<(u32, usize)> =
            specs.iter().enumerate().map(|(n, s)| (s.tag, n)).collect();
        by_tag.sort_unstable();
        Specs {
            specs,
            known_vr,
            by_tag,
        }
    }

    /// The element index of each column's tag in `parsed` (group 0002 in the file meta, the
    /// others in the data set's top level). Elements come in tag order, so one cursor walks
    /// the sorted columns alongside them; an element out of order sends it back to the start.
    fn locate(&self, parsed: &Parsed, found: &mut Vec<Option<usize>>) {
        found.clear();
        found.resize(self.specs.len(), None);
        for (range, meta) in [(parsed.meta.clone(), true), (parsed.dataset.clone(), false)] {
            let (mut at, mut last) = (0, 0);
            for idx in parsed.children(range) {
                let tag = parsed.elements[idx as usize].tag;
                if (tag >> 16 == 0x0002) != meta {
                    continue;
                }
                if tag < last {
                    at = 0;
                }
                last = tag;
                while self.by_tag.get(at).is_some_and(|&(t, _)| t < tag) {
                    at += 1;
                }
                for &(_, column) in self.by_tag[at..].iter().take_while(|&&(t, _)| t == tag) {
                    found[column].get_or_insert(idx as usize);
                }
            }
        }
    }

    /// The top-level tags the parser keeps: the columns' and, for private ones, their private
    /// creators (which give a private element its VR in an implicit VR data set).
    fn parsed_tags(&self) -> Vec<u32> {
        let creators = self
            .by_tag
            .iter()
            .filter(|&&(t, _)| t >> 16 & 1 == 1 && t & 0xFF00 != 0)
            .map(|&(t, _)| t & 0xFFFF_0000 | (t & 0xFF00) >> 8);
        let mut tags: Vec<u32> = self
            .by_tag
            .iter()
            .map(|&(t, _)| t)
            .chain(creators)
            .collect();
        tags.sort_unstable();
        tags.dedup();
        tags
    }
}

/// An element read as UN whose tag the dictionary knows is decoded with the known VR.
fn known_vr(vr: Vr, known: Option<Vr>) -> Vr {
    match (vr, known) {
        (Vr::UN, Some(known)) => known,
        (vr, _) => vr,
    }
}

/// A parsed file as the columns read it; its character set is worked out once, when a value
/// first needs it.
struct File<'a> {
    parsed: &'a Parsed,
    charset: OnceCell<CharacterSet>,
}

impl<'a> File<'a> {
    fn new(parsed: &'a Parsed) -> File<'a> {
        File {
            parsed,
            charset: OnceCell::new(),
        }
    }

    fn charset(&self) -> &CharacterSet {
        self.charset.get_or_init(|| {
            let p = self.parsed;
            p.find(p.dataset.clone(), SPECIFIC_CHARACTER_SET)
                .map(|i| CharacterSet::from_value(p.value(i as usize)))
                .unwrap_or_default()
        })
    }

    /// Pushes the values of element `idx`, read as `vr`, into the row.
    fn fill(&self, cell: &mut Cell<'_>, idx: usize, vr: Vr, scratch: &mut String) {
        let parsed = self.parsed;
        match cell.kind {
            Kind::Json => {
                if vr == Vr::SQ {
                    cell.push(Item::Text(&json::sequence(parsed, idx)));
                }
                return;
            }
            Kind::Binary => return cell.push(Item::Bytes(parsed.value(idx))),
            _ => {}
        }
        let raw = parsed.value(idx);
        let unknown_vr = parsed.elements[idx].flags & flag::UNKNOWN_VR != 0;
        if vr.is_string() && !unknown_vr {
            if !raw.is_empty() {
                let text =
                    value::string_text(raw, vr, |b| self.charset().decode(b, Delimiters::Text));
                strings(cell, vr, &text, scratch);
            }
            return;
        }
        if unknown_vr {
            return;
        }
        let little = parsed.elements[idx].is_little_endian();
        let numbers = value::for_each_number(raw, vr, little, |n| match n {
            Number::Int(i) => number(cell, i as f64, Some(i)),
            Number::UInt(u) => number(cell, u as f64, i64::try_from(u).ok()),
            Number::Float(f) => number(cell, f, None),
        });
        if !matches!(numbers, Ok(false)) {
            return;
        }
        let Ok(value) = value::decode_in(parsed, idx, vr, None) else {
            return;
        };
        match value {
            Value::Bytes => cell.push(Item::Bytes(raw)),
            Value::Tags(v) => v
                .into_iter()
                .for_each(|t| cell.push(Item::Text(&format!("{t:08X}")))),
            // String VRs and binary numbers were read above.
            _ => {}
        }
    }
}

/// The values of a string VR's text into the row: each one for a list column, the first one
/// for a typed scalar column, all of them as stored (backslash-joined) for a string column.
fn strings(cell: &mut Cell<'_>, vr: Vr, text: &str, scratch: &mut String) {
    let kind = cell.kind;
    if cell.multi || kind != Kind::Str {
        return value::for_each_string(vr, text, |s| cell.push(text_item(kind, s)));
    }
    // The usual single value goes in as it is; several are joined in `scratch`.
    scratch.clear();
    let mut first: Option<&str> = None;
    value::for_each_string(vr, text, |s| match first {
        None => first = Some(s),
        Some(f) => {
            if scratch.is_empty() {
                scratch.push_str(f);
            }
            scratch.push('\\');
            scratch.push_str(s);
        }
    });
    let joined = if scratch.is_empty() {
        first.unwrap_or_default()
    } else {
        scratch.as_str()
    };
    cell.push(text_item(kind, joined));
}

fn number(cell: &mut Cell<'_>, f: f64, i: Option<i64>) {
    match (cell.kind, i) {
        (Kind::Int, Some(i)) => cell.push(Item::Int(i)),
        (Kind::Float, _) => cell.push(Item::Float(f)),
        (Kind::Str, _) => cell.push(Item::Text(&i.map_or(f.to_string(), |i| i.to_string()))),
        _ => cell.push(Item::Null),
    }
}

fn text_item(kind: Kind, s: &str) -> Item<'_> {
    let t = value::trim(s);
    let parsed = match kind {
        Kind::Int => int_string(t).map(Item::Int),
        Kind::Float => value::parse_f64(t).map(Item::Float),
        Kind::Date => temporal::date(t).map(Item::Date),
        Kind::Time => temporal::time(t).map(Item::Int),
        Kind::DateTime => temporal::datetime(t).map(Item::Int),
        Kind::Str | Kind::Json | Kind::Binary => {
            return if s.is_empty() {
                Item::Null
            } else {
                Item::Text(s)
            }
        }
    };
    parsed.unwrap_or(Item::Null)
}

/// An IS value: an integer, or (as pydicom accepts) a decimal with no fractional part.
fn int_string(s: &str) -> Option<i64> {
    s.parse::<i64>().ok().or_else(|| {
        let f = s.parse::<f64>().ok()?;
        (f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64)
    })
}

/// Files per task: large enough that appending tables is cheap, small enough to balance.
const FILES_PER_TASK: usize = 128;

/// Indexes files `rows` of `files` (in order) on the current rayon pool.
pub fn index(files: &Files, rows: Range<usize>, specs: &[ColumnSpec]) -> Table {
    let prepared = Specs::new(specs);
    let opts = Options {
        stop_before_pixels: true,
        stop_after: prepared.by_tag.last().map(|&(t, _)| t),
        specific_tags: Some(prepared.parsed_tags()),
        ..Options::default()
    };
    let parts: Vec<Table> = (0..rows.len().div_ceil(FILES_PER_TASK))
        .into_par_iter()
        .map(|task| {
            let first = rows.start + task * FILES_PER_TASK;
            let rows = first..rows.end.min(first + FILES_PER_TASK);
            let mut table = Table::new(specs, rows.len());
            let mut scratch = Scratch::default();
            let mut opener = Opener::default();
            for i in rows {
                table.push_file(files, i, &mut opener, (&prepared, &opts), &mut scratch);
            }
            table
        })
        .collect();
    Table::concat(parts, specs)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An explicit VR little endian element with a 2-byte length.
    fn el(tag: u32, vr: &str, value: &[u8]) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(&((tag >> 16) as u16).to_le_bytes());
        b.extend_from_slice(&(tag as u16).to_le_bytes());
        b.extend_from_slice(vr.as_bytes());
        b.extend_from_slice(&(value.len() as u16).to_le_bytes());
        b.extend_from_slice(value);
        b
    }

    fn text(c: &Column, row: usize) -> Option<&str> {
        let range = c.offsets[row] as usize..c.offsets[row + 1] as usize;
        c.item_valid[row].then(|| std::str::from_utf8(&c.data[range]).unwrap())
    }

    #[test]
    fn columns_from_a_file_out_of_order_and_latin1() {
        let mut file = vec![0u8; 128];
        file.extend_from_slice(b"DICM");
        let uid = crate::transfer_syntax::explicit_vr_little_endian().uid;
        file.extend(el(0x0002_0010, "UI", format!("{uid}\0").as_bytes()));
        file.extend(el(0x0008_0005, "CS", b"ISO_IR 100"));
        file.extend(el(0x0008_0060, "CS", b"CT"));
        file.extend(el(0x0010_0010, "PN", b"M\xfcller^Hans "));
        file.extend(el(0x0020_0032, "DS", b"1.5\\-2\\3 "));
        file.extend(el(0x0028_0010, "US", &512u16.to_le_bytes()));
        // Out of tag order, before the last wanted tag: still found.
        file.extend(el(0x0010_0020, "LO", b"ID\\2 "));
        // Past the last wanted tag: not read (the parse stops there).
        file.extend(el(0x0028_0030, "XX", b"bad!"));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.dcm");
        std::fs::write(&path, &file).unwrap();

        let tags = [
            0x0008_0060,
            0x0010_0010,
            0x0010_0020,
            0x0020_0032,
            0x0028_0010,
        ];
        let specs: Vec<ColumnSpec> = tags.iter().map(|&t| ColumnSpec::for_tag(t)).collect();
        let table = index(&[path].iter().collect(), 0..1, &specs);
        assert_eq!(text(&table.errors, 0), None);
        assert_eq!(text(&table.transfer_syntaxes, 0), Some(uid));
        let c = &table.columns;
        assert_eq!(text(&c[0], 0), Some("CT"));
        assert_eq!(text(&c[1], 0), Some("Müller^Hans"));
        // A single-valued string column keeps several values as stored.
        assert_eq!(text(&c[2], 0), Some("ID\\2"));
        assert_eq!(
            (c[3].list_offsets.as_slice(), c[3].floats.as_slice()),
            (&[0, 3][..], &[1.5, -2.0, 3.0][..])
        );
        assert_eq!(c[4].ints, [512]);

        // The parse kept the wanted tags (and the character set) and stopped past the last.
        let opts = Options {
            stop_before_pixels: true,
            stop_after: Some(0x0028_0010),
            specific_tags: Some(tags.to_vec()),
            ..Options::default()
        };
        let parsed = crate::parse::parse(crate::source::Source::from_vec(file), &opts).unwrap();
        let kept: Vec<u32> = parsed.elements[parsed.dataset.start as usize..]
            .iter()
            .map(|e| e.tag)
            .collect();
        assert_eq!(
            kept,
            [
                0x0008_0005,
                0x0008_0060,
                0x0010_0010,
                0x0020_0032,
                0x0028_0010,
                0x0010_0020
            ]
        );
        assert!(parsed.stopped_at_pixels);
    }
}
