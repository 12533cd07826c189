//! Series to volume: one slice's pixels written straight into its place in the volume's output
//! array, with the corrections `pixel_array` makes (the bits above Bits Stored) and the modality
//! rescale applied on the way, so that no per-slice array is made. `pyrdicom.volume` decides
//! which slices come here (single-frame monochrome slices, native little endian or encapsulated
//! with a decoder) and what the output type and rescale are; the bindings (`py::volume`) run
//! `load_slice` over the slices in parallel. Whatever this module does not handle exactly as the
//! Python path would (another layout, a frame-layout warning, any error) it leaves to that path
//! (`Loaded::Declined`), which then gives pydicom's result, warning or exception.

use std::path::Path;

use crate::codec::FrameSpec;
use crate::error::Result;
use crate::limits;
use crate::parse::{Options, Parsed};
use crate::pixel::decode::decode_frame;
use crate::pixel::encaps::{frame_bytes, Encapsulated};
use crate::read::read_path;
use crate::transfer_syntax::{self, UnusedBits};
use crate::value::{self, Value};
use crate::vr::Vr;

const ROWS: u32 = 0x0028_0010;
const COLUMNS: u32 = 0x0028_0011;
const SAMPLES_PER_PIXEL: u32 = 0x0028_0002;
const NUMBER_OF_FRAMES: u32 = 0x0028_0008;
const BITS_ALLOCATED: u32 = 0x0028_0100;
const BITS_STORED: u32 = 0x0028_0101;
const PIXEL_REPRESENTATION: u32 = 0x0028_0103;
const PHOTOMETRIC_INTERPRETATION: u32 = 0x0028_0004;
const EXTENDED_OFFSET_TABLE: u32 = 0x7FE0_0001;
const PIXEL_DATA: u32 = 0x7FE0_0010;

/// The output array's element type (NumPy's native-order integer and float types).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutType {
    U8,
    I8,
    U16,
    I16,
    U32,
    I32,
    U64,
    I64,
    F32,
    F64,
}

impl OutType {
    /// From NumPy's kind and item size ("i4", "f8", ...).
    pub fn from_code(code: &str) -> Option<OutType> {
        Some(match code {
            "u1" => OutType::U8,
            "i1" => OutType::I8,
            "u2" => OutType::U16,
            "i2" => OutType::I16,
            "u4" => OutType::U32,
            "i4" => OutType::I32,
            "u8" => OutType::U64,
            "i8" => OutType::I64,
            "f4" => OutType::F32,
            "f8" => OutType::F64,
            _ => return None,
        })
    }

    pub fn size(self) -> usize {
        match self {
            OutType::U8 | OutType::I8 => 1,
            OutType::U16 | OutType::I16 => 2,
            OutType::U32 | OutType::I32 | OutType::F32 => 4,
            OutType::U64 | OutType::I64 | OutType::F64 => 8,
        }
    }

    fn is_float(self) -> bool {
        matches!(self, OutType::F32 | OutType::F64)
    }
}

/// The modality rescale as `pyrdicom.volume._put` computes it for the output type: integer
/// outputs take the stored value times the slope plus the intercept (both truncated to
/// integers) in wrapping integer arithmetic, float outputs the stored value as that float type
/// times the slope plus the intercept (each rounded to the float type, as NumPy's
/// `multiply(..., dtype=)` then `+=` do). Slope 1 and intercept 0 is a plain cast.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rescale {
    pub slope: f64,
    pub intercept: f64,
}

/// How the stored samples of one slice are laid out and corrected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stored {
    pub bits_allocated: u16,
    pub bits_stored: u16,
    pub signed: bool,
    /// Shift out the bits above Bits Stored (sign-extend signed samples, mask unsigned ones).
    pub correct: bool,
}

