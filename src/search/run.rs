//! A search run: the request's query collected into the groups that can reach its page,
//! with facets and timelines tallied in the same pass, then the page cut and its hits made.
//!
//! [`NewsIndex::search`] lives here with its steps (recency, the collecting pass, a normalised
//! timeline's denominators). How the query is composed and how a hit is read back sit apart,
//! because exports use them too.

use std::time::Instant;

use tantivy::Searcher;
use tantivy::query::Query;

use super::collapse::Group;
#[cfg(test)]
use super::collapse::{self, Matches};
use super::{
    Interval, SearchRequest, SearchResults, debug_query, facets, filters, order, tally, timeline,
    top,
};
use crate::Result;
use crate::index::NewsIndex;

/// A search run up to its groups: what a page or an export is cut from.
struct Run {
    text_query: Box<dyn Query>,
    /// Every group, or (when only a page is wanted) those that can reach it.
    groups: Vec<Group>,
    /// Groups matching: stories, or articles with every copy shown.
    total: usize,
    copies: usize,
    recency: Option<Recency>,
}

/// Freshness weighting: age counted back from the newest article in the index.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Recency {
    newest: i64,
    half_life: u64,
}

impl Recency {
    pub(crate) fn factor(&self, published: Option<i64>) -> f32 {
        match published {
            None => 0.5,
            Some(p) => {
                let age = (self.newest - p).max(0) as f64;
                ((1.0 + 0.5f64.powf(age / self.half_life as f64)) / 2.0) as f32
            }
        }
    }
}

impl NewsIndex {
    /// Runs a search against the last commit this index has loaded (see [`NewsIndex::reload`];
    /// when the folder has a newer commit than the one loaded, that one is loaded first, so
    /// that the `generation` reported is the one searched).
    ///
    /// Copies of a syndicated story count once — in hits, totals, facets and timelines —
    /// unless [`SearchRequest::all_copies`] is set; a hit names the outlets of the copies
    /// folded into it (`also_in`).
    ///
    /// # Errors
    /// [`Error::Query`](crate::Error::Query) for a malformed query (with the position where
    /// it broke), [`Error::InvalidRequest`](crate::Error::InvalidRequest) for inconsistent
    /// filters.
    ///
    /// # Example
    /// ```
    /// use newsdex::{Article, NewsIndex, WriterOptions, search::SearchRequest};
    /// let index = NewsIndex::create_in_ram()?;
    /// let mut w = index.indexer(WriterOptions::default())?;
    /// w.add_article(&Article::new("a", "a.txt", "Iran sent drones to Russia."))?;
    /// w.finish()?;
    /// let results = index.search(&SearchRequest::new("drones AND iran"))?;
    /// assert_eq!(results.total, 1);
    /// assert_eq!(results.hits[0].snippet.as_ref().unwrap().marked("*", "*"), "*Iran* sent *drones* to Russia.");
    /// # Ok::<(), newsdex::Error>(())
    /// ```
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults> {
        let started = Instant::now();
        req.validate()?;
        let (searcher, generation) = self.snapshot()?;
        // Facets and timelines count every story, as the matches stream by, in the pass
        // that keeps the page's candidates.
        let tally = (!req.facets.is_empty() || req.timeline.is_some()).then(|| {
            tally::Tally::new(
                &req.facets,
                req.timeline.map(|i| (i, req.per_outlet)),
                !req.all_copies,
            )
        });
        let (mut run, tallied) = self.run(&searcher, req, tally)?;
        let mut tallied = tallied.unwrap_or_default();
        let facets = if req.facets.is_empty() {
            Vec::new()
        } else {
            facets::finish(&req.facets, &tallied.values, &tallied.none, req.facet_limit)
        };
        let timeline = match req.timeline {
            None => None,
            Some(interval) => {
                let (counts, undated) = (tallied.counts(), tallied.undated);
                let totals = if req.normalize {
                    Some(self.denominators(&searcher, req, interval)?)
                } else {
                    None
                };
                Some(timeline::build(interval, counts, undated, totals.as_ref()))
            }
        };
        let total = run.total;
        let page_end = req
            .offset
            .saturating_add(req.limit)
            .min(total)
            .min(run.groups.len());
        let hits = if req.limit > 0 && req.offset < page_end {
            order::sort(
                &searcher,
                &mut run.groups,
                req.sort,
                !req.all_copies,
                req.offset..page_end,
            )?;
            self.make_hits(
                &searcher,
                &*run.text_query,
                &run.groups[req.offset..page_end],
                req,
                run.recency,
            )?
        } else {
            Vec::new()
        };
        Ok(SearchResults {
            query: req.query.clone(),
            total: total as u64,
            total_copies: run.copies as u64,
            offset: req.offset,
            hits,
            facets,
            debug: if req.debug_query {
                Some(debug_query(req)?)
            } else {
                None
            },
            timeline,
            unmatched: self.unmatched(&searcher, req)?,
            generation,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
        })
    }

