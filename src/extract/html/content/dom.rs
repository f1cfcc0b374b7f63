//! A compact, read-only copy of a page's `<body>`: one array of nodes in document order.
//!
//! Scoring walks the tree several times; doing it on dom_query's `RefCell` tree would borrow
//! on every step and allocate on every `text()`. The copy is made in one iterative pass (deep
//! or broken HTML cannot overflow the stack), drops what never holds visible text (scripts,
//! styles, forms' controls, ruby readings, …) and collapses whitespace in text nodes.
//!
//! Nodes are numbered in pre-order, so the subtree of node `i` is the range `i..end`.

use dom_query::{Document, NodeData, NodeId, NodeRef};

use crate::ingest::FnvMap;

/// The element kinds the extractor tells apart; everything else is `Inline` or `Block`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tag {
    Text,
    Body,
    Div,
    P,
    Heading(u8),
    List,
    Li,
    Dt,
    Dd,
    Table,
    Row,
    Cell,
    Blockquote,
    Pre,
    Article,
    Main,
    Section,
    Header,
    Footer,
    Nav,
    Aside,
    Figure,
    Figcaption,
    Form,
    /// Another element that starts a new line (`address`, `details`, `hr`, …).
    Block,
    A,
    Br,
    /// `b`, `strong`: a paragraph made only of bold text reads as a subhead.
    Bold,
    Time,
    /// Any other element inside a line of text.
    Inline,
}

impl Tag {
    /// Elements that start and end a line of text.
    pub(super) fn is_block(self) -> bool {
        !matches!(
            self,
            Tag::Text | Tag::A | Tag::Br | Tag::Bold | Tag::Time | Tag::Inline
        )
    }
}

/// Set at copy time from attributes.
pub(super) mod flag {
    /// `hidden`, `aria-hidden="true"`, `display:none`, `visibility:hidden`.
    pub const HIDDEN: u16 = 1;
    /// `itemprop="articleBody"` (or `articleBody` in a class/id).
    pub const ARTICLE_BODY: u16 = 1 << 1;
    /// A `role` that marks page furniture (navigation, banner, complementary, …).
    pub const FURNITURE_ROLE: u16 = 1 << 2;
    /// `role="main"` or `role="article"`.
    pub const MAIN_ROLE: u16 = 1 << 3;
    /// Marked as noise by its class or id (see `names`).
    pub const NOISE: u16 = 1 << 4;
    /// Class or id say "article text" (see `names`).
    pub const CONTENT: u16 = 1 << 5;
    /// Class or id say "lead / summary / intro" (see `names`).
    pub const LEAD: u16 = 1 << 6;
    /// Class or id say "comments".
    pub const COMMENTS: u16 = 1 << 7;
    /// Class or id say "caption / credit" (see `names`).
    pub const CAPTION: u16 = 1 << 8;
    /// Class or id say "date / meta line / byline".
    pub const META: u16 = 1 << 9;
}

pub(super) struct Node {
    pub tag: Tag,
    pub flags: u16,
    pub parent: u32,
    /// One past the last node of this node's subtree.
    pub end: u32,
    /// Text nodes: byte range in [`Dom::text`]. Elements: byte range of "class id" in
    /// [`Dom::attrs`].
    pub span: (u32, u32),
}

pub(super) struct Dom {
    pub nodes: Vec<Node>,
    pub text: String,
    pub attrs: String,
}

/// Elements whose content is never visible text.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "frame"
            | "object"
            | "embed"
            | "applet"
            | "canvas"
            | "video"
            | "audio"
            | "source"
            | "track"
            | "map"
            | "area"
            | "img"
            | "picture"
            | "input"
            | "button"
            | "select"
            | "option"
            | "optgroup"
            | "datalist"
            | "textarea"
            | "label"
            | "output"
            | "progress"
            | "meter"
            | "dialog"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "base"
            | "rt"
            | "rp"
            | "rtc"
            | "wbr"
    )
}

fn tag_of(name: &str) -> Tag {
    match name {
        "p" => Tag::P,
        "div" | "center" => Tag::Div,
        "h1" => Tag::Heading(1),
        "h2" => Tag::Heading(2),
        "h3" => Tag::Heading(3),
        "h4" => Tag::Heading(4),
        "h5" => Tag::Heading(5),
        "h6" => Tag::Heading(6),
        "ul" | "ol" | "dl" | "menu" => Tag::List,
        "li" => Tag::Li,
        "dt" => Tag::Dt,
        "dd" => Tag::Dd,
        "table" => Tag::Table,
        "tr" => Tag::Row,
        "td" | "th" => Tag::Cell,
        "blockquote" => Tag::Blockquote,
        "pre" => Tag::Pre,
        "article" => Tag::Article,
        "main" => Tag::Main,
        "section" => Tag::Section,
        "header" | "hgroup" => Tag::Header,
        "footer" => Tag::Footer,
        "nav" => Tag::Nav,
        "aside" => Tag::Aside,
        "figure" => Tag::Figure,
        "figcaption" => Tag::Figcaption,
        "form" | "fieldset" => Tag::Form,
        "body" => Tag::Body,
        "a" => Tag::A,
        "br" => Tag::Br,
        "b" | "strong" => Tag::Bold,
        "time" => Tag::Time,
        "address" | "details" | "summary" | "hr" | "caption" | "thead" | "tbody" | "tfoot"
        | "legend" | "html" | "frameset" | "noframes" | "dir" | "noscript" => Tag::Block,
        _ => Tag::Inline,
    }
}

