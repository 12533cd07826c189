//! JPEG decoding (ISO/IEC 10918-1) for the transfer syntaxes JPEGBaseline8Bit,
//! JPEGExtended12Bit, JPEGLossless (process 14) and JPEGLosslessSV1 (its selection value 1),
//! with libjpeg-turbo 3 (see docs/jpeg.md).
//!
//! The result equals pydicom 3's `pixel_array` for the frame: libjpeg-turbo returns the
//! components as coded (like GDCM, pydicom's first plugin), then pydicom's own steps follow:
//! its reading of Planar Configuration, its unused-bits correction and its YBR_FULL → RGB
//! conversion, under its rules for when the codestream overrides Photometric Interpretation.

mod encoder;
mod markers;
mod turbo;

pub use encoder::{encode_frame, Process};

use super::{color, samples, FrameSpec};
use crate::error::{Error, Result};
use turbo::{Decompressor, Output};

/// Decodes one JPEG frame into `out` (`spec.frame_len()` bytes), laid out as one frame of
/// pydicom's `pixel_array`: interleaved samples, little-endian items of Bits Allocated bits.
pub fn decode_frame(data: &[u8], spec: &FrameSpec, out: &mut [u8]) -> Result<()> {
    decode_frame_as(data, spec, out, true)
}

/// [`decode_frame`] with pydicom's `as_rgb`: false keeps YBR_FULL and YBR_FULL_422 data as
/// YCbCr (upsampled, as libjpeg-turbo returns it). A codestream that JFIF says is YCbCr in a
/// data set that says it is not YBR is still converted, so the result is in the colour space
/// the data set names.
pub fn decode_frame_as(data: &[u8], spec: &FrameSpec, out: &mut [u8], as_rgb: bool) -> Result<()> {
    spec.check_frame(out)?;
    if !matches!(spec.samples_per_pixel, 1 | 3) {
        return Err(Error::pixel(format!(
            "JPEG pixel data with {} samples per pixel is not supported",
            spec.samples_per_pixel
        )));
    }
    if !matches!(spec.bits_allocated, 8 | 16) {
        return Err(Error::pixel(format!(
            "JPEG pixel data with Bits Allocated {} is not supported",
            spec.bits_allocated
        )));
    }
    let header = markers::read_header(data)?;
    check_header(&header, spec)?;
    let to_rgb = converts_to_rgb(&header, spec, as_rgb);
    if to_rgb && (spec.bits_allocated != 8 || spec.signed) {
        // pydicom's convert_color_space only takes uint8 arrays and raises otherwise.
        return Err(Error::pixel(format!(
            "cannot convert {} pixel data with Bits Allocated {} ({}) to RGB",
            spec.photometric.trim(),
            spec.bits_allocated,
            if spec.signed { "signed" } else { "unsigned" },
        )));
    }

    let stream = markers::prepare(data, &header);
    let mut dec = Decompressor::new(spec.pixels()?)?;
    dec.set_fancy_upsampling(!header.upsample_by_replication())?;
    let info = dec.read_header(&stream)?;
    if (info.width, info.height, info.precision, info.components)
        != (
            usize::from(header.cols),
            usize::from(header.rows),
            header.precision,
            header.component_ids.len(),
        )
    {
        return Err(Error::pixel(format!(
            "libjpeg-turbo reads the JPEG header differently ({info:?}) from {header:?}"
        )));
    }
    decode_samples(&mut dec, &stream, &info, spec, out)?;

    if spec.samples_per_pixel == 3 && spec.planar_configuration == 1 {
        samples::read_interleaved_as_planar(out, 3, usize::from(spec.bits_allocated / 8));
    }
    samples::correct_unused_bits(out, spec);
    if to_rgb {
        color::ybr_full_to_rgb(out);
    }
    Ok(())
}