/// The stored samples of one type, read little endian, and `Stored::correct` done in their own
/// width (which vectorizes; 64-bit arithmetic shifts do not).
trait In: Copy {
    const SIZE: usize;
    fn load(b: &[u8]) -> Self;
    /// Shifts out the bits above `bits` (sign-extending signed samples).
    fn correct(self, bits: u32) -> Self;
    fn widen(self) -> i64;
}

trait Out: Copy {
    const SIZE: usize;
    fn store(self, b: &mut [u8]);
}

macro_rules! sample_types {
    (in $($t:ty),*) => {$(
        impl In for $t {
            const SIZE: usize = std::mem::size_of::<$t>();
            #[inline(always)]
            fn load(b: &[u8]) -> Self {
                <$t>::from_le_bytes(b.try_into().expect("a chunk of SIZE bytes"))
            }
            #[inline(always)]
            fn correct(self, bits: u32) -> Self {
                // Arithmetic for signed types, logical for unsigned: pydicom's shift pair.
                let k = <$t>::BITS - bits;
                (self << k) >> k
            }
            #[inline(always)]
            fn widen(self) -> i64 {
                i64::from(self)
            }
        }
    )*};
    (out $($t:ty),*) => {$(
        impl Out for $t {
            const SIZE: usize = std::mem::size_of::<$t>();
            #[inline(always)]
            fn store(self, b: &mut [u8]) {
                b.copy_from_slice(&self.to_ne_bytes());
            }
        }
    )*};
}
sample_types!(in u8, i8, u16, i16, u32, i32);
sample_types!(out u8, i8, u16, i16, u32, i32, u64, i64, f32, f64);

fn map_samples<S: In, O: Out>(src: &[u8], out: &mut [u8], s: Stored, f: impl Fn(i64) -> O) {
    let pairs = out.chunks_exact_mut(O::SIZE).zip(src.chunks_exact(S::SIZE));
    if s.correct && s.bits_stored < s.bits_allocated {
        let bits = u32::from(s.bits_stored);
        pairs.for_each(|(o, i)| f(S::load(i).correct(bits).widen()).store(o));
    } else {
        pairs.for_each(|(o, i)| f(S::load(i).widen()).store(o));
    }
}

fn by_stored<O: Out>(s: Stored, src: &[u8], out: &mut [u8], f: impl Fn(i64) -> O) {
    match (s.bits_allocated, s.signed) {
        (8, false) => map_samples::<u8, O>(src, out, s, f),
        (8, true) => map_samples::<i8, O>(src, out, s, f),
        (16, false) => map_samples::<u16, O>(src, out, s, f),
        (16, true) => map_samples::<i16, O>(src, out, s, f),
        (32, false) => map_samples::<u32, O>(src, out, s, f),
        _ => map_samples::<i32, O>(src, out, s, f),
    }
}

/// Converts the stored samples `src` (little endian, `s.bits_allocated` of 8, 16 or 32) into
/// `out` (`out.len() / out_type.size()` samples, native order), corrected and rescaled.
/// `src` holds at least as many samples as `out`.
pub fn convert(src: &[u8], s: Stored, out: &mut [u8], out_type: OutType, r: Rescale) {
    // Integer outputs: wrapping arithmetic in the output type gives the same low bits as
    // NumPy's int64 arithmetic followed by its (wrapping) cast.
    macro_rules! int_out {
        ($t:ty) => {{
            let (m, b) = (r.slope as i64 as $t, r.intercept as i64 as $t);
            if m == 1 {
                by_stored(s, src, out, move |x| (x as $t).wrapping_add(b))
            } else {
                by_stored(s, src, out, move |x| {
                    (x as $t).wrapping_mul(m).wrapping_add(b)
                })
            }
        }};
    }
    macro_rules! float_out {
        ($t:ty) => {{
            let (m, b) = (r.slope as $t, r.intercept as $t);
            by_stored(s, src, out, move |x| (x as $t) * m + b)
        }};
    }
    match out_type {
        OutType::U8 => int_out!(u8),
        OutType::I8 => int_out!(i8),
        OutType::U16 => int_out!(u16),
        OutType::I16 => int_out!(i16),
        OutType::U32 => int_out!(u32),
        OutType::I32 => int_out!(i32),
        OutType::U64 => int_out!(u64),
        OutType::I64 => int_out!(i64),
        OutType::F32 => float_out!(f32),
        OutType::F64 => float_out!(f64),
    }
}

