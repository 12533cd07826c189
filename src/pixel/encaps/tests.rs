// Frames are lists of ranges; one-range frames are the common case.
#![allow(clippy::single_range_in_vec_init)]

use std::io::Cursor;

use super::*;

fn push_item(out: &mut Vec<u8>, length: u32) {
    out.extend_from_slice(&[0xFE, 0xFF, 0x00, 0xE0]);
    out.extend_from_slice(&length.to_le_bytes());
}

fn item(out: &mut Vec<u8>, content: &[u8]) {
    push_item(out, content.len() as u32);
    out.extend_from_slice(content);
}

/// An encapsulated value: BOT entries, then one item per fragment.
fn value(bot: &[u32], fragments: &[&[u8]]) -> Vec<u8> {
    let table: Vec<u8> = bot.iter().flat_map(|o| o.to_le_bytes()).collect();
    let mut out = Vec::new();
    item(&mut out, &table);
    for fragment in fragments {
        item(&mut out, fragment);
    }
    out
}

fn frames_of(value: &[u8], nr_frames: usize) -> Result<FrameLayout> {
    Encapsulated::parse(value)?.frames(value, nr_frames, None)
}

/// Every frame's bytes as `frames` yields them.
fn contents(value: &[u8], layout: &FrameLayout) -> Vec<Vec<u8>> {
    let frames = layout.frames.iter();
    frames
        .map(|f| frame_bytes(value, f).unwrap().into_owned())
        .collect()
}

fn frame_at(
    value: &[u8],
    index: usize,
    nr_frames: usize,
) -> Result<(Vec<u8>, Option<&'static str>)> {
    let found = Encapsulated::parse(value)?.frame(value, index, nr_frames, None)?;
    Ok((
        frame_bytes(value, &found.ranges)?.into_owned(),
        found.warning,
    ))
}

#[test]
fn parses_items_as_ranges() {
    let v = value(&[0, 12], &[b"abcd", b"ef", b"ghij"]);
    let enc = Encapsulated::parse(&v).unwrap();
    assert_eq!(enc.bot, [0, 12]);
    assert_eq!(enc.first_item, 16);
    assert_eq!(enc.fragments, [24..28, 36..38, 46..50]);
    assert_eq!(enc.end, v.len());
    assert!(!enc.truncated);
}

#[test]
fn stops_at_the_sequence_delimiter() {
    let mut v = value(&[], &[b"ab"]);
    let delimiter = v.len();
    v.extend_from_slice(&[0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0]);
    v.extend_from_slice(b"trailing junk");
    let enc = Encapsulated::parse(&v).unwrap();
    assert_eq!(enc.fragments, [16..18]);
    assert_eq!(enc.end, delimiter);
}

#[test]
fn ignores_fewer_than_four_trailing_bytes() {
    let mut v = value(&[], &[b"ab"]);
    v.extend_from_slice(&[1, 2, 3]);
    let enc = Encapsulated::parse(&v).unwrap();
    assert_eq!(enc.fragments, [16..18]);
}

#[test]
fn truncated_last_fragment_is_cut_short() {
    let mut v = value(&[], &[b"ab"]);
    push_item(&mut v, 0xFFFF_FFF0);
    v.extend_from_slice(b"xyz");
    let enc = Encapsulated::parse(&v).unwrap();
    assert_eq!(enc.fragments, [16..18, 26..29]);
    assert!(enc.truncated);
    let layout = enc.frames(&v[..], 2, None).unwrap();
    assert_eq!(contents(&v, &layout), [b"ab".to_vec(), b"xyz".to_vec()]);
}

#[test]
fn malformed_items_are_errors() {
    let bad: Vec<Vec<u8>> = vec![
        vec![],
        vec![0xFE, 0xFF, 0x00, 0xE0, 0, 0],
        // Not an item tag where the BOT should be.
        vec![0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0],
        // BOT length not a multiple of 4.
        {
            let mut v = Vec::new();
            item(&mut v, &[0, 0, 0]);
            v
        },
        // BOT longer than the data.
        {
            let mut v = Vec::new();
            push_item(&mut v, 0xFFFF_FFF0);
            v.extend_from_slice(&[0; 8]);
            v
        },
        // Fragment item with an undefined length.
        {
            let mut v = value(&[], &[]);
            push_item(&mut v, 0xFFFF_FFFF);
            v
        },
        // Unexpected tag after the BOT.
        {
            let mut v = value(&[], &[b"ab"]);
            v.extend_from_slice(&[0xE0, 0x7F, 0x10, 0x00, 2, 0, 0, 0]);
            v
        },
        // Item tag without its full length.
        {
            let mut v = value(&[], &[]);
            v.extend_from_slice(&[0xFE, 0xFF, 0x00, 0xE0, 2, 0]);
            v
        },
    ];
    for v in &bad {
        assert!(
            matches!(Encapsulated::parse(v), Err(Error::Malformed(_))),
            "{v:?}"
        );
    }
}

