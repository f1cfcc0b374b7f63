//! HTML pages: metadata from the head and JSON-LD, main text from the body.
//!
//! One parse (dom_query, html5ever underneath) serves both: metadata is read first, then the
//! article block is found and rendered by our own scoring (`content`). A page in which no
//! article block is found (a notice, a list page, a fragment from a feed) is rendered whole
//! by html2text, so its text is still searchable.

mod content;
mod depth;
mod metadata;
mod pubdate;

use dom_query::Document;

use crate::Provenance;
use crate::ingest::RawMeta;

/// JSON-LD `@type`s that describe an article: the objects whose headline, author and dates
/// are the page's own.
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
    "TechArticle",
    "SocialMediaPosting",
    "DiscussionForumPosting",
];

/// What a page says about itself, and its main text.
pub(crate) struct Page {
    pub meta: RawMeta,
    pub body: String,
    pub outlet_from: Provenance,
    pub published_from: Provenance,
}

/// Parses a page. A page with no recognisable article yields what text it has; only a page
/// nested deeper than `max_depth` is refused (the reason is the error).
pub(crate) fn parse(html: &str, max_depth: usize) -> Result<Page, String> {
    let depth = depth::max_depth(html, max_depth);
    if depth > max_depth {
        return Err(format!(
            "HTML nested more than {max_depth} levels deep (--max-html-depth)"
        ));
    }
    let doc = Document::from(html);
    let m = metadata::read(&doc);
    let mut body = content::main_text(&doc, m.meta.title.as_deref());
    if body.trim().is_empty() {
        body = render_all(&doc);
    }
    Ok(Page {
        meta: m.meta,
        body,
        outlet_from: m.outlet_from,
        published_from: m.published_from,
    })
}

/// All the text of a page's body, rendered by html2text (no link footnotes, no wrapping).
fn render_all(doc: &Document) -> String {
    doc.select("script, style, noscript, template").remove();
    let html = doc.select("body").html().to_string();
    let text = html2text::config::with_decorator(html2text::render::TrivialDecorator::new())
        .allow_width_overflow()
        .string_from_read(html.as_bytes(), 100_000)
        .unwrap_or_default();
    crate::extract::text::normalise(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_without_an_article_block_keeps_its_text() {
        let page = parse("<html><body><table><tr><td>Ferry: 09:10</td><td>Bus: 09:25</td></tr></table></body></html>", 512).unwrap();
        assert!(page.body.contains("Ferry: 09:10"), "{}", page.body);
    }
}
