//! What a reader sees: the page's visible text in document order, where the headline sits in
//! it, which stretches belong to date-like elements (`class="date"`, `byline`, `posted-on`, …),
//! and dates held in attributes (`<time datetime>`, `<abbr title>`), each at its place in the
//! text. Comment threads, sidebars, navigation and page footers are left out: their dates are
//! not the article's (an article's own `<footer>`, with its "Posted on" line, is kept).

use dom_query::{Document, NodeRef};

/// Stop reading after this much visible text (bytes); the article's date sits near its top.
const MAX_TEXT: usize = 200_000;

/// A date-like element holds a date and a few words (a byline, "Updated …"); longer ones are
/// containers whose class merely mentions "meta" or "info".
const MAX_DATEISH: usize = 200;

/// Elements whose content is never visible article text.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "select", "option", "button",
    "textarea", "head", "nav", "aside",
];

/// Beginnings of a class or id naming a container whose dates are not the article's.
const NOISE: &[&str] = &[
    "comment",
    "sidebar",
    "related",
    "widget",
    "footer",
    "recommend",
    "respond",
    "reply",
    "popular",
    "newsletter",
    "cookie",
    "calendar",
    "breadcrumb",
    "archive",
    "most-read",
    "mostread",
    "teaser-list",
];

/// Parts of a class, id or itemprop naming an element that shows a date or a byline.
const DATEISH: &[&str] = &[
    "date",
    "datum",
    "time",
    "publish",
    "posted",
    "byline",
    "meta",
    "subline",
    "dateline",
    "stamp",
    "fecha",
    "created",
    "submitted",
    "release",
    "author",
    "autor",
    "info",
];

/// A date held in an attribute, at its place in the visible text.
#[derive(Debug, Clone)]
pub(super) struct Mark {
    /// Byte offset in [`Visible::text`] where the element starts.
    pub at: usize,
    pub value: String,
    /// Marked as a modification date (`class="updated"`, `dateModified`).
    pub modified: bool,
    /// The element shows no text: the reader does not see this date.
    pub hidden: bool,
}

/// The visible text of a page and what is known about its parts.
#[derive(Debug, Default)]
pub(super) struct Visible {
    pub text: String,
    /// Byte range of the headline in `text`.
    pub heading: Option<(usize, usize)>,
    /// Byte ranges of the text of short date-like elements, sorted and merged.
    pub dateish: Vec<(usize, usize)>,
    pub marks: Vec<Mark>,
}

/// Words that introduce a publication (or revision) date, lowercased: "Published: 4 May 2020",
/// "Veröffentlicht am", "Stand:", "Mis en ligne le", "Publicado el", "Опубликовано".
const LABELS: &[&str] = &[
    "published",
    "posted",
    "updated",
    "created",
    "date:",
    "veröffentlicht",
    "veröffentlichung",
    "publiziert",
    "erschienen",
    "erstellt",
    "aktualisiert",
    "datum",
    "stand:",
    "stand ",
    "publié",
    "mis en ligne",
    "mise en ligne",
    "mis à jour",
    "publicado",
    "publicada",
    "actualizado",
    "atualizado",
    "fecha",
    "pubblicato",
    "aggiornato",
    "gepubliceerd",
    "geplaatst",
    "bijgewerkt",
    "opublikowano",
    "опубликовано",
    "обновлено",
    "опубліковано",
    "оновлено",
];

/// How far before a date its label may start (bytes).
const LABEL_REACH: usize = 40;

impl Visible {
    /// Does a label ("Published:", "Stand:", …) stand just before the byte offset, after
    /// `since` (the end of the previous date, whose label it would be)?
    pub fn labelled(&self, at: usize, since: usize) -> bool {
        let mut from = at.saturating_sub(LABEL_REACH).max(since).min(at);
        while !self.text.is_char_boundary(from) {
            from += 1;
        }
        let before = self.text[from..at].to_lowercase();
        LABELS.iter().any(|l| before.contains(l))
    }

