//! Hits read back from the index: stored fields, the copies folded in, snippet, KWIC lines
//! and explanation for each group on a page.
//!
//! Apart from the run because exports make hits the same way, a page at a time.

use tantivy::query::Query;
use tantivy::schema::Value;
use tantivy::{Searcher, TantivyDocument};

use super::collapse::Group;
use super::order::FastStr;
use super::run::Recency;
use super::{Hit, SearchRequest, explain, kwic, snippets};
use crate::index::{NewsIndex, all_texts, first_text, rfc3339};
use crate::{Error, Result};

/// Per-search helpers for turning groups into hits.
pub(super) struct HitMaker<'a> {
    searcher: &'a Searcher,
    text_query: &'a dyn Query,
    snippets: Option<snippets::Snippets<'a>>,
    kwic: Option<kwic::Kwic<'a>>,
    outlets: FastStr<'a>,
    /// Bodies, from the text store: read only for snippets and KWIC lines.
    texts: crate::index::Texts<'a>,
}

impl NewsIndex {
    pub(super) fn hit_maker<'a>(
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

    /// The hits for a page of groups, in order. A page of several hits is made in two
    /// halves side by side, each with its own readers: reading a hit (its stored fields'
    /// block, its body's, the snippet) is most of a search for a rarer word.
    pub(super) fn make_hits(
        &self,
        searcher: &Searcher,
        text_query: &dyn Query,
        groups: &[Group],
        req: &SearchRequest,
        recency: Option<Recency>,
    ) -> Result<Vec<Hit>> {
        let make = |part: &[Group]| {
            let mut maker = self.hit_maker(searcher, text_query, req);
            part.iter()
                .map(|g| self.make_hit(&mut maker, g, req, recency))
                .collect::<Result<Vec<Hit>>>()
        };
        if groups.len() < 4 || super::parallel::threads(self.search_threads()) < 2 {
            return make(groups);
        }
        let (first, second) = groups.split_at(groups.len() / 2);
        let mut later = None;
        let mut hits = rayon::in_place_scope(|s| {
            s.spawn(|_| later = Some(make(second)));
            make(first)
        })?;
        // The scope waits for its spawned half, so `later` is filled; were it not, the half
        // is made here rather than lost.
        hits.extend(later.unwrap_or_else(|| make(second))?);
        Ok(hits)
    }

    /// The hit for a group: stored fields, cluster, snippet, KWIC lines, explanation.
    pub(super) fn make_hit(
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
        let text = |field| first_text(doc, field);
        let all = |field| all_texts(doc, field);
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

#[cfg(test)]
mod tests {
    use crate::search::{SearchRequest, Sort};

    #[test]
    fn a_page_made_in_two_halves_is_the_page_made_in_one() {
        let index = super::super::fixture::index();
        let requests = [
            SearchRequest::new("harbour").limit(9),
            SearchRequest::new("harbour")
                .limit(7)
                .offset(3)
                .all_copies(true),
            SearchRequest::new("harbour crane")
                .sort(Sort::Newest)
                .kwic(3)
                .explain(true),
            SearchRequest::new("harbour").limit(5).snippet_chars(0),
        ];
        for req in &requests {
            index.set_search_threads(1);
            let one = index.search(req).unwrap();
            index.set_search_threads(2);
            let two = index.search(req).unwrap();
            assert!(one.hits.len() >= 4, "{req:?} fills a page");
            assert_eq!(one.hits, two.hits, "{req:?}");
        }
    }
}
