//! Pixel data codecs: each module decodes one encapsulated frame straight into a caller-provided
//! buffer laid out like one frame of pydicom 3's `pixel_array`.

use crate::error::{Error, Result};

mod color;
pub mod jpeg;
pub mod rle;
mod samples;

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
        self.samples()?
            .checked_mul(usize::from(self.bits_allocated / 8))
            .ok_or_else(overflow)
    }

    /// Number of pixels (rows × columns) of one frame.
    pub(crate) fn pixels(&self) -> Result<usize> {
        (self.rows as usize)
            .checked_mul(self.cols as usize)
            .ok_or_else(overflow)
    }

    /// Number of samples (pixels × samples per pixel) of one frame.
    pub(crate) fn samples(&self) -> Result<usize> {
        self.pixels()?
            .checked_mul(usize::from(self.samples_per_pixel))
            .ok_or_else(overflow)
    }

    /// Checks the parts of the spec every codec relies on, and that `out` is one frame.
    pub(crate) fn check_output(&self, out: &[u8]) -> Result<()> {
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
        if out.len() != len {
            return Err(Error::pixel(format!(
                "output buffer is {} bytes, one frame is {len}",
                out.len()
            )));
        }
        Ok(())
    }
}

fn overflow() -> Error {
    Error::pixel("frame size overflows the address space")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(rows: u32, cols: u32, spp: u16, ba: u16) -> FrameSpec {
        FrameSpec {
            rows,
            cols,
            samples_per_pixel: spp,
            bits_allocated: ba,
            bits_stored: ba,
            signed: false,
            photometric: "RGB".into(),
            planar_configuration: 0,
        }
    }

    #[test]
    fn frame_len_and_checks() {
        assert_eq!(spec(3, 5, 3, 16).frame_len().unwrap(), 90);
        assert!(spec(u32::MAX, u32::MAX, u16::MAX, 32).frame_len().is_err());
        assert!(spec(3, 5, 3, 16).check_output(&[0; 90]).is_ok());
        assert!(spec(3, 5, 3, 16).check_output(&[0; 89]).is_err());
        assert!(spec(0, 5, 3, 16).check_output(&[]).is_err());
        let mut s = spec(3, 5, 1, 16);
        s.bits_stored = 17;
        assert!(s.check_output(&[0; 30]).is_err());
    }
}
