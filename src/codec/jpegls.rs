//! JPEG-LS lossless (JPEGLSLossless) and near-lossless (JPEGLSNearLossless) through CharLS 2.4.
//!
//! Decoding mirrors pydicom 3's `pixel_array`: samples come out in a container sized by the
//! codestream precision, are widened into Bits Allocated, sign-extended from the precision when
//! Pixel Representation is 1 (JPEG-LS has no notion of sign), and pydicom's colour-space
//! conformance (RGB component IDs, JFIF APP marker) and YBR_FULL → RGB conversion are applied.

use std::borrow::Cow;
use std::ffi::{c_void, CStr};

use charls_sys as ffi;

use super::color::to_rgb_if_ybr;
use super::samples::{fill, map_in_place, read_le, SampleMap};
use super::FrameSpec;
use crate::error::{Error, Result};

// Part of CharLS's C API but missing from charls-sys's generated bindings.
extern "C" {
    fn charls_jpegls_decoder_get_interleave_mode(
        decoder: *const ffi::charls_jpegls_decoder,
        interleave_mode: *mut ffi::charls_interleave_mode,
    ) -> ffi::charls_jpegls_errc;
}

fn check(code: ffi::charls_jpegls_errc, what: &str) -> Result<()> {
    if code == ffi::charls_jpegls_errc_success {
        return Ok(());
    }
    // SAFETY: CharLS returns a pointer to a static NUL-terminated string for any code.
    let msg = unsafe { CStr::from_ptr(ffi::charls_get_error_message(code)) };
    Err(Error::pixel(format!(
        "JPEG-LS {what} failed: {}",
        msg.to_string_lossy()
    )))
}

/// Owns a CharLS decoder instance.
struct Decoder(*mut ffi::charls_jpegls_decoder);

impl Decoder {
    /// A decoder reading from `data`, which must outlive it (enforced by the borrow in `decode_frame`).
    fn new(data: &[u8]) -> Result<Self> {
        // SAFETY: plain constructor; a null result is handled below.
        let ptr = unsafe { ffi::charls_jpegls_decoder_create() };
        if ptr.is_null() {
            return Err(Error::pixel("unable to create a JPEG-LS decoder"));
        }
        let dec = Decoder(ptr);
        // SAFETY: `dec.0` is a live decoder; CharLS only reads `data.len()` bytes from the pointer.
        check(
            unsafe {
                ffi::charls_jpegls_decoder_set_source_buffer(
                    dec.0,
                    data.as_ptr().cast(),
                    data.len(),
                )
            },
            "decoding",
        )?;
        // SAFETY: live decoder with a source buffer set.
        check(
            unsafe { ffi::charls_jpegls_decoder_read_header(dec.0) },
            "header parsing",
        )?;
        Ok(dec)
    }

    fn frame_info(&self) -> Result<ffi::charls_frame_info> {
        let mut info = ffi::charls_frame_info {
            width: 0,
            height: 0,
            bits_per_sample: 0,
            component_count: 0,
        };
        // SAFETY: the header has been read; `info` is a valid out pointer.
        check(
            unsafe { ffi::charls_jpegls_decoder_get_frame_info(self.0, &mut info) },
            "header parsing",
        )?;
        Ok(info)
    }

    fn interleave_mode(&self) -> Result<ffi::charls_interleave_mode> {
        let mut mode = ffi::charls_interleave_mode_none;
        // SAFETY: the header has been read; `mode` is a valid out pointer.
        check(
            unsafe { charls_jpegls_decoder_get_interleave_mode(self.0, &mut mode) },
            "header parsing",
        )?;
        Ok(mode)
    }

    /// Decodes the whole image into `dst` with rows of `stride` bytes (planar when the
    /// codestream's interleave mode is "none").
    fn decode_into(&self, dst: &mut [u8], stride: u32) -> Result<()> {
        // SAFETY: `dst` is writable for `dst.len()` bytes; CharLS checks the size against the
        // header before writing and never writes past `dst.len()`.
        check(
            unsafe {
                ffi::charls_jpegls_decoder_decode_to_buffer(
                    self.0,
                    dst.as_mut_ptr().cast::<c_void>(),
                    dst.len(),
                    stride,
                )
            },
            "decoding",
        )
    }
}

