//! Search: from a [`SearchRequest`] to [`SearchResults`].
//!
//! ```text
//! SearchRequest ─ query::parse_query ─▶ Ast ─ query::Builder ─▶ text query (BM25, title boosted)
//!               ─ filters ─▶ outlet / date / language / entity / wire clauses (score 0)
//!               ─ top::TopGroups ─▶ the groups that can reach the page (copies folded
//!                 into stories, scored by the best copy, recency per copy) and exact totals
//!                 ─ with tally::Tally in the same pass: facets / timeline over every story
//!               ─ order ─▶ the page
//!               ─ stored fields + snippets, KWIC, explanations ─▶ SearchResults
//! ```
//! [`NewsIndex::export`] streams every group in the same order instead of one page, without
//! gathering the matches: `pages` cuts them a page at a time after a cursor and `siblings`
//! folds each page's copies by looking up their clusters.

mod collapse;
mod debug;
mod explain;
mod export;
mod facets;
mod filters;
#[cfg(test)]
mod fixture;
mod kwic;
mod order;
mod pages;
mod period;
mod query;
mod request;
mod results;
mod siblings;
mod snippets;
mod tally;
mod timeline;
mod top;

pub use self::debug::{QueryDebug, debug_query};
pub use self::export::{ExportRecord, ExportSummary};
pub use self::facets::{Facet, FacetCount, FacetField};
pub use self::query::{Ast, Bound, Occur, Operator, QueryError, parse_query};
pub use self::request::{DateBound, SearchRequest, Sort, WireFilter, parse_half_life};
pub use self::results::{Hit, KwicLine, ScoreExplanation, ScorePart, SearchResults, Snippet};
pub use self::timeline::{Bucket, Interval, Series, Timeline};

use std::time::Instant;

use tantivy::query::{BooleanQuery, Occur as TOccur, Query};
use tantivy::schema::Value;
use tantivy::{Searcher, TantivyDocument};

use self::collapse::Group;
#[cfg(test)]
use self::collapse::Matches;
use self::order::FastStr;
use crate::index::{NewsIndex, rfc3339};
use crate::{Error, Result};

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

