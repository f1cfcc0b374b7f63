//! Page metadata: JSON-LD `NewsArticle`, Open Graph, `article:*`, `<meta>`, `<time>`, `<title>`.
//!
//! Each field takes the first source that has it, in the order JSON-LD → Open Graph and
//! `article:*` → other `<meta>` names → the DOM.

use dom_query::Document;
use serde_json::Value;

use crate::Provenance;
use crate::ingest::RawMeta;

/// JSON-LD types that describe an article.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
    "ScholarlyArticle",
];

const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
    "dcterms.modified",
];
const AUTHOR_META: &[&str] = &[
    "author",
    "article:author",
    "dc.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
];
const SECTION_META: &[&str] = &["article:section", "section", "parsely-section", "category"];

/// What the page says about itself, with where the outlet and the date came from.
pub(super) struct PageMeta {
    pub meta: RawMeta,
    pub outlet_from: Provenance,
    pub published_from: Provenance,
}

pub(super) fn read(doc: &Document) -> PageMeta {
    let metas = meta_tags(doc);
    let get = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|n| {
            metas
                .iter()
                .find(|(k, v)| k == n && !v.trim().is_empty())
                .map(|(_, v)| v.trim().to_string())
        })
    };
    let ld = json_ld_article(doc).unwrap_or(Value::Null);
    let ld_str = |key: &str| ld.get(key).and_then(crate::ingest::scalar_value);

    let title = ld_str("headline")
        .or_else(|| get(&["og:title", "twitter:title"]))
        .or_else(|| first_text(doc, "article h1, main h1, h1"))
        .or_else(|| first_text(doc, "title").map(|t| strip_site_suffix(&t)));

    let mut authors = ld.get("author").map(names).unwrap_or_default();
    if authors.is_empty() {
        authors = metas
            .iter()
            .filter(|(k, _)| AUTHOR_META.contains(&k.as_str()))
            .map(|(_, v)| v.clone())
            .collect();
    }
    if authors.is_empty() {
        authors = doc
            .select("[itemprop=author] [itemprop=name], [rel=author], .byline__name, .author-name, .byline, .author")
            .iter()
            .map(|s| s.text().to_string())
            .take(4)
            .collect();
    }

    let (published, published_from) = match super::pubdate::published(doc, &metas, &ld) {
        Some((d, from)) => (Some(d), from),
        None => (None, Provenance::None),
    };
    let (outlet, outlet_from) = match ld
        .get("publisher")
        .and_then(|p| names(p).into_iter().next())
    {
        Some(o) => (Some(o), Provenance::JsonLd),
        None => match get(&[
            "og:site_name",
            "application-name",
            "publisher",
            "dc.publisher",
        ]) {
            Some(o) => (Some(o), Provenance::Meta),
            None => (None, Provenance::None),
        },
    };

    let meta = RawMeta {
        // A publisher's own article id, when it states one.
        id: ld_str("identifier"),
        title,
        url: attr(doc, "link[rel=canonical]", &["href"])
            .or_else(|| get(&["og:url"]))
            .or_else(|| ld_str("url")),
        outlet,
        authors,
        published,
        modified: ld_str("dateModified").or_else(|| get(MODIFIED_META)),
        language: ld_str("inLanguage")
            .or_else(|| attr(doc, "html", &["lang", "xml:lang"]))
            .or_else(|| get(&["content-language", "og:locale", "language", "dc.language"])),
        section: ld_str("articleSection").or_else(|| get(SECTION_META)),
        description: get(&["og:description", "description", "twitter:description"])
            .or_else(|| ld_str("description")),
    };
    PageMeta {
        meta,
        outlet_from,
        published_from,
    }
}

/// All `<meta>` tags as (lowercased name/property/itemprop/http-equiv, content).
pub(super) fn meta_tags(doc: &Document) -> Vec<(String, String)> {
    doc.select("meta[content]")
        .iter()
        .filter_map(|m| {
            let key = m
                .attr("property")
                .or_else(|| m.attr("name"))
                .or_else(|| m.attr("itemprop"))
                .or_else(|| m.attr("http-equiv"))?;
            Some((key.to_lowercase(), m.attr("content")?.to_string()))
        })
        .collect()
}

/// The first JSON-LD object describing an article (looking inside arrays and `@graph`).
fn json_ld_article(doc: &Document) -> Option<Value> {
    doc.select("script[type='application/ld+json']")
        .iter()
        .find_map(|s| {
            let text = s.text();
            let value: Value = serde_json::from_str(text.trim()).ok()?;
            find_article(value)
        })
}

