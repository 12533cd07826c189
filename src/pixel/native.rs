//! Native (uncompressed) pixel data (PS3.5 8.1.1).

use crate::error::{Error, Result};

/// Whether any sample has bits set above `bits_stored` (unsigned data; PS3.5 8.1.1 says such
/// bits are not part of the value). pydicom masks them off; when none are set, the stored bytes
/// already are the array and can be used without a copy.
pub fn has_unused_bits_set(
    data: &[u8],
    bits_allocated: u16,
    bits_stored: u16,
    little: bool,
) -> bool {
    if bits_stored >= bits_allocated || bits_stored == 0 {
        return false;
    }
    // The mask of one sample as it is stored, repeated over a u64 (samples never straddle one).
    let sample_bytes = match bits_allocated {
        8 | 16 | 32 => bits_allocated as usize / 8,
        _ => return true,
    };
    let unused = u64::MAX << bits_stored;
    let mut pattern = [0u8; 8];
    for (i, b) in pattern.iter_mut().enumerate() {
        let k = i % sample_bytes;
        let byte_of_value = if little { k } else { sample_bytes - 1 - k };
        *b = (unused >> (8 * byte_of_value)) as u8;
    }
    let mask = u64::from_ne_bytes(pattern);
    // Large arrays are scanned on all cores; blocks are whole samples (a multiple of 8 bytes).
    const PAR_BLOCK: usize = 1 << 20;
    if data.len() > 2 * PAR_BLOCK {
        use rayon::prelude::*;
        return data
            .par_chunks(PAR_BLOCK)
            .any(|block| any_masked(block, mask));
    }
    any_masked(data, mask)
}

/// `out[k] = value[(start + k) ^ 1]`: bytes `start..start + out.len()` of a big endian OW
/// value read as 8-bit samples (PS3.5 8.1.1: OW words are byte-swapped, so each byte pair is
/// reversed). `value`'s odd last byte (padding) is not part of any word.
pub fn swap_byte_pairs(value: &[u8], start: usize, out: &mut [u8]) -> Result<()> {
    let words = &value[..value.len() & !1];
    let end = start.checked_add(out.len()).filter(|&e| e <= words.len());
    if end.is_none() {
        return Err(Error::pixel(format!(
            "the pixel data holds {} bytes, {} are needed",
            words.len(),
            start.saturating_add(out.len())
        )));
    }
    let (head, rest) = if start % 2 == 1 && !out.is_empty() {
        out[0] = words[start - 1];
        out.split_at_mut(1)
    } else {
        out.split_at_mut(0)
    };
    let from = start + head.len();
    let pairs = rest.len() / 2;
    for (o, w) in rest
        .chunks_exact_mut(2)
        .zip(words[from..from + 2 * pairs].chunks_exact(2))
    {
        o[0] = w[1];
        o[1] = w[0];
    }
    if rest.len() % 2 == 1 {
        rest[rest.len() - 1] = words[from + 2 * pairs + 1];
    }
    Ok(())
}

fn any_masked(data: &[u8], mask: u64) -> bool {
    // OR words in blocks so the loop vectorises, stopping at the first block with a hit.
    for block in data.chunks(1 << 16) {
        let words = block.chunks_exact(8);
        let mut tail = [0u8; 8];
        tail[..words.remainder().len()].copy_from_slice(words.remainder());
        let acc = words.fold(u64::from_ne_bytes(tail), |acc, w| {
            acc | u64::from_ne_bytes(w.try_into().expect("8-byte chunk"))
        });
        if acc & mask != 0 {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn le(v: &[u16]) -> Vec<u8> {
        v.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    #[test]
    fn byte_pairs_are_swapped_from_any_start() {
        let value: Vec<u8> = (0..11).collect();
        let swapped: Vec<u8> = (0..10u8).map(|i| i ^ 1).collect();
        for start in 0..10 {
            for len in 0..=10 - start {
                let mut out = vec![0xEE; len];
                swap_byte_pairs(&value, start, &mut out).unwrap();
                assert_eq!(out, &swapped[start..start + len], "{start} {len}");
            }
        }
        assert!(swap_byte_pairs(&value, 9, &mut [0; 2]).is_err());
        assert!(swap_byte_pairs(&value, usize::MAX, &mut [0; 2]).is_err());
    }

    #[test]
    fn detects_bits_above_bits_stored() {
        assert!(!has_unused_bits_set(
            &le(&[0x0FFF, 0x0123, 1, 2, 3]),
            16,
            12,
            true
        ));
        let dirty = le(&[0x0FFF, 0x0123, 1, 2, 0x1000]);
        assert!(has_unused_bits_set(&dirty, 16, 12, true));
        let dirty_be: Vec<u8> = [0x0FFFu16, 0x1000]
            .iter()
            .flat_map(|v| v.to_be_bytes())
            .collect();
        assert!(has_unused_bits_set(&dirty_be, 16, 12, false));
        let clean_be: Vec<u8> = [0x0FFFu16, 0x0800]
            .iter()
            .flat_map(|v| v.to_be_bytes())
            .collect();
        assert!(!has_unused_bits_set(&clean_be, 16, 12, false));
        assert!(!has_unused_bits_set(&dirty, 16, 16, true));
        assert!(has_unused_bits_set(
            &[0, 0, 0, 0, 0, 0, 0, 0, 0x80],
            8,
            7,
            true
        ));
        assert!(!has_unused_bits_set(&[0x7F; 9], 8, 7, true));
        let big: Vec<u8> = (0..100_000u32)
            .flat_map(|v| (v & 0xFFFFF).to_le_bytes())
            .collect();
        assert!(!has_unused_bits_set(&big, 32, 20, true));
        assert!(has_unused_bits_set(&big, 32, 16, true));
    }
}
