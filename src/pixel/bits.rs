//! 1-bit data (Bits Allocated 1, overlays, segmentation masks): eight pixels to a byte, the
//! first pixel in the least significant bit (PS3.5 8.1.1, 8.2). Large inputs are split across
//! threads; each output byte depends on exactly one 8-byte group of the input.

use rayon::prelude::*;

use crate::error::{Error, Result};

/// Bytes of packed output handled by one task.
const CHUNK: usize = 1 << 16;
/// The low bit of every byte of a u64.
const ONES: u64 = 0x0101_0101_0101_0101;
/// Multiplying 0/1 bytes by this sums byte i's bit at bit 56 + i (no carries: each product
/// term lands on a distinct bit).
const GATHER: u64 = 0x0102_0408_1020_4080;

/// Packs `values` (each 0 or 1) into bits, a final partial byte padded with zero bits.
pub fn pack(values: &[u8]) -> Result<Vec<u8>> {
    let mut out = vec![0u8; values.len().div_ceil(8)];
    let ok = out
        .par_chunks_mut(CHUNK)
        .zip(values.par_chunks(CHUNK * 8))
        .all(|(dst, src)| {
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
        });
    if ok {
        Ok(out)
    } else {
        Err(Error::pixel(
            "Only binary arrays (containing ones or zeroes) can be packed.",
        ))
    }
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
    fn rejects_values_other_than_zero_and_one() {
        assert!(matches!(pack(&[0, 2, 1]), Err(Error::Pixel(_))));
        assert_eq!(pack(&[]).unwrap(), Vec::<u8>::new());
    }
}
