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
use self::render::Strictness;

/// Renders the page's main text; paragraphs separated by blank lines.
pub(super) fn main_text(doc: &Document, _title: Option<&str>) -> String {
    let dom = Dom::from_document(doc);
    let blocks = blocks::blocks(&dom);
    let scores = select::score(&dom, &blocks);
    let best = select::best(&dom, &scores);
    let mut text = match best {
        Some(root) => {
            let mut paras = render::paragraphs(&dom, &blocks, &scores, root, Strictness::Strict);
            // Class words can mislabel the article's own blocks ("body-share-wrapper"):
            // when the strict pass keeps next to nothing of a long text, skip less.
            let kept: usize = paras.iter().map(|p| p.text.chars().count()).sum();
            if kept < fallback::SHORT && (kept as f64) < 0.2 * scores.prose_chars[root] {
                paras = render::paragraphs(&dom, &blocks, &scores, root, Strictness::Lenient);
            }
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

/// Paragraphs separated by blank lines; a `<br>` inside one stays a line break. Text
/// nodes arrive with their whitespace collapsed: only line ends and doubled spaces where
/// two nodes meet are left to tidy.
fn join(paras: &[render::Para]) -> String {
    let mut out = String::new();
    for p in paras {
        let mut first = true;
        for line in p.text.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
            if first {
                if !out.is_empty() {
                    out.push_str("\n\n");
                }
                first = false;
            } else {
                out.push('\n');
            }
            if line.contains("  ") {
                let mut space = false;
                for c in line.chars() {
                    if c == ' ' {
                        if !space {
                            out.push(' ');
                        }
                        space = true;
                    } else {
                        out.push(c);
                        space = false;
                    }
                }
            } else {
                out.push_str(line);
            }
        }
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
    fn paragraphs_and_line_breaks() {
        let page = format!(
            "<body><div><p>{PROSE}</p><p>One <b>two</b>  <i>three</i><br>four</p></div></body>"
        );
        assert_eq!(text(&page), format!("{PROSE}\n\nOne two three\nfour"));
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

    const PROSE: &str = "The port strike entered its third week on Monday as talks between the union and the operators broke down again.";
    const PROSE2: &str = "Union leaders said the latest offer did not keep pace with prices, and that members would stay out until it did.";
    const PROSE3: &str = "Shipping lines have begun diverting vessels to other harbours, and exporters warn of losses running into millions.";

    #[test]
    fn read_also_links_inside_the_article_go() {
        let page = format!(
            r#"<body><article><p>{PROSE}</p><p>Read also: <a href="/x">Ten ports that closed this year and why</a></p><p>{PROSE2}</p></article></body>"#
        );
        let t = text(&page);
        assert!(t.contains(PROSE) && t.contains(PROSE2), "{t}");
        assert!(!t.contains("Ten ports"), "{t}");
    }

    #[test]
    fn related_teasers_after_the_article_go() {
        let page = format!(
            r#"<body><div class="story"><p>{PROSE}</p><p>{PROSE2}</p><p>{PROSE3}</p>
            <div class="related-stories"><h3>More stories</h3><p>A bridge in the north closes for repairs for most of the summer season.</p></div></div></body>"#
        );
        let t = text(&page);
        assert!(t.contains(PROSE3), "{t}");
        assert!(!t.contains("bridge"), "{t}");
    }

    #[test]
    fn a_lead_above_the_body_is_kept() {
        let page = format!(
            r#"<body><article><header><h1>Port strike</h1><div class="summary">Talks have failed again, and the strike goes on.</div>
            <div class="byline">By A. Writer</div></header><div class="article-body"><p>{PROSE}</p><p>{PROSE2}</p><p>{PROSE3}</p></div></article></body>"#
        );
        let t = text(&page);
        let lead = t.find("Talks have failed again");
        assert!(lead.is_some() && lead < t.find(PROSE), "{t}");
        assert!(!t.contains("A. Writer"), "{t}");
    }

    #[test]
    fn subheads_stay_when_text_follows_and_go_when_nothing_does() {
        let page = format!(
            r#"<body><div><p>{PROSE}</p><h2>What the union wants</h2><p>{PROSE2}</p><h2>Share this</h2></div></body>"#
        );
        let t = text(&page);
        assert!(t.contains("What the union wants"), "{t}");
        assert!(!t.contains("Share this"), "{t}");
    }

    #[test]
    fn layout_state_classes_are_not_furniture() {
        let page = format!(
            r#"<body><div class="page has-sidebar"><div class="text"><p>{PROSE}</p><p>{PROSE2}</p></div></div>
            <div class="sidebar"><p>Our most popular stories of the week are listed here for you to read.</p></div></body>"#
        );
        let t = text(&page);
        assert!(t.contains(PROSE) && t.contains(PROSE2), "{t}");
        assert!(!t.contains("popular"), "{t}");
    }

    #[test]
    fn a_mislabelled_wrapper_that_holds_the_article_is_kept() {
        // "share" in the wrapper's class would make it furniture; it holds all the text.
        let page = format!(
            r#"<body><nav><a href="/">Home</a></nav><div class="share-wrapper"><p>{PROSE}</p><p>{PROSE2}</p><p>{PROSE3}</p></div></body>"#
        );
        let t = text(&page);
        assert!(t.contains(PROSE) && t.contains(PROSE3), "{t}");
    }

    #[test]
    fn article_blocks_labelled_as_furniture_are_rendered_leniently() {
        let body = |p: &str| format!(r#"<div class="story-share-wrapper"><p>{p}</p></div>"#);
        let page = format!(
            "<body><div class=\"stories\">{}{}{}</div></body>",
            body(PROSE),
            body(PROSE2),
            body(PROSE3)
        );
        let t = text(&page);
        assert!(t.contains(PROSE) && t.contains(PROSE3), "{t}");
    }

    #[test]
    fn a_long_comment_section_does_not_win_over_the_article() {
        let comment = "I have worked in the port for twenty years and I have never seen management this stubborn about wages.";
        let comments: String = (0..8)
            .map(|_| format!(r#"<li class="comment"><p>{comment}</p></li>"#))
            .collect();
        let page = format!(
            r#"<body><article><p>{PROSE}</p><p>{PROSE2}</p></article><section id="comments"><ol>{comments}</ol></section></body>"#
        );
        let t = text(&page);
        assert!(t.contains(PROSE), "{t}");
        assert!(!t.contains("twenty years"), "{t}");
    }

    #[test]
    fn a_hidden_popup_is_not_the_article() {
        let page = format!(
            r#"<body><div class="modal" style="display:none"><p>{PROSE3} {PROSE3} {PROSE3}</p></div><div><p>{PROSE}</p><p>{PROSE2}</p></div></body>"#
        );
        let t = text(&page);
        assert!(t.contains(PROSE) && !t.contains(PROSE3), "{t}");
    }

    #[test]
    fn a_page_swallowed_by_noscript_keeps_its_text() {
        let page = format!(
            r#"<body><noscript><div>Please enable JavaScript.</noscript><div class="menu"><a href="/">Home</a></div><p>{PROSE}</p><p>{PROSE2}</p></body>"#
        );
        let t = text(&page);
        assert!(t.contains(PROSE) && t.contains(PROSE2), "{t}");
    }

    #[test]
    fn script_rendered_pages_fall_back_to_json_ld() {
        let page = format!(
            r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","articleBody":"{PROSE}"}}</script></head><body><div id="root">Loading…</div></body></html>"#
        );
        assert_eq!(text(&page), PROSE);
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for page in [
            "",
            "<p>",
            "</div></div><p>text",
            "<table><tr><td><p>cell<td>cell</table></p>",
            "<body><svg><p>inside svg</svg><b><i>mis</b>nested</i>",
            "<html><frameset><frame src=x></frameset></html>",
        ] {
            let _ = text(page);
        }
        let deep = "<div><span>".repeat(5_000) + PROSE;
        assert!(text(&deep).contains("port strike"));
    }
}
