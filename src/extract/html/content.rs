//! The main text of a page: strip noise, find the block that holds the article, render it.
//!
//! Noise is removed by element (navigation, headers, footers, asides, forms, figures'
//! captions) and by class/id words (cookie, newsletter, related, share, …). The article block
//! is the element whose paragraphs hold the most text: an `<article>` or `articleBody` when it
//! holds most of the page's paragraph text, else the best-scoring container, where each
//! paragraph's length counts fully for its parent and half for its grandparent.

use std::collections::HashMap;

use dom_query::{Document, NodeId, NodeRef, Selection};

const NOISE_ELEMENTS: &str = "script, style, noscript, template, svg, canvas, iframe, object, embed, \
    form, button, input, select, textarea, nav, header, footer, aside, figcaption, dialog, \
    [role=navigation], [role=banner], [role=contentinfo], [role=complementary], [role=dialog], \
    [aria-hidden=true], [hidden]";

/// Words in a class or id that mark an element as page furniture rather than article.
const NOISE_WORDS: &[&str] = &[
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "banner",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "recommendations",
    "promo",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "sponsored",
    "comments",
    "comment",
    "popup",
    "modal",
    "breadcrumb",
    "breadcrumbs",
    "menu",
    "sidebar",
    "widget",
    "trending",
    "mostread",
    "popular",
    "paywall",
    "outbrain",
    "taboola",
    "disqus",
    "byline",
    "author",
    "tags",
    "toolbar",
    "skip",
    "masthead",
    "footer",
    "header",
    "nav",
    "navbar",
    "navigation",
];

/// Renders the page's main text; paragraphs separated by blank lines.
pub(super) fn main_text(doc: &Document, _title: Option<&str>) -> String {
    doc.select(NOISE_ELEMENTS).remove();
    remove_noise_by_name(doc);
    let root = best_block(doc);
    let html = match root {
        Some(node) => node.html().to_string(),
        None => doc.select("body").html().to_string(),
    };
    render(&html)
}

fn remove_noise_by_name(doc: &Document) {
    let marked: Vec<NodeRef> = doc
        .select("[class], [id]")
        .nodes()
        .iter()
        .filter(|n| {
            let name = n.node_name().map(|t| t.to_string()).unwrap_or_default();
            if matches!(name.as_str(), "html" | "body" | "article" | "main") {
                return false;
            }
            let attrs = format!(
                "{} {}",
                n.attr("class").map(|c| c.to_string()).unwrap_or_default(),
                n.attr("id").map(|c| c.to_string()).unwrap_or_default()
            );
            is_noise_name(&attrs)
        })
        .cloned()
        .collect();
    for node in marked {
        // An element holding many paragraphs is content mislabelled by a wrapper class: keep it.
        let paragraphs = Selection::from(node).select("p").length();
        if paragraphs < 4 {
            node.remove_from_parent();
        }
    }
}

fn is_noise_name(attrs: &str) -> bool {
    attrs
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| NOISE_WORDS.contains(&w.to_ascii_lowercase().as_str()))
}

/// The element that holds the article's paragraphs.
fn best_block<'a>(doc: &'a Document) -> Option<NodeRef<'a>> {
    let mut scores: HashMap<NodeId, (f64, NodeRef<'a>)> = HashMap::new();
    let mut total = 0.0;
    for p in doc.select("p, pre, blockquote, li").nodes() {
        let len = p.text().trim().chars().count() as f64;
        if len < 20.0 {
            continue;
        }
        total += len;
        if let Some(parent) = p.parent() {
            scores.entry(parent.id).or_insert((0.0, parent)).0 += len;
            if let Some(grand) = parent.parent() {
                scores.entry(grand.id).or_insert((0.0, grand)).0 += len / 2.0;
            }
        }
    }
    if total == 0.0 {
        return None;
    }
    // An explicit article container wins when it holds most of the paragraph text.
    for selector in ["[itemprop=articleBody]", "article", "main", "[role=main]"] {
        for node in doc.select(selector).nodes() {
            let held: f64 = Selection::from(*node)
                .select("p, pre, blockquote, li")
                .nodes()
                .iter()
                .map(|p| p.text().trim().chars().count() as f64)
                .filter(|&l| l >= 20.0)
                .sum();
            if held >= 0.6 * total {
                return Some(*node);
            }
        }
    }
    scores
        .into_values()
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, node)| node)
}

/// HTML to plain text with html2text: no link footnotes, no decoration, no wrapping.
fn render(html: &str) -> String {
    let text = html2text::config::with_decorator(html2text::render::TrivialDecorator::new())
        .allow_width_overflow()
        .string_from_read(html.as_bytes(), 100_000)
        .unwrap_or_default();
    crate::extract::text::normalise(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><body>
      <header><nav><a href="/">World</a> <a href="/b">Business</a></nav></header>
      <div class="cookie-banner">We use cookies to improve your experience. Accept all</div>
      <article><h1>Drones over Kyiv</h1>
        <div class="byline">By Anna Kovalenko · Email the author</div>
        <p>Explosions shook the Ukrainian capital early on Monday as drones struck energy sites.</p>
        <figure><img src="x.jpg"><figcaption>Smoke rises over the city. Photo: Agency</figcaption></figure>
        <p>City officials said power was cut in several districts while crews worked to repair lines.</p>
        <aside class="related"><p>Related: Ten things to know about the winter grid and its weak spots.</p></aside>
      </article>
      <div class="newsletter-box"><p>Sign up for our morning briefing and never miss a story again.</p></div>
      <footer><p>© 2022 Harbor Times. All rights reserved. Terms and privacy policy apply.</p></footer>
    </body></html>"#;

    #[test]
    fn keeps_the_article_drops_the_furniture() {
        let doc = Document::from(PAGE);
        let text = main_text(&doc, None);
        assert!(
            text.contains("Explosions shook the Ukrainian capital"),
            "{text}"
        );
        assert!(
            text.contains("power was cut in several districts"),
            "{text}"
        );
        for noise in [
            "World",
            "cookies",
            "Email the author",
            "Smoke rises",
            "Related:",
            "morning briefing",
            "All rights reserved",
        ] {
            assert!(!text.contains(noise), "{noise} leaked into: {text}");
        }
        assert!(text.contains("\n\n"), "paragraphs are kept apart: {text}");
    }

    #[test]
    fn pages_without_article_element_use_the_densest_block() {
        let page = r#"<html><body><div class="menu"><p>Home News Sport Weather Culture Travel Opinion</p></div>
          <div class="story-body"><p>The port strike entered its third week as talks broke down again.</p>
          <p>Union leaders said the offer did not keep pace with prices.</p></div>
          <div><p>Short.</p></div></body></html>"#;
        let text = main_text(&Document::from(page), None);
        assert_eq!(
            text,
            "The port strike entered its third week as talks broke down again.\n\nUnion leaders said the offer did not keep pace with prices."
        );
    }

    #[test]
    fn noise_words_are_whole_words() {
        assert!(is_noise_name("cookie-banner"));
        assert!(is_noise_name("ad slot"));
        assert!(!is_noise_name("article-body headline loaded"));
    }
}
