//! Reading a JPEG codestream's header segments (up to the first SOS), and preparing the
//! codestream so that libjpeg-turbo returns the components exactly as coded.

use std::borrow::Cow;

use crate::error::{Error, Result};

const SOI: u8 = 0xD8;
const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;
const APP0: u8 = 0xE0;
const APP14: u8 = 0xEE;
const APP15: u8 = 0xEF;

/// An Adobe APP14 segment with transform 0: libjpeg then takes a 3-component image as RGB
/// and does no colour conversion.
const ADOBE_NO_TRANSFORM: [u8; 16] = [
    0xFF, APP14, 0, 14, b'A', b'd', b'o', b'b', b'e', 0, 100, 0, 0, 0, 0, 0,
];

/// What the header says about the frame.
#[derive(Debug)]
pub(super) struct Header {
    pub precision: u8,
    pub rows: u16,
    pub cols: u16,
    pub component_ids: Vec<u8>,
    /// Horizontal and vertical sampling factors of each component.
    pub sampling: Vec<(u8, u8)>,
    /// An APPn segment before the SOF starts with "JFIF" (as pydicom checks it: the last
    /// segment of each APPn type counts).
    pub jfif: bool,
    /// Offsets of the APP0/APP14 marker codes before the first SOS.
    colour_markers: Vec<usize>,
    /// The SOF marker code (0xC0 baseline, 0xC1 extended, 0xC2 progressive, 0xC3 lossless,
    /// 0xC9..=0xCB the same with arithmetic coding).
    sof_marker: u8,
    /// Number of components in the first scan.
    first_scan_components: u8,
    /// Offset of the first SOS marker code.
    first_sos: usize,
}

fn corrupt(msg: impl std::fmt::Display) -> Error {
    Error::pixel(format!("corrupt JPEG codestream: {msg}"))
}

/// Walks the marker segments from SOI to the first SOS as libjpeg does (fill bytes allowed
/// before a marker code, standalone RSTn/TEM markers skipped), keeping what the decoder and
/// pydicom's colour-space rules need.
pub(super) fn read_header(data: &[u8]) -> Result<Header> {
    if data.len() < 2 || data[0] != 0xFF || data[1] != SOI {
        return Err(Error::pixel(
            "not a JPEG codestream (no SOI marker at the start)",
        ));
    }
    let mut pos = 2;
    let mut sof: Option<(u8, Sof)> = None;
    let first_scan_components;
    let first_sos;
    let mut app_jfif = [false; 16];
    let mut colour_markers = Vec::new();
    loop {
        if data.get(pos) != Some(&0xFF) {
            return Err(if pos >= data.len() {
                corrupt("it ends before the scan data")
            } else {
                corrupt(format_args!("no marker at offset {pos}"))
            });
        }
        while data.get(pos) == Some(&0xFF) {
            pos += 1;
        }
        let Some(&code) = data.get(pos) else {
            return Err(corrupt("it ends before the scan data"));
        };
        let code_at = pos;
        pos += 1;
        match code {
            SOS => {
                first_scan_components = *data
                    .get(pos + 2)
                    .ok_or_else(|| corrupt("it ends inside the SOS segment"))?;
                first_sos = code_at;
                break;
            }
            SOI | EOI => return Err(corrupt(format_args!("marker 0x{code:02X} before any scan"))),
            0x01 | 0xD0..=0xD7 => continue,
            0x00 => return Err(corrupt(format_args!("no marker at offset {code_at}"))),
            _ => {}
        }
        let len = match data.get(pos..pos + 2) {
            Some(b) => usize::from(u16::from_be_bytes([b[0], b[1]])),
            None => return Err(corrupt("it ends inside a marker segment")),
        };
        let body = data
            .get(pos + 2..pos + len)
            .filter(|_| len >= 2)
            .ok_or_else(|| corrupt(format_args!("bad length of marker 0x{code:02X} segment")))?;
        pos += len;
        match code {
            // SOF0..SOF15 (not DHT 0xC4, JPG 0xC8, DAC 0xCC)
            0xC0..=0xCF if !matches!(code, 0xC4 | 0xC8 | 0xCC) => {
                if sof.is_some() {
                    return Err(corrupt("two SOF markers"));
                }
                sof = Some((code, parse_sof(body)?));
            }
            APP0..=APP15 => {
                if sof.is_none() {
                    app_jfif[usize::from(code - APP0)] = body.starts_with(b"JFIF");
                }
                if code == APP0 || code == APP14 {
                    colour_markers.push(code_at);
                }
            }
            _ => {}
        }
    }
    let (sof_marker, sof) = sof.ok_or_else(|| corrupt("no SOF marker before the scan"))?;
    Ok(Header {
        precision: sof.precision,
        rows: sof.rows,
        cols: sof.cols,
        component_ids: sof.components.iter().map(|c| c.0).collect(),
        sampling: sof
            .components
            .iter()
            .map(|c| (c.1 >> 4, c.1 & 15))
            .collect(),
        jfif: app_jfif.contains(&true),
        colour_markers,
        sof_marker,
        first_scan_components,
        first_sos,
    })
}

