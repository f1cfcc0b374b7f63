//! `RawMeta`: metadata a file states explicitly, before any cleaning.

use serde_json::{Map, Value};

/// Metadata an input states explicitly, as strings exactly as given.
///
/// Readers fill what their format says; [`extract`](crate::extract) cleans and completes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawMeta {
    /// The input's own id.
    pub id: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// URL of the article.
    pub url: Option<String>,
    /// Outlet, publication or site name (or domain).
    pub outlet: Option<String>,
    /// Authors as given (may still hold "By …" noise).
    pub authors: Vec<String>,
    /// Publication date as written (or epoch seconds as digits).
    pub published: Option<String>,
    /// Last-modified date as written.
    pub modified: Option<String>,
    /// Language as given ("en", "en-US", "English", "eng").
    pub language: Option<String>,
    /// Section or category.
    pub section: Option<String>,
    /// Standfirst or summary.
    pub description: Option<String>,
}

/// Key spellings of common crawlers and CMS exports, per field, in order of preference.
pub(crate) const ID_KEYS: &[&str] = &["id", "_id", "uuid", "guid", "article_id", "doc_id", "docid"];
pub(crate) const TITLE_KEYS: &[&str] = &["title", "headline", "heading", "title_page", "name"];
pub(crate) const BODY_KEYS: &[&str] = &[
    "body",
    "text",
    "content",
    "maintext",
    "articleBody",
    "article_body",
    "full_text",
    "fulltext",
    "story",
    "article",
    "body_text",
];
pub(crate) const HTML_KEYS: &[&str] = &["html", "raw_html", "body_html", "content_html", "rawHtml"];
pub(crate) const DATE_KEYS: &[&str] = &[
    "published",
    "date",
    "date_publish",
    "datePublished",
    "pubDate",
    "pub_date",
    "published_at",
    "publishedAt",
    "publish_date",
    "publication_date",
    "date_published",
    "pubdate",
];
pub(crate) const MODIFIED_KEYS: &[&str] = &[
    "modified",
    "date_modify",
    "dateModified",
    "updated",
    "updated_at",
    "updatedAt",
    "date_modified",
    "last_modified",
    "lastmod",
];
pub(crate) const OUTLET_KEYS: &[&str] = &[
    "outlet",
    "source",
    "publication",
    "site_name",
    "siteName",
    "source_domain",
    "publisher",
    "source_name",
    "media",
    "website",
    "domain",
    "newspaper",
];
pub(crate) const URL_KEYS: &[&str] = &[
    "url",
    "link",
    "canonical_url",
    "canonical",
    "source_url",
    "uri",
    "href",
];
pub(crate) const AUTHOR_KEYS: &[&str] = &[
    "authors",
    "author",
    "byline",
    "creator",
    "dc:creator",
    "writer",
];
pub(crate) const LANGUAGE_KEYS: &[&str] = &["language", "lang", "inLanguage", "locale"];
pub(crate) const SECTION_KEYS: &[&str] = &[
    "section",
    "articleSection",
    "category",
    "categories",
    "desk",
    "rubric",
];
pub(crate) const DESCRIPTION_KEYS: &[&str] = &[
    "description",
    "summary",
    "lead",
    "abstract",
    "teaser",
    "standfirst",
    "excerpt",
    "dek",
];

impl RawMeta {
    /// Reads the known keys of a JSON object (or front matter turned into one).
    pub(crate) fn from_map(map: &Map<String, Value>) -> RawMeta {
        RawMeta {
            id: first(map, ID_KEYS, scalar),
            title: first(map, TITLE_KEYS, scalar),
            url: first(map, URL_KEYS, scalar),
            outlet: first(map, OUTLET_KEYS, named),
            authors: first(map, AUTHOR_KEYS, |v| Some(names(v))).unwrap_or_default(),
            published: first(map, DATE_KEYS, scalar),
            modified: first(map, MODIFIED_KEYS, scalar),
            language: first(map, LANGUAGE_KEYS, scalar),
            section: first(map, SECTION_KEYS, named),
            description: first(map, DESCRIPTION_KEYS, scalar),
        }
    }

