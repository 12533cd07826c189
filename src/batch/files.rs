//! A list of file paths kept in one buffer, each with where its file name starts: no allocation
//! per path, and the files of one directory are opened relative to it (`openat`), so the
//! kernel resolves the directory's path once rather than once per file.

use std::ffi::OsStr;
use std::fs::{File, OpenOptions};
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, IntoRawFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// Paths in order; path i is `bytes[ends[i-1].0..ends[i].0]`, its name starts at `ends[i].1`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Files {
    bytes: Vec<u8>,
    ends: Vec<(usize, usize)>,
}

impl Files {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    fn start(&self, i: usize) -> usize {
        if i == 0 {
            0
        } else {
            self.ends[i - 1].0
        }
    }

    /// A path as given (a file found by a walk: its directory's path joined with its name).
    pub fn push(&mut self, path: &Path) {
        let bytes = path.as_os_str().as_bytes();
        let name = bytes.iter().rposition(|&b| b == b'/').map_or(0, |i| i + 1);
        self.push_in(&bytes[..name], &bytes[name..]);
    }

    /// The file `name` of the directory whose path (ending in '/', or empty) is `dir`.
    pub fn push_in(&mut self, dir: &[u8], name: &[u8]) {
        self.bytes.extend_from_slice(dir);
        let name_at = self.bytes.len();
        self.bytes.extend_from_slice(name);
        self.ends.push((self.bytes.len(), name_at));
    }

    /// The lists one after the other.
    pub fn concat(lists: Vec<Files>) -> Files {
        let mut out = Files::default();
        out.bytes.reserve(lists.iter().map(|f| f.bytes.len()).sum());
        out.ends.reserve(lists.iter().map(|f| f.ends.len()).sum());
        for list in &lists {
            out.extend(list);
        }
        out
    }

    fn extend(&mut self, other: &Files) {
        let base = self.bytes.len();
        self.bytes.extend_from_slice(&other.bytes);
        self.ends.extend(
            other
                .ends
                .iter()
                .map(|&(end, name)| (end + base, name + base)),
        );
    }

    pub fn path(&self, i: usize) -> &Path {
        Path::new(OsStr::from_bytes(
            &self.bytes[self.start(i)..self.ends[i].0],
        ))
    }

    /// Path i's directory part (empty or ending in '/') and its file name.
    pub fn split(&self, i: usize) -> (&[u8], &[u8]) {
        let (end, name) = self.ends[i];
        (&self.bytes[self.start(i)..name], &self.bytes[name..end])
    }

    pub fn paths(&self) -> impl Iterator<Item = &Path> + '_ {
        (0..self.len()).map(|i| self.path(i))
    }
}

impl<P: AsRef<Path>> FromIterator<P> for Files {
    fn from_iter<I: IntoIterator<Item = P>>(iter: I) -> Files {
        let mut files = Files::default();
        for p in iter {
            files.push(p.as_ref());
        }
        files
    }
}

/// Opens the files of a list in order, each relative to its directory, which stays open while
/// the next files are in it.
#[derive(Default)]
pub struct Opener<'f> {
    dir: Option<(&'f [u8], Option<File>)>,
}

/// Longest file name opened relative to its directory (NAME_MAX); longer ones, which the
/// kernel refuses anyway, go through their whole path.
const NAME_MAX: usize = 255;

impl<'f> Opener<'f> {
    /// Opens path i of `files` for reading. Whatever cannot go through a directory handle
    /// (no directory part, a directory that does not open, an odd name) is opened by its
    /// whole path, so failures read as `File::open`'s.
    pub fn open(&mut self, files: &'f Files, i: usize) -> io::Result<File> {
        let (dir, name) = files.split(i);
        if self.dir.as_ref().is_none_or(|(d, _)| *d != dir) {
            self.dir = Some((dir, open_dir(dir)));
        }
        let handle = self.dir.as_ref().and_then(|(_, h)| h.as_ref());
        let plain = !name.is_empty() && name != b"." && name != b".." && name.len() <= NAME_MAX;
        match handle {
            Some(handle) if plain && !name.contains(&0) => open_at(handle, name),
            _ => File::open(files.path(i)),
        }
    }
}

/// A handle on a directory for `openat` (O_PATH: no read permission needed, as for a path).
fn open_dir(dir: &[u8]) -> Option<File> {
    if dir.is_empty() {
        return None;
    }
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_PATH | libc::O_DIRECTORY)
        .open(OsStr::from_bytes(dir))
        .ok()
}

