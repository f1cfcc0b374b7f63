//! Costly searches on every core. tantivy searches a segment on one thread, and an index
//! built in one run is one segment: a phrase over 200,000 articles checked the positions of
//! some 28,000 of them on one core while the other idled. A query whose scorers announce
//! enough work (tantivy's `cost()`: postings to walk, ten times that for a phrase) has its
//! segments cut into ranges of document ids, searched side by side; the ranges' fruits merge
//! as segments' do. A cheap query runs as tantivy would run it: a thread costs more than it
//! saves.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentOrdinal, SegmentReader, TERMINATED};

/// When a search is cut into ranges.
#[derive(Debug, Clone, Copy)]
struct Limits {
    /// Below this much announced work (postings to walk) a search stays on one thread.
    min_cost: u64,
    /// No range is cut smaller than this many documents.
    min_range_docs: u32,
}

/// Measured on 200,000 generated articles (README, issue 7): a phrase's ~28,000 candidates
/// and an AND of two words in 40,000 articles each gain from a second thread; a single word
/// in 43,000, walked a block at a time, loses more to handing work over than it gains.
const LIMITS: Limits = Limits {
    min_cost: 100_000,
    min_range_docs: 8_192,
};

/// How many postings' work one document of a phrase's term costs: its positions are read.
const POSITION_COST: u64 = 8;

/// The threads a search may use for a setting of [`NewsIndex::set_search_threads`]: 0 is
/// one per core, at most four, asked once (the standard library reads the process's CPU
/// quota from files each time).
///
/// [`NewsIndex::set_search_threads`]: crate::NewsIndex::set_search_threads
pub(super) fn threads(setting: usize) -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    match setting {
        0 => *CORES
            .get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(4))),
        n => n,
    }
}

/// `collector` over `query` on `searcher`, on up to `threads` threads (0: one per core, at
/// most four) when the query is costly; the fruit is the one [`Searcher::search`] gives.
pub(crate) fn search<C: Collector>(
    searcher: &Searcher,
    query: &dyn Query,
    collector: &C,
    threads: usize,
) -> tantivy::Result<C::Fruit> {
    search_with(searcher, query, collector, threads, LIMITS)
}

fn search_with<C: Collector>(
    searcher: &Searcher,
    query: &dyn Query,
    collector: &C,
    threads: usize,
    limits: Limits,
) -> tantivy::Result<C::Fruit> {
    let scoring = if collector.requires_scoring() {
        EnableScoring::enabled_from_searcher(searcher)
    } else {
        EnableScoring::disabled_from_searcher(searcher)
    };
    let weight: Arc<dyn Weight> = Arc::from(query.weight(scoring)?);
    collector.check_schema(searcher.schema())?;
    let readers = searcher.segment_readers();
    let (tasks, threads) = plan(searcher, query, threads, limits);
    let run = |task: &Task| -> tantivy::Result<<C::Child as SegmentCollector>::Fruit> {
        let reader = &readers[task.segment as usize];
        match task.docs {
            None => collector.collect_segment(weight.as_ref(), task.segment, reader),
            Some((from, to)) => {
                let part = Ranged {
                    inner: Arc::clone(&weight),
                    from,
                    to,
                };
                collector.collect_segment(&part, task.segment, reader)
            }
        }
    };
    if threads == 1 {
        let fruits = tasks.iter().map(run).collect::<tantivy::Result<Vec<_>>>()?;
        return collector.merge_fruits(fruits);
    }
    // Each thread takes the next task until none is left; fruits go back in task order, so
    // the merge sees the same sequence whatever the timing.
    let next = AtomicUsize::new(0);
    let fruits: Mutex<Vec<Option<tantivy::Result<_>>>> =
        Mutex::new((0..tasks.len()).map(|_| None).collect());
    let work = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(task) = tasks.get(i) else { break };
            let fruit = run(task);
            if let Ok(mut all) = fruits.lock() {
                all[i] = Some(fruit);
            }
        }
    };
    // The calling thread works too; the others come from rayon's pool, started once per
    // process (a thread started per search cost a warm search more than it saved).
    rayon::in_place_scope(|s| {
        for _ in 1..threads {
            s.spawn(|_| work());
        }
        work();
    });
    let fruits = fruits
        .into_inner()
        .map_err(|_| tantivy::TantivyError::InternalError("a search thread panicked".into()))?
        .into_iter()
        .map(|f| {
            f.unwrap_or_else(|| {
                Err(tantivy::TantivyError::InternalError(
                    "a search thread stopped early".into(),
                ))
            })
        })
        .collect::<tantivy::Result<Vec<_>>>()?;
    collector.merge_fruits(fruits)
}

