//! Indexing: every input format (own tiny articles), re-runs, updates, de-duplication,
//! the sample corpus's broken files, `--errors`, `--json`, `--strict`, locking, `stats`.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use newsdex::{NewsIndex, WriterOptions};

use crate::util::{
    TestEnv, assert_exit, extract_jsonl, ids, only_hit, parse_json, run, sample_corpus, stderr,
    stdout,
};

/// Indexes `corpus/`, then returns the one hit for `query` (a word only that file has).
fn index_and_find(env: &TestEnv, query: &str) -> newsdex::Hit {
    env.index_corpus();
    let results = env.search_all(query, &[]);
    only_hit(&results).clone()
}

/// The one record `extract --jsonl` makes of a file.
fn extract_one(path: &Path) -> Value {
    let (mut records, out) = extract_jsonl(&[path]);
    assert_exit(&out, 0, "extract");
    assert_eq!(records.len(), 1, "one article in {}", path.display());
    records.remove(0)
}

// ---------------------------------------------------------------------------------------
// Formats
// ---------------------------------------------------------------------------------------

const TXT_WITH_HEADER: &str = "Title: Night Ferry Returns to the Lagoon After Storm Repairs
Outlet: Lagoon Gazette
Date: 14 March 2022
Authors: Mara Velsen, Tomas Rinn
Section: City
Language: en

The night ferry between the old harbour and the lagoon islands resumed service on Monday after three weeks of repairs to its storm-damaged landing stage.

Commuters who had relied on a replacement bus said the crossing had been sorely missed, and the operator promised an extra late sailing on Fridays.
";

#[test]
fn txt_with_header_block() {
    let env = TestEnv::new();
    let path = env.write("ferry.txt", TXT_WITH_HEADER);
    let hit = index_and_find(&env, "ferry lagoon");
    assert_eq!(
        hit.title.as_deref(),
        Some("Night Ferry Returns to the Lagoon After Storm Repairs")
    );
    assert_eq!(hit.outlet.as_deref(), Some("Lagoon Gazette"));
    assert_eq!(hit.published.as_deref(), Some("2022-03-14"));
    assert_eq!(hit.language.as_deref(), Some("en"));
    assert_eq!(hit.authors, ["Mara Velsen", "Tomas Rinn"]);
    let record = extract_one(&path);
    assert_eq!(record["section"], "City");
    let body = record["body"].as_str().unwrap();
    assert!(
        body.starts_with("The night ferry"),
        "header lines are not body: {body}"
    );
    assert!(!body.contains("Outlet:"));
}

#[test]
fn txt_without_header_takes_the_first_line_as_title() {
    let env = TestEnv::new();
    let path = env.write(
        "lanterns.txt",
        "Lantern Festival Draws Record Crowds to the Quay

Organisers said more than forty thousand visitors walked along the quay on Saturday evening to watch paper lanterns drift across the water.

Police closed the swing bridge to traffic for two hours.
",
    );
    let hit = index_and_find(&env, "lanterns");
    assert_eq!(
        hit.title.as_deref(),
        Some("Lantern Festival Draws Record Crowds to the Quay")
    );
    // Nothing states an outlet or a date; the file's mtime is never a publication date.
    assert_eq!(hit.outlet, None);
    assert_eq!(hit.published, None);
    let record = extract_one(&path);
    assert!(record["published"].is_null());
    assert!(
        record["body"]
            .as_str()
            .unwrap()
            .starts_with("Organisers said"),
        "the title line is not repeated in the body: {}",
        record["body"]
    );
}

#[test]
fn txt_with_utf8_bom_and_header() {
    let env = TestEnv::new();
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(
        "Title: Café Owners Protest New Terrace Rules\nOutlet: Lagoon Gazette\nDate: 2022-05-09\n\n\
         Owners of cafés along the promenade protested against new rules on terrace sizes."
            .as_bytes(),
    );
    env.write("bom.txt", bytes);
    let hit = index_and_find(&env, "terrace");
    assert_eq!(
        hit.title.as_deref(),
        Some("Café Owners Protest New Terrace Rules")
    );
    assert_eq!(hit.outlet.as_deref(), Some("Lagoon Gazette"));
    assert_eq!(hit.published.as_deref(), Some("2022-05-09"));
}

#[test]
fn markdown_with_yaml_front_matter() {
    let env = TestEnv::new();
    let path = env.write(
        "glassworks.md",
        "---
title: \"Glassworks Reopens as a Museum of the Canal District\"
outlet: Lagoon Gazette
date: 2021-06-02T10:15:00+02:00
authors:
  - Mara Velsen
  - Ilse Bram
url: https://lagoongazette.example/culture/2021/06/02/glassworks-museum
lang: en
---

The old *glassworks* on the canal reopened on Wednesday as a museum, with furnaces restored to working order.

## A long restoration

Volunteers spent six years cataloguing moulds and tools, the [museum trust](https://example.org) said.
",
    );
    let hit = index_and_find(&env, "glassworks");
    assert_eq!(
        hit.title.as_deref(),
        Some("Glassworks Reopens as a Museum of the Canal District")
    );
    assert_eq!(hit.outlet.as_deref(), Some("Lagoon Gazette"));
    assert_eq!(hit.published.as_deref(), Some("2021-06-02T10:15:00+02:00"));
    assert_eq!(hit.authors, ["Mara Velsen", "Ilse Bram"]);
    let record = extract_one(&path);
    let body = record["body"].as_str().unwrap();
    assert!(!body.contains("---") && !body.contains("outlet:"), "{body}");
    assert!(
        !body.contains('*') && !body.contains("]("),
        "markdown is rendered: {body}"
    );
    assert!(body.contains("museum trust"));
    assert_eq!(
        record["url"],
        "https://lagoongazette.example/culture/2021/06/02/glassworks-museum"
    );
}

#[test]
fn markdown_with_toml_front_matter() {
    let env = TestEnv::new();
    env.write(
        "tram.md",
        "+++
title = \"Tram Line Extension Approved by City Council\"
date = 2023-01-19
publication = \"Harbourside Post\"
+++

The city council approved a four-kilometre extension of the tram line to the new hospital on Thursday.

Construction is due to start in the spring.
",
    );
    let hit = index_and_find(&env, "tram hospital");
    assert_eq!(
        hit.title.as_deref(),
        Some("Tram Line Extension Approved by City Council")
    );
    assert_eq!(hit.outlet.as_deref(), Some("Harbourside Post"));
    assert_eq!(hit.published.as_deref(), Some("2023-01-19"));
}

#[test]
fn markdown_without_front_matter_takes_the_heading_as_title() {
    let env = TestEnv::new();
    env.write(
        "heading.md",
        "# Allotment Holders Win Fight Over Water Charges\n\nAllotment holders won a long dispute with the council over water charges.\n",
    );
    let hit = index_and_find(&env, "allotment");
    assert_eq!(
        hit.title.as_deref(),
        Some("Allotment Holders Win Fight Over Water Charges")
    );
}

const HTML_WITH_JSON_LD: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Seawall Works Begin Along the Northern Promenade | Harbourside Post</title>
<meta property="og:title" content="Seawall Works Begin Along the Northern Promenade">
<meta property="og:site_name" content="Harbourside Post">
<meta property="og:url" content="https://harbourside.example/city/2022/09/14/seawall-works">
<meta property="article:published_time" content="2022-09-14T08:30:00+01:00">
<meta property="article:section" content="City">
<meta name="author" content="Oskar Lind">
<link rel="canonical" href="https://harbourside.example/city/2022/09/14/seawall-works">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Seawall Works Begin Along the Northern Promenade",
 "datePublished": "2022-09-14T08:30:00+01:00",
 "author": [{"@type": "Person", "name": "Oskar Lind"}],
 "publisher": {"@type": "Organization", "name": "Harbourside Post"},
 "identifier": "hp-2022-0914-seawall"}