impl Drop for Decoder {
    fn drop(&mut self) {
        // SAFETY: created by charls_jpegls_decoder_create and destroyed exactly once.
        unsafe { ffi::charls_jpegls_decoder_destroy(self.0) }
    }
}

/// Decodes one JPEG-LS frame into `out` (one frame of `pixel_array`, see the module docs).
pub fn decode_frame(data: &[u8], spec: &FrameSpec, out: &mut [u8]) -> Result<()> {
    spec.check_frame(out)?;
    let stream = with_end_marker(data);
    let dec = Decoder::new(&stream)?;
    let info = dec.frame_info()?;
    let spp = usize::from(spec.samples_per_pixel);
    if info.width != spec.cols
        || info.height != spec.rows
        || usize::try_from(info.component_count).ok() != Some(spp)
    {
        return Err(Error::pixel(format!(
            "JPEG-LS frame is {}x{} with {} component(s), the data set says {}x{} with {}",
            info.width, info.height, info.component_count, spec.cols, spec.rows, spp
        )));
    }
    let precision = u32::try_from(info.bits_per_sample).unwrap_or(0);
    // pydicom's plugins return 8-bit containers up to precision 8, 16-bit ones above.
    let container = if precision <= 8 { 1 } else { 2 };
    let item = usize::from(spec.bits_allocated / 8);
    if !(2..=16).contains(&precision) || container > item {
        return Err(Error::pixel(format!(
            "JPEG-LS precision {precision} does not fit Bits Allocated {}",
            spec.bits_allocated
        )));
    }
    // Signed data: pydicom sign-extends from the codestream precision; unsigned data is only
    // widened.
    let map = SampleMap::new(
        if spec.signed {
            precision
        } else {
            8 * container as u32
        },
        spec.signed,
    );
    let planar = spp > 1 && dec.interleave_mode()? == ffi::charls_interleave_mode_none;
    let row_bytes = spec.cols as usize * container * if planar { 1 } else { spp };
    let stride = u32::try_from(row_bytes).map_err(|_| Error::pixel("JPEG-LS row too long"))?;

    if container == item && !planar {
        dec.decode_into(out, stride)?;
        if !map.is_identity_for(8 * container as u32) {
            map_in_place(out, item, map);
        }
    } else {
        // Narrower container or colour-by-plane: decode aside (never larger than `out`), then
        // widen/interleave in one pass.
        let pixels = spec.pixels()?;
        let mut tmp = vec![0u8; pixels * spp * container];
        dec.decode_into(&mut tmp, stride)?;
        if planar {
            fill(out, item, spp, map, |k, i| {
                read_le(&tmp, container, k * pixels + i)
            });
        } else {
            fill(out, item, spp, map, |k, i| {
                read_le(&tmp, container, i * spp + k)
            });
        }
    }
    to_rgb_if_ybr(&conformed_photometric(data, spec), spec, out)
}

/// `data`, or a copy with an EOI marker appended when its last marker is not EOI.
///
/// CharLS 2.4's bit reader only stops at a marker: on a scan cut short it reads zero bits until
/// a 32-bit counter wraps (seconds of CPU per frame, also in pyjpegls). With a marker after every
/// scan, truncated data fails at once; a complete stream that only lacks its EOI then decodes,
/// as pydicom's pylibjpeg-libjpeg fallback decodes it.
fn with_end_marker(data: &[u8]) -> Cow<'_, [u8]> {
    // Inside scan data a 0xFF byte is always followed by a byte below 0x80 (bit stuffing).
    match data.windows(2).rposition(|w| w[0] == 0xFF && w[1] >= 0x80) {
        Some(i) if data[i + 1] == 0xD9 => Cow::Borrowed(data),
        _ => Cow::Owned([data, &[0xFF, 0xD9]].concat()),
    }
}

/// The Photometric Interpretation pydicom uses after checking the codestream
/// (`DecodeRunner._conform_jpg_colorspace`): RGB component IDs force RGB, a JFIF APP marker
/// forces YBR_FULL.
fn conformed_photometric(data: &[u8], spec: &FrameSpec) -> String {
    let pi = spec.photometric.trim();
    if spec.samples_per_pixel != 3 {
        return pi.to_string();
    }
    let Some(info) = parse_markers(data) else {
        return pi.to_string();
    };
    if matches!(info.component_ids.as_slice(), [82, 71, 66] | [114, 103, 98]) && pi != "RGB" {
        return "RGB".to_string();
    }
    if info.jfif && !pi.contains("YBR") {
        return "YBR_FULL".to_string();
    }
    pi.to_string()
}

