//! The transfer-syntax registry (`crate::transfer_syntax`) for the Python layer, read once by
//! `pyrdicom._transfer_syntax`.

use pyo3::prelude::*;

use crate::transfer_syntax::{self, Colour, UnusedBits};

/// One registry entry (see `src/transfer_syntax.rs`); immutable.
#[pyclass(frozen, module = "pyrdicom._core")]
pub struct TransferSyntax(&'static transfer_syntax::TransferSyntax);

#[pymethods]
impl TransferSyntax {
    #[getter]
    fn uid(&self) -> &'static str {
        self.0.uid
    }
    #[getter]
    fn name(&self) -> &'static str {
        self.0.name
    }
    #[getter]
    fn keyword(&self) -> &'static str {
        self.0.keyword
    }
    #[getter]
    fn implicit_vr(&self) -> bool {
        self.0.implicit_vr
    }
    #[getter]
    fn little_endian(&self) -> bool {
        self.0.little_endian
    }
    #[getter]
    fn deflated(&self) -> bool {
        self.0.deflated
    }
    #[getter]
    fn encapsulated(&self) -> bool {
        self.0.encapsulated
    }
    #[getter]
    fn lossy(&self) -> bool {
        self.0.lossy
    }
    /// The codec that decodes its frames ("rle", "jpeg", "jpegls", "j2k", "uncompressed",
    /// "deflate"), None if this build cannot decode it (or it is native).
    #[getter]
    fn decoder(&self) -> Option<&'static str> {
        self.0.decoder.map(|c| c.as_str())
    }
    /// The encoder `compress` uses for it, None if there is none.
    #[getter]
    fn encoder(&self) -> Option<&'static str> {
        self.0.encoder.map(|e| e.as_str())
    }
    /// Whether decoded YBR_FULL data is as stored, to be converted to RGB by the caller (the
    /// codec's output is final otherwise).
    #[getter]
    fn ybr_to_rgb_after_decoding(&self) -> bool {
        self.0.colour == Colour::AfterDecoding
    }
    /// The stored photometric interpretations the codec outputs as RGB whatever `as_rgb` says.
    #[getter]
    fn codec_rgb(&self) -> Vec<&'static str> {
        self.0.codec_rgb.to_vec()
    }
    /// Whether the bits above Bits Stored are corrected (masked or sign-extended) after
    /// decoding, as pydicom does for this transfer syntax.
    #[getter]
    fn corrects_unused_bits(&self) -> bool {
        self.0.unused_bits == UnusedBits::Correct
    }

    fn __repr__(&self) -> String {
        format!("<TransferSyntax {} {}>", self.0.uid, self.0.keyword)
    }
}

/// Every registry entry, sorted by UID.
#[pyfunction]
fn transfer_syntaxes() -> Vec<TransferSyntax> {
    transfer_syntax::TRANSFER_SYNTAXES
        .iter()
        .map(TransferSyntax)
        .collect()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<TransferSyntax>()?;
    m.add_function(wrap_pyfunction!(transfer_syntaxes, m)?)?;
    Ok(())
}
