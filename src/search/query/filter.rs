//! Filter clauses that tell an intersection what leading it would cost.
//!
//! tantivy 0.27 intersects the clauses of a search by letting the one with the lowest
//! `cost()` lead (visit its documents one by one) and checking the others only at the
//! documents it yields. A fast-field range (`--since`, `--until`, `--mentions`) reports 80%
//! of the segment whatever it matches, and a term filter its document frequency, while the
//! text clause over the default fields — a union over title and body in each language —
//! reports the sum of its parts. On one merged 200,000-article segment, `"interest rates"
//! --since 2020-01-01` let the date range lead: the column was scanned end to end and the
//! phrase union seeked at each of the ~100,000 articles dated since 2020, 2–3 ms on top of
//! the phrase alone (4 ms), where checking the date of each phrase match is a point look-up.
//!
//! Checking a union at another clause's documents saves little: each seek more than a
//! window away (4,096 documents) makes it refill the next window from every field, so a
//! leader with more than a few dozen matches per segment makes it do nearly all the work it
//! would do leading. [`Filter`] therefore reports the documents it is estimated to match —
//! for a date range sampled from its column, since the range's own cost says nothing —
//! times [`CHECK_MARGIN`]: a filter leads only when it is far narrower than the text (a few
//! recent days, a rare outlet), and is otherwise checked at the text's matches. Matching is
//! the inner query's, so the hits, scores and counts are the same whichever clause leads.

use tantivy::columnar::Column;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::Field;
use tantivy::{DateTime, DocId, DocSet, Score, SegmentReader};

/// How many of a segment's documents are read to estimate what a date range matches.
const SAMPLES: u32 = 256;

/// A filter leads only when it yields this many times fewer documents than the cheapest
/// other clause costs. Measured on 200,000 articles (`cargo bench --bench search filtered`,
/// fastest of 80): at 64 every filtered query of the suite was as fast as or faster than
/// with tantivy's own costs (`--mentions 2022` over a phrase 7.9 → 5.2 ms); at 256 a month
/// of dates (1,600 articles) stops leading a phrase, 4% faster still, but a single common
/// word (150,000 postings, each cheap to check) would then be driven past a narrow range.
const CHECK_MARGIN: u64 = 64;

/// Leading with a fast-field range scans the whole column first: a segment's documents
/// counted at this fraction of a posting each (values are compared in bit-packed blocks).
const SCAN_DIVISOR: u64 = 8;

/// What a filter matches, for its cost estimate.
#[derive(Debug, Clone)]
enum Estimate {
    /// The inner scorer's own cost (a term's document frequency: exact).
    Inner,
    /// Documents with a value of date column `field` in `[start, end)`.
    Dates {
        field: Field,
        start: Option<DateTime>,
        end: Option<DateTime>,
    },
}

/// A filter clause with an honest cost (see the module documentation).
#[derive(Debug)]
pub(crate) struct Filter {
    inner: Box<dyn Query>,
    estimate: Estimate,
}

impl Clone for Filter {
    fn clone(&self) -> Self {
        Filter {
            inner: self.inner.box_clone(),
            estimate: self.estimate.clone(),
        }
    }
}

impl Filter {
    /// A filter matching what `inner` matches, costed by its own scorer.
    pub(crate) fn new(inner: Box<dyn Query>) -> Self {
        Filter {
            inner,
            estimate: Estimate::Inner,
        }
    }

    /// A filter on a date range over fast date column `field` (`inner` is that range).
    pub(crate) fn dates(
        inner: Box<dyn Query>,
        field: Field,
        start: Option<DateTime>,
        end: Option<DateTime>,
    ) -> Self {
        Filter {
            inner,
            estimate: Estimate::Dates { field, start, end },
        }
    }
}

