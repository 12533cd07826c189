//! The bodies of the fuzz targets (`fuzz/fuzz_targets/*` are one-line wrappers around them),
//! inside the crate so that they reach the core's internal modules without making those
//! public. Built with the `fuzzing` feature (the fuzz crate turns it on) and in the crate's own
//! tests, which replay every committed finding (`fuzz/regressions/TARGET/*`) through the same
//! code on every `cargo test`.
//!
//! A target fails by panicking: on a panic inside the core, or when an invariant checked here
//! does not hold. Errors the core returns are the expected outcome for bad input.

mod walk;
mod write;

use std::borrow::Cow;

use crate::charset::{CharacterSet, Delimiters};
use crate::codec::FrameSpec;
use crate::parse::{self, Options, Parsed};
use crate::pixel::decode;
use crate::pixel::encaps::{self, Encapsulated};
use crate::pixel::lut::{self, Window};
use crate::source::Source;
use crate::transfer_syntax::Codec;
use crate::value;
use crate::vr::Vr;

pub use walk::write_walk;
pub use write::write_roundtrip;

/// A target's body: one input.
pub type Target = fn(&[u8]);

/// Every target by name, as `fuzz/fuzz_targets/*.rs`, `scripts/fuzz.sh` and the regression
/// replay know them.
pub const TARGETS: &[(&str, Target)] = &[
    ("index", index),
    ("values", values),
    ("encaps", encapsulated),
    ("decode_rle", decode_rle),
    ("decode_jpeg", decode_jpeg),
    ("decode_jpegls", decode_jpegls),
    ("decode_j2k", decode_j2k),
    ("decode_jxl", decode_jxl),
    ("decode_deflate", decode_deflate),
    ("lut", luts),
    ("write", write_roundtrip),
    ("write_walk", write_walk),
];

/// Splits off the first `n` bytes (options of the target), padding with zeros.
fn split(data: &[u8], n: usize) -> ([u8; 16], &[u8]) {
    let mut head = [0u8; 16];
    let k = n.min(data.len());
    head[..k].copy_from_slice(&data[..k]);
    (head, &data[k..])
}

/// The bare data set encodings a header target may ask for: (implicit VR, little endian).
const BARE: [Option<(bool, bool)>; 4] = [
    None,
    Some((true, true)),
    Some((false, true)),
    Some((false, false)),
];

/// Byte 0 chooses the parse options (bit 0: stop before the pixels, 1: specific tags, 2: no
/// switch to implicit VR on a bad VR field, 3: undefined-length UN stays UN, 4-5: a Part 10
/// file or a bare data set in one of three encodings, 6: the top level stops past (0010,0010),
/// as the index does); the rest is the input.
fn parsed(data: &[u8]) -> Option<Parsed> {
    let (head, rest) = split(data, 1);
    let opts = Options {
        force: true,
        stop_before_pixels: head[0] & 1 != 0,
        specific_tags: (head[0] & 2 != 0).then(|| vec![0x0008_0016, 0x0010_0010, 0x7FE0_0010]),
        no_implicit_vr_switch: head[0] & 4 != 0,
        no_infer_sq_for_un: head[0] & 8 != 0,
        encoding: BARE[usize::from(head[0] >> 4 & 3)],
        stop_after: (head[0] & 0x40 != 0).then_some(0x0010_0010),
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
    for &(parent, cs) in &p.charsets {
        assert!(parent == parse::ROOT || (parent as usize) < n);
        assert!((cs as usize) < n && p.elements[cs as usize].parent == parent);
    }
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
fn frame_spec(b: &[u8]) -> FrameSpec {
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
/// (index in byte 12), bit 2 keeps the colour as stored (`as_rgb=False`). What decodes must
/// have exactly the size the description says.
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
    let as_rgb = head[11] & 4 == 0;
    if let Ok(d) = decode::decode(codec, &value, &spec, frames, None, index, as_rgb) {
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
pub fn decode_jxl(data: &[u8]) {
    decode_with(Codec::Jxl, data)
}
pub fn decode_deflate(data: &[u8]) {
    decode_with(Codec::Deflate, data)
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
    let inside = |ranges: &[std::ops::Range<usize>]| {
        ranges
            .iter()
            .all(|r| r.start <= r.end && r.end <= value.len())
    };
    if let Ok(layout) = enc.frames(value, frames, eot) {
        for f in &layout.frames {
            assert!(inside(f));
            let _ = encaps::frame_bytes(value, f);
        }
    }
    for i in 0..frames.min(4) {
        if let Ok(f) = enc.frame(value, i, frames, eot) {
            assert!(inside(&f.ranges));
        }
    }
    let (items, _) = encaps::items(value, head[1] & 16 != 0);
    assert!(inside(&items));
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
    let out_len = if wide {
        let t: Vec<u16> = padded
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        let refs: Vec<&[u16]> = t.chunks(entries).collect();
        lut::apply_luts(&input16, &refs, first_mapped)
            .unwrap()
            .len()
    } else {
        let refs: Vec<&[u8]> = padded.chunks(entries).collect();
        lut::apply_luts(&input16, &refs, first_mapped)
            .unwrap()
            .len()
    };
    assert_eq!(out_len, input16.len() * tables);
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

#[cfg(test)]
mod tests;
