//! Large JSON Lines files, streamed: the producer reads a block of lines at a time and extracts
//! it on every core while the writer writes the blocks before. Memory stays flat however large
//! the file (a corpus exported as one JSONL file of several GiB), and no file-size limit
//! applies to the whole file, only to each line.

use std::collections::HashSet;
use std::io::{BufRead, Read};

use rayon::prelude::*;
use tantivy::{TantivyDocument, Term};

use super::pipeline::Step;
use super::{IndexEvent, Indexer, WriterOptions};
use crate::index::state::{IdKey, Interrupted, id_key};
use crate::index::{DocSource, Fields, to_document};
use crate::ingest::{self, Candidate, Fingerprint};
use crate::{Error, Result};

/// JSON Lines files at least this large on disk are streamed; smaller ones are loaded whole.
/// (Unit tests stream small files, integration tests the usual way.)
pub(super) const STREAM_MIN_BYTES: u64 = if cfg!(test) { 1024 } else { 4 << 20 };
/// Lines read, extracted in parallel and sent to the writer, per step.
const BLOCK_LINES: usize = 1024;

/// Whether a candidate is read as a stream.
pub(super) fn streamed(c: &Candidate) -> bool {
    c.format == ingest::Format::JsonLines
        && std::fs::metadata(&c.path).is_ok_and(|m| m.len() >= STREAM_MIN_BYTES)
}

/// What the producer sends of a streamed file: `Begin`, `Block`s, `End` — or one of
/// `Unchanged` and `Failed`.
pub(crate) enum StreamStep {
    Unchanged(String),
    Failed(Error),
    Begin {
        path: String,
        fingerprint: Fingerprint,
        had_before: bool,
        /// The file resumes a run stopped while streaming it: the run finds its bytes unchanged
        /// since and extracts only the records not yet written.
        resumed: bool,
    },
    /// One block's records, in order, or why a line failed.
    Block(Vec<Result<Record>>),
    End,
}

/// One record of a streamed file.
pub(crate) enum Record {
    /// An article's id and document, to write.
    Doc(String, TantivyDocument),
    /// The id of an article an interrupted run already wrote from these same bytes.
    Kept(String),
}

/// The writer's side of the file being streamed.
pub(super) struct Streaming {
    path: String,
    fingerprint: Fingerprint,
    had_before: bool,
    resumed: bool,
    started: bool,
    problems: usize,
    new_ids: Vec<IdKey>,
}

