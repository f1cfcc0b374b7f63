//! `Indexer`: walks paths, extracts articles in parallel, and upserts them into the index.
//!
//! Files are read and extracted on rayon's pool by a producer thread while the calling thread
//! writes the documents into tantivy's (itself multi-threaded) writer (`pipeline`). An
//! article replaces any earlier one with the same id, and a re-read file replaces all the
//! articles it gave before, so indexing twice never duplicates. Unchanged files (same size
//! and mtime, or same content hash) are not read again.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;

use tantivy::{IndexWriter, TantivyDocument, Term};

mod failures;
mod finish;
mod merges;
mod options;
mod pipeline;
#[cfg(unix)]
mod pread_dir;
mod report;
mod stream;

pub use self::failures::FAILURE_RECORD;
pub use self::options::WriterOptions;
pub use self::report::{IndexEvent, IndexReport, SkippedFile};

use self::report::failed_input;
use super::state::{Known, id_key};
use super::{DocSource, NewsIndex, to_document};
use crate::{Article, Error, Result};

/// Writes articles into a [`NewsIndex`]. Only one may exist per index at a time, across
/// processes; others fail with [`Error::Locked`].
pub struct Indexer<'a> {
    index: &'a NewsIndex,
    writer: IndexWriter<TantivyDocument>,
    opts: WriterOptions,
    known: Known,
    report: IndexReport,
    since_commit: usize,
    last_commit: Instant,
    started: Instant,
    /// The segments the index had when the run started (see [`merges::merge_at_end`]).
    before: HashSet<tantivy::index::SegmentId>,
    /// Failures inside files indexed in part, as the index folder kept them.
    failures: failures::FailureRecord,
    /// Files this run read and indexed.
    indexed_now: HashSet<String>,
}

impl NewsIndex {
    /// Opens the index for writing.
    ///
    /// # Errors
    /// [`Error::Locked`] when another process is writing to it.
    ///
    /// # Example
    /// ```
    /// let index = newsdex::NewsIndex::create_in_ram()?;
    /// let mut indexer = index.indexer(newsdex::WriterOptions::default())?;
    /// indexer.add_article(&newsdex::Article::new("a1", "a1.txt", "Drones struck Kyiv."))?;
    /// let report = indexer.finish()?;
    /// assert_eq!(report.articles_added, 1);
    /// # Ok::<(), newsdex::Error>(())
    /// ```
    pub fn indexer(&self, opts: WriterOptions) -> Result<Indexer<'_>> {
        let threads = if opts.threads == 0 {
            std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .min(4)
        } else {
            opts.threads
        };
        // tantivy needs at least 15 MB per thread: fewer threads rather than an error.
        let threads = threads.min(opts.memory_bytes / 15_000_000).max(1);
        let memory = opts.memory_bytes.max(15_000_000 * threads);
        let writing = merges::writing_index(self)?;
        let writer = match lock_writer(&writing, threads, memory) {
            Ok(w) => w,
            Err(tantivy::TantivyError::LockFailure(
                tantivy::directory::error::LockError::LockBusy,
                _,
            )) => {
                return Err(Error::Locked(
                    self.dir().map(PathBuf::from).unwrap_or_default(),
                ));
            }
            Err(other) => return Err(Error::Tantivy(other)),
        };
        writer.set_merge_policy(Box::new(merges::policy()));
        // What is indexed now, including commits by other processes since this index opened.
        self.reader.reload()?;
        let known = Known::load(&self.reader.searcher())?;
        let before = self.index.searchable_segment_ids()?.into_iter().collect();
        let failures = failures::FailureRecord::load(self.dir())?;
        let mut opts = opts;
        if opts.extract.aliases.is_none() {
            // The table the index was built with goes on being applied.
            opts.extract.aliases = Some(self.aliases()?);
        }
        Ok(Indexer {
            index: self,
            writer,
            opts,
            known,
            report: IndexReport::default(),
            since_commit: 0,
            last_commit: Instant::now(),
            started: Instant::now(),
            before,
            failures,
            indexed_now: HashSet::new(),
        })
    }
}

