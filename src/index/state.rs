//! What the index already holds, per source file: read from fast fields at the start of a
//! run, so that unchanged files are skipped and re-indexed files replace their old articles.
//!
//! The bookkeeping lives in the index itself, committed with the articles, so the two can
//! never disagree: each indexed file has one `source` record (path and fingerprint), and each
//! article carries the path of the file it came from.

use std::collections::{HashMap, HashSet};

use tantivy::Searcher;
use tantivy::columnar::StrColumn;

use super::SOURCE;
use crate::Result;
use crate::ingest::Fingerprint;

/// The files and article ids an index holds.
#[derive(Debug, Default)]
pub(crate) struct Known {
    /// Source file path → its fingerprint when indexed (from the file's source record).
    pub files: HashMap<String, Fingerprint>,
    /// Article ids present, as [`IdKey`]s.
    pub ids: HashSet<IdKey>,
    /// Source file path → ids of its articles, as [`IdKey`]s.
    pub ids_by_file: HashMap<String, Vec<IdKey>>,
    /// Files with articles but no source record, all of their articles written from the
    /// same bytes: a run stopped while streaming them, which the next can resume.
    pub interrupted: HashMap<String, Interrupted>,
}

/// What a run stopped while streaming a file wrote of it: the hash of the bytes it read and
/// the ids of the articles it committed, as strings (a record is skipped on their word, so
/// they are compared exactly, not as [`IdKey`]s).
pub(crate) type Interrupted = (u64, HashSet<String>);

/// An article id as a run keeps it: a 64-bit hash. A run holds every id of the index, and
/// as strings they were the part of its memory that grew with the corpus (about 0.3 KB an
/// article between the set, the per-file lists and a streamed file's list). The keys only
/// decide whether an article is added or updated and count removals: deletes go by the id
/// itself, and a resumed file skips records by their id strings ([`Interrupted`]), so a
/// collision (about one in 10^8 for a million ids) could miscount, never lose an article.
pub(crate) type IdKey = u64;

/// The [`IdKey`] of `id`.
pub(crate) fn id_key(id: &str) -> IdKey {
    use std::hash::{Hash, Hasher};
    // SipHash with fixed keys: the same key in every run, well spread.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

/// The first value of a string column for a document, into `buf`; false when it has none.
pub(crate) fn first_str(col: Option<&StrColumn>, doc: u32, buf: &mut String) -> Result<bool> {
    let Some(col) = col else { return Ok(false) };
    let Some(ord) = col.term_ords(doc).next() else {
        return Ok(false);
    };
    col.ord_to_str(ord, buf)
        .map_err(tantivy::TantivyError::from)?;
    Ok(true)
}

impl Known {
    pub(crate) fn load(searcher: &Searcher) -> Result<Known> {
        let mut known = Known::default();
        // Path → the source hash all its articles carry (`None` when they differ).
        let mut article_hashes: HashMap<String, Option<u64>> = HashMap::new();
        let (mut path, mut id, mut kind) = (String::new(), String::new(), String::new());
        for segment in searcher.segment_readers() {
            let ff = segment.fast_fields();
            // A column is absent from a segment where no document has the field (a segment
            // of source records only has no `id` column).
            let paths = ff.str("path")?;
            let ids = ff.str("id")?;
            let kinds = ff.str("doc_kind")?;
            let hash = ff.column_opt::<u64>("source_hash")?;
            let size = ff.column_opt::<u64>("source_size")?;
            let mtime = ff.column_opt::<i64>("source_mtime")?;
            for doc in segment.doc_ids_alive() {
                if !first_str(paths.as_ref(), doc, &mut path)? {
                    continue;
                }
                if first_str(kinds.as_ref(), doc, &mut kind)? && kind == SOURCE {
                    let fp = Fingerprint {
                        size: size.as_ref().and_then(|c| c.first(doc)).unwrap_or(0),
                        mtime: mtime.as_ref().and_then(|c| c.first(doc)).unwrap_or(0),
                        hash: hash.as_ref().and_then(|c| c.first(doc)).unwrap_or(0),
                    };
                    known.files.insert(path.clone(), fp);
                } else if first_str(ids.as_ref(), doc, &mut id)? {
                    let key = id_key(&id);
                    known.ids.insert(key);
                    known.ids_by_file.entry(path.clone()).or_default().push(key);
                    let h = hash.as_ref().and_then(|c| c.first(doc));
                    article_hashes
                        .entry(path.clone())
                        .and_modify(|seen: &mut Option<u64>| {
                            if *seen != h {
                                *seen = None;
                            }
                        })
                        .or_insert(h);
                }
            }
        }
        known.interrupted = article_hashes
            .into_iter()
            .filter(|(p, _)| !known.files.contains_key(p))
            .filter_map(|(p, h)| Some((p, (h?, HashSet::new()))))
            .collect();
        if !known.interrupted.is_empty() {
            // Rare (a run was stopped mid-file): a second scan for those files' ids.
            for segment in searcher.segment_readers() {
                let ff = segment.fast_fields();
                let (paths, ids) = (ff.str("path")?, ff.str("id")?);
                for doc in segment.doc_ids_alive() {
                    if first_str(paths.as_ref(), doc, &mut path)?
                        && let Some((_, set)) = known.interrupted.get_mut(path.as_str())
                        && first_str(ids.as_ref(), doc, &mut id)?
                    {
                        set.insert(id.clone());
                    }
                }
            }
        }
        Ok(known)
    }
}