#[test]
fn bot_groups_fragments_into_frames() {
    // Frame 0: "ab" + "cd" (20 bytes of items), frame 1: "ef".
    let v = value(&[0, 20], &[b"ab", b"cd", b"ef"]);
    let layout = frames_of(&v, 2).unwrap();
    assert_eq!(contents(&v, &layout), [b"abcd".to_vec(), b"ef".to_vec()]);
    assert_eq!(layout.warning, None);
    assert_eq!(frame_at(&v, 0, 2).unwrap().0, b"abcd");
    assert_eq!(frame_at(&v, 1, 2).unwrap().0, b"ef");
    assert!(frame_at(&v, 2, 2).is_err());
    // The frame count does not matter with a BOT.
    assert_eq!(frames_of(&v, 7).unwrap().frames.len(), 2);
}

#[test]
fn bot_walk_follows_pydicom_for_mismatched_offsets() {
    // An offset inside a fragment: the next fragment starts the frame.
    let v = value(&[0, 5, 30], &[b"ab", b"cd", b"ef", b"gh"]);
    let layout = frames_of(&v, 3).unwrap();
    assert_eq!(
        contents(&v, &layout),
        [b"ab".to_vec(), b"cdef".to_vec(), b"gh".to_vec()]
    );
    // The first offset is not consulted by the walk, but is by get_frame.
    let v = value(&[10, 10], &[b"ab", b"cd"]);
    assert_eq!(
        contents(&v, &frames_of(&v, 2).unwrap()),
        [b"ab".to_vec(), b"cd".to_vec()]
    );
    assert_eq!(frame_at(&v, 0, 2).unwrap().0, b"");
    assert_eq!(frame_at(&v, 1, 2).unwrap().0, b"cd");
    // More offsets than fragments: the walk yields what there is.
    let v = value(&[0, 10, 20], &[b"ab"]);
    assert_eq!(frames_of(&v, 3).unwrap().frames, [vec![28..30]]);
    // No fragments at all: one empty frame.
    let v = value(&[0], &[]);
    assert_eq!(
        frames_of(&v, 1).unwrap().frames,
        [Vec::<Range<usize>>::new()]
    );
}

#[test]
fn get_frame_with_bot_reads_between_offsets() {
    // Frame 0 is cut at the next offset (14): only 6 bytes of "abcdefgh".
    let v = value(&[0, 14], &[b"abcdefgh", b"ij"]);
    assert_eq!(frame_at(&v, 0, 2).unwrap().0, b"abcdef");
    // Fewer than 4 bytes of the next item are ignored, 4 to 7 are an error.
    let v = value(&[0, 12], &[b"ab", b"cd"]);
    assert_eq!(frame_at(&v, 0, 2).unwrap().0, b"ab");
    let v = value(&[0, 15], &[b"ab", b"cd"]);
    assert!(frame_at(&v, 0, 2).is_err());
    // An offset not at an item is an error, unless fewer than 4 bytes follow it.
    assert!(frame_at(&v, 1, 2).is_err());
    let v = value(&[0, 9], &[b"ab"]);
    assert_eq!(frame_at(&v, 1, 2).unwrap().0, b"");
    let v = value(&[0, 3], &[b"ab", b"cd"]);
    assert_eq!(frame_at(&v, 0, 2).unwrap().0, b"");
    assert!(frame_at(&v, 1, 2).is_err());
    // A decreasing offset reads to the end; an offset past the end is empty.
    let v = value(&[10, 0], &[b"ab", b"cd"]);
    assert_eq!(frame_at(&v, 0, 2).unwrap().0, b"cd");
    assert_eq!(frame_at(&v, 1, 2).unwrap().0, b"abcd");
    let v = value(&[0, 0xFFFF_FFF0], &[b"ab"]);
    assert_eq!(frame_at(&v, 1, 2).unwrap().0, b"");
}

