//! Dates the page states for machines: JSON-LD, `<meta>` tags, microdata, the URL.

use super::super::ARTICLE_TYPES;
use std::sync::LazyLock;

use dom_query::Document;
use regex::Regex;
use serde_json::Value;

/// `<meta>` names and properties that hold the publication date, strongest first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "pubdate",
    "og:pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_date",
    "publication_date",
    "publication-date",
    "date_published",
    "article.published",
    "article_date_original",
    "article.created",
    "datecreated",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "citation_publication_date",
    "citation_online_date",
    "citation_date",
    "prism.publicationdate",
    "originalpublicationdate",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
    "release_date",
    "date",
    "dc.date",
    "dcterms.date",
];

/// JSON-LD types whose dates belong to someone else than the page (a reader's comment, an
/// answer, a review of the thing the page is about).
const FOREIGN_TYPES: &[&str] = &["Comment", "Answer", "Review", "Rating"];
/// JSON-LD keys under which such foreign objects sit.
const FOREIGN_KEYS: &[&str] = &[
    "comment",
    "review",
    "reviews",
    "suggestedAnswer",
    "acceptedAnswer",
];

/// What JSON-LD says, from all its blocks.
#[derive(Debug, Default, PartialEq)]
pub(super) struct LdDates {
    /// `datePublished` of an article object.
    pub article_published: Option<String>,
    /// `datePublished` of any other object (a `WebPage`, a `VideoObject`, …).
    pub other_published: Option<String>,
    /// `dateCreated` or `uploadDate`.
    pub created: Option<String>,
}

static LD_PUBLISHED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#""datePublished"\s*:\s*"([^"]{6,40})""#).expect("valid regex"));
/// Dates from every `<script type="application/ld+json">` (and plain `<script>` holding
/// schema.org JSON); blocks that do not parse as JSON are searched for `"datePublished": "…"`
/// as text.
pub(super) fn json_ld(doc: &Document) -> LdDates {
    let mut out = LdDates::default();
    for script in doc.select("script").iter() {
        let kind = script.attr("type").map(|t| t.trim().to_ascii_lowercase());
        let declared = kind.as_deref() == Some("application/ld+json");
        // Some pages put schema.org JSON in a plain `<script>`.
        let plain = matches!(kind.as_deref(), None | Some("application/json"));
        if !declared && !plain {
            continue;
        }
        let text = script.text();
        let t = text.trim_start();
        if !declared && !((t.starts_with('{') || t.starts_with('[')) && t.contains("\"@context\""))
        {
            continue;
        }
        let cleaned = text
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim();
        match serde_json::from_str::<Value>(cleaned)
            .or_else(|_| serde_json::from_str::<Value>(&cleaned.replace(['\n', '\r', '\t'], " ")))
        {
            Ok(v) => walk(&v, &mut out),
            Err(_) => {
                let first = |re: &Regex| re.captures(cleaned).map(|c| c[1].to_string());
                if out.other_published.is_none() {
                    out.other_published = first(&LD_PUBLISHED);
                }
            }
        }
    }
    out
}

fn walk(v: &Value, out: &mut LdDates) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
        Value::Object(map) => {
            let types: Vec<&str> = match map.get("@type") {
                Some(Value::String(t)) => vec![t.as_str()],
                Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            if types.iter().any(|t| FOREIGN_TYPES.contains(t)) {
                return;
            }
            let is_article = types.iter().any(|t| ARTICLE_TYPES.contains(t));
            let get = |k: &str| map.get(k).and_then(crate::ingest::scalar_value);
            if let Some(p) = get("datePublished") {
                if is_article && out.article_published.is_none() {
                    out.article_published = Some(p);
                } else if out.other_published.is_none() {
                    out.other_published = Some(p);
                }
            }
            if out.created.is_none() {
                out.created = get("dateCreated").or_else(|| get("uploadDate"));
            }
            for (k, child) in map {
                if !FOREIGN_KEYS.contains(&k.as_str()) && (child.is_object() || child.is_array()) {
                    walk(child, out);
                }
            }
        }
        _ => {}
    }
}

/// All values of the publication-date `<meta>` tags, strongest name first.
pub(super) fn meta_published(metas: &[(String, String)]) -> Vec<String> {
    named(metas, DATE_META)
}

fn named(metas: &[(String, String)], names: &[&str]) -> Vec<String> {
    names
        .iter()
        .flat_map(|name| {
            metas
                .iter()
                .filter(move |(k, v)| k == name && !v.trim().is_empty())
                .map(|(_, v)| v.trim().to_string())
        })
        .collect()
}

/// Microdata: `itemprop="datePublished"` (then `dateCreated`) on any element, from its
/// `content`, `datetime` or `title`, else its text.
pub(super) fn microdata(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for prop in ["datePublished", "dateCreated"] {
        for el in doc.select(&format!("[itemprop={prop}]")).iter() {
            let value = ["content", "datetime", "title"]
                .iter()
                .find_map(|a| el.attr(a))
                .map(|v| v.to_string())
                .unwrap_or_else(|| el.text().to_string());
            let value = value.trim();
            if !value.is_empty() && value.len() < 80 {
                out.push(value.to_string());
            }
        }
    }
    out
}

