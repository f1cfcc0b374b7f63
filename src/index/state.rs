//! What the index already holds, per source file: read from fast fields at the start of a
//! run, so that unchanged files are skipped and re-indexed files replace their old articles.
//!
//! The bookkeeping lives in the documents themselves (`path`, `source_*` columns), committed
//! with them, so it can never disagree with the index.

use std::collections::{HashMap, HashSet};

use tantivy::Searcher;

use crate::Result;
use crate::ingest::Fingerprint;

/// The files and article ids an index holds.
#[derive(Debug, Default)]
pub(crate) struct Known {
    /// Source file path → its fingerprint when indexed.
    pub files: HashMap<String, Fingerprint>,
    /// Article ids present.
    pub ids: HashSet<String>,
    /// Source file path → ids of its articles.
    pub ids_by_file: HashMap<String, Vec<String>>,
}

impl Known {
    pub(crate) fn load(searcher: &Searcher) -> Result<Known> {
        let mut known = Known::default();
        let mut path_buf = String::new();
        let mut id_buf = String::new();
        for segment in searcher.segment_readers() {
            let ff = segment.fast_fields();
            let (Some(paths), Some(ids)) = (ff.str("path")?, ff.str("id")?) else {
                continue;
            };
            let hash = ff.u64("source_hash")?;
            let size = ff.u64("source_size")?;
            let mtime = ff.i64("source_mtime")?;
            for doc in segment.doc_ids_alive() {
                let Some(path_ord) = paths.term_ords(doc).next() else {
                    continue;
                };
                let Some(id_ord) = ids.term_ords(doc).next() else {
                    continue;
                };
                paths
                    .ord_to_str(path_ord, &mut path_buf)
                    .map_err(tantivy::TantivyError::from)?;
                ids.ord_to_str(id_ord, &mut id_buf)
                    .map_err(tantivy::TantivyError::from)?;
                let fp = Fingerprint {
                    size: size.first(doc).unwrap_or(0),
                    mtime: mtime.first(doc).unwrap_or(0),
                    hash: hash.first(doc).unwrap_or(0),
                };
                known.files.insert(path_buf.clone(), fp);
                known.ids.insert(id_buf.clone());
                known
                    .ids_by_file
                    .entry(path_buf.clone())
                    .or_default()
                    .push(id_buf.clone());
            }
        }
        Ok(known)
    }
}