    /// The request's filter values no article has (see [`super::Unmatched`]); the alias
    /// table is read only when the request names an entity.
    fn unmatched(&self, searcher: &Searcher, req: &SearchRequest) -> Result<Vec<super::Unmatched>> {
        if req.outlets.is_empty() && req.languages.is_empty() && req.entities.is_empty() {
            return Ok(Vec::new());
        }
        let aliases = if req.entities.is_empty() {
            None
        } else {
            Some(self.aliases()?)
        };
        super::unmatched::unmatched(searcher, self.schema.fields(), req, aliases.as_deref())
    }

    /// The freshness weighting a request asks for.
    pub(super) fn recency(
        &self,
        searcher: &Searcher,
        req: &SearchRequest,
    ) -> Result<Option<Recency>> {
        Ok(match req.recency {
            Some(half_life) => Some(Recency {
                newest: self.newest(searcher)?,
                half_life: half_life.max(1),
            }),
            None => None,
        })
    }

    /// A normalised timeline's denominators: everything passing the filters, whatever the
    /// query text; per outlet, every copy an outlet ran is its output. Without filters they
    /// are read down the date columns ([`tally::totals`]), else tallied over a query.
    fn denominators(
        &self,
        searcher: &Searcher,
        req: &SearchRequest,
        interval: Interval,
    ) -> Result<timeline::Counts> {
        let collapse = !(req.all_copies || req.per_outlet);
        if !req.per_outlet
            && filters::filters(req, self.schema.fields(), None).is_empty()
            && let Some(counts) = tally::totals::every_article(searcher, interval, collapse)?
        {
            return Ok(counts);
        }
        let all_text: Box<dyn Query> = Box::new(tantivy::query::AllQuery);
        let totals = tally::Tally::new(&[], Some((interval, req.per_outlet)), collapse);
        let full = self.full_query(req, all_text)?;
        Ok(self.collect(searcher, &*full, &totals)?.counts())
    }

    /// `collector` over `query`, on the threads this index allows a costly search (see
    /// [`super::parallel`]).
    fn collect<C: tantivy::collector::Collector>(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        collector: &C,
    ) -> Result<C::Fruit> {
        Ok(super::parallel::search(
            searcher,
            query,
            collector,
            self.search_threads(),
        )?)
    }

    /// The query and the groups that can reach the request's page, scored (and weighted for
    /// recency) but not ordered ([`top::TopGroups`]: a search that keeps every match spends
    /// most of its time doing so); with `tally`, also its counts over every story.
    fn run(
        &self,
        searcher: &Searcher,
        req: &SearchRequest,
        tally: Option<tally::Tally>,
    ) -> Result<(Run, Option<tally::Tallied>)> {
        let absent = self.absent_variants(searcher);
        let text_query = self.text_query(req, &absent)?;
        let full = self.full_query(req, text_query.box_clone())?;
        let recency = self.recency(searcher, req)?;
        let top = top::TopGroups {
            want: req.offset.saturating_add(req.limit),
            sort: req.sort,
            collapse: !req.all_copies,
            recency,
        };
        let (top, tallied) = match tally {
            Some(tally) => {
                let (top, tallied) = self.collect(searcher, &*full, &(top, tally))?;
                (top, Some(tallied))
            }
            None => (self.collect(searcher, &*full, &top)?, None),
        };
        let run = Run {
            text_query,
            groups: top.candidates,
            total: top.total,
            copies: top.copies,
            recency,
        };
        Ok((run, tallied))
    }

    /// Every match of `req` folded into groups, unordered: the plain reference the page
    /// collector and the tally are tested against.
    #[cfg(test)]
    pub(super) fn every_group(
        &self,
        searcher: &Searcher,
        req: &SearchRequest,
    ) -> Result<Vec<Group>> {
        let absent = self.absent_variants(searcher);
        let full = self.full_query(req, self.text_query(req, &absent)?)?;
        let mut matches = searcher.search(&*full, &Matches)?;
        if let Some(r) = self.recency(searcher, req)? {
            // Each copy by its own date, before folding: a story scores as its best copy.
            for m in &mut matches {
                m.score *= r.factor(m.published);
            }
        }
        Ok(collapse::group(matches, !req.all_copies))
    }

    /// Publication time of the newest article, seconds (0 for an empty index).
    fn newest(&self, searcher: &Searcher) -> Result<i64> {
        let mut newest = i64::MIN;
        for segment in searcher.segment_readers() {
            if let Some(col) = segment
                .fast_fields()
                .column_opt::<tantivy::DateTime>("published")?
                && col.num_docs() > 0
            {
                newest = newest.max(col.max_value().into_timestamp_secs());
            }
        }
        Ok(if newest == i64::MIN { 0 } else { newest })
    }
}
