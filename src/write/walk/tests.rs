//! The walk over a data set model held in plain Rust values: levels made by the caller, read
//! from a parsed file, or a mix, written in the three encodings.

use std::io::Read;

use super::*;
use crate::parse::{parse, Options};
use crate::source::Source;

const EXPLICIT_LE: &str = "1.2.840.10008.1.2.1";
const IMPLICIT_LE: &str = "1.2.840.10008.1.2";
const LE: Encoding = Encoding::EXPLICIT_LE;
const IL: Encoding = Encoding {
    implicit: true,
    little: true,
};
const BE: Encoding = Encoding {
    implicit: false,
    little: false,
};

#[derive(Debug)]
struct TestError(String);

impl From<WriteError> for TestError {
    fn from(e: WriteError) -> Self {
        TestError(e.to_string())
    }
}

impl From<std::io::Error> for TestError {
    fn from(e: std::io::Error) -> Self {
        TestError(e.to_string())
    }
}

struct Buf(Vec<u8>);

impl SharedBytes for Buf {
    fn bytes(&self) -> &[u8] {
        &self.0
    }
}

#[derive(Clone)]
enum Val {
    /// Still the value read: element `.1` of `.0`.
    Read(Arc<Parsed>, usize),
    Prim(Primitive),
    Bytes(Vec<u8>),
    Items(Vec<TestLevel>),
}

#[derive(Clone)]
struct Elem {
    vr: Vr,
    undefined: bool,
    val: Val,
}

fn prim(vr: Vr, p: Primitive) -> Entry<Elem> {
    Entry::Stored(Elem {
        vr,
        undefined: false,
        val: Val::Prim(p),
    })
}

fn strs(vr: Vr, s: &str) -> Entry<Elem> {
    prim(vr, Primitive::Strs(vec![s.into()]))
}

fn items(undefined: bool, items: Vec<TestLevel>) -> Entry<Elem> {
    Entry::Stored(Elem {
        vr: Vr::SQ,
        undefined,
        val: Val::Items(items),
    })
}

#[derive(Clone, Default)]
struct TestLevel {
    origin: Option<Origin>,
    entries: Entries<Elem>,
    undefined_item: bool,
    /// What the caller makes of read elements (decoded text, resolved VRs).
    made: Vec<(u32, Elem)>,
}

impl TestLevel {
    fn new(entries: Entries<Elem>) -> Self {
        TestLevel {
            entries,
            ..Default::default()
        }
    }

    /// The data set of `file` as read.
    fn read(file: &Arc<Parsed>) -> Self {
        Self::read_range(file, file.dataset.clone(), None)
    }

    fn read_range(file: &Arc<Parsed>, range: Range<u32>, item: Option<u32>) -> Self {
        let entries = file
            .children(range.clone())
            .map(|i| (file.elements[i as usize].tag, Entry::Read(i)))
            .collect();
        TestLevel {
            origin: Some(Origin {
                file: Arc::clone(file),
                range,
                item,
                pristine: true,
            }),
            entries,
            undefined_item: item.is_some_and(|i| file.elements[i as usize].is_undefined_length()),
            made: Vec::new(),
        }
    }

    /// Stores `entry` at `tag` (the level is no longer pristine).
    fn set(mut self, tag: u32, entry: Entry<Elem>) -> Self {
        if let Some(o) = self.origin.as_mut() {
            o.pristine = false;
        }
        self.entries.retain(|e| e.0 != tag);
        self.entries.push((tag, entry));
        self.entries.sort_by_key(|e| e.0);
        self
    }
}

impl Level for TestLevel {
    type Element = Elem;
    type Error = TestError;

    fn origin(&self) -> Option<Origin> {
        self.origin.clone()
    }

    fn entries(&self) -> Result<Entries<Elem>, TestError> {
        Ok(self.entries.clone())
    }

    fn is_undefined_length_item(&self) -> bool {
        self.undefined_item
    }

