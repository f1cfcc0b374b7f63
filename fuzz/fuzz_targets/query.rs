//! Any text as a search query: parsed, built into a tantivy query, run on a small index.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsdex::search::{SearchRequest, parse_query};
use newsdex::{Article, Error, NewsIndex, WriterOptions};

fn index() -> &'static NewsIndex {
    static INDEX: OnceLock<NewsIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let index = NewsIndex::create_in_ram().expect("index in memory");
        let mut w = index.indexer(WriterOptions::default()).expect("writer");
        let mut a = Article::new(
            "a",
            "a.txt",
            "Iran sent drones to Russia; Kyiv was hit on Saturday.",
        );
        a.title = Some("Drones over Kyiv".into());
        a.language = Some("en".into());
        w.add_article(&a).expect("add");
        w.finish().expect("commit");
        index
    })
}

fuzz_target!(|data: &[u8]| {
    let q = String::from_utf8_lossy(data).into_owned();
    if let Err(e) = parse_query(&q) {
        assert!(e.position <= q.chars().count());
    }
    match index().search(&SearchRequest::new(q)) {
        Ok(_) | Err(Error::Query(_)) | Err(Error::InvalidRequest(_)) => {}
        Err(other) => panic!("unexpected error: {other}"),
    }
});