</script>
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/city">City</a> <a href="/zeppelins">Zeppelins</a></nav></header>
<div class="cookie-banner">We use cookies. Accept all</div>
<article>
<h1>Seawall Works Begin Along the Northern Promenade</h1>
<p class="byline">By Oskar Lind · Email the author</p>
<p>Contractors began work on Wednesday to raise the seawall along the northern promenade by half a metre, after winter storms flooded the seafront twice in two years.</p>
<p>The council said the works would last eighteen months and that the promenade would stay open to walkers, with short closures at the slipways.</p>
<p>Engineers will also replace the old tidal gates at the marina entrance, which failed during the worst of the flooding.</p>
</article>
<aside class="related"><h3>Most read</h3><ul><li><a href="/x">Quokka sightings soar at the zoo</a></li></ul></aside>
<footer>© Harbourside Post · Privacy · Terms</footer>
</body>
</html>
"#;

#[test]
fn html_with_open_graph_article_meta_and_json_ld() {
    let env = TestEnv::new();
    let path = env.write("seawall.html", HTML_WITH_JSON_LD);
    let hit = index_and_find(&env, "seawall");
    assert_eq!(
        hit.id, "hp-2022-0914-seawall",
        "JSON-LD identifier is the id"
    );
    assert_eq!(
        hit.title.as_deref(),
        Some("Seawall Works Begin Along the Northern Promenade")
    );
    assert_eq!(hit.outlet.as_deref(), Some("Harbourside Post"));
    assert_eq!(hit.published.as_deref(), Some("2022-09-14T08:30:00+01:00"));
    assert_eq!(hit.authors, ["Oskar Lind"]);
    assert_eq!(
        hit.url.as_deref(),
        Some("https://harbourside.example/city/2022/09/14/seawall-works")
    );
    let record = extract_one(&path);
    assert_eq!(record["section"], "City");
    let body = record["body"].as_str().unwrap();
    assert!(body.contains("tidal gates"), "{body}");
}

#[test]
fn html_page_furniture_is_not_indexed() {
    let env = TestEnv::new();
    env.write("seawall.html", HTML_WITH_JSON_LD);
    env.index_corpus();
    for word in ["Zeppelins", "Quokka", "cookies", "Privacy"] {
        let out = run(env.newsdex().args(["search", word]));
        assert_exit(
            &out,
            1,
            &format!("{word} is page furniture, not article text"),
        );
    }
}

#[test]
fn html_with_open_graph_only() {
    let env = TestEnv::new();
    env.write(
        "market.html",
        r#"<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<title>Fish Market Moves to the Old Customs House | Lagoon Gazette</title>
<meta property="og:title" content="Fish Market Moves to the Old Customs House">
<meta property="og:site_name" content="Lagoon Gazette">
<meta property="article:published_time" content="2023-04-03T06:00:00Z">
</head><body><main><article>
<h1>Fish Market Moves to the Old Customs House</h1>
<p>The fish market moved into the restored customs house on Monday, ending two decades in a draughty shed by the docks.</p>
<p>Traders said the new hall was brighter and easier to keep cool in summer.</p>
</article></main></body></html>"#,
    );
    let hit = index_and_find(&env, "customs");
    assert_eq!(
        hit.title.as_deref(),
        Some("Fish Market Moves to the Old Customs House")
    );
    assert_eq!(hit.outlet.as_deref(), Some("Lagoon Gazette"));
    assert_eq!(hit.published.as_deref(), Some("2023-04-03T06:00:00Z"));
    assert_eq!(hit.language.as_deref(), Some("en"));
}

#[test]
fn json_single_object() {
    let env = TestEnv::new();
    let path = env.write(
        "object.json",
        r#"{
  "id": "ic-2022-0301-locks",
  "title": "Canal Locks Reopen After Winter Works",
  "text": "The canal locks reopened to barges on Tuesday after a winter of repairs to the gates.\n\nBoatyards welcomed the news.",
  "date": "2022-03-01T09:00:00Z",
  "source": "Inland Courier",
  "url": "https://inlandcourier.example/2022/03/01/locks",
  "authors": ["Pia Holm"],
  "language": "en"
}"#,
    );
    let hit = index_and_find(&env, "barges");
    assert_eq!(hit.id, "ic-2022-0301-locks");
    assert_eq!(
        hit.title.as_deref(),
        Some("Canal Locks Reopen After Winter Works")
    );
    assert_eq!(hit.outlet.as_deref(), Some("Inland Courier"));
    assert_eq!(hit.published.as_deref(), Some("2022-03-01T09:00:00Z"));
    assert_eq!(hit.authors, ["Pia Holm"]);
    assert_eq!(extract_one(&path)["id"], "ic-2022-0301-locks");
}

#[test]
fn json_single_object_with_integer_id_and_epoch_date() {
    let env = TestEnv::new();
    env.write(
        "epoch.json",
        r#"{"id": 4711, "headline": "Lighthouse Keeper Retires After Forty Years", "articleBody": "The last keeper of the point lighthouse retired on Friday.", "published": 1667673000, "publisher": {"name": "Inland Courier"}}"#,
    );
    let hit = index_and_find(&env, "lighthouse");
    assert_eq!(hit.id, "4711");
    assert_eq!(hit.outlet.as_deref(), Some("Inland Courier"));
    assert_eq!(hit.published.as_deref(), Some("2022-11-05T18:30:00Z"));
}

