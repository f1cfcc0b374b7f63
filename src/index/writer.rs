//! `Indexer`: walks paths, extracts articles in parallel, and upserts them into the index.
//!
//! Files are read and extracted on rayon's pool by a producer thread while the calling thread
//! writes the documents into tantivy's (itself multi-threaded) writer (`pipeline`). An
//! article replaces any earlier one with the same id, and a re-read file replaces all the
//! articles it gave before, so indexing twice never duplicates. Unchanged files (same size
//! and mtime, or same content hash) are not read again.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use serde::Serialize;
use tantivy::{IndexWriter, TantivyDocument, Term};

mod merges;
mod pipeline;
#[cfg(unix)]
mod pread_dir;
mod stream;

use super::state::Known;
use super::{DocSource, NewsIndex, to_document};
use crate::extract::ExtractOptions;
use crate::ingest::ReadLimits;
use crate::{Article, Error, Result};

/// How an [`Indexer`] works.
#[derive(Debug, Clone)]
pub struct WriterOptions {
    /// Memory for tantivy's in-memory segments, in total across its threads (bytes).
    pub memory_bytes: usize,
    /// Indexing threads of tantivy's writer; 0 picks one per core (at most 4).
    pub threads: usize,
    /// Commit after this many articles (bounding what a crash can lose).
    pub commit_every: usize,
    /// Commit at least this often while work is pending.
    pub commit_interval: std::time::Duration,
    /// Remove the articles of files that are gone from the walked folders.
    pub prune: bool,
    /// Limits on input files.
    pub limits: ReadLimits,
    /// Extraction settings.
    pub extract: ExtractOptions,
    /// When set to true (e.g. by a Ctrl-C handler), indexing commits what it has and stops.
    pub cancel: Option<Arc<AtomicBool>>,
}

impl Default for WriterOptions {
    fn default() -> Self {
        WriterOptions {
            memory_bytes: 256 * 1024 * 1024,
            threads: 0,
            commit_every: 10_000,
            commit_interval: std::time::Duration::from_secs(60),
            prune: true,
            limits: ReadLimits::default(),
            extract: ExtractOptions::default(),
            cancel: None,
        }
    }
}

/// Something that happened while indexing, for progress display.
#[derive(Debug)]
#[non_exhaustive]
pub enum IndexEvent<'a> {
    /// The walk is done: this many files will be considered.
    Planned {
        /// Candidate files.
        files: usize,
    },
    /// A file was indexed (or found unchanged).
    File {
        /// The file.
        path: &'a str,
        /// Articles written from it (0 when unchanged).
        articles: usize,
    },
    /// A file or record failed; the run goes on.
    Problem(&'a Error),
    /// A commit made everything so far durable and searchable.
    Committed {
        /// Articles in the index after the commit.
        articles: u64,
    },
}

/// A file that was not read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedFile {
    /// The file.
    pub path: String,
    /// Why it was skipped.
    pub reason: String,
}

/// A file or record that could not be indexed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailedInput {
    /// The file (with `#Ln` or `#n` for one record).
    pub path: String,
    /// What went wrong.
    pub reason: String,
}

/// What an indexing run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexReport {
    /// Files found by the walk (candidates and skipped).
    pub files_seen: usize,
    /// Files read and indexed.
    pub files_indexed: usize,
    /// Files unchanged since the last run, not read again.
    pub files_unchanged: usize,
    /// Articles new to the index.
    pub articles_added: usize,
    /// Articles that replaced an earlier version with the same id.
    pub articles_updated: usize,
    /// Articles removed because their file no longer holds them, or is gone.
    pub articles_removed: usize,
    /// Files gone from the walked folders since the last run (their articles were removed).
    pub files_removed: usize,
    /// Articles from which paragraphs repeating across their outlet were removed in this run.
    pub boilerplate_articles: usize,
    /// Paragraphs removed as corpus-level boilerplate in this run.
    pub boilerplate_paragraphs: usize,
    /// Syndication clusters (stories with near-duplicate copies) in the index after the run.
    pub syndication_clusters: usize,
    /// Articles in those clusters.
    pub syndicated_articles: usize,
    /// Articles whose entities were linked again because the alias table changed.
    pub entities_relinked: usize,
    /// Files passed over (not article formats, documentation).
    pub skipped: Vec<SkippedFile>,
    /// Files and records that failed.
    pub failed: Vec<FailedInput>,
    /// Commits made.
    pub commits: usize,
    /// Whether the run was stopped early (what was done is committed).
    pub interrupted: bool,
    /// Wall time, seconds.
    pub elapsed_secs: f64,
}

