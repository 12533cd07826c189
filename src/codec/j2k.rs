//! JPEG 2000 (JPEG2000Lossless, JPEG2000) and HTJ2K (HTJ2KLossless, HTJ2KLosslessRPCL, HTJ2K)
//! through OpenJPEG 2.5.
//!
//! Decoding mirrors pydicom 3's `pixel_array` (pylibjpeg-openjpeg / GDCM plugins): samples are
//! cut to a container sized by the first component's precision (8/16/32 bits), widened into Bits
//! Allocated with the data set's signedness, and for MONOCHROME data whose codestream signedness
//! disagrees with Pixel Representation, re-extended from the precision (pydicom's J2K sign
//! correction). The codestream's multi-component transform (YBR_RCT/YBR_ICT) is undone by
//! OpenJPEG, so those come out as RGB; YBR_FULL is converted to RGB like pydicom does.

use std::ffi::{c_char, c_void, CStr};
use std::ptr;

use openjpeg_sys as opj;

use super::color::to_rgb_if_ybr;
use super::samples::{fill, fill_from_plane, read_interleaved_as_planar, read_le, SampleMap};
use super::FrameSpec;
use crate::error::{Error, Result};

/// Collects OpenJPEG's error messages for one codec (its client data).
#[derive(Default)]
struct Messages(String);

impl Messages {
    fn error(&self, what: &str) -> Error {
        let detail = self.0.trim_end_matches(['\n', ' ', ';']);
        if detail.is_empty() {
            Error::pixel(format!("JPEG 2000 {what} failed"))
        } else {
            Error::pixel(format!("JPEG 2000 {what} failed: {detail}"))
        }
    }
}

unsafe extern "C" fn collect_error(msg: *const c_char, client: *mut c_void) {
    if msg.is_null() || client.is_null() {
        return;
    }
    // SAFETY: `client` is the `Messages` registered with the codec, alive and not otherwise
    // borrowed while OpenJPEG runs; `msg` is a NUL-terminated string from OpenJPEG.
    let (messages, msg) = unsafe { (&mut *client.cast::<Messages>(), CStr::from_ptr(msg)) };
    if messages.0.len() < 1024 {
        messages.0.push_str(msg.to_string_lossy().trim_end());
        messages.0.push_str("; ");
    }
}

/// Owns an OpenJPEG codec; the `Messages` it reports to must outlive it.
struct Codec(*mut opj::opj_codec_t);

impl Codec {
    fn new(codec: *mut opj::opj_codec_t, messages: &mut Messages) -> Result<Self> {
        if codec.is_null() {
            return Err(Error::pixel("unable to create a JPEG 2000 codec"));
        }
        let codec = Codec(codec);
        // SAFETY: live codec; `messages` outlives it (callers declare it first).
        unsafe {
            opj::opj_set_error_handler(
                codec.0,
                Some(collect_error),
                ptr::from_mut(messages).cast(),
            );
        }
        Ok(codec)
    }

    /// Codec-internal worker threads; 0 or 1 keeps OpenJPEG single-threaded (ignoring the
    /// OPJ_NUM_THREADS environment variable).
    fn set_threads(&self, threads: u32) -> Result<()> {
        let n = if threads > 1 {
            i32::try_from(threads).unwrap_or(i32::MAX)
        } else {
            0
        };
        // SAFETY: live codec, called after setup and before reading/encoding as required.
        if unsafe { opj::opj_codec_set_threads(self.0, n) } == 0 && n > 0 {
            return Err(Error::pixel(
                "unable to set the JPEG 2000 codec's thread count",
            ));
        }
        Ok(())
    }
}

impl Drop for Codec {
    fn drop(&mut self) {
        // SAFETY: created by opj_create_(de)compress and destroyed exactly once.
        unsafe { opj::opj_destroy_codec(self.0) }
    }
}

/// Owns an OpenJPEG stream; its user data must outlive it.
struct Stream(*mut opj::opj_stream_t);

impl Stream {
    fn new(buffer_size: usize, input: bool) -> Result<Self> {
        // SAFETY: plain constructor; a null result is handled below.
        let s = unsafe { opj::opj_stream_create(buffer_size, i32::from(input)) };
        if s.is_null() {
            return Err(Error::pixel("unable to create a JPEG 2000 stream"));
        }
        Ok(Stream(s))
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        // SAFETY: created by opj_stream_create and destroyed exactly once; no free function is
        // registered for the user data (it is borrowed).
        unsafe { opj::opj_stream_destroy(self.0) }
    }
}

/// Owns an OpenJPEG image.
struct Image(*mut opj::opj_image_t);

impl Image {
    fn comps(&self) -> &[opj::opj_image_comp_t] {
        // SAFETY: a non-null image from OpenJPEG has `numcomps` entries at `comps`.
        unsafe {
            let img = &*self.0;
            if img.comps.is_null() {
                return &[];
            }
            std::slice::from_raw_parts(img.comps, img.numcomps as usize)
        }
    }
}