/// `openat(2)` through `syscall`: libc's `openat` (like its `read` and `close`) is a
/// thread-cancellation point, whose bookkeeping (atomic updates around each call) is a few
/// per cent of a small file's time; nothing here uses thread cancellation.
fn open_at(dir: &File, name: &[u8]) -> io::Result<File> {
    let mut c_name = [0u8; NAME_MAX + 1];
    c_name[..name.len()].copy_from_slice(name);
    let flags = libc::O_RDONLY | libc::O_CLOEXEC;
    // SAFETY: `c_name` is NUL-terminated (the name holds no NUL and is shorter than the
    // buffer) and lives across the call; the directory handle is open.
    let fd = unsafe { libc::syscall(libc::SYS_openat, dir.as_raw_fd(), c_name.as_ptr(), flags) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `fd` (a descriptor: it fits a c_int) was just opened and nothing else owns it.
    Ok(unsafe { File::from_raw_fd(fd as RawFd) })
}

/// Closes `file` through `syscall` (see `open_at`); an error is ignored, as dropping a
/// `File` ignores it.
pub fn close(file: File) {
    let fd = file.into_raw_fd();
    // SAFETY: `fd` was owned by `file`, released just above, and is closed once.
    unsafe { libc::syscall(libc::SYS_close, fd) };
}

/// Gives the calling thread a descriptor table of its own holding only stdin, stdout and
/// stderr (close_range with CLOSE_RANGE_UNSHARE, Linux 5.9+; nothing happens on older
/// kernels). The threads of a process share one table, and its lock is what two threads that
/// open and close small files in a loop contend on (~7% of an index's time on 2 threads). For
/// worker threads that only open, read and close their own files; the copies of the process's
/// other descriptors are closed in the same call, so none stays open through the thread.
pub fn own_descriptor_table() {
    // SAFETY: close_range with CLOSE_RANGE_UNSHARE first gives this thread a private copy of
    // the table and closes descriptors 3.. in that copy only; no other thread's are touched.
    unsafe {
        libc::syscall(
            libc::SYS_close_range,
            3u32,
            u32::MAX,
            libc::CLOSE_RANGE_UNSHARE,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_worker_table_of_its_own() {
        let t = tempfile::tempdir().unwrap();
        let path = t.path().join("a");
        std::fs::write(&path, b"A").unwrap();
        let shared = File::open(&path).unwrap();
        let fd = shared.as_raw_fd();
        // SAFETY: F_GETFD only reads the descriptor's flags (EBADF when it is not open).
        let valid = |fd: RawFd| unsafe { libc::fcntl(fd, libc::F_GETFD) } != -1;
        let seen_by_worker = std::thread::spawn(move || {
            own_descriptor_table();
            let inherited = valid(fd);
            // The worker opens files of its own as before.
            let own = File::open(&path).unwrap();
            (inherited, own.metadata().unwrap().len())
        })
        .join()
        .unwrap();
        assert_eq!(seen_by_worker, (false, 1));
        assert!(valid(fd), "the process's descriptor stays open");
    }

    #[test]
    fn paths_split_and_open_like_their_whole_path() {
        let t = tempfile::tempdir().unwrap();
        std::fs::create_dir(t.path().join("d")).unwrap();
        std::fs::write(t.path().join("d/a"), b"A").unwrap();
        std::fs::write(t.path().join("b"), b"B").unwrap();
        let root = t.path().to_str().unwrap();
        let given = [
            format!("{root}/d/a"),
            format!("{root}//d/a"),
            format!("{root}/b"),
            format!("{root}/d/missing"),
            format!("{root}/nodir/a"),
            format!("{root}/d/"),
            format!("{root}/d/.."),
            "relative-missing".to_string(),
        ];
        let files: Files = given.iter().collect();
        assert_eq!(files.len(), given.len());
        let back: Vec<&str> = files.paths().map(|p| p.to_str().unwrap()).collect();
        assert_eq!(back, given);
        assert_eq!(files.split(2), (format!("{root}/").as_bytes(), &b"b"[..]));
        let mut opener = Opener::default();
        for (i, path) in given.iter().enumerate() {
            let ours = opener.open(&files, i).map(|f| f.metadata().unwrap().len());
            let std = File::open(path).map(|f| f.metadata().unwrap().len());
            match (ours, std) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{path}"),
                (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind(), "{path}"),
                (a, b) => panic!("{path}: {a:?} against {b:?}"),
            }
        }
        let parts = vec![
            given[..2].iter().collect(),
            Files::default(),
            given[2..3].iter().collect(),
        ];
        assert_eq!(Files::concat(parts), given[..3].iter().collect());
    }
}
