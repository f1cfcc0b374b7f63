//! The main text of a page: find the element that holds the article, render it, clean it.
//!
//! ```text
//! Document ─ dom::Dom (compact copy of <body>) ─ blocks (runs of text, with lengths,
//!          link share, punctuation) ─ select (element with most prose, least link text)
//!          ─ render (furniture inside skipped, link lists dropped) ─ lead ─ text
//! ```
//!
//! Furniture is recognised by tag (`nav`, `aside`, `footer`, `form`), by role, by
//! hiddenness and by class/id words (`names`). It counts a tenth when choosing the article
//! element, and inside the chosen element it is skipped, unless it holds half the article's
//! prose (a wrapper mislabelled "has-sidebar"). A lead or standfirst sitting just above the
//! chosen element is kept. A page whose markup holds almost no text falls back to the
//! `articleBody` of its JSON-LD.

mod blocks;
mod dom;
mod fallback;
mod lead;
mod names;
mod render;
mod select;

use dom_query::Document;

use self::dom::Dom;

/// Renders the page's main text; paragraphs separated by blank lines.
pub(super) fn main_text(doc: &Document, _title: Option<&str>) -> String {
    let dom = Dom::from_document(doc);
    let blocks = blocks::blocks(&dom);
    let scores = select::score(&dom, &blocks);
    let best = select::best(&dom, &scores);
    let mut text = match best {
        Some(root) => {
            let mut paras = render::paragraphs(&dom, &blocks, &scores, root);
            lead::prepend_lead(&dom, &blocks, root, &mut paras);
            join(&paras)
        }
        None => String::new(),
    };
    if text.chars().count() < fallback::SHORT
        && let Some(body) = fallback::json_ld_body(doc)
        && body.chars().count() > text.chars().count()
    {
        text = body;
    }
    text
}

fn join(paras: &[render::Para]) -> String {
    let mut out = String::new();
    for p in paras {
        let text = crate::extract::text::normalise(&p.text);
        if text.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        main_text(&Document::from(html), None)
    }

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
        let text = text(PAGE);
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
        assert_eq!(
            text(page),
            "The port strike entered its third week as talks broke down again.\n\nUnion leaders said the offer did not keep pace with prices."
        );
    }
}
