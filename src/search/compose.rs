//! The request composed into tantivy queries: the query text over the per-language variants
//! the index holds, and that text with the request's filters.
//!
//! Apart from the run because exports and the tally's tests compose the same queries.

use tantivy::Searcher;
use tantivy::query::{BooleanQuery, Occur as TOccur, Query};

use super::{SearchRequest, filters, parse_query, query};
use crate::Result;
use crate::index::NewsIndex;

impl NewsIndex {
    /// The text query with the request's filters, never matching bookkeeping records.
    pub(super) fn full_query(
        &self,
        req: &SearchRequest,
        text: Box<dyn Query>,
    ) -> Result<Box<dyn Query>> {
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

    /// The per-language variant fields of languages no article in `searcher` is in. Read
    /// from the few terms of the `language` field: opening the term dictionary of a field a
    /// segment lacks builds an empty one, which costs more than the search.
    pub(super) fn absent_variants(
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
    pub(super) fn text_query(
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
}
