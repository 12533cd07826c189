//! Pixel data codecs.

pub mod rle;