impl IndexReport {
    /// Articles written in this run (added plus updated).
    pub fn articles_indexed(&self) -> usize {
        self.articles_added + self.articles_updated
    }
}

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
        // The writer lock is an OS file lock. A process that forks (to run a command) while a
        // lock file is open briefly shares it, so a lock released a moment ago can still look
        // held: retry for a short while before telling the user someone else is indexing.
        let mut attempts = 0;
        let writing = merges::writing_index(self)?;
        let writer = loop {
            match writing.writer_with_num_threads(threads, memory) {
                Ok(w) => break w,
                Err(tantivy::TantivyError::LockFailure(
                    tantivy::directory::error::LockError::LockBusy,
                    _,
                )) if attempts < 10 => {
                    attempts += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(tantivy::TantivyError::LockFailure(
                    tantivy::directory::error::LockError::LockBusy,
                    _,
                )) => {
                    return Err(Error::Locked(
                        self.dir().map(PathBuf::from).unwrap_or_default(),
                    ));
                }
                Err(other) => return Err(Error::Tantivy(other)),
            }
        };
        writer.set_merge_policy(Box::new(merges::policy()));
        // What is indexed now, including commits by other processes since this index opened.
        self.reader.reload()?;
        let known = Known::load(&self.reader.searcher())?;
        let before = self.index.searchable_segment_ids()?.into_iter().collect();
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
        if self.known.ids.contains(&id) {
            let fields = self.index.schema.fields();
            self.writer
                .delete_term(Term::from_field_text(fields.id, &id));
            self.report.articles_updated += 1;
        } else {
            self.known.ids.insert(id);
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

    /// Reports a file or record that could not be indexed, and goes on.
    fn fail(&mut self, e: &Error, on_event: &(dyn Fn(IndexEvent<'_>) + Sync)) {
        on_event(IndexEvent::Problem(e));
        self.report.failed.push(failed_input(e));
    }

    /// The last commit of a cancelled run, with syndication clusters assigned (a pass over
    /// fast columns), so the copies it added do not wait for the next run to be folded.
    fn commit_interrupted(&mut self, on_event: &(dyn Fn(IndexEvent<'_>) + Sync)) -> Result<()> {
        self.report.interrupted = true;
        self.commit_and_report(on_event)?;
        let clustered = super::clusters::assign_clusters(self.index, &self.writer)?;
        if clustered.rewritten > 0 {
            self.commit()?;
        }
        self.report.syndication_clusters = clustered.clusters;
        self.report.syndicated_articles = clustered.members;
        Ok(())
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

    /// Commits, waits for background merges, and returns what the run did.
    ///
    /// # Errors
    /// As [`Indexer::commit`].
    pub fn finish(mut self) -> Result<IndexReport> {
        self.commit()?;
        let cleaned = super::clean::clean_repeated(self.index, &self.writer)?;
        if cleaned.articles > 0 {
            self.commit()?;
        }
        self.report.boilerplate_articles = cleaned.articles;
        self.report.boilerplate_paragraphs = cleaned.paragraphs;
        self.apply_aliases()?;
        let clustered = super::clusters::assign_clusters(self.index, &self.writer)?;
        if clustered.rewritten > 0 {
            self.commit()?;
        }
        self.report.syndication_clusters = clustered.clusters;
        self.report.syndicated_articles = clustered.members;
        let mut report = std::mem::take(&mut self.report);
        report.elapsed_secs = self.started.elapsed().as_secs_f64();
        // The ids of the run are no longer needed: free them before the last merges.
        self.known = Known::default();
        // The last merge works on the index the writer worked on (read by `pread`).
        let writing = self.writer.index().clone();
        self.writer.wait_merging_threads()?;
        merges::merge_at_end(&writing, &self.before)?;
        self.index.reader.reload()?;
        Ok(report)
    }

    /// When the alias table differs from the one the index was built with, links every
    /// stored article's entities with it (from stored text, no source file is read) and
    /// records it.
    fn apply_aliases(&mut self) -> Result<()> {
        let Some(table) = self.opts.extract.aliases.clone() else {
            return Ok(());
        };
        if !self.opts.extract.entities {
            return Ok(());
        }
        let fingerprint = table.fingerprint();
        let (_, applied) = self.index.aliases.get()?;
        if applied == fingerprint {
            return Ok(());
        }
        let changed = super::relink::relink_all(self.index, &self.writer, &table)?;
        if changed > 0 {
            self.commit()?;
        }
        if let Some(dir) = self.index.dir() {
            super::relink::record(dir, &table)?;
        }
        self.index.aliases.set(table, fingerprint);
        self.report.entities_relinked = changed;
        Ok(())
    }

    /// The report so far (without elapsed time), e.g. after an interruption.
    pub fn report(&self) -> IndexReport {
        let mut r = self.report.clone();
        r.elapsed_secs = self.started.elapsed().as_secs_f64();
        r
    }
}

/// Path and reason of an error, for reports.
pub(crate) fn failed_input(e: &Error) -> FailedInput {
    match e {
        Error::Input { path, message } => FailedInput {
            path: path.clone(),
            reason: message.clone(),
        },
        Error::Io { path, source } => FailedInput {
            path: path.to_string_lossy().into_owned(),
            reason: source.to_string(),
        },
        Error::NotFound(path) => FailedInput {
            path: path.to_string_lossy().into_owned(),
            reason: "no such file or folder".into(),
        },
        other => FailedInput {
            path: String::new(),
            reason: other.to_string(),
        },
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