impl Query for Filter {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let column = match &self.estimate {
            Estimate::Inner => None,
            Estimate::Dates { field, start, end } => Some((
                enable_scoring.schema().get_field_name(*field).to_string(),
                *start,
                *end,
            )),
        };
        Ok(Box::new(FilterWeight {
            inner: self.inner.weight(enable_scoring)?,
            column,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct FilterWeight {
    inner: Box<dyn Weight>,
    /// The date column and range, for [`Estimate::Dates`].
    column: Option<(String, Option<DateTime>, Option<DateTime>)>,
}

impl FilterWeight {
    /// The cost of leading with this filter in `reader`, given its scorer's own.
    fn cost(&self, reader: &SegmentReader, inner_cost: u64) -> tantivy::Result<u64> {
        let yielded = match &self.column {
            None => return Ok(inner_cost.saturating_mul(CHECK_MARGIN)),
            Some((name, start, end)) => {
                let Some(column) = reader.fast_fields().column_opt::<DateTime>(name)? else {
                    return Ok(0);
                };
                sampled_matches(&column, reader.max_doc(), *start, *end)
            }
        };
        Ok(yielded.saturating_mul(CHECK_MARGIN) + u64::from(reader.max_doc()) / SCAN_DIVISOR)
    }
}

/// Documents of `column` (over `max_doc` documents) with a value in `[start, end)`,
/// estimated from evenly spaced samples; exact for a segment of up to [`SAMPLES`] documents.
fn sampled_matches(
    column: &Column<DateTime>,
    max_doc: u32,
    start: Option<DateTime>,
    end: Option<DateTime>,
) -> u64 {
    if max_doc == 0 {
        return 0;
    }
    let samples = max_doc.min(SAMPLES);
    let inside = |v: &DateTime| start.is_none_or(|s| *v >= s) && end.is_none_or(|e| *v < e);
    let hits = (0..samples)
        .map(|i| (u64::from(i) * u64::from(max_doc) / u64::from(samples)) as DocId)
        .filter(|&doc| column.values_for_doc(doc).any(|v| inside(&v)))
        .count() as u64;
    hits * u64::from(max_doc) / u64::from(samples)
}

impl Weight for FilterWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let inner = self.inner.scorer(reader, boost)?;
        let cost = self.cost(reader, inner.cost())?;

        Ok(Box::new(FilterScorer { inner, cost }))
    }

    fn scorer_danger(
        &self,
        reader: &SegmentReader,
        target: DocId,
        boost: Score,
    ) -> tantivy::Result<(tantivy::SeekDangerResult, Box<dyn Scorer>)> {
        let (result, inner) = self.inner.scorer_danger(reader, target, boost)?;
        let cost = self.cost(reader, inner.cost())?;

        Ok((result, Box::new(FilterScorer { inner, cost })))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.inner.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.inner.count(reader)
    }
}

/// The inner scorer, with the cost [`FilterWeight::cost`] gave it.
struct FilterScorer {
    inner: Box<dyn Scorer>,
    cost: u64,
}

impl DocSet for FilterScorer {
    fn advance(&mut self) -> DocId {
        self.inner.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.inner.seek(target)
    }

    fn seek_danger(&mut self, target: DocId) -> tantivy::SeekDangerResult {
        self.inner.seek_danger(target)
    }

    fn fill_buffer(&mut self, buffer: &mut [DocId; tantivy::COLLECT_BLOCK_BUFFER_LEN]) -> usize {
        self.inner.fill_buffer(buffer)
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }

    fn cost(&self) -> u64 {
        self.cost
    }
}

impl Scorer for FilterScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}

#[cfg(test)]
mod tests {
    use std::ops::Bound;

    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{
        BooleanQuery, ConstScoreQuery, EnableScoring, Occur, PhraseQuery, Query, RangeQuery,
        TermQuery,
    };
    use tantivy::schema::{FAST, INDEXED, IndexRecordOption, STRING, Schema, TEXT};
    use tantivy::{DateTime, Index, IndexWriter, TantivyDocument, Term};

    use super::Filter;

    const DAY: i64 = 86_400;

    /// One segment of 3,000 articles over 1,000 days: words from a small vocabulary, a
    /// publication date (none for every seventh), two mentioned dates, one of four outlets.
    fn index() -> (Index, Schema) {
        let mut b = Schema::builder();
        let body = b.add_text_field("body", TEXT);
        let outlet = b.add_text_field("outlet", STRING);
        let published = b.add_date_field("published", INDEXED | FAST);
        let mentioned = b.add_date_field("mentioned", INDEXED | FAST);
        let schema = b.build();
        let index = Index::create_in_ram(schema.clone());
        let mut w: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let vocab = [
            "rates", "interest", "oil", "prices", "bank", "rise", "fall", "port",
        ];
        let mut x = 7u64;
        for i in 0..3000i64 {
            let mut doc = TantivyDocument::default();
            let words: Vec<&str> = (0..30)
                .map(|_| {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                    vocab[(x >> 33) as usize % vocab.len()]
                })
                .collect();
            doc.add_text(body, words.join(" "));
            doc.add_text(outlet, format!("outlet {}", i % 4));
            if i % 7 != 0 {
                doc.add_date(published, DateTime::from_timestamp_secs(i / 3 * DAY));
            }
            for m in [i % 500, (i * 7) % 1000] {
                doc.add_date(mentioned, DateTime::from_timestamp_secs(m * DAY));
            }
            w.add_document(doc).unwrap();
        }
        w.commit().unwrap();
        (index, schema)
    }

