//! The core's error type. The bindings map each variant onto the Python
//! hierarchy rooted in `pyrdicom.DicomError` (I/O errors stay `OSError`).

use thiserror::Error;

pub type Result<T> = std::result::Result<T, Error>;

#[derive(Debug, Error)]
pub enum Error {
    /// The input is not DICOM (no preamble/`DICM` and `force` not given, or unrecognisable).
    #[error("{0}")]
    InvalidDicom(String),
    /// The input claims to be DICOM but its structure is broken (truncated, bad lengths, ...).
    #[error("{0}")]
    Malformed(String),
    /// A transfer syntax (or feature of one) this build cannot handle.
    #[error("{0}")]
    Unsupported(String),
    /// Pixel data that does not match its description, or a codec failure.
    #[error("{0}")]
    Pixel(String),
    /// A value whose length is not a multiple of its VR's value size (pydicom's
    /// `BytesLengthException`).
    #[error("{0}")]
    BytesLength(String),
    /// A value that cannot be encoded for its VR, or is too long for a DICOM length field.
    #[error("{0}")]
    Value(String),
    /// Text the character set cannot encode (where pydicom raises rather than warns).
    #[error("{0}")]
    Charset(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl Error {
    pub fn malformed(msg: impl Into<String>) -> Self {
        Error::Malformed(msg.into())
    }
    pub fn pixel(msg: impl Into<String>) -> Self {
        Error::Pixel(msg.into())
    }
}