#[test]
fn json_array_of_articles() {
    let env = TestEnv::new();
    env.write(
        "array.json",
        r#"[
  {"id": "ic-1", "title": "Orchard Harvest Falls After Late Frost", "maintext": "Apple growers reported a poor orchard harvest after a late frost.", "date_publish": "2021-09-20 07:00:00", "source_domain": "inlandcourier.example"},
  {"id": "ic-2", "title": "Cider Makers Import Apples for the First Time", "maintext": "Cider makers imported apples after the orchard harvest failed.", "date_publish": "2021-10-04 12:30:00", "source": "Inland Courier"}
]"#,
    );
    env.index_corpus();
    let both = env.search_all("orchard", &["--sort", "oldest"]);
    assert_eq!(ids(&both), ["ic-1", "ic-2"]);
    assert_eq!(
        both.hits[0].title.as_deref(),
        Some("Orchard Harvest Falls After Late Frost")
    );
    assert_eq!(
        both.hits[0].published.as_deref(),
        Some("2021-09-20T07:00:00Z")
    );
    assert_eq!(both.hits[1].outlet.as_deref(), Some("Inland Courier"));
    assert_eq!(
        both.hits[1].published.as_deref(),
        Some("2021-10-04T12:30:00Z")
    );
}

const JSONL_FEED: &str = r#"{"id": "vw-1", "headline": "Ice Breaker Clears the Northern Channel", "content": "An ice breaker cleared the northern channel for the first grain ships of the season.", "pubDate": "Mon, 06 Feb 2023 09:40:00 +0200", "publication": "Valley Wire", "language": "en"}
{"id": "vw-2", "headline": "Grain Ships Leave Port as Channel Opens", "content": "The first grain ships left port once the ice breaker had cleared the channel.", "pubDate": "2023-02-07T15:00:00+02:00", "publication": "Valley Wire", "language": "en"}
"#;

#[test]
fn jsonl_one_article_per_line() {
    let env = TestEnv::new();
    env.write("feed.jsonl", JSONL_FEED);
    env.index_corpus();
    let r = env.search_all("channel", &["--sort", "oldest"]);
    assert_eq!(ids(&r), ["vw-1", "vw-2"]);
    assert_eq!(
        r.hits[0].title.as_deref(),
        Some("Ice Breaker Clears the Northern Channel")
    );
    assert_eq!(r.hits[0].outlet.as_deref(), Some("Valley Wire"));
    assert_eq!(
        r.hits[0].published.as_deref(),
        Some("2023-02-06T09:40:00+02:00")
    );
    assert_eq!(
        r.hits[1].published.as_deref(),
        Some("2023-02-07T15:00:00+02:00")
    );
}

#[test]
fn ndjson_extension_is_json_lines() {
    let env = TestEnv::new();
    env.write(
        "feed.ndjson",
        "{\"id\": \"vw-9\", \"title\": \"Beekeepers Count Hive Losses\", \"body\": \"Beekeepers counted heavy hive losses after the cold spring.\", \"date\": \"2022-05-30\", \"outlet\": \"Valley Wire\"}\n\n{\"id\": \"vw-10\", \"title\": \"Honey Prices Rise\", \"body\": \"Honey prices rose as beekeepers reported hive losses.\", \"date\": \"2022-06-02\", \"outlet\": \"Valley Wire\"}\n",
    );
    env.index_corpus();
    let r = env.search_all("hive", &["--sort", "oldest"]);
    assert_eq!(ids(&r), ["vw-9", "vw-10"]);
    assert_eq!(
        r.hits[0].title.as_deref(),
        Some("Beekeepers Count Hive Losses")
    );
    assert_eq!(r.hits[0].outlet.as_deref(), Some("Valley Wire"));
    assert_eq!(r.hits[0].published.as_deref(), Some("2022-05-30"));
}

#[test]
fn gzipped_txt_html_and_jsonl() {
    let env = TestEnv::new();
    env.write_gz("ferry.txt.gz", TXT_WITH_HEADER);
    env.write_gz("seawall.html.gz", HTML_WITH_JSON_LD);
    env.write_gz("feed.jsonl.gz", JSONL_FEED);
    let report = env.index_corpus();
    assert_eq!(report["report"]["articles_added"], 4, "{report}");
    assert_eq!(report["report"]["failed"].as_array().unwrap().len(), 0);

    let ferry = env.search_all("ferry lagoon", &[]);
    let ferry = only_hit(&ferry);
    assert_eq!(
        ferry.title.as_deref(),
        Some("Night Ferry Returns to the Lagoon After Storm Repairs")
    );
    assert_eq!(ferry.outlet.as_deref(), Some("Lagoon Gazette"));
    assert_eq!(ferry.published.as_deref(), Some("2022-03-14"));
    assert!(ferry.path.ends_with("ferry.txt.gz"), "{}", ferry.path);

    let seawall = env.search_all("seawall", &[]);
    let seawall = only_hit(&seawall);
    assert_eq!(seawall.id, "hp-2022-0914-seawall");
    assert_eq!(seawall.outlet.as_deref(), Some("Harbourside Post"));
    assert_eq!(
        seawall.published.as_deref(),
        Some("2022-09-14T08:30:00+01:00")
    );

    let feed = env.search_all("channel", &["--sort", "oldest"]);
    assert_eq!(ids(&feed), ["vw-1", "vw-2"]);
    assert_eq!(feed.hits[0].outlet.as_deref(), Some("Valley Wire"));
}

#[test]
fn broken_gzip_is_a_failed_file() {
    let env = TestEnv::new();
    let gz = crate::util::gzip(TXT_WITH_HEADER.as_bytes());
    env.write("cut.txt.gz", &gz[..gz.len() / 2]);
    env.write("lanterns.txt", "Title: Lanterns\n\nLanterns on the quay.");
    let report = env.index_corpus();
    let failed = report["report"]["failed"].as_array().unwrap();
    assert_eq!(failed.len(), 1, "{report}");
    assert!(failed[0]["path"].as_str().unwrap().ends_with("cut.txt.gz"));
    assert_eq!(report["report"]["articles_added"], 1);
}

#[test]
fn windows_1251_html_with_meta_charset() {
    let env = TestEnv::new();
    let page = r#"<!doctype html><html lang="ru"><head><meta charset="windows-1251">
<title>Паромная переправа возобновила работу | Лагунный вестник</title>
<meta property="og:title" content="Паромная переправа возобновила работу">
<meta property="og:site_name" content="Лагунный вестник">
<meta property="article:published_time" content="2022-04-11T10:00:00+03:00">
</head><body><article>
<h1>Паромная переправа возобновила работу</h1>
<p>Паромная переправа между старой гаванью и островами возобновила работу в понедельник после ремонта причала.</p>
<p>Жители островов сказали, что ждали этого всю зиму, а перевозчик обещал дополнительный вечерний рейс по пятницам.</p>
</article></body></html>"#;
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(page);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the file is not UTF-8"
    );
    env.write("parom.html", &bytes);
    let hit = index_and_find(&env, "переправа");
    assert_eq!(
        hit.title.as_deref(),
        Some("Паромная переправа возобновила работу")
    );
    assert_eq!(hit.outlet.as_deref(), Some("Лагунный вестник"));
    assert_eq!(hit.published.as_deref(), Some("2022-04-11T10:00:00+03:00"));
    assert_eq!(hit.language.as_deref(), Some("ru"));
    // A lowercase word of the body, decoded correctly, is searchable too.
    let island = env.search_all("островов", &[]);
    assert_eq!(island.total, 1);
}

