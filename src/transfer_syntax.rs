//! The transfer-syntax registry: the one place that knows, per transfer syntax UID, how a data
//! set is encoded (VR, byte order, deflate), whether pixel data is encapsulated and lossy, which
//! codec decodes and encodes its frames, and how the result is post-processed (colour, bits
//! above Bits Stored). The parser, the pixel decoder, the writer and (through the bindings) the
//! Python layer read it; adding a transfer syntax is one entry here plus a codec module.

/// How the frames of an encapsulated transfer syntax are decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Codec {
    Rle,
    /// JPEG baseline, extended and lossless (libjpeg-turbo).
    Jpeg,
    /// JPEG-LS lossless and near-lossless (CharLS).
    JpegLs,
    /// JPEG 2000 and HTJ2K (OpenJPEG).
    J2k,
    /// JPEG XL (jxl-oxide).
    Jxl,
    /// Encapsulated Uncompressed Explicit VR Little Endian: frames are native bytes.
    Uncompressed,
    /// Deflated Image Frame Compression: each frame is deflated native bytes.
    Deflate,
}

impl Codec {
    pub fn as_str(self) -> &'static str {
        match self {
            Codec::Rle => "rle",
            Codec::Jpeg => "jpeg",
            Codec::JpegLs => "jpegls",
            Codec::J2k => "j2k",
            Codec::Jxl => "jxl",
            Codec::Uncompressed => "uncompressed",
            Codec::Deflate => "deflate",
        }
    }
}

/// How frames are encoded for writing (pydicom's `compress`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoder {
    Rle,
    /// JPEG Baseline (8-bit DCT, libjpeg-turbo), quality from the caller.
    JpegBaseline,
    /// JPEG Extended (12-bit DCT), quality from the caller.
    JpegExtended,
    /// JPEG Lossless process 14, predictor from the caller.
    JpegLossless,
    /// JPEG Lossless process 14, selection value 1.
    JpegLosslessSv1,
    /// JPEG-LS; NEAR comes from the caller (0 for lossless).
    JpegLs,
    /// JPEG 2000, reversible (lossless only).
    J2kLossless,
    /// JPEG 2000, lossless or lossy as the caller asks.
    J2k,
    /// Frames as they are (Encapsulated Uncompressed Explicit VR Little Endian).
    Uncompressed,
    /// Frames deflated (RFC 1951, Deflated Image Frame Compression).
    Deflate,
    /// JPEG XL Lossless (zune-jpegxl's modular encoder).
    JxlLossless,
}

impl Encoder {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoder::Rle => "rle",
            Encoder::JpegBaseline => "jpeg-baseline",
            Encoder::JpegExtended => "jpeg-extended",
            Encoder::JpegLossless => "jpeg-lossless",
            Encoder::JpegLosslessSv1 => "jpeg-lossless-sv1",
            Encoder::JpegLs => "jpegls",
            Encoder::J2kLossless => "j2k-lossless",
            Encoder::J2k => "j2k",
            Encoder::Uncompressed => "uncompressed",
            Encoder::Deflate => "deflate",
            Encoder::JxlLossless => "jxl-lossless",
        }
    }
}

/// Who converts YBR_FULL pixel data to RGB when an RGB array is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Colour {
    /// The decoded samples are as stored; the caller converts them (native data, RLE, ...).
    AfterDecoding,
    /// The codec's output is final: the JPEG family converts itself, JPEG-LS and JPEG 2000
    /// are left as pydicom leaves them.
    Codec,
}

/// What happens to the bits above Bits Stored after decoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnusedBits {
    /// pydicom masks them (or sign-extends signed data).
    Correct,
    /// JPEG-LS and JPEG 2000: pydicom keeps them (its sign correction follows the codestream's
    /// precision, which our codecs apply), so a 16-bit codestream with Bits Stored 12 keeps its
    /// high bits.
    Keep,
}

#[derive(Debug, PartialEq, Eq)]
pub struct TransferSyntax {
    pub uid: &'static str,
    pub name: &'static str,
    pub keyword: &'static str,
    pub implicit_vr: bool,
    pub little_endian: bool,
    /// The data set after the file meta is deflated (PS3.5 A.5).
    pub deflated: bool,
    /// Pixel data is encapsulated (PS3.5 A.4), with an undefined length.
    pub encapsulated: bool,
    /// The encoding may lose information.
    pub lossy: bool,
    pub decoder: Option<Codec>,
    pub encoder: Option<Encoder>,
    pub colour: Colour,
    /// The stored photometric interpretations the codec outputs as RGB whatever the caller
    /// asks (libjpeg-turbo's YCbCr conversion, OpenJPEG's inverse multi-component transform).
    pub codec_rgb: &'static [&'static str],
    pub unused_bits: UnusedBits,
}

