//! pydicom's YBR_FULL → RGB conversion (`pydicom.pixels.processing._convert_YBR_FULL_to_RGB`),
//! reproduced bit for bit.
//!
//! pydicom computes `clip(floor((ybr - [0, 128, 128]) @ M + 0.5), 0, 255)` in float32 with
//! numpy's matmul, which OpenBLAS runs as fused multiply-adds accumulated in the order Y, Cb,
//! Cr: R = fl(Y + Cr·m), G = fl(fl(Y + Cb·m) + Cr·m'), B = fl(Y + Cb·m'') (fl: rounding to
//! float32; the 0 terms change nothing). A plain float32 multiply-then-add instead would differ
//! on 42 of the 2^24 inputs.
//!
//! Fast path: with Y an integer, the result is Y + floor(chroma + 0.5), where `chroma` is the
//! exact sum of the chroma terms, unless chroma + 0.5 lies within float32's rounding error of
//! an integer: the values stay below 512, so each rounding errs by at most 2^-16 and three of
//! them by less than `MARGIN`. Tables built at compile time hold floor(chroma + 0.5) per Cr
//! (R), per Cb (B) and per (Cb, Cr) (G), or `NEAR_TIE` where the margin is not met (30 G and
//! 2 B entries); those pixels take the exact float path. The tests check some inputs; an
//! ignored test checks all 2^24 against pydicom's output.

use super::FrameSpec;
use crate::error::{Error, Result};

// pydicom's matrix entries that are not 0 or 1, as float32 like numpy builds them.
const R_CR: f32 = 1.402;
const G_CB: f32 = (-0.114 * 1.772 / 0.587) as f32;
const G_CR: f32 = (-0.299 * 1.402 / 0.587) as f32;
const B_CB: f32 = 1.772;

const NEAR_TIE: i16 = i16::MIN;
const MARGIN: f64 = 1.0 / 4096.0;

/// floor(chroma + 0.5), or `NEAR_TIE`. `chroma` is exact: products of an 8-bit integer and a
/// float32, and their sum, need far fewer than float64's 53 bits.
const fn offset(chroma: f64) -> i16 {
    let v = chroma + 0.5;
    let t = v as i64;
    let floor = if (t as f64) > v { t - 1 } else { t };
    let frac = v - floor as f64;
    if frac < MARGIN || 1.0 - frac < MARGIN {
        NEAR_TIE
    } else {
        floor as i16
    }
}

const fn centred(c: usize) -> f64 {
    c as f64 - 128.0
}

static R_OFFSET: [i16; 256] = {
    let mut t = [0; 256];
    let mut cr = 0;
    while cr < 256 {
        t[cr] = offset(centred(cr) * R_CR as f64);
        cr += 1;
    }
    t
};

static B_OFFSET: [i16; 256] = {
    let mut t = [0; 256];
    let mut cb = 0;
    while cb < 256 {
        t[cb] = offset(centred(cb) * B_CB as f64);
        cb += 1;
    }
    t
};

/// Indexed by Cb << 8 | Cr.
static G_OFFSET: [i16; 65536] = {
    let mut t = [0; 65536];
    let mut i = 0;
    while i < 65536 {
        t[i] = offset(centred(i >> 8) * G_CB as f64 + centred(i & 255) * G_CR as f64);
        i += 1;
    }
    t
};

/// pydicom converts YBR_FULL and YBR_FULL_422 data to RGB after decoding; `photometric` is the
/// interpretation in force after the codec's own adjustments. Like pydicom this needs unsigned
/// 8-bit samples.
pub(crate) fn to_rgb_if_ybr(photometric: &str, spec: &FrameSpec, out: &mut [u8]) -> Result<()> {
    if spec.samples_per_pixel != 3 || !matches!(photometric, "YBR_FULL" | "YBR_FULL_422") {
        return Ok(());
    }
    if spec.bits_allocated != 8 || spec.signed {
        return Err(Error::pixel(format!(
            "cannot convert {photometric} to RGB: the conversion needs unsigned 8-bit samples"
        )));
    }
    ybr_full_to_rgb(out);
    Ok(())
}

