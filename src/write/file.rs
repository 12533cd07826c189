//! Replacing a file atomically: the new contents go to a temporary file in the target's
//! directory, are flushed to disk, and the temporary file is renamed over the target. A
//! failure at any step removes the temporary file and leaves the target as it was.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::Result;

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Removes the temporary file unless disarmed.
struct TempFile(Option<PathBuf>);

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = fs::remove_file(p);
        }
    }
}

/// Creates a new, uniquely named file next to `target`.
fn create_temp(target: &Path) -> io::Result<(File, TempFile)> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = target
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name to write"))?
        .to_string_lossy();
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(f) => return Ok((f, TempFile(Some(path)))),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Writes a file through `fill` and puts it in place of `target` (through a symbolic link, to
/// the file it points to), keeping an existing file's permissions. With `overwrite` false an
/// existing target is an `AlreadyExists` error. `sync` flushes the data to disk before the
/// rename, so that after a crash the target is the old file or the whole new one.
pub fn replace(
    target: &Path,
    overwrite: bool,
    sync: bool,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let target = match fs::symlink_metadata(target) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(target)?,
        _ => target.to_path_buf(),
    };
    let existing = fs::metadata(&target).ok();
    if !overwrite && existing.is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("File exists: '{}'", target.display()),
        )
        .into());
    }
    let (file, mut temp) = create_temp(&target)?;
    let mut w = BufWriter::with_capacity(1 << 16, file);
    fill(&mut w)?;
    let file = w.into_inner().map_err(|e| e.into_error())?;
    if let Some(m) = &existing {
        file.set_permissions(m.permissions())?;
    }
    if sync {
        // fdatasync: the data and the size, which is what a reader after a crash needs.
        file.sync_data()?;
    }
    drop(file);
    let temp_path = temp.0.clone().expect("armed");
    if overwrite {
        fs::rename(&temp_path, &target)?;
    } else {
        // A hard link fails if the target appeared meanwhile, where a rename would replace it.
        fs::hard_link(&temp_path, &target)?;
        fs::remove_file(&temp_path)?;
    }
    temp.0 = None;
    Ok(())
}