/// A native (uncompressed) transfer syntax.
const fn native(
    uid: &'static str,
    name: &'static str,
    keyword: &'static str,
    implicit_vr: bool,
    little_endian: bool,
    deflated: bool,
) -> TransferSyntax {
    TransferSyntax {
        uid,
        name,
        keyword,
        implicit_vr,
        little_endian,
        deflated,
        encapsulated: false,
        lossy: false,
        decoder: None,
        encoder: None,
        colour: Colour::AfterDecoding,
        codec_rgb: &[],
        unused_bits: UnusedBits::Correct,
    }
}

/// An encapsulated transfer syntax (always explicit VR little endian), with the codec that
/// decodes it if this build has one.
const fn encapsulated(
    uid: &'static str,
    name: &'static str,
    keyword: &'static str,
    lossy: bool,
    decoder: Option<Codec>,
    encoder: Option<Encoder>,
) -> TransferSyntax {
    let (colour, unused_bits) = match decoder {
        Some(Codec::Jpeg) => (Colour::Codec, UnusedBits::Correct),
        Some(Codec::JpegLs) | Some(Codec::J2k) | Some(Codec::Jxl) => {
            (Colour::Codec, UnusedBits::Keep)
        }
        _ => (Colour::AfterDecoding, UnusedBits::Correct),
    };
    let codec_rgb: &'static [&'static str] = match decoder {
        Some(Codec::Jpeg) => &["YBR_FULL", "YBR_FULL_422"],
        Some(Codec::J2k) => &["YBR_ICT", "YBR_RCT"],
        _ => &[],
    };
    TransferSyntax {
        uid,
        name,
        keyword,
        implicit_vr: false,
        little_endian: true,
        deflated: false,
        encapsulated: true,
        lossy,
        decoder,
        encoder,
        colour,
        codec_rgb,
        unused_bits,
    }
}

use Codec::*;