    fn state(&self, elem: &Elem) -> Result<State, TestError> {
        Ok(State {
            vr: elem.vr,
            undefined_length: elem.undefined,
            unchanged: match &elem.val {
                Val::Read(f, i) => Some((Arc::clone(f), *i)),
                _ => None,
            },
        })
    }

    fn read_element(&self, tag: u32) -> Result<Elem, TestError> {
        if let Some((_, e)) = self.made.iter().find(|m| m.0 == tag) {
            return Ok(e.clone());
        }
        let o = self.origin.as_ref().expect("read entries have a file");
        let i = o.file.find(o.range.clone(), tag).expect("read") as usize;
        let e = &o.file.elements[i];
        Ok(Elem {
            vr: e.vr,
            undefined: e.is_undefined_length(),
            val: Val::Read(Arc::clone(&o.file), i),
        })
    }

    fn value(&self, elem: &Elem, _implicit: bool) -> Result<Value, TestError> {
        let data = match &elem.val {
            Val::Prim(p) => Data::Primitive(p.clone()),
            Val::Bytes(b) => Data::Bytes(Box::new(Buf(b.clone()))),
            Val::Read(f, i) => Data::Bytes(Box::new(Buf(f.value(*i).to_vec()))),
            Val::Items(_) => return Err(TestError("a sequence has no value".into())),
        };
        Ok(Value { vr: elem.vr, data })
    }

    fn items(&self, elem: &Elem) -> Result<Vec<TestLevel>, TestError> {
        Ok(match &elem.val {
            Val::Items(v) => v.clone(),
            Val::Read(f, i) => f
                .children(f.child_range(*i as u32))
                .map(|item| TestLevel::read_range(f, f.child_range(item), Some(item)))
                .collect(),
            _ => Vec::new(),
        })
    }

    fn charset(&self, elem: &Elem) -> Result<Vec<String>, TestError> {
        match &elem.val {
            Val::Prim(Primitive::Strs(v)) => Ok(v.clone()),
            _ => Ok(Vec::new()),
        }
    }
}

/// A file with the given transfer syntax and data set bytes.
fn file(ts: &str, body: &[u8]) -> Arc<Parsed> {
    let mut uid = ts.as_bytes().to_vec();
    if uid.len() % 2 == 1 {
        uid.push(0);
    }
    let mut v = vec![0u8; 128];
    v.extend_from_slice(b"DICM");
    v.extend_from_slice(&[2, 0, 0x10, 0, b'U', b'I', uid.len() as u8, 0]);
    v.extend_from_slice(&uid);
    v.extend_from_slice(body);
    Arc::new(parse(Source::from_vec(v), &Options::default()).unwrap())
}

fn tag(t: u32, little: bool) -> Vec<u8> {
    let (g, e) = ((t >> 16) as u16, t as u16);
    if little {
        [g.to_le_bytes(), e.to_le_bytes()].concat()
    } else {
        [g.to_be_bytes(), e.to_be_bytes()].concat()
    }
}

fn u32b(n: u32, little: bool) -> [u8; 4] {
    if little {
        n.to_le_bytes()
    } else {
        n.to_be_bytes()
    }
}

/// An element in `enc`; `len` None for an undefined length, `long` for the VRs with a 32-bit
/// length in explicit VR.
fn el(t: u32, vr: &str, len: Option<u32>, value: &[u8], enc: Encoding) -> Vec<u8> {
    let mut v = tag(t, enc.little);
    let n = len.unwrap_or(0xFFFF_FFFF);
    let long = matches!(
        vr,
        "OB" | "OW" | "SQ" | "UN" | "UT" | "UC" | "UR" | "OF" | "OD"
    );
    if enc.implicit {
        v.extend(u32b(n, enc.little));
    } else if long {
        v.extend(vr.as_bytes());
        v.extend([0, 0]);
        v.extend(u32b(n, enc.little));
    } else {
        v.extend(vr.as_bytes());
        let n = n as u16;
        v.extend(if enc.little {
            n.to_le_bytes()
        } else {
            n.to_be_bytes()
        });
    }
    v.extend(value);
    v
}

