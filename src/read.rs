//! Opening a path and parsing it: the one place that decides how much of a file to read.

use std::fs::File;
use std::os::fd::AsRawFd;
use std::path::Path;

use crate::error::Result;
use crate::parse::{self, Options, Parsed};
use crate::source::{read_up_to_into, Source};

/// How much of a file a header read (`stop_before_pixels`) parses first: most headers end well
/// before it (95% of the test corpus), and the whole file is read only when the pixel data was
/// not reached in it.
pub const HEADER_PREFIX: usize = 8 << 10;

/// Parses the file at `path`.
pub fn read_path(path: &Path, opts: &Options) -> Result<Parsed> {
    Ok(read(&File::open(path)?, opts, false, Vec::new())?.0)
}

/// Parses an open file (read from its start) and returns its length too (one more system
/// call). A header read goes into `buf`, whose allocation a caller reading many files gets
/// back from `parsed.source.into_vec()`.
pub fn read_file_sized(file: &File, opts: &Options, buf: Vec<u8>) -> Result<(Parsed, u64)> {
    let (parsed, len) = read(file, opts, true, buf)?;
    Ok((parsed, len.unwrap_or_default()))
}

fn read(
    file: &File,
    opts: &Options,
    want_len: bool,
    buf: Vec<u8>,
) -> Result<(Parsed, Option<u64>)> {
    if !opts.stop_before_pixels {
        let source = Source::of_file(file)?;
        let len = source.bytes().len() as u64;
        return Ok((parse::parse(source, opts)?, Some(len)));
    }
    let len = if want_len { Some(length(file)?) } else { None };
    let prefix = read_up_to_into(file, HEADER_PREFIX, buf)?;
    let whole = prefix.len() < HEADER_PREFIX;
    match parse::parse(Source::from_vec(prefix), opts) {
        Ok(parsed) if whole || parsed.stopped_at_pixels => return Ok((parsed, len)),
        Err(e) if whole => return Err(e),
        // Cut off inside the header: parse the whole file.
        _ => {}
    }
    let source = Source::of_file(file)?;
    let len = source.bytes().len() as u64;
    Ok((parse::parse(source, opts)?, Some(len)))
}

/// The length of an open file, by fstat: `File::metadata` asks statx for every field through
/// an empty path, which costs a reader of many small files more (the index) for one number.
fn length(file: &File) -> std::io::Result<u64> {
    let mut stat = std::mem::MaybeUninit::<libc::stat>::uninit();
    // SAFETY: fstat writes a whole `stat` into the buffer it is given, which lives across the
    // call, on success (checked before it is read); the descriptor is open (borrowed).
    if unsafe { libc::fstat(file.as_raw_fd(), stat.as_mut_ptr()) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: initialised by the successful fstat above.
    Ok(unsafe { stat.assume_init() }.st_size as u64)
}