/// A segment, or a range `[from, to)` of its documents, to collect.
struct Task {
    segment: SegmentOrdinal,
    docs: Option<(DocId, DocId)>,
}

/// The tasks and the threads to run them on: every segment whole on one thread, unless the
/// query's announced cost calls for more; then each segment large enough is cut into up to
/// `threads` ranges of equal size.
fn plan(
    searcher: &Searcher,
    query: &dyn Query,
    threads: usize,
    limits: Limits,
) -> (Vec<Task>, usize) {
    let readers = searcher.segment_readers();
    let whole = |i: usize| Task {
        segment: i as SegmentOrdinal,
        docs: None,
    };
    let big = |r: &SegmentReader| r.max_doc() >= 2 * limits.min_range_docs;
    if threads == 1 || !readers.iter().any(big) {
        return ((0..readers.len()).map(whole).collect(), 1);
    }
    let cost = announced_cost(searcher, query);
    if cost < limits.min_cost {
        return ((0..readers.len()).map(whole).collect(), 1);
    }
    let threads = self::threads(threads);
    if threads == 1 {
        return ((0..readers.len()).map(whole).collect(), 1);
    }
    let mut tasks = Vec::new();
    for (i, r) in readers.iter().enumerate() {
        let parts = (r.max_doc() / limits.min_range_docs).clamp(1, threads as u32);
        if parts < 2 {
            tasks.push(whole(i));
            continue;
        }
        let step = r.max_doc().div_ceil(parts);
        for p in 0..parts {
            let from = p * step;
            let to = (from + step).min(r.max_doc());
            tasks.push(Task {
                segment: i as SegmentOrdinal,
                docs: Some((from, to)),
            });
        }
    }
    let threads = threads.min(tasks.len());
    (tasks, threads)
}

/// The postings the query's terms hold, a term that must be matched by position (in a
/// phrase) counting [`POSITION_COST`] times.
fn announced_cost(searcher: &Searcher, query: &dyn Query) -> u64 {
    let mut cost = 0u64;
    query.query_terms(&mut |term, positions| {
        let docs = searcher.doc_freq(term).unwrap_or(0);
        cost = cost.saturating_add(docs * if positions { POSITION_COST } else { 1 });
    });
    cost
}

/// A weight whose scorers see only documents `[from, to)` of their segment.
struct Ranged {
    inner: Arc<dyn Weight>,
    from: DocId,
    to: DocId,
}

impl Weight for Ranged {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut inner = self.inner.scorer(reader, boost)?;
        if inner.doc() < self.from {
            inner.seek(self.from);
        }
        Ok(Box::new(RangedScorer { inner, to: self.to }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.inner.explain(reader, doc)
    }
}

struct RangedScorer {
    inner: Box<dyn Scorer>,
    to: DocId,
}

impl DocSet for RangedScorer {
    fn advance(&mut self) -> DocId {
        if self.inner.doc() >= self.to {
            return TERMINATED;
        }
        let doc = self.inner.advance();
        if doc >= self.to { TERMINATED } else { doc }
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if target >= self.to {
            return TERMINATED;
        }
        let doc = self.inner.seek(target);
        if doc >= self.to { TERMINATED } else { doc }
    }

    fn doc(&self) -> DocId {
        let doc = self.inner.doc();
        if doc >= self.to { TERMINATED } else { doc }
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl Scorer for RangedScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::QueryParser;
    use tantivy::schema::{STRING, Schema, TEXT};
    use tantivy::{Index, IndexWriter, TantivyDocument, Term};

    use super::*;

    const SMALL: Limits = Limits {
        min_cost: 500,
        min_range_docs: 100,
    };

    /// Three segments of 1,200, 900 and 300 documents of 12 words each from a small
    /// vocabulary, and every 13th document of the first deleted.
    fn index() -> (Index, QueryParser) {
        let mut b = Schema::builder();
        let body = b.add_text_field("body", TEXT);
        let id = b.add_text_field("id", STRING);
        let index = Index::create_in_ram(b.build());
        let mut w: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        w.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        let vocab = [
            "interest", "rates", "oil", "prices", "bank", "rise", "fall", "port",
        ];
        let mut x = 11u64;
        let mut n = 0;
        for size in [1200, 900, 300] {
            for _ in 0..size {
                let words: Vec<&str> = (0..12)
                    .map(|_| {
                        x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                        vocab[(x >> 33) as usize % vocab.len()]
                    })
                    .collect();
                let mut doc = TantivyDocument::default();
                doc.add_text(body, words.join(" "));
                doc.add_text(id, n.to_string());
                w.add_document(doc).unwrap();
                n += 1;
            }
            w.commit().unwrap();
        }
        for d in (0..1200).step_by(13) {
            w.delete_term(Term::from_field_text(id, &d.to_string()));
        }
        w.commit().unwrap();
        let parser = QueryParser::for_index(&index, vec![body]);
        (index, parser)
    }

    #[test]
    fn ranges_find_what_one_thread_finds() {
        let (index, parser) = index();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 3);
        let top = (TopDocs::with_limit(25).order_by_score(), Count);
        for text in [
            "\"interest rates\"",
            "oil",
            "oil AND prices",
            "bank OR port",
            "\"rates rise\" -oil",
            "\"oil prices fall\"",
        ] {
            let query = parser.parse_query(text).unwrap();
            let want = searcher.search(&*query, &top).unwrap();
            assert!(want.1 > 0, "{text} matches");
            for threads in [1, 2, 3, 4] {
                let got = search_with(&searcher, &*query, &top, threads, SMALL).unwrap();
                assert_eq!(got.1, want.1, "{text}: count, {threads} threads");
                assert_eq!(got.0, want.0, "{text}: hits, {threads} threads");
            }
        }
    }

