//! The `write` target: parse → write → parse.

use std::collections::HashMap;

use super::{check_index, parsed, split};
use crate::parse::{self, Options, Parsed};
use crate::source::Source;
use crate::transfer_syntax;
use crate::vr::Vr;
use crate::write::{self, Encoding, Length, Output, RawValue};

/// The target encodings of the writer: explicit VR little endian, implicit VR little endian,
/// explicit VR big endian.
pub(super) const ENCODINGS: [Encoding; 3] = [
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
pub(super) fn outside_dataset(p: &Parsed, i: u32) -> bool {
    let e = &p.elements[i as usize];
    e.parent == parse::ROOT && matches!(e.tag >> 16, 0x0000 | 0x0002)
}

/// The first of an ambiguous VR's alternatives (the bindings resolve them from the data set, as
/// pydicom does; any choice reads back to the same bytes).
pub(super) fn resolved(vr: Vr) -> Vr {
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
        let mut element = Output::default();
        match write::transcode(&mut element, &raw, resolved(e.vr), enc, |o| {
            o.push(raw.value)
        }) {
            Ok(_) => out.push(&element.to_vec()),
            Err(_) => refused.push(i),
        }
    }
}

/// Comparable content of a data set: each element's tag, nesting depth and value bytes
/// (without trailing padding; None for sequences, items and group lengths), leaving out `skip`
/// and what is inside them, in tag order within each data set (the walk writes a data set's
/// elements sorted, as pydicom does; items keep their order).
type Summary = Vec<(u32, usize, Option<Vec<u8>>)>;

fn summary(p: &Parsed, skip: &[u32]) -> Summary {
    // Each entry's path from the top: the tags of its ancestors and its own, an item's
    // ordinal in its sequence in place of its tag.
    let mut paths: Vec<Vec<u32>> = vec![Vec::new(); p.elements.len()];
    let mut ordinals: HashMap<u32, u32> = HashMap::new();
    let mut out = Vec::new();
    for i in p.dataset.clone() {
        let e = &p.elements[i as usize];
        let (mut depth, mut top) = (0, i);
        let mut parent = e.parent;
        let mut skipped = skip.contains(&i);
        while parent != parse::ROOT {
            depth += 1;
            top = parent;
            let up = &p.elements[parent as usize];
            // A (gggg,0000) element is a group length, written as UL whatever it was read as
            // (a sequence, here): what was inside it is not written.
            skipped |= skip.contains(&parent) || (up.vr != Vr::Item && up.tag & 0xFFFF == 0);
            parent = up.parent;
        }
        let mut path = match e.parent {
            parse::ROOT => Vec::new(),
            parent => paths[parent as usize].clone(),
        };
        path.push(if e.vr == Vr::Item {
            let n = ordinals.entry(e.parent).or_default();
            *n += 1;
            *n
        } else {
            e.tag
        });
        paths[i as usize] = path.clone();
        // What the writer leaves out, with everything inside it.
        if outside_dataset(p, top) || skipped {
            continue;
        }
        // A group length's value is recomputed when its group is not written as read.
        let group_length = e.tag & 0xFFFF == 0;
        let bytes = (e.vr != Vr::SQ && e.vr != Vr::Item && !group_length).then(|| {
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
        out.push((path, (tag, depth, bytes)));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.into_iter().map(|e| e.1).collect()
}

/// A Part 10 file around a data set: preamble, `DICM` and the Transfer Syntax UID.
pub(super) fn part10(enc: Encoding, dataset: Output) -> Vec<u8> {
    let mut uid = transfer_syntax::native_for(enc.implicit, enc.little)
        .uid
        .as_bytes()
        .to_vec();
    if uid.len() % 2 == 1 {
        uid.push(0);
    }
    let mut out = Output::default();
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
    out.push(&uid);
    out.push(&dataset.to_vec());
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
    let mut body = Output::default();
    let mut refused = Vec::new();
    write_dataset(&p, p.dataset.clone(), enc, &mut body, &mut refused);
    reread(&p, enc, part10(enc, body), &refused, |_| Vec::new(), true);
}

/// Reads back `file`, written from `p` in `enc` leaving out the elements `refused`: it must
/// parse, and in the data set's own encoding give the same tags, nesting and values (the
/// elements `left_out` finds in what is read back are not compared); in another one (where
/// implicit VR or a change of byte order may legitimately change how a value reads) only
/// panics count, as they do when `strict` is false.
pub(super) fn reread(
    p: &Parsed,
    enc: Encoding,
    file: Vec<u8>,
    refused: &[u32],
    left_out: fn(&Parsed) -> Vec<u32>,
    strict: bool,
) {
    if let Some(path) = std::env::var_os("FUZZ_WRITE_DUMP") {
        // For debugging a finding: the bytes written.
        std::fs::write(path, &file).unwrap();
    }
    let own = ENCODINGS
        [usize::from(!p.little_endian) * 2 + usize::from(p.implicit_vr && p.little_endian)];
    // Group 0x0200 in big endian starts with the bytes of group 0x0002 in little endian: right
    // after the File Meta Information every reader (pydicom's too) takes such an element for
    // one of the meta group's.
    let meta_lookalike = !enc.little
        && p.children(p.dataset.clone())
            .any(|i| !outside_dataset(p, i) && p.elements[i as usize].tag >> 16 == 0x0200);
    let strict = strict && enc == own && !meta_lookalike;
    let again = match parse::parse(Source::from_vec(file.clone()), &Options::default()) {
        Ok(again) => again,
        // In another encoding a value may legitimately read differently (an explicit OB of
        // undefined length whose tag the dictionary makes a sequence, in implicit VR) and fail
        // to read, as it would for pydicom: only panics count there.
        Err(_) if !strict => return,
        Err(e) => panic!(
            "the written data set does not parse ({e}): {:02X?}",
            &file[132..file.len().min(1156)]
        ),
    };
    check_index(&again);
    // The reader, as pydicom's, guesses the VR encoding from the first element's header: an
    // implicit VR length whose low bytes are two capital letters reads as explicit VR (the
    // transfer syntax notwithstanding), and the data set reads differently.
    let guessed = again
        .notes
        .iter()
        .any(|n| matches!(n, parse::Note::VrEncoding(_)));
    if strict && !guessed {
        let (before, after) = (summary(p, refused), summary(&again, &left_out(&again)));
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
