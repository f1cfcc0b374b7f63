//! Failures inside files that were indexed in part (a JSON Lines file with a broken line, a
//! JSON array with a bad record). Such a file is indexed and remembered as unchanged, so a
//! later run skips it; its failures are kept in the index folder (`newsdex-failures.jsonl`)
//! and reported again by every run that skips it, so `--strict` and `--errors` say the same
//! on every run until the file is fixed. Files that fail whole are read again by every run
//! and need no record.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use super::report::FailedInput;
use crate::index::write_atomically;
use crate::{Error, Result};

/// The file in an index folder that keeps the failures of files indexed in part.
pub const FAILURE_RECORD: &str = "newsdex-failures.jsonl";

/// What an index folder keeps: source file → failures inside it, as they were reported.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct FailureRecord {
    by_file: BTreeMap<String, Vec<FailedInput>>,
}

impl FailureRecord {
    /// The record in `dir`; empty without a folder or a record. A record that cannot be read
    /// is an error naming it: losing it would silently drop failures.
    pub(crate) fn load(dir: Option<&Path>) -> Result<FailureRecord> {
        let Some(dir) = dir else {
            return Ok(FailureRecord::default());
        };
        let path = dir.join(FAILURE_RECORD);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(FailureRecord::default());
            }
            Err(e) => return Err(Error::io(path, e)),
        };
        let mut record = FailureRecord::default();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let failed: FailedInput = serde_json::from_str(line)
                .map_err(|e| Error::input(path.to_string_lossy(), format!("bad record: {e}")))?;
            record
                .by_file
                .entry(file_of(&failed.path).to_string())
                .or_default()
                .push(failed);
        }
        Ok(record)
    }

    /// The failures kept for `file`.
    pub(crate) fn of(&self, file: &str) -> &[FailedInput] {
        self.by_file.get(file).map_or(&[], Vec::as_slice)
    }

    /// The record after a run: for each file the index remembers (`remembered`), this run's
    /// failures inside it when the run indexed it (`indexed`), else what was kept before.
    pub(crate) fn after_run<'a>(
        &self,
        remembered: impl Iterator<Item = &'a String>,
        indexed: &HashSet<String>,
        failed: &[FailedInput],
    ) -> FailureRecord {
        let mut now: BTreeMap<String, Vec<FailedInput>> = BTreeMap::new();
        for f in failed {
            let file = file_of(&f.path);
            if file != f.path && indexed.contains(file) {
                now.entry(file.to_string()).or_default().push(f.clone());
            }
        }
        let mut by_file = BTreeMap::new();
        for file in remembered {
            let kept = if indexed.contains(file) {
                now.remove(file)
            } else {
                self.by_file.get(file).cloned()
            };
            if let Some(list) = kept.filter(|l| !l.is_empty()) {
                by_file.insert(file.clone(), list);
            }
        }
        FailureRecord { by_file }
    }

    /// Writes the record into `dir` (removing it when empty), unless it is what `before` was.
    pub(crate) fn save(&self, dir: &Path, before: &FailureRecord) -> Result<()> {
        if self == before {
            return Ok(());
        }
        let path = dir.join(FAILURE_RECORD);
        if self.by_file.is_empty() {
            return match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
                _ => Ok(()),
            };
        }
        let mut text = String::new();
        for f in self.by_file.values().flatten() {
            let line = serde_json::to_string(f)
                .map_err(|e| Error::input(FAILURE_RECORD, e.to_string()))?;
            text.push_str(&line);
            text.push('\n');
        }
        write_atomically(&path, &text)
    }
}

/// The source file of a failure: its path without a record's `#Ln` or `#n`.
fn file_of(path: &str) -> &str {
    match path.rsplit_once('#') {
        Some((file, place))
            if !place.is_empty()
                && place
                    .trim_start_matches('L')
                    .chars()
                    .all(|c| c.is_ascii_digit()) =>
        {
            file
        }
        _ => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(path: &str) -> FailedInput {
        FailedInput {
            path: path.into(),
            reason: "invalid JSON".into(),
        }
    }

    #[test]
    fn records_go_with_their_file() {
        assert_eq!(file_of("/c/a.jsonl#L12"), "/c/a.jsonl");
        assert_eq!(file_of("/c/b.json#3"), "/c/b.json");
        assert_eq!(file_of("/c/odd#name.txt"), "/c/odd#name.txt");
        assert_eq!(file_of("/c/plain.html"), "/c/plain.html");
    }

    #[test]
    fn a_run_keeps_what_it_skipped_and_replaces_what_it_read() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, c) = (
            "a.jsonl".to_string(),
            "b.jsonl".to_string(),
            "c.jsonl".to_string(),
        );
        let first = FailureRecord::default().after_run(
            [&a, &b].into_iter(),
            &[a.clone(), b.clone()].into_iter().collect(),
            // A whole-file failure is not kept: that file is read again anyway.
            &[
                failed("a.jsonl#L2"),
                failed("b.jsonl#L5"),
                failed("gone.html"),
            ],
        );
        assert_eq!(first.of("a.jsonl"), [failed("a.jsonl#L2")]);
        first.save(dir.path(), &FailureRecord::default()).unwrap();
        let loaded = FailureRecord::load(Some(dir.path())).unwrap();
        assert_eq!(loaded, first);
        // Next run: a.jsonl skipped (kept), b.jsonl read again and fixed, c.jsonl new.
        let second = loaded.after_run(
            [&a, &b, &c].into_iter(),
            &[b.clone(), c.clone()].into_iter().collect(),
            &[
                FailedInput {
                    path: "a.jsonl#L2".into(),
                    reason: "invalid JSON (reported again)".into(),
                },
                failed("c.jsonl#L1"),
            ],
        );
        assert_eq!(second.of("a.jsonl"), [failed("a.jsonl#L2")]);
        assert!(second.of("b.jsonl").is_empty());
        assert_eq!(second.of("c.jsonl"), [failed("c.jsonl#L1")]);
        // A file the index no longer remembers takes its failures with it.
        let third = second.after_run([&c].into_iter(), &HashSet::new(), &[]);
        assert_eq!(third.of("a.jsonl"), []);
        third.save(dir.path(), &second).unwrap();
        assert_eq!(FailureRecord::load(Some(dir.path())).unwrap(), third);
        let empty = FailureRecord::default();
        empty.save(dir.path(), &third).unwrap();
        assert!(!dir.path().join(FAILURE_RECORD).exists());
    }
}