    #[test]
    fn only_a_costly_query_is_cut_and_small_segments_stay_whole() {
        let (index, parser) = index();
        let searcher = index.reader().unwrap().searcher();
        let costly = parser.parse_query("\"interest rates\"").unwrap();
        let (tasks, threads) = plan(&searcher, &*costly, 2, SMALL);
        assert_eq!(threads, 2);
        let ranges: Vec<_> = tasks.iter().map(|t| (t.segment, t.docs)).collect();
        assert_eq!(
            ranges,
            [
                (0, Some((0, 600))),
                (0, Some((600, 1200))),
                (1, Some((0, 450))),
                (1, Some((450, 900))),
                (2, Some((0, 150))),
                (2, Some((150, 300))),
            ]
        );
        // Fewer documents than two ranges' worth (900 and 300 of 2 × 500): whole.
        let bigger = Limits {
            min_range_docs: 500,
            ..SMALL
        };
        let (tasks, _) = plan(&searcher, &*costly, 2, bigger);
        let whole: Vec<_> = tasks
            .iter()
            .filter(|t| t.docs.is_none())
            .map(|t| t.segment)
            .collect();
        assert_eq!(whole, [1, 2]);
        // A query announcing little work, or one thread asked for: one task a segment.
        let cheap = Limits {
            min_cost: u64::MAX,
            ..SMALL
        };
        for (threads, limits) in [(2, cheap), (1, SMALL)] {
            let (tasks, threads) = plan(&searcher, &*costly, threads, limits);
            assert_eq!((tasks.len(), threads), (3, 1));
            assert!(tasks.iter().all(|t| t.docs.is_none()));
        }
    }

    #[test]
    fn a_phrase_costs_more_than_a_word_as_common() {
        let (index, parser) = index();
        let searcher = index.reader().unwrap().searcher();
        let word = announced_cost(&searcher, &*parser.parse_query("interest").unwrap());
        let phrase = announced_cost(
            &searcher,
            &*parser.parse_query("\"interest interest\"").unwrap(),
        );
        assert!(word > 0);
        assert_eq!(phrase, 2 * POSITION_COST * word);
    }

    #[test]
    fn a_range_sees_only_its_documents() {
        let (index, parser) = index();
        let searcher = index.reader().unwrap().searcher();
        let reader = &searcher.segment_readers()[1];
        let query = parser.parse_query("oil").unwrap();
        let weight: Arc<dyn Weight> = Arc::from(
            query
                .weight(EnableScoring::disabled_from_searcher(&searcher))
                .unwrap(),
        );
        let docs = |from, to| {
            let part = Ranged {
                inner: Arc::clone(&weight),
                from,
                to,
            };
            let mut scorer = part.scorer(reader, 1.0).unwrap();
            let mut seen = Vec::new();
            while scorer.doc() != TERMINATED {
                seen.push(scorer.doc());
                scorer.advance();
            }
            seen
        };
        let all = docs(0, 900);
        assert!(all.len() > 100);
        let cut = all[40];
        let (left, right) = (docs(0, cut), docs(cut, 900));
        assert_eq!(left, all[..40]);
        assert_eq!(right, all[40..]);
        assert!(docs(900, 900).is_empty());
        // Seeking past the range ends it.
        let part = Ranged {
            inner: Arc::clone(&weight),
            from: 0,
            to: cut,
        };
        let mut scorer = part.scorer(reader, 1.0).unwrap();
        assert_eq!(scorer.seek(cut), TERMINATED);
    }
}
