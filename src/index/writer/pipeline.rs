//! `Indexer::add_paths` as a pipeline: a producer thread reads and extracts the files on
//! rayon's pool and builds their tantivy documents there; the calling thread takes them from a
//! bounded queue, does the bookkeeping, hands them to tantivy's writer and commits.
//!
//! ```text
//! walk ─▶ producer: batch of files ─ read, extract, to_document (every core) ─┐
//!                   large JSONL: block of lines ─ same ─────────────────────────┤ queue (bounded)
//! caller: ids and files bookkeeping, add_document, commit ◀──────────────────────┘
//! ```
//!
//! A commit waits for tantivy to flush what it holds; extraction used to wait with it, and
//! everything but tantivy's own threads stood still. Now the producer runs on while the caller
//! commits, until the queue is full, and the queue's bound keeps memory flat.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use rayon::prelude::*;
use tantivy::{TantivyDocument, Term};

use super::stream::{self, StreamStep, Streaming};
use super::{IndexEvent, Indexer, SkippedFile, WriterOptions};
use crate::index::state::{IdKey, Interrupted, id_key};
use crate::index::{DocSource, Fields, to_document};
use crate::ingest::{self, Candidate, Fingerprint, SourceFile, WalkItem};
use crate::{Error, Result};

/// Steps the producer may be ahead of the writer: batches of files or blocks of lines. At a
/// few hundred KiB of documents each, the queue holds some tens of MiB at most, enough to keep
/// extracting through a commit.
const QUEUE_STEPS: usize = 24;

/// A file read, extracted and turned into documents (or why not).
pub(super) enum FileOutcome {
    Unchanged(String),
    Indexed {
        path: String,
        fingerprint: Fingerprint,
        /// Whether the index held this file before the run.
        had_before: bool,
        /// Article id and document, in file order.
        docs: Vec<(String, TantivyDocument)>,
        problems: Vec<Error>,
    },
    Failed(Vec<Error>),
}

/// What the producer sends.
pub(super) enum Step {
    Files(Vec<FileOutcome>),
    Stream(StreamStep),
}

/// Files indexed before this run: path → fingerprint.
pub(super) type Before = HashMap<String, Fingerprint>;

pub(super) fn is_cancelled(opts: &WriterOptions) -> bool {
    opts.cancel
        .as_ref()
        .is_some_and(|c| c.load(Ordering::Relaxed))
}

