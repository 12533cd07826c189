//! Finding the files under a list of roots: directories recursively (in sorted order, in
//! parallel), symlinked directories followed once (a loop is reported, not walked forever),
//! unreadable directories reported, anything that is not a regular file left out (a FIFO would
//! block a reader).

use std::collections::HashSet;
use std::ffi::{CStr, CString, OsStr};
use std::fs;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::files::Files;

/// The files found, in a stable order, and the paths that could not be walked, with why.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Files,
    pub problems: Vec<(PathBuf, String)>,
}

/// A walk in progress: runs of files (each run from one directory, in order), joined into one
/// list once at the end rather than copied into each parent directory's on the way up.
#[derive(Default)]
struct Runs {
    runs: Vec<Files>,
    problems: Vec<(PathBuf, String)>,
}

impl Runs {
    fn extend(&mut self, other: Runs) {
        self.runs.extend(other.runs);
        self.problems.extend(other.problems);
    }
}

/// Walks every root in order: a file is itself, a directory is every file below it.
pub fn walk(roots: &[PathBuf]) -> Walk {
    let seen = Mutex::new(HashSet::new());
    let mut out = Runs::default();
    for root in roots {
        match fs::metadata(root) {
            Ok(meta) if meta.is_dir() => out.extend(walk_dir(root, &meta, &seen)),
            // A named file is read (and reported) by the reader, whatever it is.
            _ => out.runs.push([root].iter().collect()),
        }
    }
    Walk {
        files: Files::concat(out.runs),
        problems: out.problems,
    }
}

fn walk_dir(dir: &Path, meta: &fs::Metadata, seen: &Mutex<HashSet<(u64, u64)>>) -> Runs {
    let mut out = Runs::default();
    if !seen
        .lock()
        .expect("no panics while held")
        .insert((meta.dev(), meta.ino()))
    {
        out.problems.push((
            dir.to_path_buf(),
            "directory already walked (a symbolic link loop or a second link to it)".into(),
        ));
        return out;
    }
    let (listing, error) = list(dir);
    if let Some(e) = error {
        out.problems.push((dir.to_path_buf(), e.to_string()));
    }
    let mut kinds: Vec<(&[u8], Kind)> = listing
        .entries
        .iter()
        .map(|&(start, end, d_type)| {
            let name = &listing.names[start..end];
            (name, Kind::of(d_type, || dir.join(OsStr::from_bytes(name))))
        })
        .collect();
    // One directory's entries share their parent: their paths sort as their names do. Names
    // compare by their first eight bytes as one number first (no NUL in a name, so the zero
    // padding of a short one sorts it first, as the shorter prefix it is).
    let head = |name: &[u8]| {
        let mut b = [0u8; 8];
        let n = name.len().min(8);
        b[..n].copy_from_slice(&name[..n]);
        u64::from_be_bytes(b)
    };
    kinds.sort_unstable_by(|a, b| (head(a.0), a.0).cmp(&(head(b.0), b.0)));
    let dirs: Vec<(PathBuf, &fs::Metadata)> = kinds
        .iter()
        .filter_map(|(name, kind)| match kind {
            Kind::Dir(m) => Some((dir.join(OsStr::from_bytes(name)), m)),
            _ => None,
        })
        .collect();
    // Subdirectories in parallel (most directories of a large tree hold only files).
    let subdirs: Vec<Runs> = dirs
        .into_par_iter()
        .map(|(path, m)| walk_dir(&path, m, seen))
        .collect();
    // Files and subdirectories in one sorted order: each subdirectory's files where it stands.
    // A file's path is the directory's joined with its name, as `Path::join` writes it.
    let mut prefix = dir.as_os_str().as_bytes().to_vec();
    if !prefix.is_empty() && !prefix.ends_with(b"/") {
        prefix.push(b'/');
    }
    let mut subdirs = subdirs.into_iter();
    let mut run = Files::default();
    for (name, kind) in kinds {
        match kind {
            Kind::Dir(_) => {
                out.runs.push(std::mem::take(&mut run));
                out.extend(subdirs.next().expect("one walk per directory"));
            }
            Kind::File => run.push_in(&prefix, name),
            Kind::Other => {}
        }
    }
    out.runs.push(run);
    out
}

/// What a directory entry is, symbolic links followed.
enum Kind {
    Dir(fs::Metadata),
    /// A regular file, or a broken link (the reader reports it).
    File,
    /// Sockets, FIFOs, devices.
    Other,
}