impl Drop for Image {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: created by OpenJPEG and destroyed exactly once.
            unsafe { opj::opj_image_destroy(self.0) }
        }
    }
}

/// Reading position in the codestream (the decode stream's user data).
struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

unsafe extern "C" fn read_fn(buf: *mut c_void, n: usize, user: *mut c_void) -> usize {
    // SAFETY: `user` is the `Reader` registered with the stream, alive for the stream's life.
    let r = unsafe { &mut *user.cast::<Reader>() };
    let rest = &r.data[r.pos.min(r.data.len())..];
    if rest.is_empty() {
        return usize::MAX; // OpenJPEG's end-of-stream value, (OPJ_SIZE_T)-1
    }
    let k = n.min(rest.len());
    // SAFETY: OpenJPEG passes a buffer writable for `n` ≥ `k` bytes, not overlapping `data`.
    unsafe { ptr::copy_nonoverlapping(rest.as_ptr(), buf.cast::<u8>(), k) };
    r.pos += k;
    k
}

unsafe extern "C" fn read_skip_fn(n: i64, user: *mut c_void) -> i64 {
    // SAFETY: as in `read_fn`.
    let r = unsafe { &mut *user.cast::<Reader>() };
    let Some(target) = (r.pos as i64).checked_add(n).filter(|t| *t >= 0) else {
        return -1;
    };
    let target = (target as u64).min(r.data.len() as u64) as usize;
    let skipped = target as i64 - r.pos as i64;
    r.pos = target;
    skipped
}

unsafe extern "C" fn read_seek_fn(pos: i64, user: *mut c_void) -> i32 {
    // SAFETY: as in `read_fn`.
    let r = unsafe { &mut *user.cast::<Reader>() };
    match usize::try_from(pos) {
        Ok(p) if p <= r.data.len() => {
            r.pos = p;
            1
        }
        _ => 0,
    }
}

/// Which OpenJPEG codec reads `data` (detected like pylibjpeg-openjpeg does) and where the
/// J2K codestream starts in it.
fn detect_format(data: &[u8]) -> Result<(opj::CODEC_FORMAT, usize)> {
    const J2K: &[u8] = b"\xff\x4f\xff\x51";
    const JP2_BOX: &[u8] = b"\x00\x00\x00\x0c\x6a\x50\x20\x20\x0d\x0a\x87\x0a";
    if data.starts_with(J2K) {
        Ok((opj::CODEC_FORMAT::OPJ_CODEC_J2K, 0))
    } else if data.starts_with(JP2_BOX) {
        Ok((opj::CODEC_FORMAT::OPJ_CODEC_JP2, jp2c_offset(data)?))
    } else {
        Err(Error::pixel(
            "not a JPEG 2000 codestream (no SOC/SIZ marker or JP2 signature)",
        ))
    }
}

/// Start of the contiguous codestream box ('jp2c') of a JP2 file.
fn jp2c_offset(data: &[u8]) -> Result<usize> {
    let missing = || Error::pixel("JP2 file without a codestream box");
    let be = |at: usize, n: usize| -> Option<u64> {
        let bytes = data.get(at..at.checked_add(n)?)?;
        Some(bytes.iter().fold(0u64, |acc, b| acc << 8 | u64::from(*b)))
    };
    let mut offset = 0usize;
    while offset < data.len() {
        let (len, header) = match be(offset, 4).ok_or_else(missing)? {
            1 => (be(offset + 8, 8).ok_or_else(missing)?, 16),
            0 => ((data.len() - offset) as u64, 8),
            n => (n, 8),
        };
        if data.get(offset + 4..offset + 8) == Some(b"jp2c") {
            return Ok(offset + header);
        }
        if len < header as u64 {
            return Err(missing());
        }
        offset = usize::try_from(len)
            .ok()
            .and_then(|l| offset.checked_add(l))
            .ok_or_else(missing)?;
    }
    Err(missing())
}

