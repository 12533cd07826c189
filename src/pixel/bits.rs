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
            for (byte, group) in dst.iter_mut().zip(src.chunks(8)) {
                let mut word = [0u8; 8];
                word[..group.len()].copy_from_slice(group);
                let word = u64::from_le_bytes(word);
                stray |= word & !ONES;
                // Gathers the low bit of each byte into the top byte, byte i into bit i.
                *byte = (word.wrapping_mul(GATHER) >> 56) as u8;
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

/// Spreads every bit of `packed` into a byte of 0 or 1.
pub fn unpack(packed: &[u8]) -> Vec<u8> {
    // Each byte's eight output bytes as one little-endian u64.
    let table: [u64; 256] = std::array::from_fn(|byte| {
        (0..8).fold(0u64, |acc, bit| {
            acc | (((byte as u64 >> bit) & 1) << (8 * bit))
        })
    });
    let len = packed.len() * 8;
    let mut out = Vec::with_capacity(len);
    out.spare_capacity_mut()[..len]
        .par_chunks_mut(CHUNK * 8)
        .zip(packed.par_chunks(CHUNK))
        .for_each(|(dst, src)| {
            for (group, &byte) in dst.chunks_exact_mut(8).zip(src) {
                for (slot, value) in group.iter_mut().zip(table[usize::from(byte)].to_le_bytes()) {
                    slot.write(value);
                }
            }
        });
    // SAFETY: the loop above wrote all `len` bytes: `dst` and `src` are zipped chunks of
    // CHUNK * 8 and CHUNK, so every output byte i is written from input byte i / 8.
    unsafe { out.set_len(len) };
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_pads_the_last_byte() {
        let values = [1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0];
        let packed = pack(&values).unwrap();
        assert_eq!(packed, vec![0b1000_0001, 0b0000_0011]);
        assert_eq!(&unpack(&packed)[..values.len()], &values);
        assert_eq!(unpack(&packed)[values.len()..], [0; 5]);
    }

    #[test]
    fn rejects_values_other_than_zero_and_one() {
        assert!(matches!(pack(&[0, 2, 1]), Err(Error::Pixel(_))));
        assert_eq!(pack(&[]).unwrap(), Vec::<u8>::new());
    }
}