/// Reads one large JSON Lines file block by block, extracts each block on every core and
/// sends it; false when the writer is gone (it failed, or the run was cancelled).
pub(super) fn produce(
    c: &Candidate,
    previous: Option<Fingerprint>,
    resume: Option<&Interrupted>,
    opts: &WriterOptions,
    fields: &Fields,
    tx: &std::sync::mpsc::SyncSender<Step>,
) -> bool {
    let send = |step: StreamStep| tx.send(Step::Stream(step)).is_ok();
    let path = c.path.to_string_lossy().into_owned();
    if let (Some(prev), Ok((size, mtime))) = (previous, ingest::quick_fingerprint(&c.path))
        && prev.size == size
        && prev.mtime == mtime
    {
        return send(StreamStep::Unchanged(path));
    }
    let fingerprint = match ingest::fingerprint_of(&c.path) {
        Ok(f) => f,
        Err(e) => return send(StreamStep::Failed(e)),
    };
    if previous.is_some_and(|p| p.hash == fingerprint.hash) {
        return send(StreamStep::Unchanged(path));
    }
    let mut reader = match ingest::open_lines(&c.path, c.gzipped) {
        Ok(r) => r,
        Err(e) => return send(StreamStep::Failed(e)),
    };
    // Resumed only when every article the stopped run wrote came from these very bytes.
    let resume = resume
        .filter(|(hash, _)| *hash == fingerprint.hash)
        .map(|(_, ids)| ids);
    if !send(StreamStep::Begin {
        path: path.clone(),
        fingerprint,
        had_before: previous.is_some(),
        resumed: resume.is_some(),
    }) {
        return false;
    }
    // Ids met so far in this file: a second record with an id the stopped run wrote is
    // written again, so the last record with an id wins, as in a run that is not resumed.
    let mut met: HashSet<IdKey> = HashSet::new();
    let source = DocSource {
        fingerprint,
        cluster: Default::default(),
    };
    let limit = opts.limits.max_file_bytes;
    let mut number = 0usize;
    let mut buf = Vec::new();
    loop {
        // One block of lines: (1-based number, text); failures keep their place.
        let mut block: Vec<std::result::Result<(usize, String), Error>> =
            Vec::with_capacity(BLOCK_LINES);
        let mut eof = false;
        while block.len() < BLOCK_LINES {
            buf.clear();
            let n = match reader.by_ref().take(limit + 1).read_until(b'\n', &mut buf) {
                Ok(n) => n,
                Err(e) => {
                    block.push(Err(Error::input(&path, format!("read error: {e}"))));
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
                block.push(Err(Error::input(
                    format!("{path}#L{number}"),
                    format!(
                        "line too large (> --max-file-size {} MB)",
                        limit / 1_000_000
                    ),
                )));
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
            block.push(Ok((number, String::from_utf8_lossy(&buf).into_owned())));
        }
        // Documents are built here, on the pool, not on the thread that feeds tantivy.
        let raws: Vec<Result<ingest::RawArticle>> = block
            .into_par_iter()
            .filter_map(|line| match line {
                Ok((n, line)) => ingest::read_json_line(&path, n, &line),
                Err(e) => Some(Err(e)),
            })
            .collect();
        // In order: which records the stopped run already wrote. A block holding a record
        // whose id is known only once extracted (HTML content) is extracted whole: that id
        // may be one of a later record's.
        let planned: Vec<Option<String>> = raws
            .iter()
            .map(|raw| {
                resume?;
                crate::extract::planned_id(raw.as_ref().ok()?)
            })
            .collect();
        let decidable = raws
            .iter()
            .zip(&planned)
            .all(|(raw, id)| raw.is_err() || id.is_some());
        let kept: Vec<Option<String>> = planned
            .into_iter()
            .map(|id| {
                let (ids, id) = (resume?, id?);
                (met.insert(id_key(&id)) && decidable && ids.contains(&id)).then_some(id)
            })
            .collect();
        let docs: Vec<Result<Record>> = raws
            .into_par_iter()
            .zip(kept)
            .map(|(raw, kept)| {
                if let Some(id) = kept {
                    return Ok(Record::Kept(id));
                }
                let (article, _) =
                    raw.and_then(|raw| crate::extract::extract_guarded(raw, &opts.extract))?;
                let doc = to_document(&article, fields, &source);
                Ok(Record::Doc(article.id, doc))
            })
            .collect();
        if resume.is_some() {
            for r in &docs {
                if let Ok(Record::Doc(id, _)) = r {
                    met.insert(id_key(id));
                }
            }
        }
        if !send(StreamStep::Block(docs)) {
            return false;
        }
        if eof {
            return send(StreamStep::End);
        }
        if super::pipeline::is_cancelled(opts) {
            return false;
        }
    }
}

impl Indexer<'_> {
    /// The writer's side of a streamed file. Its earlier articles are replaced as soon as the
    /// first new one is written; a file of which nothing can be read keeps them.
    pub(super) fn apply_stream(
        &mut self,
        step: StreamStep,
        streaming: &mut Option<Streaming>,
        on_event: &(dyn Fn(IndexEvent<'_>) + Sync),
    ) -> Result<()> {
        match step {
            StreamStep::Unchanged(path) => self.unchanged(&path, on_event),
            StreamStep::Failed(e) => self.fail(&e, on_event),
            StreamStep::Begin {
                path,
                fingerprint,
                had_before,
                resumed,
            } => {
                *streaming = Some(Streaming {
                    path,
                    fingerprint,
                    had_before,
                    resumed,
                    started: false,
                    problems: 0,
                    new_ids: Vec::new(),
                });
            }
            StreamStep::Block(records) => {
                let Some(st) = streaming.as_mut() else {
                    return Ok(());
                };
                for r in records {
                    match r {
                        Ok(record) => {
                            if !st.started {
                                // Everything the file gave before goes; what it gives now
                                // comes back. A resumed file's articles are all from these
                                // bytes, and stay.
                                if !st.resumed
                                    && (st.had_before
                                        || self.known.ids_by_file.contains_key(&st.path))
                                {
                                    let fields = self.index.schema.fields();
                                    self.writer
                                        .delete_term(Term::from_field_text(fields.path, &st.path));
                                }
                                st.started = true;
                            }
                            match record {
                                Record::Doc(id, doc) => {
                                    st.new_ids.push(id_key(&id));
                                    self.write_doc(id, doc)?;
                                }
                                Record::Kept(id) => {
                                    st.new_ids.push(id_key(&id));
                                    self.report.articles_kept += 1;
                                }
                            }
                        }
                        Err(e) => {
                            self.fail(&e, on_event);
                            st.problems += 1;
                        }
                    }
                }
            }
            StreamStep::End => {
                let Some(st) = streaming.take() else {
                    return Ok(());
                };
                if !st.started {
                    if st.problems == 0 {
                        self.fail(&Error::input(&st.path, "no JSON lines"), on_event);
                    }
                    return Ok(());
                }
                let fields = self.index.schema.fields();
                let source = DocSource {
                    fingerprint: st.fingerprint,
                    cluster: Default::default(),
                };
                self.writer
                    .add_document(crate::index::source_record(&st.path, fields, &source))?;
                self.forget_missing(&st.path, &st.new_ids);
                let count = st.new_ids.len();
                self.known.files.insert(st.path.clone(), st.fingerprint);
                self.indexed_now.insert(st.path.clone());
                self.known.ids_by_file.insert(st.path.clone(), st.new_ids);
                self.report.files_indexed += 1;
                on_event(IndexEvent::File {
                    path: &st.path,
                    articles: count,
                });
            }
        }
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
        // In a folder, so that the failure inside the file is kept for the runs that skip it.
        let index = NewsIndex::open_or_create(dir.path().join("idx")).unwrap();
        let first = run(&index, &file);
        assert_eq!((first.articles_added, first.files_indexed), (38, 1));
        assert_eq!(first.failed.len(), 1);
        assert!(first.failed[0].path.ends_with("feed.jsonl#L3"), "{first:?}");
        assert_eq!(index.stats().unwrap().articles, 38);

        let again = run(&index, &file);
        assert_eq!((again.files_unchanged, again.articles_added), (1, 0));
        assert_eq!(again.failed.len(), 1);
        assert!(again.failed[0].path.ends_with("feed.jsonl#L3"), "{again:?}");

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

    #[test]
    fn a_file_a_stopped_run_streamed_in_part_is_resumed() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("feed.jsonl");
        let mut lines: Vec<String> = (1..=40).map(line).collect();
        lines[2] = "{broken".into();
        // An id met twice: the last record wins, resumed or not.
        lines[35] = line(4).replace("report 4", "report 4, corrected");
        std::fs::write(&file, lines.join("\n")).unwrap();
        let index = NewsIndex::open_or_create(dir.path().join("idx")).unwrap();
        let whole = run(&index, &file);
        assert_eq!(whole.articles_added, 38, "{whole:?}");
        let path = file.to_string_lossy().into_owned();
        // What a run stopped after line 20 leaves: the articles of lines 1-20 written from
        // these bytes, and no record that the file was indexed.
        {
            let mut w = index.indexer(WriterOptions::default()).unwrap();
            let f = index.schema.fields();
            let term = |field, text: &str| -> Box<dyn tantivy::query::Query> {
                Box::new(tantivy::query::TermQuery::new(
                    Term::from_field_text(field, text),
                    tantivy::schema::IndexRecordOption::Basic,
                ))
            };
            let record = tantivy::query::BooleanQuery::new(vec![
                (
                    tantivy::query::Occur::Must,
                    term(f.doc_kind, crate::index::SOURCE),
                ),
                (tantivy::query::Occur::Must, term(f.path, &path)),
            ]);
            w.writer.delete_query(Box::new(record)).unwrap();
            for i in 21..=40 {
                w.writer
                    .delete_term(Term::from_field_text(f.id, &format!("s{i}")));
            }
            w.commit().unwrap();
        }
        // Lines 1-20 but the broken third: 19 articles.
        assert_eq!(index.stats().unwrap().articles, 19);
        let resumed = run(&index, &file);
        assert_eq!(
            (
                resumed.articles_kept,
                resumed.articles_added,
                resumed.articles_updated
            ),
            (19, 19, 1),
            "{resumed:?}"
        );
        assert_eq!(index.stats().unwrap().articles, 38);
        assert_eq!(resumed.failed.len(), 1, "{resumed:?}");
        // The file is now recorded: the next run skips it.
        let again = run(&index, &file);
        assert_eq!((again.files_unchanged, again.articles_added), (1, 0));
    }
}