#[test]
fn without_bot_one_fragment_per_frame() {
    let v = value(&[], &[b"ab", b"cd", b"ef"]);
    let layout = frames_of(&v, 3).unwrap();
    assert_eq!(layout.frames, [vec![16..18], vec![26..28], vec![36..38]]);
    assert_eq!(frame_at(&v, 2, 3).unwrap().0, b"ef");
    assert!(frame_at(&v, 3, 3).is_err());
}

#[test]
fn without_bot_single_fragment_or_single_frame() {
    let v = value(&[], &[b"ab"]);
    // One fragment is one frame whatever the frame count says.
    assert_eq!(frames_of(&v, 5).unwrap().frames.len(), 1);
    assert_eq!(frames_of(&v, 0).unwrap().frames.len(), 1);
    assert!(frame_at(&v, 1, 5).is_err());
    let v = value(&[], &[b"ab", b"cd"]);
    assert_eq!(contents(&v, &frames_of(&v, 1).unwrap()), [b"abcd".to_vec()]);
    assert!(frame_at(&v, 1, 1).is_err());
    assert!(frames_of(&v, 0).is_err());
    assert!(frame_at(&v, 0, 0).is_err());
    // No fragments and one frame: an empty frame.
    let v = value(&[], &[]);
    assert_eq!(
        frames_of(&v, 1).unwrap().frames,
        [Vec::<Range<usize>>::new()]
    );
}

