//! Tally: facet counts and timeline buckets over every matching story, counted as the
//! matches stream by, in the same pass that keeps a search's page (`top`).
//!
//! A story is an article outside any cluster, or a cluster's matching copies folded into its
//! lowest-ranked one (as `collapse::group` folds them). Articles outside a cluster — nearly
//! all — are counted on the spot, by term ordinal per segment; the few clustered ones are
//! kept with their values until every segment is seen, then each cluster counts once, by its
//! lowest-ranked matching copy. Nothing proportional to the number of matches is built.

use std::collections::HashMap;

use chrono::NaiveDate;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::Weight;
use tantivy::{COLLECT_BLOCK_BUFFER_LEN, DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::facets::FacetField;
use super::timeline::{Counts, Interval};

mod buckets;
pub(crate) mod totals;

use buckets::SegmentTimeline;

/// What to count, over every story the query matches.
pub(crate) struct Tally {
    /// Columns the facets read (each once, however many facets read it).
    pub columns: Vec<&'static str>,
    /// The timeline's interval and whether it has one series per outlet.
    pub timeline: Option<(Interval, bool)>,
    /// Fold syndicated copies into one story.
    pub collapse: bool,
    /// Most days a segment's dense timeline table spans (tests shrink it to exercise the
    /// map that takes the days beyond).
    pub table_days: i64,
}

impl Tally {
    /// A tally for `facets` and the timeline `timeline` (interval, per outlet).
    pub(crate) fn new(
        facets: &[FacetField],
        timeline: Option<(Interval, bool)>,
        collapse: bool,
    ) -> Tally {
        let mut columns: Vec<&'static str> = facets.iter().map(|f| f.column().0).collect();
        columns.sort_unstable();
        columns.dedup();
        Tally {
            columns,
            timeline,
            collapse,
            table_days: buckets::MAX_TABLE_DAYS,
        }
    }
}

/// The counts over every story.
#[derive(Debug, Default)]
pub(crate) struct Tallied {
    /// Column → value → stories.
    pub values: HashMap<&'static str, HashMap<String, u64>>,
    /// Column → stories with no value in it.
    pub none: HashMap<&'static str, u64>,
    /// Timeline buckets (outlet → first day → stories), and undated stories. Nested, so
    /// merging segments hashes an outlet's name once, not once per bucket.
    pub buckets: Counts,
    pub undated: u64,
}

/// A clustered matching article, with what it would count if it is its story's copy.
#[derive(Debug)]
pub(crate) struct ClusteredCopy {
    key: u64,
    rank: u64,
    addr: DocAddress,
    /// Per column (in `Tally::columns` order), its values.
    values: Vec<Vec<String>>,
    /// Its timeline bucket (outlet, first day), `None` when undated.
    bucket: Option<(Option<String>, NaiveDate)>,
}

impl Tallied {
    /// The timeline buckets as `timeline::build` takes them.
    pub(crate) fn counts(&mut self) -> Counts {
        std::mem::take(&mut self.buckets)
    }

    fn add(&mut self, columns: &[&'static str], copy: ClusteredCopy, timeline: bool) {
        for (name, values) in columns.iter().zip(copy.values) {
            if values.is_empty() {
                *self.none.entry(name).or_default() += 1;
            }
            let counts = self.values.entry(name).or_default();
            for v in values {
                *counts.entry(v).or_default() += 1;
            }
        }
        if timeline {
            match copy.bucket {
                Some((outlet, start)) => {
                    *self
                        .buckets
                        .entry(outlet)
                        .or_default()
                        .entry(start)
                        .or_default() += 1
                }
                None => self.undated += 1,
            }
        }
    }
}

struct SegmentColumn {
    column: Option<StrColumn>,
    /// Stories per term ordinal.
    counts: Vec<u64>,
    none: u64,
}

/// One segment's tally.
pub(crate) struct SegmentTally {
    segment: SegmentOrdinal,
    columns: Vec<(&'static str, SegmentColumn)>,
    timeline: Option<SegmentTimeline>,
    keys: Option<Column<u64>>,
    ranks: Option<Column<u64>>,
    clustered: Vec<(u64, u64, DocId)>,
}

pub(super) fn name_of(column: Option<&StrColumn>, ord: u64) -> Option<String> {
    let mut buf = String::new();
    column?.ord_to_str(ord, &mut buf).ok()?.then_some(buf)
}

impl Collector for Tally {
    type Fruit = Tallied;
    type Child = SegmentTally;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentTally> {
        let ff = reader.fast_fields();
        let mut columns = Vec::new();
        for &name in &self.columns {
            let column = ff.str(name)?;
            let terms = column.as_ref().map_or(0, |c| c.num_terms());
            columns.push((
                name,
                SegmentColumn {
                    column,
                    counts: vec![0; terms],
                    none: 0,
                },
            ));
        }
        let timeline = match self.timeline {
            Some((interval, per_outlet)) => Some(SegmentTimeline::new(
                interval,
                ff.column_opt("published")?,
                if per_outlet { ff.str("outlet")? } else { None },
                self.table_days,
            )),
            None => None,
        };
        let (keys, ranks) = if self.collapse {
            (ff.column_opt("dup_key")?, ff.column_opt("dup_rank")?)
        } else {
            (None, None)
        };
        Ok(SegmentTally {
            segment,
            columns,
            timeline,
            keys,
            ranks,
            clustered: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    /// Alone (the denominators of a normalised timeline, every article), a tally takes its
    /// matches a block at a time even in a segment with deletions, where tantivy's default
    /// hands them over one by one.
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<(Tallied, Vec<ClusteredCopy>)> {
        let mut tally = self.for_segment(segment, reader)?;
        let alive = reader.alive_bitset();
        let mut kept = Vec::with_capacity(COLLECT_BLOCK_BUFFER_LEN);
        weight.for_each_no_score(reader, &mut |docs| match alive {
            None => tally.collect_block(docs),
            Some(alive) => {
                kept.clear();
                kept.extend(docs.iter().copied().filter(|&d| alive.is_alive(d)));
                tally.collect_block(&kept);
            }
        })?;
        Ok(tally.harvest())
    }

    fn merge_fruits(&self, fruits: Vec<(Tallied, Vec<ClusteredCopy>)>) -> tantivy::Result<Tallied> {
        let mut all = Tallied::default();
        let mut copies: HashMap<u64, ClusteredCopy> = HashMap::new();
        for (t, clustered) in fruits {
            for (name, values) in t.values {
                let counts = all.values.entry(name).or_default();
                for (v, n) in values {
                    *counts.entry(v).or_default() += n;
                }
            }
            for (name, n) in t.none {
                *all.none.entry(name).or_default() += n;
            }
            for (outlet, days) in t.buckets {
                let into = all.buckets.entry(outlet).or_default();
                for (start, n) in days {
                    *into.entry(start).or_default() += n;
                }
            }
            all.undated += t.undated;
            for c in clustered {
                match copies.get(&c.key) {
                    Some(best) if (best.rank, best.addr) <= (c.rank, c.addr) => {}
                    _ => {
                        copies.insert(c.key, c);
                    }
                }
            }
        }
        for (_, copy) in copies {
            all.add(&self.columns, copy, self.timeline.is_some());
        }
        Ok(all)
    }
}

impl SegmentTally {
    /// Keeps a clustered article until every segment is seen.
    fn keep_clustered(&mut self, key: u64, doc: DocId) {
        let rank = self.ranks.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
        self.clustered.push((key, rank, doc));
    }

    /// Counts an article outside any cluster in each facet column.
    fn count_facets(&mut self, doc: DocId) {
        for (_, c) in &mut self.columns {
            let mut any = false;
            if let Some(col) = &c.column {
                for ord in col.term_ords(doc) {
                    if let Some(n) = c.counts.get_mut(ord as usize) {
                        *n += 1;
                    }
                    any = true;
                }
            }
            if !any {
                c.none += 1;
            }
        }
    }

    fn values(&self, doc: DocId) -> Vec<Vec<String>> {
        self.columns
            .iter()
            .map(|(_, c)| match &c.column {
                Some(col) => col
                    .term_ords(doc)
                    .filter_map(|ord| name_of(Some(col), ord))
                    .collect(),
                None => Vec::new(),
            })
            .collect()
    }
}

impl SegmentCollector for SegmentTally {
    type Fruit = (Tallied, Vec<ClusteredCopy>);

    fn collect(&mut self, doc: DocId, _score: Score) {
        let key = self.keys.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
        if key != 0 {
            self.keep_clustered(key, doc);
            return;
        }
        self.count_facets(doc);
        if let Some(t) = &mut self.timeline {
            t.count(doc);
        }
    }

    /// Without scoring (the denominators of a normalised timeline visit every article),
    /// matches come in blocks, and the columns are read a block at a time.
    fn collect_block(&mut self, docs: &[DocId]) {
        for block in docs.chunks(COLLECT_BLOCK_BUFFER_LEN) {
            let mut keys = [None; COLLECT_BLOCK_BUFFER_LEN];
            let keys = &mut keys[..block.len()];
            if let Some(c) = &self.keys {
                c.first_vals(block, keys);
            }
            let mut plain = [0; COLLECT_BLOCK_BUFFER_LEN];
            let mut n = 0;
            for (&doc, key) in block.iter().zip(keys.iter()) {
                match key.unwrap_or(0) {
                    0 => {
                        plain[n] = doc;
                        n += 1;
                    }
                    key => self.keep_clustered(key, doc),
                }
            }
            for &doc in &plain[..n] {
                self.count_facets(doc);
            }
            if let Some(t) = &mut self.timeline {
                t.count_block(&plain[..n]);
            }
        }
    }

    fn harvest(self) -> (Tallied, Vec<ClusteredCopy>) {
        let mut out = Tallied::default();
        let clustered = self
            .clustered
            .iter()
            .map(|&(key, rank, doc)| ClusteredCopy {
                key,
                rank,
                addr: DocAddress::new(self.segment, doc),
                values: self.values(doc),
                bucket: self.timeline.as_ref().and_then(|t| {
                    let (ord, day) = t.day(doc)?;
                    let outlet = ord.and_then(|o| t.outlet_name(o));
                    Some((outlet, t.bucket(day)?))
                }),
            })
            .collect();
        for (name, c) in self.columns {
            out.none.insert(name, c.none);
            let values = out.values.entry(name).or_default();
            for (ord, &n) in c.counts.iter().enumerate() {
                if n > 0
                    && let Some(v) = name_of(c.column.as_ref(), ord as u64)
                {
                    *values.entry(v).or_default() += n;
                }
            }
        }
        if let Some(t) = &self.timeline {
            out.undated = t.harvest(&mut out.buckets);
        }
        (out, clustered)
    }
}

#[cfg(test)]
mod tests {
    use super::Tally;
    use crate::search::fixture::index;
    use crate::search::{FacetField, Interval, SearchRequest, facets, timeline};

    /// Facets, timelines and totals counted while collecting are those of folding every
    /// match into stories first, with and without copies, per outlet or not.
    #[test]
    fn tally_counts_what_folding_every_match_counts() {
        let index = index();
        let searcher = index.searcher().unwrap();
        let fields = FacetField::ALL;
        let mut clustered = false;
        for query in ["harbour", "ferry OR storm", ""] {
            for all_copies in [false, true] {
                for (interval, per_outlet) in [
                    (Interval::Month, false),
                    (Interval::Day, true),
                    (Interval::Week, false),
                ] {
                    let mut req = SearchRequest::new(query).all_copies(all_copies);
                    for f in fields {
                        req = req.facet(f);
                    }
                    let req = req
                        .facet_limit(100)
                        .timeline(interval)
                        .per_outlet(per_outlet);
                    let got = index.search(&req).unwrap();
                    let groups = index.every_group(&searcher, &req).unwrap();
                    clustered |= groups.iter().any(|g| !g.copies.is_empty());
                    let label = format!("{query:?} all_copies={all_copies} {interval:?}");
                    assert_eq!(got.total, groups.len() as u64, "{label}");
                    let want = facets::count(&searcher, &groups, &fields, 100).unwrap();
                    assert_eq!(got.facets, want, "{label}");
                    let (counts, undated) =
                        timeline::bucket_counts(&searcher, &groups, interval, per_outlet).unwrap();
                    let want = timeline::build(interval, counts.clone(), undated, None);
                    assert_eq!(got.timeline, Some(want), "{label}");
                    // A table of two days leaves most days to the map beside it.
                    let absent = index.absent_variants(&searcher);
                    let text = index.text_query(&req, &absent).unwrap();
                    let full = index.full_query(&req, text).unwrap();
                    let mut small = Tally::new(&[], Some((interval, per_outlet)), !all_copies);
                    small.table_days = 2;
                    let mut small = searcher.search(&*full, &small).unwrap();
                    assert_eq!(small.counts(), counts, "{label} small table");
                    assert_eq!(small.undated, undated, "{label} small table");
                    // Normalised: the denominators are every article passing the filters,
                    // each copy counted when per outlet.
                    let normalised = index.search(&req.clone().normalize(true)).unwrap();
                    let every = SearchRequest::new("")
                        .all_copies(all_copies || per_outlet)
                        .timeline(interval)
                        .per_outlet(per_outlet);
                    let all = index.every_group(&searcher, &every).unwrap();
                    let (totals, _) =
                        timeline::bucket_counts(&searcher, &all, interval, per_outlet).unwrap();
                    let want = timeline::build(interval, counts, undated, Some(&totals));
                    assert_eq!(normalised.timeline, Some(want), "{label} normalised");
                }
            }
        }
        assert!(clustered, "the corpus has syndicated copies");
    }

    /// The denominators read down the date columns are those the tally counts over every
    /// article, stories folded or not, for every interval.
    #[test]
    fn every_article_read_down_the_columns_is_every_article_tallied() {
        let index = index();
        let searcher = index.searcher().unwrap();
        let req = SearchRequest::new("");
        let absent = index.absent_variants(&searcher);
        let text = index.text_query(&req, &absent).unwrap();
        let full = index.full_query(&req, text).unwrap();
        for interval in [
            Interval::Day,
            Interval::Week,
            Interval::Month,
            Interval::Year,
        ] {
            for collapse in [true, false] {
                let label = format!("{interval:?} collapse={collapse}");
                let read = super::totals::every_article(&searcher, interval, collapse)
                    .unwrap()
                    .expect("the fixture has no deletions");
                let tally = Tally::new(&[], Some((interval, false)), collapse);
                let mut tallied = searcher.search(&*full, &tally).unwrap();
                assert_eq!(read, tallied.counts(), "{label}");
            }
        }
    }

    /// A page cut from the candidates kept while collecting is the page cut from every
    /// match folded and ordered: same stories, order, scores and totals.
    #[test]
    fn pages_are_those_of_every_match_ordered() {
        use crate::search::{Sort, order};
        let index = index();
        let searcher = index.searcher().unwrap();
        for query in ["harbour", "ferry OR storm", ""] {
            for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest] {
                for all_copies in [false, true] {
                    for (offset, limit) in [(0, 3), (4, 5), (0, 100)] {
                        let mut req = SearchRequest::new(query)
                            .sort(sort)
                            .all_copies(all_copies)
                            .offset(offset)
                            .limit(limit);
                        if query == "harbour" {
                            req = req.recency("5d").unwrap();
                        }
                        let got = index.search(&req).unwrap();
                        let mut groups = index.every_group(&searcher, &req).unwrap();
                        let n = groups.len();
                        order::sort(&searcher, &mut groups, sort, !all_copies, 0..n).unwrap();
                        let page = &groups[offset.min(n)..(offset + limit).min(n)];
                        let addrs: Vec<_> = page.iter().map(|g| g.rep.addr).collect();
                        let want = order::ids_of(&searcher, &addrs).unwrap();
                        let ids: Vec<_> = got.hits.iter().map(|h| h.id.clone()).collect();
                        let label = format!("{query:?} {sort:?} {all_copies} {offset}+{limit}");
                        assert_eq!(ids, want, "{label}");
                        let scores: Vec<f32> = page.iter().map(|g| g.score).collect();
                        let got_scores: Vec<f32> = got.hits.iter().map(|h| h.score).collect();
                        assert_eq!(got_scores, scores, "{label}");
                        assert_eq!(got.total, n as u64, "{label}");
                    }
                }
            }
        }
    }
}
