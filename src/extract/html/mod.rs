//! HTML pages: metadata from the head and JSON-LD, main text from the body.
//!
//! One parse (dom_query, html5ever underneath) serves both: metadata is read first, then
//! noise is removed from the tree and the main block is rendered to text by html2text.

mod content;
mod depth;
mod metadata;
mod pubdate;

use dom_query::Document;

use crate::Provenance;
use crate::ingest::RawMeta;

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
    let body = content::main_text(&doc, m.meta.title.as_deref());
    Ok(Page {
        meta: m.meta,
        body,
        outlet_from: m.outlet_from,
        published_from: m.published_from,
    })
}
