//! Extract: from a [`RawArticle`] to a clean [`Article`].
//!
//! ```text
//! RawArticle ─ html::parse (HTML only: metadata + main text) ─▶ text + stated metadata
//!            ─ text::normalise ─ boilerplate::strip ─▶ body
//!            ─ dates, outlet, authors, language (each with where it came from) ─▶ Article
//! ```
//!
//! Metadata precedence, strongest first: what the file states explicitly (header lines, front
//! matter, JSON keys) → HTML metadata (JSON-LD, then Open Graph, `article:*`, `<meta>`,
//! `<time>`) → the URL (a date in its path, its domain) → the file's path (a date in its name,
//! an outlet's folder) → cues in the text ("A Message from The Moscow Times"). The outlet's and
//! the date's provenance is kept in the article. A missing publication date stays missing:
//! the file's modification time is never used as a date.

pub mod authors;
pub mod boilerplate;
mod corpus;
pub mod dates;
pub mod entities;
mod html;
pub mod language;
pub mod mentions;
pub mod outlet;
pub mod syndication;
pub mod text;
pub mod wire;

use crate::ingest::{Content, RawArticle, RawMeta, SourceFile};
use crate::{Article, Error, Provenance, Result};

pub use self::boilerplate::Cut;
pub use self::corpus::{CorpusItem, extract_corpus};

/// Settings of the extraction stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractOptions {
    /// Detect the language from the text when the input does not state it.
    pub detect_language: bool,
    /// Remove boilerplate paragraphs (appeals, newsletter prompts, share lines, …).
    pub strip_boilerplate: bool,
    /// Refuse HTML nested deeper than this (hostile pages; real ones stay far below).
    pub max_html_depth: usize,
    /// Find named entities.
    pub entities: bool,
    /// Find the dates the text mentions.
    pub mentioned_dates: bool,
    /// The alias table entities are linked with; `None` is the shipped one.
    pub aliases: Option<std::sync::Arc<entities::AliasTable>>,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            detect_language: true,
            strip_boilerplate: true,
            max_html_depth: 512,
            entities: true,
            mentioned_dates: true,
            aliases: None,
        }
    }
}

/// Turns a raw article into a clean one.
///
/// # Errors
/// [`Error::Input`] when nothing is left to index (no title and no text).
///
/// # Example
/// ```
/// use newsdex::ingest::{read, Format, SourceFile};
/// use newsdex::extract::{extract, ExtractOptions};
/// let file = SourceFile::from_text("a.txt", Format::Text,
///     "Title: Iran admits drone deliveries\nDate: 5 November 2022\nAuthor: By Anna Kovalenko\n\n\
///      Iran said on Saturday that it had sent drones to Russia before the invasion of Ukraine.");
/// let raw = read(&file)?.articles.remove(0);
/// let article = extract(raw, &ExtractOptions::default())?;
/// assert_eq!(article.published.unwrap().to_string(), "2022-11-05");
/// assert_eq!(article.published_source, newsdex::Provenance::Header);
/// assert_eq!(article.authors, ["Anna Kovalenko"]);
/// assert_eq!(article.language.as_deref(), Some("en"));
/// # Ok::<(), newsdex::Error>(())
/// ```
pub fn extract(raw: RawArticle, opts: &ExtractOptions) -> Result<Article> {
    extract_explained(raw, opts).map(|(article, _)| article)
}

