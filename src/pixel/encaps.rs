//! Encapsulated Pixel Data (PS3.5 A.4): item parsing, frame location and the writer.
//!
//! The input is the value of an undefined-length (7FE0,0010) element: the Basic
//! Offset Table item, fragment items, and optionally the Sequence Delimitation
//! Item. Items are always little endian. Fragments are kept as byte ranges into
//! that value, so locating frames never copies or even reads fragment contents,
//! except for the JPEG EOI scan that pydicom falls back on when there is no
//! offset table and more fragments than frames. Frame location mirrors pydicom
//! 3's `generate_fragmented_frames` ([`Encapsulated::frames`]) and `get_frame`
//! ([`Encapsulated::frame`]); see `docs/encapsulation-and-rle.md` for the rules.

use std::borrow::Cow;
use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;

use crate::error::{Error, Result};
use crate::tag::Tag;

const ITEM: u32 = 0xFFFE_E000;
const SEQUENCE_DELIMITER: u32 = 0xFFFE_E0DD;
const UNDEFINED_LENGTH: u32 = 0xFFFF_FFFF;
/// An item's tag and length.
const HEADER: usize = 8;
/// pydicom looks for the JPEG EOI / J2K EOC marker in a fragment's last 10 bytes.
const EOI_WINDOW: usize = 10;

const WARN_EOT_MISMATCH: &str = "The number of items in (7FE0,0001) 'Extended Offset Table' \
    and (7FE0,0002) 'Extended Offset Table Lengths' don't match - the extended offset table \
    will be ignored";
const WARN_NO_FINAL_EOI: &str = "The end of the encapsulated pixel data has been reached but \
    no JPEG EOI/EOC marker was found, the final frame may be be invalid";
const WARN_FEWER_FRAMES_LEFTOVER: &str = "The end of the encapsulated pixel data has been \
    reached but fewer frames than expected have been found. Please confirm that the generated \
    frame data is correct";
const WARN_FEWER_FRAMES: &str = "The end of the encapsulated pixel data has been reached but \
    fewer frames than expected have been found";
const WARN_FRAME_NO_EOI: &str = "The end of the encapsulated pixel data has been reached but \
    no JPEG EOI/EOC marker was found, the returned frame data may be invalid";

/// Random access to an encapsulated value, so frames can be located from item
/// headers alone: a byte slice, or a file via [`ReadSeekSource`].
pub trait Source {
    /// Bytes available from the start of the value (to the end of the input).
    fn size(&self) -> usize;
    /// Fills `buf` from `pos`; callers keep `pos + buf.len() <= self.size()`.
    fn read_exact_at(&mut self, pos: usize, buf: &mut [u8]) -> Result<()>;
}

impl Source for &[u8] {
    fn size(&self) -> usize {
        self.len()
    }

    fn read_exact_at(&mut self, pos: usize, buf: &mut [u8]) -> Result<()> {
        let bytes = pos
            .checked_add(buf.len())
            .and_then(|end| self.get(pos..end))
            .ok_or_else(|| Error::malformed("read past the end of the encapsulated data"))?;
        buf.copy_from_slice(bytes);
        Ok(())
    }
}

impl<T: Source + ?Sized> Source for &mut T {
    fn size(&self) -> usize {
        (**self).size()
    }

    fn read_exact_at(&mut self, pos: usize, buf: &mut [u8]) -> Result<()> {
        (**self).read_exact_at(pos, buf)
    }
}

/// A value read on demand from a seekable reader, starting at the reader's
/// position when wrapped and running to the end of the stream.
pub struct ReadSeekSource<R> {
    inner: R,
    start: u64,
    size: usize,
}

impl<R: Read + Seek> ReadSeekSource<R> {
    pub fn new(mut inner: R) -> Result<Self> {
        let start = inner.stream_position()?;
        let end = inner.seek(SeekFrom::End(0))?;
        inner.seek(SeekFrom::Start(start))?;
        let size = usize::try_from(end.saturating_sub(start))
            .map_err(|_| Error::malformed("encapsulated data too large for this platform"))?;
        Ok(ReadSeekSource { inner, start, size })
    }

    pub fn into_inner(self) -> R {
        self.inner
    }
}

