//! The library API: `NewsIndex` on a temp folder (and in RAM), `Indexer`, `SearchRequest`
//! and its builder, ranking, filters, sorting, paging, snippets, stats, upserts.

use std::path::{Path, PathBuf};

use newsdex::search::{Operator, SearchRequest, Sort};
use newsdex::{Article, Error, NewsDate, NewsIndex, SearchResults, WriterOptions};

use crate::util::{TestEnv, ids, sample_corpus};

/// Indexes `folder` into a new index at `dir` through the library, returning the index.
fn index_folder(dir: &Path, folder: &Path) -> (NewsIndex, newsdex::IndexReport) {
    let index = NewsIndex::open_or_create(dir).expect("open_or_create");
    let mut indexer = index.indexer(WriterOptions::default()).expect("indexer");
    indexer
        .add_paths(&[folder.to_path_buf()], &|_| {})
        .expect("add_paths");
    let report = indexer.finish().expect("finish");
    (index, report)
}

fn search(index: &NewsIndex, req: &SearchRequest) -> SearchResults {
    index
        .search(req)
        .unwrap_or_else(|e| panic!("search {:?}: {e}", req.query))
}

/// Six small articles about a coastal town, with distinct titles, outlets, dates, languages.
fn write_town(env: &TestEnv) -> PathBuf {
    env.write(
        "lighthouse.txt",
        "Title: Lighthouse Keeper Retires After Forty Years\nOutlet: Coast Herald\nDate: 2022-03-10\n\n\
         The keeper of the point retired on Friday. Fishermen gathered on the quay to thank him.",
    );
    env.write(
        "harbour.txt",
        "Title: Harbour Dues Rise for Fishing Boats\nOutlet: Coast Herald\nDate: 2022-06-15\n\n\
         Fishing boats will pay higher harbour dues from July, the port authority said, \
         though the lighthouse on the point will keep its grant. The dues pay for dredging.",
    );
    env.write(
        "regatta.md",
        "---\ntitle: Regatta Returns After Two-Year Break\noutlet: Bay Review\ndate: 2022-08-20\n---\n\n\
         The summer regatta returned to the bay with sixty boats racing around the buoys.\n",
    );
    env.write(
        "storm.json",
        r#"{"id": "br-storm", "title": "Storm Floods Seafront Cafés", "text": "A winter storm flooded the seafront cafés and tore boats from their moorings.", "date": "2023-01-12T06:30:00+01:00", "source": "Bay Review", "language": "en"}"#,
    );
    env.write(
        "sturm.json",
        r#"{"id": "kb-sturm", "title": "Sturm überflutet Cafés an der Promenade", "text": "Ein Wintersturm hat die Cafés an der Promenade überflutet und Boote losgerissen.", "date": "2023-01-13", "source": "Küstenbote", "language": "de"}"#,
    );
    env.write(
        "undated.md",
        "---\ntitle: A Guide to the Boats of the Bay\noutlet: Bay Review\n---\n\n\
         Fishing boats, sailing boats and ferries share the bay.\n",
    );
    env.corpus()
}

fn town_index(env: &TestEnv) -> NewsIndex {
    let corpus = write_town(env);
    let (index, report) = index_folder(&env.index_dir(), &corpus);
    assert_eq!(report.articles_added, 6, "{report:?}");
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    index
}

#[test]
fn library_indexes_a_folder_and_reports_it() {
    let env = TestEnv::new();
    let corpus = write_town(&env);
    let (index, report) = index_folder(&env.index_dir(), &corpus);
    assert_eq!(report.files_seen, 6);
    assert_eq!(report.files_indexed, 6);
    assert_eq!(report.articles_added, 6);
    assert_eq!(report.articles_indexed(), 6);
    assert!(report.commits >= 1);
    assert_eq!(index.dir(), Some(env.index_dir().as_path()));
    // A second indexer over the same folder finds nothing to do.
    let mut again = index.indexer(WriterOptions::default()).unwrap();
    again.add_paths(&[corpus], &|_| {}).unwrap();
    let second = again.finish().unwrap();
    assert_eq!(second.files_unchanged, 6, "{second:?}");
    assert_eq!(second.articles_indexed(), 0, "{second:?}");
}