struct Sof {
    precision: u8,
    rows: u16,
    cols: u16,
    /// (component ID, sampling factors byte)
    components: Vec<(u8, u8)>,
}

fn parse_sof(body: &[u8]) -> Result<Sof> {
    let [precision, r0, r1, c0, c1, n, ref comps @ ..] = *body else {
        return Err(corrupt("SOF segment too short"));
    };
    if comps.len() != 3 * usize::from(n) {
        return Err(corrupt("SOF segment length does not match its components"));
    }
    Ok(Sof {
        precision,
        rows: u16::from_be_bytes([r0, r1]),
        cols: u16::from_be_bytes([c0, c1]),
        components: comps.chunks_exact(3).map(|c| (c[0], c[1])).collect(),
    })
}

impl Header {
    /// Whether all the image is in one Huffman-coded scan: then libjpeg warns about
    /// truncated scan data even if an EOI marker follows it. With arithmetic coding (which
    /// pads missing data with zeros) or more scans (progressive, or one per component), data
    /// cut off before EOI could look complete.
    fn one_huffman_scan(&self) -> bool {
        matches!(self.sof_marker, 0xC0 | 0xC1 | 0xC3)
            && usize::from(self.first_scan_components) == self.component_ids.len()
    }

    /// Whether libjpeg-turbo's fancy upsampling should be off to upsample like GDCM's
    /// IJG 6b: both interpolate 2×1 and 2×2 subsampled components, but 6b replicates 1×2
    /// subsampled ones, which libjpeg-turbo interpolates since 2.0 unless fancy upsampling is
    /// off (which also makes it replicate 2×1 and 2×2 ones, so only when there are none).
    fn sequential_dct(&self) -> bool {
        matches!(self.sof_marker, 0xC0 | 0xC1 | 0xC9)
    }

    pub fn upsample_by_replication(&self) -> bool {
        let max_h = self.sampling.iter().map(|s| s.0).max().unwrap_or(1);
        let max_v = self.sampling.iter().map(|s| s.1).max().unwrap_or(1);
        let h1v2 = |&(h, v): &(u8, u8)| h == max_h && 2 * v == max_v;
        let h2 = |&(h, v): &(u8, u8)| 2 * h == max_h && (v == max_v || 2 * v == max_v);
        self.sampling.iter().any(h1v2) && !self.sampling.iter().any(h2)
    }
}

/// Returns the codestream to hand to libjpeg-turbo:
/// - JFIF (APP0) and Adobe (APP14) segments are renamed APP15 and, for 3 components, an Adobe
///   segment with transform 0 is inserted: libjpeg then neither colour-converts (GDCM, which
///   pydicom tries first, tells libjpeg the same; pydicom converts YBR itself afterwards) nor
///   warns about odd JFIF/Adobe versions;
/// - a missing EOI marker is appended when the image is one Huffman-coded scan (pydicom
///   decodes such frames): libjpeg still detects truncated scan data then. Otherwise libjpeg's
///   "premature end" warning stands, since the frame may be truncated.
///
/// - sequential DCT scans whose Ss, Se, Ah and Al are all zero (written by some modalities
///   instead of 0, 63, 0, 0) get Se = 63: libjpeg only warns about them ("Invalid SOS
///   parameters for sequential JPEG") and then ignores the four values, decoding all 64
///   coefficients, so the result is libjpeg-turbo's when its warnings are not errors.
///
/// Borrows `data` when nothing needs changing.
pub(super) fn prepare<'a>(data: &'a [u8], header: &Header) -> Cow<'a, [u8]> {
    let insert_adobe = header.component_ids.len() == 3;
    let add_eoi = !ends_with_eoi(data) && header.one_huffman_scan();
    let zeroed_scans = if header.sequential_dct() {
        zeroed_scan_parameters(data, header.first_sos)
    } else {
        Vec::new()
    };
    if !insert_adobe && !add_eoi && header.colour_markers.is_empty() && zeroed_scans.is_empty() {
        return Cow::Borrowed(data);
    }
    let mut out = Vec::with_capacity(data.len() + ADOBE_NO_TRANSFORM.len() + 2);
    out.extend_from_slice(&data[..2]);
    if insert_adobe {
        out.extend_from_slice(&ADOBE_NO_TRANSFORM);
    }
    let shift = out.len() - 2;
    out.extend_from_slice(&data[2..]);
    for &at in &header.colour_markers {
        out[at + shift] = APP15;
    }
    for &se in &zeroed_scans {
        out[se + shift] = 63;
    }
    if add_eoi {
        out.extend_from_slice(&[0xFF, EOI]);
    }
    Cow::Owned(out)
}