/// [`extract`], also returning what boilerplate was cut and by which rule.
///
/// # Errors
/// As [`extract`].
pub fn extract_explained(raw: RawArticle, opts: &ExtractOptions) -> Result<(Article, Vec<Cut>)> {
    let RawArticle {
        path,
        locator,
        content,
        meta,
        ..
    } = raw;
    let (body, page_meta, page_outlet_from, page_published_from) = match content {
        Content::Text(t) => (
            text::normalise(&t),
            RawMeta::default(),
            Provenance::None,
            Provenance::None,
        ),
        Content::Html(h) => {
            let page = html::parse(&h, opts.max_html_depth).map_err(|reason| {
                Error::input(
                    locator
                        .as_ref()
                        .map_or(path.clone(), |l| format!("{path}#{l}")),
                    reason,
                )
            })?;
            (page.body, page.meta, page.outlet_from, page.published_from)
        }
    };

    let title = meta
        .title
        .as_deref()
        .or(page_meta.title.as_deref())
        .map(text::clean_line)
        .filter(|t| !t.is_empty());
    let body = match &title {
        Some(t) => text::drop_leading_title(&body, t),
        None => body,
    };
    let stripped = if opts.strip_boilerplate {
        boilerplate::strip(&body)
    } else {
        boilerplate::Stripped {
            body,
            ..Default::default()
        }
    };
    let body = stripped.body;
    if body.trim().is_empty() && title.is_none() {
        let at = locator.map_or(path.clone(), |l| format!("{path}#{l}"));
        return Err(Error::input(at, "no article text"));
    }

    let url = article_url(&meta, &page_meta);

    let (published, published_source) = first_of([
        (
            meta.published.as_deref().and_then(dates::parse_date),
            Provenance::Header,
        ),
        (
            page_meta.published.as_deref().and_then(dates::parse_date),
            page_published_from,
        ),
        (
            url.as_deref().and_then(dates::date_from_url),
            Provenance::Url,
        ),
        (dates::date_from_file_name(&path), Provenance::Path),
    ]);
    let (outlet, outlet_source) = first_of([
        (
            meta.outlet.as_deref().map(outlet::normalise),
            Provenance::Header,
        ),
        (
            page_meta.outlet.as_deref().map(outlet::normalise),
            page_outlet_from,
        ),
        (
            url.as_deref()
                .and_then(outlet::host)
                .and_then(|h| outlet::name_for_host(&h))
                .map(String::from),
            Provenance::Url,
        ),
        (outlet::from_path(&path).map(String::from), Provenance::Path),
        (stripped.outlet_cue.clone(), Provenance::Text),
    ]);
    let outlet = outlet.filter(|o| !o.is_empty());

    let language = meta
        .language
        .as_deref()
        .or(page_meta.language.as_deref())
        .and_then(language::normalise_code)
        .or_else(|| {
            opts.detect_language
                .then(|| language::detect(title.as_deref().unwrap_or(""), &body))
                .flatten()
        });
    let id = article_id(&meta, &page_meta, url.as_deref(), &path, locator.as_deref());
    let authors = if meta.authors.is_empty() {
        &page_meta.authors
    } else {
        &meta.authors
    };
    let cleaned = |v: Option<&str>| v.map(text::clean_line).filter(|s| !s.is_empty());

    let mut article = Article::new(id, path, body);
    article.title = title;
    article.url = url;
    article.outlet_source = if outlet.is_some() {
        outlet_source
    } else {
        Provenance::None
    };
    article.outlet = outlet;
    article.authors = authors::clean(authors);
    article.published = published;
    article.published_source = published_source;
    article.modified = meta
        .modified
        .as_deref()
        .or(page_meta.modified.as_deref())
        .and_then(dates::parse_date);
    article.language = language;
    article.section = cleaned(meta.section.as_deref().or(page_meta.section.as_deref()));
    article.description = cleaned(
        meta.description
            .as_deref()
            .or(page_meta.description.as_deref()),
    );
    if opts.mentioned_dates {
        article.mentioned_dates =
            mentions::mentioned_dates(&article.body, article.published.map(|d| d.day()));
    }
    article.wire = wire::wire_credits(&article.body);
    if opts.entities {
        article.entities = article_entities(
            &article,
            opts.aliases
                .as_deref()
                .unwrap_or(entities::AliasTable::shipped()),
        );
    }
    Ok((article, stripped.cuts))
}