/// Every transfer syntax of PS3.6 known to pydicom (and Deflated Image Frame Compression),
/// sorted by UID. Those without a decoder are still described so the Python layer can answer
/// `UID.is_compressed` and friends, and so reading them fails with a clear message.
#[rustfmt::skip]
pub static TRANSFER_SYNTAXES: &[TransferSyntax] = &[
    native("1.2.840.10008.1.2", "Implicit VR Little Endian", "ImplicitVRLittleEndian", true, true, false),
    native("1.2.840.10008.1.2.1", "Explicit VR Little Endian", "ExplicitVRLittleEndian", false, true, false),
    encapsulated("1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian", "EncapsulatedUncompressedExplicitVRLittleEndian", false, Some(Uncompressed), Some(Encoder::Uncompressed)),
    native("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", "DeflatedExplicitVRLittleEndian", false, true, true),
    native("1.2.840.10008.1.2.2", "Explicit VR Big Endian", "ExplicitVRBigEndian", false, false, false),
    encapsulated("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level", "MPEG2MPML", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.100.1", "Fragmentable MPEG2 Main Profile / Main Level", "MPEG2MPMLF", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level", "MPEG2MPHL", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.101.1", "Fragmentable MPEG2 Main Profile / High Level", "MPEG2MPHLF", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1", "MPEG4HP41", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.102.1", "Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.1", "MPEG4HP41F", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1", "MPEG4HP41BD", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.103.1", "Fragmentable MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1", "MPEG4HP41BDF", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video", "MPEG4HP422D", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.104.1", "Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video", "MPEG4HP422DF", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video", "MPEG4HP423D", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.105.1", "Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video", "MPEG4HP423DF", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2", "MPEG4HP42STEREO", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.106.1", "Fragmentable MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2", "MPEG4HP42STEREOF", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1", "HEVCMP51", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile / Level 5.1", "HEVCM10P51", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.110", "JPEG XL Lossless", "JPEGXLLossless", false, Some(Jxl), Some(Encoder::JxlLossless)),
    encapsulated("1.2.840.10008.1.2.4.111", "JPEG XL JPEG Recompression", "JPEGXLJPEGRecompression", true, Some(Jxl), None),
    encapsulated("1.2.840.10008.1.2.4.112", "JPEG XL", "JPEGXL", true, Some(Jxl), None),
    encapsulated("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)", "HTJ2KLossless", false, Some(J2k), None),
    encapsulated("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)", "HTJ2KLosslessRPCL", false, Some(J2k), None),
    encapsulated("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression", "HTJ2K", true, Some(J2k), None),
    encapsulated("1.2.840.10008.1.2.4.204", "JPIP HTJ2K Referenced", "JPIPHTJ2KReferenced", false, None, None),
    encapsulated("1.2.840.10008.1.2.4.205", "JPIP HTJ2K Referenced Deflate", "JPIPHTJ2KReferencedDeflate", false, None, None),
    encapsulated("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", "JPEGBaseline8Bit", true, Some(Jpeg), Some(Encoder::JpegBaseline)),
    encapsulated("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 and 4)", "JPEGExtended12Bit", true, Some(Jpeg), Some(Encoder::JpegExtended)),
    encapsulated("1.2.840.10008.1.2.4.52", "JPEG Extended (Process 3 and 5)", "JPEGExtended35", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.53", "JPEG Spectral Selection, Non-Hierarchical (Process 6 and 8)", "JPEGSpectralSelectionNonHierarchical68", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.54", "JPEG Spectral Selection, Non-Hierarchical (Process 7 and 9)", "JPEGSpectralSelectionNonHierarchical79", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.55", "JPEG Full Progression, Non-Hierarchical (Process 10 and 12)", "JPEGFullProgressionNonHierarchical1012", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.56", "JPEG Full Progression, Non-Hierarchical (Process 11 and 13)", "JPEGFullProgressionNonHierarchical1113", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", "JPEGLossless", false, Some(Jpeg), Some(Encoder::JpegLossless)),
    encapsulated("1.2.840.10008.1.2.4.58", "JPEG Lossless, Non-Hierarchical (Process 15)", "JPEGLosslessNonHierarchical15", false, None, None),
    encapsulated("1.2.840.10008.1.2.4.59", "JPEG Extended, Hierarchical (Process 16 and 18)", "JPEGExtendedHierarchical1618", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.60", "JPEG Extended, Hierarchical (Process 17 and 19)", "JPEGExtendedHierarchical1719", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.61", "JPEG Spectral Selection, Hierarchical (Process 20 and 22)", "JPEGSpectralSelectionHierarchical2022", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.62", "JPEG Spectral Selection, Hierarchical (Process 21 and 23)", "JPEGSpectralSelectionHierarchical2123", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.63", "JPEG Full Progression, Hierarchical (Process 24 and 26)", "JPEGFullProgressionHierarchical2426", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.64", "JPEG Full Progression, Hierarchical (Process 25 and 27)", "JPEGFullProgressionHierarchical2527", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.65", "JPEG Lossless, Hierarchical (Process 28)", "JPEGLosslessHierarchical28", false, None, None),
    encapsulated("1.2.840.10008.1.2.4.66", "JPEG Lossless, Hierarchical (Process 29)", "JPEGLosslessHierarchical29", false, None, None),
    encapsulated("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])", "JPEGLosslessSV1", false, Some(Jpeg), Some(Encoder::JpegLosslessSv1)),
    encapsulated("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression", "JPEGLSLossless", false, Some(JpegLs), Some(Encoder::JpegLs)),
    encapsulated("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression", "JPEGLSNearLossless", true, Some(JpegLs), Some(Encoder::JpegLs)),
    encapsulated("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)", "JPEG2000Lossless", false, Some(J2k), Some(Encoder::J2kLossless)),
    encapsulated("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression", "JPEG2000", true, Some(J2k), Some(Encoder::J2k)),
    encapsulated("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)", "JPEG2000MCLossless", false, None, None),
    encapsulated("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression", "JPEG2000MC", true, None, None),
    encapsulated("1.2.840.10008.1.2.4.94", "JPIP Referenced", "JPIPReferenced", false, None, None),
    encapsulated("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate", "JPIPReferencedDeflate", false, None, None),
    encapsulated("1.2.840.10008.1.2.5", "RLE Lossless", "RLELossless", false, Some(Rle), Some(Encoder::Rle)),
    encapsulated("1.2.840.10008.1.2.6.1", "RFC 2557 MIME encapsulation", "RFC2557MIMEEncapsulation", false, None, None),
    encapsulated("1.2.840.10008.1.2.6.2", "XML Encoding", "XMLEncoding", false, None, None),
    encapsulated("1.2.840.10008.1.2.7.1", "SMPTE ST 2110-20 Uncompressed Progressive Active Video", "SMPTEST211020UncompressedProgressiveActiveVideo", false, None, None),
    encapsulated("1.2.840.10008.1.2.7.2", "SMPTE ST 2110-20 Uncompressed Interlaced Active Video", "SMPTEST211020UncompressedInterlacedActiveVideo", false, None, None),
    encapsulated("1.2.840.10008.1.2.7.3", "SMPTE ST 2110-30 PCM Digital Audio", "SMPTEST211030PCMDigitalAudio", false, None, None),
    encapsulated("1.2.840.10008.1.2.8.1", "Deflated Image Frame Compression", "DeflatedImageFrameCompression", false, Some(Deflate), Some(Encoder::Deflate)),
    encapsulated("1.2.840.10008.1.20", "Papyrus 3 Implicit VR Little Endian", "Papyrus3ImplicitVRLittleEndian", false, None, None),
];

thread_local! {
    /// The entry the last lookup on this thread found: files read one after another mostly
    /// share their transfer syntax, and one comparison is cheaper than a binary search.
    static LAST: std::cell::Cell<Option<&'static TransferSyntax>> =
        const { std::cell::Cell::new(None) };
}

/// The registry entry of `uid` (None for a private or unknown UID).
pub fn lookup(uid: &str) -> Option<&'static TransferSyntax> {
    if let Some(ts) = LAST.get().filter(|ts| ts.uid == uid) {
        return Some(ts);
    }
    let i = TRANSFER_SYNTAXES
        .binary_search_by(|ts| ts.uid.cmp(uid))
        .ok()?;
    LAST.set(Some(&TRANSFER_SYNTAXES[i]));
    Some(&TRANSFER_SYNTAXES[i])
}