/// Checks the SIZ segment against `spec` before OpenJPEG reads the header: OpenJPEG allocates
/// a few KiB of coding state per tile and component there, so a tiny corrupt header could
/// otherwise claim hundreds of MiB.
fn check_siz(codestream: &[u8], spec: &FrameSpec) -> Result<()> {
    let short = || Error::pixel("JPEG 2000 codestream too short for its SIZ segment");
    let u32_at = |at: usize| -> Result<u32> {
        let b = codestream.get(at..at + 4).ok_or_else(short)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    if codestream.get(..4) != Some(b"\xff\x4f\xff\x51") {
        return Err(Error::pixel(
            "JPEG 2000 codestream does not start with SOC and SIZ",
        ));
    }
    let (x1, y1, x0, y0) = (u32_at(8)?, u32_at(12)?, u32_at(16)?, u32_at(20)?);
    let (tile_w, tile_h) = (u32_at(24)?, u32_at(28)?);
    let (tile_x0, tile_y0) = (u32_at(32)?, u32_at(36)?);
    let comps = codestream.get(40..42).ok_or_else(short)?;
    let comps = u16::from_be_bytes([comps[0], comps[1]]);
    check_dims(
        x1.checked_sub(x0),
        y1.checked_sub(y0),
        usize::from(comps),
        spec,
    )?;
    let tiles = |end: u32, origin: u32, size: u32| {
        (size > 0 && origin <= end).then(|| u64::from((end - origin).div_ceil(size)))
    };
    let count = tiles(x1, tile_x0, tile_w)
        .zip(tiles(y1, tile_y0, tile_h))
        .map(|(nx, ny)| nx * ny * u64::from(comps))
        .ok_or_else(|| Error::pixel("JPEG 2000 SIZ segment has an invalid tile grid"))?;
    // On average at least 1024 samples (a 32×32 tile) per tile-component, or 64 of them.
    let allowed = (spec.pixels()? as u64 * u64::from(comps) / 1024).max(64);
    if count > allowed {
        return Err(Error::pixel(format!(
            "JPEG 2000 tile grid of {count} tile-components is implausibly fine for {}x{}",
            spec.cols, spec.rows
        )));
    }
    Ok(())
}

/// The image size and component count must be the data set's.
fn check_dims(
    width: Option<u32>,
    height: Option<u32>,
    comps: usize,
    spec: &FrameSpec,
) -> Result<()> {
    if comps != usize::from(spec.samples_per_pixel)
        || width != Some(spec.cols)
        || height != Some(spec.rows)
    {
        return Err(Error::pixel(format!(
            "JPEG 2000 image is {}x{} with {comps} component(s), the data set says {}x{} with {}",
            width.unwrap_or(0),
            height.unwrap_or(0),
            spec.cols,
            spec.rows,
            spec.samples_per_pixel
        )));
    }
    Ok(())
}

/// Decodes one JPEG 2000 / HTJ2K frame into `out` single-threaded (see `decode_frame_threads`).
pub fn decode_frame(data: &[u8], spec: &FrameSpec, out: &mut [u8]) -> Result<()> {
    decode_frame_threads(data, spec, out, 1)
}

/// Frames with fewer samples are decoded single-threaded whatever the caller allows: starting
/// OpenJPEG's worker threads costs more than they save on them (a 64 x 64 frame took 0.8 ms
/// alone and up to 3.5 ms with 2 threads on a loaded machine; 512 x 512 gains ~25 %).
const MIN_SAMPLES_FOR_THREADS: usize = 1 << 16;

/// Decodes one JPEG 2000 / HTJ2K frame into `out` (one frame of `pixel_array`, see the module
/// docs) with up to `threads` OpenJPEG worker threads: worth it for one large frame, not when
/// frames are already decoded in parallel.
pub fn decode_frame_threads(
    data: &[u8],
    spec: &FrameSpec,
    out: &mut [u8],
    threads: u32,
) -> Result<()> {
    spec.check_frame(out)?;
    let threads = if spec.samples()? < MIN_SAMPLES_FOR_THREADS {
        1
    } else {
        threads
    };
    let (format, start) = detect_format(data)?;
    check_siz(&data[start..], spec)?;
    // Declared before the codec and stream that point at them, so dropped after them.
    let mut messages = Messages::default();
    let mut reader = Reader { data, pos: 0 };

    // SAFETY: plain constructor; `Codec::new` checks for null.
    let codec = Codec::new(unsafe { opj::opj_create_decompress(format) }, &mut messages)?;
    // SAFETY: zeroed is a valid opj_dparameters_t (integers and arrays) and is then set to the
    // defaults; `codec` is live.
    let ok = unsafe {
        let mut params: opj::opj_dparameters_t = std::mem::zeroed();
        opj::opj_set_default_decoder_parameters(&mut params);
        opj::opj_setup_decoder(codec.0, &mut params)
    };
    if ok == 0 {
        return Err(messages.error("decoder setup"));
    }
    codec.set_threads(threads)?;

    let stream = Stream::new(data.len().clamp(1, 1 << 20), true)?;
    // SAFETY: live stream; `reader` outlives it and is only accessed through these callbacks
    // while OpenJPEG runs.
    unsafe {
        opj::opj_stream_set_read_function(stream.0, Some(read_fn));
        opj::opj_stream_set_skip_function(stream.0, Some(read_skip_fn));
        opj::opj_stream_set_seek_function(stream.0, Some(read_seek_fn));
        opj::opj_stream_set_user_data(stream.0, ptr::from_mut(&mut reader).cast(), None);
        opj::opj_stream_set_user_data_length(stream.0, data.len() as u64);
    }

    let mut image = Image(ptr::null_mut());
    // SAFETY: live codec and stream; `image.0` receives an image owned by `image`.
    if unsafe { opj::opj_read_header(stream.0, codec.0, &mut image.0) } == 0 || image.0.is_null() {
        return Err(messages.error("header parsing"));
    }
    let map = sample_map(&image, spec)?;
    // SAFETY: live codec, stream and image from this codec's header.
    let decoded = unsafe {
        opj::opj_decode(codec.0, stream.0, image.0) != 0
            && opj::opj_end_decompress(codec.0, stream.0) != 0
    };
    if !decoded {
        return Err(messages.error("decoding"));
    }

    let pixels = spec.pixels()?;
    let planes = image
        .comps()
        .iter()
        .map(|c| {
            if c.data.is_null() || (c.w as usize).checked_mul(c.h as usize) != Some(pixels) {
                return Err(Error::pixel(
                    "JPEG 2000 decoder returned an incomplete component",
                ));
            }
            // SAFETY: a decoded component holds w × h samples at `data`, owned by `image`.
            Ok(unsafe { std::slice::from_raw_parts(c.data, pixels) })
        })
        .collect::<Result<Vec<&[i32]>>>()?;
    let item = usize::from(spec.bits_allocated / 8);
    match planes.as_slice() {
        [plane] => fill_from_plane(out, item, plane, map),
        _ => fill(out, item, planes.len(), map, |k, i| i64::from(planes[k][i])),
    }
    if spec.samples_per_pixel == 3 && spec.planar_configuration == 1 {
        // pydicom reads every decoder's interleaved output by the data set's (non-conformant)
        // Planar Configuration 1, whatever the plugin.
        read_interleaved_as_planar(out, 3, item);
    }

    // The MCT was undone inside the codestream: pydicom relabels YBR_ICT/YBR_RCT as RGB.
    to_rgb_if_ybr(spec.photometric.trim(), spec, out)
}

/// Checks the header against `spec` (before OpenJPEG allocates anything for the image data) and
/// derives pydicom's container and sign handling from the first component.
fn sample_map(image: &Image, spec: &FrameSpec) -> Result<SampleMap> {
    // SAFETY: non-null image from opj_read_header.
    let img = unsafe { &*image.0 };
    let comps = image.comps();
    check_dims(
        img.x1.checked_sub(img.x0),
        img.y1.checked_sub(img.y0),
        comps.len(),
        spec,
    )?;
    if comps.iter().any(|c| c.dx != 1 || c.dy != 1) {
        return Err(Error::Unsupported(
            "JPEG 2000 with subsampled components".into(),
        ));
    }
    let (precision, signed) = (comps[0].prec, comps[0].sgnd != 0);
    let container_bits = match precision {
        1..=8 => 8,
        9..=16 => 16,
        17..=32 => 32,
        _ => {
            return Err(Error::pixel(format!(
                "JPEG 2000 precision {precision} is not supported"
            )))
        }
    };
    if container_bits > u32::from(spec.bits_allocated) {
        return Err(Error::pixel(format!(
            "JPEG 2000 precision {precision} does not fit Bits Allocated {}",
            spec.bits_allocated
        )));
    }
    let mono = matches!(spec.photometric.trim(), "MONOCHROME1" | "MONOCHROME2");
    let sign_correction =
        mono && signed != spec.signed && u32::from(spec.bits_allocated) != precision;
    let width = if sign_correction {
        precision
    } else {
        container_bits
    };
    Ok(SampleMap::new(width, spec.signed))
}

/// Lossless or lossy JPEG 2000, as pydicom's `compress()` options select it.
#[derive(Clone, Debug, Default)]
pub enum Quality {
    /// Reversible 5/3 wavelet, one layer (JPEG2000Lossless).
    #[default]
    Lossless,
    /// pydicom's `j2k_cr`: irreversible 9/7, one quality layer per compression ratio
    /// (decreasing, each ≥ 1).
    CompressionRatios(Vec<f32>),
    /// pydicom's `j2k_psnr`: irreversible 9/7, one quality layer per PSNR in dB (increasing).
    Psnr(Vec<f32>),
}

/// JPEG 2000 encoding options.
#[derive(Clone, Debug, Default)]
pub struct EncodeParams {
    pub quality: Quality,
    /// OpenJPEG worker threads (0 or 1: single-threaded).
    pub threads: u32,
}

/// Encodes one frame of native pixel data (`pixels`: little-endian Bits Allocated containers,
/// colour-by-plane when Planar Configuration is 1) as a J2K codestream with pylibjpeg-openjpeg's
/// settings: LRCP, 64×64 code blocks, up to 6 resolutions, one tile, MCT for three samples when
/// the Photometric Interpretation is YBR_RCT or YBR_ICT.
pub fn encode_frame(pixels: &[u8], spec: &FrameSpec, params: &EncodeParams) -> Result<Vec<u8>> {
    spec.check_frame(pixels)?;
    let bits = u32::from(spec.bits_stored);
    let spp = usize::from(spec.samples_per_pixel);
    if !(1..=24).contains(&bits) || !matches!(spp, 1 | 3) {
        return Err(Error::pixel(format!(
            "JPEG 2000 encoding needs Bits Stored 1..=24 and 1 or 3 samples, got {bits} and {spp}"
        )));
    }
    let mut cparams = coding_parameters(spec, &params.quality)?;
    let image = new_image(pixels, spec)?;
    let mut messages = Messages::default();
    let mut writer = Writer::default();
    {
        // SAFETY: plain constructor; `Codec::new` checks for null.
        let codec = Codec::new(
            unsafe { opj::opj_create_compress(opj::CODEC_FORMAT::OPJ_CODEC_J2K) },
            &mut messages,
        )?;
        // SAFETY: live codec; valid parameters and image.
        if unsafe { opj::opj_setup_encoder(codec.0, &mut cparams, image.0) } == 0 {
            return Err(messages.error("encoder setup"));
        }
        codec.set_threads(params.threads)?;
        let stream = Stream::new(1 << 20, false)?;
        // SAFETY: live stream; `writer` outlives it and is only accessed through these
        // callbacks while OpenJPEG runs.
        unsafe {
            opj::opj_stream_set_write_function(stream.0, Some(write_fn));
            opj::opj_stream_set_skip_function(stream.0, Some(write_skip_fn));
            opj::opj_stream_set_seek_function(stream.0, Some(write_seek_fn));
            opj::opj_stream_set_user_data(stream.0, ptr::from_mut(&mut writer).cast(), None);
        }
        // SAFETY: live codec, stream and image set up above; end_compress flushes the stream.
        let ok = unsafe {
            opj::opj_start_compress(codec.0, image.0, stream.0) != 0
                && opj::opj_encode(codec.0, stream.0) != 0
                && opj::opj_end_compress(codec.0, stream.0) != 0
        };
        if !ok {
            return Err(messages.error("encoding"));
        }
    }
    Ok(writer.buf)
}

fn coding_parameters(spec: &FrameSpec, quality: &Quality) -> Result<opj::opj_cparameters_t> {
    // SAFETY: zeroed is valid for opj_cparameters_t (integers, arrays, null pointers and enums
    // whose 0 is a variant); OpenJPEG then sets its defaults.
    let mut p: opj::opj_cparameters_t = unsafe { std::mem::zeroed() };
    // SAFETY: valid pointer to a parameters struct.
    unsafe { opj::opj_set_default_encoder_parameters(&mut p) };
    let layers: &[f32] = match quality {
        Quality::Lossless => &[0.0],
        Quality::CompressionRatios(r) | Quality::Psnr(r) => r,
    };
    if layers.is_empty() || layers.len() > p.tcp_rates.len() {
        return Err(Error::pixel("JPEG 2000 needs 1 to 100 quality layers"));
    }
    match quality {
        Quality::Lossless => {
            p.tcp_rates[0] = 0.0;
            p.cp_disto_alloc = 1;
        }
        Quality::CompressionRatios(r) => {
            if r.iter().any(|v| !v.is_finite() || *v < 1.0) {
                return Err(Error::pixel(
                    "JPEG 2000 compression ratios must be at least 1",
                ));
            }
            p.tcp_rates[..r.len()].copy_from_slice(r);
            p.cp_disto_alloc = 1;
            p.irreversible = 1;
        }
        Quality::Psnr(q) => {
            if q.iter().any(|v| !v.is_finite() || *v < 0.0) {
                return Err(Error::pixel("JPEG 2000 PSNR values must be at least 0"));
            }
            p.tcp_distoratio[..q.len()].copy_from_slice(q);
            p.cp_fixed_quality = 1;
            p.irreversible = 1;
        }
    }
    p.tcp_numlayers = layers.len() as i32;
    // pylibjpeg-openjpeg uses 6 resolutions; OpenJPEG needs 2^(resolutions-1) ≤ each dimension.
    let min_dim = spec.rows.min(spec.cols);
    p.numresolution = (min_dim.ilog2() + 1).min(6) as i32;
    let mct =
        spec.samples_per_pixel == 3 && matches!(spec.photometric.trim(), "YBR_RCT" | "YBR_ICT");
    p.tcp_mct = c_char::from(mct);
    Ok(p)
}

/// An OpenJPEG image holding `pixels`' stored bits, one plane per sample.
fn new_image(pixels: &[u8], spec: &FrameSpec) -> Result<Image> {
    let spp = usize::from(spec.samples_per_pixel);
    let cmpt = opj::opj_image_comptparm {
        dx: 1,
        dy: 1,
        w: spec.cols,
        h: spec.rows,
        x0: 0,
        y0: 0,
        prec: u32::from(spec.bits_stored),
        bpp: u32::from(spec.bits_stored),
        sgnd: u32::from(spec.signed),
    };
    let cmpts = vec![cmpt; spp];
    let color = if spp == 3 {
        opj::COLOR_SPACE::OPJ_CLRSPC_SRGB
    } else {
        opj::COLOR_SPACE::OPJ_CLRSPC_GRAY
    };
    // SAFETY: `cmpts` holds `spp` component descriptions; OpenJPEG copies them.
    let image =
        Image(unsafe { opj::opj_image_create(spp as u32, cmpts.as_ptr().cast_mut(), color) });
    if image.0.is_null() {
        return Err(Error::pixel("unable to allocate the JPEG 2000 image"));
    }
    // SAFETY: live image created above.
    unsafe {
        let img = &mut *image.0;
        (img.x0, img.y0, img.x1, img.y1) = (0, 0, spec.cols, spec.rows);
    }
    let n = spec.pixels()?;
    let item = usize::from(spec.bits_allocated / 8);
    let map = SampleMap::new(u32::from(spec.bits_stored), spec.signed);
    let planar = spec.planar_configuration == 1;
    for (k, comp) in image.comps().iter().enumerate() {
        if comp.data.is_null() {
            return Err(Error::pixel("unable to allocate the JPEG 2000 image"));
        }
        // SAFETY: opj_image_create allocated w × h samples per component, owned by `image`
        // and not aliased while this slice lives.
        let plane = unsafe { std::slice::from_raw_parts_mut(comp.data, n) };
        for (i, v) in plane.iter_mut().enumerate() {
            let idx = if planar { k * n + i } else { i * spp + k };
            *v = map.apply(read_le(pixels, item, idx)) as i32;
        }
    }
    Ok(image)
}

/// The encoded codestream (the encode stream's user data).
#[derive(Default)]
struct Writer {
    buf: Vec<u8>,
    pos: usize,
}

unsafe extern "C" fn write_fn(buf: *mut c_void, n: usize, user: *mut c_void) -> usize {
    // SAFETY: `user` is the `Writer` registered with the stream; `buf` holds `n` bytes.
    let (w, src) = unsafe {
        (
            &mut *user.cast::<Writer>(),
            std::slice::from_raw_parts(buf.cast::<u8>(), n),
        )
    };
    let end = w.pos + n;
    if w.buf.len() < end {
        w.buf.resize(end, 0);
    }
    w.buf[w.pos..end].copy_from_slice(src);
    w.pos = end;
    n
}

unsafe extern "C" fn write_skip_fn(n: i64, user: *mut c_void) -> i64 {
    // SAFETY: as in `write_fn`.
    let w = unsafe { &mut *user.cast::<Writer>() };
    match (w.pos as i64).checked_add(n).filter(|t| *t >= 0) {
        Some(t) => {
            w.pos = t as usize;
            n
        }
        None => -1,
    }
}

unsafe extern "C" fn write_seek_fn(pos: i64, user: *mut c_void) -> i32 {
    // SAFETY: as in `write_fn`.
    let w = unsafe { &mut *user.cast::<Writer>() };
    match usize::try_from(pos) {
        Ok(p) => {
            w.pos = p;
            1
        }
        Err(_) => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::testutil::{corrupt_variants, decoded, max_abs_diff, native, spec, values};

    fn encode(spec: &FrameSpec, vals: &[i64], quality: Quality) -> Vec<u8> {
        encode_frame(
            &native(spec, vals),
            spec,
            &EncodeParams {
                quality,
                threads: 0,
            },
        )
        .unwrap()
    }

    fn decode(cs: &[u8], spec: &FrameSpec) -> Result<Vec<i64>> {
        let mut out = vec![0u8; spec.frame_len().unwrap()];
        decode_frame(cs, spec, &mut out)?;
        Ok(decoded(spec, &out))
    }

    #[test]
    fn lossless_round_trips_are_exact() {
        for (ba, bs) in [(8, 8), (16, 12), (16, 16), (8, 5), (32, 24)] {
            for signed in [false, true] {
                let s = spec(37, 41, 1, ba, bs, signed, "MONOCHROME2", 0);
                let vals = values(&s);
                assert_eq!(
                    decode(&encode(&s, &vals, Quality::Lossless), &s).unwrap(),
                    vals,
                    "{ba}/{bs} {signed}"
                );
            }
            // With and without the reversible colour transform; planar input, interleaved output.
            for (pi, pc) in [("RGB", 0), ("YBR_RCT", 1)] {
                let s = spec(33, 35, 3, ba, bs, false, pi, pc);
                let vals = values(&s);
                let interleaved = spec(33, 35, 3, ba, bs, false, pi, 0);
                assert_eq!(
                    decode(&encode(&s, &vals, Quality::Lossless), &interleaved).unwrap(),
                    vals,
                    "{pi} {ba}/{bs}"
                );
            }
        }
    }

    #[test]
    fn planar_configuration_1_is_read_like_pydicom() {
        // pydicom reshapes the decoder's interleaved samples as colour-by-plane
        let rgb = spec(9, 11, 3, 16, 16, false, "RGB", 0);
        let vals = values(&rgb);
        let cs = encode(&rgb, &vals, Quality::Lossless);
        let planar = spec(9, 11, 3, 16, 16, false, "RGB", 1);
        let pixels = 9 * 11;
        let expected: Vec<i64> = (0..vals.len())
            .map(|j| vals[(j % 3) * pixels + j / 3])
            .collect();
        assert_eq!(decode(&cs, &planar).unwrap(), expected);
    }

    #[test]
    fn tiny_images_use_fewer_resolutions() {
        let s = spec(3, 70, 1, 16, 12, false, "MONOCHROME2", 0);
        let vals = values(&s);
        assert_eq!(
            decode(&encode(&s, &vals, Quality::Lossless), &s).unwrap(),
            vals
        );
    }

    #[test]
    fn lossy_encoding_follows_the_quality_layers() {
        let s = spec(64, 64, 1, 16, 12, false, "MONOCHROME2", 0);
        let vals = values(&s);
        let raw_len = 64 * 64 * 2;
        let cs = encode(&s, &vals, Quality::CompressionRatios(vec![20.0, 5.0]));
        assert!(cs.len() <= raw_len / 5 + 64, "{} bytes", cs.len());
        let err = max_abs_diff(&decode(&cs, &s).unwrap(), &vals);
        assert!(err > 0 && err < 1024, "max error {err}");
        let cs = encode(&s, &vals, Quality::Psnr(vec![60.0]));
        assert!(max_abs_diff(&decode(&cs, &s).unwrap(), &vals) < 64);
        let ict = spec(40, 40, 3, 8, 8, false, "YBR_ICT", 0);
        let cv = values(&ict);
        let cs = encode(&ict, &cv, Quality::CompressionRatios(vec![4.0]));
        assert!(max_abs_diff(&decode(&cs, &ict).unwrap(), &cv) < 96);
        for bad in [
            Quality::CompressionRatios(vec![0.5]),
            Quality::Psnr(vec![-1.0]),
            Quality::Psnr(vec![]),
        ] {
            let r = encode_frame(
                &native(&s, &vals),
                &s,
                &EncodeParams {
                    quality: bad,
                    threads: 0,
                },
            );
            assert!(matches!(r, Err(Error::Pixel(_))));
        }
    }

    #[test]
    fn sign_mismatch_is_corrected_for_monochrome_only() {
        // An unsigned 13-bit codestream in a signed data set (J2K_pixelrep_mismatch.dcm):
        // pydicom re-extends the sign from bit 12 for MONOCHROME, not for other photometrics.
        let unsigned = spec(36, 36, 1, 16, 13, false, "MONOCHROME2", 0);
        let vals = values(&unsigned);
        let cs = encode(&unsigned, &vals, Quality::Lossless);
        let signed = FrameSpec {
            signed: true,
            ..unsigned.clone()
        };
        let as_signed: Vec<i64> = vals
            .iter()
            .map(|v| if *v >= 4096 { v - 8192 } else { *v })
            .collect();
        assert_eq!(decode(&cs, &signed).unwrap(), as_signed);
        // A signed codestream in an unsigned data set keeps the low 13 bits.
        let cs_signed = encode(&signed, &as_signed, Quality::Lossless);
        assert_eq!(decode(&cs_signed, &unsigned).unwrap(), vals);
        // Not MONOCHROME: no correction, the values come through as decoded.
        let rgb = spec(36, 36, 3, 16, 13, false, "RGB", 0);
        let rgb_vals = values(&rgb);
        let cs_rgb = encode(&rgb, &rgb_vals, Quality::Lossless);
        assert_eq!(
            decode(
                &cs_rgb,
                &FrameSpec {
                    signed: true,
                    ..rgb
                }
            )
            .unwrap(),
            rgb_vals
        );
        // Precision 16 = Bits Allocated: nothing to shift, the bits are reinterpreted.
        let u16s = spec(36, 36, 1, 16, 16, false, "MONOCHROME2", 0);
        let v16 = values(&u16s);
        let cs16 = encode(&u16s, &v16, Quality::Lossless);
        let reinterpreted: Vec<i64> = v16.iter().map(|v| i64::from(*v as u16 as i16)).collect();
        assert_eq!(
            decode(
                &cs16,
                &FrameSpec {
                    signed: true,
                    ..u16s
                }
            )
            .unwrap(),
            reinterpreted
        );
    }

    #[test]
    fn narrow_precision_is_widened_into_bits_allocated() {
        let s8 = spec(36, 36, 1, 8, 8, true, "MONOCHROME2", 0);
        let vals = values(&s8);
        let cs = encode(&s8, &vals, Quality::Lossless);
        let wide = spec(36, 36, 1, 16, 12, true, "MONOCHROME2", 0);
        assert_eq!(decode(&cs, &wide).unwrap(), vals);
        // The other way round pydicom would truncate; this is rejected.
        let s12 = spec(36, 36, 1, 16, 12, false, "MONOCHROME2", 0);
        let cs12 = encode(&s12, &values(&s12), Quality::Lossless);
        assert!(decode(&cs12, &spec(36, 36, 1, 8, 8, false, "MONOCHROME2", 0)).is_err());
    }

    #[test]
    fn ybr_full_is_converted_and_mct_is_undone() {
        let rgb = spec(32, 32, 3, 8, 8, false, "RGB", 0);
        let mut vals = values(&rgb);
        vals[..6].copy_from_slice(&[76, 85, 255, 128, 128, 128]);
        let cs = encode(&rgb, &vals, Quality::Lossless);
        let out = decode(
            &cs,
            &FrameSpec {
                photometric: "YBR_FULL".into(),
                ..rgb.clone()
            },
        )
        .unwrap();
        assert_eq!(out[..6], [254, 0, 0, 128, 128, 128]);
        let rct = FrameSpec {
            photometric: "YBR_RCT".into(),
            ..rgb
        };
        assert_eq!(
            decode(&encode(&rct, &vals, Quality::Lossless), &rct).unwrap(),
            vals
        );
    }

    #[test]
    fn threads_give_the_same_result() {
        let s = spec(256, 256, 1, 16, 16, true, "MONOCHROME2", 0);
        let vals = values(&s);
        let cs = encode_frame(
            &native(&s, &vals),
            &s,
            &EncodeParams {
                quality: Quality::Lossless,
                threads: 2,
            },
        )
        .unwrap();
        let mut out = vec![0u8; s.frame_len().unwrap()];
        decode_frame_threads(&cs, &s, &mut out, 4).unwrap();
        assert_eq!(decoded(&s, &out), vals);
    }

    #[test]
    fn header_disagreeing_with_the_data_set_is_an_error() {
        let s = spec(36, 40, 1, 16, 12, false, "MONOCHROME2", 0);
        let cs = encode(&s, &values(&s), Quality::Lossless);
        for bad in [
            FrameSpec {
                rows: 40,
                cols: 36,
                ..s.clone()
            },
            FrameSpec {
                samples_per_pixel: 3,
                ..s.clone()
            },
            FrameSpec {
                bits_allocated: 24,
                ..s.clone()
            },
        ] {
            let mut out = vec![0u8; bad.frame_len().unwrap()];
            assert!(
                matches!(decode_frame(&cs, &bad, &mut out), Err(Error::Pixel(_))),
                "{bad:?}"
            );
        }
        assert!(decode(b"\x00\x01\x02\x03", &s).is_err());
        assert!(decode(&[], &s).is_err());
    }

    #[test]
    fn implausible_tile_grids_are_rejected_before_openjpeg_allocates() {
        let s = spec(256, 256, 1, 16, 12, false, "MONOCHROME2", 0);
        let mut cs = encode(&s, &values(&s), Quality::Lossless);
        // XTsiz = YTsiz = 1: 65536 tiles, a few hundred MiB of OpenJPEG tile state.
        cs[24..32].copy_from_slice(&[0, 0, 0, 1, 0, 0, 0, 1]);
        let err = decode(&cs, &s).unwrap_err().to_string();
        assert!(err.contains("tile grid"), "{err}");
    }

    #[test]
    fn jp2_wrapped_codestreams_decode() {
        let s = spec(36, 40, 1, 16, 12, false, "MONOCHROME2", 0);
        let vals = values(&s);
        let cs = encode(&s, &vals, Quality::Lossless);
        let boxed = |kind: &[u8], body: &[u8]| {
            [&((body.len() + 8) as u32).to_be_bytes()[..], kind, body].concat()
        };
        let mut ihdr = [0u8; 14];
        ihdr[..4].copy_from_slice(&36u32.to_be_bytes());
        ihdr[4..8].copy_from_slice(&40u32.to_be_bytes());
        ihdr[8..12].copy_from_slice(&[0, 1, 11, 7]);
        let colr = [1u8, 0, 0, 0, 0, 0, 17];
        let jp2h = boxed(
            b"jp2h",
            &[boxed(b"ihdr", &ihdr), boxed(b"colr", &colr)].concat(),
        );
        let jp2 = [
            boxed(b"jP  ", b"\x0d\x0a\x87\x0a"),
            boxed(b"ftyp", b"jp2 \0\0\0\0jp2 "),
            jp2h,
            boxed(b"jp2c", &cs),
        ]
        .concat();
        assert_eq!(decode(&jp2, &s).unwrap(), vals);
        assert!(decode(&jp2[..jp2.len() - cs.len() - 8], &s).is_err());
    }

    #[test]
    fn corrupt_codestreams_give_errors_not_crashes() {
        for (s, q) in [
            (
                spec(32, 32, 1, 16, 12, true, "MONOCHROME2", 0),
                Quality::Lossless,
            ),
            (
                spec(32, 32, 3, 8, 8, false, "YBR_ICT", 0),
                Quality::CompressionRatios(vec![8.0]),
            ),
        ] {
            let cs = encode(&s, &values(&s), q);
            let mut out = vec![0u8; s.frame_len().unwrap()];
            let rejected = corrupt_variants(&cs, |d| {
                let t = std::time::Instant::now();
                let ok = decode_frame(d, &s, &mut out).is_ok();
                assert!(t.elapsed().as_secs() < 2);
                ok
            });
            assert!(rejected > 0);
        }
    }
}