/// The entities of an article's title and body ([`entities::entities`]), linked with
/// `aliases`; the agencies it credits ([`Article::wire`]) and its own outlet are
/// organisations, whatever the tagger made of them ("Meridian Wire" reads like a person's
/// name).
pub fn article_entities(article: &Article, aliases: &entities::AliasTable) -> Vec<crate::Entity> {
    let found = entities::entities(
        article.title.as_deref(),
        &article.body,
        article.language.as_deref(),
        aliases,
    );
    credited_as_organisations(found, &article.wire, article.outlet.as_deref())
}

/// `found` with the entities named by `credits` or `outlet` typed as organisations, and an
/// entity that was thereby twice (the tagger also typed the name as an organisation
/// elsewhere) merged: its mentions joined, where it first appeared.
fn credited_as_organisations(
    mut found: Vec<crate::Entity>,
    credits: &[String],
    outlet: Option<&str>,
) -> Vec<crate::Entity> {
    let mut retyped = false;
    for e in &mut found {
        let named = |n: &str| e.name == n || e.mentions.iter().any(|m| m.text == n);
        if e.kind != crate::EntityKind::Organization
            && (credits.iter().any(|w| named(w)) || outlet.is_some_and(named))
        {
            e.kind = crate::EntityKind::Organization;
            retyped = true;
        }
    }
    if !retyped {
        return found;
    }
    let mut merged: Vec<crate::Entity> = Vec::with_capacity(found.len());
    for e in found {
        match merged
            .iter_mut()
            .find(|m| m.name == e.name && m.kind == e.kind)
        {
            Some(m) => m.mentions.extend(e.mentions),
            None => merged.push(e),
        }
    }
    merged
}

/// The first value found, with its provenance; `(None, Provenance::None)` when none is.
fn first_of<T, const N: usize>(
    candidates: [(Option<T>, Provenance); N],
) -> (Option<T>, Provenance) {
    candidates
        .into_iter()
        .find(|(v, _)| v.is_some())
        .unwrap_or((None, Provenance::None))
}

/// The articles of a loaded file, and the records that failed.
#[derive(Debug, Default)]
pub struct Extracted {
    /// Clean articles, in file order.
    pub articles: Vec<Article>,
    /// For each article, the boilerplate cut from it.
    pub cuts: Vec<Vec<Cut>>,
    /// Records that could not be read or extracted; the others are still in `articles`.
    pub problems: Vec<Error>,
}

/// Reads a loaded file ([`crate::ingest::read`]) and extracts each of its articles.
///
/// # Errors
/// [`Error::Input`] when the file as a whole cannot be read as articles.
pub fn extract_file(file: &SourceFile, opts: &ExtractOptions) -> Result<Extracted> {
    // A bug in one extractor must cost one file, never the run: a panic becomes this file's error.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        extract_file_inner(file, opts)
    }))
    .unwrap_or_else(|panic| Err(panic_error(&file.path, panic)))
}

fn extract_file_inner(file: &SourceFile, opts: &ExtractOptions) -> Result<Extracted> {
    let outcome = crate::ingest::read(file)?;
    let mut out = extract_all(outcome.articles, opts);
    let mut problems = outcome.problems;
    problems.append(&mut out.problems);
    out.problems = problems;
    Ok(out)
}

/// Extracts raw articles on rayon's pool (the records of one large file keep every core
/// busy), in their order. A bug that panics on one record costs that record only.
pub(crate) fn extract_all(raws: Vec<RawArticle>, opts: &ExtractOptions) -> Extracted {
    use rayon::prelude::*;
    let results: Vec<Result<(Article, Vec<Cut>)>> = if raws.len() > 1 {
        raws.into_par_iter()
            .map(|raw| extract_guarded(raw, opts))
            .collect()
    } else {
        raws.into_iter()
            .map(|raw| extract_guarded(raw, opts))
            .collect()
    };
    let mut out = Extracted {
        articles: Vec::with_capacity(results.len()),
        cuts: Vec::with_capacity(results.len()),
        problems: Vec::new(),
    };
    for r in results {
        match r {
            Ok((a, cuts)) => {
                out.articles.push(a);
                out.cuts.push(cuts);
            }
            Err(e) => out.problems.push(e),
        }
    }
    out
}