#[test]
fn unsupported_files_and_readmes_are_skipped_not_failed() {
    let env = TestEnv::new();
    env.write(
        "README.md",
        "# About this corpus\n\nNotes for the archivists.\n",
    );
    env.write("assets/site.css", "body { color: black }");
    env.write("story.txt", TXT_WITH_HEADER);
    let report = env.index_corpus();
    let r = &report["report"];
    assert_eq!(r["articles_added"], 1, "{report}");
    assert_eq!(r["failed"].as_array().unwrap().len(), 0, "{report}");
    let skipped: BTreeSet<String> = r["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let p = s["path"].as_str().unwrap();
            Path::new(p)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        skipped,
        BTreeSet::from(["README.md".into(), "site.css".into()])
    );
    let out = run(env.newsdex().args(["search", "archivists"]));
    assert_exit(&out, 1, "the README is not indexed");
}

#[test]
fn hidden_files_are_not_indexed() {
    let env = TestEnv::new();
    env.write(
        ".drafts/secret.txt",
        "Title: Draft\n\nAn unpublished draft about marmalade.",
    );
    env.write("story.txt", TXT_WITH_HEADER);
    env.index_corpus();
    let out = run(env.newsdex().args(["search", "marmalade"]));
    assert_exit(&out, 1, "hidden folders are left out");
}

// ---------------------------------------------------------------------------------------
// Re-runs, updates, duplicates
// ---------------------------------------------------------------------------------------

/// Three small articles with distinct words.
fn write_three(env: &TestEnv) {
    env.write(
        "a.txt",
        "Title: Bakery Wins Bread Prize\nOutlet: Test Wire\nDate: 2022-02-01\n\nThe corner bakery won the regional bread prize.",
    );
    env.write(
        "b.txt",
        "Title: Library Extends Opening Hours\nOutlet: Test Wire\nDate: 2022-02-02\n\nThe library will open until nine on weekdays.",
    );
    env.write(
        "c.json",
        r#"{"id": "c-1", "title": "Swimming Pool Closes for Repairs", "text": "The municipal swimming pool closed for repairs to its roof.", "date": "2022-02-03", "source": "Test Wire"}"#,
    );
}

#[test]
fn second_run_over_an_unchanged_folder_changes_nothing() {
    let env = TestEnv::new();
    write_three(&env);
    let first = env.index_corpus();
    assert_eq!(first["report"]["articles_added"], 3);
    let count = env.article_count();
    let second = env.index_corpus();
    let r = &second["report"];
    assert_eq!(r["articles_added"], 0, "{second}");
    assert_eq!(r["articles_updated"], 0, "{second}");
    assert_eq!(r["articles_removed"], 0, "{second}");
    assert_eq!(r["files_indexed"], 0, "{second}");
    assert_eq!(r["files_unchanged"], 3, "{second}");
    assert_eq!(env.article_count(), count);
}

#[test]
fn second_run_over_the_sample_corpus_changes_nothing() {
    let env = TestEnv::new();
    let first = env.index_sample_corpus();
    let count = env.article_count();
    let second = env.index_sample_corpus();
    let r = &second["report"];
    assert_eq!(r["articles_added"], 0, "{second}");
    assert_eq!(r["articles_updated"], 0, "nothing was re-read: {second}");
    assert_eq!(r["files_indexed"], 0, "every file is unchanged: {second}");
    // Files that gave articles last time are all unchanged now.
    assert_eq!(
        r["files_unchanged"], first["report"]["files_indexed"],
        "{second}"
    );
    assert_eq!(env.article_count(), count);
    // The human summary says so too.
    let out = run(env
        .newsdex()
        .args(["--color", "never", "index", "-q"])
        .arg(sample_corpus()));
    assert_exit(&out, 0, "third run");
    assert!(stdout(&out).contains("0 added"), "{}", stdout(&out));
}

#[test]
fn editing_one_file_updates_exactly_that_article() {
    let env = TestEnv::new();
    write_three(&env);
    env.index_corpus();
    let count = env.article_count();
    assert_eq!(env.search_all("bakery", &[]).total, 1);

    // A different length, so the change is visible even within the same mtime second.
    env.write(
        "a.txt",
        "Title: Bakery Wins Bread Prize\nOutlet: Test Wire\nDate: 2022-02-01\n\n\
         The corner patisserie won the regional bread prize for its sourdough.",
    );
    let report = env.index_corpus();
    let r = &report["report"];
    assert_eq!(r["articles_updated"], 1, "{report}");
    assert_eq!(r["articles_added"], 0, "{report}");
    assert_eq!(r["articles_removed"], 0, "{report}");
    assert_eq!(r["files_indexed"], 1, "{report}");
    assert_eq!(r["files_unchanged"], 2, "{report}");
    assert_eq!(env.article_count(), count);

    let new = env.search_all("patisserie", &[]);
    assert_eq!(
        only_hit(&new).title.as_deref(),
        Some("Bakery Wins Bread Prize")
    );
    // The old body text is gone ("bakery" is still in the unchanged title).
    let out = run(env.newsdex().args(["search", "text:bakery"]));
    assert_exit(&out, 1, "the old body text is gone");
    assert_eq!(env.search_all("text:patisserie", &[]).total, 1);
    assert_eq!(env.search_all("bread prize", &[]).total, 1, "no duplicate");
}

#[test]
fn removing_an_article_from_a_file_removes_it_from_the_index() {
    let env = TestEnv::new();
    env.write("feed.jsonl", JSONL_FEED);
    env.index_corpus();
    assert_eq!(env.article_count(), 2);
    let first_line = JSONL_FEED.lines().next().unwrap();
    env.write("feed.jsonl", format!("{first_line}\n"));
    let report = env.index_corpus();
    assert_eq!(report["report"]["articles_removed"], 1, "{report}");
    assert_eq!(env.article_count(), 1);
    let out = run(env.newsdex().args(["search", "id:vw-2"]));
    assert_exit(&out, 1, "vw-2 was removed from its file");
}