impl<R: Read + Seek> Source for ReadSeekSource<R> {
    fn size(&self) -> usize {
        self.size
    }

    fn read_exact_at(&mut self, pos: usize, buf: &mut [u8]) -> Result<()> {
        self.inner.seek(SeekFrom::Start(self.start + pos as u64))?;
        self.inner.read_exact(buf)?;
        Ok(())
    }
}

/// The item structure of an encapsulated value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encapsulated {
    /// Basic Offset Table entries (possibly empty).
    pub bot: Vec<u32>,
    /// Contents of each fragment item, as ranges into the value.
    pub fragments: Vec<Range<usize>>,
    /// Position of the first item after the BOT: the origin of BOT and EOT offsets.
    pub first_item: usize,
    /// Where the items end: the Sequence Delimitation Item, else the end of the input.
    pub end: usize,
    /// The last fragment's length ran past the end of the input and was cut short
    /// (pydicom reads such a fragment silently as far as the data goes).
    pub truncated: bool,
    /// The items' byte order (always little endian in DICOM files).
    pub big_endian: bool,
}

/// Frames as lists of fragment byte ranges, plus the warning pydicom would emit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameLayout {
    pub frames: Vec<Vec<Range<usize>>>,
    pub warning: Option<&'static str>,
}

/// One frame's fragment byte ranges, plus the warning pydicom would emit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameRanges {
    pub ranges: Vec<Range<usize>>,
    pub warning: Option<&'static str>,
}

fn u32_at(bytes: &[u8], at: usize, big_endian: bool) -> u32 {
    let b = [bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]];
    if big_endian {
        u32::from_be_bytes(b)
    } else {
        u32::from_le_bytes(b)
    }
}

