//! Walking the paths a user gives: folders recursively (walkdir), files as they are.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;
use walkdir::WalkDir;

use super::format::Format;
use crate::Error;

/// A file that looks like an article, by its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Absolute path, symlinks resolved: the same file has the same path from any folder.
    pub path: PathBuf,
    /// Format told by the extension.
    pub format: Format,
    /// Whether the file is gzipped.
    pub gzipped: bool,
}

/// Why a file was passed over without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// Not one of the formats newsdex reads.
    UnsupportedFormat,
    /// A README, LICENSE or CHANGELOG: documentation of the corpus, not news.
    Documentation,
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SkipReason::UnsupportedFormat => "not an article format",
            SkipReason::Documentation => "corpus documentation (README, LICENSE, …)",
        })
    }
}

/// A file passed over, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// The file.
    pub path: PathBuf,
    /// Why.
    pub reason: SkipReason,
}

/// One thing the walk found.
#[derive(Debug)]
pub enum WalkItem {
    /// A file to read.
    File(Candidate),
    /// A file passed over.
    Skipped(Skip),
    /// A path that could not be walked (missing, unreadable, a symlink loop).
    Failed(Error),
}

/// Walks `paths` in a stable order (sorted by file name), leaving out hidden entries
/// (names starting with `.`) inside folders and anything under `exclude` (e.g. the index).
///
/// # Example
/// ```
/// let items: Vec<_> = newsdex::ingest::walk(&["no/such/folder".into()], &[]).collect();
/// assert!(matches!(items[0], newsdex::ingest::WalkItem::Failed(_)));
/// ```
pub fn walk(paths: &[PathBuf], exclude: &[PathBuf]) -> impl Iterator<Item = WalkItem> {
    let exclude: Vec<PathBuf> = exclude
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    paths
        .iter()
        .cloned()
        .flat_map(move |root| walk_one(root, exclude.clone()))
}

fn walk_one(root: PathBuf, exclude: Vec<PathBuf>) -> Box<dyn Iterator<Item = WalkItem>> {
    // Walk from the canonical root so that every path below it is absolute already.
    let root = match root.canonicalize() {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Box::new(std::iter::once(WalkItem::Failed(Error::NotFound(root))));
        }
        Err(e) => return Box::new(std::iter::once(WalkItem::Failed(Error::io(root, e)))),
    };
    let walker = WalkDir::new(&root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |e| {
            let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
            let excluded = exclude.iter().any(|x| e.path().starts_with(x));
            !hidden && !excluded
        });
    Box::new(walker.filter_map(|entry| match entry {
        Ok(e) if e.file_type().is_file() => Some(classify(e.path())),
        Ok(_) => None,
        Err(err) => {
            let path = err.path().map(Path::to_path_buf).unwrap_or_default();
            let io = err
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("symlink loop"));
            Some(WalkItem::Failed(Error::io(path, io)))
        }
    }))
}

fn classify(path: &Path) -> WalkItem {
    let path = match path.canonicalize() {
        Ok(p) => p,
        Err(e) => return WalkItem::Failed(Error::io(path, e)),
    };
    if is_documentation(&path) {
        return WalkItem::Skipped(Skip {
            path,
            reason: SkipReason::Documentation,
        });
    }
    match Format::from_path(&path) {
        Some((format, gzipped)) => WalkItem::File(Candidate {
            path,
            format,
            gzipped,
        }),
        None => WalkItem::Skipped(Skip {
            path,
            reason: SkipReason::UnsupportedFormat,
        }),
    }
}

fn is_documentation(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_uppercase())
        .unwrap_or_default();
    let stem = name.split('.').next().unwrap_or("");
    matches!(
        stem,
        "README" | "LICENSE" | "LICENCE" | "CHANGELOG" | "CONTRIBUTING" | "COPYING"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_skips_hidden_docs_and_excluded() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::create_dir_all(root.join("idx")).unwrap();
        for f in [
            "b/2.txt",
            "a.json",
            ".git/x.txt",
            "idx/meta.json",
            "README.md",
            "style.css",
        ] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        let items: Vec<_> = walk(&[root.to_path_buf()], &[root.join("idx")]).collect();
        let files: Vec<String> = items
            .iter()
            .filter_map(|i| match i {
                WalkItem::File(c) => {
                    Some(c.path.file_name().unwrap().to_string_lossy().into_owned())
                }
                _ => None,
            })
            .collect();
        assert_eq!(files, ["a.json", "2.txt"]);
        let skipped: Vec<SkipReason> = items
            .iter()
            .filter_map(|i| match i {
                WalkItem::Skipped(s) => Some(s.reason),
                _ => None,
            })
            .collect();
        assert_eq!(
            skipped,
            [SkipReason::Documentation, SkipReason::UnsupportedFormat]
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_reported_not_followed_forever() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("a")).unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("a/loop")).unwrap();
        let failed = walk(&[dir.path().to_path_buf()], &[])
            .filter(|i| matches!(i, WalkItem::Failed(_)))
            .count();
        assert_eq!(failed, 1);
    }
}