#[test]
fn title_match_ranks_above_body_only_match() {
    let env = TestEnv::new();
    let index = town_index(&env);
    let r = search(&index, &SearchRequest::new("lighthouse"));
    assert_eq!(r.total, 2);
    assert_eq!(
        r.hits[0].title.as_deref(),
        Some("Lighthouse Keeper Retires After Forty Years"),
        "the title match comes first: {:?}",
        ids(&r)
    );
    assert_eq!(
        r.hits[1].title.as_deref(),
        Some("Harbour Dues Rise for Fishing Boats")
    );
    assert!(r.hits[0].score > r.hits[1].score);
}

#[test]
fn more_matching_words_rank_higher_with_or() {
    let env = TestEnv::new();
    let index = town_index(&env);
    let r = search(
        &index,
        &SearchRequest::new("harbour dues dredging").operator(Operator::Or),
    );
    assert_eq!(
        r.hits[0].title.as_deref(),
        Some("Harbour Dues Rise for Fishing Boats")
    );
    let and = search(&index, &SearchRequest::new("harbour regatta"));
    assert_eq!(and.total, 0, "AND by default");
    let or = search(
        &index,
        &SearchRequest::new("harbour regatta").operator(Operator::Or),
    );
    assert_eq!(or.total, 2);
}

#[test]
fn outlet_filter_is_case_insensitive_and_repeatable() {
    let env = TestEnv::new();
    let index = town_index(&env);
    let herald = search(&index, &SearchRequest::new("").outlet("coast herald"));
    assert_eq!(herald.total, 2);
    assert!(
        herald
            .hits
            .iter()
            .all(|h| h.outlet.as_deref() == Some("Coast Herald"))
    );
    let two = search(
        &index,
        &SearchRequest::new("")
            .outlet("COAST HERALD")
            .outlet("küstenbote"),
    );
    assert_eq!(two.total, 3);
    let none = search(&index, &SearchRequest::new("").outlet("Coast"));
    assert_eq!(none.total, 0, "outlet names match whole, not by word");
}

#[test]
fn since_and_until_filter_by_publication_period() {
    let env = TestEnv::new();
    let index = town_index(&env);
    let since = search(&index, &SearchRequest::new("").since("2023").unwrap());
    let mut got = ids(&since);
    got.sort();
    assert_eq!(got, ["br-storm", "kb-sturm"]);
    let until = search(&index, &SearchRequest::new("").until("2022-06").unwrap());
    assert_eq!(until.total, 2, "{:?}", ids(&until));
    // A day is a whole period: --since and --until the same day include it.
    let day = search(
        &index,
        &SearchRequest::new("")
            .since("2022-08-20")
            .unwrap()
            .until("2022-08-20")
            .unwrap(),
    );
    assert_eq!(day.total, 1);
    assert_eq!(
        day.hits[0].title.as_deref(),
        Some("Regatta Returns After Two-Year Break")
    );
    // The undated guide never passes a date filter.
    let all_dated = search(&index, &SearchRequest::new("").since("1900").unwrap());
    assert_eq!(all_dated.total, 5);
}

#[test]
fn inverted_date_range_and_bad_periods_are_errors() {
    let env = TestEnv::new();
    let index = town_index(&env);
    let req = SearchRequest::new("boats")
        .since("2023")
        .unwrap()
        .until("2022")
        .unwrap();
    assert!(matches!(index.search(&req), Err(Error::InvalidRequest(_))));
    assert!(matches!(
        SearchRequest::new("x").since("yesterday"),
        Err(Error::InvalidRequest(_))
    ));
}

#[test]
fn language_filter() {
    let env = TestEnv::new();
    let index = town_index(&env);
    let de = search(&index, &SearchRequest::new("").language("de"));
    assert_eq!(ids(&de), ["kb-sturm"]);
    let by_name = search(&index, &SearchRequest::new("").language("German"));
    assert_eq!(ids(&by_name), ["kb-sturm"]);
    let en = search(&index, &SearchRequest::new("").language("en"));
    assert_eq!(en.total, 5);
}

