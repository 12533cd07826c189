//! pyrdicom's Rust core: DICOM parsing, value decoding and pixel decoding, free of PyO3.
//! The Python bindings live in `py` and are only compiled with the `python` feature.

pub mod codec;
pub mod error;
pub mod vr;

#[cfg(feature = "python")]
mod py;
