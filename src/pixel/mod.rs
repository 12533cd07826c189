//! Pixel data: native (uncompressed) helpers; encapsulated frames and codecs live beside.

pub mod native;