/// Offsets of the Se byte of each SOS segment whose Ss, Se, Ah/Al bytes are all zero, from
/// the first SOS (marker code at `first_sos`) on; empty unless the first scan is such a one,
/// so that well-formed frames are not searched. Segments and scan data are walked as libjpeg
/// reads them (in scan data, 0xFF is followed by a stuffed 0x00 or a restart marker); the
/// walk stops at EOI or at anything malformed, which libjpeg then reports.
fn zeroed_scan_parameters(data: &[u8], first_sos: usize) -> Vec<usize> {
    let zeroed_se = |code_at: usize| -> Option<usize> {
        let ns = usize::from(*data.get(code_at + 3)?);
        let ss = code_at + 4 + 2 * ns;
        (data.get(ss..ss + 3)? == [0, 0, 0]).then_some(ss + 1)
    };
    let mut found = Vec::new();
    let Some(se) = zeroed_se(first_sos) else {
        return found;
    };
    found.push(se);
    let mut code_at = first_sos;
    while let Some(len) = data.get(code_at + 1..code_at + 3) {
        let mut pos = code_at + 1 + usize::from(u16::from_be_bytes([len[0], len[1]]));
        if data[code_at] == SOS {
            // Skip the scan data up to the next marker other than a restart marker.
            loop {
                let Some(ff) = data
                    .get(pos..)
                    .and_then(|d| d.iter().position(|&b| b == 0xFF))
                else {
                    return found;
                };
                pos += ff;
                while data.get(pos) == Some(&0xFF) {
                    pos += 1;
                }
                match data.get(pos) {
                    Some(0x00 | 0xD0..=0xD7) => pos += 1,
                    Some(_) => break,
                    None => return found,
                }
            }
        } else {
            if data.get(pos) != Some(&0xFF) {
                break;
            }
            while data.get(pos) == Some(&0xFF) {
                pos += 1;
            }
        }
        code_at = pos;
        match data.get(code_at) {
            Some(&SOS) => found.extend(zeroed_se(code_at)),
            Some(&EOI) | None => break,
            _ => {}
        }
    }
    found
}