/// Item tags are little endian in DICOM; pydicom's API also accepts big endian items.
fn tag_of(bytes: &[u8], big_endian: bool) -> u32 {
    let half = |b: [u8; 2]| {
        u32::from(if big_endian {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    };
    (half([bytes[0], bytes[1]]) << 16) | half([bytes[2], bytes[3]])
}

/// Where an EOT or BOT offset lands, measured from `origin`, capped at `end`.
fn offset_from(origin: usize, offset: u64, end: usize) -> usize {
    (origin as u64).saturating_add(offset).min(end as u64) as usize
}

impl Encapsulated {
    /// Parses the items of an encapsulated value held in memory.
    pub fn parse(value: &[u8]) -> Result<Self> {
        Self::read(value)
    }

    /// Parses the items of an encapsulated value, reading only item headers and the BOT.
    pub fn read<S: Source>(src: S) -> Result<Self> {
        Self::read_endian(src, false)
    }

    /// [`Self::read`] for items in either byte order.
    pub fn read_endian<S: Source>(mut src: S, big_endian: bool) -> Result<Self> {
        let size = src.size();
        let mut header = [0u8; HEADER];
        if size < HEADER {
            return Err(Error::malformed(
                "encapsulated pixel data too short for the Basic Offset Table item",
            ));
        }
        src.read_exact_at(0, &mut header)?;
        let tag = tag_of(&header, big_endian);
        if tag != ITEM {
            return Err(Error::malformed(format!(
                "Found unexpected tag {} instead of (FFFE,E000) when parsing the Basic Offset \
                 Table item",
                Tag(tag)
            )));
        }
        let bot_len = u32_at(&header, 4, big_endian) as usize;
        if bot_len % 4 != 0 {
            return Err(Error::malformed(
                "The length of the Basic Offset Table item is not a multiple of 4",
            ));
        }
        if bot_len > size - HEADER {
            return Err(Error::malformed(
                "the Basic Offset Table item runs past the end of the pixel data",
            ));
        }
        let mut table = vec![0u8; bot_len];
        src.read_exact_at(HEADER, &mut table)?;
        let bot = table
            .chunks_exact(4)
            .map(|c| u32_at(c, 0, big_endian))
            .collect();

        let first_item = HEADER + bot_len;
        let Items {
            fragments,
            end,
            truncated,
        } = parse_items(&mut src, first_item, size, big_endian)?;
        Ok(Encapsulated {
            bot,
            fragments,
            first_item,
            end,
            truncated,
            big_endian,
        })
    }

    /// A frame located by the EOT: pydicom skips the item header without checking it.
    fn eot_range(&self, offset: u64, length: u64) -> Range<usize> {
        let start = offset_from(
            self.first_item,
            offset.saturating_add(HEADER as u64),
            self.end,
        );
        start..offset_from(start, length, self.end)
    }

    /// Every frame's fragments, as pydicom's `generate_fragmented_frames` yields
    /// them for `pixel_array`. `eot` is (7FE0,0001) and (7FE0,0002) when both are
    /// present. Without offset tables and with more fragments than frames this
    /// reads the last bytes of each fragment from `src` to find JPEG EOI markers,
    /// and may then return more frames than `number_of_frames`, as pydicom does.
    pub fn frames<S: Source>(
        &self,
        mut src: S,
        number_of_frames: usize,
        eot: Option<(&[u64], &[u64])>,
    ) -> Result<FrameLayout> {
        let (eot, eot_warning) = usable_eot(eot);
        let layout = |frames, warning: Option<&'static str>| FrameLayout {
            frames,
            warning: warning.or(eot_warning),
        };
        if let Some((offsets, lengths)) = eot {
            let frames = offsets.iter().zip(lengths);
            let frames = frames.map(|(&o, &l)| vec![self.eot_range(o, l)]).collect();
            return Ok(layout(frames, None));
        }
        if !self.bot.is_empty() {
            return Ok(layout(self.bot_frames(), None));
        }
        let n = self.fragments.len();
        let single = |r: &Range<usize>| vec![r.clone()];
        if n == 1 {
            return Ok(layout(vec![single(&self.fragments[0])], None));
        }
        if number_of_frames == 0 {
            return Err(Error::pixel(format!(
                "{NO_FRAME_COUNT} Basic or Extended Offset Table {NO_FRAME_COUNT_END}"
            )));
        }
        if n == number_of_frames {
            return Ok(layout(self.fragments.iter().map(single).collect(), None));
        }
        if number_of_frames == 1 {
            return Ok(layout(vec![self.fragments.clone()], None));
        }
        if n < number_of_frames {
            return Err(Error::pixel(
                "Unable to generate frames from the encapsulated pixel data as there are \
                 fewer fragments than frames; the dataset may be corrupt or the number of \
                 frames may be incorrect",
            ));
        }
        let mut frames = Vec::new();
        let mut current = Vec::new();
        for fragment in &self.fragments {
            current.push(fragment.clone());
            if ends_with_eoi(&mut src, fragment)? {
                frames.push(std::mem::take(&mut current));
            }
        }
        let warning = if !current.is_empty() {
            let warning = if frames.len() >= number_of_frames {
                WARN_NO_FINAL_EOI
            } else {
                WARN_FEWER_FRAMES_LEFTOVER
            };
            frames.push(current);
            Some(warning)
        } else if frames.len() < number_of_frames {
            Some(WARN_FEWER_FRAMES)
        } else {
            None
        };
        Ok(layout(frames, warning))
    }

    /// pydicom's BOT walk: a fragment starting at or past the next frame's offset
    /// starts a new frame (one frame per fragment at most); the first offset is
    /// not consulted and the last frame takes all remaining fragments.
    fn bot_frames(&self) -> Vec<Vec<Range<usize>>> {
        let last = self.bot.len() - 1;
        let mut frames = Vec::new();
        let mut current = Vec::new();
        let mut index = 0;
        let mut offset = 0u64;
        for fragment in &self.fragments {
            if index < last {
                if offset >= u64::from(self.bot[index + 1]) {
                    frames.push(std::mem::take(&mut current));
                    index += 1;
                }
                offset += (fragment.len() + HEADER) as u64;
            }
            current.push(fragment.clone());
        }
        frames.push(current);
        frames
    }

    /// One frame's fragments, as pydicom's `get_frame` finds them (used for
    /// `pixel_array(index=...)` and `iter_pixels`). Differs from [`Self::frames`]
    /// only for a BOT that doesn't match the fragments, and in that fewer
    /// fragments than frames is not an error here when scanning for EOI markers.
    pub fn frame<S: Source>(
        &self,
        mut src: S,
        index: usize,
        number_of_frames: usize,
        eot: Option<(&[u64], &[u64])>,
    ) -> Result<FrameRanges> {
        let (eot, eot_warning) = usable_eot(eot);
        let found = |ranges, warning: Option<&'static str>| FrameRanges {
            ranges,
            warning: warning.or(eot_warning),
        };
        if let Some((offsets, lengths)) = eot {
            if index >= offsets.len() {
                return Err(Error::pixel(format!(
                    "There aren't enough offsets in the Extended Offset Table for {} frames",
                    index + 1
                )));
            }
            return Ok(found(
                vec![self.eot_range(offsets[index], lengths[index])],
                None,
            ));
        }
        if !self.bot.is_empty() {
            return Ok(found(self.bot_frame(src, index)?, None));
        }
        let n = self.fragments.len();
        if n == 1 {
            if index == 0 {
                return Ok(found(vec![self.fragments[0].clone()], None));
            }
            return Err(Error::pixel(
                "Found 1 frame fragment in the encapsulated pixel data, 'index' must be 0",
            ));
        }
        if number_of_frames == 0 {
            return Err(Error::pixel(format!(
                "{NO_FRAME_COUNT} basic or extended offset table data {NO_FRAME_COUNT_END}"
            )));
        }
        if n == number_of_frames {
            return self.fragments.get(index).map_or_else(
                || {
                    Err(Error::pixel(format!(
                        "Found {n} frame fragments in the encapsulated pixel data, an 'index' \
                         of {index} is invalid"
                    )))
                },
                |r| Ok(found(vec![r.clone()], None)),
            );
        }
        if number_of_frames == 1 {
            if index == 0 {
                return Ok(found(self.fragments.clone(), None));
            }
            return Err(Error::pixel(
                "The 'index' must be 0 if the number of frames is 1",
            ));
        }
        let mut current = Vec::new();
        let mut frame_nr = 0;
        for fragment in &self.fragments {
            current.push(fragment.clone());
            if ends_with_eoi(&mut src, fragment)? {
                if frame_nr == index {
                    return Ok(found(current, None));
                }
                frame_nr += 1;
                current.clear();
            }
        }
        if !current.is_empty() && index == frame_nr {
            return Ok(found(current, Some(WARN_FRAME_NO_EOI)));
        }
        Err(Error::pixel(format!(
            "There is insufficient pixel data to contain {} frames",
            index + 1
        )))
    }

    /// pydicom's `get_frame` with a BOT: parse items from the frame's offset up to
    /// the next frame's offset (cutting a fragment that crosses it short), the
    /// last frame running to the end. Offsets need not match `fragments`.
    fn bot_frame<S: Source>(&self, src: S, index: usize) -> Result<Vec<Range<usize>>> {
        let Some(&offset) = self.bot.get(index) else {
            return Err(Error::pixel(format!(
                "There aren't enough offsets in the Basic Offset Table for {} frames",
                index + 1
            )));
        };
        let start = offset_from(self.first_item, u64::from(offset), self.end);
        let stop = match self.bot.get(index + 1) {
            // A decreasing offset makes pydicom's read(negative) take everything left.
            Some(&next) if next >= offset => offset_from(start, u64::from(next - offset), self.end),
            _ => self.end,
        };
        Ok(parse_items(src, start, stop, self.big_endian)?.fragments)
    }
}

