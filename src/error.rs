//! The one error type of the library.
//!
//! Variants separate what the user can fix (a bad query, a missing folder, an index built
//! under another schema) from what went wrong underneath (I/O, tantivy). Messages say what
//! to do where there is something to do.

use std::path::PathBuf;

use crate::search::QueryError;

/// Everything that can go wrong in newsdex.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file or folder failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },

    /// A path given by the user does not exist.
    #[error("{}: no such file or folder", .0.display())]
    NotFound(PathBuf),

    /// A file could not be read as an article (bad JSON, binary data, …).
    #[error("{path}: {message}")]
    Input {
        /// The file, with `#line` or `#index` for one record of a JSON Lines or JSON array file.
        path: String,
        /// What is wrong with it.
        message: String,
    },

    /// The schema file is not valid.
    #[error("schema: {0}")]
    Schema(String),

    /// The index was built under another schema version.
    #[error(
        "the index at {} was built with schema version {index_version}, but this newsdex uses schema version {current_version}; \
         rebuild it with `newsdex index --rebuild PATH...` (or pass --schema with the schema it was built with)",
        path.display()
    )]
    SchemaMismatch {
        /// The index folder.
        path: PathBuf,
        /// The version recorded in the index.
        index_version: u32,
        /// The version of the schema in force.
        current_version: u32,
    },

    /// The folder exists but holds no newsdex index.
    #[error("{}: not a newsdex index ({reason}); `newsdex index --index DIR PATH...` makes one in a new or empty folder", path.display())]
    NotAnIndex {
        /// The folder.
        path: PathBuf,
        /// Why it is not one.
        reason: String,
    },

    /// The index's files are damaged (e.g. by a disk fault or a hand edit).
    #[error("the index at {} is damaged ({detail}); rebuild it with `newsdex index --rebuild PATH...`", path.display())]
    Corrupt {
        /// The index folder.
        path: PathBuf,
        /// What tantivy found wrong.
        detail: String,
    },

    /// Another process is writing to the index.
    #[error("{}: another newsdex process is indexing into this index; wait for it to finish (searches still work)", .0.display())]
    Locked(PathBuf),

    /// The search query could not be parsed.
    #[error(transparent)]
    Query(#[from] QueryError),

    /// A search or indexing request is inconsistent (e.g. an inverted date range).
    #[error("{0}")]
    InvalidRequest(String),

    /// The search engine failed underneath.
    #[error("index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),

    /// Indexing stopped early because it was asked to (e.g. Ctrl-C); what was committed stays.
    #[error("interrupted")]
    Interrupted,
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A problem with one input file.
    pub(crate) fn input(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Input {
            path: path.into(),
            message: message.into(),
        }
    }

    /// True when the error is the user's to fix (bad input, bad query, wrong index),
    /// false when something failed underneath.
    pub fn is_user_error(&self) -> bool {
        !matches!(self, Error::Io { .. } | Error::Tantivy(_))
    }
}

/// `Result` with the library's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
