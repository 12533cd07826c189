use std::sync::Arc;

use super::*;
use crate::parse::{parse, Options};
use crate::source::Source;

fn explicit_file(elements: &[u8]) -> Arc<Parsed> {
    let mut v = vec![0u8; 128];
    v.extend_from_slice(b"DICM");
    // (0002,0010) UI "1.2.840.10008.1.2.1\0"
    v.extend_from_slice(&[2, 0, 0x10, 0, b'U', b'I', 20, 0]);
    v.extend_from_slice(b"1.2.840.10008.1.2.1\0");
    v.extend_from_slice(elements);
    Arc::new(parse(Source::from_vec(v), &Options::default()).unwrap())
}

#[test]
fn headers_in_each_encoding() {
    let mut out = Output::default();
    let le = Encoding::EXPLICIT_LE;
    header(&mut out, 0x0010_0010, Vr::PN, Length::Defined(4), le).unwrap();
    assert_eq!(out.to_vec(), [0x10, 0, 0x10, 0, b'P', b'N', 4, 0]);
    let mut out = Output::default();
    let be = Encoding {
        implicit: false,
        little: false,
    };
    header(&mut out, 0x7FE0_0010, Vr::OW, Length::Defined(6), be).unwrap();
    assert_eq!(
        out.to_vec(),
        [0x7F, 0xE0, 0, 0x10, b'O', b'W', 0, 0, 0, 0, 0, 6]
    );
    let mut out = Output::default();
    let il = Encoding {
        implicit: true,
        little: true,
    };
    header(&mut out, 0x0008_0016, Vr::UI, Length::Undefined, il).unwrap();
    assert_eq!(out.to_vec(), [8, 0, 0x16, 0, 0xFF, 0xFF, 0xFF, 0xFF]);
    // a long value of a 16-bit length VR becomes UN
    let mut out = Output::default();
    let (vr, _) = header(&mut out, 0x0008_0016, Vr::LO, Length::Defined(70000), le).unwrap();
    assert_eq!(vr, Vr::UN);
    assert!(header(
        &mut Output::default(),
        0x0028_0106,
        Vr::UsSs,
        Length::Defined(2),
        le
    )
    .is_err());
}

#[test]
fn placeholders_are_patched() {
    let mut out = Output::default();
    let mark = item_header(&mut out, Length::Later, true).unwrap().unwrap();
    let start = out.len();
    out.push(b"abcd");
    patch_length(&mut out, mark, start, true).unwrap();
    assert_eq!(
        out.to_vec(),
        [0xFE, 0xFF, 0, 0xE0, 4, 0, 0, 0, b'a', b'b', b'c', b'd']
    );
}

#[test]
fn copies_merge_and_raw_extents() {
    // (0010,0010) PN "Doe^" and an undefined-length sequence with one empty item
    let mut body = vec![0x10, 0, 0x10, 0, b'P', b'N', 4, 0, b'D', b'o', b'e', b'^'];
    body.extend_from_slice(&[
        0x08, 0, 0x15, 0x11, b'S', b'Q', 0, 0, 0xFF, 0xFF, 0xFF, 0xFF,
    ]);
    body.extend_from_slice(&[0xFE, 0xFF, 0, 0xE0, 0, 0, 0, 0]);
    body.extend_from_slice(&[0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0]);
    let p = explicit_file(&body);
    let ds = p.dataset.clone();
    let top: Vec<u32> = p.children(ds).collect();
    assert_eq!(top.len(), 2);
    let mut out = Output::default();
    let src = out.source(&p);
    let le = Encoding::EXPLICIT_LE;
    for &i in &top {
        let vr = p.elements[i as usize].vr;
        let r = copyable(&p, i as usize, vr, le).expect("intact");
        out.copy(src, r);
    }
    assert_eq!(out.piece_count(), 1);
    assert_eq!(out.to_vec(), body);
    // not copyable as another VR or encoding
    assert!(copyable(&p, top[0] as usize, Vr::LO, le).is_none());
    let il = Encoding {
        implicit: true,
        little: true,
    };
    assert!(copyable(&p, top[0] as usize, Vr::PN, il).is_none());
    let mut out = Output::default();
    transcode(
        &mut out,
        &RawValue::of(&p, top[0] as usize),
        Vr::PN,
        il,
        |o| o.push(b"Doe^"),
    )
    .unwrap();
    assert_eq!(
        out.to_vec(),
        [0x10, 0, 0x10, 0, 4, 0, 0, 0, b'D', b'o', b'e', b'^']
    );
}

#[test]
fn values_swapped_to_the_target_byte_order() {
    let raw = RawValue {
        tag: 0x0028_0010,
        undefined: false,
        little: true,
        value: &[1, 2, 3, 4],
    };
    assert_eq!(converted_value(&raw, Vr::US, false), Some(vec![2, 1, 4, 3]));
    assert_eq!(converted_value(&raw, Vr::UL, false), Some(vec![4, 3, 2, 1]));
    assert_eq!(converted_value(&raw, Vr::OB, false), None);
    assert_eq!(converted_value(&raw, Vr::US, true), None);
    let odd = RawValue {
        value: b"1.2",
        ..raw
    };
    assert_eq!(converted_value(&odd, Vr::UI, true), Some(b"1.2\0".to_vec()));
}

#[test]
fn delimiter_cut_short_is_not_copied() {
    // encapsulated pixel data whose sequence delimiter lacks its length field
    let mut body = vec![
        0xE0, 0x7F, 0x10, 0, b'O', b'B', 0, 0, 0xFF, 0xFF, 0xFF, 0xFF,
    ];
    body.extend_from_slice(&[0xFE, 0xFF, 0, 0xE0, 0, 0, 0, 0]);
    body.extend_from_slice(&[0xFE, 0xFF, 0xDD, 0xE0]);
    let p = explicit_file(&body);
    let idx = p.children(p.dataset.clone()).next().unwrap() as usize;
    assert!(raw_extent(&p, idx).is_none());
    let mut out = Output::default();
    let src = out.source(&p);
    let value = p.elements[idx].value_range();
    let le = Encoding::EXPLICIT_LE;
    transcode(&mut out, &RawValue::of(&p, idx), Vr::OB, le, |o| {
        o.copy(src, value)
    })
    .unwrap();
    let mut expected = body[..20].to_vec();
    expected.extend_from_slice(&[0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0]);
    assert_eq!(out.to_vec(), expected);
}