/// What `load_slice` did with a slice.
#[derive(Debug, PartialEq, Eq)]
pub enum Loaded {
    Done,
    /// Left to the Python path: a layout this module does not handle, or an error there to
    /// report as pydicom would.
    Declined,
}

/// What every slice of one volume shares.
pub struct SliceTarget {
    pub rows: u32,
    pub columns: u32,
    pub out_type: OutType,
    /// `config.correct_unused_bits`: mask the bits above Bits Stored of unsigned native data.
    pub mask_unsigned_native: bool,
    /// How the header pass parsed the file (implicit VR switch, SQ inference for UN).
    pub options: Options,
}

/// Reads the file at `path` and writes its one frame into `out` (`rows × columns` samples of
/// `target.out_type`). `scratch` is a buffer reused across the calls of one thread for decoded
/// frames that are converted afterwards.
pub fn load_slice(
    path: &Path,
    target: &SliceTarget,
    rescale: Rescale,
    scratch: &mut Vec<u8>,
    out: &mut [u8],
) -> Loaded {
    match try_load(path, target, rescale, scratch, out) {
        Ok(Some(())) => Loaded::Done,
        Ok(None) | Err(_) => Loaded::Declined,
    }
}

fn try_load(
    path: &Path,
    target: &SliceTarget,
    rescale: Rescale,
    scratch: &mut Vec<u8>,
    out: &mut [u8],
) -> Result<Option<()>> {
    let p = read_path(path, &target.options)?;
    let Some(header) = Header::of(&p, target) else {
        return Ok(None);
    };
    let Some(ts) = transfer_syntax::lookup(&p.transfer_syntax) else {
        return Ok(None);
    };
    let pixels = header.rows as usize * header.columns as usize;
    if out.len() != pixels * target.out_type.size() {
        return Ok(None);
    }
    let frame_len = pixels * usize::from(header.bits_allocated / 8);
    let e = &p.elements[header.pixel_data];
    let value = p.value(header.pixel_data);
    let mut stored = Stored {
        bits_allocated: header.bits_allocated,
        bits_stored: header.bits_stored,
        signed: header.signed,
        correct: false,
    };
    let partial = header.bits_stored < header.bits_allocated;
    if !ts.encapsulated {
        if !ts.little_endian || e.is_undefined_length() || value.len() < frame_len {
            return Ok(None);
        }
        stored.correct = partial && (header.signed || target.mask_unsigned_native);
        p.source.prefault(e.value_range().start, frame_len);
        convert(&value[..frame_len], stored, out, target.out_type, rescale);
        return Ok(Some(()));
    }
    // Frames located by an Extended Offset Table, or claiming more than the encoded size
    // allows, are the Python path's to report.
    let Some(codec) = ts.decoder else {
        return Ok(None);
    };
    if header.extended_offsets || frame_len > limits::decoded_allowance(value.len()) {
        return Ok(None);
    }
    let enc = Encapsulated::parse(value)?;
    let layout = enc.frames(value, 1, None)?;
    let [ranges] = layout.frames.as_slice() else {
        return Ok(None);
    };
    if layout.warning.is_some() {
        return Ok(None);
    }
    let bytes = frame_bytes(value, ranges)?;
    let spec = FrameSpec {
        rows: header.rows,
        cols: header.columns,
        samples_per_pixel: 1,
        bits_allocated: header.bits_allocated,
        bits_stored: header.bits_stored,
        signed: header.signed,
        photometric: header.photometric,
        planar_configuration: 0,
    };
    stored.correct = partial && ts.unused_bits == UnusedBits::Correct;
    let plain = !stored.correct
        && rescale.slope == 1.0
        && rescale.intercept == 0.0
        && out_matches(target.out_type, stored);
    if plain {
        // The decoded samples are the output: decode in place.
        decode_frame(codec, &bytes, &spec, out, 1, true)?;
    } else {
        scratch.resize(frame_len, 0);
        decode_frame(codec, &bytes, &spec, scratch, 1, true)?;
        convert(scratch, stored, out, target.out_type, rescale);
    }
    Ok(Some(()))
}