#[test]
fn sort_newest_and_oldest_put_undated_last() {
    let env = TestEnv::new();
    let index = town_index(&env);
    let day = |h: &newsdex::Hit| {
        h.published
            .as_deref()
            .map(|p| NewsDate::parse(p).unwrap().to_utc())
    };
    let newest = search(&index, &SearchRequest::new("").sort(Sort::Newest));
    let oldest = search(&index, &SearchRequest::new("").sort(Sort::Oldest));
    assert_eq!(newest.total, 6);
    let n: Vec<_> = newest.hits.iter().map(day).collect();
    let o: Vec<_> = oldest.hits.iter().map(day).collect();
    assert_eq!(n[5], None, "undated last: {n:?}");
    assert_eq!(o[5], None, "undated last: {o:?}");
    assert!(n[..5].windows(2).all(|w| w[0] >= w[1]), "{n:?}");
    assert!(o[..5].windows(2).all(|w| w[0] <= w[1]), "{o:?}");
    assert_eq!(newest.hits[0].id, "kb-sturm");
    assert_eq!(
        oldest.hits[0].title.as_deref(),
        Some("Lighthouse Keeper Retires After Forty Years")
    );
    // Date-sorted hits still carry a score.
    let scored = search(&index, &SearchRequest::new("boats").sort(Sort::Newest));
    assert!(scored.hits.iter().all(|h| h.score > 0.0));
}

#[test]
fn limit_and_offset_page_through_results() {
    let env = TestEnv::new();
    let index = town_index(&env);
    let all = search(&index, &SearchRequest::new("").sort(Sort::Oldest));
    let p1 = search(&index, &SearchRequest::new("").sort(Sort::Oldest).limit(2));
    let p2 = search(
        &index,
        &SearchRequest::new("").sort(Sort::Oldest).limit(2).offset(2),
    );
    let p3 = search(
        &index,
        &SearchRequest::new("").sort(Sort::Oldest).limit(2).offset(4),
    );
    for p in [&p1, &p2, &p3] {
        assert_eq!(p.total, 6);
        assert_eq!(p.hits.len(), 2);
    }
    assert_eq!(p2.offset, 2);
    let joined: Vec<String> = [ids(&p1), ids(&p2), ids(&p3)].concat();
    assert_eq!(joined, ids(&all));
    let count_only = search(&index, &SearchRequest::new("boats").limit(0));
    assert!(count_only.hits.is_empty());
    assert_eq!(
        count_only.total,
        search(&index, &SearchRequest::new("boats")).total
    );
}

#[test]
fn snippet_marks_the_matched_words() {
    let env = TestEnv::new();
    let index = town_index(&env);
    let r = search(&index, &SearchRequest::new("dredging"));
    let snippet = r.hits[0]
        .snippet
        .as_ref()
        .expect("snippets are on by default");
    assert!(!snippet.highlights.is_empty());
    let marked = snippet.marked("[", "]");
    assert!(marked.contains("[dredging]"), "{marked}");
    assert_eq!(marked.matches('[').count(), snippet.highlights.len());
    // Without markers, marked() gives the text back.
    assert_eq!(snippet.marked("", ""), snippet.text);
    // A title-only match gets the opening of the body, unhighlighted.
    let t = search(&index, &SearchRequest::new("title:regatta"));
    let s = t.hits[0].snippet.as_ref().unwrap();
    assert!(s.text.starts_with("The summer regatta"), "{}", s.text);
    // snippet_chars(0) turns snippets off.
    let off = search(&index, &SearchRequest::new("dredging").snippet_chars(0));
    assert!(off.hits[0].snippet.is_none());
}

#[test]
fn snippets_of_long_bodies_stay_near_the_requested_length() {
    let index = NewsIndex::create_in_ram().unwrap();
    let mut w = index.indexer(WriterOptions::default()).unwrap();
    let filler = "The council met again to discuss the budget for roads. ".repeat(40);
    let mut a = Article::new(
        "long",
        "long.txt",
        format!("{filler}Then the marina was sold. {filler}"),
    );
    a.title = Some("Council Sells Marina".into());
    w.add_article(&a).unwrap();
    w.finish().unwrap();
    let r = search(&index, &SearchRequest::new("marina").snippet_chars(120));
    let s = r.hits[0].snippet.as_ref().unwrap();
    assert!(
        s.text.chars().count() <= 160,
        "{} chars",
        s.text.chars().count()
    );
    assert!(
        s.marked("<b>", "</b>").contains("<b>marina</b>"),
        "{}",
        s.text
    );
    // Cut out of the middle of the body: "…" at both ends.
    assert!(
        s.text.starts_with('…') && s.text.ends_with('…'),
        "{}",
        s.text
    );
}