#[test]
fn same_id_in_two_files_is_one_article() {
    let env = TestEnv::new();
    let story = |file: &str| {
        format!(
            r#"{{"id": "dup-1", "title": "Harbour Crane Collapses in Storm", "text": "A harbour crane collapsed in the storm. Saved as {file}.", "date": "2022-12-01", "source": "Test Wire"}}"#
        )
    };
    env.write("one/copy.json", story("one"));
    env.write("two/copy.json", story("two"));
    let report = env.index_corpus();
    assert_eq!(report["report"]["articles_added"], 1, "{report}");
    assert_eq!(env.article_count(), 1);
    let r = env.search_all("crane", &[]);
    assert_eq!(only_hit(&r).id, "dup-1");
}

#[test]
fn same_id_in_two_files_stays_unchanged_on_a_second_run() {
    let env = TestEnv::new();
    let story = r#"{"id": "dup-2", "title": "Pier Repairs Finish Early", "text": "Repairs to the pier finished a month early.", "date": "2022-12-02", "source": "Test Wire"}"#;
    env.write("one/copy.json", story);
    env.write("two/copy.json", story);
    env.write(
        "other.txt",
        "Title: Unrelated\nDate: 2022-12-03\n\nSomething else entirely.",
    );
    env.index_corpus();
    let second = env.index_corpus();
    let r = &second["report"];
    assert_eq!(r["files_indexed"], 0, "no file changed: {second}");
    assert_eq!(r["articles_updated"], 0, "{second}");
    assert_eq!(r["articles_added"], 0, "{second}");
    assert_eq!(env.article_count(), 2);
}

#[test]
fn sample_corpus_duplicate_pair_is_one_article() {
    let env = TestEnv::new();
    env.index_sample_corpus();
    let r = env.search_all("id:cl-2022-1020-eu-uk-sanctions-iran-drones", &[]);
    assert_eq!(only_hit(&r).outlet.as_deref(), Some("Capital Ledger"));
    let titles = env.search_all("title:\"EU and UK Target Iran Over Drones\"", &[]);
    assert_eq!(titles.total, 1, "{:?}", ids(&titles));
}

// ---------------------------------------------------------------------------------------
// The sample corpus: counts, broken files, reports
// ---------------------------------------------------------------------------------------

#[test]
fn sample_corpus_indexes_49_distinct_articles() {
    let env = TestEnv::new();
    let report = env.index_sample_corpus();
    // Corpus README: 50 articles, 49 after de-duplication by id/canonical URL.
    assert_eq!(report["index"]["articles"], 49, "{}", report["index"]);
    assert_eq!(env.article_count(), 49);
    assert_eq!(
        report["report"]["articles_added"], 49,
        "{}",
        report["report"]
    );
    assert_eq!(env.search_all("", &["--all-copies"]).total, 49);
    // The three copies of the syndicated story count once by default.
    assert_eq!(env.search_all("", &[]).total, 47);
}

#[test]
fn broken_files_are_named_in_the_summary_and_the_run_goes_on() {
    let env = TestEnv::new();
    let out = run(env
        .newsdex()
        .args(["--color", "never", "index", "-q"])
        .arg(sample_corpus()));
    assert_exit(&out, 0, "index with broken files (not --strict)");
    let text = stdout(&out);
    for name in [
        "broken/truncated.json",
        "broken/half-bad.jsonl#L2",
        "broken/not-really-text.txt",
        "broken/empty.md",
    ] {
        assert!(text.contains(name), "{name} not named in:\n{text}");
    }
    assert!(!text.contains('\x1b'));
}

#[test]
fn good_lines_of_a_half_broken_jsonl_file_are_indexed() {
    let env = TestEnv::new();
    let report = env.index_sample_corpus();
    for id in ["bc-2023-0321-xi-putin-moscow", "bc-2023-0404-finland-nato"] {
        let r = env.search_all(&format!("id:{id}"), &[]);
        assert_eq!(only_hit(&r).outlet.as_deref(), Some("The Baltic Courier"));
    }
    let failed: Vec<&str> = report["report"]["failed"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["path"].as_str())
        .filter(|p| p.contains("half-bad"))
        .collect();
    assert_eq!(failed.len(), 1, "only line 2 failed: {failed:?}");
    assert!(failed[0].ends_with("half-bad.jsonl#L2"), "{failed:?}");
    assert_eq!(env.search_all("Finland NATO", &[]).total, 1);
}

#[test]
fn errors_file_lists_failures_as_json_lines() {
    let env = TestEnv::new();
    let errors = env.root().join("errors.jsonl");
    let out = run(env
        .newsdex()
        .args(["index", "-q", "--errors"])
        .arg(&errors)
        .arg(sample_corpus()));
    assert_exit(&out, 0, "index --errors");
    let text = std::fs::read_to_string(&errors).expect("the errors file is written");
    let mut names = BTreeSet::new();
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).expect("each line is JSON");
        let path = v["path"].as_str().expect("path");
        let reason = v["reason"].as_str().expect("reason");
        assert!(!reason.is_empty(), "{line}");
        names.insert(path.rsplit('/').next().unwrap_or_default().to_string());
    }
    for name in [
        "truncated.json",
        "half-bad.jsonl#L2",
        "not-really-text.txt",
        "empty.md",
    ] {
        assert!(names.contains(name), "{name} not in {names:?}");
    }
    assert!(names.len() <= 4, "only broken files fail: {names:?}");
}

#[test]
fn errors_file_is_empty_when_nothing_failed() {
    let env = TestEnv::new();
    write_three(&env);
    let errors = env.root().join("errors.jsonl");
    let out = run(env
        .newsdex()
        .args(["index", "-q", "--errors"])
        .arg(&errors)
        .arg(env.corpus()));
    assert_exit(&out, 0, "index --errors");
    assert_eq!(std::fs::read_to_string(&errors).unwrap().trim(), "");
}

#[test]
fn index_json_prints_a_report_and_the_index_summary() {
    let env = TestEnv::new();
    write_three(&env);
    env.write("broken.json", "{\"title\": \"cut");
    let out = run(env.newsdex().args(["index", "--json"]).arg(env.corpus()));
    assert_exit(&out, 0, "index --json");
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    let r = &v["report"];
    assert_eq!(r["files_seen"], 4, "{v}");
    assert_eq!(r["files_indexed"], 3, "{v}");
    assert_eq!(r["articles_added"], 3, "{v}");
    assert_eq!(r["articles_updated"], 0, "{v}");
    let failed = r["failed"].as_array().unwrap();
    assert_eq!(failed.len(), 1, "{v}");
    assert!(failed[0]["path"].as_str().unwrap().ends_with("broken.json"));
    assert!(failed[0]["reason"].as_str().unwrap().contains("JSON"));
    assert_eq!(v["index"]["articles"], 3, "{v}");
    // --json prints no progress bar or other noise on stdout.
    assert_eq!(stdout(&out).trim().lines().count(), 1);
}

