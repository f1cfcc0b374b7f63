//! What an indexing run tells its caller: events as it goes, and the report at its end.
//!
//! Plain data the binary prints, apart from the writer that fills it.

use serde::{Deserialize, Serialize};

use crate::Error;

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Articles of a large JSON Lines file that a stopped run had already written from the
    /// same bytes, kept without extracting them again (the file was resumed).
    pub articles_kept: usize,
    /// Articles removed because their file no longer holds them, or is gone.
    pub articles_removed: usize,
    /// Files gone from the walked folders since the last run (their articles were removed).
    pub files_removed: usize,
    /// Articles from which paragraphs repeating across their outlet were removed in this run.
    pub boilerplate_articles: usize,
    /// Paragraphs removed as corpus-level boilerplate in this run.
    pub boilerplate_paragraphs: usize,
    /// Articles known by a domain or by their path alone that took the outlet name the rest
    /// of the index states (`harbortimes.example` → "Harbor Times") in this run.
    pub outlets_named: usize,
    /// Syndication clusters (stories with near-duplicate copies) in the index after the run.
    pub syndication_clusters: usize,
    /// Articles in those clusters.
    pub syndicated_articles: usize,
    /// Articles whose entities changed when found again from stored text, because the alias
    /// table or the recognition (a newer release) differs from what the index was built with.
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
