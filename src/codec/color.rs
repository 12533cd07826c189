//! pydicom's default colour processing of a decoded frame (`as_rgb=True`).

use super::FrameSpec;
use crate::error::{Error, Result};

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

/// In-place YBR_FULL → RGB on interleaved 8-bit triplets, in float32 with the same constants,
/// rounding (floor(x + 0.5)) and clipping as pydicom's `_convert_YBR_FULL_to_RGB`.
fn ybr_full_to_rgb(buf: &mut [u8]) {
    let cb_g = (-0.114f64 * 1.772 / 0.587) as f32;
    let cr_g = (-0.299f64 * 1.402 / 0.587) as f32;
    let cr_r = 1.402f32;
    let cb_b = 1.772f32;
    let round = |v: f32| (v + 0.5).floor().clamp(0.0, 255.0) as u8;
    for px in buf.chunks_exact_mut(3) {
        let y = f32::from(px[0]);
        let cb = f32::from(px[1]) - 128.0;
        let cr = f32::from(px[2]) - 128.0;
        px[0] = round(y + cr * cr_r);
        px[1] = round(y + cb * cb_g + cr * cr_g);
        px[2] = round(y + cb * cb_b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ybr_to_rgb_matches_reference_values() {
        // Grey stays grey; the primaries come back to within rounding of their RGB values.
        let mut px = [128, 128, 128, 76, 85, 255, 0, 128, 128];
        ybr_full_to_rgb(&mut px);
        assert_eq!(px, [128, 128, 128, 254, 0, 0, 0, 0, 0]);
    }
}
