//! The index: one row per file, one typed column per requested tag, filled straight from the
//! parsed element table (no per-value object outside Rust), in parallel over chunks of files.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{json, temporal};
use crate::charset::CharacterSet;
use crate::dict;
use crate::parse::{Options, Parsed};
use crate::read::read_path_sized;
use crate::value::{self, Value};
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
    fn new(spec: &ColumnSpec) -> Column {
        let mut c = Column::default();
        if spec.multi {
            c.list_offsets.push(0);
        }
        if matches!(spec.kind, Kind::Str | Kind::Json | Kind::Binary) {
            c.offsets.push(0);
        }
        c
    }

    fn items(&self) -> usize {
        self.item_valid.len()
    }

    /// Appends one value (None for null); the type's slot is filled either way.
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

    /// Appends one row: its values (possibly none, a null row).
    fn push_row(&mut self, spec: &ColumnSpec, items: Vec<Item<'_>>) {
        if spec.multi {
            self.valid.push(!items.is_empty());
            for item in items {
                self.push_item(spec.kind, item);
            }
            self.list_offsets.push(self.items() as i32);
        } else {
            let item = items.into_iter().next().unwrap_or(Item::Null);
            self.valid.push(!matches!(item, Item::Null));
            self.push_item(spec.kind, item);
        }
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

enum Item<'a> {
    Null,
    Int(i64),
    Float(f64),
    Date(i32),
    Text(String),
    Bytes(&'a [u8]),
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
    fn new(specs: &[ColumnSpec]) -> Table {
        Table {
            paths: Column::new(&TEXT),
            sizes: Column::new(&INT),
            transfer_syntaxes: Column::new(&TEXT),
            errors: Column::new(&TEXT),
            columns: specs.iter().map(Column::new).collect(),
        }
    }

    fn append(&mut self, other: Table) {
        self.paths.append(other.paths);
        self.sizes.append(other.sizes);
        self.transfer_syntaxes.append(other.transfer_syntaxes);
        self.errors.append(other.errors);
        for (mine, theirs) in self.columns.iter_mut().zip(other.columns) {
            mine.append(theirs);
        }
    }

    fn push_file(&mut self, path: &Path, specs: &Specs, opts: &Options) {
        let text = |s: String| vec![Item::Text(s)];
        self.paths
            .push_row(&TEXT, text(path.to_string_lossy().into_owned()));
        match read_path_sized(path, opts) {
            Ok((parsed, size)) => {
                self.sizes.push_row(&INT, vec![Item::Int(size as i64)]);
                let ts = parsed
                    .transfer_syntax
                    .trim_end_matches(['\0', ' '])
                    .to_string();
                self.transfer_syntaxes
                    .push_row(&TEXT, if ts.is_empty() { vec![] } else { text(ts) });
                self.errors.push_row(&TEXT, vec![]);
                let charset = parsed
                    .find(parsed.dataset.clone(), SPECIFIC_CHARACTER_SET)
                    .map(|i| CharacterSet::from_value(parsed.value(i as usize)))
                    .unwrap_or_default();
                let found = specs.locate(&parsed);
                for (n, column) in self.columns.iter_mut().enumerate() {
                    let items = found[n].map_or_else(Vec::new, |idx| {
                        row_items(&parsed, &specs.specs[n], specs.known_vr[n], idx, &charset)
                    });
                    column.push_row(&specs.specs[n], items);
                }
            }
            Err(e) => {
                let size = std::fs::metadata(path).map(|m| m.len() as i64);
                self.sizes
                    .push_row(&INT, size.map_or(vec![], |s| vec![Item::Int(s)]));
                self.transfer_syntaxes.push_row(&TEXT, vec![]);
                self.errors.push_row(&TEXT, text(e.to_string()));
                for (spec, column) in specs.specs.iter().zip(&mut self.columns) {
                    column.push_row(spec, vec![]);
                }
            }
        }
    }
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
    /// others in the data set's top level).
    fn locate(&self, parsed: &Parsed) -> Vec<Option<usize>> {
        let mut found = vec![None; self.specs.len()];
        for (range, meta) in [(parsed.meta.clone(), true), (parsed.dataset.clone(), false)] {
            for idx in parsed.children(range) {
                let tag = parsed.elements[idx as usize].tag;
                if (tag >> 16 == 0x0002) != meta {
                    continue;
                }
                let start = self.by_tag.partition_point(|&(t, _)| t < tag);
                for &(_, column) in self.by_tag[start..].iter().take_while(|&&(t, _)| t == tag) {
                    found[column].get_or_insert(idx as usize);
                }
            }
        }
        found
    }
}

/// The value of element `idx` as the column's items.
fn row_items<'a>(
    parsed: &'a Parsed,
    spec: &ColumnSpec,
    known_vr: Option<Vr>,
    idx: usize,
    charset: &CharacterSet,
) -> Vec<Item<'a>> {
    let element = &parsed.elements[idx];
    // An element read as UN whose tag the dictionary knows is decoded with the known VR.
    let vr = match (element.vr, known_vr) {
        (Vr::UN, Some(known)) => known,
        (vr, _) => vr,
    };
    if spec.kind == Kind::Json {
        return match vr {
            Vr::SQ => vec![Item::Text(json::sequence(parsed, idx))],
            _ => vec![],
        };
    }
    if spec.kind == Kind::Binary {
        return vec![Item::Bytes(parsed.value(idx))];
    }
    let Ok(value) = value::decode_in(parsed, idx, vr, Some(charset)) else {
        return vec![];
    };
    let items: Vec<Item<'a>> = match value {
        Value::Empty | Value::Items(_) => vec![],
        Value::Bytes => vec![Item::Bytes(parsed.value(idx))],
        Value::Ints(v) => v
            .into_iter()
            .map(|i| numeric(spec.kind, i as f64, Some(i)))
            .collect(),
        Value::UInts(v) => v
            .into_iter()
            .map(|u| numeric(spec.kind, u as f64, i64::try_from(u).ok()))
            .collect(),
        Value::Floats(v) => v.into_iter().map(|f| numeric(spec.kind, f, None)).collect(),
        Value::Tags(v) => v
            .into_iter()
            .map(|t| Item::Text(format!("{t:08X}")))
            .collect(),
        Value::Strs(v) if spec.multi => v.into_iter().map(|s| text_item(spec.kind, s)).collect(),
        // A single-valued column keeps a multi-valued element as stored (backslash-joined).
        Value::Strs(v) if v.len() > 1 && spec.kind == Kind::Str => vec![Item::Text(v.join("\\"))],
        Value::Strs(v) => v
            .into_iter()
            .take(1)
            .map(|s| text_item(spec.kind, s))
            .collect(),
    };
    if !spec.multi && items.len() > 1 {
        return items.into_iter().take(1).collect();
    }
    items
}