impl Indexer<'_> {
    /// Walks `paths` (folders and files) and indexes every article in them, committing every
    /// `commit_every` articles. Bad files are reported through `on_event` and in the report;
    /// they never stop the run.
    ///
    /// # Errors
    /// [`Error::Interrupted`] when cancelled (after committing); [`Error::Tantivy`] when the
    /// index cannot be written.
    pub fn add_paths(
        &mut self,
        paths: &[PathBuf],
        on_event: &(dyn Fn(IndexEvent<'_>) + Sync),
    ) -> Result<()> {
        let exclude: Vec<PathBuf> = self.index.dir().map(PathBuf::from).into_iter().collect();
        let mut candidates: Vec<Candidate> = Vec::new();
        let mut seen = HashSet::new();
        for item in ingest::walk(paths, &exclude) {
            match item {
                WalkItem::File(c) => {
                    // The same file reached twice (two overlapping paths) is read once.
                    if seen.insert(c.path.clone()) {
                        self.report.files_seen += 1;
                        candidates.push(c);
                    }
                }
                WalkItem::Skipped(s) => {
                    self.report.files_seen += 1;
                    self.report.skipped.push(SkippedFile {
                        path: s.path.to_string_lossy().into_owned(),
                        reason: s.reason.to_string(),
                    });
                }
                WalkItem::Failed(e) => self.fail(&e, on_event),
            }
        }
        if self.opts.prune {
            self.prune(paths, &seen);
        }
        on_event(IndexEvent::Planned {
            files: candidates.len(),
        });
        // The producer reads what was indexed before; this thread records what is indexed
        // now. Each file is met once, so the two never concern the same entry.
        let before = std::mem::take(&mut self.known.files);
        let resumable = std::mem::take(&mut self.known.interrupted);
        let result = self.pipeline(&candidates, &before, &resumable, on_event);
        for (path, fingerprint) in before {
            self.known.files.entry(path).or_insert(fingerprint);
        }
        result
    }

    fn pipeline(
        &mut self,
        candidates: &[Candidate],
        before: &Before,
        resumable: &HashMap<String, Interrupted>,
        on_event: &(dyn Fn(IndexEvent<'_>) + Sync),
    ) -> Result<()> {
        let index = self.index;
        let fields = index.schema.fields();
        let opts = self.opts.clone();
        std::thread::scope(|s| {
            let (tx, rx) = sync_channel::<Step>(QUEUE_STEPS);
            let (opts, before) = (&opts, before);
            s.spawn(move || produce(candidates, before, resumable, opts, fields, &tx));
            self.consume(rx, on_event)
        })
    }

    fn consume(
        &mut self,
        rx: Receiver<Step>,
        on_event: &(dyn Fn(IndexEvent<'_>) + Sync),
    ) -> Result<()> {
        let mut streaming: Option<Streaming> = None;
        for step in rx {
            if self.cancelled() {
                self.commit_interrupted(on_event)?;
                return Err(Error::Interrupted);
            }
            match step {
                Step::Files(outcomes) => {
                    for outcome in outcomes {
                        self.apply(outcome, on_event)?;
                    }
                }
                Step::Stream(step) => self.apply_stream(step, &mut streaming, on_event)?,
            }
            let due =
                self.since_commit > 0 && self.last_commit.elapsed() >= self.opts.commit_interval;
            if self.since_commit >= self.opts.commit_every || due {
                self.commit_and_report(on_event)?;
            }
        }
        // The producer stops early only when cancelled.
        if self.cancelled() {
            self.commit_interrupted(on_event)?;
            return Err(Error::Interrupted);
        }
        Ok(())
    }

    fn apply(
        &mut self,
        outcome: FileOutcome,
        on_event: &(dyn Fn(IndexEvent<'_>) + Sync),
    ) -> Result<()> {
        match outcome {
            FileOutcome::Unchanged(path) => self.unchanged(&path, on_event),
            FileOutcome::Failed(errors) => {
                for e in &errors {
                    self.fail(e, on_event);
                }
            }
            FileOutcome::Indexed {
                path,
                fingerprint,
                had_before,
                docs,
                problems,
            } => {
                for p in &problems {
                    self.fail(p, on_event);
                }
                // Everything the file gave before goes; what it gives now comes back.
                let fields = self.index.schema.fields();
                if had_before || self.known.ids_by_file.contains_key(&path) {
                    self.writer
                        .delete_term(Term::from_field_text(fields.path, &path));
                }
                let ids: Vec<IdKey> = docs.iter().map(|(id, _)| id_key(id)).collect();
                self.forget_missing(&path, &ids);
                let source = DocSource {
                    fingerprint,
                    cluster: Default::default(),
                };
                self.writer
                    .add_document(crate::index::source_record(&path, fields, &source))?;
                let count = docs.len();
                for (id, doc) in docs {
                    self.write_doc(id, doc)?;
                }
                self.known.files.insert(path.clone(), fingerprint);
                self.known.ids_by_file.insert(path.clone(), ids);
                self.indexed_now.insert(path.clone());
                self.report.files_indexed += 1;
                on_event(IndexEvent::File {
                    path: &path,
                    articles: count,
                });
            }
        }
        Ok(())
    }

    /// Forgets the ids a file gave before and no longer gives.
    pub(super) fn forget_missing(&mut self, path: &str, ids: &[IdKey]) {
        if let Some(old) = self.known.ids_by_file.remove(path) {
            let kept: HashSet<IdKey> = ids.iter().copied().collect();
            for id in old.iter().filter(|id| !kept.contains(id)) {
                self.known.ids.remove(id);
                self.report.articles_removed += 1;
            }
        }
    }
}

/// The producer: every candidate in order, as steps, until the end, a cancel, or the
/// consumer's end (an error there drops the receiver).
fn produce(
    candidates: &[Candidate],
    before: &Before,
    resumable: &HashMap<String, Interrupted>,
    opts: &WriterOptions,
    fields: &Fields,
    tx: &SyncSender<Step>,
) {
    let batch = rayon::current_num_threads().max(1) * 16;
    let mut rest = candidates;
    while let Some(first) = rest.first() {
        if is_cancelled(opts) {
            return;
        }
        // A large JSON Lines file streams through block by block, on every core.
        if stream::streamed(first) {
            let path = first.path.to_string_lossy();
            let previous = before.get(path.as_ref()).copied();
            let resume = resumable.get(path.as_ref());
            if !stream::produce(first, previous, resume, opts, fields, tx) {
                return;
            }
            rest = &rest[1..];
            continue;
        }
        let n = rest
            .iter()
            .take(batch)
            .position(stream::streamed)
            .unwrap_or(batch.min(rest.len()));
        let (chunk, tail) = rest.split_at(n);
        rest = tail;
        let outcomes: Vec<FileOutcome> = chunk
            .par_iter()
            .map(|c| process_file(c, before, opts, fields))
            .collect();
        if tx.send(Step::Files(outcomes)).is_err() {
            return;
        }
    }
}

fn process_file(
    c: &Candidate,
    before: &Before,
    opts: &WriterOptions,
    fields: &Fields,
) -> FileOutcome {
    let path = c.path.to_string_lossy().into_owned();
    let previous = before.get(&path);
    if let (Some(prev), Ok((size, mtime))) = (previous, ingest::quick_fingerprint(&c.path))
        && prev.size == size
        && prev.mtime == mtime
    {
        return FileOutcome::Unchanged(path);
    }
    let file = match SourceFile::load(&c.path, c.format, c.gzipped, &opts.limits) {
        Ok(f) => f,
        Err(e) => return FileOutcome::Failed(vec![e]),
    };
    if previous.is_some_and(|p| p.hash == file.fingerprint.hash) {
        return FileOutcome::Unchanged(path);
    }
    let crate::extract::Extracted {
        articles, problems, ..
    } = match crate::extract::extract_file(&file, &opts.extract) {
        Ok(x) => x,
        Err(e) => return FileOutcome::Failed(vec![e]),
    };
    if articles.is_empty() && !problems.is_empty() {
        // Nothing usable: a failed file, and the index keeps what it had of it.
        return FileOutcome::Failed(problems);
    }
    let source = DocSource {
        fingerprint: file.fingerprint,
        cluster: Default::default(),
    };
    // Documents are built here, on the pool, not on the thread that feeds tantivy.
    let docs = articles
        .into_iter()
        .map(|a| {
            let doc = to_document(&a, fields, &source);
            (a.id, doc)
        })
        .collect();
    FileOutcome::Indexed {
        path,
        fingerprint: file.fingerprint,
        had_before: previous.is_some(),
        docs,
        problems,
    }
}