/// The registry entry with `keyword` (e.g. "RLELossless").
pub fn by_keyword(keyword: &str) -> Option<&'static TransferSyntax> {
    TRANSFER_SYNTAXES.iter().find(|ts| ts.keyword == keyword)
}

fn expect(keyword: &str) -> &'static TransferSyntax {
    by_keyword(keyword).expect("a registry entry")
}

pub fn implicit_vr_little_endian() -> &'static TransferSyntax {
    expect("ImplicitVRLittleEndian")
}

pub fn explicit_vr_little_endian() -> &'static TransferSyntax {
    expect("ExplicitVRLittleEndian")
}

pub fn explicit_vr_big_endian() -> &'static TransferSyntax {
    expect("ExplicitVRBigEndian")
}

/// The native transfer syntax of a data set encoded as (implicit VR, little endian): what a
/// bare data set read with `force` was guessed to be.
pub fn native_for(implicit_vr: bool, little_endian: bool) -> &'static TransferSyntax {
    match (implicit_vr, little_endian) {
        (true, _) => implicit_vr_little_endian(),
        (false, true) => explicit_vr_little_endian(),
        (false, false) => explicit_vr_big_endian(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict;

    #[test]
    fn sorted_for_binary_search() {
        assert!(TRANSFER_SYNTAXES.windows(2).all(|w| w[0].uid < w[1].uid));
    }

    #[test]
    fn names_and_keywords_match_the_uid_dictionary() {
        for ts in TRANSFER_SYNTAXES {
            if let Some(entry) = dict::uid_lookup(ts.uid) {
                assert_eq!(entry.kind, "Transfer Syntax", "{}", ts.uid);
                assert_eq!((entry.name, entry.keyword), (ts.name, ts.keyword));
            }
        }
        for entry in dict::uid_entries() {
            if entry.kind == "Transfer Syntax" {
                assert!(
                    lookup(entry.uid).is_some(),
                    "{} is not in the registry",
                    entry.uid
                );
            }
        }
    }

    #[test]
    fn encodings() {
        assert!(native_for(true, true).implicit_vr);
        assert!(!native_for(false, false).little_endian);
        let deflated = by_keyword("DeflatedExplicitVRLittleEndian").unwrap();
        assert!(deflated.deflated && !deflated.encapsulated && !deflated.implicit_vr);
        let jpeg = by_keyword("JPEGBaseline8Bit").unwrap();
        assert_eq!(
            (jpeg.decoder, jpeg.colour),
            (Some(Codec::Jpeg), Colour::Codec)
        );
        assert_eq!(lookup(jpeg.uid), Some(jpeg));
        assert_eq!(lookup("1.2.3"), None);
        let jls = by_keyword("JPEGLSNearLossless").unwrap();
        assert_eq!(jls.unused_bits, UnusedBits::Keep);
        assert!(jls.lossy);
    }

    #[test]
    fn codecs_that_output_rgb() {
        let rgb = |keyword| by_keyword(keyword).unwrap().codec_rgb;
        assert_eq!(rgb("JPEGLosslessSV1"), ["YBR_FULL", "YBR_FULL_422"]);
        assert_eq!(rgb("HTJ2K"), ["YBR_ICT", "YBR_RCT"]);
        assert!(rgb("JPEGLSLossless").is_empty() && rgb("RLELossless").is_empty());
        assert!(rgb("ExplicitVRLittleEndian").is_empty());
    }
}
