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

/// Sorts `groups`; ties on the sort key are ordered by id within `range` (the part that
/// will be shown), which is all of them for an export.
pub(crate) fn sort(
    searcher: &Searcher,
    groups: &mut [Group],
    sort: Sort,
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
    let mut ids = FastStr::new(searcher, "id");
    let mut i = start;
    while i < stop {
        let mut j = i + 1;
        while j < stop && primary(sort, &groups[i], &groups[j]) == Ordering::Equal {
            j += 1;
        }
        if j - i > 1 {
            let mut keyed: Vec<(String, Group)> = Vec::with_capacity(j - i);
            for g in &groups[i..j] {
                keyed.push((ids.get(g.rep.addr)?.unwrap_or_default(), g.clone()));
            }
            keyed.sort_by(|a, b| a.0.cmp(&b.0));
            for (slot, (_, g)) in groups[i..j].iter_mut().zip(keyed) {
                *slot = g;
            }
        }
        i = j;
    }
    Ok(())
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
