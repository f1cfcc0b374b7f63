//! `Indexer`: walks paths, extracts articles in parallel, and upserts them into the index.
//!
//! Files are processed in batches: a batch is read and extracted on rayon's pool, then its
//! articles are written by one thread into tantivy's (itself multi-threaded) writer. An
//! article replaces any earlier one with the same id, and a re-read file replaces all the
//! articles it gave before, so indexing twice never duplicates. Unchanged files (same size
//! and mtime, or same content hash) are not read again.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;
use tantivy::{IndexWriter, TantivyDocument, Term};

mod stream;

use super::state::Known;
use super::{DocSource, NewsIndex, to_document};
use crate::extract::ExtractOptions;
use crate::ingest::{self, Candidate, Fingerprint, ReadLimits, SourceFile, WalkItem};
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
}

enum FileOutcome {
    Unchanged(String),
    Indexed {
        path: String,
        fingerprint: Fingerprint,
        articles: Vec<Article>,
        problems: Vec<Error>,
    },
    Failed(Vec<Error>),
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
        let writer = loop {
            match self.index.writer_with_num_threads(threads, memory) {
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
        // What is indexed now, including commits by other processes since this index opened.
        self.reader.reload()?;
        let known = Known::load(&self.reader.searcher())?;
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
        })
    }
}

impl Indexer<'_> {
    /// Adds or replaces one article (by id). Visible to searches after [`Indexer::commit`].
    ///
    /// # Errors
    /// [`Error::Tantivy`] if the writer failed.
    pub fn add_article(&mut self, article: &Article) -> Result<()> {
        self.write(article, &DocSource::default())
    }

    fn write(&mut self, article: &Article, source: &DocSource) -> Result<()> {
        let fields = self.index.schema.fields();
        // Only an id the index (or this run) already holds needs a delete: deletes are
        // looked up in every segment at each commit, so a fresh load skips them all.
        if self.known.ids.contains(&article.id) {
            self.writer
                .delete_term(Term::from_field_text(fields.id, &article.id));
            self.report.articles_updated += 1;
        } else {
            self.known.ids.insert(article.id.clone());
            self.report.articles_added += 1;
        }
        self.writer
            .add_document(to_document(article, fields, source))?;
        self.since_commit += 1;
        Ok(())
    }

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
                WalkItem::Failed(e) => {
                    on_event(IndexEvent::Problem(&e));
                    self.report.failed.push(failed_input(&e));
                }
            }
        }
        if self.opts.prune {
            self.prune(paths, &seen);
        }
        on_event(IndexEvent::Planned {
            files: candidates.len(),
        });

        let batch = rayon::current_num_threads().max(1) * 16;
        let mut rest = &candidates[..];
        while let Some(first) = rest.first() {
            if self.cancelled() {
                self.commit_interrupted(on_event)?;
                return Err(Error::Interrupted);
            }
            // A large JSON Lines file streams through block by block, on every core.
            if stream::streamed(first) {
                self.add_streamed(first, on_event)?;
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
            let known = &self.known;
            let opts = &self.opts;
            let outcomes: Vec<FileOutcome> = chunk
                .par_iter()
                .map(|c| process_file(c, known, opts))
                .collect();
            for outcome in outcomes {
                self.apply(outcome, on_event)?;
            }
            let due =
                self.since_commit > 0 && self.last_commit.elapsed() >= self.opts.commit_interval;
            if self.since_commit >= self.opts.commit_every || due {
                self.commit_and_report(on_event)?;
            }
        }
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
        self.opts
            .cancel
            .as_ref()
            .is_some_and(|c| c.load(Ordering::Relaxed))
    }

    fn apply(
        &mut self,
        outcome: FileOutcome,
        on_event: &(dyn Fn(IndexEvent<'_>) + Sync),
    ) -> Result<()> {
        match outcome {
            FileOutcome::Unchanged(path) => {
                self.report.files_unchanged += 1;
                on_event(IndexEvent::File {
                    path: &path,
                    articles: 0,
                });
            }
            FileOutcome::Failed(errors) => {
                for e in &errors {
                    on_event(IndexEvent::Problem(e));
                    self.report.failed.push(failed_input(e));
                }
            }
            FileOutcome::Indexed {
                path,
                fingerprint,
                articles,
                problems,
            } => {
                for p in &problems {
                    on_event(IndexEvent::Problem(p));
                    self.report.failed.push(failed_input(p));
                }
                // Everything the file gave before goes; what it gives now comes back.
                let fields = self.index.schema.fields();
                if self.known.files.contains_key(&path)
                    || self.known.ids_by_file.contains_key(&path)
                {
                    self.writer
                        .delete_term(Term::from_field_text(fields.path, &path));
                }
                let new_ids: HashSet<&str> = articles.iter().map(|a| a.id.as_str()).collect();
                if let Some(old) = self.known.ids_by_file.remove(&path) {
                    for id in old.iter().filter(|id| !new_ids.contains(id.as_str())) {
                        self.known.ids.remove(id);
                        self.report.articles_removed += 1;
                    }
                }
                let source = DocSource {
                    fingerprint,
                    cluster: Default::default(),
                };
                self.writer
                    .add_document(super::source_record(&path, fields, &source))?;
                for a in &articles {
                    self.write(a, &source)?;
                }
                self.known.files.insert(path.clone(), fingerprint);
                self.known.ids_by_file.insert(
                    path.clone(),
                    articles.iter().map(|a| a.id.clone()).collect(),
                );
                self.report.files_indexed += 1;
                on_event(IndexEvent::File {
                    path: &path,
                    articles: articles.len(),
                });
            }
        }
        Ok(())
    }

    fn commit_and_report(&mut self, on_event: &(dyn Fn(IndexEvent<'_>) + Sync)) -> Result<()> {
        self.commit()?;
        let articles = self.index.stats()?.articles;
        on_event(IndexEvent::Committed { articles });
        Ok(())
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
        self.writer.wait_merging_threads()?;
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

fn process_file(c: &Candidate, known: &Known, opts: &WriterOptions) -> FileOutcome {
    let path = c.path.to_string_lossy().into_owned();
    let previous = known.files.get(&path);
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
    FileOutcome::Indexed {
        path,
        fingerprint: file.fingerprint,
        articles,
        problems,
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
