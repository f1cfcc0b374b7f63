//! Opening and creating index folders: the schema record checked before tantivy's files,
//! interrupted creations finished, other folders never deleted, the reader set up.
//!
//! Apart from [`NewsIndex`]'s accessors because this is the one place that decides whether a
//! folder is an index, and of which schema version.

use std::path::{Path, PathBuf};

use tantivy::directory::MmapDirectory;
use tantivy::{Index, ReloadPolicy};

use super::settings::{builder, register_plugins};
use super::{
    NewsIndex, NewsSchema, SCHEMA_RECORD, analyzers, apart, recorded, relink, write_atomically,
};
use crate::{Error, Result};

impl NewsIndex {
    /// Creates an index in a new or empty folder, with the embedded schema.
    ///
    /// # Errors
    /// [`Error::InvalidRequest`] when the folder holds other files; [`Error::Io`] when it
    /// cannot be written.
    pub fn create(dir: impl AsRef<Path>) -> Result<NewsIndex> {
        NewsIndex::create_with_schema(dir, NewsSchema::default())
    }

    /// Opens an existing index, checking it was built with the embedded schema's version.
    ///
    /// # Errors
    /// [`Error::NotAnIndex`] when the folder holds no newsdex index, [`Error::SchemaMismatch`]
    /// when it was built under another schema version.
    pub fn open(dir: impl AsRef<Path>) -> Result<NewsIndex> {
        NewsIndex::open_with_schema(dir, NewsSchema::default())
    }

    /// Opens the index in `dir`, or creates it when the folder is missing or empty.
    ///
    /// # Errors
    /// As [`NewsIndex::open`] and [`NewsIndex::create`].
    pub fn open_or_create(dir: impl AsRef<Path>) -> Result<NewsIndex> {
        NewsIndex::open_or_create_with_schema(dir, NewsSchema::default())
    }

    /// An index in memory (nothing written to disk), with the embedded schema.
    ///
    /// # Example
    /// ```
    /// let index = newsdex::NewsIndex::create_in_ram()?;
    /// assert_eq!(index.stats()?.articles, 0);
    /// # Ok::<(), newsdex::Error>(())
    /// ```
    pub fn create_in_ram() -> Result<NewsIndex> {
        NewsIndex::create_in_ram_with_schema(NewsSchema::default())
    }

    /// [`NewsIndex::create_in_ram`] with another schema.
    ///
    /// # Errors
    /// [`Error::Tantivy`] if the index cannot be set up.
    pub fn create_in_ram_with_schema(schema: NewsSchema) -> Result<NewsIndex> {
        let index = builder(&schema).create_in_ram()?;
        NewsIndex::wrap(index, schema, None)
    }