/// Whether the output type is the stored type (so a decoded frame needs no conversion).
fn out_matches(out: OutType, s: Stored) -> bool {
    !out.is_float()
        && out.size() == usize::from(s.bits_allocated / 8)
        && matches!(out, OutType::I8 | OutType::I16 | OutType::I32) == s.signed
}

/// The Image Pixel module of one file, read as `pixels.native.PixelInfo` reads it; None when it
/// is not a single-frame, one-sample slice of the expected size with 8, 16 or 32 bits
/// allocated.
struct Header {
    rows: u32,
    columns: u32,
    bits_allocated: u16,
    bits_stored: u16,
    signed: bool,
    photometric: String,
    pixel_data: usize,
    extended_offsets: bool,
}

impl Header {
    fn of(p: &Parsed, target: &SliceTarget) -> Option<Header> {
        let top = p.dataset.clone();
        let find = |tag| p.find(top.clone(), tag).map(|i| i as usize);
        let int = |tag| -> Option<Option<i64>> {
            match plain(p, tag)? {
                Plain::Missing | Plain::Empty => Some(None),
                Plain::Ints(v) if v.len() == 1 => Some(Some(v[0])),
                Plain::Strs(v) if v.len() == 1 => v[0].trim().parse().ok().map(Some),
                _ => None,
            }
        };
        let rows = int(ROWS)??;
        let columns = int(COLUMNS)??;
        if rows != i64::from(target.rows) || columns != i64::from(target.columns) {
            return None;
        }
        // `ds.get(...) or default`: absent, empty and 0 all mean the default.
        let or = |v: Option<i64>, default: i64| v.filter(|&v| v != 0).unwrap_or(default);
        if or(int(SAMPLES_PER_PIXEL)?, 1) != 1 {
            return None;
        }
        if int(NUMBER_OF_FRAMES)?.is_some_and(|n| n != 1) {
            return None;
        }
        let bits_allocated = int(BITS_ALLOCATED)??;
        if !matches!(bits_allocated, 8 | 16 | 32) {
            return None;
        }
        let bits_stored = or(int(BITS_STORED)?, bits_allocated);
        if !(1..=bits_allocated).contains(&bits_stored) {
            return None;
        }
        let signed = int(PIXEL_REPRESENTATION)? == Some(1);
        let photometric =
            match find(PHOTOMETRIC_INTERPRETATION).map(|i| value::decode(p, i, Vr::CS)) {
                Some(Ok(Value::Strs(v))) if v.len() == 1 => v[0].clone(),
                _ => return None,
            };
        Some(Header {
            rows: target.rows,
            columns: target.columns,
            bits_allocated: bits_allocated as u16,
            bits_stored: bits_stored as u16,
            signed,
            photometric,
            pixel_data: find(PIXEL_DATA)?,
            extended_offsets: find(EXTENDED_OFFSET_TABLE).is_some(),
        })
    }
}

/// The geometry `pyrdicom.volume._slice_of` reads from a slice's header, as it would read it:
/// Image Position (Patient), Image Orientation (Patient), Pixel Spacing, Rescale Slope and
/// Intercept (`floats`, in that order), Rows, Columns, Samples per Pixel, Photometric
/// Interpretation.
#[derive(Debug, PartialEq)]
pub struct Geometry {
    pub floats: [f64; 13],
    pub ints: [i64; 3],
    pub photometric: String,
}