/// The codestream must describe the frame the data set describes. Its precision may differ
/// from Bits Stored (pydicom then masks or sign-extends to Bits Stored), but must fit the
/// items: pydicom returns garbage for a 12-bit codestream in 8-bit items, this is an error.
fn check_header(header: &markers::Header, spec: &FrameSpec) -> Result<()> {
    if (u32::from(header.rows), u32::from(header.cols)) != (spec.rows, spec.cols) {
        return Err(Error::pixel(format!(
            "the JPEG frame is {} x {} pixels but Rows x Columns is {} x {}",
            header.rows, header.cols, spec.rows, spec.cols
        )));
    }
    if header.component_ids.len() != usize::from(spec.samples_per_pixel) {
        return Err(Error::pixel(format!(
            "the JPEG frame has {} components but Samples per Pixel is {}",
            header.component_ids.len(),
            spec.samples_per_pixel
        )));
    }
    if !(2..=16).contains(&header.precision) || u16::from(header.precision) > spec.bits_allocated {
        return Err(Error::pixel(format!(
            "JPEG sample precision {} does not fit Bits Allocated {}",
            header.precision, spec.bits_allocated
        )));
    }
    Ok(())
}

/// Whether pydicom converts the frame to RGB: its `_conform_jpg_colorspace` first takes
/// component IDs 'R','G','B' (or 'r','g','b') as RGB, and a JFIF segment as YBR_FULL(_422)
/// unless the data set already says YBR; `as_rgb` (its default) then converts YBR_FULL and
/// YBR_FULL_422.
fn converts_to_rgb(header: &markers::Header, spec: &FrameSpec, as_rgb: bool) -> bool {
    if spec.samples_per_pixel != 3 {
        return false;
    }
    if matches!(header.component_ids.as_slice(), b"RGB" | b"rgb") {
        return false;
    }
    let pi = spec.photometric.trim();
    (header.jfif && !pi.contains("YBR")) || (as_rgb && matches!(pi, "YBR_FULL" | "YBR_FULL_422"))
}

