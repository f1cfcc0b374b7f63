//! Ordering groups of matches: by score or by publication date, ties broken by article id so
//! that an order is the same whichever way the index's segments happen to be merged.

use std::cmp::Ordering;
use std::collections::HashMap;

use tantivy::Searcher;
use tantivy::columnar::StrColumn;

use super::Sort;
use super::collapse::Group;
use crate::Result;

fn primary(sort: Sort, a: &Group, b: &Group) -> Ordering {
    match sort {
        Sort::Relevance => b.score.total_cmp(&a.score),
        Sort::Newest | Sort::Oldest => {
            let (x, y) = (a.rep.published, b.rep.published);
            match (x, y) {
                (Some(x), Some(y)) if sort == Sort::Newest => y.cmp(&x),
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        }
    }
}

/// Sorts `groups` (`collapsed`: copies folded into them); ties on the sort key are ordered by id within `range` (the part that
/// will be shown), which is all of them for an export.
pub(crate) fn sort(
    searcher: &Searcher,
    groups: &mut [Group],
    sort: Sort,
    collapsed: bool,
    range: std::ops::Range<usize>,
) -> Result<()> {
    let end = range.end.min(groups.len());
    if range.start >= end {
        return Ok(());
    }
    let full = |a: &Group, b: &Group| primary(sort, a, b).then(a.rep.addr.cmp(&b.rep.addr));
    // Only the first `end` need ordering: partition them out, plus every group tied with the
    // last of them (its tie run is ordered by id below), then sort that prefix.
    let mut prefix = groups.len();
    if end < groups.len() / 2 {
        groups.select_nth_unstable_by(end - 1, full);
        let mut next = end;
        for i in end..groups.len() {
            if primary(sort, &groups[end - 1], &groups[i]) == Ordering::Equal {
                groups.swap(next, i);
                next += 1;
            }
        }
        prefix = next;
    }
    groups[..prefix].sort_unstable_by(full);
    let groups = &mut groups[..prefix];
    // Widen to whole runs of ties around the shown range, then order each run by id.
    let mut start = range.start;
    while start > 0 && primary(sort, &groups[start - 1], &groups[start]) == Ordering::Equal {
        start -= 1;
    }
    let mut stop = end;
    while stop < groups.len() && primary(sort, &groups[stop - 1], &groups[stop]) == Ordering::Equal
    {
        stop += 1;
    }
    // The runs of ties; their ids are read in one pass over each segment's dictionary.
    let mut runs = Vec::new();
    let mut i = start;
    while i < stop {
        let mut j = i + 1;
        while j < stop && primary(sort, &groups[i], &groups[j]) == Ordering::Equal {
            j += 1;
        }
        if j - i > 1 {
            runs.push(i..j);
        }
        i = j;
    }
    if runs.is_empty() {
        return Ok(());
    }
    // A story ties by the smallest id among its copies holding its sort key: for relevance
    // its best-scoring matching copies, for dates (or when each copy is its own hit) the copy
    // shown.
    let mut tied: Vec<(usize, tantivy::DocAddress)> = Vec::new();
    for r in &runs {
        for i in r.clone() {
            match sort {
                Sort::Relevance if collapsed => tied.extend(groups[i].best().map(|a| (i, a))),
                _ => tied.push((i, groups[i].rep.addr)),
            }
        }
    }
    let addrs: Vec<tantivy::DocAddress> = tied.iter().map(|t| t.1).collect();
    let ids = ids_of(searcher, &addrs)?;
    drop(addrs);
    let mut tie_id: HashMap<usize, String> = HashMap::new();
    for ((i, _), id) in tied.into_iter().zip(ids) {
        match tie_id.entry(i) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(id);
            }
            std::collections::hash_map::Entry::Occupied(mut e) => {
                if id < *e.get() {
                    e.insert(id);
                }
            }
        }
    }
    for r in runs {
        let run_groups: Vec<Group> = groups[r.clone()].to_vec();
        let n = r.len();
        let mut by_id: Vec<usize> = (0..n).collect();
        let id = |k: usize| tie_id.get(&(r.start + k)).map(String::as_str);
        by_id.sort_by(|&a, &b| id(a).cmp(&id(b)));
        for (slot, k) in groups[r.clone()].iter_mut().zip(by_id) {
            *slot = run_groups[k].clone();
        }
    }
    Ok(())
}

/// The ids of the articles at `addrs`, in that order. Each segment's id dictionary is read
/// once, in term order (decoding each compressed block once), not looked up per id.
pub(crate) fn ids_of(searcher: &Searcher, addrs: &[tantivy::DocAddress]) -> Result<Vec<String>> {
    let mut ids = vec![String::new(); addrs.len()];
    let mut by_segment: HashMap<u32, Vec<(u64, usize)>> = HashMap::new();
    let mut columns: HashMap<u32, Option<StrColumn>> = HashMap::new();
    for (k, addr) in addrs.iter().enumerate() {
        let seg = addr.segment_ord;
        if let std::collections::hash_map::Entry::Vacant(e) = columns.entry(seg) {
            e.insert(searcher.segment_reader(seg).fast_fields().str("id")?);
        }
        if let Some(Some(col)) = columns.get(&seg)
            && let Some(ord) = col.term_ords(addr.doc_id).next()
        {
            by_segment.entry(seg).or_default().push((ord, k));
        }
    }
    for (seg, mut wanted) in by_segment {
        let Some(Some(col)) = columns.get(&seg) else {
            continue;
        };
        wanted.sort_unstable();
        let ords: Vec<u64> = wanted.iter().map(|w| w.0).collect();
        let mut next = wanted.iter().map(|w| w.1);
        col.dictionary()
            .sorted_ords_to_term_cb(&ords, |bytes| {
                if let Some(k) = next.next() {
                    ids[k] = String::from_utf8_lossy(bytes).into_owned();
                }
            })
            .map_err(tantivy::TantivyError::from)?;
    }
    Ok(ids)
}

/// First values of a string fast column (`id`, `outlet`), one column opened per segment.
pub(crate) struct FastStr<'a> {
    searcher: &'a Searcher,
    name: &'static str,
    columns: HashMap<u32, Option<StrColumn>>,
}

impl<'a> FastStr<'a> {
    pub(crate) fn new(searcher: &'a Searcher, name: &'static str) -> FastStr<'a> {
        FastStr {
            searcher,
            name,
            columns: HashMap::new(),
        }
    }

    /// The document's first value, `None` when it has none.
    pub(crate) fn get(&mut self, addr: tantivy::DocAddress) -> Result<Option<String>> {
        let seg = addr.segment_ord;
        if !self.columns.contains_key(&seg) {
            let col = self
                .searcher
                .segment_reader(seg)
                .fast_fields()
                .str(self.name)?;
            self.columns.insert(seg, col);
        }
        let mut buf = String::new();
        let col = self.columns.get(&seg).and_then(Option::as_ref);
        Ok(crate::index::first_str(col, addr.doc_id, &mut buf)?.then_some(buf))
    }
}
