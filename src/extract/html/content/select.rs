//! Which element holds the article.
//!
//! Every block is prose (long enough, few links), link text, or neither (short lines).
//! An element scores the prose it holds minus the link text it holds, prose counting more
//! the longer its paragraph is, and all of it counting a tenth inside furniture. The best
//! element wins; among near-equals the smaller one. Class names that say "article text"
//! lend a small bonus.

use super::blocks::{Block, is_furniture};
use super::dom::{Dom, Tag, flag};

/// The shortest block that counts as prose, in characters.
pub(super) const MIN_PROSE: u32 = 40;
/// Link share above which a block counts as link text.
pub(super) const LINKY: f64 = 0.5;

/// Is this block a paragraph of running text?
pub(super) fn is_prose(b: &Block) -> bool {
    b.chars >= MIN_PROSE && b.link_density() <= 0.35
}

/// A block's value as article text: longer paragraphs are worth more per character.
fn prose_value(b: &Block) -> f64 {
    let c = f64::from(b.chars);
    let punct = f64::from(b.punct.min(b.chars / 10));
    c * (c / 200.0).min(1.0) + 10.0 * punct
}

/// Scores per element.
pub(super) struct Scores {
    /// Prose value held, prose in furniture counting a tenth.
    pub prose: Vec<f64>,
    /// Link text held.
    pub links: Vec<f64>,
    /// Prose characters held, unweighted (for guards).
    pub prose_chars: Vec<f64>,
}

/// Furniture counts this much of its prose value when an element holds it.
const FURNITURE_WEIGHT: f64 = 0.1;
/// Link text in furniture costs this much (it is skipped when rendering anyway).
const FURNITURE_LINKS: f64 = 0.3;

/// Adds every element's value to its parent's (children come after parents).
fn sum_up(dom: &Dom, v: &mut [f64]) {
    for i in (1..v.len()).rev() {
        let p = dom.nodes[i].parent as usize;
        if p < v.len() {
            v[p] += v[i];
        }
    }
}

pub(super) fn score(dom: &Dom, blocks: &[Block]) -> Scores {
    let n = dom.len();
    let mut prose_chars = vec![0.0; n];
    for b in blocks {
        if is_prose(b) {
            prose_chars[b.owner as usize] += f64::from(b.chars);
        }
    }
    sum_up(dom, &mut prose_chars);
    // Furniture by name that holds half the page's prose is a mislabelled wrapper
    // ("page-with-sidebar"); never a comment section or a hidden element.
    let half = 0.5 * prose_chars[0];
    let mut in_furniture = vec![false; n];
    for i in 1..n {
        let p = dom.nodes[i].parent as usize;
        let own = is_furniture(dom, i)
            && (dom.nodes[i].flags & (flag::COMMENTS | flag::HIDDEN) != 0 || prose_chars[i] < half);
        in_furniture[i] = own || (p < n && in_furniture[p]);
    }
    let mut prose = vec![0.0; n];
    let mut links = vec![0.0; n];
    for b in blocks {
        let o = b.owner as usize;
        let furniture = b.furniture || in_furniture[o];
        if is_prose(b) {
            prose[o] += prose_value(b) * if furniture { FURNITURE_WEIGHT } else { 1.0 };
        } else if b.link_density() > LINKY {
            links[o] += f64::from(b.chars) * if furniture { FURNITURE_LINKS } else { 1.0 };
        }
    }
    sum_up(dom, &mut prose);
    sum_up(dom, &mut links);
    Scores {
        prose,
        links,
        prose_chars,
    }
}

fn bonus(dom: &Dom, i: usize) -> f64 {
    let n = &dom.nodes[i];
    let mut b = 1.0;
    if n.flags & (flag::ARTICLE_BODY | flag::CONTENT) != 0 {
        b *= 1.15;
    }
    if matches!(n.tag, Tag::Article) || n.flags & flag::MAIN_ROLE != 0 {
        b *= 1.05;
    }
    b
}

/// The element holding the article, or `None` when the page has no prose at all.
pub(super) fn best(dom: &Dom, s: &Scores) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for i in 0..dom.len() {
        let n = &dom.nodes[i];
        // A paragraph or a subhead is never the container of an article.
        if !n.tag.is_block()
            || matches!(n.tag, Tag::P | Tag::Heading(_) | Tag::Blockquote | Tag::Pre)
            || s.prose[i] <= 0.0
        {
            continue;
        }
        let value = (s.prose[i] - s.links[i]) * bonus(dom, i);
        // Later (deeper) elements win ties: `>=` prefers a descendant with equal value.
        if best.is_none_or(|(_, v)| value >= v * 1.0) {
            best = Some((i, value));
        }
    }
    best.map(|(i, _)| i)
}
