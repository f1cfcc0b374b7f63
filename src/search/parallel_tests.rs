//! Tests of [`super`]: ranges against tantivy's own search, the plan, the cost estimate.

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
