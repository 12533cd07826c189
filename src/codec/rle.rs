//! DICOM RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets,
//! then one PackBits segment per byte of each sample, most significant first.
//!
//! Decoded frames come out as pydicom's `pixel_array` holds them: pixels
//! interleaved (rows, columns, samples), each sample little endian. Segments
//! are decoded a chunk at a time into cache-resident planes that are then
//! interleaved, so the output is written once. Leniency mirrors pydicom (with
//! its fallback from pylibjpeg-rle to its own decoder): a truncated final run
//! gives what bytes it has, surplus decoded bytes are dropped (reported in
//! [`Decoded`]), too few bytes are an error. See `docs/encapsulation-and-rle.md`.

use crate::error::{Error, Result};

const HEADER_LEN: usize = 64;
const MAX_SEGMENTS: usize = 15;
/// The longest run one PackBits header byte describes.
const MAX_RUN: usize = 128;
/// Pixels decoded per segment before interleaving: small enough that all
/// planes (up to 15) stay in L2 cache.
const CHUNK: usize = 4096;

/// The image attributes that shape an RLE frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameInfo {
    pub rows: usize,
    pub columns: usize,
    pub samples_per_pixel: usize,
    pub bits_allocated: usize,
}

impl FrameInfo {
    /// Bytes per decoded sample. Bits Allocated 1 has one segment of one byte
    /// per pixel, as pylibjpeg-rle (which pydicom prefers) decodes it.
    pub fn bytes_per_sample(&self) -> Result<usize> {
        match self.bits_allocated {
            1 => Ok(1),
            b if b > 0 && b % 8 == 0 => Ok(b / 8),
            b => Err(Error::pixel(format!(
                "unable to use RLE Lossless with {b} bits allocated"
            ))),
        }
    }

    /// Segments per frame: one per byte of each sample.
    pub fn segments(&self) -> Result<usize> {
        let n = self
            .bytes_per_sample()?
            .saturating_mul(self.samples_per_pixel);
        if n == 0 || n > MAX_SEGMENTS {
            return Err(Error::pixel(format!(
                "RLE Lossless allows 1 to 15 segments, {} samples per pixel with {} bits \
                 allocated needs {n}",
                self.samples_per_pixel, self.bits_allocated
            )));
        }
        Ok(n)
    }

    pub fn pixels(&self) -> Result<usize> {
        self.rows
            .checked_mul(self.columns)
            .ok_or_else(|| Error::pixel("image dimensions overflow"))
    }

    /// Length of one decoded frame in bytes.
    pub fn decoded_len(&self) -> Result<usize> {
        self.pixels()?
            .checked_mul(self.segments()?)
            .ok_or_else(|| Error::pixel("image dimensions overflow"))
    }
}

/// What decoding a frame noticed besides the image itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Decoded {
    /// A segment decoded to more bytes than the image holds; the surplus was
    /// dropped. pydicom's own decoder warns about this ("non-conformant
    /// padding"), pylibjpeg-rle silently does the same.
    pub excess_data: bool,
}

/// Decodes one RLE frame into `out`, which must be `info.decoded_len()` bytes.
/// On error `out` holds unspecified bytes.
pub fn decode_frame(src: &[u8], info: &FrameInfo, out: &mut [u8]) -> Result<Decoded> {
    let nseg = info.segments()?;
    let bps = info.bytes_per_sample()?;
    let pixels = info.pixels()?;
    let expected = info.decoded_len()?;
    if out.len() != expected {
        return Err(Error::pixel(format!(
            "the RLE output buffer is {} bytes, the frame needs {expected}",
            out.len()
        )));
    }
    let bounds = segment_bounds(src, nseg)?;
    // Output byte j of a pixel is sample j / bps, byte j % bps counted from the
    // least significant; its segment counts bytes from the most significant.
    let mut segments: Vec<Segment> = (0..nseg)
        .map(|j| {
            let index = (j / bps) * bps + (bps - 1 - j % bps);
            Segment::new(&src[bounds[index].clone()], index)
        })
        .collect();

    if nseg == 1 {
        segments[0].fill_all(out)?;
    } else {
        let mut planes = vec![0u8; nseg * CHUNK.min(pixels)];
        let mut done = 0;
        while done < pixels {
            let len = CHUNK.min(pixels - done);
            for (segment, plane) in segments.iter_mut().zip(planes.chunks_exact_mut(len)) {
                segment.fill_all(plane)?;
            }
            interleave(
                &planes[..nseg * len],
                len,
                &mut out[done * nseg..(done + len) * nseg],
            );
            done += len;
        }
    }
    Ok(Decoded {
        excess_data: segments.iter().any(Segment::has_more),
    })
}

