//! The bodies of the fuzz targets, free of libFuzzer so that `cargo test` (the main crate's
//! `fuzz_regressions` test) replays the committed regression inputs through the same code.
//!
//! A target fails by panicking: on a panic inside pyrdicom, or when an invariant checked here
//! does not hold. Errors returned by pyrdicom are the expected outcome for bad input.

use std::borrow::Cow;

use pyrdicom::charset::{CharacterSet, Delimiters};
use pyrdicom::codec::FrameSpec;
use pyrdicom::parse::{self, Options, Parsed};
use pyrdicom::pixel::decode::{self, Codec};
use pyrdicom::pixel::encaps::{self, Encapsulated};
use pyrdicom::pixel::lut::{self, Window};
use pyrdicom::source::Source;
use pyrdicom::value;
use pyrdicom::vr::Vr;
use pyrdicom::write::{self, Encoding, Length, Output, RawValue};

/// A target's body: one input.
pub type Target = fn(&[u8]);

/// Every target by name, as `fuzz_targets/*.rs` and the regression replay know them.
pub const TARGETS: &[(&str, Target)] = &[
    ("index", index),
    ("values", values),
    ("encaps", encapsulated),
    ("decode_rle", decode_rle),
    ("decode_jpeg", decode_jpeg),
    ("decode_jpegls", decode_jpegls),
    ("decode_j2k", decode_j2k),
    ("lut", luts),
    ("write", write_roundtrip),
];

/// Splits off the first `n` bytes (options of the target), padding with zeros.
fn split(data: &[u8], n: usize) -> ([u8; 16], &[u8]) {
    let mut head = [0u8; 16];
    let k = n.min(data.len());
    head[..k].copy_from_slice(&data[..k]);
    (head, &data[k..])
}

/// Byte 0 chooses the parse options; the rest is a Part 10 file or a bare data set.
fn parsed(data: &[u8]) -> Option<Parsed> {
    let (head, rest) = split(data, 1);
    let opts = Options {
        force: true,
        stop_before_pixels: head[0] & 1 != 0,
        specific_tags: (head[0] & 2 != 0).then(|| vec![0x0008_0016, 0x0010_0010, 0x7FE0_0010]),
    };
    parse::parse(Source::from_vec(rest.to_vec()), &opts).ok()
}

/// Structural invariants of the index that the rest of the core relies on without checking.
fn check_index(p: &Parsed) {
    let n = p.elements.len();
    for (i, e) in p.elements.iter().enumerate() {
        assert!(
            e.end as usize > i && e.end as usize <= n,
            "element {i}: end {}",
            e.end
        );
        assert!(
            e.offset + e.len <= p.bytes().len() as u64,
            "element {i} runs past the input"
        );
        assert!(e.header <= e.offset, "element {i}: value before header");
        if e.parent != parse::ROOT {
            let parent = &p.elements[e.parent as usize];
            assert!((e.parent as usize) < i && parent.end as usize >= e.end as usize);
        }
    }
    assert!(p.meta.end == p.dataset.start && p.dataset.end as usize == n);
    let mut count = 0;
    for i in p.children(p.meta.start..p.dataset.end) {
        count += 1;
        let _ = p.children(p.child_range(i)).count();
    }
    assert!(count <= n);
}

pub fn index(data: &[u8]) {
    if let Some(p) = parsed(data) {
        check_index(&p);
    }
}

/// The VRs as spelled on the wire, to decode any value as any of them.
const WIRE_VRS: [&[u8; 2]; 34] = [
    b"AE", b"AS", b"AT", b"CS", b"DA", b"DS", b"DT", b"FL", b"FD", b"IS", b"LO", b"LT", b"OB",
    b"OD", b"OF", b"OL", b"OV", b"OW", b"PN", b"SH", b"SL", b"SQ", b"SS", b"ST", b"SV", b"TM",
    b"UC", b"UI", b"UL", b"UN", b"UR", b"US", b"UT", b"UV",
];

/// Every value decoded as its own VR and as another one, and every text value decoded in the
/// character set its data set declares and in one made from the value itself.
pub fn values(data: &[u8]) {
    let Some(p) = parsed(data) else { return };
    let salt = data.first().copied().unwrap_or(0) as usize;
    for i in 0..p.elements.len() {
        let e = &p.elements[i];
        if e.vr != Vr::Item {
            let _ = value::decode(&p, i, e.vr);
            let other = Vr::from_bytes(*WIRE_VRS[(i + salt) % WIRE_VRS.len()]).unwrap();
            if other != Vr::SQ {
                let _ = value::decode(&p, i, other);
            }
        }
        let raw = p.value(i);
        let cs = value::charset_of(&p, i);
        let _ = cs.decode(raw, Delimiters::Text);
        let _ = cs.decode(raw, Delimiters::PersonName);
        let own = CharacterSet::from_value(&raw[..raw.len().min(64)]);
        let _ = own.decode(raw, Delimiters::None);
    }
}