impl Indexer<'_> {
    /// Adds or replaces one article (by id). Visible to searches after [`Indexer::commit`].
    ///
    /// # Errors
    /// [`Error::Tantivy`] if the writer failed.
    pub fn add_article(&mut self, article: &Article) -> Result<()> {
        let doc = to_document(article, self.index.schema.fields(), &DocSource::default());
        self.write_doc(article.id.clone(), doc)
    }

    /// Adds one document; it replaces the article with the same id when the index (or this
    /// run) holds one.
    fn write_doc(&mut self, id: String, doc: TantivyDocument) -> Result<()> {
        // Only an id the index (or this run) already holds needs a delete: deletes are
        // looked up in every segment at each commit, so a fresh load skips them all.
        if !self.known.ids.insert(id_key(&id)) {
            let fields = self.index.schema.fields();
            self.writer
                .delete_term(Term::from_field_text(fields.id, &id));
            self.report.articles_updated += 1;
        } else {
            self.report.articles_added += 1;
        }
        self.writer.add_document(doc)?;
        self.since_commit += 1;
        Ok(())
    }

    /// Removes the articles of files that were indexed from under one of the walked folders
    /// and are no longer there. Folders that could not be walked prune nothing, so a typo or
    /// an unmounted disk never empties an index.
    fn prune(&mut self, paths: &[PathBuf], seen: &HashSet<PathBuf>) {
        let roots: Vec<PathBuf> = paths
            .iter()
            .filter(|p| p.is_dir())
            .filter_map(|p| p.canonicalize().ok())
            .collect();
        let gone: Vec<String> = self
            .known
            .files
            .keys()
            .filter(|f| {
                let path = std::path::Path::new(f.as_str());
                roots.iter().any(|r| path.starts_with(r)) && !seen.contains(path)
            })
            .cloned()
            .collect();
        let fields = self.index.schema.fields();
        for file in gone {
            self.writer
                .delete_term(Term::from_field_text(fields.path, &file));
            self.known.files.remove(&file);
            for id in self.known.ids_by_file.remove(&file).unwrap_or_default() {
                self.known.ids.remove(&id);
                self.report.articles_removed += 1;
            }
            self.report.files_removed += 1;
            self.since_commit += 1;
        }
    }

    fn cancelled(&self) -> bool {
        pipeline::is_cancelled(&self.opts)
    }

    fn commit_and_report(&mut self, on_event: &(dyn Fn(IndexEvent<'_>) + Sync)) -> Result<()> {
        self.commit()?;
        // Every id is known, so no scan of the index is needed to count them.
        let articles = self.known.ids.len() as u64;
        on_event(IndexEvent::Committed { articles });
        Ok(())
    }

    /// A file skipped as unchanged: the failures inside it are reported again.
    fn unchanged(&mut self, path: &str, on_event: &(dyn Fn(IndexEvent<'_>) + Sync)) {
        self.report.files_unchanged += 1;
        let kept = self.failures.of(path).to_vec();
        for f in kept {
            let reason = format!("{} (file unchanged since an earlier run)", f.reason);
            self.fail(&Error::input(f.path, reason), on_event);
        }
        on_event(IndexEvent::File { path, articles: 0 });
    }

    /// Keeps, in the index folder, the failures inside the files the index now remembers.
    fn record_failures(&mut self) -> Result<()> {
        let Some(dir) = self.index.dir() else {
            return Ok(());
        };
        let now = self.failures.after_run(
            self.known.files.keys(),
            &self.indexed_now,
            &self.report.failed,
        );
        now.save(dir, &self.failures)?;
        self.failures = now;
        Ok(())
    }

    /// Reports a file or record that could not be indexed, and goes on.
    fn fail(&mut self, e: &Error, on_event: &(dyn Fn(IndexEvent<'_>) + Sync)) {
        on_event(IndexEvent::Problem(e));
        self.report.failed.push(failed_input(e));
    }

    /// Makes everything added so far durable and visible to searches.
    ///
    /// # Errors
    /// [`Error::Tantivy`] if the commit failed (the index keeps its previous commit).
    pub fn commit(&mut self) -> Result<()> {
        self.writer.commit()?;
        self.index.reader.reload()?;
        self.report.commits += 1;
        self.since_commit = 0;
        self.last_commit = Instant::now();
        Ok(())
    }

    /// The report so far (without elapsed time), e.g. after an interruption.
    pub fn report(&self) -> IndexReport {
        let mut r = self.report.clone();
        r.elapsed_secs = self.started.elapsed().as_secs_f64();
        r
    }
}

/// Merges a writer runs at once. tantivy's default, four, let up to four bounded merges
/// (see `merges`) hold their heaps together: at 200,000 generated articles the peak was
/// 343–360 MiB with four and 308–313 MiB with one, in the same session; indexing time moved
/// within the noise (Reuters −2 % wall, 50,000 articles +5 %, two to five runs each).
const MERGE_THREADS: usize = 1;

/// A writer of `index`, once its lock is free. The writer lock is an OS file lock, and a
/// process the program starts (the test suite runs the CLI from other threads) holds a copy
/// of every open descriptor from its fork until its exec: a lock released a moment ago can
/// still look held. Tantivy does not wait for a writer's lock, so this retries for up to two
/// seconds before the lock counts as someone else's. `memory` is the budget of all `threads`
/// together, as in tantivy's `writer_with_num_threads`.
pub(super) fn lock_writer(
    index: &tantivy::Index,
    threads: usize,
    memory: usize,
) -> tantivy::Result<IndexWriter<TantivyDocument>> {
    let mut attempts = 0;
    loop {
        let options = tantivy::indexer::IndexWriterOptions::builder()
            .num_worker_threads(threads)
            .memory_budget_per_thread(memory / threads.max(1))
            .num_merge_threads(MERGE_THREADS)
            .build();
        match index.writer_with_options(options) {
            Err(tantivy::TantivyError::LockFailure(
                tantivy::directory::error::LockError::LockBusy,
                _,
            )) if attempts < 100 => {
                attempts += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(index: &NewsIndex, dir: &std::path::Path) -> IndexReport {
        let mut w = index.indexer(WriterOptions::default()).unwrap();
        w.add_paths(&[dir.to_path_buf()], &|_| {}).unwrap();
        w.finish().unwrap()
    }

    #[test]
    fn same_id_in_two_files_settles_after_one_run() {
        let corpus = tempfile::tempdir().unwrap();
        std::fs::write(
            corpus.path().join("a.json"),
            r#"{"id":"x","title":"One","body":"First copy."}"#,
        )
        .unwrap();
        std::fs::write(
            corpus.path().join("b.json"),
            r#"{"id":"x","title":"One","body":"Second copy."}"#,
        )
        .unwrap();
        let index = NewsIndex::create_in_ram().unwrap();
        let first = run(&index, corpus.path());
        assert_eq!(
            index.reader.searcher().num_docs(),
            3,
            "two source records and one article"
        );
        assert_eq!(
            (first.files_indexed, index.stats().unwrap().articles),
            (2, 1)
        );
        let again = run(&index, corpus.path());
        assert_eq!(
            (again.files_indexed, again.files_unchanged),
            (0, 2),
            "{again:?}"
        );
    }
}