#[test]
fn stats_reports_articles_outlets_languages_and_dates() {
    let env = TestEnv::new();
    let index = town_index(&env);
    let s = index.stats().unwrap();
    assert_eq!(s.articles, 6);
    assert_eq!(s.undated, 1);
    let outlet = |name: &str| {
        s.outlets
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.articles)
    };
    assert_eq!(outlet("Bay Review"), Some(3));
    assert_eq!(outlet("Coast Herald"), Some(2));
    assert_eq!(outlet("Küstenbote"), Some(1));
    assert_eq!(s.outlets[0].name, "Bay Review", "most articles first");
    assert!(
        s.languages
            .iter()
            .any(|l| l.name == "de" && l.articles == 1)
    );
    assert!(
        s.first_published
            .as_deref()
            .unwrap()
            .starts_with("2022-03-10")
    );
    assert!(
        s.last_published
            .as_deref()
            .unwrap()
            .starts_with("2023-01-13")
    );
    assert!(s.index_bytes > 0);
    assert_eq!(s.schema_version, index.schema().version());
}

#[test]
fn add_article_upserts_by_id() {
    let env = TestEnv::new();
    let index = NewsIndex::open_or_create(env.index_dir()).unwrap();
    let mut w = index.indexer(WriterOptions::default()).unwrap();
    let mut a = Article::new("same-id", "memo.txt", "The pier reopened after repairs.");
    a.title = Some("Pier Reopens".into());
    w.add_article(&a).unwrap();
    w.commit().unwrap();
    a.body = "The pier reopened after repairs, with a new café.".into();
    a.title = Some("Pier Reopens With New Café".into());
    w.add_article(&a).unwrap();
    let report = w.finish().unwrap();
    assert_eq!(report.articles_added, 1);
    assert_eq!(report.articles_updated, 1);
    assert_eq!(index.stats().unwrap().articles, 1);
    let r = search(&index, &SearchRequest::new("pier"));
    assert_eq!(r.total, 1);
    assert_eq!(
        r.hits[0].title.as_deref(),
        Some("Pier Reopens With New Café")
    );

    // A later indexer (another "run") upserts too.
    let mut w = index.indexer(WriterOptions::default()).unwrap();
    w.add_article(&a).unwrap();
    let again = w.finish().unwrap();
    assert_eq!(again.articles_added, 0);
    assert_eq!(again.articles_updated, 1);
    assert_eq!(index.stats().unwrap().articles, 1);
}

#[test]
fn create_in_ram_indexes_and_searches() {
    let index = NewsIndex::create_in_ram().unwrap();
    assert_eq!(index.dir(), None);
    assert_eq!(index.stats().unwrap().articles, 0);
    let mut w = index.indexer(WriterOptions::default()).unwrap();
    let mut a = Article::new(
        "r1",
        "r1.txt",
        "Iran sent drones to Russia, officials said.",
    );
    a.title = Some("Drones Sent".into());
    a.outlet = Some("Ram Wire".into());
    a.published = NewsDate::parse("2022-11-05");
    a.language = Some("en".into());
    w.add_article(&a).unwrap();
    w.add_article(&Article::new("r2", "r2.txt", "Rain fell all day."))
        .unwrap();
    w.finish().unwrap();
    let r = search(
        &index,
        &SearchRequest::new("drones AND iran")
            .outlet("ram wire")
            .since("2022")
            .unwrap(),
    );
    assert_eq!(r.total, 1);
    let hit = &r.hits[0];
    assert_eq!(hit.id, "r1");
    assert_eq!(hit.published.as_deref(), Some("2022-11-05"));
    assert_eq!(hit.outlet.as_deref(), Some("Ram Wire"));
    assert_eq!(
        hit.snippet.as_ref().unwrap().marked("*", "*"),
        "*Iran* sent *drones* to Russia, officials said."
    );
    let s = index.stats().unwrap();
    assert_eq!(s.articles, 2);
    assert_eq!(s.index_bytes, 0);
}

#[test]
fn query_errors_carry_the_position() {
    let index = NewsIndex::create_in_ram().unwrap();
    match index.search(&SearchRequest::new("boats AND (harbour")) {
        Err(Error::Query(e)) => {
            assert_eq!(e.position, 10);
            assert_eq!(e.query, "boats AND (harbour");
            assert!(e.to_string().contains('^'));
        }
        other => panic!("expected a query error, got {other:?}"),
    }
    let unknown = index
        .search(&SearchRequest::new("colour:blue"))
        .unwrap_err();
    assert!(matches!(unknown, Error::Query(_)), "{unknown:?}");
    assert!(unknown.is_user_error());
}