/// Publication keys in scripts' data and variables: `"publishedAt": "…"`,
/// `publication_date = '…'`, `"created_at": "…"`.
static SCRIPT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)["']?(?:date_?published|published_?(?:at|date|on|time)|publish_?(?:date|time)|pub_?date|publication_?date|first_?published(?:_?at)?|date_?created|created_?at)["']?\s*[:=]\s*["']([^"'<>]{8,40})["']"#,
    )
    .expect("valid regex")
});

/// How much of one script is searched for [`SCRIPT_DATE`] (bytes).
const SCRIPT_REACH: usize = 200_000;

/// Values of publication keys in the page's scripts (`window.__DATA__ = {"publishedAt": …}`),
/// in document order: what a page's own code says when its markup says nothing.
pub(super) fn script_dates(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for script in doc.select("script").iter() {
        let text = script.text();
        let mut end = text.len().min(SCRIPT_REACH);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        out.extend(
            SCRIPT_DATE
                .captures_iter(&text[..end])
                .map(|c| c[1].trim().to_string()),
        );
        if out.len() >= 8 {
            break;
        }
    }
    out
}

/// The page's own address: canonical link, else `og:url`.
pub(super) fn page_url(doc: &Document, metas: &[(String, String)]) -> Option<String> {
    doc.select("link[rel=canonical]")
        .iter()
        .find_map(|l| l.attr("href").map(|h| h.trim().to_string()))
        .filter(|h| !h.is_empty())
        .or_else(|| {
            metas
                .iter()
                .find(|(k, v)| k == "og:url" && !v.trim().is_empty())
                .map(|(_, v)| v.trim().to_string())
        })
}

/// The page title as stated: `og:title`, `twitter:title`, else `<title>`.
pub(super) fn page_title(doc: &Document, metas: &[(String, String)]) -> Option<String> {
    metas
        .iter()
        .find(|(k, v)| (k == "og:title" || k == "twitter:title") && !v.trim().is_empty())
        .map(|(_, v)| v.clone())
        .or_else(|| {
            let t = doc.select("title").first().text().to_string();
            (!t.trim().is_empty()).then_some(t)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ld(html: &str) -> LdDates {
        json_ld(&Document::from(html))
    }

    #[test]
    fn json_ld_sources() {
        let graph = r#"<script type="application/ld+json">{"@graph":[
            {"@type":"WebPage","datePublished":"2021-01-02T10:00:00+01:00","dateModified":"2021-01-05"},
            {"@type":"BlogPosting","datePublished":"2021-01-03","dateModified":"2021-01-04",
             "comment":[{"@type":"Comment","datePublished":"2021-02-01"}]}]}</script>"#;
        assert_eq!(
            ld(graph),
            LdDates {
                article_published: Some("2021-01-03".into()),
                other_published: Some("2021-01-02T10:00:00+01:00".into()),
                created: None,
            }
        );
        let video = r#"<script type="application/ld+json">[{"@type":"VideoObject","uploadDate":"2019-10-16T18:15:00Z"}]</script>"#;
        assert_eq!(ld(video).created.as_deref(), Some("2019-10-16T18:15:00Z"));
        let broken = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\", \"headline\": \"a \"quoted\" word\", \"datePublished\": \"2020-05-06 08:00\"}</script>";
        assert_eq!(
            ld(broken).other_published.as_deref(),
            Some("2020-05-06 08:00")
        );
        let untyped = r#"<script>{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2022-01-28T06:00:00+01:00"}</script><script>var a = {"datePublished": "2001-01-01"};</script>"#;
        assert_eq!(
            ld(untyped).article_published.as_deref(),
            Some("2022-01-28T06:00:00+01:00")
        );
        let comment_only = r#"<script type="application/ld+json">{"@type":"Comment","datePublished":"2020-05-06"}</script>"#;
        assert_eq!(ld(comment_only), LdDates::default());
    }

    #[test]
    fn script_values() {
        let doc = Document::from(
            r#"<script>var cfg = {"theme": "dark", "publishedAt": "2021-03-04T10:00:00Z"};</script>
            <script>var publication_date = '2021-03-05 08:00'; var x = "created";</script>
            <script>var updated_at = "2021-03-06";</script>"#,
        );
        assert_eq!(
            script_dates(&doc),
            ["2021-03-04T10:00:00Z", "2021-03-05 08:00"]
        );
    }

    #[test]
    fn meta_microdata_url_title() {
        let metas = vec![
            ("date".to_string(), "2020-01-01".to_string()),
            (
                "article:published_time".to_string(),
                "2020-01-02".to_string(),
            ),
            ("og:updated_time".to_string(), "2020-01-03".to_string()),
            (
                "og:url".to_string(),
                "https://x.example/2020/01/02/a".to_string(),
            ),
            ("og:title".to_string(), "A title".to_string()),
        ];
        assert_eq!(meta_published(&metas), ["2020-01-02", "2020-01-01"]);
        let doc = Document::from(
            r#"<title>T</title><p><span itemprop="datePublished">4 May 2020</span>
            <meta itemprop="dateCreated" content="2020-05-03"></p>"#,
        );
        assert_eq!(microdata(&doc), ["4 May 2020", "2020-05-03"]);
        assert_eq!(
            page_url(&doc, &metas).as_deref(),
            Some("https://x.example/2020/01/02/a")
        );
        assert_eq!(page_title(&doc, &metas).as_deref(), Some("A title"));
        assert_eq!(page_title(&doc, &[]).as_deref(), Some("T"));
    }
}