/// Per-search helpers for turning groups into hits.
struct HitMaker<'a> {
    searcher: &'a Searcher,
    text_query: &'a dyn Query,
    snippets: Option<snippets::Snippets<'a>>,
    kwic: Option<kwic::Kwic<'a>>,
    outlets: FastStr<'a>,
    /// Bodies, from the text store: read only for snippets and KWIC lines.
    texts: crate::index::Texts<'a>,
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
    /// [`Error::Query`] for a malformed query (with the position where it broke),
    /// [`Error::InvalidRequest`] for inconsistent filters.
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
        let mut hits = Vec::new();
        if req.limit > 0 && req.offset < page_end {
            order::sort(
                &searcher,
                &mut run.groups,
                req.sort,
                !req.all_copies,
                req.offset..page_end,
            )?;
            let mut maker = self.hit_maker(&searcher, &*run.text_query, req);
            for g in &run.groups[req.offset..page_end] {
                hits.push(self.make_hit(&mut maker, g, req, run.recency)?);
            }
        }
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
            generation,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
        })
    }

    /// The opstamp of the index's last commit — the one searches see once the index is
    /// opened or [reloaded](NewsIndex::reload) — recorded in results and export records.
    ///
    /// # Errors
    /// [`Error::Tantivy`] if the index metadata cannot be read.
    pub fn generation(&self) -> Result<u64> {
        Ok(self.snapshot()?.1)
    }

    /// A searcher and the generation (commit opstamp) it holds. When the index on disk has
    /// moved on since it was loaded, the loaded commit's opstamp is unknown, so the newest
    /// commit is loaded instead: the generation reported always describes what was read.
    ///
    /// The check reads the index metadata, so it is made once per loaded reader generation
    /// (it was 7–8% of a warm search when made every time).
    fn snapshot(&self) -> Result<(Searcher, u64)> {
        let mut cached = self.opstamp.lock().unwrap_or_else(|p| p.into_inner());
        for _ in 0..5 {
            let searcher = self.searcher()?;
            let loaded = searcher.generation().generation_id();
            if let Some((id, opstamp)) = *cached
                && id == loaded
            {
                return Ok((searcher, opstamp));
            }
            let metas = self.index.load_metas()?;
            let held = searcher.generation().segments();
            let same = metas.segments.len() == held.len()
                && metas
                    .segments
                    .iter()
                    .all(|s| held.get(&s.id()) == Some(&s.delete_opstamp()));
            if same {
                *cached = Some((loaded, metas.opstamp));
                return Ok((searcher, metas.opstamp));
            }
            self.reader.reload()?;
        }
        Err(Error::InvalidRequest(
            "the index kept changing while this search opened it; try again".into(),
        ))
    }

    /// The freshness weighting a request asks for.
    fn recency(&self, searcher: &Searcher, req: &SearchRequest) -> Result<Option<Recency>> {
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
        Ok(searcher.search(&*full, &totals)?.counts())
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
                let (top, tallied) = searcher.search(&*full, &(top, tally))?;
                (top, Some(tallied))
            }
            None => (searcher.search(&*full, &top)?, None),
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
    fn every_group(&self, searcher: &Searcher, req: &SearchRequest) -> Result<Vec<Group>> {
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

    /// The text query with the request's filters, never matching bookkeeping records.
    fn full_query(&self, req: &SearchRequest, text: Box<dyn Query>) -> Result<Box<dyn Query>> {
        let fields = self.schema.fields();
        let mut clauses = vec![(TOccur::Must, text)];
        // The alias table is read only for a search that names an entity.
        let aliases = if req.entities.is_empty() {
            None
        } else {
            Some(self.aliases()?)
        };
        clauses.extend(
            filters::filters(req, fields, aliases.as_deref())
                .into_iter()
                .map(|q| (TOccur::Must, q)),
        );
        clauses.push((
            TOccur::MustNot,
            query::keyword_query(fields.doc_kind, crate::index::SOURCE),
        ));
        Ok(Box::new(BooleanQuery::new(clauses)))
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

    /// The per-language variant fields of languages no article in `searcher` is in. Read
    /// from the few terms of the `language` field: opening the term dictionary of a field a
    /// segment lacks builds an empty one, which costs more than the search.
    fn absent_variants(
        &self,
        searcher: &Searcher,
    ) -> std::collections::HashSet<tantivy::schema::Field> {
        let f = self.schema.fields();
        let mut present: std::collections::HashSet<tantivy::schema::Field> =
            [f.title_variants.any, f.body_variants.any].into();
        for segment in searcher.segment_readers() {
            let Ok(ii) = segment.inverted_index(f.language) else {
                // Cannot tell: search every variant.
                return std::collections::HashSet::new();
            };
            let Ok(mut terms) = ii.terms().stream() else {
                return std::collections::HashSet::new();
            };
            while terms.advance() {
                if let Ok(code) = std::str::from_utf8(terms.key()) {
                    present.insert(f.title_variants.for_language(Some(code)));
                    present.insert(f.body_variants.for_language(Some(code)));
                }
            }
        }
        f.title_variants
            .all()
            .chain(f.body_variants.all())
            .filter(|v| !present.contains(v))
            .collect()
    }

    /// The query text alone as a tantivy query (for snippets and explanations).
    fn text_query(
        &self,
        req: &SearchRequest,
        absent: &std::collections::HashSet<tantivy::schema::Field>,
    ) -> Result<Box<dyn Query>> {
        let ast = parse_query(&req.query)?;
        let builder = query::Builder {
            schema: &self.schema,
            absent,
            tokenizers: self.index.tokenizers(),
            operator: req.operator,
            query: &req.query,
        };
        Ok(builder.build(&ast)?)
    }

    fn hit_maker<'a>(
        &'a self,
        searcher: &'a Searcher,
        text_query: &'a dyn Query,
        req: &SearchRequest,
    ) -> HitMaker<'a> {
        HitMaker {
            searcher,
            text_query,
            snippets: (req.snippet_chars > 0)
                .then(|| snippets::Snippets::new(searcher, text_query, req.snippet_chars)),
            kwic: req.kwic.map(|n| kwic::Kwic::new(searcher, text_query, n)),
            outlets: FastStr::new(searcher, "outlet"),
            texts: self.texts(searcher),
        }
    }

    /// The hit for a group: stored fields, cluster, snippet, KWIC lines, explanation.
    fn make_hit(
        &self,
        maker: &mut HitMaker<'_>,
        g: &Group,
        req: &SearchRequest,
        recency: Option<Recency>,
    ) -> Result<Hit> {
        let doc: TantivyDocument = maker.searcher.doc(g.rep.addr)?;
        let mut hit = self.hit(&doc, g.score);
        if g.rep.key != 0 {
            hit.cluster = Some(format!("{:016x}", g.rep.key));
            hit.canonical = g.rep.rank == 0;
        }
        for &(copy, _) in &g.copies {
            if let Some(outlet) = maker.outlets.get(copy)?
                && hit.outlet.as_deref() != Some(outlet.as_str())
                && !hit.also_in.contains(&outlet)
            {
                hit.also_in.push(outlet);
            }
        }
        hit.also_in.sort();
        if maker.snippets.is_some() || maker.kwic.is_some() {
            let snippet_name = &self.schema.def().search.snippet_field;
            let snippet_field = self
                .schema
                .tantivy_schema()
                .get_field(snippet_name)
                .map_err(|e| Error::Schema(e.to_string()))?;
            let variants = self.schema.variants(snippet_name);
            let body = maker
                .texts
                .get(snippet_field, &doc, g.rep.addr)?
                .unwrap_or_default();
            let body = body.as_str();
            // Find the query's terms as they were indexed for this article's language.
            let indexed_in =
                variants.map_or(snippet_field, |v| v.for_language(hit.language.as_deref()));
            if let Some(snippets) = &maker.snippets {
                hit.snippet = Some(snippets.for_text(indexed_in, body)?);
            }
            if let Some(kwic) = &mut maker.kwic {
                hit.kwic = Some(kwic.lines(indexed_in, body)?);
            }
        }
        if req.explain {
            let mut e =
                explain::explain(maker.searcher, maker.text_query, g.rep.addr, &self.schema)?;
            e.recency = recency.map(|r| r.factor(g.rep.published));
            hit.explanation = Some(e);
        }
        Ok(hit)
    }

    /// A hit from a stored document, without its snippet.
    fn hit(&self, doc: &TantivyDocument, score: f32) -> Hit {
        let f = self.schema.fields();
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(String::from)
        };
        let all = |field| {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(String::from))
                .collect::<Vec<_>>()
        };
        Hit {
            id: text(f.id).unwrap_or_default(),
            score,
            title: text(f.title),
            outlet: text(f.outlet),
            published: text(f.published_text).or_else(|| {
                doc.get_first(f.published)
                    .and_then(|v| v.as_datetime())
                    .map(rfc3339)
            }),
            outlet_source: text(f.outlet_source),
            published_source: text(f.published_source),
            language: text(f.language),
            authors: all(f.authors),
            section: text(f.section),
            url: text(f.url),
            path: text(f.path).unwrap_or_default(),
            entities: all(f.entities),
            word_count: doc
                .get_first(f.word_count)
                .and_then(|v| v.as_u64())
                .unwrap_or(0),
            snippet: None,
            wire: all(f.wire),
            cluster: None,
            canonical: true,
            also_in: Vec::new(),
            explanation: None,
            kwic: None,
        }
    }
}
