//! How an [`Indexer`](super::Indexer) works: memory, threads, commit cadence, limits.
//!
//! Plain settings, apart from the writer that follows them.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crate::extract::ExtractOptions;
use crate::ingest::ReadLimits;

/// How an [`Indexer`](super::Indexer) works.
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