#[test]
fn exclusion_only_query_excludes_from_everything() {
    let env = TestEnv::new();
    let index = town_index(&env);
    let r = search(&index, &SearchRequest::new("-boats"));
    assert!(r.total > 0 && r.total < 6, "{:?}", ids(&r));
    let boats = search(&index, &SearchRequest::new("boats"));
    assert_eq!(r.total + boats.total, 6);
}

#[test]
fn field_aliases_and_prefix_and_fuzzy() {
    let env = TestEnv::new();
    let index = town_index(&env);
    let source = search(&index, &SearchRequest::new("source:\"Bay Review\""));
    let outlet = search(&index, &SearchRequest::new("outlet:\"Bay Review\""));
    assert_eq!(source.total, 3);
    assert_eq!(ids(&source).len(), ids(&outlet).len());
    let prefix = search(&index, &SearchRequest::new("light*"));
    assert_eq!(prefix.total, 2);
    let fuzzy = search(&index, &SearchRequest::new("regatat~1"));
    assert_eq!(fuzzy.total, 1);
    let range = search(
        &index,
        &SearchRequest::new("published:[2022-06 TO 2022-08]"),
    );
    assert_eq!(range.total, 2, "{:?}", ids(&range));
}

#[test]
fn sample_corpus_drones_and_iran_through_the_library() {
    let env = TestEnv::new();
    let (index, report) = index_folder(&env.index_dir(), &sample_corpus());
    assert_eq!(index.stats().unwrap().articles, 49, "{report:?}");
    let all = search(&index, &SearchRequest::new("drones AND Iran").limit(100));
    let filtered = search(
        &index,
        &SearchRequest::new("drones AND Iran")
            .outlet("harbor times")
            .since("2022")
            .unwrap()
            .sort(Sort::Newest)
            .limit(100),
    );
    assert!(filtered.total >= 1);
    for hit in &filtered.hits {
        assert_eq!(hit.outlet.as_deref(), Some("Harbor Times"));
        let when = NewsDate::parse(hit.published.as_deref().unwrap()).unwrap();
        assert!(when.day().to_string().as_str() >= "2022-01-01");
    }
    assert!(filtered.total < all.total);
    // Stemming is not applied: "Iranian-made drones" without "Iran" is not a hit.
    assert!(
        !ids(&all)
            .iter()
            .any(|id| id == "mw-2022-1010-kyiv-missiles")
    );
    assert!(
        ids(&all)
            .iter()
            .any(|id| id == "mw-2022-1017-kyiv-kamikaze")
    );
}