fn item(len: Option<u32>, content: &[u8], little: bool) -> Vec<u8> {
    let mut v = tag(ITEM, little);
    v.extend(u32b(len.unwrap_or(0xFFFF_FFFF), little));
    v.extend(content);
    if len.is_none() {
        v.extend(tag(ITEM_DELIMITER, little));
        v.extend([0; 4]);
    }
    v
}

fn seq_end(little: bool) -> Vec<u8> {
    [tag(SEQUENCE_DELIMITER, little), vec![0; 4]].concat()
}

fn write(level: &TestLevel, enc: Encoding) -> Writer {
    let mut w = Writer::new();
    w.dataset(level, enc, &Charset::default()).unwrap();
    w
}

fn error(level: &TestLevel, enc: Encoding) -> String {
    Writer::new()
        .dataset(level, enc, &Charset::default())
        .expect_err("an error")
        .0
}

fn bytes(level: &TestLevel, enc: Encoding) -> Vec<u8> {
    write(level, enc).out.to_vec()
}

/// A data set made by the caller: text, a number, odd-length bytes, an undefined-length
/// sequence holding a defined- and an undefined-length item.
fn made_level() -> TestLevel {
    let inner = |undefined_item| TestLevel {
        undefined_item,
        ..TestLevel::new(vec![(0x0008_0100, strs(Vr::SH, "A"))])
    };
    TestLevel::new(vec![
        (0x0010_0010, strs(Vr::PN, "Doe^John")),
        (0x0028_0010, prim(Vr::US, Primitive::Ints(vec![512]))),
        (0x0040_0275, items(true, vec![inner(false), inner(true)])),
        (
            0x7FE0_0010,
            Entry::Stored(Elem {
                vr: Vr::OB,
                undefined: false,
                val: Val::Bytes(vec![1, 2, 3]),
            }),
        ),
    ])
}

fn made_expected(enc: Encoding) -> Vec<u8> {
    let l = enc.little;
    let sh = el(0x0008_0100, "SH", Some(2), b"A ", enc);
    let rows: &[u8] = if l { &[0, 2] } else { &[2, 0] };
    [
        el(0x0010_0010, "PN", Some(8), b"Doe^John", enc),
        el(0x0028_0010, "US", Some(2), rows, enc),
        el(0x0040_0275, "SQ", None, &[], enc),
        item(Some(sh.len() as u32), &sh, l),
        item(None, &sh, l),
        seq_end(l),
        el(0x7FE0_0010, "OB", Some(4), &[1, 2, 3, 0], enc),
    ]
    .concat()
}

#[test]
fn made_data_set_in_each_encoding() {
    for enc in [LE, IL, BE] {
        assert_eq!(bytes(&made_level(), enc), made_expected(enc), "{enc:?}");
    }
}

#[test]
fn defined_length_sequence_is_measured() {
    let inner = TestLevel::new(vec![(0x0008_0100, strs(Vr::SH, "AB"))]);
    let level = TestLevel::new(vec![(0x0040_0275, items(false, vec![inner]))]);
    for enc in [LE, IL, BE] {
        let sh = el(0x0008_0100, "SH", Some(2), b"AB", enc);
        let it = item(Some(sh.len() as u32), &sh, enc.little);
        let expected = el(0x0040_0275, "SQ", Some(it.len() as u32), &it, enc);
        assert_eq!(bytes(&level, enc), expected, "{enc:?}");
    }
}

/// (0008,0000) with a wrong value (99), (0008,0016) and (0008,0018), explicit VR LE.
fn group_body() -> Vec<u8> {
    [
        el(0x0008_0000, "UL", Some(4), &99u32.to_le_bytes(), LE),
        el(0x0008_0016, "UI", Some(4), b"1.2\0", LE),
        el(0x0008_0018, "UI", Some(4), b"1.3\0", LE),
    ]
    .concat()
}

