//! Search: from a [`SearchRequest`] to [`SearchResults`].
//!
//! ```text
//! SearchRequest ─ query::parse_query ─▶ Ast ─ query::Builder ─▶ text query (BM25, title boosted)
//!               ─ filters ─▶ outlet / date / language / entity clauses (score 0)
//!               ─ tantivy (TopDocs by score or date + Count) ─▶ addresses, total
//!               ─ stored fields + snippets ─▶ SearchResults { total, hits }
//! ```

mod filters;
mod query;
mod request;
mod results;
mod snippets;

pub use self::query::{Ast, Bound, Occur, Operator, QueryError, parse_query};
pub use self::request::{DateBound, SearchRequest, Sort};
pub use self::results::{Hit, SearchResults, Snippet};

use std::time::Instant;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur as TOccur, Query};
use tantivy::schema::Value;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument};

use crate::index::{NewsIndex, rfc3339};
use crate::{Error, Result};

/// One page of hits: (score when ranked by score, address).
type Page = Vec<(Option<f32>, DocAddress)>;

impl NewsIndex {
    /// Runs a search against the last commit this index has loaded (see [`NewsIndex::reload`]).
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
        let searcher = self.reader.searcher();
        let absent = self.absent_variants(&searcher);
        let text_query = self.text_query(req, &absent)?;
        let fields = self.schema.fields();
        let mut clauses = vec![(TOccur::Must, text_query.box_clone())];
        clauses.extend(
            filters::filters(req, fields)
                .into_iter()
                .map(|q| (TOccur::Must, q)),
        );
        // Bookkeeping records are never results.
        clauses.push((
            TOccur::MustNot,
            query::keyword_query(fields.doc_kind, crate::index::SOURCE),
        ));
        let query: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));

        let (total, page) = if req.limit == 0 {
            (searcher.search(&query, &Count)?, Vec::new())
        } else {
            self.collect(&searcher, &*query, req)?
        };

        let snippet_name = &self.schema.def().search.snippet_field;
        let snippet_field = self
            .schema
            .tantivy_schema()
            .get_field(snippet_name)
            .map_err(|e| Error::Schema(e.to_string()))?;
        let snippet_variants = self.schema.variants(snippet_name);
        let snippets = (req.snippet_chars > 0 && !page.is_empty())
            .then(|| snippets::Snippets::new(&searcher, &*text_query, req.snippet_chars));
        let mut hits = Vec::with_capacity(page.len());
        for (score, addr) in page {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let score = match score {
                Some(s) => s,
                None => query
                    .explain(&searcher, addr)
                    .map(|e| e.value())
                    .unwrap_or(0.0),
            };
            let mut hit = self.hit(&doc, score);
            if let Some(snippets) = &snippets {
                let body = doc
                    .get_first(snippet_field)
                    .and_then(|v| v.as_str())
                    .unwrap_or("");
                // Highlight the query's terms as they were indexed for this article's language.
                let indexed_in = snippet_variants
                    .map_or(snippet_field, |v| v.for_language(hit.language.as_deref()));
                hit.snippet = Some(snippets.for_text(indexed_in, body)?);
            }
            hits.push(hit);
        }
        Ok(SearchResults {
            query: req.query.clone(),
            total: total as u64,
            offset: req.offset,
            hits,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
        })
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

    /// Total and one page of (score if known, address).
    fn collect(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        req: &SearchRequest,
    ) -> Result<(usize, Page)> {
        let top = TopDocs::with_limit(req.limit).and_offset(req.offset);
        let published = self
            .schema
            .def()
            .fields
            .iter()
            .find(|f| f.name == "published")
            .map(|f| f.name.clone())
            .unwrap_or_default();
        Ok(match req.sort {
            Sort::Relevance => {
                let (docs, total) = searcher.search(query, &(top.order_by_score(), Count))?;
                (total, docs.into_iter().map(|(s, a)| (Some(s), a)).collect())
            }
            Sort::Newest | Sort::Oldest => {
                let order = if req.sort == Sort::Newest {
                    Order::Desc
                } else {
                    Order::Asc
                };
                let (docs, total) = searcher.search(
                    query,
                    &(
                        top.order_by_fast_field::<tantivy::DateTime>(published, order),
                        Count,
                    ),
                )?;
                (total, docs.into_iter().map(|(_, a)| (None, a)).collect())
            }
        })
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
        }
    }
}
