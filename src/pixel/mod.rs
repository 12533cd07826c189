//! Pixel data containers: encapsulation (PS3.5 A.4).

pub mod encaps;
