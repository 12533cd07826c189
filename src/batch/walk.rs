//! Finding the files under a list of roots: directories recursively (in sorted order, in
//! parallel), symlinked directories followed once (a loop is reported, not walked forever),
//! unreadable directories reported, anything that is not a regular file left out (a FIFO would
//! block a reader).

use std::collections::HashSet;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

/// The files found, in a stable order, and the paths that could not be walked, with why.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<PathBuf>,
    pub problems: Vec<(PathBuf, String)>,
}

impl Walk {
    fn extend(&mut self, other: Walk) {
        self.files.extend(other.files);
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
            _ => out.files.push(root.clone()),
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
    let mut names: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => names.push(entry.path()),
            Err(e) => out.problems.push((dir.to_path_buf(), e.to_string())),
        }
    }
    names.sort_unstable();
    // Follows symbolic links: a link to a file is a file, a link to a directory is walked.
    let kinds: Vec<(PathBuf, Option<fs::Metadata>)> = names
        .into_iter()
        .map(|path| {
            let meta = fs::metadata(&path).ok();
            (path, meta)
        })
        .collect();
    let subdirs: Vec<Walk> = kinds
        .par_iter()
        .filter_map(|(path, meta)| match meta {
            Some(m) if m.is_dir() => Some(walk_dir(path, m, seen)),
            _ => None,
        })
        .collect();
    // Files and subdirectories in one sorted order: each subdirectory's files where it stands.
    let mut subdirs = subdirs.into_iter();
    for (path, meta) in kinds {
        match meta {
            Some(m) if m.is_dir() => out.extend(subdirs.next().expect("one walk per directory")),
            Some(m) if m.is_file() => out.files.push(path),
            Some(_) => {}                 // sockets, FIFOs, devices
            None => out.files.push(path), // a broken link: the reader reports it
        }
    }
    out
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
            .iter()
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
        assert_eq!(w.files, [t.path().join("nope")]);
        assert!(w.problems.is_empty());
    }
}
