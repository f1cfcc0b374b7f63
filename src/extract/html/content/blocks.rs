//! Blocks: the runs of inline text between block boundaries, each with the numbers scoring
//! needs — its length, how much of it is link text, its punctuation.
//!
//! `<div>Intro <p>One</p> tail</div>` has three blocks: "Intro" and "tail" owned by the
//! div, "One" owned by the p.

use super::dom::{Dom, Tag, flag};

/// Flags that make a subtree furniture for scoring.
pub(super) const FURNITURE: u16 =
    flag::NOISE | flag::HIDDEN | flag::FURNITURE_ROLE | flag::COMMENTS;

#[derive(Debug, Clone)]
pub(super) struct Block {
    /// The nearest block-level element around the text.
    pub owner: u32,
    /// First and last node (inclusive) of the block's inline content.
    pub first: u32,
    pub last: u32,
    /// Length in characters, whitespace not counted; a CJK character counts three.
    pub chars: u32,
    /// Of which inside links.
    pub link_chars: u32,
    /// Sentence punctuation marks.
    pub punct: u32,
    /// Inside an inline element that looks like furniture (by class, role or hiddenness),
    /// within its owner.
    pub furniture: bool,
}

impl Block {
    pub(super) fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            f64::from(self.link_chars) / f64::from(self.chars)
        }
    }
}

/// Elements that are furniture by their tag alone.
pub(super) fn furniture_tag(tag: Tag) -> bool {
    matches!(tag, Tag::Nav | Tag::Aside | Tag::Footer | Tag::Form)
}

pub(super) fn is_furniture(dom: &Dom, i: usize) -> bool {
    let n = &dom.nodes[i];
    n.flags & FURNITURE != 0 || furniture_tag(n.tag)
}

/// Counts characters (CJK three times: a CJK character carries about a word) and punctuation.
pub(super) fn measure(text: &str) -> (u32, u32) {
    let mut chars = 0;
    let mut punct = 0;
    for c in text.chars() {
        if c.is_whitespace() {
            continue;
        }
        let cp = c as u32;
        if (0x3040..=0x30ff).contains(&cp)
            || (0x3400..=0x9fff).contains(&cp)
            || (0xac00..=0xd7af).contains(&cp)
        {
            chars += 3;
        } else {
            chars += 1;
        }
        if matches!(
            c,
            '.' | ',' | ';' | '!' | '?' | '。' | '，' | '、' | '；' | '！' | '？' | '،' | '؛' | '؟'
        ) {
            punct += 1;
        }
    }
    (chars, punct)
}

/// Splits the whole copied tree into blocks, in document order.
pub(super) fn blocks(dom: &Dom) -> Vec<Block> {
    let mut out = Vec::new();
    // Open elements, innermost last.
    let mut open: Vec<usize> = Vec::new();
    // Open block elements, each with the number of furniture inline elements open inside it.
    let mut owners: Vec<(usize, usize)> = Vec::new();
    let mut links = 0usize;
    let mut cur: Option<Block> = None;
    let flush = |cur: &mut Option<Block>, out: &mut Vec<Block>| {
        if let Some(b) = cur.take()
            && b.chars > 0
        {
            out.push(b);
        }
    };
    for i in 0..=dom.len() {
        // Close the elements that end before node i.
        while let Some(&top) = open.last() {
            if i < dom.len() && (dom.nodes[top].end as usize) > i {
                break;
            }
            open.pop();
            let tag = dom.nodes[top].tag;
            if tag == Tag::A {
                links = links.saturating_sub(1);
            }
            if tag.is_block() {
                owners.pop();
                flush(&mut cur, &mut out);
            } else if is_furniture(dom, top)
                && let Some(o) = owners.last_mut()
            {
                o.1 = o.1.saturating_sub(1);
            }
        }
        if i == dom.len() {
            break;
        }
        let node = &dom.nodes[i];
        if node.tag == Tag::Text {
            let (chars, punct) = measure(dom.text_of(i));
            let (owner, furniture) = owners.last().copied().unwrap_or((0, 0));
            let b = cur.get_or_insert(Block {
                owner: owner as u32,
                first: i as u32,
                last: i as u32,
                chars: 0,
                link_chars: 0,
                punct: 0,
                furniture: furniture > 0,
            });
            b.last = i as u32;
            b.chars += chars;
            b.punct += punct;
            if links > 0 {
                b.link_chars += chars;
            }
            continue;
        }
        if node.tag.is_block() {
            flush(&mut cur, &mut out);
            owners.push((i, 0));
        } else if is_furniture(dom, i)
            && let Some(o) = owners.last_mut()
        {
            o.1 += 1;
        }
        if node.tag == Tag::A {
            links += 1;
        }
        open.push(i);
    }
    flush(&mut cur, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    #[test]
    fn blocks_split_at_block_boundaries() {
        let doc = Document::from(
            "<body><div>Intro <a href=x>link</a><p>One, two.</p> tail</div><p><span class=share>Home</span></p></body>",
        );
        let dom = Dom::from_document(&doc);
        let bs = blocks(&dom);
        let texts: Vec<String> = bs
            .iter()
            .map(|b| {
                (b.first..=b.last)
                    .map(|i| dom.text_of(i as usize))
                    .collect::<String>()
                    .trim()
                    .to_string()
            })
            .collect();
        assert_eq!(texts, ["Intro link", "One, two.", "tail", "Home"]);
        assert_eq!((bs[0].chars, bs[0].link_chars), (9, 4));
        assert_eq!(bs[1].punct, 2);
        assert!(!bs[2].furniture);
        assert!(bs[3].furniture);
    }

    #[test]
    fn cjk_counts_more() {
        assert_eq!(measure("北京").0, 6);
        assert_eq!(measure("ab c").0, 3);
    }
}