struct MarkerInfo {
    component_ids: Vec<u8>,
    /// The last segment of some APPn marker starts with "JFIF".
    jfif: bool,
}

/// Mirrors pydicom's `_get_jpg_parameters` for a JPEG-LS stream: `None` wherever pydicom's
/// parser gives up (it then leaves the photometric interpretation alone).
fn parse_markers(src: &[u8]) -> Option<MarkerInfo> {
    const SOF: [u8; 14] = [
        0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF, 0xF7,
    ];
    let u16_at = |o: usize| -> Option<usize> {
        Some(usize::from(u16::from_be_bytes([
            *src.get(o)?,
            *src.get(o + 1)?,
        ])))
    };
    if src.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut app_jfif = [false; 16];
    let mut offset = 2usize;
    let sof_marker = loop {
        let marker = src.get(offset..offset + 2);
        if let Some(&[0xFF, m]) = marker {
            if SOF.contains(&m) {
                break m;
            }
        }
        let length = u16_at(offset + 2)?;
        if let Some(&[0xFF, m @ 0xE0..=0xEF]) = marker {
            // pydicom keeps the last segment of each APPn marker.
            let end = (offset + 2 + length).min(src.len());
            let body = src.get(offset + 4..end).unwrap_or(&[]);
            app_jfif[usize::from(m - 0xE0)] = body.starts_with(b"JFIF");
        }
        offset += length + 2;
    };
    offset += 2;
    let components = usize::from(*src.get(offset + 7)?);
    let component_ids = (0..components)
        .map(|i| src.get(offset + 8 + 3 * i).copied())
        .collect::<Option<Vec<u8>>>()?;
    offset += 8 + 3 * components;
    if sof_marker == 0xF7 {
        // pydicom also reads the SOS segment's NEAR and ILV bytes and fails without them.
        while src.get(offset..offset + 2)? != [0xFF, 0xDA] {
            offset += u16_at(offset + 2)? + 2;
        }
        offset += 5 + 2 * usize::from(*src.get(offset + 4)?);
        src.get(offset + 1)?;
    }
    Some(MarkerInfo {
        component_ids,
        jfif: app_jfif.contains(&true),
    })
}

/// JPEG-LS encoding options, as pydicom's `compress()` takes them.
#[derive(Clone, Debug, Default)]
pub struct EncodeParams {
    /// pydicom's `jls_error`: the NEAR parameter, 0 for lossless (JPEGLSLossless).
    pub near_lossless: u16,
}

/// Owns a CharLS encoder instance.
struct Encoder(*mut ffi::charls_jpegls_encoder);

impl Drop for Encoder {
    fn drop(&mut self) {
        // SAFETY: created by charls_jpegls_encoder_create and destroyed exactly once.
        unsafe { ffi::charls_jpegls_encoder_destroy(self.0) }
    }
}

