//! Pixel data codecs: each module decodes one encapsulated frame straight into a caller-provided
//! buffer laid out like one frame of pydicom 3's `pixel_array` (see docs/jpegls-j2k.md).

use crate::error::{Error, Result};

mod color;
pub mod info;
pub mod j2k;
pub mod jpeg;
pub mod jpegls;
pub mod jxl;
pub mod rle;
mod samples;
#[cfg(test)]
mod testutil;

/// What a decoder needs to know about one frame; from the Image Pixel module (PS3.3 C.7.6.3).
#[derive(Clone, Debug)]
pub struct FrameSpec {
    pub rows: u32,
    pub cols: u32,
    pub samples_per_pixel: u16,
    pub bits_allocated: u16,
    pub bits_stored: u16,
    /// PixelRepresentation == 1
    pub signed: bool,
    /// PhotometricInterpretation as in the data set
    pub photometric: String,
    pub planar_configuration: u16,
}

impl FrameSpec {
    /// Bytes of one decoded frame in pydicom's pixel_array layout (whole-byte samples only;
    /// Bits Allocated 1 is handled elsewhere).
    pub fn frame_len(&self) -> Result<usize> {
        let item = usize::from(self.bits_allocated / 8);
        (self.rows as usize)
            .checked_mul(self.cols as usize)
            .and_then(|n| n.checked_mul(usize::from(self.samples_per_pixel)))
            .and_then(|n| n.checked_mul(item))
            .ok_or_else(|| Error::pixel("frame size overflows the address space"))
    }

    /// Number of pixels (rows × columns) of one frame.
    pub(crate) fn pixels(&self) -> Result<usize> {
        (self.rows as usize)
            .checked_mul(self.cols as usize)
            .ok_or_else(|| Error::pixel("frame size overflows the address space"))
    }

    /// Number of samples (pixels × samples per pixel) of one frame.
    pub(crate) fn samples(&self) -> Result<usize> {
        self.pixels()?
            .checked_mul(usize::from(self.samples_per_pixel))
            .ok_or_else(|| Error::pixel("frame size overflows the address space"))
    }

    /// Checks the parts of the spec every codec relies on, and that `buf` holds one frame.
    pub(crate) fn check_frame(&self, buf: &[u8]) -> Result<()> {
        if !matches!(self.bits_allocated, 8 | 16 | 32) {
            return Err(Error::pixel(format!(
                "Bits Allocated {} is not supported for compressed pixel data",
                self.bits_allocated
            )));
        }
        if self.bits_stored == 0 || self.bits_stored > self.bits_allocated {
            return Err(Error::pixel(format!(
                "Bits Stored {} is not in 1..={}",
                self.bits_stored, self.bits_allocated
            )));
        }
        if self.rows == 0 || self.cols == 0 || self.samples_per_pixel == 0 {
            return Err(Error::pixel(
                "empty frame (Rows, Columns or Samples per Pixel is 0)",
            ));
        }
        let len = self.frame_len()?;
        if buf.len() != len {
            return Err(Error::pixel(format!(
                "frame buffer is {} bytes, one frame is {len}",
                buf.len()
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::{decoded, native, spec, values};
    use super::{j2k, jpegls};

    #[test]
    fn codecs_decode_concurrently() {
        let s = spec(48, 40, 3, 16, 12, false, "RGB", 0);
        let vals = values(&s);
        let px = native(&s, &vals);
        let jls = jpegls::encode_frame(&px, &s, &Default::default()).unwrap();
        let j2k = j2k::encode_frame(&px, &s, &Default::default()).unwrap();
        std::thread::scope(|scope| {
            for t in 0..8 {
                let (s, vals, jls, j2k) = (&s, &vals, &jls, &j2k);
                scope.spawn(move || {
                    let mut out = vec![0u8; s.frame_len().unwrap()];
                    for _ in 0..10 {
                        if t % 2 == 0 {
                            jpegls::decode_frame(jls, s, &mut out).unwrap();
                        } else {
                            j2k::decode_frame(j2k, s, &mut out).unwrap();
                        }
                        assert_eq!(&decoded(s, &out), vals);
                    }
                });
            }
        });
    }

    #[test]
    fn frame_len_is_checked() {
        let s = spec(3, 5, 3, 16, 12, false, "RGB", 0);
        assert_eq!(s.frame_len().unwrap(), 90);
        let huge = spec(u32::MAX, u32::MAX, u16::MAX, 32, 32, false, "RGB", 0);
        assert!(huge.frame_len().is_err());
    }
}