/// Fragment items found between two positions.
struct Items {
    fragments: Vec<Range<usize>>,
    /// The Sequence Delimitation Item's position, else `stop`.
    end: usize,
    /// The last item's length ran past `stop`; its range is cut there.
    truncated: bool,
}

/// pydicom's item walk (`parse_fragments` / `generate_fragments`) over
/// `start..stop` of `src`: fewer than 4 bytes left end it silently, a
/// delimiter ends it, any other tag or a missing or undefined length is an error.
fn parse_items<S: Source>(src: S, start: usize, stop: usize, big_endian: bool) -> Result<Items> {
    let mut fragments = Vec::new();
    let (end, truncated) = walk_items(src, start, stop, big_endian, &mut fragments)?;
    Ok(Items {
        fragments,
        end,
        truncated,
    })
}

/// [`parse_items`], the fragments pushed as they are found (so those before an error are
/// kept): returns (end, truncated).
fn walk_items<S: Source>(
    mut src: S,
    start: usize,
    stop: usize,
    big_endian: bool,
    fragments: &mut Vec<Range<usize>>,
) -> Result<(usize, bool)> {
    let mut header = [0u8; HEADER];
    let mut pos = start;
    while stop.saturating_sub(pos) >= 4 {
        src.read_exact_at(pos, &mut header[..4])?;
        match tag_of(&header, big_endian) {
            ITEM => {
                if stop - pos < HEADER {
                    return Err(Error::malformed(format!(
                        "Unable to determine the length of the item at offset {pos} as the \
                         end of the data has been reached - the encapsulated pixel data may \
                         be invalid"
                    )));
                }
                src.read_exact_at(pos + 4, &mut header[4..])?;
                let length = u32_at(&header, 4, big_endian);
                if length == UNDEFINED_LENGTH {
                    return Err(Error::malformed(format!(
                        "Undefined item length at offset {} when parsing the encapsulated pixel \
                         data fragments",
                        pos + 4
                    )));
                }
                let content = pos + HEADER;
                pos = content.saturating_add(length as usize);
                if pos > stop {
                    fragments.push(content..stop);
                    return Ok((stop, true));
                }
                fragments.push(content..pos);
            }
            SEQUENCE_DELIMITER => return Ok((pos, false)),
            other => {
                return Err(Error::malformed(format!(
                    "Unexpected tag '{}' at offset {pos} when parsing the encapsulated pixel \
                     data fragment items",
                    Tag(other)
                )))
            }
        }
    }
    Ok((stop, false))
}

