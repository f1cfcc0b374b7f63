//! Warm in-process search latency (divan): the fixed query set of `bench/suite.py`, run
//! again and again against one open index.
//!
//! `NEWSDEX_BENCH_INDEX=DIR cargo bench --bench search` measures an index built beforehand
//! (e.g. by `bench/suite.py --keep` over 200,000 generated articles); without it, the bench
//! indexes `sample-corpus/` into a temporary folder first. `NEWSDEX_BENCH_THREADS=N` sets the
//! threads a costly search may use (`NewsIndex::set_search_threads`; default: one per core).

use std::path::PathBuf;
use std::sync::LazyLock;

use newsdex::search::{Operator, SearchRequest};
use newsdex::{NewsIndex, WriterOptions};

fn main() {
    divan::main();
}

struct Opened {
    index: NewsIndex,
    _tmp: Option<tempfile::TempDir>,
}

static INDEX: LazyLock<Opened> = LazyLock::new(|| {
    let opened = open();
    if let Ok(n) = std::env::var("NEWSDEX_BENCH_THREADS") {
        let n = n.parse().expect("NEWSDEX_BENCH_THREADS is a number");
        opened.index.set_search_threads(n);
    }
    opened
});

fn open() -> Opened {
    if let Some(dir) = std::env::var_os("NEWSDEX_BENCH_INDEX") {
        let index = NewsIndex::open(&dir).expect("NEWSDEX_BENCH_INDEX is a newsdex index");
        return Opened { index, _tmp: None };
    }
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let index = NewsIndex::create(tmp.path().join("idx")).expect("a new index");
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-corpus");
    let mut w = index.indexer(WriterOptions::default()).expect("a writer");
    w.add_paths(&[corpus], &|_| {})
        .expect("sample-corpus indexes");
    w.finish().expect("a commit");
    Opened {
        index,
        _tmp: Some(tmp),
    }
}

/// `query` over articles published since `date`.
fn since(query: &str, date: &str) -> SearchRequest {
    SearchRequest::new(query).since(date).expect("a valid date")
}

/// (label, request) pairs: the suite's query set.
fn request(label: &str) -> SearchRequest {
    let r = match label {
        "single_term" => SearchRequest::new("oil"),
        "rare_term" => SearchRequest::new("tungsten"),
        "and" => SearchRequest::new("oil AND prices"),
        "or" => SearchRequest::new("gold OR silver").operator(Operator::Or),
        "phrase" => SearchRequest::new("\"interest rates\""),
        "phrase_since" => since("\"interest rates\"", "2020-01-01"),
        "term_outlet" => SearchRequest::new("oil").outlet("Harbor Times"),
        // Filters over a phrase and a common term, broad and narrow, for how a filter and
        // the text share the work (src/search/query/filter.rs).
        "phrase_since_month" => since("\"interest rates\"", "2024-12-01"),
        "phrase_since_days" => since("\"interest rates\"", "2024-12-28"),
        "term_since" => since("oil", "2020-01-01"),
        "term_since_month" => since("oil", "2024-12-01"),
        "rare_since" => since("tungsten", "2020-01-01"),
        "phrase_outlet" => SearchRequest::new("\"interest rates\"").outlet("Harbor Times"),
        "phrase_lang" => SearchRequest::new("\"interest rates\"").language("en"),
        "phrase_entity" => SearchRequest::new("\"interest rates\"").entity("Federal Reserve"),
        "phrase_mentions" => SearchRequest::new("\"interest rates\"")
            .mentions("2022")
            .expect("a valid period"),
        other => panic!("unknown query {other}"),
    };
    r.limit(10)
}

const QUERIES: &[&str] = &[
    "single_term",
    "rare_term",
    "and",
    "or",
    "phrase",
    "phrase_since",
    "term_outlet",
];

const FILTERED: &[&str] = &[
    "phrase_since",
    "phrase_since_month",
    "phrase_since_days",
    "term_outlet",
    "term_since",
    "term_since_month",
    "rare_since",
    "phrase_outlet",
    "phrase_lang",
    "phrase_entity",
    "phrase_mentions",
];

/// Top 10 of filtered searches: which clause leads the intersection.
#[divan::bench(args = FILTERED)]
fn filtered(bencher: divan::Bencher, label: &str) {
    let index = &INDEX.index;
    let req = request(label);
    bencher.bench(|| index.search(&req).expect("search runs"));
}

/// Top 10 with exact count, stored fields and snippets: what the CLI prints.
#[divan::bench(args = QUERIES)]
fn top10_with_snippets(bencher: divan::Bencher, label: &str) {
    let index = &INDEX.index;
    let req = request(label);
    bencher.bench(|| index.search(&req).expect("search runs"));
}

/// Exact count only (`--count`).
#[divan::bench(args = QUERIES)]
fn count_only(bencher: divan::Bencher, label: &str) {
    let index = &INDEX.index;
    let req = request(label).limit(0);
    bencher.bench(|| index.search(&req).expect("search runs"));
}