    fn unscored(q: Box<dyn Query>) -> Box<dyn Query> {
        Box::new(ConstScoreQuery::new(q, 0.0))
    }

    /// `[from, to)` days on `field`, plain (as tantivy costs it) and as a [`Filter`].
    fn dates(
        schema: &Schema,
        field: &str,
        from: Option<i64>,
        to: Option<i64>,
    ) -> [Box<dyn Query>; 2] {
        let f = schema.get_field(field).unwrap();
        let at = |d: i64| DateTime::from_timestamp_secs(d * DAY);
        let term = |d: i64| Term::from_field_date_for_search(f, at(d));
        let range = || {
            unscored(Box::new(RangeQuery::new(
                from.map_or(Bound::Unbounded, |d| Bound::Included(term(d))),
                to.map_or(Bound::Unbounded, |d| Bound::Excluded(term(d))),
            )))
        };
        [
            range(),
            Box::new(Filter::dates(range(), f, from.map(at), to.map(at))),
        ]
    }

    fn outlet(schema: &Schema, name: &str) -> [Box<dyn Query>; 2] {
        let f = schema.get_field("outlet").unwrap();
        let term = || -> Box<dyn Query> {
            unscored(Box::new(TermQuery::new(
                Term::from_field_text(f, name),
                IndexRecordOption::Basic,
            )))
        };
        [term(), Box::new(Filter::new(term()))]
    }

    fn texts(schema: &Schema) -> Vec<Box<dyn Query>> {
        let body = schema.get_field("body").unwrap();
        let t = |w: &str| Term::from_field_text(body, w);
        let phrase =
            || -> Box<dyn Query> { Box::new(PhraseQuery::new(vec![t("interest"), t("rates")])) };
        let word = |w: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(t(w), IndexRecordOption::WithFreqs))
        };
        vec![
            phrase(),
            word("port"),
            Box::new(BooleanQuery::new(vec![
                (Occur::Should, phrase()),
                (Occur::Should, word("bank")),
            ])),
        ]
    }

    /// Filtered searches match, score and count the same with a [`Filter`] as with the plain
    /// clause, whether the filter leads (narrow) or is checked at the text's matches (broad).
    #[test]
    fn a_filter_changes_which_clause_leads_never_the_results() {
        let (index, schema) = index();
        let searcher = index.reader().unwrap().searcher();
        let filters = [
            dates(&schema, "published", Some(100), None),
            dates(&schema, "published", Some(990), None),
            dates(&schema, "published", None, Some(3)),
            dates(&schema, "published", Some(2000), None),
            dates(&schema, "mentioned", Some(200), Some(300)),
            dates(&schema, "mentioned", Some(10), Some(11)),
            outlet(&schema, "outlet 1"),
        ];
        let mut checked = 0;
        for text in texts(&schema) {
            for [plain, filter] in &filters {
                let with = |f: &dyn Query| {
                    BooleanQuery::new(vec![
                        (Occur::Must, text.box_clone()),
                        (Occur::Must, f.box_clone()),
                    ])
                };
                let top = TopDocs::with_limit(5000).order_by_score();
                let (a, b) = (with(&**plain), with(&**filter));
                let hits_a = searcher.search(&a, &top).unwrap();
                let hits_b = searcher.search(&b, &top).unwrap();
                assert_eq!(hits_a, hits_b, "{text:?} with {filter:?}");
                assert_eq!(
                    searcher.search(&a, &Count).unwrap(),
                    searcher.search(&b, &Count).unwrap()
                );
                checked += hits_a.len();
            }
        }
        assert!(checked > 1000, "the cases match something: {checked}");
    }

    /// The estimate puts a broad range behind the text and a narrow one in front of it.
    #[test]
    fn a_date_filter_leads_only_when_far_narrower_than_the_text() {
        let (index, schema) = index();
        let searcher = index.reader().unwrap().searcher();
        let segment = &searcher.segment_readers()[0];
        let cost = |q: &dyn Query| {
            q.weight(EnableScoring::enabled_from_searcher(&searcher))
                .unwrap()
                .scorer(segment, 1.0)
                .unwrap()
                .cost()
        };
        let text = cost(&*texts(&schema)[0]);
        let [plain, broad] = dates(&schema, "published", Some(100), None);
        let [_, narrow] = dates(&schema, "published", Some(999), None);
        assert!(
            cost(&*plain) < text,
            "tantivy's own cost lets the range lead"
        );
        assert!(cost(&*broad) > text);
        assert!(cost(&*narrow) < text);
    }
}
