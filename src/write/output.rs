//! The bytes of a file being written, as a list of pieces: ranges of parsed sources (copied
//! only when the output is written), bytes encoded here, and buffers shared with the caller.
//! Lengths that are known only later (sequences, items, group lengths) are placeholders
//! patched in place.

use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;

use crate::parse::Parsed;
use crate::source::SharedBytes;

enum Piece {
    Src { src: usize, range: Range<usize> },
    Own(Vec<u8>),
    Shared(Box<dyn SharedBytes>),
}

/// Where a placeholder lies: piece index and offset in it.
#[derive(Clone, Copy, Debug)]
pub struct Mark {
    piece: usize,
    at: usize,
}

#[derive(Default)]
pub struct Output {
    sources: Vec<Arc<Parsed>>,
    pieces: Vec<Piece>,
    len: u64,
}

impl Output {
    /// Bytes so far.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Pieces so far (adjacent copies from one source count once).
    #[cfg(test)]
    pub fn piece_count(&self) -> usize {
        self.pieces.len()
    }

    /// The id under which ranges of `file` are copied.
    pub fn source(&mut self, file: &Arc<Parsed>) -> usize {
        if let Some(i) = self.sources.iter().position(|s| Arc::ptr_eq(s, file)) {
            return i;
        }
        self.sources.push(Arc::clone(file));
        self.sources.len() - 1
    }

    /// Appends bytes of source `src`, merged with the previous piece when contiguous.
    pub fn copy(&mut self, src: usize, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        self.len += range.len() as u64;
        if let Some(Piece::Src { src: s, range: r }) = self.pieces.last_mut() {
            if *s == src && r.end == range.start {
                r.end = range.end;
                return;
            }
        }
        self.pieces.push(Piece::Src { src, range });
    }

    pub fn push(&mut self, bytes: &[u8]) {
        self.len += bytes.len() as u64;
        match self.pieces.last_mut() {
            Some(Piece::Own(v)) => v.extend_from_slice(bytes),
            _ => self.pieces.push(Piece::Own(bytes.to_vec())),
        }
    }

    /// Appends a buffer owned elsewhere (a large value handed over by the caller).
    pub fn push_shared(&mut self, bytes: Box<dyn SharedBytes>) {
        self.len += bytes.bytes().len() as u64;
        self.pieces.push(Piece::Shared(bytes));
    }

    /// Appends 4 placeholder bytes to be set later with `patch_u32`.
    pub fn placeholder_u32(&mut self) -> Mark {
        self.push(&[0; 4]);
        let piece = self.pieces.len() - 1;
        let Some(Piece::Own(v)) = self.pieces.last() else {
            unreachable!("push leaves an owned piece last")
        };
        Mark {
            piece,
            at: v.len() - 4,
        }
    }

    pub fn patch_u32(&mut self, mark: Mark, value: u32, little: bool) {
        let bytes = if little {
            value.to_le_bytes()
        } else {
            value.to_be_bytes()
        };
        self.patch_bytes(mark, bytes);
    }

    pub fn patch_bytes(&mut self, mark: Mark, bytes: [u8; 4]) {
        if let Piece::Own(v) = &mut self.pieces[mark.piece] {
            v[mark.at..mark.at + 4].copy_from_slice(&bytes);
        }
    }

    fn slices(&self) -> impl Iterator<Item = &[u8]> {
        self.pieces.iter().map(|p| match p {
            Piece::Src { src, range } => &self.sources[*src].bytes()[range.clone()],
            Piece::Own(v) => v.as_slice(),
            Piece::Shared(b) => b.bytes(),
        })
    }

    pub fn write_to(&self, w: &mut (impl Write + ?Sized)) -> io::Result<()> {
        for s in self.slices() {
            w.write_all(s)?;
        }
        Ok(())
    }

    /// Fills `buf`, which must be `len()` bytes long.
    pub fn fill(&self, buf: &mut [u8]) {
        let mut at = 0;
        for s in self.slices() {
            buf[at..at + s.len()].copy_from_slice(s);
            at += s.len();
        }
    }

    pub fn to_vec(&self) -> Vec<u8> {
        let mut v = vec![0; self.len as usize];
        self.fill(&mut v);
        v
    }
}