#[test]
fn index_events_report_progress() {
    let env = TestEnv::new();
    let corpus = write_town(&env);
    let index = NewsIndex::open_or_create(env.index_dir()).unwrap();
    let mut w = index.indexer(WriterOptions::default()).unwrap();
    let files = std::sync::atomic::AtomicUsize::new(0);
    let planned = std::sync::atomic::AtomicUsize::new(0);
    w.add_paths(&[corpus], &|e| match e {
        newsdex::index::IndexEvent::Planned { files: n } => {
            planned.store(n, std::sync::atomic::Ordering::SeqCst)
        }
        newsdex::index::IndexEvent::File { .. } => {
            files.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
        _ => {}
    })
    .unwrap();
    w.finish().unwrap();
    assert_eq!(planned.into_inner(), 6);
    assert_eq!(files.into_inner(), 6);
}

#[test]
fn open_reports_a_missing_index() {
    let env = TestEnv::new();
    let err = NewsIndex::open(env.index_dir()).unwrap_err();
    assert!(matches!(err, Error::NotAnIndex { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains(&env.index_dir().display().to_string())
    );
}

#[test]
fn second_indexer_in_process_is_locked() {
    let env = TestEnv::new();
    let index = NewsIndex::open_or_create(env.index_dir()).unwrap();
    let first = index.indexer(WriterOptions::default()).unwrap();
    let other = NewsIndex::open(env.index_dir()).unwrap();
    let err = other
        .indexer(WriterOptions::default())
        .err()
        .expect("locked");
    assert!(matches!(err, Error::Locked(_)), "{err:?}");
    drop(first);
    other.indexer(WriterOptions::default()).expect("free again");
}

/// Found by fuzz/query: an excluded phrase whose words occur in an article but not side by
/// side made tantivy's phrase scorer seek backwards (a debug-build panic in 0.27).
#[test]
fn excluded_phrases_exclude_exactly_the_articles_that_have_them() {
    let index = NewsIndex::create_in_ram().expect("index in memory");
    let mut w = index.indexer(WriterOptions::default()).expect("writer");
    for (id, body) in [
        ("a", "Iran sent drones to Russia; Kyiv was hit on Saturday."),
        ("b", "More drones were seen over the harbour on Sunday."),
    ] {
        let mut a = Article::new(id, format!("{id}.txt"), body);
        a.language = Some("en".into());
        w.add_article(&a).expect("add");
    }
    w.finish().expect("commit");
    let count = |q: &str| search(&index, &SearchRequest::new(q)).total;
    assert_eq!(count("drones"), 2);
    assert_eq!(count(r#"drones -"kyiv was""#), 1, "a has the phrase");
    assert_eq!(count(r#"drones -"kyiv on""#), 2, "nobody has the phrase");
    assert_eq!(count(r#"drones -"on sunday""#), 1, "b has the phrase");
    assert_eq!(count(r#"--"on on""#), 0);
}

/// A page is the same whether or not facets are counted in the same pass (the unit tests of
/// `search::tally` compare both with every match folded and ordered): same hits, in the same
/// order, with the same totals — ties broken by id, copies folded, recency weighted, for any
/// order and page.
#[test]
fn pages_are_the_same_whether_or_not_facets_are_counted() {
    use newsdex::search::FacetField;
    let env = TestEnv::new();
    let (index, _) = index_folder(&env.index_dir(), &sample_corpus());
    let summary = |r: &SearchResults| {
        let hits: Vec<(String, String, Vec<String>)> = r
            .hits
            .iter()
            .map(|h| (h.id.clone(), format!("{:.5}", h.score), h.also_in.clone()))
            .collect();
        (r.total, r.total_copies, hits)
    };
    let mut compared = 0;
    // `*` scores every article alike: its pages are all ties, ordered by id.
    for query in ["*", "drones", "the", "oil OR kyiv OR strike", "ceasefire"] {
        for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest] {
            for (offset, limit) in [(0, 1), (0, 3), (2, 2), (1, 10), (0, 100), (5, 0)] {
                for all_copies in [false, true] {
                    for recency in [None, Some("30d")] {
                        let mut req = SearchRequest::new(query)
                            .sort(sort)
                            .offset(offset)
                            .limit(limit)
                            .all_copies(all_copies);
                        if let Some(half_life) = recency {
                            req = req.recency(half_life).expect("a half-life");
                        }
                        let kept = search(&index, &req);
                        let every = search(&index, &req.clone().facet(FacetField::Outlet));
                        assert_eq!(
                            summary(&kept),
                            summary(&every),
                            "{query:?} {sort:?} offset {offset} limit {limit} \
                             all copies {all_copies} recency {recency:?}"
                        );
                        compared += usize::from(!kept.hits.is_empty());
                    }
                }
            }
        }
    }
    assert!(compared > 100, "only {compared} non-empty pages compared");
}

/// The generation a search reports is the commit it saw: it moves with each new commit the
/// index loads, and stays put between them.
#[test]
fn generation_follows_the_commits_searches_see() {
    let index = NewsIndex::create_in_ram().expect("index in memory");
    let add = |id: &str| {
        let mut w = index.indexer(WriterOptions::default()).expect("writer");
        w.add_article(&Article::new(
            id,
            format!("{id}.txt"),
            "Ferries sail at dawn.",
        ))
        .expect("add");
        w.finish().expect("commit");
    };
    add("a");
    let first = search(&index, &SearchRequest::new("ferries"));
    assert_eq!(first.total, 1);
    assert_eq!(
        search(&index, &SearchRequest::new("dawn")).generation,
        first.generation
    );
    add("b");
    let second = search(&index, &SearchRequest::new("ferries"));
    assert_eq!(second.total, 2);
    assert!(second.generation > first.generation, "{second:?}");
    assert_eq!(index.generation().expect("generation"), second.generation);
}