/// Decodes into `out`, directly where the item size matches the JPEG precision.
fn decode_samples(
    dec: &mut Decompressor,
    stream: &[u8],
    info: &turbo::Info,
    spec: &FrameSpec,
    out: &mut [u8],
) -> Result<()> {
    if info.precision <= 8 {
        if spec.bits_allocated == 8 {
            return dec.decompress(stream, info, Output::U8(out));
        }
        let mut narrow = vec![0u8; spec.samples()?];
        dec.decompress(stream, info, Output::U8(&mut narrow))?;
        samples::widen_u8(&narrow, out);
        return Ok(());
    }
    // SAFETY: every bit pattern is a valid u16; align_to_mut only reinterprets the aligned
    // middle part of the buffer.
    let (head, items, tail) = unsafe { out.align_to_mut::<u16>() };
    if head.is_empty() && tail.is_empty() {
        dec.decompress(stream, info, Output::U16(items))?;
        items.iter_mut().for_each(|v| *v = v.to_le());
    } else {
        let mut aligned = vec![0u16; spec.samples()?];
        dec.decompress(stream, info, Output::U16(&mut aligned))?;
        for (o, v) in out.chunks_exact_mut(2).zip(&aligned) {
            o.copy_from_slice(&v.to_le_bytes());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::turbo::encode::{compress, Params};
    use super::*;
    use turbojpeg_sys as tj;

    fn spec(rows: u32, cols: u32, spp: u16, ba: u16, bs: u16, pi: &str) -> FrameSpec {
        FrameSpec {
            rows,
            cols,
            samples_per_pixel: spp,
            bits_allocated: ba,
            bits_stored: bs,
            signed: false,
            photometric: pi.into(),
            planar_configuration: 0,
        }
    }

    fn decode(data: &[u8], spec: &FrameSpec) -> Result<Vec<u8>> {
        let mut out = vec![0; spec.frame_len()?];
        decode_frame(data, spec, &mut out)?;
        Ok(out)
    }

    fn u16s(bytes: &[u8]) -> Vec<u16> {
        bytes
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect()
    }

    /// A smooth image with noise, `components` interleaved samples below 2^precision.
    fn image(w: usize, h: usize, components: usize, precision: u8, seed: u32) -> Vec<u16> {
        let max = (1u32 << precision) - 1;
        let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
        (0..w * h * components)
            .map(|i| {
                let (px, c) = (i / components, i % components);
                let (x, y) = ((px % w) as f64, (px / w) as f64);
                let smooth = ((x / (5.0 + c as f64)).sin() + (y / 7.0).cos() + 2.0) / 4.0;
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                let noise = f64::from(state % 9) / 8.0 - 0.5;
                ((smooth + noise * 0.1).clamp(0.0, 1.0) * f64::from(max)).round() as u16
            })
            .collect()
    }

    fn lossless(precision: u8, psv: i32, pt: i32, components: usize) -> Params {
        Params {
            precision,
            quality: 95,
            components,
            lossless: Some((psv, pt)),
            subsamp: tj::TJSAMP_TJSAMP_444,
            rgb: components == 3,
            options: &[],
        }
    }

    fn lossy(precision: u8, components: usize, subsamp: tj::TJSAMP, rgb: bool) -> Params {
        Params {
            precision,
            quality: 95,
            components,
            lossless: None,
            subsamp,
            rgb,
            options: &[],
        }
    }

    const PROGRESSIVE: &[(tj::TJPARAM, i32)] = &[(tj::TJPARAM_TJPARAM_PROGRESSIVE, 1)];
    const ARITHMETIC: &[(tj::TJPARAM, i32)] = &[(tj::TJPARAM_TJPARAM_ARITHMETIC, 1)];
    const RESTARTS: &[(tj::TJPARAM, i32)] = &[(tj::TJPARAM_TJPARAM_RESTARTROWS, 1)];

    fn with(p: Params, options: &'static [(tj::TJPARAM, i32)]) -> Params {
        Params { options, ..p }
    }

    /// libjpeg-turbo's own decoding (with its own YCbCr → RGB conversion for colour).
    fn libjpeg_rgb8(data: &[u8], w: usize, h: usize, components: usize) -> Vec<u8> {
        let mut out = vec![0u8; w * h * components];
        let pf = if components == 1 {
            tj::TJPF_TJPF_GRAY
        } else {
            tj::TJPF_TJPF_RGB
        };
        // SAFETY: `out` holds the w × h × components samples the header describes.
        unsafe {
            let handle = tj::tj3Init(tj::TJINIT_TJINIT_DECOMPRESS as i32);
            let size = data.len() as tj::size_t;
            let status = tj::tj3Decompress8(handle, data.as_ptr(), size, out.as_mut_ptr(), 0, pf);
            tj::tj3Destroy(handle);
            assert_eq!(status, 0);
        }
        out
    }

    fn max_diff(a: &[u8], b: &[u8]) -> u8 {
        assert_eq!(a.len(), b.len());
        a.iter().zip(b).map(|(x, y)| x.abs_diff(*y)).max().unwrap()
    }

    #[test]
    fn lossless_round_trips_every_precision_and_predictor() {
        let (w, h) = (13, 11);
        for precision in 2..=16u8 {
            let ba = if precision <= 8 { 8 } else { 16 };
            for psv in 1..=7 {
                let src = image(w, h, 1, precision, u32::from(precision) * 10 + psv as u32);
                let data = compress(&src, w, h, &lossless(precision, psv, 0, 1));
                let s = spec(
                    h as u32,
                    w as u32,
                    1,
                    ba,
                    u16::from(precision),
                    "MONOCHROME2",
                );
                let out = decode(&data, &s).unwrap();
                let got: Vec<u16> = if ba == 8 {
                    out.iter().map(|&b| u16::from(b)).collect()
                } else {
                    u16s(&out)
                };
                assert_eq!(got, src, "precision {precision}, predictor {psv}");
            }
        }
    }

    #[test]
    fn lossless_point_transform_drops_low_bits() {
        let (w, h) = (16, 9);
        let src = image(w, h, 1, 16, 3);
        let data = compress(&src, w, h, &lossless(16, 6, 3, 1));
        let out = decode(&data, &spec(9, 16, 1, 16, 16, "MONOCHROME2")).unwrap();
        let expected: Vec<u16> = src.iter().map(|v| v & !7).collect();
        assert_eq!(u16s(&out), expected);
    }

    #[test]
    fn lossless_colour_is_exact() {
        let (w, h) = (10, 7);
        for precision in [8, 16] {
            let src = image(w, h, 3, precision, 5);
            let data = compress(&src, w, h, &lossless(precision, 1, 0, 3));
            let ba = u16::from(precision);
            for pi in ["RGB", "YBR_FULL"] {
                // Component IDs 'R','G','B' make pydicom take the data as RGB whatever the
                // data set says.
                let out = decode(&data, &spec(7, 10, 3, ba, ba, pi)).unwrap();
                let got: Vec<u16> = if precision == 8 {
                    out.iter().map(|&b| u16::from(b)).collect()
                } else {
                    u16s(&out)
                };
                assert_eq!(got, src);
            }
        }
    }

    #[test]
    fn eight_bit_codestream_widens_into_16_bit_items() {
        let (w, h) = (9, 4);
        let src = image(w, h, 1, 8, 7);
        let data = compress(&src, w, h, &lossless(8, 1, 0, 1));
        let out = decode(&data, &spec(4, 9, 1, 16, 8, "MONOCHROME2")).unwrap();
        assert_eq!(u16s(&out), src);
    }

    #[test]
    fn unused_bits_are_masked_or_sign_extended() {
        let (w, h) = (8, 8);
        // 16-bit codestream whose high 4 bits are junk above a 12-bit signed value.
        let src: Vec<u16> = (0..w * h).map(|i| 0xA000 | (i as u16 * 61)).collect();
        let data = compress(&src, w, h, &lossless(16, 1, 0, 1));
        let mut s = spec(8, 8, 1, 16, 12, "MONOCHROME2");
        let unsigned = u16s(&decode(&data, &s).unwrap());
        assert_eq!(unsigned, src.iter().map(|v| v & 0x0FFF).collect::<Vec<_>>());
        s.signed = true;
        let signed: Vec<i16> = u16s(&decode(&data, &s).unwrap())
            .into_iter()
            .map(|v| v as i16)
            .collect();
        let expected: Vec<i16> = src.iter().map(|&v| ((v << 4) as i16) >> 4).collect();
        assert_eq!(signed, expected);
        assert!(signed.iter().any(|&v| v < 0));
    }

    #[test]
    fn baseline_grayscale_is_libjpegs_decoding() {
        let (w, h) = (33, 17);
        let src = image(w, h, 1, 8, 9);
        let data = compress(&src, w, h, &lossy(8, 1, tj::TJSAMP_TJSAMP_GRAY, false));
        let out = decode(&data, &spec(17, 33, 1, 8, 8, "MONOCHROME2")).unwrap();
        assert_eq!(out, libjpeg_rgb8(&data, w, h, 1));
        let src8: Vec<u8> = src.iter().map(|&v| v as u8).collect();
        assert!(max_diff(&out, &src8) <= 16);
        // Signed: the same bits, read as int8 by the caller.
        let mut s = spec(17, 33, 1, 8, 8, "MONOCHROME2");
        s.signed = true;
        assert_eq!(decode(&data, &s).unwrap(), out);
    }

    #[test]
    fn ycbcr_is_converted_to_rgb_like_pydicom() {
        let (w, h) = (21, 14);
        let src = image(w, h, 3, 8, 11);
        for subsamp in [
            tj::TJSAMP_TJSAMP_444,
            tj::TJSAMP_TJSAMP_422,
            tj::TJSAMP_TJSAMP_420,
        ] {
            let data = compress(&src, w, h, &lossy(8, 3, subsamp, false));
            let libjpeg = libjpeg_rgb8(&data, w, h, 3);
            let ybr = decode(&data, &spec(14, 21, 3, 8, 8, "YBR_FULL_422")).unwrap();
            // pydicom's float conversion vs libjpeg's fixed-point one.
            assert!(max_diff(&ybr, &libjpeg) <= 1, "subsampling {subsamp}");
            // TurboJPEG writes a JFIF segment: pydicom then takes RGB as YBR_FULL_422 too.
            assert_eq!(decode(&data, &spec(14, 21, 3, 8, 8, "RGB")).unwrap(), ybr);
            assert_eq!(
                decode(&data, &spec(14, 21, 3, 8, 8, "YBR_FULL")).unwrap(),
                ybr
            );
            // Other YBR interpretations are not converted: the raw YCbCr comes back.
            let raw = decode(&data, &spec(14, 21, 3, 8, 8, "YBR_PARTIAL_420")).unwrap();
            assert!(max_diff(&raw, &ybr) > 50);
            // as_rgb false: YBR_FULL(_422) is that YCbCr; a data set saying RGB of a JFIF
            // codestream still gets RGB (the colour space it names)
            for pi in ["YBR_FULL", "YBR_FULL_422"] {
                let s = spec(14, 21, 3, 8, 8, pi);
                let mut out = vec![0; s.frame_len().unwrap()];
                decode_frame_as(&data, &s, &mut out, false).unwrap();
                assert_eq!(out, raw);
            }
            let s = spec(14, 21, 3, 8, 8, "RGB");
            let mut out = vec![0; s.frame_len().unwrap()];
            decode_frame_as(&data, &s, &mut out, false).unwrap();
            assert_eq!(out, ybr);
        }
    }

    #[test]
    fn rgb_coded_frames_are_not_converted() {
        let (w, h) = (12, 10);
        let src = image(w, h, 3, 8, 13);
        let data = compress(&src, w, h, &lossy(8, 3, tj::TJSAMP_TJSAMP_444, true));
        let libjpeg = libjpeg_rgb8(&data, w, h, 3);
        for pi in ["RGB", "YBR_FULL_422"] {
            assert_eq!(decode(&data, &spec(10, 12, 3, 8, 8, pi)).unwrap(), libjpeg);
        }
    }

    #[test]
    fn planar_configuration_1_is_read_as_pydicom_does() {
        let (w, h) = (5, 3);
        let src = image(w, h, 3, 8, 17);
        let data = compress(&src, w, h, &lossless(8, 1, 0, 3));
        let mut s = spec(3, 5, 3, 8, 8, "RGB");
        s.planar_configuration = 1;
        let out = decode(&data, &s).unwrap();
        // pydicom reads the interleaved decoded buffer as three planes.
        let n = w * h;
        for i in 0..n {
            for c in 0..3 {
                assert_eq!(u16::from(out[i * 3 + c]), src[c * n + i]);
            }
        }
    }

    #[test]
    fn twelve_bit_lossy() {
        let (w, h) = (24, 16);
        let src = image(w, h, 1, 12, 19);
        let data = compress(&src, w, h, &lossy(12, 1, tj::TJSAMP_TJSAMP_GRAY, false));
        let out = u16s(&decode(&data, &spec(16, 24, 1, 16, 12, "MONOCHROME2")).unwrap());
        let worst = out.iter().zip(&src).map(|(a, b)| a.abs_diff(*b)).max();
        assert!(worst.unwrap() <= 64, "{worst:?}");
        let masked = u16s(&decode(&data, &spec(16, 24, 1, 16, 10, "MONOCHROME2")).unwrap());
        assert_eq!(masked, out.iter().map(|v| v & 0x3FF).collect::<Vec<_>>());
        // pydicom cannot convert 16-bit YBR to RGB.
        let colour = image(w, h, 3, 12, 23);
        let data = compress(&colour, w, h, &lossy(12, 3, tj::TJSAMP_TJSAMP_444, false));
        let err = decode(&data, &spec(16, 24, 3, 16, 12, "YBR_FULL")).unwrap_err();
        assert!(err.to_string().contains("to RGB"), "{err}");
        assert!(decode(&data, &spec(16, 24, 3, 16, 12, "YBR_ICT")).is_ok());
    }

    /// Sets Ss, Se and Ah/Al of every SOS segment to zero, as some modalities write them.
    fn zero_scan_parameters(data: &mut [u8]) -> usize {
        let mut patched = 0;
        let mut i = 0;
        while let Some(at) = data[i..].windows(2).position(|w| w == [0xFF, 0xDA]) {
            let sos = i + at;
            let ss = sos + 5 + 2 * usize::from(data[sos + 4]);
            data[ss..ss + 3].fill(0);
            patched += 1;
            i = sos + 2;
        }
        patched
    }

    #[test]
    fn sequential_scans_with_zero_spectral_selection_decode() {
        let (w, h) = (24, 16);
        for (precision, ba, components, options) in [
            (8, 8, 1, &[][..]),
            (12, 16, 1, &[][..]),
            (8, 8, 3, &[][..]),
            (12, 16, 3, &[][..]),
            (8, 8, 1, ARITHMETIC),
            (8, 8, 1, RESTARTS),
        ] {
            let src = image(w, h, components, precision, 41);
            let samp = if components == 3 {
                tj::TJSAMP_TJSAMP_444
            } else {
                tj::TJSAMP_TJSAMP_GRAY
            };
            let params = with(lossy(precision, components, samp, components == 3), options);
            let mut data = compress(&src, w, h, &params);
            let pi = if components == 3 {
                "RGB"
            } else {
                "MONOCHROME2"
            };
            let s = spec(16, 24, components as u16, ba, u16::from(precision), pi);
            let expected = decode(&data, &s).unwrap();
            assert_eq!(zero_scan_parameters(&mut data), 1);
            assert_eq!(
                decode(&data, &s).unwrap(),
                expected,
                "{precision} {options:?}"
            );
        }
        // Only all-zero parameters are taken for the sequential ones.
        let mut data = compress(
            &image(w, h, 1, 8, 43),
            w,
            h,
            &lossy(8, 1, tj::TJSAMP_TJSAMP_GRAY, false),
        );
        let sos = data.windows(2).position(|win| win == [0xFF, 0xDA]).unwrap();
        data[sos + 7] = 10;
        let err = decode(&data, &spec(16, 24, 1, 8, 8, "MONOCHROME2")).unwrap_err();
        assert!(err.to_string().contains("Invalid SOS parameters"), "{err}");
    }

    #[test]
    fn header_must_match_the_data_set() {
        let (w, h) = (8, 6);
        let data = compress(&image(w, h, 1, 12, 29), w, h, &lossless(12, 1, 0, 1));
        let ok = spec(6, 8, 1, 16, 12, "MONOCHROME2");
        assert!(decode(&data, &ok).is_ok());
        let cases = [
            (spec(6, 9, 1, 16, 12, "MONOCHROME2"), "Rows x Columns"),
            (spec(7, 8, 1, 16, 12, "MONOCHROME2"), "Rows x Columns"),
            (spec(6, 8, 3, 16, 12, "RGB"), "components"),
            (spec(6, 8, 1, 8, 8, "MONOCHROME2"), "precision 12"),
            (spec(6, 8, 1, 32, 12, "MONOCHROME2"), "Bits Allocated 32"),
            (spec(6, 8, 2, 16, 12, "MONOCHROME2"), "2 samples"),
        ];
        for (s, msg) in cases {
            let err = decode(&data, &s).unwrap_err().to_string();
            assert!(err.contains(msg), "{err}");
        }
        let mut out = vec![0; 95];
        assert!(decode_frame(&data, &ok, &mut out).is_err());
        assert!(decode(b"not a JPEG", &ok).is_err());
        assert!(decode(&[], &ok).is_err());
    }

    #[test]
    fn progressive_arithmetic_and_restarts() {
        let (w, h) = (40, 24);
        let src = image(w, h, 3, 8, 53);
        let s = spec(24, 40, 3, 8, 8, "YBR_FULL_422");
        let base = lossy(8, 3, tj::TJSAMP_TJSAMP_420, false);
        let plain = decode(&compress(&src, w, h, &base), &s).unwrap();
        for options in [PROGRESSIVE, ARITHMETIC, RESTARTS] {
            let data = compress(&src, w, h, &with(lossy(8, 3, 2, false), options));
            let out = decode(&data, &s).unwrap();
            assert_eq!(out, plain, "{options:?}");
        }
    }

    #[test]
    fn missing_eoi_and_padding_are_tolerated_when_unambiguous() {
        let (w, h) = (16, 16);
        let src = image(w, h, 3, 8, 31);
        let s = spec(16, 16, 3, 8, 8, "YBR_FULL_422");
        let data = compress(&src, w, h, &lossy(8, 3, 2, false));
        let full = decode(&data, &s).unwrap();
        assert_eq!(decode(&data[..data.len() - 2], &s).unwrap(), full);
        let padded = [data.as_slice(), &[0]].concat();
        assert_eq!(decode(&padded, &s).unwrap(), full);
        // A progressive or arithmetic-coded frame cut before EOI may be missing scans or data
        // that libjpeg cannot notice: without EOI it is an error.
        for options in [PROGRESSIVE, ARITHMETIC] {
            let data = compress(&src, w, h, &with(lossy(8, 3, 2, false), options));
            assert!(decode(&data, &s).is_ok());
            let err = decode(&data[..data.len() - 2], &s).unwrap_err().to_string();
            assert!(err.contains("Premature end"), "{err}");
        }
    }

    /// Every truncation gives an error or (when only EOI or padding bits are cut) the full
    /// image; flipped bytes never crash.
    #[test]
    fn corrupt_codestreams_give_errors_not_crashes() {
        let (w, h) = (24, 16);
        let colour = image(w, h, 3, 8, 37);
        let gray12 = image(w, h, 1, 12, 41);
        let gray16 = image(w, h, 1, 16, 43);
        let ybr = spec(16, 24, 3, 8, 8, "YBR_FULL_422");
        let cases = [
            (lossy(8, 3, 2, false), &colour, ybr.clone()),
            (
                with(lossy(8, 3, 2, false), PROGRESSIVE),
                &colour,
                ybr.clone(),
            ),
            (
                with(lossy(8, 3, 2, false), ARITHMETIC),
                &colour,
                ybr.clone(),
            ),
            (with(lossy(8, 3, 2, false), RESTARTS), &colour, ybr),
            (
                lossy(12, 1, 3, false),
                &gray12,
                spec(16, 24, 1, 16, 12, "MONOCHROME2"),
            ),
            (
                lossless(16, 7, 0, 1),
                &gray16,
                spec(16, 24, 1, 16, 16, "MONOCHROME2"),
            ),
        ]
        .map(|(params, src, s)| (compress(src, w, h, &params), s));
        for (data, s) in &cases {
            let full = decode(data, s).unwrap();
            for cut in 0..data.len() {
                if let Ok(out) = decode(&data[..cut], s) {
                    assert!(
                        cut >= data.len() - 4 && out == full,
                        "cut at {cut} of {}",
                        data.len()
                    );
                }
            }
            for at in 0..data.len() {
                for flip in [0xFF, 0x01, 0x80] {
                    let mut bad = data.clone();
                    bad[at] ^= flip;
                    let _ = decode(&bad, s);
                }
            }
        }
    }

    #[test]
    fn concurrent_decoding() {
        let (w, h) = (64, 48);
        let data = compress(&image(w, h, 3, 8, 47), w, h, &lossy(8, 3, 1, false));
        let s = spec(48, 64, 3, 8, 8, "YBR_FULL_422");
        let expected = decode(&data, &s).unwrap();
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4)
                .map(|_| scope.spawn(|| (0..20).all(|_| decode(&data, &s).unwrap() == expected)))
                .collect();
            assert!(handles.into_iter().all(|t| t.join().unwrap()));
        });
    }
}