const IMAGE_POSITION: u32 = 0x0020_0032;
const IMAGE_ORIENTATION: u32 = 0x0020_0037;
const PIXEL_SPACING: u32 = 0x0028_0030;
const RESCALE_INTERCEPT: u32 = 0x0028_1052;
const RESCALE_SLOPE: u32 = 0x0028_1053;

/// What one top-level element of a header holds, when it is plain enough to give the value
/// Python would: missing, empty, or its strings / integers.
enum Plain {
    Missing,
    Empty,
    Strs(Vec<String>),
    Ints(Vec<i64>),
}

fn plain(p: &Parsed, tag: u32) -> Option<Plain> {
    let Some(idx) = p.find(p.dataset.clone(), tag) else {
        return Some(Plain::Missing);
    };
    let idx = idx as usize;
    match value::decode(p, idx, p.elements[idx].vr).ok()? {
        Value::Empty => Some(Plain::Empty),
        Value::Strs(v) => Some(Plain::Strs(v)),
        Value::Ints(v) => Some(Plain::Ints(v)),
        _ => None,
    }
}

/// A decimal string as `float()` reads it, if it is one pydicom's DSfloat takes without a
/// warning (at most 16 characters of digits, sign, point and exponent) and finite.
fn decimal(s: &str) -> Option<f64> {
    let ok = !s.is_empty()
        && s.len() <= 16
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b));
    ok.then(|| s.parse::<f64>().ok())
        .flatten()
        .filter(|v| v.is_finite())
}

fn decimals(p: &Parsed, tag: u32, out: &mut [f64]) -> Option<()> {
    let Plain::Strs(v) = plain(p, tag)? else {
        return None;
    };
    if v.len() != out.len() {
        return None;
    }
    for (o, s) in out.iter_mut().zip(&v) {
        *o = decimal(s)?;
    }
    Some(())
}

/// `float(ds.get(keyword, default) or default)`.
fn decimal_or(p: &Parsed, tag: u32, default: f64) -> Option<f64> {
    let v = match plain(p, tag)? {
        Plain::Missing | Plain::Empty => return Some(default),
        Plain::Strs(v) if v.len() == 1 => decimal(&v[0])?,
        _ => return None,
    };
    Some(if v == 0.0 { default } else { v })
}

/// `int(ds.get(keyword, default))`.
fn int_or(p: &Parsed, tag: u32, default: i64) -> Option<i64> {
    match plain(p, tag)? {
        Plain::Missing => Some(default),
        Plain::Ints(v) if v.len() == 1 => Some(v[0]),
        _ => None,
    }
}

/// `str(ds.get(keyword, ""))` for a one-valued text element.
pub fn text(p: &Parsed, tag: u32) -> Option<String> {
    match plain(p, tag)? {
        Plain::Missing => Some(String::new()),
        Plain::Strs(mut v) if v.len() == 1 && !v[0].is_empty() => v.pop(),
        _ => None,
    }
}