/// The EOT, unless its two tables disagree: pydicom then ignores it with a warning.
type Eot<'a> = Option<(&'a [u64], &'a [u64])>;
fn usable_eot(eot: Eot<'_>) -> (Eot<'_>, Option<&'static str>) {
    match eot {
        Some((offsets, lengths)) if offsets.len() != lengths.len() => {
            (None, Some(WARN_EOT_MISMATCH))
        }
        eot => (eot, None),
    }
}

/// pydicom words the missing frame count differently in `generate_frames` and `get_frame`.
const NO_FRAME_COUNT: &str =
    "Unable to determine the frame boundaries for the encapsulated pixel data as there is no";
const NO_FRAME_COUNT_END: &str = "and the number of frames has not been supplied";

/// The fragment items of `value` from its first byte (pydicom's `generate_fragments`, which
/// treats a Basic Offset Table item as a fragment): their contents' ranges, and the error
/// that ended the walk, if any (pydicom yields the fragments before it raises).
pub fn items(value: &[u8], big_endian: bool) -> (Vec<Range<usize>>, Option<Error>) {
    let mut fragments = Vec::new();
    let error = walk_items(value, 0, value.len(), big_endian, &mut fragments).err();
    (fragments, error)
}

/// pydicom's test: `b"\xff\xd9" in fragment[-10:]`.
fn ends_with_eoi<S: Source>(src: &mut S, fragment: &Range<usize>) -> Result<bool> {
    let mut tail = [0u8; EOI_WINDOW];
    let n = fragment.len().min(EOI_WINDOW);
    let tail = &mut tail[..n];
    src.read_exact_at(fragment.end - n, tail)?;
    Ok(tail.windows(2).any(|w| w == [0xFF, 0xD9]))
}

/// A frame's bytes: borrowed when it is one fragment, concatenated otherwise.
pub fn frame_bytes<'a>(value: &'a [u8], ranges: &[Range<usize>]) -> Result<Cow<'a, [u8]>> {
    let part = |r: &Range<usize>| {
        value
            .get(r.clone())
            .ok_or_else(|| Error::pixel("frame range outside the encapsulated data"))
    };
    match ranges {
        [one] => part(one).map(Cow::Borrowed),
        _ => {
            let mut out = Vec::with_capacity(ranges.iter().map(|r| r.len()).sum());
            for r in ranges {
                out.extend_from_slice(part(r)?);
            }
            Ok(Cow::Owned(out))
        }
    }
}