/// [`extract_explained`], with a panic turned into this record's error.
/// The canonical URL: the input's, else the page's.
fn article_url(meta: &RawMeta, page: &RawMeta) -> Option<String> {
    meta.url
        .as_deref()
        .or(page.url.as_deref())
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(String::from)
}

/// The article's id: the input's, else the page's, else its URL, else its path (with `#Ln`
/// or `#n` for a record inside a file).
fn article_id(
    meta: &RawMeta,
    page: &RawMeta,
    url: Option<&str>,
    path: &str,
    locator: Option<&str>,
) -> String {
    meta.id
        .clone()
        .or(page.id.clone())
        .or_else(|| url.map(String::from))
        .unwrap_or_else(|| match locator {
            Some(l) => format!("{path}#{l}"),
            None => path.to_string(),
        })
}

/// The id [`extract`] will give `raw`, known before extracting it when its content is text
/// (a page's own metadata can name the id of HTML content): what lets a run that resumes a
/// file skip the records an interrupted run already wrote.
pub(crate) fn planned_id(raw: &RawArticle) -> Option<String> {
    if !matches!(raw.content, Content::Text(_)) {
        return None;
    }
    let none = RawMeta::default();
    let url = article_url(&raw.meta, &none);
    Some(article_id(
        &raw.meta,
        &none,
        url.as_deref(),
        &raw.path,
        raw.locator.as_deref(),
    ))
}

pub(crate) fn extract_guarded(
    raw: RawArticle,
    opts: &ExtractOptions,
) -> Result<(Article, Vec<Cut>)> {
    let at = raw
        .locator
        .as_ref()
        .map_or(raw.path.clone(), |l| format!("{}#{l}", raw.path));
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        extract_explained(raw, opts)
    }))
    .unwrap_or_else(|panic| Err(panic_error(&at, panic)))
}

