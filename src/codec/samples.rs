//! Moving decoded samples into the `pixel_array` layout: interleaved, little-endian items of
//! Bits Allocated / 8 bytes, with the sign handling and unused-bit correction pydicom applies.

use super::FrameSpec;

/// How a decoded sample becomes an output value: its low `width` bits, sign-extended for a
/// signed output (Pixel Representation 1), zero-extended otherwise.
///
/// This is the composition of what pydicom does to a decoded frame: the plugin's container cast
/// (`width` = 8/16/32), numpy's widening into the Bits Allocated dtype and, where pydicom applies
/// its sign correction, the left/right shift by Bits Allocated − precision (`width` = precision).
#[derive(Clone, Copy, Debug)]
pub(crate) struct SampleMap {
    shift: u32,
    signed: bool,
}

impl SampleMap {
    /// `width` is clamped to 1..=64.
    pub(crate) fn new(width: u32, signed: bool) -> Self {
        SampleMap {
            shift: 64 - width.clamp(1, 64),
            signed,
        }
    }

    #[inline(always)]
    pub(crate) fn apply(self, v: i64) -> i64 {
        if self.signed {
            (v << self.shift) >> self.shift
        } else {
            (((v as u64) << self.shift) >> self.shift) as i64
        }
    }

    /// True when the map leaves every `bits`-bit two's-complement/unsigned item unchanged.
    pub(crate) fn is_identity_for(self, bits: u32) -> bool {
        self.shift == 64 - bits
    }
}

/// Fills `out` (whole pixels of `spp` samples of `item` bytes) with `map(get(sample, pixel))`.
/// `item` must be 1, 2 or 4.
pub(crate) fn fill(
    out: &mut [u8],
    item: usize,
    spp: usize,
    map: SampleMap,
    get: impl Fn(usize, usize) -> i64,
) {
    match item {
        1 => fill_n::<1>(out, spp, map, get),
        2 => fill_n::<2>(out, spp, map, get),
        _ => fill_n::<4>(out, spp, map, get),
    }
}

fn fill_n<const N: usize>(
    out: &mut [u8],
    spp: usize,
    map: SampleMap,
    get: impl Fn(usize, usize) -> i64,
) {
    for (i, px) in out.chunks_exact_mut(N * spp).enumerate() {
        for (k, dst) in px.chunks_exact_mut(N).enumerate() {
            let v = map.apply(get(k, i)) as u64;
            dst.copy_from_slice(&v.to_le_bytes()[..N]);
        }
    }
}

/// `fill` from one plane of 32-bit samples (OpenJPEG's output for grey data): one pass in
/// 32-bit arithmetic, which the compiler vectorises (the general `fill` takes ~1 ns a sample).
pub(crate) fn fill_from_plane(out: &mut [u8], item: usize, plane: &[i32], map: SampleMap) {
    if map.shift < 32 {
        // wider than 32 bits: the general path
        return fill(out, item, 1, map, |_, i| i64::from(plane[i]));
    }
    // The low 32 bits of `apply`'s result, which is all `item` (at most 4 bytes) keeps.
    let shift = map.shift - 32;
    let apply = |v: i32| -> u32 {
        if map.signed {
            ((v << shift) >> shift) as u32
        } else {
            ((v as u32) << shift) >> shift
        }
    };
    match item {
        1 => out
            .iter_mut()
            .zip(plane)
            .for_each(|(d, &v)| *d = apply(v) as u8),
        2 => out
            .chunks_exact_mut(2)
            .zip(plane)
            .for_each(|(d, &v)| d.copy_from_slice(&(apply(v) as u16).to_le_bytes())),
        _ => out
            .chunks_exact_mut(4)
            .zip(plane)
            .for_each(|(d, &v)| d.copy_from_slice(&apply(v).to_le_bytes())),
    }
}