#[test]
fn strict_exits_2_when_a_file_failed() {
    let env = TestEnv::new();
    write_three(&env);
    env.write("broken.json", "{\"title\": \"cut");
    let out = run(env
        .newsdex()
        .args(["index", "-q", "--strict"])
        .arg(env.corpus()));
    assert_exit(&out, 2, "index --strict with a broken file");
    // What could be indexed was indexed all the same.
    assert_eq!(env.article_count(), 3);
}

#[test]
fn strict_exits_0_when_nothing_failed() {
    let env = TestEnv::new();
    write_three(&env);
    let out = run(env
        .newsdex()
        .args(["index", "-q", "--strict"])
        .arg(env.corpus()));
    assert_exit(&out, 0, "index --strict, all good");
}

#[test]
fn missing_path_is_reported_and_exits_0_without_strict() {
    let env = TestEnv::new();
    write_three(&env);
    let missing = env.root().join("no-such-folder");
    let out = run(env
        .newsdex()
        .args(["--color", "never", "index", "-q"])
        .arg(env.corpus())
        .arg(&missing));
    assert_exit(&out, 0, "index with a missing path");
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(
        all.contains("no-such-folder"),
        "the missing path is named:\n{all}"
    );
    assert_eq!(env.article_count(), 3, "the existing path was indexed");
}

#[test]
fn missing_path_with_strict_exits_2() {
    let env = TestEnv::new();
    let missing = env.root().join("no-such-folder");
    let out = run(env
        .newsdex()
        .args(["index", "-q", "--strict"])
        .arg(&missing));
    assert_exit(&out, 2, "index --strict with a missing path");
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(all.contains("no-such-folder"), "{all}");
}

#[test]
fn index_requires_a_path() {
    let env = TestEnv::new();
    let out = run(env.newsdex().arg("index"));
    assert_exit(&out, 2, "index without paths");
}

#[test]
fn a_second_writer_is_refused_while_one_is_indexing() {
    let env = TestEnv::new();
    write_three(&env);
    let index = NewsIndex::open_or_create(env.index_dir()).expect("create index");
    let writer = index
        .indexer(WriterOptions::default())
        .expect("first writer");
    let out = run(env.newsdex().args(["index", "-q"]).arg(env.corpus()));
    assert_exit(&out, 2, "second writer");
    let err = stderr(&out);
    assert!(
        err.contains("another") && err.contains("indexing"),
        "the message says another process is indexing: {err}"
    );
    // Searching is still allowed while a writer holds the lock.
    let search = run(env.newsdex().args(["search", "bakery"]));
    assert_exit(&search, 1, "search during indexing (empty index)");
    drop(writer);
    // Once the first writer is gone, indexing works.
    let out = run(env.newsdex().args(["index", "-q"]).arg(env.corpus()));
    assert_exit(&out, 0, "index after the lock is released");
}

#[test]
fn index_folder_inside_the_corpus_is_not_indexed() {
    let env = TestEnv::new();
    write_three(&env);
    let inner = env.corpus().join("idx");
    let out = run(crate::util::newsdex_bare()
        .arg("--index")
        .arg(&inner)
        .args(["index", "--json", "-q"])
        .arg(env.corpus()));
    assert_exit(&out, 0, "index with the index inside the corpus");
    let first: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        first["report"]["failed"].as_array().unwrap().len(),
        0,
        "{first}"
    );
    let again = run(crate::util::newsdex_bare()
        .arg("--index")
        .arg(&inner)
        .args(["index", "--json", "-q"])
        .arg(env.corpus()));
    assert_exit(&again, 0, "second run");
    let second: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(second["report"]["files_seen"], 3, "{second}");
    assert_eq!(second["index"]["articles"], 3);
}

#[test]
fn rebuild_starts_from_scratch() {
    let env = TestEnv::new();
    write_three(&env);
    env.index_corpus();
    std::fs::remove_file(env.corpus().join("b.txt")).unwrap();
    let out = run(env
        .newsdex()
        .args(["index", "--rebuild", "--json", "-q"])
        .arg(env.corpus()));
    assert_exit(&out, 0, "index --rebuild");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["report"]["articles_added"], 2, "{v}");
    assert_eq!(env.article_count(), 2);
    let gone = run(env.newsdex().args(["search", "library"]));
    assert_exit(
        &gone,
        1,
        "the deleted file's article is gone after --rebuild",
    );
}

// ---------------------------------------------------------------------------------------
// stats
// ---------------------------------------------------------------------------------------

#[test]
fn stats_json_summarises_the_index() {
    let env = TestEnv::new();
    env.index_sample_corpus();
    let s = env.stats();
    for key in [
        "articles",
        "outlets",
        "first_published",
        "last_published",
        "index_bytes",
    ] {
        assert!(s.get(key).is_some(), "stats lacks {key}: {s}");
    }
    assert_eq!(s["articles"], 49);
    let outlets = s["outlets"].as_array().unwrap();
    let names: BTreeSet<&str> = outlets.iter().filter_map(|o| o["name"].as_str()).collect();
    for name in [
        "The Baltic Courier",
        "Danube Herald",
        "Meridian Wire",
        "Capital Ledger",
        "Harbor Times",
        "Novaya Vest",
        "Rheinische Abendpost",
        "The Northern Dispatch",
    ] {
        assert!(names.contains(name), "{name} not in {names:?}");
    }
    let counted: u64 = outlets
        .iter()
        .map(|o| o["articles"].as_u64().unwrap())
        .sum();
    assert!(counted <= 49);
    // Earliest and latest articles of the corpus (README).
    assert!(
        s["first_published"]
            .as_str()
            .unwrap()
            .starts_with("2021-03-11"),
        "{s}"
    );
    assert!(
        s["last_published"]
            .as_str()
            .unwrap()
            .starts_with("2023-12-13"),
        "{s}"
    );
    assert!(s["index_bytes"].as_u64().unwrap() > 0);
}