const PHOTOMETRICS: [&str; 10] = [
    "MONOCHROME1",
    "MONOCHROME2",
    "RGB",
    "YBR_FULL",
    "YBR_FULL_422",
    "YBR_RCT",
    "YBR_ICT",
    "PALETTE COLOR",
    "YBR_PARTIAL_420",
    "",
];

/// A frame description from 10 bytes: rows and columns (u16 LE), samples, bits allocated,
/// bits stored, signedness, photometric, planar configuration.
pub fn frame_spec(b: &[u8]) -> FrameSpec {
    FrameSpec {
        rows: u32::from(u16::from_le_bytes([b[0], b[1]])),
        cols: u32::from(u16::from_le_bytes([b[2], b[3]])),
        samples_per_pixel: u16::from(b[4]),
        bits_allocated: u16::from(b[5]),
        bits_stored: u16::from(b[6]),
        signed: b[7] & 1 != 0,
        photometric: PHOTOMETRICS[usize::from(b[8]) % PHOTOMETRICS.len()].to_string(),
        planar_configuration: u16::from(b[9] & 1),
    }
}

/// Bytes 0..10: the frame description; 10: number of frames; 11: bit 0 set means the rest is
/// a whole encapsulated value (else one frame, wrapped here), bit 1 decodes one frame only
/// (index in byte 12). What decodes must have exactly the size the description says.
fn decode_with(codec: Codec, data: &[u8]) {
    let (head, rest) = split(data, 13);
    let spec = frame_spec(&head);
    let value: Cow<[u8]> = if head[11] & 1 != 0 {
        Cow::Borrowed(rest)
    } else {
        match encaps::encapsulate(&[rest], false) {
            Ok(v) => Cow::Owned(v),
            Err(_) => return,
        }
    };
    let frames = usize::from(head[10]);
    let index = (head[11] & 2 != 0).then_some(usize::from(head[12]));
    if let Ok(d) = decode::decode(codec, &value, &spec, frames, None, index, true) {
        assert_eq!(d.data.len(), d.frames * spec.frame_len().unwrap());
    }
}

pub fn decode_rle(data: &[u8]) {
    decode_with(Codec::Rle, data)
}
pub fn decode_jpeg(data: &[u8]) {
    decode_with(Codec::Jpeg, data)
}
pub fn decode_jpegls(data: &[u8]) {
    decode_with(Codec::JpegLs, data)
}
pub fn decode_j2k(data: &[u8]) {
    decode_with(Codec::J2k, data)
}

/// Byte 0: number of frames; byte 1: bits 0-2 the number of Extended Offset Table entries
/// (taken as u32 pairs from the bytes after the header), bit 3 whether there is an EOT at
/// all; the rest is the encapsulated value. Frames must lie inside the value.
pub fn encapsulated(data: &[u8]) {
    let (head, rest) = split(data, 2);
    let eot_entries = usize::from(head[1] & 7);
    let (table, value) = rest.split_at((eot_entries * 8).min(rest.len()));
    let words: Vec<u64> = table
        .chunks_exact(4)
        .map(|c| u64::from(u32::from_le_bytes([c[0], c[1], c[2], c[3]])))
        .collect();
    let (offsets, lengths) = words.split_at(words.len() / 2);
    let eot = (head[1] & 8 != 0).then_some((offsets, lengths));
    let frames = usize::from(head[0]);
    let Ok(enc) = Encapsulated::parse(value) else {
        return;
    };
    if let Ok(layout) = enc.frames(value, frames, eot) {
        for f in &layout.frames {
            for r in f {
                assert!(r.start <= r.end && r.end <= value.len());
            }
            let _ = encaps::frame_bytes(value, f);
        }
    }
    for i in 0..frames.min(4) {
        if let Ok(f) = enc.frame(value, i, frames, eot) {
            assert!(f
                .ranges
                .iter()
                .all(|r| r.start <= r.end && r.end <= value.len()));
        }
    }
}

