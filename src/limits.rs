//! Resource limits on hostile input, in one place (see docs/robustness.md). Whatever a file
//! declares, reading it never nests, allocates or inflates beyond these bounds: past them the
//! input is an error (`Error::Malformed` / `Error::Pixel`), not a crash or gigabytes of RAM.

use std::io::Read;

use crate::error::{Error, Result};

/// Deepest nesting of sequences the parser follows. Real files use a handful of levels;
/// pydicom fails with a RecursionError near 250, and every recursive walk of a data set
/// (Python's included) stays far from the interpreter's limit at this depth.
pub const MAX_DEPTH: usize = 64;

/// Largest inflated Deflated Explicit VR Little Endian data set. Deflate expands at most
/// 1032:1, so a 24 MB file could claim 24 GB; past this bound it is a zip bomb, not a data set.
pub const MAX_INFLATED: usize = 1 << 30;

/// Decoded pixel bytes a request may claim per encoded byte: far above what codecs reach on
/// real images (a blank JPEG 2000 frame compresses about 2,000:1), so only declared image sizes
/// that the pixel data cannot back are refused.
pub const MAX_EXPANSION: usize = 20_000;

/// Decoded pixel bytes always allowed, whatever the encoded size (small files with large blank
/// frames).
pub const MIN_ALLOWANCE: usize = 64 << 20;

/// Largest decoded size (all frames requested) that `encoded` bytes of pixel data may claim.
pub fn decoded_allowance(encoded: usize) -> usize {
    MIN_ALLOWANCE.max(encoded.saturating_mul(MAX_EXPANSION))
}

/// Inflates raw deflate data (no zlib header), refusing output longer than `max` bytes.
pub fn inflate(data: &[u8], max: usize) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len().saturating_mul(4).min(max));
    flate2::read::DeflateDecoder::new(data)
        .take(max as u64 + 1)
        .read_to_end(&mut out)?;
    if out.len() > max {
        return Err(std::io::Error::other(format!(
            "it inflates to more than {max} bytes"
        )));
    }
    Ok(out)
}

/// Inflates a Deflated Explicit VR Little Endian data set (PS3.5 A.5) within `MAX_INFLATED`.
pub fn inflate_dataset(data: &[u8]) -> Result<Vec<u8>> {
    inflate(data, MAX_INFLATED)
        .map_err(|e| Error::malformed(format!("cannot inflate the deflated data set: {e}")))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn deflate(data: &[u8]) -> Vec<u8> {
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(data).unwrap();
        z.finish().unwrap()
    }

    #[test]
    fn inflate_is_bounded() {
        let bomb = deflate(&vec![0u8; 4 << 20]);
        assert!(bomb.len() < 8 << 10);
        assert_eq!(inflate(&bomb, 4 << 20).unwrap().len(), 4 << 20);
        let err = inflate(&bomb, (4 << 20) - 1).unwrap_err();
        assert!(err.to_string().contains("more than"));
    }

    #[test]
    fn allowance_grows_with_the_encoded_size() {
        assert_eq!(decoded_allowance(0), MIN_ALLOWANCE);
        assert_eq!(decoded_allowance(1 << 20), (1 << 20) * MAX_EXPANSION);
        assert_eq!(decoded_allowance(usize::MAX), usize::MAX);
    }
}