#[test]
fn a_domain_or_file_name_takes_the_outlet_name_the_corpus_states() {
    let env = TestEnv::new();
    env.write(
        "stated.txt",
        "Title: Ferry Fares Rise\nOutlet: Harbor Times\nDate: 2022-10-18\n\n\
         Ferry fares across the bay rose by a tenth on Tuesday, the port authority said.\n",
    );
    env.write(
        "crawl.jsonl",
        "{\"title\":\"Tugboat Crews Strike\",\"maintext\":\"Tugboat crews walked off the job on \
         Wednesday over pay.\",\"source_domain\":\"harbortimes.example\",\"date_publish\":\"2022-10-19\"}\n",
    );
    env.write(
        "harbor-times-2022-10-20-pier-repairs.txt",
        "Pier Repairs Begin\n\nWork crews began repairing the old pier on Thursday morning.\n",
    );
    env.write(
        "elsewhere/fishing-report.txt",
        "Fishing Report\n\nThe cod catch was steady this week, skippers said.\n",
    );
    let report = env.index_corpus();
    assert_eq!(report["report"]["outlets_named"], 2, "{report}");
    let outlets = &env.stats()["outlets"];
    assert_eq!(outlets.as_array().map(Vec::len), Some(1), "{outlets}");
    assert_eq!(env.search_all("", &["--outlet", "harbor times"]).total, 3);
    // `extract` names them the same way.
    let (records, _) = extract_jsonl(&[&env.corpus()]);
    let named: Vec<Option<&str>> = records.iter().map(|r| r["outlet"].as_str()).collect();
    assert_eq!(
        named.iter().filter(|o| **o == Some("Harbor Times")).count(),
        3,
        "{named:?}"
    );
    assert_eq!(named.iter().filter(|o| o.is_none()).count(), 1, "{named:?}");
}

#[test]
fn failures_inside_an_unchanged_file_are_reported_by_every_run() {
    let env = TestEnv::new();
    let good = "{\"title\":\"Ferry Fares Rise\",\"text\":\"Ferry fares rose on Tuesday.\"}";
    env.write("feed.jsonl", format!("{good}\n{{\"title\": broken\n"));
    for run_no in 1..=2 {
        let out = run(env
            .newsdex()
            .args(["index", "-q", "--strict", "--json"])
            .arg(env.corpus()));
        assert_exit(&out, 2, "a file with a broken line, --strict");
        let report = &parse_json(&out.stdout)["report"];
        assert_eq!(
            report["failed"][0]["path"]
                .as_str()
                .map(|p| p.ends_with("feed.jsonl#L2")),
            Some(true),
            "run {run_no}: {report}"
        );
        assert_eq!(
            report["files_unchanged"],
            if run_no == 1 { 0 } else { 1 },
            "{report}"
        );
    }
    assert!(
        env.index_dir()
            .join(newsdex::index::FAILURE_RECORD)
            .exists()
    );
    // Fixed, the file is read again, and nothing is reported or kept.
    env.write("feed.jsonl", format!("{good}\n"));
    let out = run(env
        .newsdex()
        .args(["index", "-q", "--strict"])
        .arg(env.corpus()));
    assert_exit(&out, 0, "the fixed file");
    assert!(
        !env.index_dir()
            .join(newsdex::index::FAILURE_RECORD)
            .exists()
    );
}

#[test]
fn stats_human_output_names_the_index_and_counts() {
    let env = TestEnv::new();
    write_three(&env);
    env.index_corpus();
    let out = run(env.newsdex().args(["--color", "never", "stats"]));
    assert_exit(&out, 0, "stats");
    let text = stdout(&out);
    assert!(
        text.contains(&env.index_dir().display().to_string()),
        "{text}"
    );
    assert!(text.contains("Test Wire"), "{text}");
    let articles = regex::Regex::new(r"(?m)^articles\s+3\b").unwrap();
    assert!(articles.is_match(&text), "{text}");
}

// ---------------------------------------------------------------------------------------
// More inputs: extensions, encodings, embedded HTML, dates, ids, limits, path spellings
// ---------------------------------------------------------------------------------------

#[test]
fn markdown_htm_and_uppercase_extensions_are_read() {
    let env = TestEnv::new();
    env.write(
        "notes.markdown",
        "# Kelp Farm Doubles Its Harvest\n\nThe kelp farm in the bay doubled its harvest this year.\n",
    );
    env.write(
        "page.htm",
        "<html><head><title>Kelp Prices Fall</title></head><body><article><p>Kelp prices fell as the harvest doubled across the coast this season.</p></article></body></html>",
    );
    env.write(
        "SHOUT.TXT",
        "Title: Kelp Festival Announced\nDate: 2022-07-01\n\nA kelp festival will be held in August.",
    );
    let report = env.index_corpus();
    assert_eq!(report["report"]["articles_added"], 3, "{report}");
    let r = env.search_all("kelp", &[]);
    let mut titles: Vec<&str> = r.hits.iter().filter_map(|h| h.title.as_deref()).collect();
    titles.sort_unstable();
    assert_eq!(
        titles,
        [
            "Kelp Farm Doubles Its Harvest",
            "Kelp Festival Announced",
            "Kelp Prices Fall"
        ]
    );
}

#[test]
fn undeclared_latin1_html_is_decoded() {
    let env = TestEnv::new();
    let page = "<html><head><title>Straßenbahn fährt wieder über die Brücke</title></head><body><article>\
        <p>Die Straßenbahn fährt seit Montag wieder über die alte Brücke, nachdem die Gleise für viel Geld erneuert wurden.</p>\
        <p>Fahrgäste müssen sich während der Bauarbeiten am Südufer aber weiter auf Umleitungen einstellen.</p>\
        </article></body></html>";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(page);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the file is not UTF-8"
    );
    env.write("bahn.html", &bytes);
    let hit = index_and_find(&env, "straßenbahn");
    assert_eq!(
        hit.title.as_deref(),
        Some("Straßenbahn fährt wieder über die Brücke")
    );
    assert_eq!(hit.language.as_deref(), Some("de"));
    assert_eq!(env.search_all("fahrgäste", &[]).total, 1);
}

#[test]
fn html_inside_a_json_body_is_extracted_as_a_page() {
    let env = TestEnv::new();
    let path = env.write(
        "html-body.json",
        r#"{"id": "hb-1", "title": "Seaweed Harvesters Form a Cooperative", "content": "<div><p>Seaweed harvesters along the coast formed a cooperative on Monday to sell their crop together.</p><div class=\"newsletter\">Sign up for our weekly letter</div><p>The cooperative starts with twelve members.</p></div>"}"#,
    );
    let record = extract_one(&path);
    let body = record["body"].as_str().unwrap();
    assert!(body.contains("formed a cooperative"), "{body}");
    assert!(body.contains("twelve members"), "{body}");
    assert!(!body.contains('<'), "tags are gone: {body}");
    assert!(
        !body.contains("Sign up"),
        "the newsletter box is gone: {body}"
    );
}

