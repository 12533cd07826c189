//! JPEG encoding with libjpeg-turbo 3: Baseline (8-bit DCT), Extended (12-bit DCT) and
//! Lossless (process 14, any predictor; selection value 1 for JPEGLosslessSV1).
//!
//! Input is one frame as pydicom's `pixel_array` lays it out (interleaved samples,
//! little-endian Bits Allocated items). Lossy colour is coded as JFIF YCbCr 4:2:2, which the
//! data set must then call YBR_FULL_422 (PS3.5 8.2.1); lossless colour keeps the RGB values
//! (component IDs 'R','G','B', no colour transform).

use std::ffi::c_int;

use turbojpeg_sys as tj;

use super::turbo::{compress, Params};
use crate::codec::samples::read_le;
use crate::codec::FrameSpec;
use crate::error::{Error, Result};

/// Which JPEG process codes the frames.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Process {
    /// Baseline (process 1): 8-bit samples, DCT, `quality` 1–100.
    Baseline { quality: u8 },
    /// Extended (process 2/4): 12-bit samples (8-bit ones too), DCT, `quality` 1–100.
    Extended { quality: u8 },
    /// Lossless (process 14) with selection value (predictor) 1–7; precision = Bits Stored.
    Lossless { predictor: u8 },
}

/// Encodes one frame (see the module docs).
pub fn encode_frame(pixels: &[u8], spec: &FrameSpec, process: Process) -> Result<Vec<u8>> {
    spec.check_frame(pixels)?;
    let components = usize::from(spec.samples_per_pixel);
    let pi = spec.photometric.trim();
    match (components, pi) {
        (1, "MONOCHROME1" | "MONOCHROME2" | "PALETTE COLOR") | (3, "RGB") => {}
        _ => {
            return Err(Error::pixel(format!(
                "JPEG encoding of {components}-sample '{pi}' pixel data is not supported \
                 (grayscale or RGB only)"
            )))
        }
    }
    if !matches!(spec.bits_allocated, 8 | 16) {
        return Err(Error::pixel(format!(
            "JPEG encoding of Bits Allocated {} is not supported",
            spec.bits_allocated
        )));
    }
    let item = usize::from(spec.bits_allocated / 8);
    let bits_stored = u8::try_from(spec.bits_stored).unwrap_or(0);
    let (precision, params) = match process {
        Process::Baseline { quality } | Process::Extended { quality } => {
            let precision = match (process, spec.bits_allocated) {
                (_, 8) if spec.bits_stored <= 8 => 8,
                (Process::Extended { .. }, 16) if spec.bits_stored <= 12 => 12,
                (Process::Baseline { .. }, _) => {
                    return Err(Error::pixel(
                        "JPEG Baseline needs Bits Allocated 8 (Bits Stored 8 or less)",
                    ))
                }
                _ => {
                    return Err(Error::pixel(
                        "JPEG Extended needs Bits Allocated 8 or 16 (Bits Stored 12 or less)",
                    ))
                }
            };
            if components == 1 && pi == "PALETTE COLOR" {
                return Err(Error::pixel(
                    "lossy JPEG encoding of PALETTE COLOR indices is not supported",
                ));
            }
            if spec.signed {
                // The codestream has no sign: a coding error near zero would turn -1 into
                // the largest positive value.
                return Err(Error::pixel(
                    "lossy JPEG encoding of signed pixel data is not supported",
                ));
            }
            if !(1..=100).contains(&quality) {
                return Err(Error::pixel(format!(
                    "JPEG quality must be 1 to 100, not {quality}"
                )));
            }
            let params = Params {
                precision,
                components,
                quality: c_int::from(quality),
                lossless: None,
                subsamp: tj::TJSAMP_TJSAMP_422,
                rgb: false,
                options: &[],
            };
            (precision, params)
        }
        Process::Lossless { predictor } => {
            if !(1..=7).contains(&predictor) {
                return Err(Error::pixel(format!(
                    "the JPEG lossless predictor must be 1 to 7, not {predictor}"
                )));
            }
            if !(2..=16).contains(&bits_stored) || usize::from(bits_stored) > 8 * item {
                return Err(Error::pixel(format!(
                    "JPEG Lossless cannot encode Bits Stored {} in Bits Allocated {}",
                    spec.bits_stored, spec.bits_allocated
                )));
            }
            let params = Params {
                precision: bits_stored,
                components,
                quality: 100,
                lossless: Some((c_int::from(predictor), 0)),
                subsamp: tj::TJSAMP_TJSAMP_444,
                rgb: true,
                options: &[],
            };
            (bits_stored, params)
        }
    };
    let samples = coded_samples(pixels, spec, item, precision)?;
    compress(&samples, spec.cols as usize, spec.rows as usize, &params)
}

/// The samples as the codestream holds them: the low `precision` bits (two's complement for
/// signed data, which decoders sign-extend from Bits Stored). Unsigned values that do not fit
/// are an error, not silently wrapped.
fn coded_samples(pixels: &[u8], spec: &FrameSpec, item: usize, precision: u8) -> Result<Vec<u16>> {
    let mask = (1i64 << precision) - 1;
    let count = pixels.len() / item;
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let v = read_le(pixels, item, i);
        if !spec.signed && v > mask {
            return Err(Error::pixel(format!(
                "pixel value {v} does not fit the JPEG sample precision {precision}"
            )));
        }
        out.push((v & mask) as u16);
    }
    Ok(out)
}