#[test]
fn group_length_kept_while_its_group_is_as_read() {
    let body = group_body();
    let f = file(EXPLICIT_LE, &body);
    let level = TestLevel::read(&f);
    let w = write(&level, LE);
    assert_eq!(w.out.to_vec(), body);
    // the group length is rewritten in place, the rest is copied: two pieces
    assert!(w.out.piece_count() <= 2);
    // a stored element still holding the value read counts as read
    let i = level.entries[2].1.clone();
    let Entry::Read(i) = i else { panic!() };
    let stored = level.clone().set(
        0x0008_0018,
        Entry::Stored(Elem {
            vr: Vr::UI,
            undefined: false,
            val: Val::Read(Arc::clone(&f), i as usize),
        }),
    );
    assert_eq!(bytes(&stored, LE), body);
}

#[test]
fn group_length_recomputed_when_its_group_changes() {
    let f = file(EXPLICIT_LE, &group_body());
    let changed = TestLevel::read(&f).set(0x0008_0018, strs(Vr::UI, "1.23"));
    let out = bytes(&changed, LE);
    assert_eq!(out[8..12], 24u32.to_le_bytes());
    assert_eq!(out[12..24], group_body()[12..24]);
    assert_eq!(out[24..], el(0x0008_0018, "UI", Some(4), b"1.23", LE));
    // removing an element of the group changes it too
    let mut removed = TestLevel::read(&f);
    removed.entries.truncate(2);
    removed.origin.as_mut().unwrap().pristine = false;
    assert_eq!(bytes(&removed, LE)[8..12], 12u32.to_le_bytes());
    // in another encoding (nothing copied) and in a level made by the caller
    let be = bytes(&TestLevel::read(&f), BE);
    assert_eq!(be[8..12], 24u32.to_be_bytes());
    let made = TestLevel::new(vec![
        (0x0008_0000, prim(Vr::UL, Primitive::Ints(vec![0]))),
        (0x0008_0016, strs(Vr::UI, "1.2")),
    ]);
    assert_eq!(bytes(&made, IL)[8..12], 12u32.to_le_bytes());
}

#[test]
fn unchanged_file_is_one_copy_and_big_values_are_shared() {
    let body = made_expected(LE);
    let f = file(EXPLICIT_LE, &body);
    let w = write(&TestLevel::read(&f), LE);
    assert_eq!(w.out.to_vec(), body);
    assert_eq!(w.out.piece_count(), 1);
    // a large new value is written from the caller's buffer
    let big = TestLevel::read(&f).set(
        0x7FE0_0010,
        Entry::Stored(Elem {
            vr: Vr::OB,
            undefined: false,
            val: Val::Bytes(vec![7; SHARE_AT]),
        }),
    );
    let w = write(&big, LE);
    assert_eq!(w.out.piece_count(), 3);
    assert_eq!(w.out.len() as usize, body.len() - 16 + 12 + SHARE_AT);
}

#[test]
fn read_data_set_transcoded_to_each_encoding() {
    let f = file(EXPLICIT_LE, &made_expected(LE));
    for enc in [IL, BE] {
        assert_eq!(
            bytes(&TestLevel::read(&f), enc),
            made_expected(enc),
            "{enc:?}"
        );
    }
    // back from big endian, with an item changed inside the sequence
    let be = file("1.2.840.10008.1.2.2", &made_expected(BE));
    assert_eq!(bytes(&TestLevel::read(&be), LE), made_expected(LE));
}