/// Whether the codestream ends with EOI, ignoring trailing zero padding (DICOM pads odd-length
/// fragments with one 0x00).
fn ends_with_eoi(data: &[u8]) -> bool {
    let end = data.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    data[..end].ends_with(&[0xFF, EOI])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SOI, APP0 JFIF, SOF0 (2x3, ids R G B), APP14 Adobe, fill bytes, SOS, data, EOI.
    fn stream() -> Vec<u8> {
        let mut s = vec![0xFF, SOI];
        s.extend_from_slice(&[0xFF, APP0, 0, 7, b'J', b'F', b'I', b'F', 0]);
        s.extend_from_slice(&[0xFF, 0xC0, 0, 17, 8, 0, 2, 0, 3, 3]);
        s.extend_from_slice(&[b'R', 0x11, 0, b'G', 0x11, 0, b'B', 0x11, 0]);
        s.extend_from_slice(&[0xFF, APP14, 0, 8, b'A', b'd', b'o', b'b', b'e', 0]);
        s.extend_from_slice(&[0xFF, 0xFF, 0xFF, SOS, 0, 12, 3, 1, 0, 2, 0x11, 3, 0x11]);
        s.extend_from_slice(&[0, 63, 0, 0x12, 0x34, 0xFF, EOI]);
        s
    }

    #[test]
    fn reads_header() {
        let h = read_header(&stream()).unwrap();
        assert_eq!((h.precision, h.rows, h.cols), (8, 2, 3));
        assert_eq!(h.component_ids, b"RGB");
        assert_eq!(h.sampling, [(1, 1); 3]);
        assert!(!h.upsample_by_replication());
        assert!(h.jfif);
        assert_eq!(h.colour_markers, [3, 31]);
    }

    #[test]
    fn jfif_as_pydicom_sees_it() {
        // pydicom looks at every APPn type, but only before the SOF.
        let mut s = stream();
        s[3] = 0xE1;
        let h = read_header(&s).unwrap();
        assert!(h.jfif);
        assert_eq!(h.colour_markers, [31]);
        let mut s = stream();
        let app0: Vec<u8> = s.drain(2..11).collect();
        s.splice(21..21, app0);
        let h = read_header(&s).unwrap();
        assert!(!h.jfif);
        assert_eq!(h.colour_markers, [22, 31]);
    }

    #[test]
    fn upsampling_choice() {
        let mut h = read_header(&stream()).unwrap();
        for (sampling, replicate) in [
            ([(1, 2), (1, 1), (1, 1)], true),
            ([(2, 2), (2, 1), (2, 1)], true),
            ([(2, 1), (1, 1), (1, 1)], false),
            ([(2, 2), (1, 1), (1, 1)], false),
            ([(2, 2), (2, 1), (1, 1)], false),
            ([(4, 1), (1, 1), (1, 1)], false),
        ] {
            h.sampling = sampling.to_vec();
            assert_eq!(h.upsample_by_replication(), replicate, "{sampling:?}");
        }
    }

    #[test]
    fn prepares_stream() {
        let s = stream();
        let h = read_header(&s).unwrap();
        let p = prepare(&s, &h);
        assert_eq!(&p[..2], &[0xFF, SOI]);
        assert_eq!(&p[2..18], &ADOBE_NO_TRANSFORM);
        assert_eq!(p[18 + 1], APP15);
        assert_eq!(p[31 + 16], APP15);
        assert_eq!(p.len(), s.len() + 16);
        assert!(p.ends_with(&[0xFF, EOI]));
    }

    #[test]
    fn appends_missing_eoi_only() {
        let mut s = vec![0xFF, SOI];
        s.extend_from_slice(&[0xFF, 0xC3, 0, 11, 16, 0, 1, 0, 1, 1, 1, 0x11, 0]);
        s.extend_from_slice(&[0xFF, SOS, 0, 8, 1, 1, 0, 1, 0, 0, 0x12]);
        let h = read_header(&s).unwrap();
        let p = prepare(&s, &h);
        assert!(matches!(p, Cow::Owned(_)));
        assert_eq!(&p[..s.len()], &s[..]);
        assert_eq!(&p[s.len()..], &[0xFF, EOI]);
        let progressive = Header {
            sof_marker: 0xC2,
            ..read_header(&s).unwrap()
        };
        assert!(matches!(prepare(&s, &progressive), Cow::Borrowed(_)));
        let mut arithmetic = read_header(&s).unwrap();
        arithmetic.sof_marker = 0xC9;
        assert!(matches!(prepare(&s, &arithmetic), Cow::Borrowed(_)));
        let mut one_of_three = read_header(&s).unwrap();
        one_of_three.component_ids = vec![1, 2, 3];
        assert!(matches!(prepare(&s, &one_of_three), Cow::Owned(_))); // Adobe segment only
        assert!(!one_of_three.one_huffman_scan());
        s.extend_from_slice(&[0xFF, EOI, 0]);
        assert!(matches!(prepare(&s, &h), Cow::Borrowed(_)));
    }

    #[test]
    fn rejects_bad_headers() {
        assert!(read_header(&[]).is_err());
        assert!(read_header(&[0xFF, SOI]).is_err());
        let s = stream();
        // The header ends with the first scan's component count, at offset 46.
        assert!(read_header(&s[..47]).is_ok());
        for cut in 0..47 {
            assert!(read_header(&s[..cut]).is_err(), "cut at {cut}");
        }
        let mut two_sof = stream();
        two_sof.splice(11..11, [0xFF, 0xC1, 0, 8, 8, 0, 2, 0, 3, 0]);
        assert!(read_header(&two_sof).is_err());
        let mut no_sof = vec![0xFF, SOI, 0xFF, SOS, 0, 2];
        assert!(read_header(&no_sof).is_err());
        no_sof[2] = 0x00;
        assert!(read_header(&no_sof).is_err());
    }
}
