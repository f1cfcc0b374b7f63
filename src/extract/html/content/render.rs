//! From the chosen element to text: furniture inside it is skipped, each block becomes a
//! paragraph, link lists and orphaned subheads are dropped.

use super::blocks::{Block, FURNITURE, furniture_tag};
use super::dom::{Dom, Tag, flag};
use super::select::{LINKY, Scores};

/// One paragraph of output.
#[derive(Debug, Clone)]
pub(super) struct Para {
    pub text: String,
    pub heading: bool,
}

/// How strictly furniture inside the chosen element is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Strictness {
    /// Furniture by tag, role, class or id; captions; date and byline lines.
    Strict,
    /// Only what is furniture beyond doubt: hidden elements, comments, navigation,
    /// asides, footers and forms. Used when the strict pass keeps almost nothing, which
    /// happens when a class word ("share-wrapper") labels the article's own blocks.
    Lenient,
}

/// Which nodes of `root`'s subtree are left out: furniture, captions, date and byline
/// lines, unless such an element holds half the prose (then it is a mislabelled wrapper).
pub(super) fn skipped(dom: &Dom, s: &Scores, root: usize, strictness: Strictness) -> Vec<bool> {
    let end = dom.nodes[root].end as usize;
    let mut skip = vec![false; end - root];
    let half = 0.5 * s.prose_chars[root];
    for i in root + 1..end {
        let n = &dom.nodes[i];
        let p = n.parent as usize;
        if p >= root && skip[p - root] {
            skip[i - root] = true;
            continue;
        }
        if n.tag == Tag::Text {
            continue;
        }
        let unwanted = match strictness {
            Strictness::Strict => {
                n.flags & (FURNITURE | flag::CAPTION | flag::META) != 0
                    || furniture_tag(n.tag)
                    || matches!(n.tag, Tag::Figure | Tag::Figcaption)
            }
            Strictness::Lenient => {
                n.flags & (flag::HIDDEN | flag::COMMENTS | flag::FURNITURE_ROLE) != 0
                    || furniture_tag(n.tag)
            }
        };
        // Hidden elements and comments go even when they hold most of the text.
        let hard = n.flags & (flag::HIDDEN | flag::COMMENTS) != 0;
        if unwanted && (hard || s.prose_chars[i] < half || s.prose_chars[i] == 0.0) {
            skip[i - root] = true;
        }
    }
    skip
}

/// The text of one block: inline noise skipped, `<br>` kept as a line break.
fn block_text(dom: &Dom, b: &Block, skip: &[bool], root: usize) -> String {
    let mut out = String::new();
    let mut j = b.first as usize;
    let last = b.last as usize;
    while j <= last {
        if j >= root && skip.get(j - root).copied().unwrap_or(false) {
            j = (dom.nodes[j].end as usize).max(j + 1);
            continue;
        }
        match dom.nodes[j].tag {
            Tag::Text => out.push_str(dom.text_of(j)),
            Tag::Br => out.push('\n'),
            _ => {}
        }
        j += 1;
    }
    out
}

fn is_heading(dom: &Dom, b: &Block) -> bool {
    matches!(dom.nodes[b.owner as usize].tag, Tag::Heading(_))
}

/// The paragraphs of `root`, in order.
pub(super) fn paragraphs(
    dom: &Dom,
    blocks: &[Block],
    s: &Scores,
    root: usize,
    strictness: Strictness,
) -> Vec<Para> {
    let skip = skipped(dom, s, root, strictness);
    let mut out = Vec::new();
    for b in blocks {
        let owner = b.owner as usize;
        if !dom.contains(root, owner) || skip[owner - root] {
            continue;
        }
        if b.link_density() > LINKY {
            continue;
        }
        let text = block_text(dom, b, &skip, root);
        if text.trim().is_empty() {
            continue;
        }
        out.push(Para {
            text,
            // A long "heading" is a standfirst set in a heading element: text, not a subhead.
            heading: is_heading(dom, b) && b.chars < 100,
        });
    }
    drop_orphan_headings(&mut out);
    out
}

/// A subhead with no text after it (before the next subhead or the end) heads something
/// that was removed.
fn drop_orphan_headings(paras: &mut Vec<Para>) {
    let mut keep = vec![true; paras.len()];
    let mut next_is_text = false;
    for (i, p) in paras.iter().enumerate().rev() {
        if p.heading {
            keep[i] = next_is_text;
            next_is_text = false;
        } else {
            next_is_text = true;
        }
    }
    let mut i = 0;
    paras.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}
