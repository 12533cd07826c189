use super::*;

fn info(rows: usize, columns: usize, samples_per_pixel: usize, bits_allocated: usize) -> FrameInfo {
    FrameInfo {
        rows,
        columns,
        samples_per_pixel,
        bits_allocated,
    }
}

/// An RLE frame from a header count, offsets and the bytes after the header.
fn frame(count: u32, offsets: &[u32], body: &[u8]) -> Vec<u8> {
    let mut out = count.to_le_bytes().to_vec();
    for i in 0..15 {
        out.extend_from_slice(&offsets.get(i).copied().unwrap_or(0).to_le_bytes());
    }
    out.extend_from_slice(body);
    out
}

fn decode(src: &[u8], info: &FrameInfo) -> Result<(Vec<u8>, Decoded)> {
    let mut out = vec![0u8; info.decoded_len()?];
    let decoded = decode_frame(src, info, &mut out)?;
    Ok((out, decoded))
}

/// Deterministic test data with runs of all lengths and literal stretches.
fn pattern(len: usize, seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let value = (state >> 8) as u8;
        let run = match state % 4 {
            0 => 1,
            1 => (state >> 16) as usize % 3 + 1,
            2 => (state >> 16) as usize % 300 + 1,
            _ => (state >> 16) as usize % 5,
        };
        out.extend(std::iter::repeat_n(value, run.min(len - out.len())));
    }
    out
}

#[test]
fn decodes_16_bit_msb_first_segments_to_little_endian() {
    // MSB segment: literal 1 2 3 4; LSB segment: literal 5 6 7 8.
    let src = frame(2, &[64, 69], &[3, 1, 2, 3, 4, 3, 5, 6, 7, 8]);
    let (out, decoded) = decode(&src, &info(2, 2, 1, 16)).unwrap();
    assert_eq!(out, [5, 1, 6, 2, 7, 3, 8, 4]);
    assert!(!decoded.excess_data);
}

#[test]
fn decodes_rgb_planes_to_interleaved_pixels() {
    // R = 10 10, G = 20 21, B = replicate 30.
    let src = frame(3, &[64, 66, 69], &[255, 10, 1, 20, 21, 255, 30]);
    let (out, _) = decode(&src, &info(1, 2, 3, 8)).unwrap();
    assert_eq!(out, [10, 20, 30, 10, 21, 30]);
}

#[test]
fn decodes_bits_allocated_1_as_one_byte_per_pixel() {
    let src = frame(1, &[64], &[3, 1, 0, 1, 1]);
    let (out, _) = decode(&src, &info(2, 2, 1, 1)).unwrap();
    assert_eq!(out, [1, 0, 1, 1]);
}

#[test]
fn noop_header_is_skipped() {
    let src = frame(1, &[64], &[1, 1, 2, 128, 1, 3, 4]);
    assert_eq!(decode(&src, &info(2, 2, 1, 8)).unwrap().0, [1, 2, 3, 4]);
}

#[test]
fn round_trips_every_layout() {
    for &(rows, columns) in &[(1, 1), (3, 5), (64, 64), (97, 211), (300, 301)] {
        for &spp in &[1, 3] {
            for &bits in &[8, 16, 32, 40, 64] {
                let info = info(rows, columns, spp, bits);
                if info.segments().is_err() {
                    continue;
                }
                let data = pattern(info.decoded_len().unwrap(), (rows * columns + bits) as u32);
                let encoded = encode_frame(&data, &info).unwrap();
                let (decoded, report) = decode(&encoded, &info).unwrap();
                assert!(decoded == data, "{rows}x{columns} spp {spp} bits {bits}");
                assert!(!report.excess_data);
            }
        }
    }
}

#[test]
fn runs_crossing_chunk_boundaries_resume() {
    // One run per segment spanning several chunks, then literals across a boundary.
    let info = info(1, 3 * CHUNK + 77, 1, 16);
    let mut data = vec![0u8; info.decoded_len().unwrap()];
    for (i, px) in data.chunks_exact_mut(2).enumerate() {
        let value = if i < CHUNK + 500 {
            0x1234
        } else {
            (i * 7919) as u16
        };
        px.copy_from_slice(&value.to_le_bytes());
    }
    let encoded = encode_frame(&data, &info).unwrap();
    assert_eq!(decode(&encoded, &info).unwrap().0, data);
}

