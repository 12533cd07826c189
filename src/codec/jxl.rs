//! JPEG XL decoding (JPEGXLLossless, JPEGXLJPEGRecompression, JPEGXL) with jxl-oxide, a pure
//! Rust decoder (see docs/jpegls-j2k.md).
//!
//! jxl-oxide renders samples as floats in [0, 1] (integer samples scaled by 2^bits − 1); for
//! precisions up to 16 bits an f32 holds every such value exactly, so rounding `v × (2^bits − 1)`
//! gives back the coded integers (lossless frames are exact). Lossy (XYB) frames come out as
//! sRGB/grey rendered by jxl-oxide. pydicom 3.0.2 has no JPEG XL decoder, so the sign rule is
//! the one pydicom applies to JPEG-LS and JPEG 2000: signed data is sign-extended from the
//! codestream's precision.

use jxl_oxide::{AllocTracker, JxlImage, PixelFormat};

use super::samples::{fill, SampleMap};
use super::FrameSpec;
use crate::error::{Error, Result};

/// Decodes one JPEG XL codestream (or container) into `out`: one frame of `pixel_array`
/// (interleaved samples, little-endian Bits Allocated items).
pub fn decode_frame(data: &[u8], spec: &FrameSpec, out: &mut [u8]) -> Result<()> {
    spec.check_frame(out)?;
    // jxl-oxide reports bad streams as errors; a panic on some unforeseen input must not take
    // the interpreter down either.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| decode(data, spec, out)))
        .unwrap_or_else(|_| {
            Err(Error::pixel(
                "the JPEG XL decoder failed on this codestream",
            ))
        })
}

fn failed(e: impl std::fmt::Display) -> Error {
    Error::pixel(format!("cannot decode the JPEG XL frame: {e}"))
}

fn decode(data: &[u8], spec: &FrameSpec, out: &mut [u8]) -> Result<()> {
    let spp = usize::from(spec.samples_per_pixel);
    // The decoder's buffers (f32 per sample, a few planes) stay within a bound set by the frame
    // the data set describes, whatever the codestream claims.
    let limit = spec.samples()?.saturating_mul(64).max(1 << 20);
    let image = JxlImage::builder()
        .alloc_tracker(AllocTracker::with_limit(limit))
        .read(data)
        .map_err(failed)?;
    let channels = match image.pixel_format() {
        PixelFormat::Gray => 1,
        PixelFormat::Rgb => 3,
        other => {
            return Err(Error::pixel(format!(
                "JPEG XL frames with {other:?} samples are not supported"
            )))
        }
    };
    if (image.width(), image.height(), channels) != (spec.cols, spec.rows, spp) {
        return Err(Error::pixel(format!(
            "the JPEG XL frame is {}x{} with {channels} channel(s), the data set says {}x{} \
             with {spp}",
            image.width(),
            image.height(),
            spec.cols,
            spec.rows
        )));
    }
    let bits = image.image_header().metadata.bit_depth.bits_per_sample();
    let item = usize::from(spec.bits_allocated / 8);
    if !(1..=16).contains(&bits) || bits > 8 * item as u32 {
        return Err(Error::pixel(format!(
            "JPEG XL precision {bits} does not fit Bits Allocated {}",
            spec.bits_allocated
        )));
    }
    let render = image.render_frame(0).map_err(failed)?;
    let mut stream = render.stream();
    let mut rendered = vec![0f32; spec.samples()?];
    if stream.write_to_buffer(&mut rendered) != rendered.len() {
        return Err(Error::pixel(
            "the JPEG XL frame has fewer samples than expected",
        ));
    }
    let max = ((1u32 << bits) - 1) as f32;
    let map = SampleMap::new(
        if spec.signed { bits } else { 8 * item as u32 },
        spec.signed,
    );
    fill(out, item, spp, map, |k, i| {
        (rendered[i * spp + k] * max).round().clamp(0.0, max) as i64
    });
    Ok(())
}
