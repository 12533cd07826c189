//! pyrdicom's Rust core: DICOM parsing, value decoding and pixel decoding, free of PyO3.
//! The Python bindings live in `py` and are only compiled with the `python` feature.
//!
//! Modules that nothing outside the crate uses are `pub(crate)`, so a build with the bindings
//! (`cargo clippy --features python`) reports their dead code; without the bindings much of
//! them is unused by design. The public ones are used by the oracle programs in tools/oracle.

#[cfg_attr(not(feature = "python"), allow(dead_code))]
pub(crate) mod batch;
pub mod charset;
pub mod codec;
#[cfg_attr(not(feature = "python"), allow(dead_code))]
pub(crate) mod dict;
pub mod error;
// The fuzz targets' bodies (fuzz/): for the fuzz crate, and replayed over the committed
// findings by the crate's tests.
#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzzing;
#[cfg_attr(not(feature = "python"), allow(dead_code))]
pub(crate) mod limits;
#[cfg_attr(not(feature = "python"), allow(dead_code))]
pub(crate) mod parse;
pub mod pixel;
#[cfg_attr(not(feature = "python"), allow(dead_code))]
pub(crate) mod read;
#[cfg_attr(not(feature = "python"), allow(dead_code))]
pub(crate) mod source;
#[cfg_attr(not(feature = "python"), allow(dead_code))]
pub(crate) mod tag;
pub mod transfer_syntax;
#[cfg_attr(not(feature = "python"), allow(dead_code))]
pub(crate) mod value;
#[cfg_attr(not(feature = "python"), allow(dead_code))]
pub(crate) mod volume;
#[cfg_attr(not(feature = "python"), allow(dead_code))]
pub(crate) mod vr;
#[cfg_attr(not(feature = "python"), allow(dead_code))]
pub(crate) mod write;

#[cfg(feature = "python")]
mod py;