/// Validates the header and returns each segment's byte range in `src`.
fn segment_bounds(src: &[u8], expected: usize) -> Result<Vec<std::ops::Range<usize>>> {
    let Some(header) = src.get(..HEADER_LEN) else {
        return Err(Error::pixel(format!(
            "the RLE frame is {} bytes, shorter than its 64-byte header",
            src.len()
        )));
    };
    let word = |i: usize| {
        let at = 4 * i;
        u32::from_le_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]]) as usize
    };
    let count = word(0);
    if count > MAX_SEGMENTS {
        return Err(Error::pixel(format!(
            "the RLE header specifies an invalid number of segments ({count})"
        )));
    }
    if count != expected {
        return Err(Error::pixel(format!(
            "the number of RLE segments in the pixel data doesn't match the expected amount \
             ({count} vs. {expected} segments)"
        )));
    }
    let mut starts: Vec<usize> = (1..=count).map(word).collect();
    starts.push(src.len());
    for (i, pair) in starts.windows(2).enumerate() {
        if pair[0] < HEADER_LEN || pair[0] >= pair[1] {
            return Err(Error::pixel(format!(
                "invalid offset {} for RLE segment {i} in a {}-byte frame",
                pair[0],
                src.len()
            )));
        }
    }
    Ok(starts.windows(2).map(|p| p[0]..p[1]).collect())
}

/// A run cut short by the end of a chunk, resumed by the next `fill`.
#[derive(Debug, Clone, Copy)]
enum Pending {
    None,
    /// `left` literal bytes starting at the segment's `pos`.
    Literal(usize),
    Fill(u8, usize),
}

/// A PackBits decoder that can stop after any output byte and resume.
struct Segment<'a> {
    src: &'a [u8],
    pos: usize,
    pending: Pending,
    index: usize,
    produced: usize,
}

impl<'a> Segment<'a> {
    fn new(src: &'a [u8], index: usize) -> Self {
        Segment {
            src,
            pos: 0,
            pending: Pending::None,
            index,
            produced: 0,
        }
    }

    /// Fills all of `dst` or fails: a segment that ends early is short.
    fn fill_all(&mut self, dst: &mut [u8]) -> Result<()> {
        let got = self.fill(dst);
        self.produced += got;
        if got < dst.len() {
            return Err(Error::pixel(format!(
                "RLE segment {} ended after {} decoded bytes, more were expected",
                self.index, self.produced
            )));
        }
        Ok(())
    }

    /// Decodes into `dst` until it is full or the segment ends; returns the bytes written.
    fn fill(&mut self, dst: &mut [u8]) -> usize {
        let src = self.src;
        let n = dst.len();
        let mut o = match self.pending {
            Pending::None => 0,
            Pending::Literal(left) => {
                let take = left.min(n);
                dst[..take].copy_from_slice(&src[self.pos..self.pos + take]);
                self.pos += take;
                self.pending = if take < left {
                    Pending::Literal(left - take)
                } else {
                    Pending::None
                };
                take
            }
            Pending::Fill(value, left) => {
                let take = left.min(n);
                dst[..take].fill(value);
                self.pending = if take < left {
                    Pending::Fill(value, left - take)
                } else {
                    Pending::None
                };
                take
            }
        };
        if !matches!(self.pending, Pending::None) {
            return o;
        }
        let mut pos = self.pos;

        // Far from both ends, copy or fill a whole MAX_RUN and advance by the
        // run's length: fixed-size moves, no per-run length branches. Bytes
        // past the run are overwritten by the runs that follow.
        while o + MAX_RUN <= n && pos + 1 + MAX_RUN <= src.len() {
            let header = src[pos] as usize;
            if header < 128 {
                dst[o..o + MAX_RUN].copy_from_slice(&src[pos + 1..pos + 1 + MAX_RUN]);
                o += header + 1;
                pos += header + 2;
            } else if header > 128 {
                dst[o..o + MAX_RUN].fill(src[pos + 1]);
                o += 257 - header;
                pos += 2;
            } else {
                pos += 1;
            }
        }

        // Near an end: exact runs; a run truncated by the end of the segment
        // yields the bytes it has, as pydicom's decoder does.
        while o < n && pos < src.len() {
            let header = src[pos] as usize;
            pos += 1;
            if header < 128 {
                let avail = (header + 1).min(src.len() - pos);
                let take = avail.min(n - o);
                dst[o..o + take].copy_from_slice(&src[pos..pos + take]);
                o += take;
                pos += take;
                if take < avail {
                    self.pending = Pending::Literal(avail - take);
                } else {
                    pos = src.len().min(pos + header + 1 - avail);
                }
            } else if header > 128 {
                let Some(&value) = src.get(pos) else { break };
                pos += 1;
                let count = 257 - header;
                let take = count.min(n - o);
                dst[o..o + take].fill(value);
                o += take;
                if take < count {
                    self.pending = Pending::Fill(value, count - take);
                }
            }
        }
        self.pos = pos;
        o
    }

    /// Whether anything is left that would decode to more bytes.
    fn has_more(&self) -> bool {
        if !matches!(self.pending, Pending::None) {
            return true;
        }
        let mut pos = self.pos;
        while pos < self.src.len() {
            let header = self.src[pos];
            pos += 1;
            if header != 128 {
                // A literal or replicate run with at least its first data byte present.
                return pos < self.src.len();
            }
        }
        false
    }
}