/// What one element contributes: its tag, its flags, its "class id" text.
struct ElementInfo {
    tag: Option<Tag>,
    flags: u16,
}

fn read_element(
    el: &dom_query::Element,
    attrs: &mut String,
    cache: &mut FnvMap<Box<str>, u16>,
) -> ElementInfo {
    let name: &str = &el.name.local;
    if skipped(name) {
        return ElementInfo {
            tag: None,
            flags: 0,
        };
    }
    let tag = tag_of(name);
    // Without scripting, html5ever parses `<noscript>` as markup: usually a "please enable
    // JavaScript" line, but an unclosed element in it can swallow the whole page. As
    // furniture it is left out unless it holds most of the text.
    let mut flags = if name == "noscript" { flag::NOISE } else { 0 };
    for a in &el.attrs {
        let value: &str = &a.value;
        match &*a.name.local {
            "class" => {
                attrs.push_str(value);
                attrs.push(' ');
                // Class strings repeat across a page ("menu-item"): classify each once.
                flags |= match cache.get(value) {
                    Some(&f) => f,
                    None => {
                        let f = super::names::classify(value);
                        cache.insert(value.into(), f);
                        f
                    }
                };
            }
            "id" => {
                attrs.push_str(value);
                attrs.push(' ');
                flags |= super::names::classify(value);
            }
            "hidden" => flags |= flag::HIDDEN,
            "aria-hidden" if value.trim().eq_ignore_ascii_case("true") => flags |= flag::HIDDEN,
            "style" => {
                let style: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if style.contains("display:none") || style.contains("visibility:hidden") {
                    flags |= flag::HIDDEN;
                }
            }
            "itemprop" if value.eq_ignore_ascii_case("articlebody") => {
                flags |= flag::ARTICLE_BODY;
            }
            "role" => match value.trim().to_ascii_lowercase().as_str() {
                "navigation" | "banner" | "contentinfo" | "complementary" | "menu" | "menubar"
                | "search" | "dialog" | "alertdialog" | "toolbar" | "tablist" => {
                    flags |= flag::FURNITURE_ROLE;
                }
                "main" | "article" => flags |= flag::MAIN_ROLE,
                _ => {}
            },
            _ => {}
        }
    }
    // The body and the page's main element are never furniture by name.
    if matches!(tag, Tag::Body | Tag::Main) {
        flags &= !flag::NOISE;
    }
    ElementInfo {
        tag: Some(tag),
        flags,
    }
}

/// Appends `raw` to `out` with whitespace runs collapsed to one space.
fn push_collapsed(out: &mut String, raw: &str) {
    let mut space = false;
    // Runs of ordinary characters are copied as slices; only whitespace and the few
    // characters dropped (controls, BOM, zero-width space, soft hyphen) break a run.
    let mut run = 0;
    for (i, c) in raw.char_indices() {
        let ws = c.is_whitespace();
        let dropped = !ws && (c.is_control() || matches!(c, '\u{feff}' | '\u{200b}' | '\u{ad}'));
        if ws || dropped {
            if run < i {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.push_str(&raw[run..i]);
            }
            space |= ws;
            run = i + c.len_utf8();
        }
    }
    if run < raw.len() {
        if space {
            out.push(' ');
            space = false;
        }
        out.push_str(&raw[run..]);
    }
    if space {
        out.push(' ');
    }
}

