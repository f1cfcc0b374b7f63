//! The publication date of a page, and where it was found.
//!
//! Order of evidence, strongest first: JSON-LD `datePublished`; `<meta>` tags
//! (`article:published_time`, Dublin Core, Parse.ly, …); `itemprop="datePublished"`;
//! a `<time>` element. The caller falls back to the URL and the file name.

use dom_query::Document;
use serde_json::Value;

use super::metadata::attr;
use crate::Provenance;

pub(super) const DATE_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "article_date_original",
    "cxenseparse:recs:publishtime",
    "citation_publication_date",
    "originalpublicationdate",
];

/// The page's publication date as written, with its provenance.
pub(super) fn published(
    doc: &Document,
    metas: &[(String, String)],
    ld: &Value,
) -> Option<(String, Provenance)> {
    if let Some(d) = ld
        .get("datePublished")
        .and_then(crate::ingest::scalar_value)
    {
        return Some((d, Provenance::JsonLd));
    }
    let from_meta = DATE_META.iter().find_map(|name| {
        metas
            .iter()
            .find(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_string())
    });
    from_meta
        .or_else(|| attr(doc, "[itemprop=datePublished]", &["content", "datetime"]))
        .or_else(|| {
            attr(
                doc,
                "time[pubdate], article time[datetime], time[datetime]",
                &["datetime"],
            )
        })
        .map(|d| (d, Provenance::Meta))
}
