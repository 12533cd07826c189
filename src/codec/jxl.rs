//! JPEG XL decoding (JPEGXLLossless, JPEGXLJPEGRecompression, JPEGXL) with jxl-oxide, a pure
//! Rust decoder, and JPEG XL Lossless encoding with zune-jpegxl (see docs/jpegls-j2k.md).
//!
//! jxl-oxide renders samples as floats in [0, 1] (integer samples scaled by 2^bits − 1); for
//! precisions up to 16 bits an f32 holds every such value exactly, so rounding `v × (2^bits − 1)`
//! gives back the coded integers (lossless frames are exact). Lossy (XYB) frames come out as
//! sRGB/grey rendered by jxl-oxide. pydicom 3.0.2 has no JPEG XL decoder, so the sign rule is
//! the one pydicom applies to JPEG-LS and JPEG 2000: signed data is sign-extended from the
//! codestream's precision.

use jxl_oxide::{AllocTracker, JxlImage, PixelFormat};
use zune_core::bit_depth::BitDepth;
use zune_core::colorspace::ColorSpace;
use zune_core::options::EncoderOptions;
use zune_jpegxl::JxlSimpleEncoder;

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

/// Encodes one frame laid out as `pixel_array` (interleaved samples, little-endian Bits
/// Allocated items) as a lossless JPEG XL codestream.
///
/// zune-jpegxl codes 8- or 16-bit unsigned grey or RGB samples, at least 2x2. JPEG XL has no
/// signed samples: signed values go in as their two's complement bit pattern at the item's
/// width, which the decoder above sign-extends back (exact for any Bits Stored).
pub fn encode_frame(pixels: &[u8], spec: &FrameSpec) -> Result<Vec<u8>> {
    spec.check_frame(pixels)?;
    let depth = match spec.bits_allocated {
        8 => BitDepth::Eight,
        16 => BitDepth::Sixteen,
        other => {
            return Err(Error::pixel(format!(
                "JPEG XL Lossless encoding needs Bits Allocated 8 or 16, not {other}"
            )))
        }
    };
    let colorspace = match spec.samples_per_pixel {
        1 => ColorSpace::Luma,
        3 => ColorSpace::RGB,
        other => {
            return Err(Error::pixel(format!(
                "JPEG XL Lossless encoding needs 1 or 3 samples per pixel, not {other}"
            )))
        }
    };
    if spec.rows < 2 || spec.cols < 2 {
        return Err(Error::pixel(format!(
            "JPEG XL Lossless encoding needs at least 2 rows and 2 columns, not {}x{}",
            spec.rows, spec.cols
        )));
    }
    // zune-jpegxl reads 16-bit samples in native byte order.
    let native: std::borrow::Cow<[u8]> =
        if cfg!(target_endian = "little") || depth == BitDepth::Eight {
            pixels.into()
        } else {
            pixels
                .chunks_exact(2)
                .flat_map(|b| u16::from_le_bytes([b[0], b[1]]).to_ne_bytes())
                .collect::<Vec<u8>>()
                .into()
        };
    // One thread per frame: frames are encoded in parallel by the caller.
    let options = EncoderOptions::new(spec.cols as usize, spec.rows as usize, colorspace, depth)
        .set_num_threads(1);
    let mut out = Vec::with_capacity(pixels.len() / 2);
    JxlSimpleEncoder::new(&native, options)
        .encode(&mut out)
        .map_err(|e| Error::pixel(format!("cannot encode the JPEG XL frame: {e:?}")))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(rows: u32, cols: u32, spp: u16, bits: u16, signed: bool) -> FrameSpec {
        FrameSpec {
            rows,
            cols,
            samples_per_pixel: spp,
            bits_allocated: bits,
            bits_stored: bits,
            signed,
            photometric: if spp == 3 { "RGB" } else { "MONOCHROME2" }.into(),
            planar_configuration: 0,
        }
    }

    fn round_trip(spec: &FrameSpec, frame: &[u8]) {
        let coded = encode_frame(frame, spec).unwrap();
        let mut out = vec![0u8; frame.len()];
        decode_frame(&coded, spec, &mut out).unwrap();
        assert_eq!(out, frame);
    }

    #[test]
    fn lossless_round_trips() {
        let signed16: Vec<u8> = (0..300 * 7)
            .flat_map(|i: i32| ((i * 37 % 4001 - 2000) as i16).to_le_bytes())
            .collect();
        round_trip(&spec(7, 300, 1, 16, true), &signed16);
        let rgb8: Vec<u8> = (0..5 * 260 * 3).map(|i: u32| (i * 7 % 251) as u8).collect();
        round_trip(&spec(5, 260, 3, 8, false), &rgb8);
        let rgb16: Vec<u8> = (0..4 * 3 * 3)
            .flat_map(|i: u16| (i * 1811).to_le_bytes())
            .collect();
        round_trip(&spec(4, 3, 3, 16, false), &rgb16);
    }

    #[test]
    fn unsupported_input_is_a_pixel_error() {
        for (s, len) in [
            (spec(2, 2, 1, 32, false), 16),
            (spec(2, 2, 2, 8, false), 8),
            (spec(1, 4, 1, 8, false), 4),
        ] {
            let err = encode_frame(&vec![0u8; len], &s).unwrap_err();
            assert!(matches!(err, Error::Pixel(_)), "{err:?}");
        }
    }
}