#[test]
fn publication_dates_in_the_documented_spellings() {
    let env = TestEnv::new();
    let cases = [
        ("iso-day", "2022-11-05", "2022-11-05"),
        ("iso-utc", "2022-11-05T14:20:00Z", "2022-11-05T14:20:00Z"),
        (
            "iso-offset",
            "2022-11-05T14:20:00+03:00",
            "2022-11-05T14:20:00+03:00",
        ),
        ("no-zone", "2022-11-05 08:15:00", "2022-11-05T08:15:00Z"),
        (
            "rfc2822",
            "Sat, 05 Nov 2022 14:20:00 +0300",
            "2022-11-05T14:20:00+03:00",
        ),
        ("epoch", "1667642400", "2022-11-05T10:00:00Z"),
        ("dotted", "05.11.2022", "2022-11-05"),
        ("us-slashes", "11/05/2022", "2022-11-05"),
        ("english", "November 5, 2022", "2022-11-05"),
        ("english-day-first", "5 November 2022", "2022-11-05"),
        ("german", "5. November 2022", "2022-11-05"),
        ("russian", "5 ноября 2022", "2022-11-05"),
        ("french", "5 novembre 2022", "2022-11-05"),
        ("polish", "5 listopada 2022", "2022-11-05"),
        ("ukrainian", "5 листопада 2022", "2022-11-05"),
        ("nonsense", "sometime soon", ""),
    ];
    for (name, date, _) in cases {
        env.write(
            &format!("{name}.txt"),
            format!("Title: Date Spelling {name}\nDate: {date}\n\nA short article about dates."),
        );
    }
    let (records, out) = extract_jsonl(&[&env.corpus()]);
    assert_exit(&out, 0, "extract");
    let mut wrong = Vec::new();
    for (name, date, want) in cases {
        let record = records
            .iter()
            .find(|r| {
                r["path"]
                    .as_str()
                    .unwrap()
                    .ends_with(&format!("/{name}.txt"))
            })
            .unwrap_or_else(|| panic!("no record for {name}"));
        let got = record["published"].as_str().unwrap_or("");
        if got != want {
            wrong.push(format!("{date:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "dates read wrong:\n{}", wrong.join("\n"));
}

#[test]
fn date_in_the_url_is_used_when_none_is_stated() {
    let env = TestEnv::new();
    let path = env.write(
        "url-date.json",
        r#"{"title": "Dredger Arrives at the Port", "text": "A dredger arrived at the port to deepen the channel.", "url": "https://portnews.example/news/2022/10/18/dredger-arrives"}"#,
    );
    let record = extract_one(&path);
    assert_eq!(record["published"], "2022-10-18");
    assert_eq!(
        record["id"], "https://portnews.example/news/2022/10/18/dredger-arrives",
        "without an id, the URL is the id"
    );
}

#[test]
fn ids_fall_back_to_the_path_with_a_locator() {
    let env = TestEnv::new();
    let txt = env.write("plain.txt", "Title: Plain Note\n\nNo id, no url here.");
    env.write(
        "with-id.txt",
        "Id: memo-17\nTitle: Memo With an Id\n\nThis one has an id.",
    );
    env.write(
        "arr.json",
        r#"[{"title": "First Item", "text": "One."}, {"title": "Second Item", "text": "Two."}]"#,
    );
    env.write(
        "lines.jsonl",
        "{\"title\": \"Line One\", \"text\": \"One.\"}\n{\"title\": \"Line Two\", \"text\": \"Two.\"}\n",
    );
    let (records, out) = extract_jsonl(&[&env.corpus()]);
    assert_exit(&out, 0, "extract");
    let id_of = |title: &str| -> String {
        records
            .iter()
            .find(|r| r["title"] == title)
            .and_then(|r| r["id"].as_str())
            .unwrap_or_else(|| panic!("no record titled {title}"))
            .to_string()
    };
    assert_eq!(id_of("Memo With an Id"), "memo-17");
    let plain = id_of("Plain Note");
    assert!(plain.ends_with("plain.txt"), "{plain}");
    assert!(
        Path::new(&plain).is_absolute(),
        "paths are absolute: {plain}"
    );
    assert_eq!(Path::new(&plain), txt.canonicalize().unwrap());
    assert!(id_of("First Item").ends_with("arr.json#1"));
    assert!(id_of("Second Item").ends_with("arr.json#2"));
    assert!(id_of("Line One").ends_with("lines.jsonl#L1"));
    assert!(id_of("Line Two").ends_with("lines.jsonl#L2"));
}

#[test]
fn the_same_folder_by_another_path_spelling_duplicates_nothing() {
    let env = TestEnv::new();
    let first = run(env
        .newsdex()
        .args(["index", "--json", "-q", "sample-corpus"]));
    assert_exit(&first, 0, "index sample-corpus (relative)");
    let count = env.article_count();
    let absolute = sample_corpus();
    let spellings = [
        "./sample-corpus".to_string(),
        "sample-corpus/../sample-corpus/".to_string(),
        absolute.display().to_string(),
    ];
    for spelling in &spellings {
        let out = run(env.newsdex().args(["index", "--json", "-q", spelling]));
        assert_exit(&out, 0, spelling);
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let r = &v["report"];
        assert_eq!(r["articles_added"], 0, "{spelling}: {v}");
        assert_eq!(r["articles_updated"], 0, "{spelling}: {v}");
        assert_eq!(r["files_indexed"], 0, "{spelling}: {v}");
    }
    assert_eq!(env.article_count(), count);
}

#[test]
fn the_same_file_given_twice_is_read_once() {
    let env = TestEnv::new();
    let file = env.write("ferry.txt", TXT_WITH_HEADER);
    let report = env.index_paths(&[&env.corpus(), &file]);
    assert_eq!(report["report"]["articles_added"], 1, "{report}");
    assert_eq!(report["report"]["articles_updated"], 0, "{report}");
    assert_eq!(report["report"]["files_indexed"], 1, "{report}");
}

#[test]
fn files_over_max_file_size_are_passed_over_with_a_reason() {
    let env = TestEnv::new();
    env.write("ferry.txt", TXT_WITH_HEADER);
    let big = format!(
        "Title: An Enormous Transcript\n\n{}",
        "The committee heard evidence about the pontoon. ".repeat(40_000)
    );
    assert!(big.len() > 1024 * 1024 + 1000);
    env.write("big.txt", big);
    let out = run(env
        .newsdex()
        .args(["index", "--json", "-q", "--max-file-size", "1"])
        .arg(env.corpus()));
    assert_exit(&out, 0, "index with --max-file-size");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &v["report"];
    assert_eq!(r["articles_added"], 1, "{r}");
    let listed: Vec<&Value> = ["failed", "skipped"]
        .iter()
        .flat_map(|k| r[*k].as_array().unwrap())
        .filter(|e| e["path"].as_str().unwrap().ends_with("big.txt"))
        .collect();
    assert_eq!(listed.len(), 1, "big.txt is reported: {r}");
    assert!(
        listed[0]["reason"].as_str().unwrap().contains("large"),
        "{r}"
    );
    let search = run(env.newsdex().args(["search", "pontoon"]));
    assert_exit(&search, 1, "the big file is not indexed");
}
