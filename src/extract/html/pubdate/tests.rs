//! Whole-page rules of [`super::published`], on small pages written for the tests.

use super::*;
use crate::extract::html::metadata::meta_tags;

/// The date found in a page made of `head` and `body`, with its provenance.
fn date_of(head: &str, body: &str) -> Option<(String, Provenance)> {
    let html =
        format!("<!doctype html><html lang=\"de\"><head>{head}</head><body>{body}</body></html>");
    let doc = Document::from(html.as_str());
    published(&doc, &meta_tags(&doc), &Value::Null)
}

const TITLE: &str = "<title>Lanterns over the harbour | Harbor Times</title>";
const H1: &str = "<h1>Lanterns over the harbour</h1>";

/// A case: what it shows, the page's head and body, the expected value and provenance.
type Case<'a> = (&'a str, String, String, Option<(&'a str, Provenance)>);

fn check(cases: &[Case]) {
    for (name, head, body, want) in cases {
        let got = date_of(head, body);
        assert_eq!(got.as_ref().map(|(v, p)| (v.as_str(), *p)), *want, "{name}");
    }
}

#[test]
fn stated_dates() {
    let ld = |v: &str| format!(r#"{TITLE}<script type="application/ld+json">{v}</script>"#);
    check(&[
        (
            "URL day first: a UTC timestamp crossed midnight",
            format!(
                r#"{TITLE}<link rel="canonical" href="https://ht.example/2021/03/04/lanterns/">
                <meta property="article:published_time" content="2021-03-05T02:00:00Z">"#
            ),
            format!("{H1}<p>Text.</p>"),
            Some(("2021-03-04", Provenance::Url)),
        ),
        (
            "URL and metadata on the same day: the metadata, with its time",
            format!(
                r#"{TITLE}<link rel="canonical" href="https://ht.example/2021/03/04/lanterns/">
                <meta property="article:published_time" content="2021-03-04T09:00:00+01:00">"#
            ),
            format!("{H1}<p>Text.</p>"),
            Some(("2021-03-04T09:00:00+01:00", Provenance::Meta)),
        ),
        (
            "JSON-LD article",
            ld(r#"{"@type":"NewsArticle","datePublished":"2021-03-04T09:00:00+01:00"}"#),
            format!("{H1}<p>Text.</p>"),
            Some(("2021-03-04T09:00:00+01:00", Provenance::JsonLd)),
        ),
        (
            "JSON-LD WebPage in a graph",
            ld(r#"{"@graph":[{"@type":"WebPage","datePublished":"2021-03-04"}]}"#),
            format!("{H1}<p>Text.</p>"),
            Some(("2021-03-04", Provenance::JsonLd)),
        ),
        (
            "meta tag, read through its odd format",
            format!(
                r#"{TITLE}<meta property="article:published_time" content="Do., 04.03.2021 - 09:00">"#
            ),
            format!("{H1}<p>Text.</p>"),
            Some(("2021-03-04", Provenance::Meta)),
        ),
        (
            "microdata",
            TITLE.to_string(),
            format!(r#"{H1}<meta itemprop="datePublished" content="2021-03-04"><p>Text.</p>"#),
            Some(("2021-03-04", Provenance::Meta)),
        ),
        (
            "a future date in the metadata is a typo: the byline is read instead",
            format!(r#"{TITLE}<meta name="pubdate" content="2999-01-01">"#),
            format!(r#"{H1}<p class="byline">4. März 2021</p>"#),
            Some(("2021-03-04", Provenance::Text)),
        ),
        (
            "a date before 1995 is not a publication date",
            format!(r#"{TITLE}<meta name="date" content="1970-01-01">"#),
            format!("{H1}<p>Text.</p>"),
            None,
        ),
    ]);
}

#[test]
fn shown_dates() {
    let t = TITLE.to_string();
    check(&[
        (
            "byline under the headline, German",
            t.clone(),
            format!(r#"<nav>01.01.2020</nav>{H1}<div class="article-meta">Von Ada Lovelace, 4. März 2021</div><p>Text.</p>"#),
            Some(("2021-03-04", Provenance::Text)),
        ),
        (
            "time element in the byline",
            t.clone(),
            format!(r#"{H1}<p class="author">Ada <time datetime="2021-03-04T10:00:00+01:00">Thursday</time></p>"#),
            Some(("2021-03-04T10:00:00+01:00", Provenance::Meta)),
        ),
        (
            "date line above the headline",
            t.clone(),
            format!(r#"<span class="date">04/03/2021</span>{H1}<p>Text.</p>"#),
            Some(("2021-03-04", Provenance::Text)),
        ),
        (
            "plain paragraph right after the headline, Spanish",
            t.clone(),
            format!("{H1}<p>4 de marzo de 2021</p><p>Text.</p>"),
            Some(("2021-03-04", Provenance::Text)),
        ),
        (
            "headline in an h3 that repeats the title, inside a container named like a sidebar",
            t.clone(),
            r#"<div class="sidebar_content"><h3>Lanterns over the harbour</h3><div>4 March 2021</div></div>"#.to_string(),
            Some(("2021-03-04", Provenance::Text)),
        ),
        (
            "a labelled date far down beats the first plain one",
            t.clone(),
            format!(
                "{H1}<p>{}</p><p>The fair of 12 June 2019 was a success.</p><p>Mise en ligne le 4 mars 2021</p>",
                "Filler text. ".repeat(150)
            ),
            Some(("2021-03-04", Provenance::Text)),
        ),
        (
            "last resort: the first date after the headline",
            t.clone(),
            format!(
                "<p>Menu</p>{H1}<p>{}</p><p>The fair of 4 March 2021 was a success.</p>",
                "Filler text. ".repeat(150)
            ),
            Some(("2021-03-04", Provenance::Text)),
        ),
        (
            "comments, sidebars and footers are not read",
            t.clone(),
            format!(
                r#"{H1}<p>Text.</p><aside>4 March 2021</aside><div class="comments"><span class="date">5 March 2021</span></div><div id="sidebar-left">6 March 2021</div><footer>7 March 2021</footer>"#
            ),
            None,
        ),
    ]);
}

#[test]
fn shown_against_stated() {
    let meta =
        |v: &str| format!(r#"{TITLE}<meta property="article:published_time" content="{v}">"#);
    check(&[
        (
            "a later byline day wins: the page shows its revision date",
            meta("2021-03-01T10:00:00+01:00"),
            format!(r#"{H1}<p class="meta">Updated 10 March 2021</p>"#),
            Some(("2021-03-10", Provenance::Text)),
        ),
        (
            "the day before a timestamp, under the headline: the local day",
            meta("2021-03-05T01:30:00Z"),
            format!(r#"{H1}<p class="meta">4 March 2021, 20:30 EST</p>"#),
            Some(("2021-03-04", Provenance::Text)),
        ),
        (
            "an earlier byline day (a quoted event) does not win",
            meta("2021-03-10T10:00:00+01:00"),
            format!(r#"{H1}<p class="meta">Event of 1 March 2021</p>"#),
            Some(("2021-03-10T10:00:00+01:00", Provenance::Meta)),
        ),
        (
            "a later date far below the headline does not win",
            meta("2021-03-01"),
            format!(
                r#"{H1}<p>{}</p><p class="meta">10 March 2021</p>"#,
                "Filler text. ".repeat(100)
            ),
            Some(("2021-03-01", Provenance::Meta)),
        ),
    ]);
}

#[test]
fn dates_in_attributes_and_labels() {
    let v = page::Visible {
        text: "Home Published: 4 March 2021 | Other 5 March 2021".to_string(),
        ..Default::default()
    };
    let at = |needle: &str| v.text.find(needle).unwrap_or(0);
    let first_end = at(" | Other");
    assert!(v.labelled(at("4 March"), 0));
    assert!(
        !v.labelled(at("5 March"), first_end),
        "the label belongs to the first date"
    );
    assert!(!v.labelled(0, 0));
}

#[test]
fn weird_inputs_do_not_panic() {
    for body in [
        "",
        "<h1></h1>",
        "<h1>ü</h1><p class=date>99.99.9999 31/02/2021 2021-13-45 ☃ 0000-00-00</p>",
        "<time datetime='not a date'>x</time><abbr title=''>y</abbr>",
    ] {
        let _ = date_of(TITLE, body);
    }
    assert_eq!(date_of("", "<p>No date here.</p>"), None);
}
