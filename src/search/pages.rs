//! Cursor paging for export: repeated passes of one scoring `Weight` over one searcher, each
//! keeping only the next `k` matching articles after a cursor, so memory is O(k) whatever
//! the number of matches.
//!
//! Articles are ordered by a *member key*: the sort key (score with its recency weight, or
//! publication date) folded into one `u64` so that smaller comes first, then the article id.
//! Within a segment the id's term ordinal orders ids (the dictionary is sorted); across
//! segments only ties on the sort key need the id strings, which are read for those alone.

use std::collections::BinaryHeap;

use tantivy::columnar::{Column, StrColumn};
use tantivy::query::Weight;
use tantivy::{DocAddress, DocId, Searcher};

use super::Sort;
use super::collapse::Match;
use super::order::ids_of;
use crate::Result;

/// The sort key of an article as one number, smaller first: relevance is the score
/// descending (in `f32::total_cmp` order); newest/oldest the date, undated articles last.
pub(crate) fn primary(sort: Sort, score: f32, published: Option<i64>) -> u64 {
    match sort {
        Sort::Relevance => {
            let b = score.to_bits();
            let ascending = if b >> 31 == 1 { !b } else { b | (1 << 31) };
            u64::from(!ascending)
        }
        Sort::Newest | Sort::Oldest => match published {
            None => u64::MAX,
            Some(p) => {
                let ascending = (p as u64) ^ (1 << 63);
                let key = if sort == Sort::Newest {
                    !ascending
                } else {
                    ascending
                };
                key.min(u64::MAX - 1)
            }
        },
    }
}

/// A matching article with its member key.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ranked {
    pub m: Match,
    pub primary: u64,
}

/// Where the previous page ended: its last article's member key.
#[derive(Debug, Clone)]
pub(crate) struct Cursor {
    pub primary: u64,
    pub id: String,
}

/// What one pass needs besides the cursor.
pub(crate) struct Pass<'a> {
    pub searcher: &'a Searcher,
    pub weight: &'a dyn Weight,
    pub sort: Sort,
    pub recency: Option<super::Recency>,
    pub k: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Cand {
    primary: u64,
    ord: u64,
    doc: DocId,
    score_bits: u32,
}

/// The fast columns a member is read from.
pub(crate) struct Columns {
    pub ids: Option<StrColumn>,
    pub published: Option<Column<tantivy::DateTime>>,
    pub keys: Option<Column<u64>>,
    pub ranks: Option<Column<u64>>,
}

impl Columns {
    pub(crate) fn open(reader: &tantivy::SegmentReader) -> Result<Columns> {
        let ff = reader.fast_fields();
        Ok(Columns {
            ids: ff.str("id")?,
            published: ff.column_opt("published")?,
            keys: ff.column_opt("dup_key")?,
            ranks: ff.column_opt("dup_rank")?,
        })
    }

    pub(crate) fn published(&self, doc: DocId) -> Option<i64> {
        self.published
            .as_ref()
            .and_then(|c| c.first(doc))
            .map(|d| d.into_timestamp_secs())
    }

    pub(crate) fn key(&self, doc: DocId) -> u64 {
        self.keys.as_ref().and_then(|c| c.first(doc)).unwrap_or(0)
    }

    pub(crate) fn rank(&self, doc: DocId) -> u64 {
        self.ranks.as_ref().and_then(|c| c.first(doc)).unwrap_or(0)
    }
}

