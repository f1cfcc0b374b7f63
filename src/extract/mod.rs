//! Extract: from a [`RawArticle`] to a clean [`Article`].
//!
//! ```text
//! RawArticle ─ html::parse (HTML only: metadata + main text) ─▶ text + stated metadata
//!            ─ text::normalise ─ dates::parse_date ─ authors::clean ─ language::resolve ─▶ Article
//! ```
//!
//! Metadata precedence, strongest first: what the file states explicitly (header lines, front
//! matter, JSON keys) → HTML metadata (JSON-LD, Open Graph, `article:*`, `<meta>`, `<time>`)
//! → the URL. A missing publication date stays missing: the file's modification time is never
//! used as a date.

pub mod authors;
pub mod dates;
mod html;
pub mod language;
pub mod text;

use crate::ingest::{Content, RawArticle, RawMeta, SourceFile};
use crate::{Article, Error, Result};

/// Settings of the extraction stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractOptions {
    /// Detect the language from the text when the input does not state it.
    pub detect_language: bool,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            detect_language: true,
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
/// assert_eq!(article.authors, ["Anna Kovalenko"]);
/// assert_eq!(article.language.as_deref(), Some("en"));
/// # Ok::<(), newsdex::Error>(())
/// ```
pub fn extract(raw: RawArticle, opts: &ExtractOptions) -> Result<Article> {
    let RawArticle {
        path,
        locator,
        content,
        meta,
        ..
    } = raw;
    let (body, page_meta) = match content {
        Content::Text(t) => (text::normalise(&t), RawMeta::default()),
        Content::Html(h) => {
            let page = html::parse(&h);
            (page.body, page.meta)
        }
    };
    let meta = merge(meta, page_meta);

    let title = meta
        .title
        .as_deref()
        .map(text::clean_line)
        .filter(|t| !t.is_empty());
    let body = match &title {
        Some(t) => text::drop_leading_title(&body, t),
        None => body,
    };
    if body.trim().is_empty() && title.is_none() {
        let at = locator.map_or(path.clone(), |l| format!("{path}#{l}"));
        return Err(Error::input(at, "no article text"));
    }
    let url = meta
        .url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(String::from);
    let published = meta
        .published
        .as_deref()
        .and_then(dates::parse_date)
        .or_else(|| url.as_deref().and_then(dates::date_from_url));
    let language = meta
        .language
        .as_deref()
        .and_then(language::normalise_code)
        .or_else(|| {
            opts.detect_language
                .then(|| language::detect(title.as_deref().unwrap_or(""), &body))
                .flatten()
        });
    let id = meta
        .id
        .clone()
        .or_else(|| url.clone())
        .unwrap_or_else(|| match &locator {
            Some(l) => format!("{path}#{l}"),
            None => path.clone(),
        });

    let mut article = Article::new(id, path, body);
    article.title = title;
    article.url = url;
    article.outlet = meta
        .outlet
        .as_deref()
        .map(text::clean_line)
        .filter(|o| !o.is_empty());
    article.authors = authors::clean(&meta.authors);
    article.published = published;
    article.modified = meta.modified.as_deref().and_then(dates::parse_date);
    article.language = language;
    article.section = meta
        .section
        .as_deref()
        .map(text::clean_line)
        .filter(|s| !s.is_empty());
    article.description = meta
        .description
        .as_deref()
        .map(text::clean_line)
        .filter(|s| !s.is_empty());
    Ok(article)
}

/// The articles of a loaded file, and the records that failed.
#[derive(Debug, Default)]
pub struct Extracted {
    /// Clean articles, in file order.
    pub articles: Vec<Article>,
    /// Records that could not be read or extracted; the others are still in `articles`.
    pub problems: Vec<Error>,
}

/// Reads a loaded file ([`crate::ingest::read`]) and extracts each of its articles.
///
/// # Errors
/// [`Error::Input`] when the file as a whole cannot be read as articles.
pub fn extract_file(file: &SourceFile, opts: &ExtractOptions) -> Result<Extracted> {
    let outcome = crate::ingest::read(file)?;
    let mut out = Extracted {
        articles: Vec::with_capacity(outcome.articles.len()),
        problems: outcome.problems,
    };
    for raw in outcome.articles {
        match extract(raw, opts) {
            Ok(a) => out.articles.push(a),
            Err(e) => out.problems.push(e),
        }
    }
    Ok(out)
}

/// Fills the gaps of the explicit metadata with what the page itself says.
fn merge(explicit: RawMeta, page: RawMeta) -> RawMeta {
    RawMeta {
        id: explicit.id.or(page.id),
        title: explicit.title.or(page.title),
        url: explicit.url.or(page.url),
        outlet: explicit.outlet.or(page.outlet),
        authors: if explicit.authors.is_empty() {
            page.authors
        } else {
            explicit.authors
        },
        published: explicit.published.or(page.published),
        modified: explicit.modified.or(page.modified),
        language: explicit.language.or(page.language),
        section: explicit.section.or(page.section),
        description: explicit.description.or(page.description),
    }
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
    fn undated_stays_undated() {
        let a = extract(
            raw(Content::Text("No date at all.".into()), RawMeta::default()),
            &ExtractOptions::default(),
        )
        .unwrap();
        assert_eq!(a.published, None);
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
}