/// Reads the unsigned little-endian sample `index` of `item` bytes from `buf`.
#[inline(always)]
pub(crate) fn read_le(buf: &[u8], item: usize, index: usize) -> i64 {
    let s = &buf[index * item..index * item + item];
    match item {
        1 => i64::from(s[0]),
        2 => i64::from(u16::from_le_bytes([s[0], s[1]])),
        _ => i64::from(u32::from_le_bytes([s[0], s[1], s[2], s[3]])),
    }
}

/// Applies `map` to every `item`-byte little-endian sample of `buf` in place.
pub(crate) fn map_in_place(buf: &mut [u8], item: usize, map: SampleMap) {
    match item {
        1 => map_in_place_n::<1>(buf, map),
        2 => map_in_place_n::<2>(buf, map),
        _ => map_in_place_n::<4>(buf, map),
    }
}

fn map_in_place_n<const N: usize>(buf: &mut [u8], map: SampleMap) {
    for s in buf.chunks_exact_mut(N) {
        let mut b = [0u8; 8];
        b[..N].copy_from_slice(s);
        let v = map.apply(i64::from_le_bytes(b)) as u64;
        s.copy_from_slice(&v.to_le_bytes()[..N]);
    }
}

/// pydicom's `_correct_unused_bits`: when Bits Stored < Bits Allocated, shifts every item left
/// and back right by the unused bits in the item's own (signed or unsigned) type, i.e. masks
/// unsigned data to Bits Stored and sign-extends signed data from bit Bits Stored - 1.
/// `items` holds little-endian items of `spec.bits_allocated / 8` bytes.
pub(crate) fn correct_unused_bits(items: &mut [u8], spec: &FrameSpec) {
    if spec.bits_stored < spec.bits_allocated {
        let map = SampleMap::new(u32::from(spec.bits_stored), spec.signed);
        map_in_place(items, usize::from(spec.bits_allocated / 8), map);
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

    #[test]
    fn fill_from_plane_is_fill() {
        let plane: Vec<i32> = (-70_000..70_000)
            .step_by(37)
            .chain([i32::MIN, i32::MAX])
            .collect();
        for width in [1, 7, 8, 12, 16, 17, 31, 32, 40] {
            for signed in [false, true] {
                let map = SampleMap::new(width, signed);
                for item in [1, 2, 4] {
                    let mut fast = vec![0u8; plane.len() * item];
                    let mut general = fast.clone();
                    fill_from_plane(&mut fast, item, &plane, map);
                    fill(&mut general, item, 1, map, |_, i| i64::from(plane[i]));
                    assert_eq!(fast, general, "width {width} signed {signed} item {item}");
                }
            }
        }
    }

    #[test]
    fn sign_extension_and_masking() {
        let s12 = SampleMap::new(12, true);
        assert_eq!(s12.apply(0x0800), -2048);
        assert_eq!(s12.apply(0x07ff), 2047);
        assert_eq!(s12.apply(0xf800), -2048);
        let u12 = SampleMap::new(12, false);
        assert_eq!(u12.apply(-2048), 0x800);
        assert_eq!(u12.apply(0x1fff), 0xfff);
        let s8 = SampleMap::new(8, true);
        assert_eq!(s8.apply(255), -1);
        assert!(SampleMap::new(16, false).is_identity_for(16));
    }

    #[test]
    fn fill_interleaves_and_stores_little_endian() {
        let planes = [[1i64, -2], [3, 4]];
        let mut out = [0u8; 8];
        fill(&mut out, 2, 2, SampleMap::new(16, true), |k, i| {
            planes[k][i]
        });
        assert_eq!(out, [1, 0, 3, 0, 0xfe, 0xff, 4, 0]);
        let mut buf = [0x00, 0x08, 0xff, 0x07];
        map_in_place(&mut buf, 2, SampleMap::new(12, true));
        assert_eq!(buf, [0x00, 0xf8, 0xff, 0x07]);
        assert_eq!(read_le(&buf, 2, 0), 0xf800);
    }

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