#[test]
fn encoder_matches_pydicom_rows() {
    // Expected bytes from pydicom.pixels.encoders.native._encode_row.
    let cases: &[(&[u8], &[u8])] = &[
        (&[1, 2, 3, 3, 3, 4], &[1, 1, 2, 254, 3, 0, 4]),
        (&[5, 5], &[255, 5]),
        (&[9], &[0, 9]),
        (&[1, 2, 2, 3, 3, 3, 4], &[0, 1, 255, 2, 254, 3, 0, 4]),
    ];
    for (row, expected) in cases {
        let mut out = Vec::new();
        encode_row(row, &mut out);
        assert_eq!(&out, expected, "{row:?}");
    }
    let mut out = Vec::new();
    encode_row(&[7; 130], &mut out);
    assert_eq!(out, [129, 7, 255, 7]);
    out.clear();
    let mut row = vec![7; 129];
    row.extend([1, 2]);
    encode_row(&row, &mut out);
    assert_eq!(out, [129, 7, 0, 7, 1, 1, 2]);
    out.clear();
    let row: Vec<u8> = (0..130).collect();
    encode_row(&row, &mut out);
    assert_eq!(out.len(), 132);
    assert_eq!(&out[..2], [127, 0]);
    assert_eq!(&out[129..], [1, 128, 129]);
}

#[test]
fn encoder_header_and_padding() {
    // 16-bit 1x3: MSB plane 0 0 0 (replicate, 2 bytes), LSB plane 1 2 3 (literal, 4 bytes).
    let data = [1, 0, 2, 0, 3, 0];
    let encoded = encode_frame(&data, &info(1, 3, 1, 16)).unwrap();
    assert_eq!(encoded, frame(2, &[64, 66], &[254, 0, 2, 1, 2, 3]));
    // Only an odd-length segment gets the 0x00 pad.
    let encoded = encode_frame(&[1, 2, 3], &info(1, 3, 1, 8)).unwrap();
    assert_eq!(encoded, frame(1, &[64], &[2, 1, 2, 3]));
    let encoded = encode_frame(&[1, 2, 2], &info(1, 3, 1, 8)).unwrap();
    assert_eq!(encoded, frame(1, &[64], &[0, 1, 255, 2]));
    let encoded = encode_frame(&[1, 2, 3, 3, 3, 4], &info(1, 6, 1, 8)).unwrap();
    assert_eq!(encoded, frame(1, &[64], &[1, 1, 2, 254, 3, 0, 4, 0]));
}

#[test]
fn encoder_rejects_bad_input() {
    assert!(encode_frame(&[0; 5], &info(2, 2, 1, 8)).is_err());
    assert!(encode_frame(&[], &info(0, 2, 1, 8)).is_err());
    assert!(encode_frame(&[0; 64], &info(2, 2, 1, 128)).is_err());
    assert!(encode_frame(&[0; 12], &info(2, 2, 3, 12)).is_err());
}

#[test]
fn surplus_segment_data_is_dropped_and_reported() {
    let src = frame(1, &[64], &[4, 1, 2, 3, 4, 5]);
    let (out, decoded) = decode(&src, &info(2, 2, 1, 8)).unwrap();
    assert_eq!(out, [1, 2, 3, 4]);
    assert!(decoded.excess_data);
    // A trailing pad byte (0x00 header without data) is not surplus.
    let src = frame(1, &[64], &[3, 1, 2, 3, 4, 0]);
    assert!(!decode(&src, &info(2, 2, 1, 8)).unwrap().1.excess_data);
    // Surplus in a multi-segment frame whose run outlasts the image.
    let src = frame(2, &[64, 66], &[254, 9, 254, 8]);
    let (out, decoded) = decode(&src, &info(1, 3, 1, 16)).unwrap();
    assert_eq!(out, [8, 9, 8, 9, 8, 9]);
    assert!(!decoded.excess_data);
    let (out, decoded) = decode(&src, &info(1, 2, 1, 16)).unwrap();
    assert_eq!(out, [8, 9, 8, 9]);
    assert!(decoded.excess_data);
}

#[test]
fn truncated_final_run_gives_the_bytes_it_has() {
    // Literal of 6 with only 2 bytes left: pydicom's decoder takes 1 2 3 4 9 9.
    let src = frame(1, &[64], &[3, 1, 2, 3, 4, 5, 9, 9]);
    let (out, decoded) = decode(&src, &info(2, 2, 1, 8)).unwrap();
    assert_eq!(out, [1, 2, 3, 4]);
    assert!(decoded.excess_data);
    let src = frame(1, &[64], &[5, 1, 2, 3, 4]);
    assert_eq!(decode(&src, &info(2, 2, 1, 8)).unwrap().0, [1, 2, 3, 4]);
    // Replicate header without its value byte produces nothing.
    let src = frame(1, &[64], &[3, 1, 2, 3, 4, 250]);
    let (_, decoded) = decode(&src, &info(2, 2, 1, 8)).unwrap();
    assert!(!decoded.excess_data);
}

