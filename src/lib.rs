//! pyrdicom's Rust core: DICOM parsing, value decoding and pixel decoding, free of PyO3.
//! The Python bindings live in `py` and are only compiled with the `python` feature.

pub mod charset;
pub mod codec;
pub mod dict;
pub mod error;
pub mod limits;
pub mod parse;
pub mod pixel;
pub mod source;
pub mod value;
pub mod vr;
pub mod write;

#[cfg(feature = "python")]
mod py;