    /// Is the byte offset inside a date-like element?
    pub fn in_dateish(&self, at: usize) -> bool {
        // `dateish` is sorted and disjoint: the last range starting at or before `at`.
        let i = self.dateish.partition_point(|&(s, _)| s <= at);
        i > 0 && at < self.dateish[i - 1].1
    }
}

enum Step<'a> {
    Enter(NodeRef<'a>),
    ExitHeading,
    ExitDateish(usize),
}

/// Reads the visible text of `doc`; `title` (as the page states it) helps find the headline.
pub(super) fn read(doc: &Document, title: Option<&str>) -> Visible {
    let heading = headline(doc, title);
    // A container of the headline is never noise, whatever its class says ("has-sidebar").
    let keep: Vec<_> = heading
        .map(|h| h.ancestors_it(None).map(|a| a.id).collect())
        .unwrap_or_default();
    let mut v = Visible::default();
    let root = doc.body().unwrap_or_else(|| doc.root());
    let mut stack = vec![Step::Enter(root)];
    while let Some(step) = stack.pop() {
        if v.text.len() > MAX_TEXT {
            break;
        }
        let node = match step {
            Step::Enter(n) => n,
            Step::ExitHeading => {
                if let Some((start, _)) = v.heading {
                    v.heading = Some((start, v.text.len()));
                }
                continue;
            }
            Step::ExitDateish(start) => {
                let len = v.text.len() - start;
                if len > 0 && len <= MAX_DATEISH {
                    v.dateish.push((start, v.text.len()));
                }
                continue;
            }
        };
        if node.is_text() {
            push_text(&mut v.text, &node.text());
            continue;
        }
        if !node.is_element() && !node.is_document() {
            continue;
        }
        if let Some(name) = node.node_name() {
            let name = name.to_ascii_lowercase();
            if SKIP_TAGS.contains(&name.as_str()) || (name == "footer" && !in_article(&node)) {
                continue;
            }
            let names = class_and_id(&node);
            let structural = matches!(name.as_str(), "body" | "html" | "main" | "article");
            if !structural && !keep.contains(&node.id) && is_noise(&names) {
                continue;
            }
            mark(&node, &name, &names, &mut v);
            if heading.is_some_and(|h| h.id == node.id) {
                v.heading = Some((v.text.len(), v.text.len()));
                stack.push(Step::ExitHeading);
            }
            if DATEISH.iter().any(|n| names.contains(n)) {
                stack.push(Step::ExitDateish(v.text.len()));
            }
        }
        let children: Vec<NodeRef> = node.children_it(true).collect();
        stack.extend(children.into_iter().map(Step::Enter));
    }
    v.dateish = merged(std::mem::take(&mut v.dateish));
    v
}

