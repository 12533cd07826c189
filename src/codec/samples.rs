//! Sample-level steps pydicom applies to a decoded frame before handing out `pixel_array`.

use super::FrameSpec;

/// pydicom's `_correct_unused_bits`: when Bits Stored < Bits Allocated, shifts every item left
/// and back right by the unused bits in the item's own (signed or unsigned) type, i.e. masks
/// unsigned data to Bits Stored and sign-extends signed data from bit Bits Stored - 1.
/// `items` holds little-endian items of `spec.bits_allocated / 8` bytes.
pub(crate) fn correct_unused_bits(items: &mut [u8], spec: &FrameSpec) {
    let shift = u32::from(spec.bits_allocated.saturating_sub(spec.bits_stored));
    if shift == 0 {
        return;
    }
    match spec.bits_allocated {
        8 => items.iter_mut().for_each(|b| {
            *b = if spec.signed {
                (((*b as i8) << shift) >> shift) as u8
            } else {
                (*b << shift) >> shift
            }
        }),
        16 => items.chunks_exact_mut(2).for_each(|c| {
            let v = u16::from_le_bytes([c[0], c[1]]);
            let v = if spec.signed {
                (((v as i16) << shift) >> shift) as u16
            } else {
                (v << shift) >> shift
            };
            c.copy_from_slice(&v.to_le_bytes());
        }),
        32 => items.chunks_exact_mut(4).for_each(|c| {
            let v = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
            let v = if spec.signed {
                (((v as i32) << shift) >> shift) as u32
            } else {
                (v << shift) >> shift
            };
            c.copy_from_slice(&v.to_le_bytes());
        }),
        _ => {}
    }
}

/// pydicom reshapes a decoded frame by the data set's Planar Configuration even when the
/// decoder returned it interleaved (all JPEG decoders do): with Planar Configuration 1 the
/// interleaved buffer is read as colour-by-plane. This reproduces that reading, so that
/// sample `c` of pixel `i` becomes item `c * pixels + i` of the decoded buffer.
pub(crate) fn read_interleaved_as_planar(items: &mut [u8], spp: usize, item_size: usize) {
    let plane = items.len() / (spp * item_size);
    let decoded = items.to_vec();
    for (i, px) in items.chunks_exact_mut(spp * item_size).enumerate() {
        for (c, item) in px.chunks_exact_mut(item_size).enumerate() {
            let at = (c * plane + i) * item_size;
            item.copy_from_slice(&decoded[at..at + item_size]);
        }
    }
}

/// Widens 8-bit samples into little-endian 16-bit items (`out.len() == 2 * src.len()`).
pub(crate) fn widen_u8(src: &[u8], out: &mut [u8]) {
    for (o, s) in out.chunks_exact_mut(2).zip(src) {
        o.copy_from_slice(&u16::from(*s).to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(ba: u16, bs: u16, signed: bool) -> FrameSpec {
        FrameSpec {
            rows: 1,
            cols: 2,
            samples_per_pixel: 1,
            bits_allocated: ba,
            bits_stored: bs,
            signed,
            photometric: "MONOCHROME2".into(),
            planar_configuration: 0,
        }
    }

    #[test]
    fn unused_bits() {
        let mut b = [0xFFu8, 0x12];
        correct_unused_bits(&mut b, &spec(8, 4, false));
        assert_eq!(b, [0x0F, 0x02]);
        let mut b = [0x0Fu8, 0x07];
        correct_unused_bits(&mut b, &spec(8, 4, true));
        assert_eq!(b, [0xFF, 0x07]);
        // 12 bits stored in 16: 0xF800 -> 0x0800 unsigned, 0x0800 -> -2048 signed.
        let mut b = [0x00u8, 0xF8, 0x00, 0x08];
        correct_unused_bits(&mut b, &spec(16, 12, false));
        assert_eq!(b, [0x00, 0x08, 0x00, 0x08]);
        correct_unused_bits(&mut b, &spec(16, 12, true));
        assert_eq!(b, [0x00, 0xF8, 0x00, 0xF8]);
        let mut b = [0xFFu8, 0xFF];
        correct_unused_bits(&mut b, &spec(16, 16, false));
        assert_eq!(b, [0xFF, 0xFF]);
    }

    #[test]
    fn planar_reading() {
        // Two pixels, decoded interleaved as R0 G0 B0 R1 G1 B1.
        let mut b = [1u8, 2, 3, 4, 5, 6];
        read_interleaved_as_planar(&mut b, 3, 1);
        assert_eq!(b, [1, 3, 5, 2, 4, 6]);
        let mut w = [1u8, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0];
        read_interleaved_as_planar(&mut w, 3, 2);
        assert_eq!(w, [1, 0, 3, 0, 5, 0, 2, 0, 4, 0, 6, 0]);
    }

    #[test]
    fn widen() {
        let mut out = [0u8; 4];
        widen_u8(&[0x12, 0xFF], &mut out);
        assert_eq!(out, [0x12, 0, 0xFF, 0]);
    }
}