#[test]
fn without_bot_more_fragments_than_frames_scans_for_eoi() {
    let f0: &[u8] = &[0xFF, 0xD8, 1, 2];
    let f1: &[u8] = &[3, 4, 0xFF, 0xD9];
    let f2: &[u8] = &[0xFF, 0xD8, 5, 0xFF, 0xD9, 0, 0, 0, 0, 0, 0, 0];
    let f3: &[u8] = &[0xFF, 0xD8, 6, 7];
    let v = value(&[], &[f0, f1, f2]);
    let layout = frames_of(&v, 2).unwrap();
    assert_eq!(contents(&v, &layout), [[f0, f1].concat(), f2.to_vec()]);
    assert_eq!(layout.warning, None);
    assert_eq!(frame_at(&v, 1, 2).unwrap(), (f2.to_vec(), None));
    // Excess frames are yielded; leftovers without a marker come with a warning.
    let v = value(&[], &[f0, f1, f2, f3]);
    let layout = frames_of(&v, 2).unwrap();
    assert_eq!(layout.frames.len(), 3);
    assert_eq!(layout.warning, Some(WARN_NO_FINAL_EOI));
    assert_eq!(
        frame_at(&v, 2, 2).unwrap(),
        (f3.to_vec(), Some(WARN_FRAME_NO_EOI))
    );
    assert!(frame_at(&v, 3, 2).is_err());
    let v = value(&[], &[f0, f1, f3]);
    let layout = frames_of(&v, 2).unwrap();
    assert_eq!(layout.warning, Some(WARN_FEWER_FRAMES_LEFTOVER));
    assert_eq!(layout.frames.len(), 2);
    let v = value(&[], &[f0, f1, f0, f1]);
    let layout = frames_of(&v, 3).unwrap();
    assert_eq!(layout.frames.len(), 2);
    assert_eq!(layout.warning, Some(WARN_FEWER_FRAMES));
    // A marker before the last 10 bytes doesn't count.
    let late: &[u8] = &[0xFF, 0xD9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    let v = value(&[], &[late, late, f1]);
    assert_eq!(frames_of(&v, 2).unwrap().frames.len(), 1);
}

#[test]
fn fewer_fragments_than_frames() {
    let f: &[u8] = &[1, 0xFF, 0xD9, 0];
    let v = value(&[], &[f, f]);
    assert!(frames_of(&v, 3).is_err());
    // get_frame scans for markers instead of failing.
    assert_eq!(frame_at(&v, 1, 3).unwrap().0, f);
    assert!(frame_at(&v, 2, 3).is_err());
}

#[test]
fn extended_offset_table_takes_precedence() {
    let v = value(&[0, 10], &[b"ab", b"cd", b"efgh"]);
    let enc = Encapsulated::parse(&v).unwrap();
    let offsets = [20u64, 0];
    let lengths = [4u64, 2];
    let layout = enc.frames(&v[..], 2, Some((&offsets, &lengths))).unwrap();
    assert_eq!(contents(&v, &layout), [b"efgh".to_vec(), b"ab".to_vec()]);
    let found = enc.frame(&v[..], 0, 2, Some((&offsets, &lengths))).unwrap();
    assert_eq!(found.ranges, [44..48]);
    assert!(enc.frame(&v[..], 2, 2, Some((&offsets, &lengths))).is_err());
    // Out-of-range entries are cut at the end of the data, as pydicom's reads are.
    let layout = enc
        .frames(&v[..], 2, Some((&[20, u64::MAX], &[99, 1])))
        .unwrap();
    assert_eq!(layout.frames, [vec![44..48], vec![48..48]]);
    // Tables of different lengths: ignored with pydicom's warning.
    let layout = enc.frames(&v[..], 2, Some((&[0, 10], &[2]))).unwrap();
    assert_eq!(contents(&v, &layout), [b"ab".to_vec(), b"cdefgh".to_vec()]);
    assert_eq!(layout.warning, Some(WARN_EOT_MISMATCH));
    let found = enc.frame(&v[..], 1, 2, Some((&[0, 10], &[2]))).unwrap();
    assert_eq!(found.warning, Some(WARN_EOT_MISMATCH));
}

#[test]
fn encapsulate_round_trips() {
    let frames: [&[u8]; 3] = [b"abc", b"defg", b"h"];
    let v = encapsulate(&frames, true).unwrap();
    let enc = Encapsulated::parse(&v).unwrap();
    // Items of 4, 4 and 2 bytes after padding.
    assert_eq!(enc.bot, [0, 12, 24]);
    assert_eq!(&v[20..32], b"\xFE\xFF\x00\xE0\x04\x00\x00\x00abc\x00");
    let layout = enc.frames(&v[..], 3, None).unwrap();
    assert_eq!(
        contents(&v, &layout),
        [b"abc\0".to_vec(), b"defg".to_vec(), b"h\0".to_vec()]
    );
    let v = encapsulate(&frames, false).unwrap();
    assert_eq!(&v[..8], b"\xFE\xFF\x00\xE0\x00\x00\x00\x00");
    assert_eq!(frames_of(&v, 3).unwrap().frames.len(), 3);
    assert_eq!(
        encapsulate(&[], true).unwrap(),
        b"\xFE\xFF\x00\xE0\x00\x00\x00\x00"
    );
}

#[test]
fn encapsulate_extended_offsets() {
    let frames: [&[u8]; 3] = [b"abc", b"defg", b"h"];
    let (v, offsets, lengths) = encapsulate_extended(&frames).unwrap();
    assert_eq!(v, encapsulate(&frames, false).unwrap());
    assert_eq!(offsets, [0, 12, 24]);
    assert_eq!(lengths, [4, 4, 2]);
    let enc = Encapsulated::parse(&v).unwrap();
    let layout = enc.frames(&v[..], 3, Some((&offsets, &lengths))).unwrap();
    assert_eq!(layout.frames, [vec![16..20], vec![28..32], vec![40..42]]);
}

#[test]
fn frame_bytes_borrows_single_fragments() {
    let v = value(&[], &[b"ab", b"cd"]);
    assert!(matches!(
        frame_bytes(&v, &[16..18]).unwrap(),
        Cow::Borrowed(b"ab")
    ));
    assert_eq!(&*frame_bytes(&v, &[16..18, 26..28]).unwrap(), b"abcd");
    assert!(frame_bytes(&v, &[16..99]).is_err());
}

#[test]
fn reads_headers_and_frames_from_a_reader() {
    let v = value(&[0, 20], &[b"ab", b"cd", b"ef"]);
    let mut prefixed = b"preamble".to_vec();
    prefixed.extend_from_slice(&v);
    let mut cursor = Cursor::new(prefixed);
    cursor.set_position(8);
    let mut src = ReadSeekSource::new(cursor).unwrap();
    let enc = Encapsulated::read(&mut src).unwrap();
    assert_eq!(enc, Encapsulated::parse(&v).unwrap());
    let frame = enc.frame(&mut src, 0, 2, None).unwrap();
    assert_eq!(read_frame(&mut src, &frame.ranges).unwrap(), b"abcd");
    assert!(read_frame(&mut src, &[0..v.len() + 1]).is_err());
}
