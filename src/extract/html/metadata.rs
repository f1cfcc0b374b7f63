//! Page metadata: JSON-LD `NewsArticle`, Open Graph, `article:*`, `<meta>`, `<time>`, `<title>`.
//!
//! Each field takes the first source that has it, in the order JSON-LD → Open Graph and
//! `article:*` → other `<meta>` names → the DOM.

use super::ARTICLE_TYPES;
use dom_query::Document;
use serde_json::Value;

use crate::Provenance;
use crate::ingest::RawMeta;

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

    let site = ld
        .get("publisher")
        .and_then(|p| names(p).into_iter().next())
        .or_else(|| get(&["og:site_name", "application-name"]));
    let title = choose_title(
        doc,
        ld_str("headline").or_else(|| get(&["og:title", "twitter:title"])),
        site.as_deref(),
    );

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

/// The headline: the page's `<h1>` when it agrees with what the metadata calls the title
/// (the visible headline is what a reader copies), else the metadata's title, else any
/// `<h1>` that is not the site's name, else `<title>` — each without the site's name.
fn choose_title(doc: &Document, meta: Option<String>, site: Option<&str>) -> Option<String> {
    let meta = meta.map(|t| clean_title(&t)).filter(|t| !t.is_empty());
    let title_tag = first_text(doc, "title").map(|t| clean_title(&t));
    let h1s: Vec<String> = doc
        .select("h1")
        .iter()
        .take(6)
        .map(|h| clean_title(&headline_text(&h)))
        .filter(|h| !h.is_empty() && h.chars().count() <= 300)
        .filter(|h| !is_site_name(h, site, title_tag.as_deref()))
        .collect();
    let refs: Vec<&str> = meta
        .iter()
        .chain(title_tag.iter())
        .map(String::as_str)
        .collect();
    let agrees = |h: &str| {
        refs.iter()
            .any(|r| similarity(h, r) >= 0.3 || r.to_lowercase().contains(&h.to_lowercase()))
    };
    if let Some(h) = h1s.iter().find(|h| agrees(h)) {
        return Some(h.clone());
    }
    if let Some(m) = meta {
        // The metadata's title is usually the bare headline: only a known site name goes.
        return Some(strip_known_site(&m, site).unwrap_or(m));
    }
    if let Some(h) = h1s.into_iter().next() {
        return Some(h);
    }
    title_tag
        .map(|t| strip_site(&t, site))
        .filter(|t| !t.is_empty())
}

/// A headline's text without its kicker and without text hidden from sight.
fn headline_text(h: &dom_query::Selection) -> String {
    let skip = h.select("[class*=kicker], [class*=Kicker], [class*=dachzeile], [class*=topline], [class*=overline], [class*=roofline], [class*=eyebrow], [class*=spitzmarke], [class*=supertitle], [class*=sr-only], [class*=visually-hidden], [class*=screen-reader]");
    if skip.length() == 0 {
        return h.text().to_string();
    }
    let kept = h.clone();
    let mut text = String::new();
    for node in kept.nodes().iter().flat_map(|n| n.descendants_it()) {
        if node.is_text()
            && !skip
                .nodes()
                .iter()
                .any(|s| node.ancestors_it(None).any(|a| a.id == s.id))
        {
            text.push_str(&node.text());
            text.push(' ');
        }
    }
    text
}

/// Whitespace collapsed, entities left over from double escaping ("&#038;") decoded.
fn clean_title(t: &str) -> String {
    let t = crate::extract::text::clean_line(t);
    if t.contains('&') && t.contains(';') {
        let doc = Document::from(format!("<title>{t}</title>").as_str());
        return crate::extract::text::clean_line(&doc.select("title").text());
    }
    t
}

fn words(s: &str) -> std::collections::HashSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Shared words over all words (Jaccard).
fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    let union = a.union(&b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / union as f64
}

const SEPARATORS: &[&str] = &[
    " | ", " – ", " — ", " - ", " · ", " » ", " :: ", " • ", " / ",
];

/// "Headline | Outlet" → ["Headline", "Outlet"], split at the first separator found.
fn title_parts(title: &str) -> Vec<&str> {
    SEPARATORS
        .iter()
        .find(|sep| title.contains(*sep))
        .map(|sep| {
            title
                .split(*sep)
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect()
        })
        .unwrap_or_else(|| vec![title.trim()])
}