/// Byte 0: input type and table width; 1..3: number of tables (1..=3) and first mapped value
/// (i16); the next 2 bytes: entries per table (u16, 0 meaning 65536 as in a LUT Descriptor);
/// then the tables and the input from the rest (short tables are padded with zeros).
pub fn luts(data: &[u8]) {
    let (head, rest) = split(data, 5);
    let tables = usize::from(head[1] % 3) + 1;
    let first_mapped = i64::from(i16::from_le_bytes([head[2], head[3]]));
    let entries = match u16::from_le_bytes([head[4], head[0] >> 4]) & 0x0FFF {
        0 => 4096,
        n => usize::from(n),
    };
    let wide = head[0] & 1 != 0;
    let width = if wide { 2 } else { 1 };
    let split_at = (tables * entries * width).min(rest.len());
    let (table_bytes, input) = rest.split_at(split_at);
    let mut padded = table_bytes.to_vec();
    padded.resize(tables * entries * width, 0);
    let signed = head[0] & 2 != 0;
    let input16: Vec<i64> = input
        .chunks_exact(2)
        .map(|c| {
            let v = u16::from_le_bytes([c[0], c[1]]);
            if signed {
                i64::from(v as i16)
            } else {
                i64::from(v)
            }
        })
        .collect();
    let check = |out_len: usize| assert_eq!(out_len, input16.len() * tables);
    if wide {
        let t: Vec<u16> = padded
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        let refs: Vec<&[u16]> = t.chunks(entries).collect();
        check(
            lut::apply_luts(&input16, &refs, first_mapped)
                .unwrap()
                .len(),
        );
    } else {
        let refs: Vec<&[u8]> = padded.chunks(entries).collect();
        check(
            lut::apply_luts(&input16, &refs, first_mapped)
                .unwrap()
                .len(),
        );
    }
    // A window from the same bytes (any f64, NaN and infinities included) must not panic.
    let f = |k: usize| {
        let b: [u8; 8] = std::array::from_fn(|j| *input.get(k * 8 + j).unwrap_or(&0));
        f64::from_le_bytes(b)
    };
    let w = Window {
        center: f(0),
        width: f(1),
        y_min: f(2),
        y_max: f(3),
        y_range: f(4),
    };
    let floats: Vec<f64> = input16.iter().map(|&v| v as f64).collect();
    assert_eq!(w.apply(&floats).len(), floats.len());
}

/// The target encodings of the writer: explicit VR little endian, implicit VR little endian,
/// explicit VR big endian.
const ENCODINGS: [Encoding; 3] = [
    Encoding {
        implicit: false,
        little: true,
    },
    Encoding {
        implicit: true,
        little: true,
    },
    Encoding {
        implicit: false,
        little: false,
    },
];

/// Whether a top-level element belongs to the groups a written data set cannot hold: the File
/// Meta Information (0002) and the command set (0000), which is always read as implicit VR.
fn outside_dataset(p: &Parsed, i: u32) -> bool {
    let e = &p.elements[i as usize];
    e.parent == parse::ROOT && matches!(e.tag >> 16, 0x0000 | 0x0002)
}

/// The first of an ambiguous VR's alternatives (the bindings resolve them from the data set, as
/// pydicom does; any choice reads back to the same bytes).
fn resolved(vr: Vr) -> Vr {
    match vr {
        Vr::UsSs | Vr::UsOw | Vr::UsSsOw => Vr::US,
        Vr::ObOw => Vr::OB,
        Vr::SsOw => Vr::SS,
        vr => vr,
    }
}

/// Writes the entries of `range` (one data set) into `out` in `enc`, as the bindings' writer
/// does for data read from a file: sequences with undefined lengths, values transcoded. An
/// element the writer refuses (as pydicom would: a value too long for its length field, an
/// undefined length on a VR with a 2-byte length) is left out and listed in `refused`.
fn write_dataset(
    p: &Parsed,
    range: std::ops::Range<u32>,
    enc: Encoding,
    out: &mut Output,
    refused: &mut Vec<u32>,
) {
    for i in p.children(range) {
        if outside_dataset(p, i) {
            continue;
        }
        let e = &p.elements[i as usize];
        if e.vr == Vr::SQ {
            write::header(out, e.tag, Vr::SQ, Length::Undefined, enc).unwrap();
            for item in p.children(p.child_range(i)) {
                write::item_header(out, Length::Undefined, enc.little).unwrap();
                write_dataset(p, p.child_range(item), enc, out, refused);
                write::delimiter(out, parse::ITEM_DELIMITER, enc.little);
            }
            write::delimiter(out, parse::SEQUENCE_DELIMITER, enc.little);
            continue;
        }
        let raw = RawValue::of(p, i as usize);
        if raw.undefined && !enc.implicit && resolved(e.vr) == Vr::UN {
            // Explicit UN of undefined length is a sequence to every reader (PS3.5 6.2.2): a
            // value read as UN from implicit VR cannot be written so that it reads back.
            refused.push(i);
            continue;
        }
        let mut element = Output::new();
        match write::transcode(&mut element, &raw, resolved(e.vr), enc, |o| {
            o.push(raw.value)
        }) {
            Ok(_) => out.append(element),
            Err(_) => refused.push(i),
        }
    }
}