    /// Sets a field from a `Key: value` header line; returns false for unknown keys.
    pub(crate) fn set_header(&mut self, key: &str, value: &str) -> bool {
        let value = Some(value.trim().to_string()).filter(|v| !v.is_empty());
        let slot = match key
            .trim()
            .to_ascii_lowercase()
            .replace(['-', ' '], "_")
            .as_str()
        {
            "id" => &mut self.id,
            "title" | "headline" => &mut self.title,
            "url" | "link" | "source_url" => &mut self.url,
            "outlet" | "source" | "publication" | "publisher" | "site" | "site_name" => {
                &mut self.outlet
            }
            "date" | "published" | "pubdate" | "publication_date" | "date_published" => {
                &mut self.published
            }
            "modified" | "updated" | "last_modified" => &mut self.modified,
            "language" | "lang" => &mut self.language,
            "section" | "category" | "desk" => &mut self.section,
            "description" | "summary" | "standfirst" => &mut self.description,
            "author" | "authors" | "byline" | "by" => {
                if let Some(v) = value {
                    self.authors.extend(split_names(&v));
                }
                return true;
            }
            _ => return false,
        };
        *slot = value;
        true
    }
}

fn first<T>(
    map: &Map<String, Value>,
    keys: &[&str],
    get: impl Fn(&Value) -> Option<T>,
) -> Option<T> {
    keys.iter().filter_map(|k| map.get(*k)).find_map(get)
}

/// A string, number or boolean as a non-empty string.
pub(crate) fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => items.iter().find_map(scalar),
        _ => None,
    }
}

/// A string, or the `name` of an object (`{"@type": "Organization", "name": "…"}`).
fn named(v: &Value) -> Option<String> {
    match v {
        Value::Object(o) => o.get("name").or_else(|| o.get("title")).and_then(scalar),
        Value::Array(items) => items.iter().find_map(named),
        other => scalar(other),
    }
}

/// Names from a string ("A and B"), an array of strings, or objects with `name`.
fn names(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => split_names(s),
        Value::Array(items) => items.iter().flat_map(names).collect(),
        Value::Object(_) => named(v).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// Splits "A, B and C" into names; leaves single names alone.
pub(crate) fn split_names(s: &str) -> Vec<String> {
    s.split([',', ';', '&'])
        .flat_map(|part| part.split(" and "))
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn crawler_keys_are_mapped() {
        let v = json!({
            "headline": "Drones over Kyiv", "maintext": "…", "date_publish": "2022-11-03 08:15:00",
            "source_domain": "harbortimes.example", "authors": ["Anna Kovalenko", {"name": "Ivan Petrov"}],
            "id": 17, "inLanguage": "en", "publisher": {"name": "Harbor Times"}
        });
        let m = RawMeta::from_map(v.as_object().unwrap());
        assert_eq!(m.title.as_deref(), Some("Drones over Kyiv"));
        assert_eq!(m.published.as_deref(), Some("2022-11-03 08:15:00"));
        assert_eq!(m.outlet.as_deref(), Some("harbortimes.example"));
        assert_eq!(m.authors, ["Anna Kovalenko", "Ivan Petrov"]);
        assert_eq!(m.id.as_deref(), Some("17"));
        assert_eq!(m.language.as_deref(), Some("en"));
    }

    #[test]
    fn publisher_object_gives_its_name() {
        let v = json!({"publisher": {"@type": "Organization", "name": "Danube Herald"}});
        assert_eq!(
            RawMeta::from_map(v.as_object().unwrap()).outlet.as_deref(),
            Some("Danube Herald")
        );
    }

    #[test]
    fn header_lines() {
        let mut m = RawMeta::default();
        assert!(m.set_header("Authors", "Anna Kovalenko, Ivan Petrov and Olga Sych"));
        assert!(m.set_header("Date", "5 November 2022"));
        assert!(!m.set_header("Mood", "grim"));
        assert_eq!(m.authors.len(), 3);
        assert_eq!(m.published.as_deref(), Some("5 November 2022"));
    }
}
