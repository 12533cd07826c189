//! A safe wrapper around the TurboJPEG 3 decompressor of libjpeg-turbo (vendored and built by
//! `turbojpeg-sys`). One instance per frame: no state is shared between threads.

use std::ffi::{c_int, CStr};

use turbojpeg_sys as tj;

use crate::error::{Error, Result};

/// More scans than this is a denial-of-service pattern (progressive JPEG with tiny scans),
/// never a real image.
const SCAN_LIMIT: c_int = 500;

/// The frame as libjpeg-turbo reads it from the header.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Info {
    pub width: usize,
    pub height: usize,
    pub precision: u8,
    /// 1 (grayscale) or 3 (RGB: see `markers::prepare`); other colour spaces are rejected.
    pub components: usize,
}

/// Where decoded samples go: 8-bit samples for precision 2–8, 16-bit for 9–16.
pub(super) enum Output<'a> {
    U8(&'a mut [u8]),
    U16(&'a mut [u16]),
}

pub(super) struct Decompressor(tj::tjhandle);

/// The error (or warning) libjpeg-turbo reported for the last call on `handle`.
fn last_error(handle: tj::tjhandle) -> String {
    // SAFETY: `handle` is valid; the returned string is NUL-terminated and owned by the handle
    // (or the calling thread), and is copied before any other TurboJPEG call.
    let msg = unsafe { CStr::from_ptr(tj::tj3GetErrorStr(handle)) };
    msg.to_string_lossy().trim_end().to_string()
}

fn size(data: &[u8]) -> Result<tj::size_t> {
    tj::size_t::try_from(data.len()).map_err(|_| Error::pixel("JPEG codestream too large"))
}

impl Drop for Decompressor {
    fn drop(&mut self) {
        // SAFETY: the handle came from tj3Init, is non-null and is destroyed exactly once.
        unsafe { tj::tj3Destroy(self.0) }
    }
}

impl Decompressor {
    /// A decompressor that refuses images of more than `max_pixels` pixels and any warning
    /// (corrupt or truncated data) as an error.
    pub fn new(max_pixels: usize) -> Result<Self> {
        // SAFETY: tj3Init has no preconditions; a null result is handled.
        let handle = unsafe { tj::tj3Init(tj::TJINIT_TJINIT_DECOMPRESS as c_int) };
        if handle.is_null() {
            return Err(Error::pixel("cannot create a libjpeg-turbo decompressor"));
        }
        let dec = Decompressor(handle);
        dec.set(tj::TJPARAM_TJPARAM_STOPONWARNING, 1)?;
        dec.set(tj::TJPARAM_TJPARAM_SCANLIMIT, SCAN_LIMIT)?;
        let max_pixels = c_int::try_from(max_pixels).unwrap_or(c_int::MAX);
        dec.set(tj::TJPARAM_TJPARAM_MAXPIXELS, max_pixels)?;
        Ok(dec)
    }

    /// Fancy (interpolating) chroma upsampling is on by default.
    pub fn set_fancy_upsampling(&self, on: bool) -> Result<()> {
        self.set(tj::TJPARAM_TJPARAM_FASTUPSAMPLE, c_int::from(!on))
    }

    fn set(&self, param: tj::TJPARAM, value: c_int) -> Result<()> {
        // SAFETY: valid handle; tj3Set validates the parameter and value.
        if unsafe { tj::tj3Set(self.0, param as c_int, value) } != 0 {
            return Err(self.error("cannot configure libjpeg-turbo"));
        }
        Ok(())
    }

    fn get(&self, param: tj::TJPARAM) -> c_int {
        // SAFETY: valid handle; unknown parameters return -1.
        unsafe { tj::tj3Get(self.0, param as c_int) }
    }

    fn error(&self, context: &str) -> Error {
        Error::pixel(format!("{context}: {}", last_error(self.0)))
    }

    /// Reads the codestream's header.
    pub fn read_header(&mut self, data: &[u8]) -> Result<Info> {
        // SAFETY: valid handle; `data` is a live slice of `data.len()` bytes, only read.
        if unsafe { tj::tj3DecompressHeader(self.0, data.as_ptr(), size(data)?) } != 0 {
            return Err(self.error("cannot read the JPEG header"));
        }
        let components = match self.get(tj::TJPARAM_TJPARAM_COLORSPACE) as tj::TJCS {
            tj::TJCS_TJCS_GRAY => 1,
            tj::TJCS_TJCS_RGB => 3,
            other => {
                return Err(Error::pixel(format!(
                    "unsupported JPEG colour space (TurboJPEG TJCS {other})"
                )))
            }
        };
        let dim = |p| usize::try_from(self.get(p)).unwrap_or(0);
        Ok(Info {
            width: dim(tj::TJPARAM_TJPARAM_JPEGWIDTH),
            height: dim(tj::TJPARAM_TJPARAM_JPEGHEIGHT),
            precision: u8::try_from(self.get(tj::TJPARAM_TJPARAM_PRECISION)).unwrap_or(0),
            components,
        })
    }

    /// Decodes `data`, whose header read as `info`, into `out` (interleaved, one sample per
    /// item, `info.width * info.height * info.components` items).
    pub fn decompress(&mut self, data: &[u8], info: &Info, out: Output) -> Result<()> {
        let items = info
            .width
            .checked_mul(info.height)
            .and_then(|n| n.checked_mul(info.components))
            .ok_or_else(|| Error::pixel("JPEG image too large"))?;
        let size = size(data)?;
        let pixel_format = if info.components == 1 {
            tj::TJPF_TJPF_GRAY
        } else {
            tj::TJPF_TJPF_RGB
        } as c_int;
        // SAFETY (all three calls): valid handle; `data` is only read. The output slice holds
        // exactly width × height × components samples of the type the function writes (u16
        // and i16 have one layout; 12-bit values are 0..4095). TurboJPEG writes `height` rows
        // of `width × components` samples (pitch 0 = packed): it re-reads the same immutable
        // header, so the dimensions are those in `info`, and MAXPIXELS stops it otherwise.
        let status = match (out, info.precision) {
            (Output::U8(buf), 2..=8) if buf.len() == items => unsafe {
                tj::tj3Decompress8(
                    self.0,
                    data.as_ptr(),
                    size,
                    buf.as_mut_ptr(),
                    0,
                    pixel_format,
                )
            },
            (Output::U16(buf), 9..=12) if buf.len() == items => unsafe {
                tj::tj3Decompress12(
                    self.0,
                    data.as_ptr(),
                    size,
                    buf.as_mut_ptr().cast(),
                    0,
                    pixel_format,
                )
            },
            (Output::U16(buf), 13..=16) if buf.len() == items => unsafe {
                tj::tj3Decompress16(
                    self.0,
                    data.as_ptr(),
                    size,
                    buf.as_mut_ptr(),
                    0,
                    pixel_format,
                )
            },
            _ => {
                return Err(Error::pixel(format!(
                    "internal: output buffer does not fit a {}-bit JPEG image",
                    info.precision
                )))
            }
        };
        if status != 0 {
            return Err(self.error("cannot decode the JPEG frame"));
        }
        Ok(())
    }
}

/// How a frame is coded by [`compress`].
pub(super) struct Params {
    pub precision: u8,
    /// 1 (grayscale) or 3
    pub components: usize,
    /// 1–100, for DCT coding
    pub quality: c_int,
    /// (predictor, point transform) for lossless JPEG
    pub lossless: Option<(c_int, c_int)>,
    /// Chroma subsampling (TJSAMP_*) for YCbCr
    pub subsamp: tj::TJSAMP,
    /// Code 3 components as RGB (Adobe transform 0, component IDs 'R','G','B') instead of
    /// converting them to YCbCr (JFIF)
    pub rgb: bool,
    /// More TurboJPEG parameters (progressive, arithmetic coding, restart markers, ...)
    pub options: &'static [(tj::TJPARAM, c_int)],
}

/// Owns a TurboJPEG compressor instance.
struct Compressor(tj::tjhandle);

impl Drop for Compressor {
    fn drop(&mut self) {
        // SAFETY: the handle came from tj3Init, is non-null and is destroyed exactly once.
        unsafe { tj::tj3Destroy(self.0) }
    }
}

impl Compressor {
    fn set(&self, param: tj::TJPARAM, value: c_int) -> Result<()> {
        // SAFETY: valid handle; TurboJPEG range-checks the value.
        if unsafe { tj::tj3Set(self.0, param as c_int, value) } != 0 {
            return Err(Error::pixel(format!(
                "libjpeg-turbo refused an encoding parameter: {}",
                last_error(self.0)
            )));
        }
        Ok(())
    }
}

/// Compresses interleaved `samples` (one per item, below 2^precision) with libjpeg-turbo
/// (`tj3Compress8` up to precision 8, `12` up to 12, `16` above).
pub(super) fn compress(
    samples: &[u16],
    width: usize,
    height: usize,
    p: &Params,
) -> Result<Vec<u8>> {
    if samples.len() != width * height * p.components {
        return Err(Error::pixel(
            "JPEG encoder: the frame does not hold its samples",
        ));
    }
    let (w, h) = match (c_int::try_from(width), c_int::try_from(height)) {
        (Ok(w), Ok(h)) => (w, h),
        _ => return Err(Error::pixel("JPEG encoder: the frame is too large")),
    };
    // SAFETY: tj3Init has no preconditions; a null result is handled.
    let handle = unsafe { tj::tj3Init(tj::TJINIT_TJINIT_COMPRESS as c_int) };
    if handle.is_null() {
        return Err(Error::pixel("cannot create a libjpeg-turbo compressor"));
    }
    let enc = Compressor(handle);
    enc.set(tj::TJPARAM_TJPARAM_PRECISION, c_int::from(p.precision))?;
    enc.set(tj::TJPARAM_TJPARAM_QUALITY, p.quality)?;
    let gray = p.components == 1;
    let subsamp = if gray {
        tj::TJSAMP_TJSAMP_GRAY
    } else {
        p.subsamp
    };
    enc.set(tj::TJPARAM_TJPARAM_SUBSAMP, subsamp as c_int)?;
    if p.rgb {
        enc.set(tj::TJPARAM_TJPARAM_COLORSPACE, tj::TJCS_TJCS_RGB as c_int)?;
    }
    if let Some((psv, pt)) = p.lossless {
        enc.set(tj::TJPARAM_TJPARAM_LOSSLESS, 1)?;
        enc.set(tj::TJPARAM_TJPARAM_LOSSLESSPSV, psv)?;
        enc.set(tj::TJPARAM_TJPARAM_LOSSLESSPT, pt)?;
    }
    for &(param, value) in p.options {
        enc.set(param, value)?;
    }
    let pf = if gray {
        tj::TJPF_TJPF_GRAY
    } else {
        tj::TJPF_TJPF_RGB
    } as c_int;
    let mut buf: *mut u8 = std::ptr::null_mut();
    let mut size: tj::size_t = 0;
    // SAFETY: each source buffer holds width × height × components samples (pitch 0 =
    // packed); TurboJPEG allocates `buf`, which is copied and freed with tj3Free below.
    let status = unsafe {
        match p.precision {
            2..=8 => {
                let src: Vec<u8> = samples.iter().map(|&s| s as u8).collect();
                tj::tj3Compress8(enc.0, src.as_ptr(), w, 0, h, pf, &mut buf, &mut size)
            }
            9..=12 => {
                let src: Vec<i16> = samples.iter().map(|&s| s as i16).collect();
                tj::tj3Compress12(enc.0, src.as_ptr(), w, 0, h, pf, &mut buf, &mut size)
            }
            _ => tj::tj3Compress16(enc.0, samples.as_ptr(), w, 0, h, pf, &mut buf, &mut size),
        }
    };
    let result = if status == 0 && !buf.is_null() {
        // SAFETY: on success `buf` holds `size` bytes allocated by TurboJPEG.
        Ok(unsafe { std::slice::from_raw_parts(buf, size as usize) }.to_vec())
    } else {
        Err(Error::pixel(format!(
            "libjpeg-turbo cannot encode the frame: {}",
            last_error(enc.0)
        )))
    };
    // SAFETY: `buf` is null or came from TurboJPEG, and is freed once.
    unsafe { tj::tj3Free(buf.cast()) };
    result
}

/// libjpeg-turbo's encoder, to make test codestreams.
#[cfg(test)]
pub(super) mod encode {
    pub(in crate::codec::jpeg) use super::Params;

    /// [`super::compress`], which must succeed.
    pub fn compress(samples: &[u16], width: usize, height: usize, p: &Params) -> Vec<u8> {
        super::compress(samples, width, height, p).unwrap()
    }
}
