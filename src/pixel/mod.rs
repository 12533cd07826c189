//! Pixel data: native (uncompressed) data and encapsulated frames (PS3.5 8.1.1, A.4).

pub mod bits;
pub mod decode;
pub mod encaps;
pub mod lut;
#[cfg_attr(not(feature = "python"), allow(dead_code))]
pub(crate) mod module;
pub mod native;
