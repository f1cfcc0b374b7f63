//! Large JSON Lines files, streamed: read a block of lines at a time, extracted on every core,
//! written, then the next block. Memory stays flat however large the file (a corpus exported
//! as one JSONL file of several GiB), and no file-size limit applies to the whole file, only
//! to each line.

use std::collections::HashSet;
use std::io::{BufRead, Read};

use rayon::prelude::*;
use tantivy::Term;

use super::{FailedInput, IndexEvent, Indexer, failed_input};
use crate::index::DocSource;
use crate::ingest::{self, Candidate};
use crate::{Error, Result};

/// JSON Lines files at least this large on disk are streamed; smaller ones are loaded whole.
/// (Unit tests stream small files, integration tests the usual way.)
pub(super) const STREAM_MIN_BYTES: u64 = if cfg!(test) { 1024 } else { 4 << 20 };
/// Lines read, extracted in parallel, then written, per step.
const BLOCK_LINES: usize = 2048;

/// Whether a candidate is read as a stream.
pub(super) fn streamed(c: &Candidate) -> bool {
    c.format == ingest::Format::JsonLines
        && std::fs::metadata(&c.path).is_ok_and(|m| m.len() >= STREAM_MIN_BYTES)
}

impl Indexer<'_> {
    /// Indexes one large JSON Lines file block by block. Its earlier articles are replaced as
    /// soon as the first new one is written; a file of which nothing can be read keeps them.
    pub(super) fn add_streamed(
        &mut self,
        c: &Candidate,
        on_event: &(dyn Fn(IndexEvent<'_>) + Sync),
    ) -> Result<()> {
        let path = c.path.to_string_lossy().into_owned();
        let previous = self.known.files.get(&path).copied();
        let unchanged = |this: &mut Self| {
            this.report.files_unchanged += 1;
            on_event(IndexEvent::File {
                path: &path,
                articles: 0,
            });
        };
        if let (Some(prev), Ok((size, mtime))) = (previous, ingest::quick_fingerprint(&c.path))
            && prev.size == size
            && prev.mtime == mtime
        {
            unchanged(self);
            return Ok(());
        }
        let fingerprint = match ingest::fingerprint_of(&c.path) {
            Ok(f) => f,
            Err(e) => return self.fail(e, on_event),
        };
        if previous.is_some_and(|p| p.hash == fingerprint.hash) {
            unchanged(self);
            return Ok(());
        }
        let mut reader = match ingest::open_lines(&c.path, c.gzipped) {
            Ok(r) => r,
            Err(e) => return self.fail(e, on_event),
        };
        let source = DocSource {
            fingerprint,
            cluster: Default::default(),
        };
        let limit = self.opts.limits.max_file_bytes;
        let mut new_ids: Vec<String> = Vec::new();
        let (mut started, mut problems, mut number) = (false, 0usize, 0usize);
        let mut buf = Vec::new();
        loop {
            // One block of lines: (1-based number, text).
            let mut block: Vec<(usize, String)> = Vec::with_capacity(BLOCK_LINES);
            let mut eof = false;
            while block.len() < BLOCK_LINES {
                buf.clear();
                let n = match reader.by_ref().take(limit + 1).read_until(b'\n', &mut buf) {
                    Ok(n) => n,
                    Err(e) => {
                        let e = Error::input(&path, format!("read error: {e}"));
                        on_event(IndexEvent::Problem(&e));
                        self.report.failed.push(failed_input(&e));
                        problems += 1;
                        eof = true;
                        break;
                    }
                };
                if n == 0 {
                    eof = true;
                    break;
                }
                number += 1;
                if buf.len() as u64 > limit {
                    let e = Error::input(
                        format!("{path}#L{number}"),
                        format!(
                            "line too large (> --max-file-size {} MB)",
                            limit / 1_000_000
                        ),
                    );
                    on_event(IndexEvent::Problem(&e));
                    self.report.failed.push(failed_input(&e));
                    problems += 1;
                    // Skip the rest of the line.
                    while !buf.ends_with(b"\n") {
                        buf.clear();
                        match reader.by_ref().take(1 << 20).read_until(b'\n', &mut buf) {
                            Ok(0) | Err(_) => break,
                            Ok(_) => {}
                        }
                    }
                    continue;
                }
                block.push((number, String::from_utf8_lossy(&buf).into_owned()));
            }
            let opts = &self.opts.extract;
            let results: Vec<Result<(crate::Article, Vec<crate::extract::Cut>)>> = block
                .par_iter()
                .filter_map(|(n, line)| ingest::read_json_line(&path, *n, line))
                .map(|raw| raw.and_then(|raw| crate::extract::extract_guarded(raw, opts)))
                .collect();
            drop(block);
            for r in results {
                match r {
                    Ok((article, _)) => {
                        if !started {
                            // Everything the file gave before goes; what it gives now comes back.
                            if previous.is_some() || self.known.ids_by_file.contains_key(&path) {
                                let fields = self.index.schema.fields();
                                self.writer
                                    .delete_term(Term::from_field_text(fields.path, &path));
                            }
                            started = true;
                        }
                        new_ids.push(article.id.clone());
                        self.write(&article, &source)?;
                    }
                    Err(e) => {
                        on_event(IndexEvent::Problem(&e));
                        self.report.failed.push(failed_input(&e));
                        problems += 1;
                    }
                }
            }
            let due =
                self.since_commit > 0 && self.last_commit.elapsed() >= self.opts.commit_interval;
            if self.since_commit >= self.opts.commit_every || due {
                self.commit_and_report(on_event)?;
            }
            if eof {
                break;
            }
            if self.cancelled() {
                self.commit_interrupted(on_event)?;
                return Err(Error::Interrupted);
            }
        }
        if !started {
            if problems == 0 {
                return self.fail(Error::input(&path, "no JSON lines"), on_event);
            }
            return Ok(());
        }
        let fields = self.index.schema.fields();
        self.writer
            .add_document(crate::index::source_record(&path, fields, &source))?;
        let kept: HashSet<&str> = new_ids.iter().map(String::as_str).collect();
        if let Some(old) = self.known.ids_by_file.remove(&path) {
            for id in old.iter().filter(|id| !kept.contains(id.as_str())) {
                self.known.ids.remove(id);
                self.report.articles_removed += 1;
            }
        }
        let count = new_ids.len();
        self.known.files.insert(path.clone(), fingerprint);
        self.known.ids_by_file.insert(path.clone(), new_ids);
        self.report.files_indexed += 1;
        on_event(IndexEvent::File {
            path: &path,
            articles: count,
        });
        Ok(())
    }

    fn fail(&mut self, e: Error, on_event: &(dyn Fn(IndexEvent<'_>) + Sync)) -> Result<()> {
        on_event(IndexEvent::Problem(&e));
        let f: FailedInput = failed_input(&e);
        self.report.failed.push(f);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NewsIndex;
    use crate::index::WriterOptions;

    fn line(i: usize) -> String {
        format!(
            r#"{{"id":"s{i}","title":"Harbour report {i}","text":"The ferry number {i} left the harbour on time.","language":"en"}}"#
        )
    }

    fn run(index: &NewsIndex, file: &std::path::Path) -> crate::index::IndexReport {
        let mut w = index.indexer(WriterOptions::default()).unwrap();
        w.add_paths(&[file.to_path_buf()], &|_| {}).unwrap();
        w.finish().unwrap()
    }

    #[test]
    fn a_large_jsonl_file_streams_with_line_numbers_and_updates() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("feed.jsonl");
        let mut lines: Vec<String> = (1..=40).map(line).collect();
        lines[2] = "{broken".into();
        lines[5] = String::new();
        std::fs::write(&file, lines.join("\n")).unwrap();
        assert!(streamed(&Candidate {
            path: file.clone(),
            format: ingest::Format::JsonLines,
            gzipped: false
        }));
        let index = NewsIndex::create_in_ram().unwrap();
        let first = run(&index, &file);
        assert_eq!((first.articles_added, first.files_indexed), (38, 1));
        assert_eq!(first.failed.len(), 1);
        assert!(first.failed[0].path.ends_with("feed.jsonl#L3"), "{first:?}");
        assert_eq!(index.stats().unwrap().articles, 38);

        let again = run(&index, &file);
        assert_eq!((again.files_unchanged, again.articles_added), (1, 0));

        // Fewer lines: the missing articles go, the others are updated in place.
        std::fs::write(&file, (1..=30).map(line).collect::<Vec<_>>().join("\n")).unwrap();
        let third = run(&index, &file);
        assert_eq!(
            (
                third.articles_added,
                third.articles_updated,
                third.articles_removed
            ),
            (2, 28, 10),
            "{third:?}"
        );
        assert_eq!(index.stats().unwrap().articles, 30);
    }
}