/// An `<h1>` that only names the site: the site's name, or a part of `<title>` beside a
/// longer one ("Headline | Blog name").
fn is_site_name(h: &str, site: Option<&str>, title_tag: Option<&str>) -> bool {
    let h = h.to_lowercase();
    if site.is_some_and(|s| s.trim().to_lowercase() == h) {
        return true;
    }
    let Some(t) = title_tag else { return false };
    let parts = title_parts(t);
    parts.len() > 1
        && parts.iter().any(|p| p.to_lowercase() == h)
        && parts.iter().any(|p| p.chars().count() > h.chars().count())
}

/// True when `part` names the site ("Harbor Times", "harbortimes.example").
fn names_site(part: &str, site: &str) -> bool {
    let part = part.trim().to_lowercase();
    !part.is_empty()
        && (site.contains(&part)
            || (part.contains(site) && part.chars().count() <= site.chars().count() + 15))
}

/// "Headline | Outlet" → "Headline" when the outlet is the known site name, at either end.
fn strip_known_site(title: &str, site: Option<&str>) -> Option<String> {
    let title = title.trim();
    let site = site
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())?;
    for sep in SEPARATORS {
        if let Some(i) = title.rfind(sep)
            && i > 0
            && names_site(&title[i + sep.len()..], &site)
        {
            return Some(title[..i].trim().to_string());
        }
        if let Some(i) = title.find(sep)
            && i + sep.len() < title.len()
            && names_site(&title[..i], &site)
        {
            return Some(title[i + sep.len()..].trim().to_string());
        }
    }
    None
}

/// "Headline | Outlet" → "Headline": a known site name at either end goes with its
/// separator; otherwise the longest part wins.
fn strip_site(title: &str, site: Option<&str>) -> String {
    if let Some(stripped) = strip_known_site(title, site) {
        return stripped;
    }
    let title = title.trim();
    title_parts(title)
        .into_iter()
        .max_by_key(|p| p.chars().count())
        .unwrap_or(title)
        .to_string()
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
        // The visible headline agrees with JSON-LD's: the visible one is the title.
        assert_eq!(m.title.as_deref(), Some("Drones over Kyiv"));
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

    fn title_of(head: &str, body: &str) -> Option<String> {
        let page = format!("<html><head>{head}</head><body>{body}</body></html>");
        read(&Document::from(page.as_str())).meta.title
    }

    #[test]
    fn titles() {
        // og:title carries the site's name; the h1 agrees and has none.
        assert_eq!(
            title_of(
                r#"<meta property="og:title" content="Port strike ends - Harbor Times"><meta property="og:site_name" content="Harbor Times">"#,
                "<h1>Port strike ends</h1>"
            )
            .as_deref(),
            Some("Port strike ends")
        );
        // A blog's h1 is its name: the metadata's title wins, without the name.
        assert_eq!(
            title_of(
                r#"<title>Winter walks in the hills | Hill Notes</title>"#,
                "<h1>Hill Notes</h1><h2>Winter walks in the hills</h2>"
            )
            .as_deref(),
            Some("Winter walks in the hills")
        );
        // A kicker inside the h1 is not part of the headline.
        assert_eq!(
            title_of(
                r#"<meta property="og:title" content="Drones over Kyiv">"#,
                r#"<h1><span class="headline-kicker">War</span> Drones over Kyiv</h1>"#
            )
            .as_deref(),
            Some("Drones over Kyiv")
        );
        // Entities escaped twice in the metadata are decoded.
        assert_eq!(
            title_of(
                r#"<meta property="og:title" content="Salt &amp;#038; Pepper">"#,
                ""
            )
            .as_deref(),
            Some("Salt & Pepper")
        );
        // An h1 that has nothing to do with the metadata's title is page furniture.
        assert_eq!(
            title_of(
                r#"<meta property="og:title" content="Port strike ends after three weeks">"#,
                "<h1>Menu</h1>"
            )
            .as_deref(),
            Some("Port strike ends after three weeks")
        );
    }

    #[test]
    fn site_suffix() {
        assert_eq!(
            strip_site("Drones over Kyiv at dawn | HT", None),
            "Drones over Kyiv at dawn"
        );
        assert_eq!(
            strip_site(
                "Kyiv | Drones over the city at dawn - Harbor Times",
                Some("Harbor Times")
            ),
            "Kyiv | Drones over the city at dawn"
        );
        assert_eq!(strip_site("Plain", None), "Plain");
    }
}
