//! 1-bit data (Bits Allocated 1, overlays, segmentation masks): eight pixels to a byte, the
//! first pixel in the least significant bit (PS3.5 8.1.1, 8.2). One thread each way: both run
//! at the speed of memory (benches/RESULTS.md).

use crate::error::{Error, Result};

/// The low bit of every byte of a u64.
const ONES: u64 = 0x0101_0101_0101_0101;
/// Multiplying 0/1 bytes by this sums byte i's bit at bit 56 + i (no carries: each product
/// term lands on a distinct bit).
const GATHER: u64 = 0x0102_0408_1020_4080;

/// Packs `values` (each 0 or 1) into bits in `out` (`values.len().div_ceil(8)` bytes), a
/// final partial byte padded with zero bits.
pub fn pack_into(values: &[u8], out: &mut [u8]) -> Result<()> {
    debug_assert_eq!(out.len(), values.len().div_ceil(8));
    // One thread: with SSE2 this reads at memory speed, and a second thread only waits for a
    // core on a busy machine.
    if pack_chunk(values, out) {
        Ok(())
    } else {
        Err(Error::pixel(
            "Only binary arrays (containing ones or zeroes) can be packed.",
        ))
    }
}

/// Packs `src` into `dst`; false if a value is neither 0 nor 1.
fn pack_chunk(src: &[u8], dst: &mut [u8]) -> bool {
    let (simd_src, simd_dst) = simd_prefix(src, dst);
    if !pack_simd(&src[..simd_src], &mut dst[..simd_dst]) {
        return false;
    }
    let (src, dst) = (&src[simd_src..], &mut dst[simd_dst..]);
    let mut stray = 0u64;
    let mut pack8 = |group: [u8; 8]| {
        let word = u64::from_le_bytes(group);
        stray |= word & !ONES;
        // Gathers the low bit of each byte into the top byte, byte i into bit i.
        (word.wrapping_mul(GATHER) >> 56) as u8
    };
    let groups = src.chunks_exact(8);
    let tail = groups.remainder();
    for (byte, group) in dst.iter_mut().zip(groups) {
        *byte = pack8(group.try_into().expect("chunks of 8"));
    }
    if !tail.is_empty() {
        let mut last = [0u8; 8];
        last[..tail.len()].copy_from_slice(tail);
        dst[dst.len() - 1] = pack8(last);
    }
    stray == 0
}

/// The lengths of the parts of `src` and `dst` that [`pack_simd`] handles (whole blocks of
/// 16 values).
fn simd_prefix(src: &[u8], dst: &[u8]) -> (usize, usize) {
    let blocks = if cfg!(target_arch = "x86_64") {
        (src.len() / 16).min(dst.len() / 2)
    } else {
        0
    };
    (blocks * 16, blocks * 2)
}

/// Packs 16 values per step with SSE2 (part of every x86-64 CPU): each value's low bit is
/// moved to the top of its byte and the sixteen top bits gathered by one `movemask`.
#[cfg(target_arch = "x86_64")]
fn pack_simd(src: &[u8], dst: &mut [u8]) -> bool {
    use std::arch::x86_64::{
        __m128i, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_slli_epi16, _mm_storeu_si128,
    };
    let zeros = [0u8; 16];
    // SAFETY: `zeros` is 16 readable bytes (an unaligned load reads exactly those); SSE2 is in
    // the x86-64 baseline.
    let mut stray = unsafe { _mm_loadu_si128(zeros.as_ptr().cast::<__m128i>()) };
    for (block, out) in src.chunks_exact(16).zip(dst.chunks_exact_mut(2)) {
        // SAFETY: `block` is 16 readable bytes (an unaligned load reads exactly those); SSE2
        // is in the x86-64 baseline.
        let bits = unsafe {
            let v = _mm_loadu_si128(block.as_ptr().cast::<__m128i>());
            stray = _mm_or_si128(stray, v);
            // bit 0 of each byte to bit 7 (a 16-bit shift: a byte's bit 7 then comes from its
            // own bit 0), gathered in order
            _mm_movemask_epi8(_mm_slli_epi16::<7>(v)) as u16
        };
        out.copy_from_slice(&bits.to_le_bytes());
    }
    let mut lanes = [0u8; 16];
    // SAFETY: `lanes` is 16 writable bytes (an unaligned store writes exactly those).
    unsafe { _mm_storeu_si128(lanes.as_mut_ptr().cast::<__m128i>(), stray) };
    lanes.iter().all(|&b| b <= 1)
}

#[cfg(not(target_arch = "x86_64"))]
fn pack_simd(_src: &[u8], _dst: &mut [u8]) -> bool {
    true
}

/// Spreads every bit of `packed` into a byte of 0 or 1: each packed byte becomes one u64
/// whose memory holds the eight output bytes in order (so the words, viewed as bytes, are the
/// unpacked data on any host).
pub fn unpack(packed: &[u8]) -> Vec<u64> {
    let table: [u64; 256] = std::array::from_fn(|byte| {
        u64::from_ne_bytes(std::array::from_fn(|bit| (byte >> bit) as u8 & 1))
    });
    // One thread: this is bound by memory bandwidth, and waking a pool costs more than it gains.
    packed
        .iter()
        .map(|&byte| table[usize::from(byte)])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(values: &[u8]) -> Result<Vec<u8>> {
        let mut out = vec![0u8; values.len().div_ceil(8)];
        pack_into(values, &mut out)?;
        Ok(out)
    }

    #[test]
    fn round_trips_and_pads_the_last_byte() {
        let values = [1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0];
        let packed = pack(&values).unwrap();
        assert_eq!(packed, vec![0b1000_0001, 0b0000_0011]);
        let bytes: Vec<u8> = unpack(&packed)
            .iter()
            .flat_map(|w| w.to_ne_bytes())
            .collect();
        assert_eq!(&bytes[..values.len()], &values);
        assert_eq!(bytes[values.len()..], [0; 5]);
    }

    #[test]
    fn simd_blocks_and_scalar_tails_agree() {
        // lengths around the 16-value blocks and the chunk boundary, bits in every position
        for len in [15, 16, 17, 31, 33, 1000, (1 << 19) + 21] {
            let values: Vec<u8> = (0..len).map(|i| ((i * 7 + i / 3) % 5 == 0) as u8).collect();
            let packed = pack(&values).unwrap();
            let expected: Vec<u8> = values
                .chunks(8)
                .map(|g| g.iter().enumerate().fold(0, |b, (i, &v)| b | v << i))
                .collect();
            assert_eq!(packed, expected, "{len} values");
            let mut bad = values.clone();
            bad[len - 1] = 2;
            assert!(pack(&bad).is_err(), "{len} values, the last 2");
            bad[len - 1] = 0;
            bad[len / 2] = 0x81;
            assert!(pack(&bad).is_err(), "{len} values, 0x81 inside");
        }
    }

    #[test]
    fn rejects_values_other_than_zero_and_one() {
        assert!(matches!(pack(&[0, 2, 1]), Err(Error::Pixel(_))));
        assert_eq!(pack(&[]).unwrap(), Vec::<u8>::new());
    }
}