fn find_article(v: Value) -> Option<Value> {
    match v {
        Value::Array(items) => items.into_iter().find_map(find_article),
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph")
                && let Some(found) = find_article(graph)
            {
                return Some(found);
            }
            let is_article = match map.get("@type") {
                Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                Some(Value::Array(ts)) => ts
                    .iter()
                    .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                _ => false,
            };
            is_article.then_some(Value::Object(map))
        }
        _ => None,
    }
}

/// Names from a JSON-LD person/organisation (object, array of them, or a string).
fn names(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(names).collect(),
        Value::Object(o) => o
            .get("name")
            .and_then(crate::ingest::scalar_value)
            .into_iter()
            .collect(),
        _ => Vec::new(),
    }
}

fn first_text(doc: &Document, selector: &str) -> Option<String> {
    let sel = doc.select(selector);
    let first = sel.first();
    let text = crate::extract::text::clean_line(&first.text());
    (!text.is_empty()).then_some(text)
}

pub(super) fn attr(doc: &Document, selector: &str, names: &[&str]) -> Option<String> {
    doc.select(selector).iter().find_map(|el| {
        names
            .iter()
            .find_map(|n| el.attr(n))
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    })
}

/// "Headline | Outlet" → "Headline" (the longest part wins when a separator is present).
fn strip_site_suffix(title: &str) -> String {
    for sep in [" | ", " – ", " — ", " - ", " :: ", " · "] {
        if title.contains(sep) {
            return title
                .split(sep)
                .max_by_key(|p| p.chars().count())
                .unwrap_or(title)
                .trim()
                .to_string();
        }
    }
    title.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en-GB"><head>
        <title>Drones over Kyiv | Harbor Times</title>
        <meta property="og:site_name" content="Harbor Times">
        <meta property="article:published_time" content="2022-10-18T09:30:00+03:00">
        <meta name="author" content="By Anna Kovalenko">
        <link rel="canonical" href="https://harbortimes.example/world/drones-over-kyiv">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"HT"},
          {"@type":"NewsArticle","headline":"Drones over Kyiv at dawn","datePublished":"2022-10-17T06:00:00Z",
           "author":[{"@type":"Person","name":"Anna Kovalenko"},{"@type":"Person","name":"Ivan Petrov"}],
           "publisher":{"@type":"Organization","name":"Harbor Times"},"articleSection":"World"}]}</script>
        </head><body><article><h1>Drones over Kyiv</h1><p>Text.</p></article></body></html>"#;

    #[test]
    fn json_ld_comes_first() {
        let m = read(&Document::from(PAGE)).meta;
        assert_eq!(m.title.as_deref(), Some("Drones over Kyiv at dawn"));
        assert_eq!(m.published.as_deref(), Some("2022-10-17T06:00:00Z"));
        assert_eq!(m.authors, ["Anna Kovalenko", "Ivan Petrov"]);
        assert_eq!(m.outlet.as_deref(), Some("Harbor Times"));
        assert_eq!(m.section.as_deref(), Some("World"));
        assert_eq!(m.language.as_deref(), Some("en-GB"));
        assert_eq!(
            m.url.as_deref(),
            Some("https://harbortimes.example/world/drones-over-kyiv")
        );
    }

    #[test]
    fn meta_and_dom_without_json_ld() {
        let page = PAGE.replace("application/ld+json", "text/plain");
        let m = read(&Document::from(page.as_str())).meta;
        assert_eq!(m.title.as_deref(), Some("Drones over Kyiv"));
        assert_eq!(m.published.as_deref(), Some("2022-10-18T09:30:00+03:00"));
        assert_eq!(m.authors, ["By Anna Kovalenko"]);
    }

    #[test]
    fn time_element_as_last_resort() {
        let m = read(&Document::from(
            r#"<html><body><article><time datetime="2021-03-04">4 March</time><p>x</p></article></body></html>"#,
        ))
        .meta;
        assert_eq!(m.published.as_deref(), Some("2021-03-04"));
    }

    #[test]
    fn site_suffix() {
        assert_eq!(
            strip_site_suffix("Drones over Kyiv at dawn | HT"),
            "Drones over Kyiv at dawn"
        );
        assert_eq!(strip_site_suffix("Plain"), "Plain");
    }
}