#[test]
fn pristine_item_copied_inside_a_changed_sequence() {
    let f = file(EXPLICIT_LE, &made_expected(LE));
    let sq = f.find(f.dataset.clone(), 0x0040_0275).unwrap();
    let read_items: Vec<TestLevel> = f
        .children(f.child_range(sq))
        .map(|i| TestLevel::read_range(&f, f.child_range(i), Some(i)))
        .collect();
    let changed = read_items[1].clone().set(0x0008_0100, strs(Vr::SH, "BC"));
    let level = TestLevel::read(&f).set(
        0x0040_0275,
        items(true, vec![read_items[0].clone(), changed]),
    );
    let w = write(&level, LE);
    let sh = el(0x0008_0100, "SH", Some(2), b"A ", LE);
    let bc = el(0x0008_0100, "SH", Some(2), b"BC", LE);
    let expected = [
        el(0x0010_0010, "PN", Some(8), b"Doe^John", LE),
        el(0x0028_0010, "US", Some(2), &[0, 2], LE),
        el(0x0040_0275, "SQ", None, &[], LE),
        item(Some(sh.len() as u32), &sh, true),
        item(None, &bc, true),
        seq_end(true),
        el(0x7FE0_0010, "OB", Some(4), &[1, 2, 3, 0], LE),
    ]
    .concat();
    assert_eq!(w.out.to_vec(), expected);
}

/// (0008,0005) `charset`, a name, a UID, and an item with the name again.
fn with_name(charset: &[u8], name: &[u8]) -> Vec<u8> {
    let n = charset.len() as u32;
    let pn = el(0x0010_0010, "PN", Some(name.len() as u32), name, LE);
    [
        el(0x0008_0005, "CS", Some(n), charset, LE),
        el(0x0008_0016, "UI", Some(4), b"1.2\0", LE),
        pn.clone(),
        el(0x0040_0275, "SQ", None, &[], LE),
        item(None, &pn, true),
        seq_end(true),
    ]
    .concat()
}

fn latin1_body() -> Vec<u8> {
    with_name(b"ISO_IR 100", b"Buc^J\xe9r\xf4me")
}

#[test]
fn charset_switch_reencodes_read_text() {
    let f = file(EXPLICIT_LE, &latin1_body());
    // unchanged character set: everything is copied
    assert_eq!(bytes(&TestLevel::read(&f), LE), latin1_body());
    let name = Elem {
        vr: Vr::PN,
        undefined: false,
        val: Val::Prim(Primitive::Strs(vec!["Buc^Jérôme".into()])),
    };
    let sq = f.find(f.dataset.clone(), 0x0040_0275).unwrap();
    let it = f.children(f.child_range(sq)).next().unwrap();
    let mut read_item = TestLevel::read_range(&f, f.child_range(it), Some(it));
    read_item.made = vec![(0x0010_0010, name.clone())];
    let mut level = TestLevel::read(&f)
        .set(0x0008_0005, strs(Vr::CS, "ISO_IR 192"))
        .set(0x0040_0275, items(true, vec![read_item]));
    level.made = vec![(0x0010_0010, name)];
    let expected = with_name(b"ISO_IR 192", "Buc^Jérôme".as_bytes());
    assert_eq!(bytes(&level, LE), expected);
    // text that the new character set cannot hold names its element
    let mut ascii = TestLevel::read(&f).set(0x0008_0005, prim(Vr::CS, Primitive::Empty));
    let omega = Primitive::Strs(vec!["Ω".into()]);
    ascii.made = vec![(
        0x0010_0010,
        Elem {
            vr: Vr::PN,
            undefined: false,
            val: Val::Prim(omega),
        },
    )];
    let err = error(&ascii, LE);
    assert!(err.starts_with("(0010,0010) PatientName: "), "{}", err);
}

#[test]
fn parent_charset_applies_to_a_bare_data_set() {
    let level = TestLevel::new(vec![(0x0010_0010, strs(Vr::PN, "Jérôme"))]);
    let mut w = Writer::new();
    let latin1 = Charset::from_terms(&["ISO_IR 100"]);
    w.dataset(&level, LE, &latin1).unwrap();
    assert_eq!(
        w.out.to_vec(),
        el(0x0010_0010, "PN", Some(6), b"J\xe9r\xf4me", LE)
    );
}