/// Encodes one frame of native pixel data (`pixels`: little-endian Bits Allocated containers,
/// colour-by-plane when Planar Configuration is 1) like pydicom's pyjpegls encoder: colour-by-plane
/// input gives interleave mode 0, colour-by-pixel input interleave mode 2.
pub fn encode_frame(pixels: &[u8], spec: &FrameSpec, params: &EncodeParams) -> Result<Vec<u8>> {
    spec.check_frame(pixels)?;
    let bits = u32::from(spec.bits_stored);
    if !(2..=16).contains(&bits) || !matches!(spec.samples_per_pixel, 1 | 3) {
        return Err(Error::pixel(format!(
            "JPEG-LS encoding needs Bits Stored 2..=16 and 1 or 3 samples, got {} and {}",
            bits, spec.samples_per_pixel
        )));
    }
    let near = i32::from(params.near_lossless);
    let item = usize::from(spec.bits_allocated / 8);
    let container = if bits <= 8 { 1 } else { 2 };
    if near > 0 && spec.signed {
        check_signed_near_range(pixels, item, bits, near)?;
    }
    // CharLS wants the stored bits only, in a precision-sized container: JPEG-LS has no sign,
    // signed values go in as their two's complement low bits (pydicom's decoder sign-extends).
    let count = pixels.len() / item;
    let mut src = vec![0u8; count * container];
    fill(
        &mut src,
        container,
        1,
        SampleMap::new(bits, false),
        |_, i| read_le(pixels, item, i),
    );

    let interleave = match (spec.samples_per_pixel, spec.planar_configuration) {
        (1, _) | (_, 1) => ffi::charls_interleave_mode_none,
        _ => ffi::charls_interleave_mode_sample,
    };
    let frame = ffi::charls_frame_info {
        width: spec.cols,
        height: spec.rows,
        bits_per_sample: bits as i32,
        component_count: i32::from(spec.samples_per_pixel),
    };
    // SAFETY: plain constructor; a null result is handled below.
    let enc = Encoder(unsafe { ffi::charls_jpegls_encoder_create() });
    if enc.0.is_null() {
        return Err(Error::pixel("unable to create a JPEG-LS encoder"));
    }
    // SAFETY (all calls below): `enc.0` is a live encoder; `frame`, `size` and `written` are valid
    // pointers for the duration of each call; the destination and source buffers are valid for
    // the lengths passed and outlive the encode call.
    check(
        unsafe { ffi::charls_jpegls_encoder_set_frame_info(enc.0, &frame) },
        "encoding",
    )?;
    check(
        unsafe { ffi::charls_jpegls_encoder_set_near_lossless(enc.0, near) },
        "encoding",
    )?;
    check(
        unsafe { ffi::charls_jpegls_encoder_set_interleave_mode(enc.0, interleave) },
        "encoding",
    )?;
    let mut size = 0usize;
    check(
        unsafe { ffi::charls_jpegls_encoder_get_estimated_destination_size(enc.0, &mut size) },
        "encoding",
    )?;
    let mut dst = vec![0u8; size];
    check(
        unsafe {
            ffi::charls_jpegls_encoder_set_destination_buffer(
                enc.0,
                dst.as_mut_ptr().cast(),
                dst.len(),
            )
        },
        "encoding",
    )?;
    check(
        unsafe {
            ffi::charls_jpegls_encoder_encode_from_buffer(enc.0, src.as_ptr().cast(), src.len(), 0)
        },
        "encoding",
    )?;
    let mut written = 0usize;
    check(
        unsafe { ffi::charls_jpegls_encoder_get_bytes_written(enc.0, &mut written) },
        "encoding",
    )?;
    dst.truncate(written);
    Ok(dst)
}

