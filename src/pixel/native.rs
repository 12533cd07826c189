//! Native (uncompressed) pixel data (PS3.5 8.1.1).

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