impl Pass<'_> {
    /// The score an article is ordered and shown by: BM25 times its own recency weight.
    pub(crate) fn weighted(&self, score: f32, published: Option<i64>) -> f32 {
        match self.recency {
            Some(r) => score * r.factor(published),
            None => score,
        }
    }

    /// The next page: up to `k` matching articles after `cursor` in member order, and the
    /// number of matching articles (all of them, whatever the cursor).
    pub(crate) fn page(&self, cursor: Option<&Cursor>) -> Result<(Vec<Ranked>, u64)> {
        let mut all: Vec<(u32, Cand)> = Vec::new();
        let mut matched = 0u64;
        let need_date = self.sort != Sort::Relevance || self.recency.is_some();
        for (seg, reader) in self.searcher.segment_readers().iter().enumerate() {
            let seg = seg as u32;
            let cols = Columns::open(reader)?;
            // Ids after the cursor's, in this segment's dictionary, start at `bound`.
            let bound = match (cursor, &cols.ids) {
                (Some(c), Some(ids)) => {
                    let mut s = ids
                        .dictionary()
                        .range()
                        .gt(c.id.as_bytes())
                        .into_stream()
                        .map_err(tantivy::TantivyError::from)?;
                    if s.advance() {
                        s.term_ord()
                    } else {
                        ids.num_terms() as u64
                    }
                }
                _ => 0,
            };
            let alive = reader.alive_bitset();
            let mut heap: BinaryHeap<Cand> = BinaryHeap::with_capacity(self.k + 1);
            let mut callback = |doc: DocId, score: f32| {
                if alive.is_some_and(|a| !a.is_alive(doc)) {
                    return;
                }
                matched += 1;
                let published = if need_date { cols.published(doc) } else { None };
                let score = self.weighted(score, published);
                let primary = primary(self.sort, score, published);
                if heap.len() >= self.k && heap.peek().is_some_and(|t| primary > t.primary) {
                    return;
                }
                let ord = cols
                    .ids
                    .as_ref()
                    .and_then(|c| c.term_ords(doc).next())
                    .unwrap_or(u64::MAX);
                if let Some(c) = cursor
                    && (primary < c.primary || (primary == c.primary && ord < bound))
                {
                    return;
                }
                let cand = Cand {
                    primary,
                    ord,
                    doc,
                    score_bits: score.to_bits(),
                };
                if heap.len() < self.k {
                    heap.push(cand);
                } else if let Some(mut top) = heap.peek_mut()
                    && cand < *top
                {
                    *top = cand;
                }
            };
            self.weight.for_each(reader, &mut callback)?;
            all.extend(heap.into_iter().map(|c| (seg, c)));
        }
        Ok((self.merge(all)?, matched))
    }

    /// The first `k` of the segments' candidates in member order.
    fn merge(&self, mut all: Vec<(u32, Cand)>) -> Result<Vec<Ranked>> {
        all.sort_unstable_by_key(|&(seg, c)| (c.primary, seg, c.ord));
        if all.len() > self.k {
            // Keep everything tied with the k-th on the sort key: ids decide among them.
            let last = all[self.k - 1].1.primary;
            let keep = all.partition_point(|(_, c)| c.primary <= last);
            all.truncate(keep);
        }
        // Runs of equal sort key drawn from more than one segment are ordered by id string,
        // read in one batch (each segment's dictionary walked once).
        let mut runs = Vec::new();
        let mut i = 0;
        while i < all.len() {
            let mut j = i + 1;
            while j < all.len() && all[j].1.primary == all[i].1.primary {
                j += 1;
            }
            if all[i..j].iter().any(|(s, _)| *s != all[i].0) {
                runs.push(i..j);
            }
            i = j;
        }
        let addrs: Vec<DocAddress> = runs
            .iter()
            .flat_map(|r| {
                all[r.clone()]
                    .iter()
                    .map(|&(s, c)| DocAddress::new(s, c.doc))
            })
            .collect();
        let mut ids = ids_of(self.searcher, &addrs)?.into_iter();
        drop(addrs);
        for r in runs {
            let mut run: Vec<((u32, Cand), String)> = all[r.clone()]
                .iter()
                .map(|&c| (c, ids.next().unwrap_or_default()))
                .collect();
            run.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.0.cmp(&b.0.0)));
            for (slot, (c, _)) in all[r].iter_mut().zip(run) {
                *slot = c;
            }
        }
        all.truncate(self.k);
        let mut out = Vec::with_capacity(all.len());
        let mut seg_cols: Option<(u32, Columns)> = None;
        // Grouped by segment for the column reads, then put back in order.
        let mut by_seg: Vec<usize> = (0..all.len()).collect();
        by_seg.sort_unstable_by_key(|&i| all[i].0);
        let mut filled: Vec<Option<Ranked>> = vec![None; all.len()];
        for i in by_seg {
            let (seg, c) = all[i];
            if seg_cols.as_ref().is_none_or(|(s, _)| *s != seg) {
                seg_cols = Some((seg, Columns::open(self.searcher.segment_reader(seg))?));
            }
            let Some((_, cols)) = &seg_cols else {
                continue;
            };
            filled[i] = Some(Ranked {
                m: Match {
                    addr: DocAddress::new(seg, c.doc),
                    score: f32::from_bits(c.score_bits),
                    key: cols.key(c.doc),
                    rank: cols.rank(c.doc),
                    published: cols.published(c.doc),
                },
                primary: c.primary,
            });
        }
        out.extend(filled.into_iter().flatten());
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primary_orders_scores_descending_and_dates_with_undated_last() {
        let r = |s| primary(Sort::Relevance, s, None);
        assert!(r(3.0) < r(2.5) && r(2.5) < r(0.0) && r(0.0) < r(-1.0));
        let n = |p| primary(Sort::Newest, 0.0, p);
        assert!(n(Some(200)) < n(Some(100)) && n(Some(100)) < n(Some(-5)) && n(Some(-5)) < n(None));
        let o = |p| primary(Sort::Oldest, 0.0, p);
        assert!(o(Some(-5)) < o(Some(100)) && o(Some(100)) < o(None));
    }
}
