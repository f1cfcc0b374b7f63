//! Costly searches on every core. tantivy searches a segment on one thread, and an index
//! built in one run is one segment: a phrase over 200,000 articles checked the positions of
//! some 28,000 of them on one core while the other idled. A query whose terms announce
//! enough work (the articles holding them, [`POSITION_COST`] times as many for a phrase's
//! terms; tantivy's own `cost()` was no guide once filters wrap the text query) has its
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
    // Each thread takes the next task until none is left; fruits are put back in task order,
    // so the merge sees the same sequence whatever the timing.
    let next = AtomicUsize::new(0);
    let done = Mutex::new(Vec::with_capacity(tasks.len()));
    let work = || {
        let mut mine = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(task) = tasks.get(i) else { break };
            mine.push((i, run(task)));
        }
        done.lock().unwrap_or_else(|p| p.into_inner()).extend(mine);
    };
    // The calling thread works too; the others come from rayon's pool, started once per
    // process (a thread started per search cost a warm search more than it saved).
    rayon::in_place_scope(|s| {
        for _ in 1..threads {
            s.spawn(|_| work());
        }
        work();
    });
    let mut done = done.into_inner().unwrap_or_else(|p| p.into_inner());
    done.sort_unstable_by_key(|(i, _)| *i);
    let fruits = done
        .into_iter()
        .map(|(_, fruit)| fruit)
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
    // Cheapest test first: the cores are asked for only when a search is worth cutting.
    let threads = if threads == 1
        || !readers.iter().any(big)
        || announced_cost(searcher, query) < limits.min_cost
    {
        1
    } else {
        self::threads(threads)
    };
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
#[path = "parallel_tests.rs"]
mod tests;
