//! Lookup tables and windowing over whole pixel arrays (PS3.3 C.11.1.1.1, C.11.2.1.2.1).
//!
//! Both kernels compute each output from one input value in a single pass, with the same
//! arithmetic as pydicom's NumPy code so results are bit-identical, and split large arrays into
//! chunks run in parallel.

use rayon::prelude::*;

use crate::error::{Error, Result};

/// Inputs per parallel chunk: below this, splitting costs more than it saves.
const CHUNK: usize = 1 << 16;

/// Runs `f(input_chunk, output_chunk)` over matching chunks of `input` and `out`, where each
/// input value has `per_input` outputs; in parallel when there is more than one chunk.
fn chunked<T: Sync, O: Send>(
    input: &[T],
    out: &mut [O],
    per_input: usize,
    f: impl Fn(&[T], &mut [O]) + Sync,
) {
    if input.len() <= CHUNK {
        f(input, out);
    } else {
        out.par_chunks_mut(CHUNK * per_input)
            .zip(input.par_chunks(CHUNK))
            .for_each(|(o, i)| f(i, o));
    }
}

/// Looks every input value up in each of `luts` (all the same, non-zero length): value
/// `first_mapped` selects entry 0, values below it the first entry and values past the end the
/// last one. Output `i * luts.len() + c` is input `i` looked up in `luts[c]`.
pub fn apply_luts<T: Copy + Sync + Into<i64>, L: Copy + Default + Send + Sync>(
    input: &[T],
    luts: &[&[L]],
    first_mapped: i64,
) -> Result<Vec<L>> {
    let entries = luts.first().map_or(0, |lut| lut.len());
    if entries == 0 || luts.iter().any(|lut| lut.len() != entries) {
        return Err(Error::pixel("LUTs must be non-empty and of equal length"));
    }
    let last = entries as i64 - 1;
    let per_input = luts.len();
    let mut out = vec![L::default(); input.len() * per_input];
    chunked(input, &mut out, per_input, |input, out| {
        for (&value, pixel) in input.iter().zip(out.chunks_exact_mut(per_input)) {
            // In i64 no input or descriptor value can overflow.
            let index = (value.into() - first_mapped).clamp(0, last) as usize;
            for (o, lut) in pixel.iter_mut().zip(luts) {
                *o = lut[index];
            }
        }
    });
    Ok(out)
}

/// The LINEAR / LINEAR_EXACT window, already adjusted for the function (for LINEAR pydicom
/// passes `center - 0.5` and `width - 1`), onto `[y_min, y_min + y_range]`.
#[derive(Clone, Copy, Debug)]
pub struct Window {
    pub center: f64,
    pub width: f64,
    pub y_min: f64,
    pub y_max: f64,
    pub y_range: f64,
}

impl Window {
    /// pydicom's operation order exactly (no fused multiply-add), so results match bit for bit.
    fn map(&self, x: f64, low: f64, high: f64) -> f64 {
        if x <= low {
            self.y_min
        } else if x > high {
            self.y_max
        } else {
            ((x - self.center) / self.width + 0.5) * self.y_range + self.y_min
        }
    }

    /// The window over every input value, as float64.
    pub fn apply<T: Copy + Sync + Into<f64>>(&self, input: &[T]) -> Vec<f64> {
        let low = self.center - self.width / 2.0;
        let high = self.center + self.width / 2.0;
        let mut out = vec![0.0; input.len()];
        chunked(input, &mut out, 1, |input, out| {
            for (&value, o) in input.iter().zip(out.iter_mut()) {
                *o = self.map(value.into(), low, high);
            }
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamps_below_and_past_the_end() {
        let lut: [u16; 4] = [10, 20, 30, 40];
        let input: [i16; 6] = [-5, 99, 100, 102, 103, 30000];
        let out = apply_luts(&input, &[&lut], 100).unwrap();
        assert_eq!(out, [10, 10, 10, 30, 40, 40]);
    }

    #[test]
    fn interleaves_channels() {
        let (r, g, b): ([u8; 2], [u8; 2], [u8; 2]) = ([1, 2], [3, 4], [5, 6]);
        let out = apply_luts(&[1u8, 0, 7], &[&r, &g, &b], 0).unwrap();
        assert_eq!(out, [2, 4, 6, 1, 3, 5, 2, 4, 6]);
    }

    #[test]
    fn extreme_inputs_and_first_mapped() {
        let lut: [u8; 3] = [7, 8, 9];
        let input = [u32::MAX, 0, 65535];
        assert_eq!(apply_luts(&input, &[&lut], 65535).unwrap(), [9, 7, 7]);
        let input = [i32::MIN, -32768, -32767, i32::MAX];
        assert_eq!(apply_luts(&input, &[&lut], -32768).unwrap(), [7, 7, 8, 9]);
    }

    #[test]
    fn parallel_chunks_match_sequential() {
        let lut: Vec<u16> = (0..4096).map(|i| (i * 7 % 65536) as u16).collect();
        let input: Vec<u16> = (0..(3 * CHUNK + 17) as u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 19) as u16)
            .collect();
        let out = apply_luts(&input, &[&lut, &lut], 5).unwrap();
        assert_eq!(out.len(), input.len() * 2);
        for (i, &v) in input.iter().enumerate() {
            let expected = lut[(i64::from(v) - 5).clamp(0, 4095) as usize];
            assert_eq!((out[2 * i], out[2 * i + 1]), (expected, expected));
        }
    }

    #[test]
    fn rejects_empty_or_unequal_luts() {
        let empty: [u8; 0] = [];
        assert!(apply_luts(&[1u8], &[&empty], 0).is_err());
        assert!(apply_luts::<u8, u8>(&[1u8], &[], 0).is_err());
        assert!(apply_luts(&[1u8], &[&[1u8, 2][..], &[1u8][..]], 0).is_err());
    }

    #[test]
    fn window_linear() {
        // center 50, width 20 onto [0, 255]: edges 40 and 60.
        let w = Window {
            center: 50.0,
            width: 20.0,
            y_min: 0.0,
            y_max: 255.0,
            y_range: 255.0,
        };
        let out = w.apply(&[0i16, 40, 45, 50, 60, 61]);
        assert_eq!(out, [0.0, 0.0, 63.75, 127.5, 255.0, 255.0]);
        // CHUNK % 100 == 36, so index CHUNK + 9 holds 45 and CHUNK + 63 holds 99.
        let big: Vec<u16> = (0..(2 * CHUNK) as u32).map(|i| (i % 100) as u16).collect();
        let out = w.apply(&big);
        assert_eq!(out[CHUNK + 9], 63.75);
        assert_eq!(out[CHUNK + 63], 255.0);
    }
}