/// pydicom refuses near-lossless encoding of signed values within `near` of the range ends:
/// the error could flip their sign once decoded.
fn check_signed_near_range(pixels: &[u8], item: usize, bits: u32, near: i32) -> Result<()> {
    let map = SampleMap::new(bits, true);
    let (min, max) = (-(1i64 << (bits - 1)), (1i64 << (bits - 1)) - 1);
    let (lo, hi) = (min + i64::from(near), max - i64::from(near));
    let outside = (0..pixels.len() / item).any(|i| {
        let v = map.apply(read_le(pixels, item, i));
        v < lo || v > hi
    });
    if outside {
        return Err(Error::pixel(format!(
            "near-lossless JPEG-LS of signed {bits}-bit samples with an error of {near} supports \
             values in ({lo}, {hi}) only"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::testutil::{corrupt_variants, decoded, max_abs_diff, native, spec, values};

    fn round_trip(spec: &FrameSpec, near: u16) -> i64 {
        let vals = values(spec);
        let cs = encode_frame(
            &native(spec, &vals),
            spec,
            &EncodeParams {
                near_lossless: near,
            },
        )
        .unwrap();
        let mut out = vec![0u8; spec.frame_len().unwrap()];
        decode_frame(&cs, spec, &mut out).unwrap();
        max_abs_diff(&decoded(spec, &out), &vals)
    }

    #[test]
    fn lossless_round_trips_are_exact() {
        for (ba, bs) in [(8, 8), (16, 12), (16, 16), (8, 2), (16, 10)] {
            for signed in [false, true] {
                let s = spec(19, 23, 1, ba, bs, signed, "MONOCHROME2", 0);
                assert_eq!(round_trip(&s, 0), 0, "{ba}/{bs} signed={signed}");
            }
            // Colour-by-pixel (ILV 2) and colour-by-plane (ILV 0) input; output is interleaved.
            for pc in [0, 1] {
                let s = spec(17, 21, 3, ba, bs, false, "RGB", pc);
                assert_eq!(round_trip(&s, 0), 0, "RGB {ba}/{bs} pc={pc}");
            }
        }
    }

    #[test]
    fn near_lossless_stays_within_the_error() {
        let s = spec(31, 29, 1, 16, 12, false, "MONOCHROME2", 0);
        let d = round_trip(&s, 3);
        assert!(d > 0 && d <= 3, "max error {d}");
        let s = spec(31, 29, 3, 8, 8, false, "RGB", 0);
        assert!(round_trip(&s, 2) <= 2);
    }

    #[test]
    fn signed_near_lossless_refuses_values_at_the_range_ends() {
        let s = spec(8, 8, 1, 16, 12, true, "MONOCHROME2", 0);
        let vals = values(&s); // holds -2048 and 2047
        let err = encode_frame(&native(&s, &vals), &s, &EncodeParams { near_lossless: 2 });
        assert!(matches!(err, Err(Error::Pixel(_))));
        let inside: Vec<i64> = vals
            .iter()
            .map(|v| v.clamp(&-2046, &2045))
            .copied()
            .collect();
        assert!(encode_frame(&native(&s, &inside), &s, &EncodeParams { near_lossless: 2 }).is_ok());
    }

    #[test]
    fn signed_values_are_sign_extended_from_the_precision() {
        // A 12-bit stream of raw two's-complement bits decodes as signed only with PR 1, as
        // pydicom's JPEG-LS sign correction does; with PR 0 the raw bits come back unchanged.
        let signed = spec(4, 4, 1, 16, 12, true, "MONOCHROME2", 0);
        let vals = values(&signed);
        let cs = encode_frame(&native(&signed, &vals), &signed, &EncodeParams::default()).unwrap();
        let mut out = vec![0u8; 32];
        decode_frame(&cs, &signed, &mut out).unwrap();
        assert_eq!(decoded(&signed, &out), vals);
        let unsigned = FrameSpec {
            signed: false,
            ..signed.clone()
        };
        decode_frame(&cs, &unsigned, &mut out).unwrap();
        let raw: Vec<i64> = vals.iter().map(|v| v & 0xfff).collect();
        assert_eq!(decoded(&unsigned, &out), raw);
        // An 8-bit stream in a 16-bit container is widened (and sign-extended when signed).
        let s8 = spec(4, 4, 1, 8, 8, true, "MONOCHROME2", 0);
        let cs8 = encode_frame(&native(&s8, &values(&s8)), &s8, &EncodeParams::default()).unwrap();
        let wide = spec(4, 4, 1, 16, 8, true, "MONOCHROME2", 0);
        decode_frame(&cs8, &wide, &mut out).unwrap();
        assert_eq!(decoded(&wide, &out), values(&s8));
    }

    #[test]
    fn ybr_full_is_converted_to_rgb_like_pydicom() {
        let rgb = spec(2, 2, 3, 8, 8, false, "RGB", 0);
        let px = native(
            &rgb,
            &[128, 128, 128, 76, 85, 255, 0, 128, 128, 255, 128, 128],
        );
        let cs = encode_frame(&px, &rgb, &EncodeParams::default()).unwrap();
        let ybr = FrameSpec {
            photometric: "YBR_FULL".into(),
            ..rgb
        };
        let mut out = vec![0u8; 12];
        decode_frame(&cs, &ybr, &mut out).unwrap();
        assert_eq!(out, [128, 128, 128, 254, 0, 0, 0, 0, 0, 255, 255, 255]);
        // Signed or 16-bit YBR cannot be converted (pydicom raises too).
        let ybr16 = spec(2, 2, 3, 16, 12, false, "YBR_FULL", 0);
        let cs16 = encode_frame(
            &native(&ybr16, &values(&ybr16)),
            &ybr16,
            &EncodeParams::default(),
        )
        .unwrap();
        assert!(decode_frame(&cs16, &ybr16, &mut [0u8; 24]).is_err());
    }

    #[test]
    fn photometric_conformance_follows_pydicom() {
        // SOI, APP0 "JFIF", SOF55 with component IDs R G B, SOS with NEAR/ILV.
        let stream = |ids: [u8; 3], app: &[u8]| {
            let mut s = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, (app.len() + 2) as u8];
            s.extend_from_slice(app);
            s.extend_from_slice(&[0xFF, 0xF7, 0x00, 0x11, 0x08, 0x00, 0x02, 0x00, 0x02, 0x03]);
            for id in ids {
                s.extend_from_slice(&[id, 0x11, 0x00]);
            }
            s.extend_from_slice(&[
                0xFF, 0xDA, 0x00, 0x0C, 0x03, 1, 0, 2, 0, 3, 0, 0x00, 0x02, 0x00,
            ]);
            s
        };
        let sp = |pi: &str| spec(2, 2, 3, 8, 8, false, pi, 0);
        let rgb_ids = stream(*b"RGB", b"XXXX");
        assert_eq!(conformed_photometric(&rgb_ids, &sp("YBR_FULL")), "RGB");
        let jfif = stream([1, 2, 3], b"JFIF\0");
        assert_eq!(conformed_photometric(&jfif, &sp("RGB")), "YBR_FULL");
        assert_eq!(
            conformed_photometric(&jfif, &sp("YBR_FULL_422")),
            "YBR_FULL_422"
        );
        // RGB IDs with PI RGB fall through to the JFIF check, as in pydicom.
        let both = stream(*b"rgb", b"JFIF\0");
        assert_eq!(conformed_photometric(&both, &sp("RGB")), "YBR_FULL");
        // pydicom ignores everything when its parser fails (here: no SOS segment).
        assert_eq!(
            conformed_photometric(&jfif[..jfif.len() - 14], &sp("RGB")),
            "RGB"
        );
        assert_eq!(
            conformed_photometric(&jfif, &spec(2, 2, 1, 8, 8, false, "MONOCHROME2", 0)),
            "MONOCHROME2"
        );
    }

    #[test]
    fn header_disagreeing_with_the_data_set_is_an_error() {
        let s = spec(10, 12, 1, 16, 12, false, "MONOCHROME2", 0);
        let cs = encode_frame(&native(&s, &values(&s)), &s, &EncodeParams::default()).unwrap();
        for bad in [
            FrameSpec {
                rows: 12,
                cols: 10,
                ..s.clone()
            },
            FrameSpec {
                samples_per_pixel: 3,
                ..s.clone()
            },
            FrameSpec {
                bits_allocated: 8,
                bits_stored: 8,
                ..s.clone()
            },
        ] {
            let mut out = vec![0u8; bad.frame_len().unwrap()];
            assert!(matches!(
                decode_frame(&cs, &bad, &mut out),
                Err(Error::Pixel(_))
            ));
        }
        let mut short = vec![0u8; 10];
        assert!(decode_frame(&cs, &s, &mut short).is_err());
    }

    #[test]
    fn truncated_scans_fail_fast_and_a_missing_eoi_is_tolerated() {
        let s = spec(16, 16, 1, 16, 12, false, "MONOCHROME2", 0);
        let vals = values(&s);
        let cs = encode_frame(&native(&s, &vals), &s, &EncodeParams::default()).unwrap();
        let mut out = vec![0u8; s.frame_len().unwrap()];
        // Without the appended marker CharLS spends seconds on each of these.
        let t = std::time::Instant::now();
        for len in 30..cs.len() - 2 {
            assert!(decode_frame(&cs[..len], &s, &mut out).is_err());
        }
        assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
        assert_eq!(&cs[cs.len() - 2..], [0xFF, 0xD9]);
        decode_frame(&cs[..cs.len() - 2], &s, &mut out).unwrap();
        assert_eq!(decoded(&s, &out), vals);
    }

    #[test]
    fn corrupt_codestreams_give_errors_not_crashes() {
        for s in [
            spec(16, 16, 1, 16, 12, true, "MONOCHROME2", 0),
            spec(8, 8, 3, 8, 8, false, "RGB", 1),
        ] {
            let cs = encode_frame(&native(&s, &values(&s)), &s, &EncodeParams::default()).unwrap();
            let mut out = vec![0u8; s.frame_len().unwrap()];
            let rejected = corrupt_variants(&cs, |d| decode_frame(d, &s, &mut out).is_ok());
            assert!(rejected > 0);
        }
    }
}