/// The slice geometry of a parsed header; None when some value is not plain enough to be
/// sure of Python's reading (`_slice_of` then reads it, and raises what it raises).
pub fn geometry(p: &Parsed) -> Option<Geometry> {
    let mut floats = [0f64; 13];
    decimals(p, IMAGE_POSITION, &mut floats[0..3])?;
    decimals(p, IMAGE_ORIENTATION, &mut floats[3..9])?;
    decimals(p, PIXEL_SPACING, &mut floats[9..11])?;
    floats[11] = decimal_or(p, RESCALE_SLOPE, 1.0)?;
    floats[12] = decimal_or(p, RESCALE_INTERCEPT, 0.0)?;
    Some(Geometry {
        floats,
        ints: [
            int_or(p, ROWS, 0)?,
            int_or(p, COLUMNS, 0)?,
            int_or(p, SAMPLES_PER_PIXEL, 1)?,
        ],
        photometric: text(p, PHOTOMETRIC_INTERPRETATION)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(bits_allocated: u16, bits_stored: u16, signed: bool, correct: bool) -> Stored {
        Stored {
            bits_allocated,
            bits_stored,
            signed,
            correct,
        }
    }

    fn run(src: &[u8], s: Stored, out_type: OutType, slope: f64, intercept: f64) -> Vec<u8> {
        let n = src.len() / usize::from(s.bits_allocated / 8);
        let mut out = vec![0u8; n * out_type.size()];
        convert(src, s, &mut out, out_type, Rescale { slope, intercept });
        out
    }

    fn i16s(v: &[i16]) -> Vec<u8> {
        v.iter().flat_map(|x| x.to_le_bytes()).collect()
    }

    #[test]
    fn integer_rescale_wraps_like_numpy() {
        let src = i16s(&[0, 1, -1, 4095, i16::MIN]);
        let out = run(
            &src,
            stored(16, 16, true, false),
            OutType::I32,
            1.0,
            -1024.0,
        );
        let got: Vec<i32> = out
            .chunks_exact(4)
            .map(|c| i32::from_ne_bytes(c.try_into().unwrap()))
            .collect();
        assert_eq!(got, [-1024, -1023, -1025, 3071, -32768 - 1024]);
        // slope 2.9 truncates to 2 (int(slope)); the result wraps in the output type.
        let out = run(&src, stored(16, 16, true, false), OutType::I8, 2.9, 1.0);
        let want: Vec<u8> = [1i64, 3, -1, 8191, -65535]
            .iter()
            .map(|&v| v as i8 as u8)
            .collect();
        assert_eq!(out, want);
    }

    #[test]
    fn float_rescale_rounds_each_step_in_the_output_type() {
        let src = i16s(&[3, -7]);
        let out = run(&src, stored(16, 16, true, false), OutType::F32, 0.1, 0.3);
        let got: Vec<f32> = out
            .chunks_exact(4)
            .map(|c| f32::from_ne_bytes(c.try_into().unwrap()))
            .collect();
        assert_eq!(got, [3f32 * 0.1f32 + 0.3f32, -7f32 * 0.1f32 + 0.3f32]);
    }

    #[test]
    fn bits_above_bits_stored_are_corrected_only_when_asked() {
        // 12 bits stored: 0x0FFF is -1 signed; 0xF001 has stray high bits.
        let src: Vec<u8> = [0x0FFFu16, 0xF001]
            .iter()
            .flat_map(|x| x.to_le_bytes())
            .collect();
        let as_i64 = |out: Vec<u8>| -> Vec<i64> {
            out.chunks_exact(8)
                .map(|c| i64::from_ne_bytes(c.try_into().unwrap()))
                .collect()
        };
        let signed = run(&src, stored(16, 12, true, true), OutType::I64, 1.0, 0.0);
        assert_eq!(as_i64(signed), [-1, 1]);
        let masked = run(&src, stored(16, 12, false, true), OutType::I64, 1.0, 0.0);
        assert_eq!(as_i64(masked), [0x0FFF, 1]);
        let kept = run(&src, stored(16, 12, false, false), OutType::I64, 1.0, 0.0);
        assert_eq!(as_i64(kept), [0x0FFF, 0xF001]);
    }

    #[test]
    fn decimals_are_read_as_float_reads_them_or_left_to_python() {
        assert_eq!(decimal("-179.6484375"), Some(-179.6484375));
        assert_eq!(decimal("1e-3"), Some(0.001));
        assert_eq!(decimal("+.5"), Some(0.5));
        for odd in [
            "",
            "nan",
            "inf",
            "1_000",
            "12345678901234567",
            "1 2",
            "0x10",
        ] {
            assert_eq!(decimal(odd), None, "{odd}");
        }
    }

    #[test]
    fn output_types_match_numpy_codes() {
        for (code, size) in [("u1", 1), ("i2", 2), ("f4", 4), ("i8", 8), ("f8", 8)] {
            assert_eq!(OutType::from_code(code).unwrap().size(), size);
        }
        assert_eq!(OutType::from_code("f2"), None);
    }
}
