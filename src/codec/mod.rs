//! Pixel data codecs: each module decodes one encapsulated frame straight into a caller-provided
//! buffer laid out like one frame of pydicom 3's `pixel_array`.

use crate::error::{Error, Result};

pub mod rle;

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

fn overflow() -> Error {
    Error::pixel("the image dimensions overflow")
}

impl FrameSpec {
    /// Bytes of one decoded frame in pydicom's pixel_array layout (whole-byte samples only;
    /// Bits Allocated 1 is handled elsewhere).
    pub fn frame_len(&self) -> Result<usize> {
        (self.rows as usize)
            .checked_mul(self.cols as usize)
            .and_then(|n| n.checked_mul(usize::from(self.samples_per_pixel)))
            .and_then(|n| n.checked_mul(usize::from(self.bits_allocated.div_ceil(8))))
            .ok_or_else(overflow)
    }
}