/// Converts interleaved 8-bit YCbCr pixels to RGB in place.
pub(crate) fn ybr_full_to_rgb(pixels: &mut [u8]) {
    for px in pixels.chunks_exact_mut(3) {
        let (y, cb, cr) = (i32::from(px[0]), usize::from(px[1]), usize::from(px[2]));
        let (r, g, b) = (R_OFFSET[cr], G_OFFSET[cb << 8 | cr], B_OFFSET[cb]);
        if r == NEAR_TIE || g == NEAR_TIE || b == NEAR_TIE {
            convert_exactly(px);
        } else {
            px[0] = (y + i32::from(r)).clamp(0, 255) as u8;
            px[1] = (y + i32::from(g)).clamp(0, 255) as u8;
            px[2] = (y + i32::from(b)).clamp(0, 255) as u8;
        }
    }
}

/// pydicom's float32 evaluation for one pixel.
fn convert_exactly(px: &mut [u8]) {
    let y = f32::from(px[0]);
    let cb = f64::from(px[1]) - 128.0;
    let cr = f64::from(px[2]) - 128.0;
    px[0] = round_clip(fma32(cr, R_CR, y));
    px[1] = round_clip(fma32(cr, G_CR, fma32(cb, G_CB, y)));
    px[2] = round_clip(fma32(cb, B_CB, y));
}

/// `acc + x·m` rounded once to float32, like an FMA: the float64 product is exact, and so is
/// the float64 sum (see `offset`).
fn fma32(x: f64, m: f32, acc: f32) -> f32 {
    (x * f64::from(m) + f64::from(acc)) as f32
}

/// `floor(x + 0.5)` clipped to 0..=255: `as u8` truncates towards zero and saturates, which
/// agrees with floor-then-clip for every value (negatives all become 0).
fn round_clip(x: f32) -> u8 {
    (x + 0.5) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rgb(y: u8, cb: u8, cr: u8) -> [u8; 3] {
        let mut px = [y, cb, cr];
        ybr_full_to_rgb(&mut px);
        px
    }

    #[test]
    fn matches_pydicom() {
        // Expected values from pydicom 3.0.2's _convert_YBR_FULL_to_RGB; the last three are
        // inputs where a float32 multiply-then-add gives G one lower.
        assert_eq!(rgb(0, 128, 128), [0, 0, 0]);
        assert_eq!(rgb(255, 128, 128), [255, 255, 255]);
        assert_eq!(rgb(76, 85, 255), [254, 0, 0]);
        assert_eq!(rgb(100, 0, 255), [255, 53, 0]);
        assert_eq!(rgb(0, 0, 0), [0, 135, 0]);
        assert_eq!(rgb(255, 255, 255), [255, 121, 255]);
        assert_eq!(rgb(0, 178, 78), [0, 19, 89]);
        assert_eq!(rgb(3, 178, 78), [0, 22, 92]);
        assert_eq!(rgb(5, 178, 78), [0, 24, 94]);
    }

    #[test]
    fn near_ties_take_the_exact_path() {
        let ties = G_OFFSET.iter().chain(&B_OFFSET).chain(&R_OFFSET);
        assert_eq!(ties.filter(|&&o| o == NEAR_TIE).count(), 32);
        // (Cb 78, Cr 178) is one: there G - Y is -19 for Y < 47 and -18 above (G > 0).
        assert_eq!(G_OFFSET[78 << 8 | 178], NEAR_TIE);
        for y in 0..=255u8 {
            let mut fast = [y, 78, 178];
            ybr_full_to_rgb(&mut fast);
            let mut exact = [y, 78, 178];
            convert_exactly(&mut exact);
            assert_eq!(fast, exact);
            if fast[1] > 0 {
                assert_eq!(
                    i32::from(fast[1]) - i32::from(y),
                    if y < 47 { -19 } else { -18 }
                );
            }
        }
    }

    /// All 2^24 inputs against pydicom's output, written by tools/oracle/jpeg_oracle.py.
    #[test]
    #[ignore = "needs the table written by tools/oracle/jpeg_oracle.py"]
    fn matches_pydicom_everywhere() {
        let path =
            std::env::var("YBR_TABLE").unwrap_or_else(|_| "/tmp/jpeg_oracle/ybr_to_rgb.bin".into());
        let expected = std::fs::read(path).expect("table of pydicom's RGB for every YCbCr");
        let mut all: Vec<u8> = (0..1u32 << 24)
            .flat_map(|i| [(i >> 16) as u8, (i >> 8) as u8, i as u8])
            .collect();
        ybr_full_to_rgb(&mut all);
        assert!(all == expected);
    }
}
