//! Index: the schema as data, the on-disk index, and writing articles into it.
//!
//! ```text
//! Article ─ document::to_document(&Fields) ─▶ TantivyDocument
//!         ─ Indexer (delete by id and by source file, then add; commit) ─▶ index folder
//! ```
//!
//! An index folder holds tantivy's files plus `newsdex-schema.toml`, the schema it was built
//! with; opening it under a schema of another version is refused with a message naming both.

mod analyzers;
mod apart;
mod clean;
mod clusters;
mod document;
mod open;
mod outlets;
mod read_at;
mod readback;
mod recorded;
mod relink;
mod schema;
mod settings;
mod state;
mod stats;
mod writer;

pub use self::analyzers::{KNOWN as ANALYZERS, analyzer};
pub(crate) use self::analyzers::{analyser_of, finder};
pub(crate) use self::apart::Texts;
pub(crate) use self::document::{
    DocSource, SOURCE, all_texts, first_text, source_record, to_document,
};
pub use self::relink::ALIAS_RECORD;
pub use self::schema::{
    AnalyzerDef, BoostedField, DEFAULT_SCHEMA, FieldDef, FieldKind, Fields, NewsSchema, SchemaDef,
    SearchDef,
};
pub(crate) use self::settings::register_plugins;
pub(crate) use self::state::first_str;
pub(crate) use self::stats::rfc3339;
pub use self::stats::{Count, IndexStats};
pub use self::writer::{FAILURE_RECORD, IndexEvent, IndexReport, Indexer, WriterOptions};

use std::path::{Path, PathBuf};

use tantivy::{Index, IndexReader};

use crate::extract::entities::AliasTable;
use crate::{Error, Result};

/// The file in an index folder that records the schema the index was built with.
pub const SCHEMA_RECORD: &str = "newsdex-schema.toml";

/// A newsdex index: on disk or in memory, with its schema and a reader.
pub struct NewsIndex {
    pub(crate) index: Index,
    pub(crate) schema: NewsSchema,
    pub(crate) reader: IndexReader,
    dir: Option<PathBuf>,
    /// The alias table applied to the articles, and its fingerprint as recorded.
    pub(crate) aliases: relink::AppliedAliases,
    /// The commit opstamp of the reader's last loaded generation: (generation id, opstamp).
    pub(crate) opstamp: std::sync::Mutex<Option<(u64, u64)>>,
    /// The text store's files of the segments the reader holds (see [`apart::TextFiles`]).
    text_files: std::sync::Arc<apart::TextFiles>,
    /// Threads a costly search may use; 0 for one per core (see
    /// [`NewsIndex::set_search_threads`]).
    search_threads: std::sync::atomic::AtomicUsize,
}

impl std::fmt::Debug for NewsIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewsIndex")
            .field("dir", &self.dir)
            .field("schema_version", &self.schema.version())
            .finish()
    }
}

impl NewsIndex {
    /// The alias table entity searches resolve names with: the one the articles were linked
    /// with (recorded in the index folder), unless [`NewsIndex::set_aliases`] gave another.
    /// Read from the folder on first use.
    ///
    /// # Errors
    /// [`Error::Io`] when the table recorded in the index folder cannot be read,
    /// [`Error::Input`] naming its line that is not `name<TAB>type<TAB>aliases`.
    pub fn aliases(&self) -> Result<std::sync::Arc<AliasTable>> {
        Ok(self.aliases.get()?.0)
    }

    /// Resolves entity searches with `table` (it does not change the articles: index with
    /// the table for that, see [`crate::extract::ExtractOptions::aliases`]).
    ///
    /// # Errors
    /// As [`NewsIndex::aliases`]: the recorded fingerprint is kept, so it is read first.
    pub fn set_aliases(&self, table: AliasTable) -> Result<()> {
        let (_, fingerprint) = self.aliases.get()?;
        self.aliases.set(std::sync::Arc::new(table), fingerprint);
        Ok(())
    }

    /// Lets a search use up to `threads` threads: a costly one (a phrase, or words in many
    /// articles, over a large index) searches parts of the documents side by side, and a
    /// page of four hits or more is read in two halves. 0, the default, means one per core,
    /// at most four; 1 keeps every search on the calling thread. Results are the same
    /// whatever the setting.
    pub fn set_search_threads(&self, threads: usize) {
        self.search_threads
            .store(threads, std::sync::atomic::Ordering::Relaxed);
    }

    /// Threads a costly search may use, as set by [`NewsIndex::set_search_threads`] (0: one
    /// per core, at most four).
    pub fn search_threads(&self) -> usize {
        self.search_threads
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The schema in force.
    pub fn schema(&self) -> &NewsSchema {
        &self.schema
    }

    /// The index folder, `None` in memory.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Makes searches see the latest commit, including commits of other processes.
    ///
    /// # Errors
    /// [`Error::Tantivy`] if the index files cannot be read.
    pub fn reload(&self) -> Result<()> {
        self.reader.reload()?;
        Ok(())
    }
}

impl NewsIndex {
    /// The reader's searcher, with the text files of all its segments open: reloaded when a
    /// segment's file was deleted by a merge between loading and opening it (the searcher
    /// was stale; tantivy's own files are opened under its lock, a plugin's cannot be).
    pub(crate) fn searcher(&self) -> Result<tantivy::Searcher> {
        for _ in 0..10 {
            let searcher = self.reader.searcher();
            if self.schema.apart().is_none() || self.text_files.complete(&searcher) {
                return Ok(searcher);
            }
            self.reader.reload()?;
        }
        Err(Error::InvalidRequest(
            "the index kept changing while it was being opened; try again".into(),
        ))
    }

    /// Reads articles' texts kept apart (the body) for `searcher`, a searcher of this index.
    pub(crate) fn texts<'a>(&'a self, searcher: &'a tantivy::Searcher) -> Texts<'a> {
        Texts::new(searcher, self.schema.apart(), &self.text_files)
    }
}

/// Writes a file so that a crash leaves either the old or the new content.
pub(crate) fn write_atomically(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    let tmp = path.with_extension("tmp");
    let mut f = std::fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
    f.write_all(text.as_bytes())
        .map_err(|e| Error::io(&tmp, e))?;
    f.sync_all().map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}