/// Comparable content of a data set: each element's tag, nesting depth and value bytes
/// (without trailing padding; None for sequences and items), leaving out `skip`.
type Summary = Vec<(u32, usize, Option<Vec<u8>>)>;

fn summary(p: &Parsed, skip: &[u32]) -> Summary {
    let mut out = Vec::new();
    for i in p.dataset.clone() {
        let e = &p.elements[i as usize];
        let (mut depth, mut top) = (0, i);
        let mut parent = e.parent;
        while parent != parse::ROOT {
            depth += 1;
            top = parent;
            parent = p.elements[parent as usize].parent;
        }
        // What the writer leaves out, with everything inside it.
        if outside_dataset(p, top) || skip.contains(&i) {
            continue;
        }
        let bytes = (e.vr != Vr::SQ && e.vr != Vr::Item).then(|| {
            let v = p.value(i as usize);
            let end = v
                .iter()
                .rposition(|&b| b != 0 && b != b' ')
                .map_or(0, |k| k + 1);
            v[..end].to_vec()
        });
        // An item whose tag is not (FFFE,E000) is read as one (as pydicom does) and written
        // as one.
        let tag = if e.vr == Vr::Item { parse::ITEM } else { e.tag };
        out.push((tag, depth, bytes));
    }
    out
}

/// A Part 10 file around a data set: preamble, `DICM` and the Transfer Syntax UID.
fn part10(enc: Encoding, dataset: Output) -> Vec<u8> {
    let uid: &[u8] = match (enc.implicit, enc.little) {
        (true, _) => b"1.2.840.10008.1.2\0",
        (false, true) => b"1.2.840.10008.1.2.1\0",
        (false, false) => b"1.2.840.10008.1.2.2\0",
    };
    let mut out = Output::new();
    out.push(&[0u8; 128]);
    out.push(b"DICM");
    write::header(
        &mut out,
        0x0002_0010,
        Vr::UI,
        Length::Defined(uid.len() as u64),
        Encoding::EXPLICIT_LE,
    )
    .unwrap();
    out.push(uid);
    out.append(dataset);
    out.to_vec()
}

/// Byte 0 selects the target encoding, the rest is parsed as by `index`. parse → write →
/// parse: in the data set's own encoding the elements come back with the same tags, nesting
/// and values; in another one (where implicit VR or a change of byte order may legitimately
/// change how a value reads) writing and reading must not panic.
pub fn write_roundtrip(data: &[u8]) {
    let (head, rest) = split(data, 1);
    let Some(p) = parsed(rest) else { return };
    let enc = ENCODINGS[usize::from(head[0]) % ENCODINGS.len()];
    let mut body = Output::new();
    let mut refused = Vec::new();
    write_dataset(&p, p.dataset.clone(), enc, &mut body, &mut refused);
    let file = part10(enc, body);
    if let Some(path) = std::env::var_os("FUZZ_WRITE_DUMP") {
        // For debugging a finding: the bytes written.
        std::fs::write(path, &file).unwrap();
    }
    let own = ENCODINGS
        [usize::from(!p.little_endian) * 2 + usize::from(p.implicit_vr && p.little_endian)];
    let again = match parse::parse(Source::from_vec(file.clone()), &Options::default()) {
        Ok(again) => again,
        // In another encoding a value may legitimately read differently (an explicit OB of
        // undefined length whose tag the dictionary makes a sequence, in implicit VR) and fail
        // to read, as it would for pydicom: only panics count there.
        Err(_) if enc != own => return,
        Err(e) => panic!(
            "the written data set does not parse ({e}): {:02X?}",
            &file[132..file.len().min(1156)]
        ),
    };
    check_index(&again);
    if enc == own {
        let (before, after) = (summary(&p, &refused), summary(&again, &[]));
        if let Some(k) = (0..before.len().max(after.len())).find(|&k| before.get(k) != after.get(k))
        {
            let show = |s: &Summary| {
                s.get(k).map(|(tag, depth, v)| {
                    let v = v.as_ref().map(|v| v[..v.len().min(32)].to_vec());
                    format!("({tag:08X}) depth {depth} {v:?}")
                })
            };
            panic!(
                "the written data set reads differently at element {k} of {}/{}: {:?} became {:?}",
                before.len(),
                after.len(),
                show(&before),
                show(&after)
            );
        }
    }
}
