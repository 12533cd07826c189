//! Test frames for the codec round-trip and robustness tests.

use super::samples::{read_le, SampleMap};
use super::FrameSpec;

#[allow(clippy::too_many_arguments)] // one argument per FrameSpec field
pub(crate) fn spec(
    rows: u32,
    cols: u32,
    spp: u16,
    ba: u16,
    bs: u16,
    signed: bool,
    pi: &str,
    pc: u16,
) -> FrameSpec {
    FrameSpec {
        rows,
        cols,
        samples_per_pixel: spp,
        bits_allocated: ba,
        bits_stored: bs,
        signed,
        photometric: pi.into(),
        planar_configuration: pc,
    }
}

/// Sample values (pixel-major, then sample) of a smooth image with noise that spans the whole
/// Bits Stored range, including both extremes.
pub(crate) fn values(spec: &FrameSpec) -> Vec<i64> {
    let bits = u32::from(spec.bits_stored);
    let (lo, hi) = if spec.signed {
        (-(1i64 << (bits - 1)), (1i64 << (bits - 1)) - 1)
    } else {
        (0, (1i64 << bits) - 1)
    };
    let spp = usize::from(spec.samples_per_pixel);
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut out = Vec::new();
    for y in 0..spec.rows as i64 {
        for x in 0..spec.cols as i64 {
            for s in 0..spp as i64 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let noise = (state % 7) as i64 - 3;
                let ramp = lo + (hi - lo) * ((x * 5 + y * 3 + s * 17) % 64) / 63;
                out.push((ramp + noise).clamp(lo, hi));
            }
        }
    }
    out[0] = lo;
    *out.last_mut().expect("non-empty frame") = hi;
    out
}

/// `values` as native pixel data: Bits Allocated little-endian containers, colour-by-plane
/// when the spec's Planar Configuration is 1.
pub(crate) fn native(spec: &FrameSpec, values: &[i64]) -> Vec<u8> {
    let item = usize::from(spec.bits_allocated / 8);
    let spp = usize::from(spec.samples_per_pixel);
    let n = values.len() / spp;
    let mut out = vec![0u8; values.len() * item];
    for (i, v) in values.iter().enumerate() {
        let (px, s) = (i / spp, i % spp);
        let idx = if spec.planar_configuration == 1 {
            s * n + px
        } else {
            i
        };
        out[idx * item..(idx + 1) * item].copy_from_slice(&v.to_le_bytes()[..item]);
    }
    out
}

/// Reads a decoded `pixel_array` frame back as values.
pub(crate) fn decoded(spec: &FrameSpec, out: &[u8]) -> Vec<i64> {
    let item = usize::from(spec.bits_allocated / 8);
    let map = SampleMap::new(u32::from(spec.bits_allocated), spec.signed);
    (0..out.len() / item)
        .map(|i| map.apply(read_le(out, item, i)))
        .collect()
}

pub(crate) fn max_abs_diff(a: &[i64], b: &[i64]) -> i64 {
    assert_eq!(a.len(), b.len());
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .max()
        .unwrap_or(0)
}

/// Calls `decode` on every truncation of `codestream` and on copies with single bytes
/// flipped, checking that each returns (Ok or Err) without panicking; returns how many
/// truncations were rejected.
pub(crate) fn corrupt_variants(codestream: &[u8], mut decode: impl FnMut(&[u8]) -> bool) -> usize {
    let mut rejected = 0;
    let step = (codestream.len() / 200).max(1);
    for len in (0..codestream.len()).step_by(step) {
        if !decode(&codestream[..len]) {
            rejected += 1;
        }
    }
    let mut copy = codestream.to_vec();
    for i in 0..codestream.len() {
        for flip in [0xFFu8, 0x01, 0x80] {
            copy[i] ^= flip;
            decode(&copy);
            copy[i] ^= flip;
        }
    }
    rejected
}
