//! The lead: a standfirst or summary set in its own container just above the article's
//! text ("summary", "intro", "chapo", …), or simply the one paragraph between headline and
//! body.

use super::blocks::{Block, is_furniture};
use super::dom::{Dom, Tag, flag};
use super::render::Para;
use super::select::{LINKY, MIN_PROSE, is_prose};

/// How many blocks above the body are looked at (headline, kicker, byline, date, lead).
const LOOKBACK: usize = 8;
/// An unnamed paragraph above the body is a lead only when at least this long.
const UNNAMED_LEAD: u32 = 80;

/// How far above the body's element a lead may sit: the lowest element holding both must
/// be at most this many levels up (and never `<body>`).
const MAX_UP: usize = 4;

/// For a block above `root`: the element named as a lead around it (if any) and whether
/// it sits in furniture, a caption, a byline or the headline — or `None` when the block is
/// too far from `root` in the tree.
fn context(dom: &Dom, b: &Block, root: usize) -> Option<(Option<usize>, bool)> {
    let owner = b.owner as usize;
    let ancestors: Vec<usize> = dom.ancestors(root).take(MAX_UP).collect();
    let mut lead = None;
    let mut unwanted = b.furniture;
    for a in std::iter::once(owner).chain(dom.ancestors(owner)) {
        if ancestors.contains(&a) {
            return (dom.nodes[a].tag != Tag::Body).then_some((lead, unwanted));
        }
        if dom.contains(a, root) {
            return None;
        }
        let n = &dom.nodes[a];
        if n.flags & flag::LEAD != 0 && lead.is_none() {
            lead = Some(a);
        }
        if is_furniture(dom, a)
            || n.flags & (flag::CAPTION | flag::META) != 0
            || matches!(n.tag, Tag::Figure | Tag::Figcaption | Tag::Heading(1))
        {
            unwanted = true;
        }
    }
    None
}

fn text_of(dom: &Dom, b: &Block) -> String {
    (b.first..=b.last)
        .map(|i| dom.text_of(i as usize))
        .collect()
}

/// Puts the lead in front of `paras` when one sits just above `root`.
pub(super) fn prepend_lead(dom: &Dom, blocks: &[Block], root: usize, paras: &mut Vec<Para>) {
    let start = blocks.partition_point(|b| (b.first as usize) < root);
    for k in (start.saturating_sub(LOOKBACK)..start).rev() {
        let b = &blocks[k];
        let Some((named, unwanted)) = context(dom, b, root) else {
            return;
        };
        if b.link_density() > LINKY {
            continue;
        }
        if unwanted || b.chars < MIN_PROSE {
            if b.chars > 200 {
                return;
            }
            continue;
        }
        if let Some(lead) = named {
            // The whole lead element: it may hold several paragraphs or list items.
            let lead_blocks = (0..=k)
                .rev()
                .take_while(|&j| dom.contains(lead, blocks[j].owner as usize))
                .filter(|&j| blocks[j].link_density() <= LINKY)
                .collect::<Vec<_>>();
            for &j in &lead_blocks {
                paras.insert(
                    0,
                    Para {
                        text: text_of(dom, &blocks[j]),
                        heading: false,
                    },
                );
            }
            return;
        }
        if is_prose(b) && b.chars >= UNNAMED_LEAD {
            paras.insert(
                0,
                Para {
                    text: text_of(dom, b),
                    heading: false,
                },
            );
            return;
        }
        if b.chars > 200 {
            return;
        }
    }
}