fn numeric<'a>(kind: Kind, f: f64, i: Option<i64>) -> Item<'a> {
    match (kind, i) {
        (Kind::Int, Some(i)) => Item::Int(i),
        (Kind::Float, _) => Item::Float(f),
        (Kind::Str, _) => Item::Text(i.map_or(f.to_string(), |i| i.to_string())),
        _ => Item::Null,
    }
}

fn text_item<'a>(kind: Kind, s: String) -> Item<'a> {
    let t = s.trim();
    let parsed = match kind {
        Kind::Int => int_string(t).map(Item::Int),
        Kind::Float => t.parse::<f64>().ok().map(Item::Float),
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
const FILES_PER_TASK: usize = 64;

/// Indexes `paths` (in order) on the current rayon pool.
pub fn index(paths: &[PathBuf], specs: &[ColumnSpec]) -> Table {
    let prepared = Specs::new(specs);
    let opts = Options {
        stop_before_pixels: true,
        ..Options::default()
    };
    let parts: Vec<Table> = paths
        .par_chunks(FILES_PER_TASK)
        .map(|chunk| {
            let mut table = Table::new(specs);
            for path in chunk {
                table.push_file(path, &prepared, &opts);
            }
            table
        })
        .collect();
    let mut table = Table::new(specs);
    for part in parts {
        table.append(part);
    }
    table
}