#[test]
fn ambiguous_vr_resolved_by_the_caller_when_writing_explicit() {
    // (0028,0106) in implicit VR: "US or SS" from the dictionary
    let body = [
        el(0x0028_0103, "US", Some(2), &[1, 0], IL),
        el(0x0028_0106, "US", Some(2), &[0xFF, 0xFF], IL),
    ]
    .concat();
    let f = file(IMPLICIT_LE, &body);
    let level = TestLevel::read(&f);
    assert_eq!(bytes(&level, IL), body);
    let err = error(&level, LE);
    assert!(err.contains("Cannot write ambiguous VR"), "{}", err);
    let mut resolved = level.clone();
    let idx = f.find(f.dataset.clone(), 0x0028_0106).unwrap() as usize;
    resolved.made = vec![(
        0x0028_0106,
        Elem {
            vr: Vr::SS,
            undefined: false,
            val: Val::Read(Arc::clone(&f), idx),
        },
    )];
    let expected = [
        el(0x0028_0103, "US", Some(2), &[1, 0], LE),
        el(0x0028_0106, "SS", Some(2), &[0xFF, 0xFF], LE),
    ]
    .concat();
    assert_eq!(bytes(&resolved, LE), expected);
}

#[test]
fn long_value_written_as_un_with_a_warning() {
    let level = TestLevel::new(vec![(
        0x0008_0070,
        Entry::Stored(Elem {
            vr: Vr::LO,
            undefined: false,
            val: Val::Bytes(vec![b'a'; 70000]),
        }),
    )]);
    let w = write(&level, LE);
    assert_eq!(w.out.to_vec()[4..6], *b"UN");
    assert_eq!(w.warnings.len(), 1);
    assert!(write(&level, IL).warnings.is_empty());
}

#[test]
fn invalid_values_name_their_element() {
    let level = TestLevel::new(vec![(0x0008_0020, strs(Vr::DA, "yesterday"))]);
    let err = error(&level, LE);
    assert!(
        err.starts_with("(0008,0020) StudyDate: Invalid value for VR DA"),
        "{}",
        err
    );
    let odd = TestLevel::new(vec![(
        0x0028_0010,
        Entry::Stored(Elem {
            vr: Vr::US,
            undefined: false,
            val: Val::Bytes(vec![1, 2, 3]),
        }),
    )]);
    let err = error(&odd, LE);
    assert!(err.contains("must be a multiple of 2"), "{}", err);
}

#[test]
fn file_with_preamble_meta_and_deflated_data_set() {
    let meta = TestLevel::new(vec![
        (0x0002_0000, prim(Vr::UL, Primitive::Ints(vec![0]))),
        (0x0002_0010, strs(Vr::UI, "1.2.840.10008.1.2.1.99")),
    ]);
    let preamble = [0u8; 128];
    let data = made_level();
    let parts = FileParts {
        preamble: Some(&preamble),
        meta: Some(&meta),
        dataset: &data,
        enc: LE,
        deflate: true,
        charset: Charset::default(),
    };
    let w = encode_file(&parts, Deflate::run).unwrap();
    let out = w.out.to_vec();
    assert_eq!(out[128..132], *b"DICM");
    let uid = el(0x0002_0010, "UI", Some(22), b"1.2.840.10008.1.2.1.99", LE);
    let meta_bytes = [
        el(
            0x0002_0000,
            "UL",
            Some(4),
            &(uid.len() as u32).to_le_bytes(),
            LE,
        ),
        uid,
    ]
    .concat();
    let head = 132 + meta_bytes.len();
    assert_eq!(out[132..head], meta_bytes);
    assert_eq!(out.len() % 2, 0);
    let mut inflated = Vec::new();
    flate2::read::DeflateDecoder::new(&out[head..])
        .read_to_end(&mut inflated)
        .unwrap();
    assert_eq!(inflated, made_expected(LE));
}
