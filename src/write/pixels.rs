//! Compressing pixel data for writing: frames encoded (in parallel) by the codec of a
//! transfer syntax, then encapsulated (PS3.5 A.4), with an Extended Offset Table when asked
//! for or when the Basic Offset Table cannot hold the offsets (as pydicom's `compress`).
//! Which encoder a transfer syntax uses is the registry's (`crate::transfer_syntax`); a new
//! codec is one more arm in [`Encoder::for_transfer_syntax`] and [`Encoder::encode`].

use rayon::prelude::*;

use crate::codec::{j2k, jpeg, jpegls, jxl, rle, FrameSpec};
use crate::error::{Error, Result};
use crate::pixel::encaps;
use crate::transfer_syntax::{self, Encoder as Kind};

/// pydicom's `compress()` options that reach the codecs (validated by the Python layer).
#[derive(Clone, Debug)]
pub struct Options {
    /// `jls_error`: JPEG-LS NEAR (0 for lossless).
    pub jls_error: u16,
    /// `j2k_cr` or `j2k_psnr` for lossy JPEG 2000.
    pub j2k_quality: j2k::Quality,
    /// `jpeg_quality` (1–100) for JPEG Baseline and Extended.
    pub jpeg_quality: u8,
    /// `jpeg_predictor` (selection value 1–7) for JPEG Lossless process 14.
    pub jpeg_predictor: u8,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            jls_error: 0,
            j2k_quality: j2k::Quality::default(),
            jpeg_quality: 90,
            jpeg_predictor: 1,
        }
    }
}

#[derive(Clone, Debug)]
pub enum Encoder {
    Rle,
    Uncompressed,
    Deflate,
    Jpeg(jpeg::Process),
    JpegLs(jpegls::EncodeParams),
    J2k(j2k::EncodeParams),
    JxlLossless,
}

impl Encoder {
    pub fn for_transfer_syntax(uid: &str, options: &Options) -> Option<Encoder> {
        let near_lossless = options.jls_error;
        Some(match transfer_syntax::lookup(uid)?.encoder? {
            Kind::Rle => Encoder::Rle,
            Kind::Uncompressed => Encoder::Uncompressed,
            Kind::Deflate => Encoder::Deflate,
            Kind::JpegBaseline => Encoder::Jpeg(jpeg::Process::Baseline {
                quality: options.jpeg_quality,
            }),
            Kind::JpegExtended => Encoder::Jpeg(jpeg::Process::Extended {
                quality: options.jpeg_quality,
            }),
            Kind::JpegLossless => Encoder::Jpeg(jpeg::Process::Lossless {
                predictor: options.jpeg_predictor,
            }),
            Kind::JpegLosslessSv1 => Encoder::Jpeg(jpeg::Process::Lossless { predictor: 1 }),
            Kind::JpegLs => Encoder::JpegLs(jpegls::EncodeParams { near_lossless }),
            // Frames encode in parallel, so OpenJPEG itself stays single-threaded.
            Kind::J2kLossless => Encoder::J2k(j2k::EncodeParams {
                quality: j2k::Quality::Lossless,
                threads: 1,
            }),
            Kind::J2k => Encoder::J2k(j2k::EncodeParams {
                quality: options.j2k_quality.clone(),
                threads: 1,
            }),
            Kind::JxlLossless => Encoder::JxlLossless,
        })
    }

    /// Encodes one frame laid out as pydicom's `pixel_array` (interleaved samples, little
    /// endian).
    pub fn encode(&self, frame: &[u8], spec: &FrameSpec) -> Result<Vec<u8>> {
        match self {
            Encoder::Rle => rle::encode_frame(
                frame,
                &rle::FrameInfo {
                    rows: spec.rows as usize,
                    columns: spec.cols as usize,
                    samples_per_pixel: usize::from(spec.samples_per_pixel),
                    bits_allocated: usize::from(spec.bits_allocated),
                },
            ),
            Encoder::Uncompressed => Ok(frame.to_vec()),
            Encoder::Deflate => deflate(frame),
            Encoder::Jpeg(process) => jpeg::encode_frame(frame, spec, *process),
            Encoder::JpegLs(params) => jpegls::encode_frame(frame, spec, params),
            Encoder::J2k(params) => j2k::encode_frame(frame, spec, params),
            Encoder::JxlLossless => jxl::encode_frame(frame, spec),
        }
    }
}

