//! Finding the files under a list of roots: directories recursively (in sorted order, in
//! parallel), symlinked directories followed once (a loop is reported, not walked forever),
//! unreadable directories reported, anything that is not a regular file left out (a FIFO would
//! block a reader).

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs;
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

impl Walk {
    fn extend(&mut self, other: Walk) {
        self.files.extend(&other.files);
        self.problems.extend(other.problems);
    }
}

/// Walks every root in order: a file is itself, a directory is every file below it.
pub fn walk(roots: &[PathBuf]) -> Walk {
    let seen = Mutex::new(HashSet::new());
    let mut out = Walk::default();
    for root in roots {
        match fs::metadata(root) {
            Ok(meta) if meta.is_dir() => out.extend(walk_dir(root, &meta, &seen)),
            // A named file is read (and reported) by the reader, whatever it is.
            _ => out.files.push(root),
        }
    }
    out
}

fn walk_dir(dir: &Path, meta: &fs::Metadata, seen: &Mutex<HashSet<(u64, u64)>>) -> Walk {
    let mut out = Walk::default();
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
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.problems.push((dir.to_path_buf(), e.to_string()));
            return out;
        }
    };
    let mut kinds: Vec<(OsString, Kind)> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => {
                let kind = Kind::of(&entry);
                kinds.push((entry.file_name(), kind));
            }
            Err(e) => out.problems.push((dir.to_path_buf(), e.to_string())),
        }
    }
    // One directory's entries share their parent: their paths sort as their names do.
    kinds.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let dirs: Vec<(PathBuf, &fs::Metadata)> = kinds
        .iter()
        .filter_map(|(name, kind)| match kind {
            Kind::Dir(m) => Some((dir.join(name), m)),
            _ => None,
        })
        .collect();
    // Subdirectories in parallel (most directories of a large tree hold only files).
    let subdirs: Vec<Walk> = dirs
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
    for (name, kind) in kinds {
        match kind {
            Kind::Dir(_) => out.extend(subdirs.next().expect("one walk per directory")),
            Kind::File => out.files.push_in(&prefix, name.as_bytes()),
            Kind::Other => {}
        }
    }
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
    /// links (and entries of unknown type) are looked up.
    fn of(entry: &fs::DirEntry) -> Kind {
        match entry.file_type() {
            Ok(t) if t.is_file() => Kind::File,
            Ok(t) if !t.is_dir() && !t.is_symlink() => Kind::Other,
            _ => match fs::metadata(entry.path()) {
                Ok(m) if m.is_dir() => Kind::Dir(m),
                Ok(m) if m.is_file() => Kind::File,
                Ok(_) => Kind::Other,
                Err(_) => Kind::File,
            },
        }
    }
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
    fn unreadable_directory_is_reported() {
        let t = tempfile::tempdir().unwrap();
        let w = walk(&[t.path().join("nope"), t.path().to_path_buf()]);
        // A missing root is a file the reader will report; an empty directory has none.
        assert_eq!(w.files, [t.path().join("nope")].iter().collect());
        assert!(w.problems.is_empty());
    }
}
