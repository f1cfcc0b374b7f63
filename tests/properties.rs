//! Property tests: the parsers and the query builder take any input without panicking, and
//! their errors point inside the input.

use newsdex::extract::{ExtractOptions, dates::parse_date, extract, text::normalise};
use newsdex::ingest::{Format, SourceFile, read};
use newsdex::search::{DateBound, SearchRequest, parse_query};
use newsdex::{Article, Error, NewsIndex, WriterOptions};
use proptest::prelude::*;

/// Text with the characters the parsers care about over-represented.
fn tricky() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("\"".to_string()),
            Just("(".to_string()),
            Just(")".to_string()),
            Just(":".to_string()),
            Just("*".to_string()),
            Just("~".to_string()),
            Just("-".to_string()),
            Just("+".to_string()),
            Just("[".to_string()),
            Just("]".to_string()),
            Just(" TO ".to_string()),
            Just(" AND ".to_string()),
            Just(" OR ".to_string()),
            Just("NOT ".to_string()),
            Just("title:".to_string()),
            Just("published:".to_string()),
            Just("\\".to_string()),
            "[a-zA-Zа-я0-9 ]{0,8}",
            "\\PC{0,4}",
        ],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

/// One small index shared by every case.
fn index() -> &'static NewsIndex {
    use std::sync::OnceLock;
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn queries_parse_or_point_inside_themselves(q in tricky()) {
        match parse_query(&q) {
            Ok(_) => {}
            Err(e) => prop_assert!(e.position <= q.chars().count(), "{e}"),
        }
    }

    #[test]
    fn any_query_runs_or_fails_cleanly(q in tricky()) {
        match index().search(&SearchRequest::new(q.clone())) {
            Ok(r) => prop_assert!(r.total <= 1),
            Err(Error::Query(_)) | Err(Error::InvalidRequest(_)) => {}
            Err(other) => prop_assert!(false, "{q:?}: unexpected error {other}"),
        }
    }

    #[test]
    fn dates_never_panic(s in "\\PC{0,40}") {
        let _ = parse_date(&s);
        let _ = DateBound::parse(&s);
    }

    #[test]
    fn written_dates_in_range_round_trip(y in 1950i32..2090, m in 1u32..=12, d in 1u32..=28) {
        let iso = format!("{y:04}-{m:02}-{d:02}");
        prop_assert_eq!(parse_date(&iso).map(|x| x.to_string()), Some(iso));
    }

    #[test]
    fn every_format_reads_any_text_without_panicking(text in "\\PC{0,300}", fmt in 0usize..5) {
        let format = [Format::Text, Format::Markdown, Format::Html, Format::Json, Format::JsonLines][fmt];
        let file = SourceFile::from_text("x", format, text);
        if let Ok(outcome) = read(&file) {
            for raw in outcome.articles {
                let _ = extract(raw, &ExtractOptions::default());
            }
        }
    }

    #[test]
    fn front_matter_and_headers_of_any_shape(key in "[a-zA-Z]{1,10}", value in "\\PC{0,30}", fence in prop_oneof![Just("---"), Just("+++")]) {
        let text = format!("{fence}\n{key}: {value}\n{fence}\nBody text.");
        let _ = read(&SourceFile::from_text("x.md", Format::Markdown, text.clone()));
        let _ = read(&SourceFile::from_text("x.txt", Format::Text, text));
    }

    #[test]
    fn normalised_text_has_no_runs_of_blank_lines(text in "[a-z \\n\\t]{0,200}") {
        let n = normalise(&text);
        prop_assert!(!n.contains("\n\n\n"));
        prop_assert_eq!(n.trim(), n.as_str());
    }
}
