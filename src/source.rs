//! The bytes a data set is parsed from, owned once and shared by everything read from them.
//!
//! Paths are memory-mapped copy-on-write (MAP_PRIVATE): pixel arrays may be views of the
//! mapping, and edits to them never reach the file. Small files are read into memory instead,
//! since mapping costs more than reading a few tens of kilobytes.

use std::fs::File;
use std::os::fd::AsRawFd;
use std::os::unix::fs::FileExt;
use std::path::Path;

use crate::error::Result;

/// Files below this size are read rather than mapped.
const MMAP_THRESHOLD: u64 = 256 * 1024;

/// Caller-provided read-only bytes (e.g. a Python `bytes` object kept alive by the bindings).
pub trait SharedBytes: Send + Sync {
    fn bytes(&self) -> &[u8];
}

/// What keeps the bytes alive; read only through `Source::ptr` after construction.
#[allow(dead_code)]
enum Owner {
    Owned(Vec<u8>),
    Mapped(memmap2::MmapMut),
    Shared(Box<dyn SharedBytes>),
}

/// Owned bytes with a base pointer taken once from a unique borrow, so that writable views
/// (zero-copy pixel arrays) may write through it while the core reads through `bytes()`.
pub struct Source {
    ptr: *mut u8,
    len: usize,
    writable: bool,
    owner: Owner,
}

// SAFETY: the owner is never accessed after construction except to drop it; the bytes are
// shared read-only by the core. Writes come only from Python through views while it holds the
// GIL, and the core reads these bytes with the GIL held or before any view exists.
unsafe impl Send for Source {}
// SAFETY: as for Send.
unsafe impl Sync for Source {}

impl Source {
    pub fn open(path: &Path) -> Result<Source> {
        Source::of_file(&File::open(path)?)
    }

    /// The whole of an open file, whatever its read position.
    pub fn of_file(file: &File) -> Result<Source> {
        let len = file.metadata()?.len();
        if len < MMAP_THRESHOLD {
            let mut buf = vec![0; len as usize];
            let filled = read_at_into(file, 0, &mut buf)?;
            buf.truncate(filled);
            return Ok(Source::from_vec(buf));
        }
        // SAFETY: a private (copy-on-write) mapping: our writes never reach the file. If another
        // process truncates or rewrites the file while it is mapped, reads of untouched pages see
        // that change (or fault); this is the documented cost of zero-copy reading of paths.
        let mut map = unsafe { memmap2::MmapOptions::new().map_copy(file)? };
        Ok(Source {
            ptr: map.as_mut_ptr(),
            len: map.len(),
            writable: true,
            owner: Owner::Mapped(map),
        })
    }

    /// The first `max` bytes of a file (all of it if shorter), and whether that is all of it:
    /// a header read with `stop_before_pixels` rarely needs the pixel data's bytes.
    pub fn open_prefix(path: &Path, max: usize) -> Result<(Source, bool)> {
        let buf = read_up_to(File::open(path)?, max)?;
        let whole = buf.len() < max;
        Ok((Source::from_vec(buf), whole))
    }

    pub fn from_vec(mut v: Vec<u8>) -> Source {
        Source {
            ptr: v.as_mut_ptr(),
            len: v.len(),
            writable: true,
            owner: Owner::Owned(v),
        }
    }

    pub fn from_shared(s: Box<dyn SharedBytes>) -> Source {
        let b = s.bytes();
        Source {
            ptr: b.as_ptr() as *mut u8,
            len: b.len(),
            writable: false,
            owner: Owner::Shared(s),
        }
    }

    pub fn bytes(&self) -> &[u8] {
        if self.len == 0 {
            return &[];
        }
        // SAFETY: ptr/len describe the owner's live allocation, which lives as long as self.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }

    /// Base pointer for writable views, or None for read-only (caller-owned) bytes.
    pub fn writable_ptr(&self) -> Option<*mut u8> {
        self.writable.then_some(self.ptr)
    }

    /// Asks the kernel to map `range` in one go (for mapped files), which is much cheaper than
    /// taking a page fault per page when a whole pixel array is about to be read.
    pub fn prefault(&self, offset: usize, len: usize) {
        if let Owner::Mapped(map) = &self.owner {
            // Best effort: kernels before 5.14 lack MADV_POPULATE_READ; reading still works.
            let _ = map.advise_range(memmap2::Advice::PopulateRead, offset, len);
        }
    }

    pub fn is_shared(&self) -> bool {
        matches!(self.owner, Owner::Shared(_))
    }

    /// The bytes back as a vector, when they were read into one (to be filled again).
    pub fn into_vec(self) -> Option<Vec<u8>> {
        match self.owner {
            Owner::Owned(v) => Some(v),
            _ => None,
        }
    }
}

/// Reads `n` bytes from the start of `file` (no extra read to find the end); a file that is
/// shorter by now is read as far as it goes.
pub(crate) fn read_up_to(file: File, n: usize) -> Result<Vec<u8>> {
    read_up_to_into(&file, n, Vec::new())
}

/// As `read_up_to`, from the file's read position into `buf` (whose allocation is reused). The
/// bytes are read into the vector's spare capacity, which is not zeroed first: the kernel writes
/// every byte read, and zeroing a header prefix cost as much as parsing it.
pub(crate) fn read_up_to_into(file: &File, n: usize, mut buf: Vec<u8>) -> Result<Vec<u8>> {
    buf.clear();
    buf.reserve_exact(n);
    while buf.len() < n {
        let want = n - buf.len();
        let spare = &mut buf.spare_capacity_mut()[..want];
        // SAFETY: `spare` is the vector's spare capacity, valid for writes of `want` bytes.
        let got = unsafe { read_fd(file, spare.as_mut_ptr().cast(), want) };
        match got {
            Ok(0) => break,
            // SAFETY: the kernel initialised the k (<= want) bytes it read, which start at the
            // vector's length, within its capacity.
            Ok(k) => unsafe { buf.set_len(buf.len() + k) },
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(buf)
}

/// `read(2)` through `syscall`: libc's `read` is a thread-cancellation point, whose
/// bookkeeping (atomic updates around each call) is a few per cent of reading a small file's
/// header; nothing here uses thread cancellation.
///
/// # Safety
/// `buf` must be valid for writes of `len` bytes (it may be uninitialised).
unsafe fn read_fd(file: &File, buf: *mut u8, len: usize) -> std::io::Result<usize> {
    // SAFETY: the caller gives a `buf` valid for writes of `len` bytes across the call; the
    // descriptor is open (borrowed from `file`).
    let n = unsafe { libc::syscall(libc::SYS_read, file.as_raw_fd(), buf, len) };
    if n < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(n as usize)
}

/// Fills `buf` from `offset` of `file` (positioned reads) as far as the file goes; returns how
/// many bytes were read.
fn read_at_into(file: &File, offset: u64, buf: &mut [u8]) -> Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read_at(&mut buf[filled..], offset + filled as u64) {
            Ok(0) => break,
            Ok(k) => filled += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(filled)
}
