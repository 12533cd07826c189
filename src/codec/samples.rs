//! Moving decoded samples into the `pixel_array` layout: interleaved, little-endian items of
//! Bits Allocated / 8 bytes, with the sign handling pydicom applies.

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