/// A frame's bytes read from a [`Source`] (e.g. a file) without reading anything else.
pub fn read_frame<S: Source>(mut src: S, ranges: &[Range<usize>]) -> Result<Vec<u8>> {
    let total = ranges.iter().try_fold(0usize, |acc, r| {
        (r.end <= src.size())
            .then(|| acc + r.len())
            .ok_or_else(|| Error::pixel("frame range outside the encapsulated data"))
    })?;
    let mut out = vec![0u8; total];
    let mut at = 0;
    for r in ranges {
        src.read_exact_at(r.start, &mut out[at..at + r.len()])?;
        at += r.len();
    }
    Ok(out)
}

/// Item length of a frame padded to even length, if it fits an item.
fn padded_len(frame: &[u8]) -> Result<u32> {
    u32::try_from(frame.len() + frame.len() % 2)
        .ok()
        .filter(|&n| n != UNDEFINED_LENGTH)
        .ok_or_else(|| Error::pixel("an encoded frame is too large for an item (4 GiB)"))
}

/// The length of [`encapsulate`]'s output, checking that every frame fits an item.
pub fn encapsulated_len(frames: &[&[u8]], with_bot: bool) -> Result<usize> {
    let bot_len = if with_bot { 4 * frames.len() } else { 0 };
    u32::try_from(bot_len).map_err(|_| Error::pixel("too many frames for a Basic Offset Table"))?;
    frames.iter().try_fold(HEADER + bot_len, |total, f| {
        Ok(total + HEADER + padded_len(f)? as usize)
    })
}

/// Encapsulates frames one fragment each, odd-length frames padded with a 0x00
/// (PS3.5 A.4), like pydicom's `encapsulate(frames, has_bot=...)`. The BOT is
/// filled in when `with_bot`, which fails once offsets exceed 32 bits.
pub fn encapsulate(frames: &[&[u8]], with_bot: bool) -> Result<Vec<u8>> {
    let mut out = vec![0u8; encapsulated_len(frames, with_bot)?];
    encapsulate_into(frames, with_bot, &mut out)?;
    Ok(out)
}

/// [`encapsulate`] into `out`, which is [`encapsulated_len`] bytes long: written once, so
/// the caller may hand over memory it owns (e.g. a new Python bytes object).
pub fn encapsulate_into(frames: &[&[u8]], with_bot: bool, out: &mut [u8]) -> Result<()> {
    if out.len() != encapsulated_len(frames, with_bot)? {
        return Err(Error::pixel(
            "wrong output length for the encapsulated frames",
        ));
    }
    let mut at = 0;
    let mut put = |bytes: &[u8]| {
        out[at..at + bytes.len()].copy_from_slice(bytes);
        at += bytes.len();
    };
    let item = |length: u32| {
        let mut header = [0xFE, 0xFF, 0x00, 0xE0, 0, 0, 0, 0];
        header[4..].copy_from_slice(&length.to_le_bytes());
        header
    };
    let bot_len = if with_bot { 4 * frames.len() } else { 0 };
    put(&item(bot_len as u32));
    if with_bot {
        let mut offset = 0u64;
        for frame in frames {
            let entry = u32::try_from(offset).map_err(|_| {
                Error::pixel(
                    "the encapsulated frames are too large for the Basic Offset Table, use the \
                     Extended Offset Table instead",
                )
            })?;
            put(&entry.to_le_bytes());
            offset += u64::from(padded_len(frame)?) + HEADER as u64;
        }
    }
    for frame in frames {
        put(&item(padded_len(frame)?));
        put(frame);
        if frame.len() % 2 == 1 {
            put(&[0]);
        }
    }
    Ok(())
}

/// Encapsulated frames with an empty BOT and the Extended Offset Table's
/// (offsets, lengths), as pydicom's `encapsulate_extended` (lengths include padding).
pub fn encapsulate_extended(frames: &[&[u8]]) -> Result<(Vec<u8>, Vec<u64>, Vec<u64>)> {
    let data = encapsulate(frames, false)?;
    let lengths: Vec<u64> = frames
        .iter()
        .map(|f| (f.len() + f.len() % 2) as u64)
        .collect();
    let offsets = lengths
        .iter()
        .scan(0u64, |next, &length| {
            let offset = *next;
            *next += length + HEADER as u64;
            Some(offset)
        })
        .collect();
    Ok((data, offsets, lengths))
}

#[cfg(test)]
mod tests;