impl Dom {
    /// Copies the body of `doc` (the whole document when it has no body).
    pub(super) fn from_document(doc: &Document) -> Dom {
        let tree = &doc.tree;
        let root = tree.body().unwrap_or_else(|| tree.root());
        let mut dom = Dom {
            nodes: Vec::with_capacity(tree.len() / 2),
            text: String::with_capacity(16 * 1024),
            attrs: String::with_capacity(8 * 1024),
        };
        dom.nodes.push(Node {
            tag: Tag::Body,
            flags: 0,
            parent: u32::MAX,
            end: 1,
            span: (0, 0),
        });
        let mut cache: FnvMap<Box<str>, u16> = FnvMap::default();
        // (next dom child to copy, index of the copied parent)
        let mut stack: Vec<(Option<NodeId>, u32)> = vec![(first_child(root), 0)];
        while let Some(top) = stack.last_mut() {
            let Some(id) = top.0 else {
                let (_, done) = stack.pop().unwrap_or((None, 0));
                let end = dom.nodes.len() as u32;
                if let Some(n) = dom.nodes.get_mut(done as usize) {
                    n.end = end;
                }
                continue;
            };
            let parent = top.1;
            let node = NodeRef::new(id, tree);
            let read = node.query(|tn| {
                let next = tn.next_sibling;
                match &tn.data {
                    NodeData::Text { contents } => {
                        let start = dom.text.len();
                        push_collapsed(&mut dom.text, contents);
                        (next, None, Some((start, dom.text.len())))
                    }
                    NodeData::Element(el) => {
                        let start = dom.attrs.len();
                        let info = read_element(el, &mut dom.attrs, &mut cache);
                        let span = (start, dom.attrs.len());
                        match info.tag {
                            Some(tag) => {
                                (next, Some((tag, info.flags, span, tn.first_child)), None)
                            }
                            None => {
                                dom.attrs.truncate(start);
                                (next, None, None)
                            }
                        }
                    }
                    _ => (next, None, None),
                }
            });
            let Some((next, element, text)) = read else {
                top.0 = None;
                continue;
            };
            top.0 = next;
            let index = dom.nodes.len() as u32;
            if let Some((start, end)) = text {
                if end > start {
                    dom.nodes.push(Node {
                        tag: Tag::Text,
                        flags: 0,
                        parent,
                        end: index + 1,
                        span: (start as u32, end as u32),
                    });
                }
            } else if let Some((tag, flags, (s, e), child)) = element {
                dom.nodes.push(Node {
                    tag,
                    flags,
                    parent,
                    end: index + 1,
                    span: (s as u32, e as u32),
                });
                stack.push((child, index));
            }
        }
        dom
    }

    pub(super) fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The collapsed text of a text node ("" for elements).
    pub(super) fn text_of(&self, i: usize) -> &str {
        let n = &self.nodes[i];
        if n.tag == Tag::Text {
            &self.text[n.span.0 as usize..n.span.1 as usize]
        } else {
            ""
        }
    }

    /// The "class id" words of an element.
    #[cfg(test)]
    pub(super) fn names_of(&self, i: usize) -> &str {
        let n = &self.nodes[i];
        if n.tag == Tag::Text {
            ""
        } else {
            &self.attrs[n.span.0 as usize..n.span.1 as usize]
        }
    }

    /// True when `a` is `d` or one of its ancestors.
    pub(super) fn contains(&self, a: usize, d: usize) -> bool {
        a <= d && d < self.nodes[a].end as usize
    }

    /// The ancestors of `i`, nearest first (not including `i`).
    pub(super) fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let mut p = self.nodes[i].parent;
        std::iter::from_fn(move || {
            if p == u32::MAX {
                return None;
            }
            let this = p as usize;
            p = self.nodes[this].parent;
            Some(this)
        })
    }
}

fn first_child(node: NodeRef<'_>) -> Option<NodeId> {
    node.query(|tn| tn.first_child).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_text_and_structure() {
        let doc = Document::from(
            "<body><div class='a'><p>One  <b>two</b>\n three</p><script>x()</script></div><p>Four</p></body>",
        );
        let dom = Dom::from_document(&doc);
        let div = (0..dom.len())
            .find(|&i| dom.nodes[i].tag == Tag::Div)
            .unwrap();
        assert_eq!(dom.names_of(div).trim(), "a");
        let text: String = (div..dom.nodes[div].end as usize)
            .map(|i| dom.text_of(i))
            .collect();
        assert_eq!(text, "One two three");
    }

    #[test]
    fn whitespace_is_collapsed_and_invisible_characters_dropped() {
        let mut out = String::new();
        push_collapsed(&mut out, "  Über\u{ad}le\u{200b}ben \n\t im  Tal\u{0}");
        assert_eq!(out, " Überleben im Tal");
        out.clear();
        push_collapsed(&mut out, "a ");
        assert_eq!(out, "a ");
    }

    #[test]
    fn hidden_and_roles_are_flagged() {
        let doc = Document::from(
            "<body><div hidden>a</div><div style='display: none'>b</div><nav role='navigation'>c</nav>\
             <div itemprop='articleBody'>d</div></body>",
        );
        let dom = Dom::from_document(&doc);
        let flags: Vec<u16> = (1..dom.len())
            .filter(|&i| dom.nodes[i].parent == 0)
            .map(|i| dom.nodes[i].flags)
            .collect();
        assert!(flags[0] & flag::HIDDEN != 0);
        assert!(flags[1] & flag::HIDDEN != 0);
        assert!(flags[2] & flag::FURNITURE_ROLE != 0);
        assert!(flags[3] & flag::ARTICLE_BODY != 0);
    }

    #[test]
    fn noscript_is_kept_as_furniture() {
        let doc =
            Document::from("<body><noscript><div>Enable JavaScript</noscript><p>Text</p></body>");
        let dom = Dom::from_document(&doc);
        let ns = (0..dom.len())
            .find(|&i| dom.nodes[i].tag == Tag::Block)
            .unwrap();
        assert!(dom.nodes[ns].flags & flag::NOISE != 0);
        assert!(
            dom.contains(ns, dom.len() - 1),
            "the unclosed div swallows the page"
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(8_000) + "deep" + &"</div>".repeat(8_000);
        let dom = Dom::from_document(&Document::from(html.as_str()));
        assert_eq!(dom.text_of(dom.len() - 1), "deep");
    }
}