/// One whole segment decoded to the end of its data (pydicom's `_rle_decode_segment`, which
/// knows nothing of the frame size); the output is bounded by PackBits' 64x expansion.
pub fn decode_segment(src: &[u8]) -> Vec<u8> {
    let mut segment = Segment::new(src, 0);
    let mut out = Vec::new();
    let mut chunk = vec![0u8; CHUNK];
    loop {
        let got = segment.fill(&mut chunk);
        out.extend_from_slice(&chunk[..got]);
        if got < CHUNK {
            return out;
        }
    }
}

/// Interleaves `len`-byte planes (one per output byte of a pixel) into pixels.
fn interleave(planes: &[u8], len: usize, out: &mut [u8]) {
    match planes.len() / len {
        2 => {
            let (a, b) = planes.split_at(len);
            for ((px, &a), &b) in out.chunks_exact_mut(2).zip(a).zip(b) {
                px.copy_from_slice(&[a, b]);
            }
        }
        3 => {
            let (a, rest) = planes.split_at(len);
            let (b, c) = rest.split_at(len);
            for (((px, &a), &b), &c) in out.chunks_exact_mut(3).zip(a).zip(b).zip(c) {
                px.copy_from_slice(&[a, b, c]);
            }
        }
        4 => {
            let (ab, cd) = planes.split_at(2 * len);
            let (a, b) = ab.split_at(len);
            let (c, d) = cd.split_at(len);
            let pixels = out.chunks_exact_mut(4).zip(a).zip(b).zip(c).zip(d);
            for ((((px, &a), &b), &c), &d) in pixels {
                px.copy_from_slice(&[a, b, c, d]);
            }
        }
        k => {
            for (j, plane) in planes.chunks_exact(len).enumerate() {
                for (px, &byte) in out.chunks_exact_mut(k).zip(plane) {
                    px[j] = byte;
                }
            }
        }
    }
}

/// Encodes one frame laid out as [`decode_frame`] produces it (interleaved
/// pixels, little-endian samples). The output matches pydicom's own RLE encoder
/// byte for byte: each row is packed separately, every repeat of 2 or more bytes
/// becomes a replicate run, and odd-length segments get a 0x00 pad byte.
pub fn encode_frame(src: &[u8], info: &FrameInfo) -> Result<Vec<u8>> {
    let nseg = info.segments()?;
    let bps = info.bytes_per_sample()?;
    let expected = info.decoded_len()?;
    if src.len() != expected {
        return Err(Error::pixel(format!(
            "the frame to RLE encode is {} bytes, expected {expected}",
            src.len()
        )));
    }
    if expected == 0 {
        return Err(Error::pixel("unable to RLE encode an empty image"));
    }
    let columns = info.columns;
    let mut out = vec![0u8; HEADER_LEN];
    out[..4].copy_from_slice(&(nseg as u32).to_le_bytes());
    let mut row = Vec::with_capacity(columns);
    for segment in 0..nseg {
        let offset = u32::try_from(out.len())
            .map_err(|_| Error::pixel("the RLE encoded frame exceeds 4 GiB"))?;
        let at = 4 + 4 * segment;
        out[at..at + 4].copy_from_slice(&offset.to_le_bytes());
        // Segments run most significant byte first; the frame is little endian.
        let byte = (segment / bps) * bps + (bps - 1 - segment % bps);
        let start = out.len();
        for pixels in src.chunks_exact(columns * nseg) {
            if nseg == 1 {
                encode_row(pixels, &mut out);
            } else {
                row.clear();
                row.extend(pixels[byte..].iter().step_by(nseg));
                encode_row(&row, &mut out);
            }
        }
        if (out.len() - start) % 2 == 1 {
            out.push(0);
        }
    }
    Ok(out)
}

/// PackBits one row the way pydicom's `_encode_row` does.
pub fn encode_row(row: &[u8], out: &mut Vec<u8>) {
    let mut literal_start = 0;
    let mut i = 0;
    while i < row.len() {
        let value = row[i];
        let run = row[i..].iter().take_while(|&&b| b == value).count();
        if run >= 2 {
            push_literal(&row[literal_start..i], out);
            for _ in 0..run / MAX_RUN {
                out.extend_from_slice(&[(257 - MAX_RUN) as u8, value]);
            }
            match run % MAX_RUN {
                0 => {}
                1 => out.extend_from_slice(&[0, value]),
                rest => out.extend_from_slice(&[(257 - rest) as u8, value]),
            }
            literal_start = i + run;
        }
        i += run;
    }
    push_literal(&row[literal_start..], out);
}

fn push_literal(bytes: &[u8], out: &mut Vec<u8>) {
    for chunk in bytes.chunks(MAX_RUN) {
        out.push((chunk.len() - 1) as u8);
        out.extend_from_slice(chunk);
    }
}

#[cfg(test)]
mod tests;