/// A panic in an extractor as the input's error (the run goes on).
fn panic_error(at: &str, panic: Box<dyn std::any::Any + Send>) -> Error {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    let what: String = what
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .take(160)
        .collect();
    Error::input(
        at,
        format!("internal error while extracting (a bug, please report it): {what}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Format;

    fn raw(content: Content, meta: RawMeta) -> RawArticle {
        RawArticle {
            path: "p".into(),
            locator: None,
            format: Format::Json,
            content,
            meta,
        }
    }

    #[test]
    fn id_prefers_input_id_then_url_then_path() {
        let mut meta = RawMeta {
            url: Some("https://x.example/a".into()),
            ..Default::default()
        };
        let a = extract(
            raw(Content::Text("Text here.".into()), meta.clone()),
            &ExtractOptions::default(),
        )
        .unwrap();
        assert_eq!(a.id, "https://x.example/a");
        meta.id = Some("17".into());
        let a = extract(
            raw(Content::Text("Text here.".into()), meta),
            &ExtractOptions::default(),
        )
        .unwrap();
        assert_eq!(a.id, "17");
        let a = extract(
            raw(Content::Text("Text here.".into()), RawMeta::default()),
            &ExtractOptions::default(),
        )
        .unwrap();
        assert_eq!(a.id, "p");
    }

    #[test]
    fn credited_agencies_and_the_outlet_are_organisations() {
        let body = "KYIV, Nov 5 (Meridian Wire) — Grid operator Ukrenergo widened power cuts. \
                    Oksana Pavlenko, who edits the Danube Herald, said readers asked for maps.";
        let meta = RawMeta {
            outlet: Some("Danube Herald".into()),
            ..Default::default()
        };
        let a = extract(
            raw(Content::Text(body.into()), meta),
            &ExtractOptions::default(),
        )
        .unwrap();
        for name in ["Meridian Wire", "Danube Herald"] {
            let same: Vec<_> = a.entities.iter().filter(|e| e.name == name).collect();
            assert_eq!(same.len(), 1, "{name} once: {:?}", a.entities);
            let e = same.first();
            assert_eq!(
                e.map(|e| e.kind),
                Some(crate::EntityKind::Organization),
                "{name}: {:?}",
                a.entities
            );
        }
    }

    #[test]
    fn a_retyped_entity_is_merged_with_its_organisation_twin() {
        use crate::{Entity, EntityKind, Mention};
        let entity = |name: &str, kind, text: &str| Entity {
            name: name.into(),
            kind,
            mentions: vec![Mention { text: text.into() }],
        };
        let found = vec![
            entity("Danube Herald", EntityKind::Person, "Danube Herald"),
            entity("Kyiv", EntityKind::Place, "Kyiv"),
            entity("Danube Herald", EntityKind::Organization, "DANUBE HERALD"),
        ];
        let got = credited_as_organisations(found, &[], Some("Danube Herald"));
        let names: Vec<(&str, EntityKind, usize)> = got
            .iter()
            .map(|e| (e.name.as_str(), e.kind, e.mentions.len()))
            .collect();
        assert_eq!(
            names,
            [
                ("Danube Herald", EntityKind::Organization, 2),
                ("Kyiv", EntityKind::Place, 1)
            ]
        );
    }

    #[test]
    fn undated_stays_undated() {
        let a = extract(
            raw(Content::Text("No date at all.".into()), RawMeta::default()),
            &ExtractOptions::default(),
        )
        .unwrap();
        assert_eq!((a.published, a.published_source), (None, Provenance::None));
    }

    #[test]
    fn empty_article_is_refused() {
        let err = extract(
            raw(Content::Text("  \n ".into()), RawMeta::default()),
            &ExtractOptions::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("no article text"));
    }

    #[test]
    fn explicit_metadata_beats_the_page() {
        let html = r#"<html><head><meta property="og:title" content="Page title"></head><body><p>Body text of the page.</p></body></html>"#;
        let meta = RawMeta {
            title: Some("Feed title".into()),
            ..Default::default()
        };
        let a = extract(
            raw(Content::Html(html.into()), meta),
            &ExtractOptions::default(),
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("Feed title"));
    }

    #[test]
    fn provenance_of_outlet_and_date() {
        let cases: [(RawMeta, &str, Provenance, Provenance); 3] = [
            (
                RawMeta {
                    outlet: Some("Harbor Times".into()),
                    published: Some("2022-11-05".into()),
                    ..Default::default()
                },
                "Harbor Times",
                Provenance::Header,
                Provenance::Header,
            ),
            (
                RawMeta {
                    url: Some("https://www.themoscowtimes.com/2022/11/05/iran-a1".into()),
                    ..Default::default()
                },
                "The Moscow Times",
                Provenance::Url,
                Provenance::Url,
            ),
            (
                RawMeta::default(),
                "The Moscow Times",
                Provenance::Text,
                Provenance::None,
            ),
        ];
        let body = "Iran said it sent drones.\nKyiv disagreed.\nTalks go on.\nA Message from The Moscow Times:\nDear readers,";
        for (meta, outlet, outlet_from, date_from) in cases {
            let a = extract(
                raw(Content::Text(body.into()), meta),
                &ExtractOptions::default(),
            )
            .unwrap();
            assert_eq!(
                (a.outlet.as_deref(), a.outlet_source, a.published_source),
                (Some(outlet), outlet_from, date_from)
            );
            assert_eq!(
                a.body,
                "Iran said it sent drones.\nKyiv disagreed.\nTalks go on."
            );
        }
    }
}