    /// [`NewsIndex::create`] with another schema.
    ///
    /// # Errors
    /// As [`NewsIndex::create`].
    pub fn create_with_schema(dir: impl AsRef<Path>, schema: NewsSchema) -> Result<NewsIndex> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        if entries.next().is_some() {
            return Err(Error::InvalidRequest(format!(
                "{}: cannot create an index in a folder that is not empty",
                dir.display()
            )));
        }
        // The schema record goes first: a folder with it but no tantivy files is an index
        // whose creation was interrupted, and `open_or_create` finishes it.
        write_atomically(&dir.join(SCHEMA_RECORD), schema.source())?;
        let mmap =
            MmapDirectory::open(dir).map_err(|e| Error::io(dir, std::io::Error::other(e)))?;
        let index = builder(&schema).open_or_create(mmap)?;
        NewsIndex::wrap(index, schema, Some(dir.to_path_buf()))
    }

    /// [`NewsIndex::open`] with another schema.
    ///
    /// # Errors
    /// As [`NewsIndex::open`].
    pub fn open_with_schema(dir: impl AsRef<Path>, schema: NewsSchema) -> Result<NewsIndex> {
        let dir = dir.as_ref();
        if !dir.is_dir() {
            return Err(Error::NotAnIndex {
                path: dir.to_path_buf(),
                reason: "no such folder".into(),
            });
        }
        let record = dir.join(SCHEMA_RECORD);
        let recorded = match std::fs::read_to_string(&record) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::NotAnIndex {
                    path: dir.to_path_buf(),
                    reason: format!("it has no {SCHEMA_RECORD}"),
                });
            }
            Err(e) => return Err(Error::io(record, e)),
        };
        // The recorded schema is usually the one opening it, byte for byte: then its version is
        // known without parsing it a second time on every search.
        let index_version = if recorded == schema.source() {
            Some(schema.version())
        } else {
            recorded::version(&recorded)
        };
        let index_version = index_version.ok_or_else(|| Error::NotAnIndex {
            path: dir.to_path_buf(),
            reason: format!("{SCHEMA_RECORD} has no schema version"),
        })?;
        if index_version != schema.version() {
            return Err(Error::SchemaMismatch {
                path: dir.to_path_buf(),
                index_version,
                current_version: schema.version(),
            });
        }
        if !dir.join("meta.json").exists() {
            return Err(Error::NotAnIndex {
                path: dir.to_path_buf(),
                reason: "its creation was interrupted (no meta.json); rebuild it".into(),
            });
        }
        let mut index = Index::open_in_dir(dir).map_err(|e| match e {
            tantivy::TantivyError::DataCorruption(c) => Error::Corrupt {
                path: dir.to_path_buf(),
                detail: format!("{c:?}")
                    .lines()
                    .next()
                    .unwrap_or("")
                    .chars()
                    .take(200)
                    .collect(),
            },
            other => Error::Tantivy(other),
        })?;
        if index.schema() != *schema.tantivy_schema() {
            return Err(Error::Schema(format!(
                "the index at {} has other fields than schema version {} defines, though the versions match; \
                 bump `version` in the schema file when changing fields, and rebuild with `newsdex index --rebuild`",
                dir.display(),
                schema.version()
            )));
        }
        register_plugins(&mut index, &schema);
        NewsIndex::wrap(index, schema, Some(dir.to_path_buf()))
    }

    /// [`NewsIndex::open_or_create`] with another schema.
    ///
    /// # Errors
    /// As [`NewsIndex::open`] and [`NewsIndex::create`].
    pub fn open_or_create_with_schema(
        dir: impl AsRef<Path>,
        schema: NewsSchema,
    ) -> Result<NewsIndex> {
        let dir = dir.as_ref();
        let empty = match std::fs::read_dir(dir) {
            Ok(mut entries) => entries.next().is_none(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
            Err(e) => return Err(Error::io(dir, e)),
        };
        let interrupted = dir.join(SCHEMA_RECORD).exists() && !dir.join("meta.json").exists();
        if interrupted {
            std::fs::remove_file(dir.join(SCHEMA_RECORD)).map_err(|e| Error::io(dir, e))?;
        }
        if empty || interrupted {
            NewsIndex::create_with_schema(dir, schema)
        } else {
            NewsIndex::open_with_schema(dir, schema)
        }
    }

    /// Deletes the index in `dir` (only if it is a newsdex index) and creates an empty one.
    ///
    /// # Errors
    /// [`Error::NotAnIndex`] when the folder holds something else, so nothing of the user's is
    /// ever deleted by mistake.
    pub fn recreate(dir: impl AsRef<Path>, schema: NewsSchema) -> Result<NewsIndex> {
        let dir = dir.as_ref();
        if dir.exists() {
            if !dir.join(SCHEMA_RECORD).exists() {
                let empty = std::fs::read_dir(dir)
                    .map_err(|e| Error::io(dir, e))?
                    .next()
                    .is_none();
                if !empty {
                    return Err(Error::NotAnIndex {
                        path: dir.to_path_buf(),
                        reason: "refusing to delete a folder that is not a newsdex index".into(),
                    });
                }
            }
            std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        NewsIndex::create_with_schema(dir, schema)
    }

    fn wrap(index: Index, schema: NewsSchema, dir: Option<PathBuf>) -> Result<NewsIndex> {
        analyzers::register(&index);
        let text_files = std::sync::Arc::new(apart::TextFiles::default());
        let mut warmers: Vec<std::sync::Weak<dyn tantivy::Warmer>> = Vec::new();
        if schema.apart().is_some() {
            let warmer: std::sync::Arc<dyn tantivy::Warmer> = text_files.clone();
            warmers.push(std::sync::Arc::downgrade(&warmer));
        }
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .warmers(warmers)
            .try_into()?;
        // The opstamp searches report, known now if meta.json still describes the segments
        // just loaded: a search then does not parse tantivy's metadata a third time.
        let opstamp = dir.as_deref().and_then(|dir| {
            let searcher = reader.searcher();
            let generation = searcher.generation();
            loaded_opstamp(dir, generation).map(|op| (generation.generation_id(), op))
        });
        Ok(NewsIndex {
            index,
            schema,
            reader,
            text_files,
            aliases: relink::AppliedAliases::new(dir.clone()),
            opstamp: std::sync::Mutex::new(opstamp),
            dir,
            search_threads: std::sync::atomic::AtomicUsize::new(0),
        })
    }
}

/// The commit opstamp in `dir`'s `meta.json` when it lists exactly the segments, and deletes,
/// of `generation`; `None` when it lists others (a commit came in between) or cannot be read.
///
/// Reads only the opstamp and the segments' ids and deletes: tantivy's own reading of the
/// file builds its whole schema (tens of fields), which cost a tenth of a millisecond per
/// whole-process search.
fn loaded_opstamp(dir: &Path, generation: &tantivy::SearcherGeneration) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct Meta {
        opstamp: u64,
        segments: Vec<Segment>,
    }
    #[derive(serde::Deserialize)]
    struct Segment {
        segment_id: String,
        deletes: Option<Deletes>,
    }
    #[derive(serde::Deserialize)]
    struct Deletes {
        opstamp: u64,
    }
    let text = std::fs::read(dir.join("meta.json")).ok()?;
    let meta: Meta = serde_json::from_slice(&text).ok()?;
    let held = generation.segments();
    let same = meta.segments.len() == held.len()
        && meta.segments.iter().all(|s| {
            tantivy::index::SegmentId::from_uuid_string(&s.segment_id)
                .ok()
                .and_then(|id| held.get(&id))
                == Some(&s.deletes.as_ref().map(|d| d.opstamp))
        });
    same.then_some(meta.opstamp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::DEFAULT_SCHEMA;

    /// The opstamp read at opening, without tantivy's metadata reader, is the commit's; a
    /// generation with other segments than meta.json lists gets none.
    #[test]
    fn opening_reads_the_loaded_commits_opstamp() {
        let dir = tempfile::tempdir().unwrap();
        let index = NewsIndex::create(dir.path()).unwrap();
        let mut w = index.indexer(crate::WriterOptions::default()).unwrap();
        for i in 0..3 {
            w.add_article(&crate::Article::new(format!("a{i}"), "a.txt", "Quay."))
                .unwrap();
            w.commit().unwrap();
        }
        // A replaced article leaves a delete in an earlier segment.
        w.add_article(&crate::Article::new("a0", "a.txt", "Quay, again."))
            .unwrap();
        w.commit().unwrap();
        drop(w);
        let opened = NewsIndex::open(dir.path()).unwrap();
        let want = opened.index.load_metas().unwrap().opstamp;
        let primed = *opened.opstamp.lock().unwrap();
        assert_eq!(primed.map(|(_, op)| op), Some(want));
        assert_eq!(opened.generation().unwrap(), want);
        let stale = index.reader.searcher();
        let other = tempfile::tempdir().unwrap();
        NewsIndex::create(other.path()).unwrap();
        assert_eq!(loaded_opstamp(other.path(), stale.generation()), None);
    }

    #[test]
    fn version_mismatch_names_both_versions() {
        let dir = tempfile::tempdir().unwrap();
        NewsIndex::create(dir.path()).unwrap();
        let v = NewsSchema::default().version();
        let next = NewsSchema::parse(&DEFAULT_SCHEMA.replacen(
            &format!("version = {v}"),
            &format!("version = {}", v + 1),
            1,
        ))
        .unwrap();
        let err = NewsIndex::open_with_schema(dir.path(), next).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains(&format!("schema version {v}"))
                && msg.contains(&format!("schema version {}", v + 1))
                && msg.contains("--rebuild"),
            "{msg}"
        );
    }

    #[test]
    fn not_an_index() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        assert!(matches!(
            NewsIndex::open(dir.path()),
            Err(Error::NotAnIndex { .. })
        ));
        assert!(NewsIndex::create(dir.path()).is_err());
        assert!(matches!(
            NewsIndex::recreate(dir.path(), NewsSchema::default()),
            Err(Error::NotAnIndex { .. })
        ));
        assert!(dir.path().join("notes.txt").exists());
    }

    #[test]
    fn open_or_create_then_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("idx");
        NewsIndex::open_or_create(&path).unwrap();
        NewsIndex::open_or_create(&path).unwrap();
        NewsIndex::open(&path).unwrap();
    }
}