/// A frame deflated as Deflated Image Frame Compression wants it: raw RFC 1951 data, no zlib
/// or gzip wrapper (as the Deflated Explicit VR Little Endian data set).
fn deflate(frame: &[u8]) -> Result<Vec<u8>> {
    use std::io::Write;
    let mut z = flate2::write::DeflateEncoder::new(
        Vec::with_capacity(frame.len() / 2),
        flate2::Compression::default(),
    );
    z.write_all(frame)
        .and_then(|()| z.finish())
        .map_err(|e| Error::pixel(format!("cannot deflate a frame: {e}")))
}

/// Encoded pixel data: the encapsulated value, and the Extended Offset Table (offsets,
/// lengths) when one is used.
pub struct Encapsulated {
    pub value: Vec<u8>,
    pub extended: Option<(Vec<u64>, Vec<u64>)>,
}

/// Encodes `frames` frames of `data` (frame after frame) and encapsulates them.
pub fn compress(
    encoder: &Encoder,
    data: &[u8],
    spec: &FrameSpec,
    frames: usize,
    extended: bool,
) -> Result<Encapsulated> {
    if spec.bits_allocated % 8 != 0 {
        return Err(Error::pixel(format!(
            "unable to compress pixel data with {} bits allocated",
            spec.bits_allocated
        )));
    }
    let frame_len = spec.frame_len()?;
    if frames == 0 || frame_len.checked_mul(frames) != Some(data.len()) || frame_len == 0 {
        return Err(Error::pixel(format!(
            "{} bytes of pixel data do not hold {frames} frame(s) of {frame_len} bytes",
            data.len()
        )));
    }
    let encoded = data
        .par_chunks(frame_len)
        .map(|f| encoder.encode(f, spec))
        .collect::<Result<Vec<_>>>()?;
    let refs: Vec<&[u8]> = encoded.iter().map(Vec::as_slice).collect();
    // pydicom's rule: the Basic Offset Table holds offsets below 2**32
    let last_offset: u64 = refs[..refs.len() - 1]
        .iter()
        .map(|f| f.len() as u64 + 8)
        .sum();
    if extended || last_offset > u64::from(u32::MAX) {
        let (value, offsets, lengths) = encaps::encapsulate_extended(&refs)?;
        return Ok(Encapsulated {
            value,
            extended: Some((offsets, lengths)),
        });
    }
    Ok(Encapsulated {
        value: encaps::encapsulate(&refs, true)?,
        extended: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rle_frames_encapsulated_with_offsets() {
        let spec = FrameSpec {
            rows: 2,
            cols: 3,
            samples_per_pixel: 1,
            bits_allocated: 16,
            bits_stored: 16,
            signed: false,
            photometric: "MONOCHROME2".into(),
            planar_configuration: 0,
        };
        let data: Vec<u8> = (0..24).collect();
        let rle = transfer_syntax::by_keyword("RLELossless").unwrap().uid;
        let enc = Encoder::for_transfer_syntax(rle, &Options::default()).unwrap();
        let out = compress(&enc, &data, &spec, 2, false).unwrap();
        assert!(out.extended.is_none());
        let parsed = encaps::Encapsulated::parse(&out.value).unwrap();
        assert_eq!(parsed.bot.len(), 2);
        assert_eq!(parsed.fragments.len(), 2);
        let mut decoded = vec![0u8; 12];
        let info = rle::FrameInfo {
            rows: 2,
            columns: 3,
            samples_per_pixel: 1,
            bits_allocated: 16,
        };
        rle::decode_frame(&out.value[parsed.fragments[1].clone()], &info, &mut decoded).unwrap();
        assert_eq!(decoded, &data[12..]);
        let ext = compress(&enc, &data, &spec, 2, true).unwrap();
        let (offsets, lengths) = ext.extended.unwrap();
        assert_eq!(offsets[0], 0);
        assert_eq!(offsets[1], lengths[0] + 8);
        assert!(compress(&enc, &data[1..], &spec, 2, false).is_err());
    }
}
