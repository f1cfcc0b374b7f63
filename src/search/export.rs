//! Export: every match of a request, streamed in a stable order with no cap, in memory
//! bounded by the page size, not the number of matches.
//!
//! One searcher and one scoring `Weight` serve the whole export. Each pass over the index
//! keeps the next [`PAGE`] matching articles after a cursor (`pages`); the page's syndicated
//! copies are folded by looking up their clusters (`siblings`); its articles are read from
//! the index a chunk at a time (the page, or 1,024 with snippets or KWIC lines), in index
//! order within the chunk by two threads, and handed to the caller in rank order, so their
//! text never accumulates. Records carry the generation (the commit's opstamp) of that one searcher:
//! the same query on the same generation gives the same records in the same order (ties on
//! score or date are ordered by id).

use serde::{Deserialize, Serialize};

use tantivy::query::EnableScoring;

use super::order::ids_of;
use super::pages::{Cursor, Pass};
use super::{Hit, HitMaker, SearchRequest, siblings};
use crate::Error;
use crate::index::NewsIndex;

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

/// Matching articles kept per pass: an export of N matches makes N / PAGE + 1 passes over
/// the query. A page is also the unit read from the document store in index order, so its
/// size trades memory (a hit's metadata is one to three KiB here: entities, URL, title)
/// against decompressing a store block once for several hits instead of once per hit: 16,384
/// took 1.4× the CPU of 32,768 on the 200k benchmark corpus (`bench/search_features.py`).
const PAGE: usize = 32_768;

/// Articles read ahead of the sink in index order: the whole page.
const CHUNK: usize = PAGE;

/// Read-ahead when hits carry snippets or KWIC lines (text from the body).
const CHUNK_WITH_TEXT: usize = 1024;

impl NewsIndex {
    /// Streams every match of `req` to `sink`, in the request's order (relevance: score,
    /// then id; newest/oldest: date, then id), ignoring `offset` and `limit` (and facets and
    /// timelines, which an export does not count: the CLI refuses them with `--all`).
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
        sink: impl FnMut(ExportRecord) -> std::result::Result<(), E>,
    ) -> std::result::Result<ExportSummary, E> {
        self.export_paged(req, PAGE, sink)
    }

    /// [`NewsIndex::export`] with `k` articles per pass.
    fn export_paged<E: From<Error>>(
        &self,
        req: &SearchRequest,
        k: usize,
        mut sink: impl FnMut(ExportRecord) -> std::result::Result<(), E>,
    ) -> std::result::Result<ExportSummary, E> {
        req.validate()?;
        let (searcher, generation) = self.snapshot()?;
        let absent = self.absent_variants(&searcher);
        let text_query = self.text_query(req, &absent)?;
        let full = self.full_query(req, text_query.box_clone())?;
        let weight = full
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .map_err(Error::from)?;
        let recency = self.recency(&searcher, req)?;
        let pass = Pass {
            searcher: &searcher,
            weight: &*weight,
            sort: req.sort,
            recency,
            k: k.max(1),
        };
        // Two readers: decompressing the document store's blocks is most of an export's
        // work, and a chunk's two halves (by address) share almost no block.
        let mut makers = [
            self.hit_maker(&searcher, &*text_query, req),
            self.hit_maker(&searcher, &*text_query, req),
        ];
        let chunk_size = if req.snippet_chars > 0 || req.kwic.is_some() {
            CHUNK_WITH_TEXT
        } else {
            CHUNK
        };
        let (mut rank, mut copies) = (0u64, None);
        let mut cursor: Option<Cursor> = None;
        loop {
            let (page, matched) = pass.page(cursor.as_ref())?;
            copies.get_or_insert(matched);
            let groups = siblings::decide(&pass, &page, !req.all_copies)?;
            // Articles are read a chunk at a time in index order (each compressed block of
            // the document store is then decompressed once per chunk, not once per
            // article), and handed out in rank order.
            for chunk in groups.chunks(chunk_size) {
                let mut by_address: Vec<usize> = (0..chunk.len()).collect();
                by_address.sort_unstable_by_key(|&i| chunk[i].rep.addr);
                let (low, high) = by_address.split_at(by_address.len() / 2);
                let [first, second] = &mut makers;
                let read = |maker: &mut HitMaker<'_>, part: &[usize]| {
                    part.iter()
                        .map(|&i| Ok((i, self.make_hit(maker, &chunk[i], req, recency)?)))
                        .collect::<crate::Result<Vec<(usize, Hit)>>>()
                };
                let (low, high) = std::thread::scope(|s| {
                    let high = s.spawn(|| read(second, high));
                    let low = read(first, low);
                    // A panic in the reader is a bug: carry it on, as if one thread ran.
                    let high = high.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
                    (low, high)
                });
                let mut hits: Vec<Option<Hit>> = vec![None; chunk.len()];
                for (i, hit) in low?.into_iter().chain(high?) {
                    hits[i] = Some(hit);
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
            match page.last() {
                Some(last) if page.len() == pass.k => {
                    let id = ids_of(&searcher, &[last.m.addr])?.pop().unwrap_or_default();
                    cursor = Some(Cursor {
                        primary: last.primary,
                        id,
                    });
                }
                _ => break,
            }
        }
        Ok(ExportSummary {
            records: rank,
            total_copies: copies.unwrap_or(0),
            generation,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Sort;
    use crate::search::fixture::index;

    #[test]
    fn paged_export_is_the_search_order_at_any_page_size() {
        let index = index();
        let clustered = index
            .search(&SearchRequest::new("harbour").limit(0))
            .unwrap();
        assert!(clustered.total < clustered.total_copies, "some copies fold");
        for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest] {
            for all_copies in [false, true] {
                for (query, recency) in [("harbour", false), ("", false), ("harbour", true)] {
                    let mut req = SearchRequest::new(query)
                        .sort(sort)
                        .all_copies(all_copies)
                        .limit(1000);
                    if recency {
                        req = req.recency("3d").unwrap();
                    }
                    let want = index.search(&req).unwrap();
                    let want: Vec<_> = want
                        .hits
                        .iter()
                        .map(|h| (h.id.clone(), h.score, h.also_in.clone()))
                        .collect();
                    for k in [1, 2, 3, 7, 1000] {
                        let mut got = Vec::new();
                        let summary = index
                            .export_paged(&req, k, |r| {
                                got.push((r.hit.id, r.hit.score, r.hit.also_in));
                                Ok::<(), Error>(())
                            })
                            .unwrap();
                        assert_eq!(
                            got, want,
                            "{sort:?} all_copies={all_copies} {query:?} k={k}"
                        );
                        assert_eq!(summary.records, want.len() as u64);
                    }
                }
            }
        }
    }
}