#[test]
fn short_segments_are_errors() {
    let src = frame(1, &[64], &[2, 1, 2, 3]);
    let err = decode(&src, &info(2, 2, 1, 8)).unwrap_err().to_string();
    assert!(err.contains("ended after 3 decoded bytes"), "{err}");
    // Second plane short in a chunked frame.
    let src = frame(2, &[64, 66], &[253, 9, 254, 8]);
    assert!(decode(&src, &info(1, 4, 1, 16)).is_err());
    let src = frame(1, &[64], &[]);
    assert!(decode(&src, &info(2, 2, 1, 8)).is_err());
}

#[test]
fn malformed_headers_are_errors() {
    let info8 = info(2, 2, 1, 8);
    let body = [3, 1, 2, 3, 4];
    // Shorter than the header.
    assert!(decode(&[1, 0, 0, 0, 64, 0, 0, 0], &info8).is_err());
    assert!(decode(&[], &info8).is_err());
    // Segment counts 0, 16 and a mismatch with the image.
    for count in [0, 16, 2, 0xFFFF_FFF0] {
        let err = decode(&frame(count, &[64, 66], &body), &info8).unwrap_err();
        assert!(matches!(err, Error::Pixel(_)), "{count}");
    }
    // Offsets inside the header, past the end, decreasing, equal, huge.
    for offsets in [
        [0u32, 66],
        [60, 66],
        [64, 200],
        [66, 64],
        [64, 64],
        [64, 0xFFFF_FFF0],
    ] {
        let src = frame(2, &offsets, &[3, 1, 2, 3, 4, 0]);
        assert!(decode(&src, &info(2, 2, 1, 16)).is_err(), "{offsets:?}");
    }
    assert!(decode(&frame(1, &[0xFFFF_FFF0], &body), &info8).is_err());
    assert!(decode(&frame(1, &[69], &body), &info8).is_err());
}

#[test]
fn bad_parameters_are_errors() {
    let src = frame(1, &[64], &[3, 1, 2, 3, 4]);
    let mut out = [0u8; 3];
    assert!(decode_frame(&src, &info(2, 2, 1, 8), &mut out).is_err());
    for bad in [
        info(2, 2, 1, 12),
        info(2, 2, 0, 8),
        info(2, 2, 4, 32),
        info(2, 2, 1, 0),
    ] {
        let mut out = [0u8; 64];
        assert!(decode_frame(&src, &bad, &mut out).is_err(), "{bad:?}");
    }
    assert!(info(usize::MAX, 2, 1, 8).decoded_len().is_err());
}

#[test]
fn garbage_never_panics() {
    let info = info(7, 9, 3, 16);
    let mut out = vec![0u8; info.decoded_len().unwrap()];
    for seed in 0..2000u32 {
        let mut src = frame(6, &[64, 80, 100, 130, 150, 170], &[]);
        src.extend(pattern(40 + (seed as usize % 200), seed));
        let _ = decode_frame(&src, &info, &mut out);
        src.truncate(64 + seed as usize % 120);
        let _ = decode_frame(&src, &info, &mut out);
    }
}

/// pydicom's `_rle_decode_segment`, byte at a time.
fn reference_segment(src: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < src.len() {
        let header = src[pos] as usize;
        pos += 1;
        if header < 128 {
            out.extend(&src[pos..(pos + header + 1).min(src.len())]);
            pos += header + 1;
        } else if header > 128 {
            if let Some(&value) = src.get(pos) {
                out.extend(std::iter::repeat_n(value, 257 - header));
            }
            pos += 1;
        }
    }
    out
}

#[test]
fn arbitrary_segments_decode_like_pydicom() {
    // Random bytes are valid PackBits; compare both decode paths with the reference
    // over images of various sizes, including a chunked two-segment layout.
    for seed in 0..400u32 {
        let segment = pattern(50 + (seed as usize * 37) % 3000, seed);
        let reference = reference_segment(&segment);
        for pixels in [reference.len() / 2, reference.len(), reference.len() + 1] {
            if pixels == 0 {
                continue;
            }
            let mono = info(1, pixels, 1, 8);
            let src = frame(1, &[64], &segment);
            match decode(&src, &mono) {
                Ok((out, report)) => {
                    assert_eq!(out, reference[..pixels], "seed {seed}");
                    assert_eq!(report.excess_data, reference.len() > pixels, "seed {seed}");
                }
                Err(_) => assert!(reference.len() < pixels, "seed {seed}"),
            }
            let mut body = segment.clone();
            body.extend(&segment);
            let src = frame(2, &[64, 64 + segment.len() as u32], &body);
            match decode(&src, &info(1, pixels, 1, 16)) {
                Ok((out, _)) => {
                    let expected: Vec<u8> =
                        reference[..pixels].iter().flat_map(|&b| [b, b]).collect();
                    assert_eq!(out, expected, "seed {seed}");
                }
                Err(_) => assert!(reference.len() < pixels, "seed {seed}"),
            }
        }
    }
}
