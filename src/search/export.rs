//! Export: every match of a request, streamed in a stable order with no cap.
//!
//! Memory holds one small record per matching story (score, date, cluster, address — about
//! 80 bytes) to order them; articles are read from the index a chunk at a time (8,192 hits,
//! or 1,024 with snippets or KWIC lines), in index order within the chunk, and handed to the
//! caller in rank order, so their text never accumulates. Records carry the index generation (the
//! commit's opstamp): the same query on the same generation gives the same records in the
//! same order (ties on score or date are ordered by id).

use serde::{Deserialize, Serialize};

use super::{Hit, SearchRequest, order};
use crate::index::NewsIndex;
use crate::{Error, Result};

/// One exported hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportRecord {
    /// Position in the export, from 1.
    pub rank: u64,
    /// The index generation the export read.
    pub generation: u64,
    /// The hit (with snippet, KWIC lines and explanation when the request asks for them).
    #[serde(flatten)]
    pub hit: Hit,
}

/// What an export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportSummary {
    /// Records handed out (matching stories; every copy with `all_copies`).
    pub records: u64,
    /// Matching articles, every copy counted.
    pub total_copies: u64,
    /// The index generation read.
    pub generation: u64,
}

/// Articles read ahead of the sink: bounds memory (a hit's metadata is a few hundred bytes)
/// while letting reads follow the index's order.
const CHUNK: usize = 8192;

/// Read-ahead when hits carry snippets or KWIC lines (text from the body).
const CHUNK_WITH_TEXT: usize = 1024;

impl NewsIndex {
    /// Streams every match of `req` to `sink`, in the request's order (relevance: score,
    /// then id; newest/oldest: date, then id), ignoring `offset` and `limit`.
    ///
    /// # Errors
    /// As [`NewsIndex::search`]; an error from `sink` stops the export and is returned.
    ///
    /// # Example
    /// ```
    /// use newsdex::{Article, NewsIndex, WriterOptions, search::SearchRequest};
    /// let index = NewsIndex::create_in_ram()?;
    /// let mut w = index.indexer(WriterOptions::default())?;
    /// for i in 0..3 {
    ///     w.add_article(&Article::new(format!("a{i}"), "a.txt", "Iran sent drones."))?;
    /// }
    /// w.finish()?;
    /// let mut ids = Vec::new();
    /// let summary = index.export(&SearchRequest::new("drones").limit(1), |r| {
    ///     ids.push(r.hit.id);
    ///     Ok::<(), newsdex::Error>(())
    /// })?;
    /// assert_eq!((summary.records, ids), (3, vec!["a0".to_string(), "a1".into(), "a2".into()]));
    /// # Ok::<(), newsdex::Error>(())
    /// ```
    pub fn export<E: From<Error>>(
        &self,
        req: &SearchRequest,
        mut sink: impl FnMut(ExportRecord) -> std::result::Result<(), E>,
    ) -> std::result::Result<ExportSummary, E> {
        let inner = || -> Result<_> {
            req.validate()?;
            let searcher = self.reader.searcher();
            let generation = self.generation()?;
            let mut run = self.run(&searcher, req)?;
            let n = run.groups.len();
            order::sort(&searcher, &mut run.groups, req.sort, 0..n)?;
            Ok((searcher, generation, run))
        };
        let (searcher, generation, run) = inner()?;
        let mut maker = self.hit_maker(&searcher, &*run.text_query, req);
        // Articles are read a chunk at a time in index order (each compressed block of the
        // document store is then decompressed once per chunk, not once per article), and
        // handed out in rank order.
        let mut rank = 0u64;
        let chunk_size = if req.snippet_chars > 0 || req.kwic.is_some() {
            CHUNK_WITH_TEXT
        } else {
            CHUNK
        };
        for chunk in run.groups.chunks(chunk_size) {
            let mut by_address: Vec<usize> = (0..chunk.len()).collect();
            by_address.sort_unstable_by_key(|&i| chunk[i].rep.addr);
            let mut hits: Vec<Option<Hit>> = vec![None; chunk.len()];
            for i in by_address {
                hits[i] = Some(self.make_hit(&mut maker, &chunk[i], req, run.recency)?);
            }
            for hit in hits.into_iter().flatten() {
                rank += 1;
                sink(ExportRecord {
                    rank,
                    generation,
                    hit,
                })?;
            }
        }
        Ok(ExportSummary {
            records: run.groups.len() as u64,
            total_copies: run.copies as u64,
            generation,
        })
    }
}