impl Kind {
    /// The type the directory listing gives costs no system call on most file systems; only
    /// links, directories (their identity, for loops) and entries of unknown type are looked up.
    fn of(d_type: u8, path: impl FnOnce() -> PathBuf) -> Kind {
        match d_type {
            libc::DT_REG => Kind::File,
            libc::DT_DIR | libc::DT_LNK | libc::DT_UNKNOWN => match fs::metadata(path()) {
                Ok(m) if m.is_dir() => Kind::Dir(m),
                Ok(m) if m.is_file() => Kind::File,
                Ok(_) => Kind::Other,
                Err(_) => Kind::File,
            },
            _ => Kind::Other,
        }
    }
}

/// A directory's entries ("." and ".." left out): names in one buffer, each with the type
/// the listing gives (`d_type`).
#[derive(Default)]
struct Listing {
    names: Vec<u8>,
    entries: Vec<(usize, usize, u8)>,
}

/// The entries of `dir` through opendir/readdir, without the allocations and reference
/// counting per entry of `fs::read_dir` (a tree of many small files is mostly entries), and
/// the error that cut the listing short, if any.
fn list(dir: &Path) -> (Listing, Option<io::Error>) {
    let mut listing = Listing::default();
    let c_dir = match CString::new(dir.as_os_str().as_bytes()) {
        Ok(c_dir) => c_dir,
        Err(e) => return (listing, Some(e.into())),
    };
    // SAFETY: a NUL-terminated path that lives across the call.
    let stream = unsafe { libc::opendir(c_dir.as_ptr()) };
    if stream.is_null() {
        return (listing, Some(io::Error::last_os_error()));
    }
    let error = loop {
        // readdir returns NULL both at the end and on an error, which only errno tells apart.
        // SAFETY: errno is this thread's; `stream` is open (closed below, once).
        let entry = unsafe {
            *libc::__errno_location() = 0;
            libc::readdir64(stream)
        };
        if entry.is_null() {
            let e = io::Error::last_os_error();
            break (e.raw_os_error() != Some(0)).then_some(e);
        }
        // SAFETY: a non-NULL entry is valid until the next readdir on `stream`, and its name
        // is NUL-terminated; both are read before that.
        let (name, d_type) = unsafe { (CStr::from_ptr((*entry).d_name.as_ptr()), (*entry).d_type) };
        let name = name.to_bytes();
        if name != b"." && name != b".." {
            let start = listing.names.len();
            listing.names.extend_from_slice(name);
            listing.entries.push((start, listing.names.len(), d_type));
        }
    };
    // SAFETY: `stream` came from opendir and is closed once.
    unsafe { libc::closedir(stream) };
    (listing, error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn sorted_recursive_with_links_and_loops() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        fs::create_dir_all(root.join("b/c")).unwrap();
        fs::write(root.join("a.dcm"), b"x").unwrap();
        fs::write(root.join("b/c/d.dcm"), b"x").unwrap();
        fs::write(root.join("b/e.dcm"), b"x").unwrap();
        fs::write(root.join("z.dcm"), b"x").unwrap();
        symlink(root, root.join("b/loop")).unwrap();
        symlink(root.join("missing"), root.join("broken")).unwrap();
        let w = walk(&[root.to_path_buf()]);
        let rel: Vec<String> = w
            .files
            .paths()
            .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(rel, ["a.dcm", "b/c/d.dcm", "b/e.dcm", "broken", "z.dcm"]);
        assert_eq!(w.problems.len(), 1);
        assert!(w.problems[0].0.ends_with("b/loop"));
        assert!(w.problems[0].1.contains("loop"));
    }

    #[test]
    fn names_sort_as_bytes() {
        let t = tempfile::tempdir().unwrap();
        let names = [
            "abcdefgh1",
            "abcdefgh",
            "abcdefg",
            "abcdefgh0",
            "b",
            "abcdefgi",
            "Z",
            "é",
        ];
        for name in names {
            fs::write(t.path().join(name), b"x").unwrap();
        }
        let w = walk(&[t.path().to_path_buf()]);
        let found: Vec<&OsStr> = w.files.paths().map(|p| p.file_name().unwrap()).collect();
        let mut expected: Vec<&OsStr> = names.iter().map(OsStr::new).collect();
        expected.sort();
        assert_eq!(found, expected);
    }

    #[test]
    fn unreadable_directory_is_reported() {
        let t = tempfile::tempdir().unwrap();
        let w = walk(&[t.path().join("nope"), t.path().to_path_buf()]);
        // A missing root is a file the reader will report; an empty directory has none.
        assert_eq!(w.files, [t.path().join("nope")].iter().collect());
        assert!(w.problems.is_empty());
    }
}