/// Ranges sorted and merged where they overlap or nest.
fn merged(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Does a class or id name a container of dates that are not the article's? Only names that
/// start with a noise word count: `comments`, `sidebar-left`, `related_posts` do, while
/// `post-footer` or `wpcom-comments-date` (parts of the article) do not.
fn is_noise(names: &str) -> bool {
    names
        .split_whitespace()
        .any(|token| NOISE.iter().any(|n| token.starts_with(n)))
}

/// Is the element inside an `<article>` or `<main>` (whose own footer holds its byline)?
fn in_article(node: &NodeRef) -> bool {
    node.ancestors_it(None).any(|a| {
        a.node_name()
            .is_some_and(|n| n.eq_ignore_ascii_case("article") || n.eq_ignore_ascii_case("main"))
    })
}

/// Lowercased class, id and itemprop of an element, space-separated.
fn class_and_id(node: &NodeRef) -> String {
    let mut s = String::new();
    for a in ["class", "id", "itemprop"] {
        if let Some(v) = node.attr(a) {
            s.push_str(&v.to_lowercase());
            s.push(' ');
        }
    }
    s
}

/// Dates in attributes: `<time datetime>`, `<abbr title>`, `title`/`data-*` of date-like elements.
fn mark(node: &NodeRef, name: &str, names: &str, v: &mut Visible) {
    let dateish = DATEISH.iter().any(|n| names.contains(n));
    // `class="entry-date published updated"` is still the publication date.
    let modified =
        (names.contains("updated") || names.contains("modified")) && !names.contains("publish");
    let mut values = Vec::new();
    if name == "time" {
        values.extend(node.attr("datetime"));
    }
    if name == "abbr" || name == "time" || dateish {
        values.extend(node.attr("title"));
    }
    if dateish {
        for a in ["data-date-time", "data-date", "data-datetime", "data-time"] {
            values.extend(node.attr(a));
        }
    }
    if values.is_empty() {
        return;
    }
    let hidden = node.text().trim().is_empty();
    for value in values {
        let value = value.trim();
        if !value.is_empty() && value.len() < 80 {
            v.marks.push(Mark {
                at: v.text.len(),
                value: value.to_string(),
                modified,
                hidden,
            });
        }
    }
}

/// Appends a text node, collapsing whitespace; nodes are separated by one space.
fn push_text(out: &mut String, t: &str) {
    let mut words = t.split_whitespace().peekable();
    if words.peek().is_none() {
        return;
    }
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
    for (i, w) in words.enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
}

/// Letters and digits only, lowercased: for comparing a heading with the page title.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The article's headline: the `<h1>`, `<h2>` or `<h3>` that repeats most of the page title,
/// else the first `<h1>` of the article, else the first `<h1>`.
fn headline<'a>(doc: &'a Document, title: Option<&str>) -> Option<NodeRef<'a>> {
    let title = title.map(squash).filter(|t| t.chars().count() >= 6);
    // How much of the title a heading repeats; the site name in a logo `<h1>` repeats less
    // of "Headline | Site" than the headline does.
    let overlap = |n: &NodeRef| -> usize {
        let h = squash(&n.text());
        let len = h.chars().count();
        match &title {
            Some(t) if len >= 6 && (t.contains(&h) || h.contains(t.as_str())) => {
                len.min(t.chars().count())
            }
            _ => 0,
        }
    };
    // Most overlap first, then inside an `<article>` or `<main>`, then the higher level
    // (`<h1>` before `<h2>`), then document order.
    type Key = (usize, bool, std::cmp::Reverse<u8>);
    let mut best: Option<(Key, NodeRef<'a>)> = None;
    for n in doc.select("h1, h2, h3").nodes() {
        let o = overlap(n);
        let level = n
            .node_name()
            .and_then(|t| t.as_bytes().get(1).copied())
            .unwrap_or(b'9');
        let key = (o, in_article(n), std::cmp::Reverse(level));
        if o > 0 && best.as_ref().is_none_or(|(b, _)| key > *b) {
            best = Some((key, *n));
        }
    }
    if let Some((_, n)) = best {
        return Some(n);
    }
    for sel in ["article h1", "main h1", "h1"] {
        if let Some(n) = doc
            .select(sel)
            .nodes()
            .iter()
            .find(|n| !n.text().trim().is_empty())
        {
            return Some(*n);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_heading_dateish_and_marks() {
        let doc = Document::from(
            r#"<html><body><nav>Home 01.01.2020</nav>
            <article><h1>Lanterns over the harbour</h1>
            <p class="post-meta">By Ada, <time datetime="2021-03-04T10:00">4 March</time></p>
            <p>Body text.</p>
            <div class="comments"><p>Reader, 05.03.2021</p></div></article>
            <footer>Imprint 2020</footer></body></html>"#,
        );
        let v = read(&doc, Some("Lanterns over the harbour | Harbor Times"));
        assert_eq!(
            v.text,
            "Lanterns over the harbour By Ada, 4 March Body text."
        );
        let (hs, he) = v.heading.unwrap();
        assert_eq!(&v.text[hs..he], "Lanterns over the harbour");
        assert_eq!(v.dateish.len(), 1);
        let (ds, de) = v.dateish[0];
        assert_eq!(v.text[ds..de].trim(), "By Ada, 4 March");
        assert_eq!(v.marks.len(), 1);
        assert_eq!(v.marks[0].value, "2021-03-04T10:00");
        assert!(v.in_dateish(v.marks[0].at + 1));
    }

    #[test]
    fn dateish_ranges() {
        assert_eq!(
            merged(vec![(10, 20), (0, 5), (12, 15), (18, 25), (30, 31)]),
            [(0, 5), (10, 25), (30, 31)]
        );
        let v = Visible {
            dateish: vec![(0, 5), (10, 25)],
            ..Default::default()
        };
        let inside: Vec<bool> = [0, 4, 5, 9, 10, 24, 25, 99]
            .iter()
            .map(|&at| v.in_dateish(at))
            .collect();
        assert_eq!(inside, [true, true, false, false, true, true, false, false]);
    }

    #[test]
    fn noise_names() {
        let cases = [
            ("comments-area", true),
            ("entry commentlist", true),
            ("sidebar-left", true),
            ("related_posts", true),
            ("site-footer", false),
            ("post-footer", false),
            ("wpcom-comments-date", false),
            ("podcast-description__sidebar", false),
            ("has-sidebar", false),
        ];
        for (names, want) in cases {
            assert_eq!(is_noise(names), want, "{names}");
        }
    }

    #[test]
    fn what_is_read() {
        /// A date held in an attribute: (value, modified, hidden).
        type Held<'a> = (&'a str, bool, bool);
        // (body, visible text, dates held in attributes)
        let cases: [(&str, &str, Vec<Held>); 5] = [
            (
                "<article><p>Text.</p><footer>Posted 4 March 2021</footer></article><footer>Imprint</footer>",
                "Text. Posted 4 March 2021",
                vec![],
            ),
            (
                "<div class='has-sidebar'><h1>Lanterns over the harbour</h1></div><div class='sidebar'>Ads</div>",
                "Lanterns over the harbour",
                vec![],
            ),
            (
                r#"<form><p class="date">4 March 2021</p></form><script>var d = "5 March 2021";</script>"#,
                "4 March 2021",
                vec![],
            ),
            (
                r#"<time class="entry-date published updated" datetime="2021-03-04">4 March</time><time class="updated" datetime="2021-03-09">9 March</time>"#,
                "4 March 9 March",
                vec![("2021-03-04", false, false), ("2021-03-09", true, false)],
            ),
            (
                r#"<span class="meta"><time datetime="2021-03-04"></time><abbr title="5 March 2021">Thu</abbr></span>"#,
                "Thu",
                vec![("2021-03-04", false, true), ("5 March 2021", false, false)],
            ),
        ];
        for (body, text, marks) in cases {
            let v = read(&Document::from(body), Some("Lanterns over the harbour"));
            assert_eq!(v.text, text, "{body}");
            let got: Vec<Held> = v
                .marks
                .iter()
                .map(|m| (m.value.as_str(), m.modified, m.hidden))
                .collect();
            assert_eq!(got, marks, "{body}");
        }
    }

    #[test]
    fn headline_choice() {
        let cases = [
            (
                "<h1>Site name</h1><h2>Rain in Lisbon today</h2>",
                Some("Rain in Lisbon today – Site"),
                "Rain in Lisbon today",
            ),
            (
                "<h1>Site name</h1><article><h1>Story</h1></article>",
                None,
                "Story",
            ),
            ("<h1></h1><h1>First</h1>", Some("Nothing alike"), "First"),
            (
                "<h1>Harbor Times</h1><h2>Lanterns over the harbour</h2>",
                Some("Lanterns over the harbour | Harbor Times"),
                "Lanterns over the harbour",
            ),
        ];
        for (html, title, want) in cases {
            let doc = Document::from(html);
            let h = headline(&doc, title).map(|n| n.text().to_string());
            assert_eq!(h.as_deref(), Some(want), "{html}");
        }
    }
}
