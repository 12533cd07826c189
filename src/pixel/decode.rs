//! Decoding encapsulated pixel data: frames located (BOT/EOT/fragments), then decoded in
//! parallel, each straight into its slice of one output buffer.

use std::io::Read;

use rayon::prelude::*;

use crate::codec::{self, FrameSpec};
use crate::error::{Error, Result};
use crate::limits;
use crate::pixel::encaps::{frame_bytes, Encapsulated};
use crate::transfer_syntax::Codec;

/// The decoded frames, concatenated, and pydicom's warning about the frame layout (if any).
pub struct Decoded {
    pub data: Vec<u8>,
    pub frames: usize,
    pub warning: Option<&'static str>,
}

/// Decodes all frames of an encapsulated value, or only frame `index`. `as_rgb` is pydicom's
/// option: false keeps the YCbCr a JPEG codec would convert to RGB.
pub fn decode(
    codec: Codec,
    value: &[u8],
    spec: &FrameSpec,
    number_of_frames: usize,
    eot: Option<(&[u64], &[u64])>,
    index: Option<usize>,
    as_rgb: bool,
) -> Result<Decoded> {
    let enc = Encapsulated::parse(value)?;
    let (frames, warning) = match index {
        Some(i) => {
            let f = enc.frame(value, i, number_of_frames, eot)?;
            (vec![f.ranges], f.warning)
        }
        None => {
            let l = enc.frames(value, number_of_frames, eot)?;
            (l.frames, l.warning)
        }
    };
    let frame_len = spec.frame_len()?;
    let total = frame_len
        .checked_mul(frames.len())
        .filter(|&t| t <= limits::decoded_allowance(value.len()))
        .ok_or_else(|| {
            Error::pixel(format!(
                "{} frame(s) of {} x {} x {} samples cannot come from {} bytes of pixel data",
                frames.len(),
                spec.rows,
                spec.cols,
                spec.samples_per_pixel,
                value.len()
            ))
        })?;
    let mut data = vec![0u8; total];
    if frames.len() == 1 {
        // One frame: the codec may use every core itself (OpenJPEG's threads).
        let bytes = frame_bytes(value, &frames[0])?;
        let threads = rayon::current_num_threads();
        decode_frame(codec, &bytes, spec, &mut data, threads, as_rgb)?;
    } else if frame_len > 0 {
        // Frames in parallel, each codec single-threaded: no oversubscription.
        data.par_chunks_mut(frame_len)
            .zip(frames.par_iter())
            .try_for_each(|(out, ranges)| {
                let bytes = frame_bytes(value, ranges)?;
                decode_frame(codec, &bytes, spec, out, 1, as_rgb)
            })?;
    }
    Ok(Decoded {
        data,
        frames: frames.len(),
        warning,
    })
}

/// Decodes one frame's codestream into `out` (exactly one frame), with at most `threads`
/// codec-internal threads.
pub fn decode_frame(
    codec: Codec,
    bytes: &[u8],
    spec: &FrameSpec,
    out: &mut [u8],
    threads: usize,
    as_rgb: bool,
) -> Result<()> {
    match codec {
        Codec::Rle => {
            let info = codec::rle::FrameInfo {
                rows: spec.rows as usize,
                columns: spec.cols as usize,
                samples_per_pixel: usize::from(spec.samples_per_pixel),
                bits_allocated: usize::from(spec.bits_allocated),
            };
            codec::rle::decode_frame(bytes, &info, out).map(|_| ())
        }
        Codec::Jpeg => codec::jpeg::decode_frame_as(bytes, spec, out, as_rgb),
        Codec::JpegLs => codec::jpegls::decode_frame(bytes, spec, out),
        Codec::J2k => codec::j2k::decode_frame_threads(bytes, spec, out, threads as u32),
        Codec::Jxl => codec::jxl::decode_frame(bytes, spec, out),
        Codec::Uncompressed => copy_native(bytes, out),
        Codec::Deflate => {
            // Bounded by one frame: what inflates past that is never read.
            let mut inflated = Vec::with_capacity(out.len());
            flate2::read::DeflateDecoder::new(bytes)
                .take(out.len() as u64 + 1)
                .read_to_end(&mut inflated)
                .map_err(|e| Error::pixel(format!("cannot inflate a deflated frame: {e}")))?;
            copy_native(&inflated, out)
        }
    }
}

fn copy_native(bytes: &[u8], out: &mut [u8]) -> Result<()> {
    let n = out.len();
    let src = bytes.get(..n).ok_or_else(|| {
        Error::pixel(format!(
            "a frame holds {} bytes but {n} are needed",
            bytes.len()
        ))
    })?;
    out.copy_from_slice(src);
    Ok(())
}
