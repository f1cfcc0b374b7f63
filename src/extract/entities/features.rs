//! What the sequence tagger sees of a token: hashed features (no feature string is stored, so
//! the model holds no text), built from the word, its neighbours, its shape, the labels
//! already given to its left, and what the rest of the document says about the same word.

use super::tokenize::Token;
pub(crate) use super::wordhash::HashedMap;
use super::wordhash::{Stream, fold_ascii, fold_cow, fold_hash, hash_str, shape_hash, shape_into};

/// Labels: `O`, then `B-`/`I-` for person, organisation, place, other.
pub const LABELS: usize = 9;

/// The entity type of a label (0 person, 1 organisation, 2 place, 3 other); `None` for `O`.
pub fn label_type(label: usize) -> Option<usize> {
    (label > 0).then(|| (label - 1) / 2)
}

/// Whether a label begins an entity (`B-`).
pub fn label_begins(label: usize) -> bool {
    label > 0 && (label - 1).is_multiple_of(2)
}

/// `B-` label of a type.
pub fn begin_label(ty: usize) -> usize {
    1 + ty * 2
}

/// `I-` label of a type.
pub fn inside_label(ty: usize) -> usize {
    2 + ty * 2
}

/// Whether `label` may follow `prev` (an `I-X` only continues `B-X` or `I-X`).
pub fn allowed(prev: usize, label: usize) -> bool {
    if label == 0 || label_begins(label) {
        return true;
    }
    prev != 0 && label_type(prev) == label_type(label)
}

/// A token with what the features need of it.
#[derive(Debug, Clone)]
pub struct Word<'a> {
    /// The token as written.
    pub text: &'a str,
    /// Hash of the folded form: lowercase, digits as `0` (see [`fold`]).
    pub lower: u64,
    /// Hash of the collapsed shape: `Xx`, `X`, `X.X.`, `Xx-Xx`, `d-d-d`, `x` (see [`shape`]).
    pub shape: u64,
    /// What the rest of the document says about this folded form: bit 0 seen capitalised
    /// inside a sentence of ordinary case, bit 1 seen in lowercase there.
    pub evidence: u8,
    /// First of its sentence.
    pub sentence_start: bool,
    /// On a line written in capitals (a headline).
    pub caps_line: bool,
}

/// One document ready for tagging: lines of words with their document-level evidence.
#[derive(Debug, Clone, Default)]
pub struct Doc<'a> {
    /// Lines of words (an entity never crosses a line).
    pub lines: Vec<Vec<Word<'a>>>,
}

/// What a line's case says about one token: (has a letter, has no lowercase letter, starts
/// with a capital), in one pass.
fn case_of(w: &str) -> (bool, bool, bool) {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return (false, true, false);
    };
    let (mut alpha, mut lower) = (first.is_alphabetic(), first.is_lowercase());
    for c in chars {
        if c.is_ascii() {
            alpha |= c.is_ascii_alphabetic();
            lower |= c.is_ascii_lowercase();
        } else {
            alpha |= c.is_alphabetic();
            lower |= c.is_lowercase();
        }
    }
    (alpha, !lower, first.is_uppercase())
}

impl<'a> Doc<'a> {
    /// Builds the document from tokenised lines of `text`.
    pub fn new(text: &'a str, lines: &[Vec<Token>]) -> Doc<'a> {
        Doc::build(text, lines, false)
    }

    /// [`Doc::new`] for a headline: in title case ("Iran Admits Sending Drones") its
    /// capitals say nothing about names, so it is seen as the model saw headlines, in capitals.
    pub fn headline(text: &'a str, lines: &[Vec<Token>]) -> Doc<'a> {
        Doc::build(text, lines, true)
    }

    fn build(text: &'a str, lines: &[Vec<Token>], headline: bool) -> Doc<'a> {
        let mut doc = Doc {
            lines: Vec::with_capacity(lines.len()),
        };
        let words = lines.iter().map(Vec::len).sum();
        // Evidence per folded form, gathered while the words are built, then copied to them.
        let mut evidence: HashedMap<u8> =
            HashedMap::with_capacity_and_hasher(words, Default::default());
        for line in lines {
            let (mut letters, mut upper, mut titled) = (0usize, 0usize, 0usize);
            for t in line {
                let (alpha, no_lower, first_upper) = case_of(t.of(text));
                if alpha {
                    letters += 1;
                    upper += usize::from(no_lower);
                    titled += usize::from(first_upper);
                }
            }
            let title_case = headline && letters >= 3 && titled * 10 >= letters * 7;
            let caps_line = letters >= 2 && upper * 10 >= letters * 7 || title_case;
            let words: Vec<Word> = line
                .iter()
                .map(|t| {
                    let w = t.of(text);
                    let lower = fold_hash(w);
                    if !caps_line && !t.sentence_start {
                        let bit = match w.chars().next() {
                            Some(c) if c.is_uppercase() => 1,
                            Some(c) if c.is_lowercase() => 2,
                            _ => 0,
                        };
                        if bit != 0 {
                            *evidence.entry(lower).or_insert(0) |= bit;
                        }
                    }
                    Word {
                        text: w,
                        lower,
                        shape: if title_case {
                            let mut h = Stream::new();
                            shape_into(w.chars().flat_map(char::to_uppercase), &mut h);
                            h.finish()
                        } else {
                            shape_hash(w)
                        },
                        evidence: 0,
                        sentence_start: t.sentence_start,
                        caps_line,
                    }
                })
                .collect();
            doc.lines.push(words);
        }
        if !evidence.is_empty() {
            for w in doc.lines.iter_mut().flatten() {
                w.evidence = evidence.get(&w.lower).copied().unwrap_or(0);
            }
        }
        doc
    }
}

/// A feature's hash: a template number and its parts (word hashes, small numbers), mixed.
#[derive(Clone, Copy)]
struct Hasher(u64);

impl Hasher {
    fn new(template: u8) -> Hasher {
        Hasher(
            u64::from(template)
                .wrapping_add(1)
                .wrapping_mul(0x9e37_79b9_7f4a_7c15),
        )
    }
    fn part(self, h: u64) -> Hasher {
        let m = (self.0 ^ h).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        Hasher(m ^ (m >> 31))
    }
    fn num(self, n: usize) -> Hasher {
        self.part(n as u64 ^ 0x5555_0000)
    }
    fn done(self) -> u64 {
        // Buckets are the low bits: fold the high ones down.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Stand-ins for the words before the start and after the end of a line.
const BOS: u64 = 0x0b05_0b05_0b05_0b05;
const EOS: u64 = 0x0e05_0e05_0e05_0e05;

/// The labels already given in the document: to the left in this line, and the last type
/// each folded form was tagged with earlier in the document.
pub struct History<'a> {
    /// Labels of the line so far.
    pub line: &'a [usize],
    /// Folded form (its hash) → label type + 1 of its last tagging (0 for `O`).
    pub earlier: &'a HashedMap<usize>,
}

/// The hashed features of word `i` of `line`, into `out` (cleared first).
pub fn features(line: &[Word], i: usize, history: &History, out: &mut Vec<u64>) {
    out.clear();
    let w = &line[i];
    let at = |k: isize| -> Option<&Word> {
        let j = i as isize + k;
        (j >= 0).then(|| line.get(j as usize)).flatten()
    };
    let lower = |k: isize| at(k).map_or(if k < 0 { BOS } else { EOS }, |w| w.lower);
    let shape_at = |k: isize| at(k).map_or(if k < 0 { BOS } else { EOS }, |w| w.shape);
    let p1 = if i >= 1 { history.line[i - 1] } else { LABELS };
    let p2 = if i >= 2 { history.line[i - 2] } else { LABELS };
    let caps = usize::from(w.caps_line);
    let start = usize::from(w.sentence_start);
    let ev = usize::from(w.evidence);
    let earlier = history.earlier.get(&w.lower).copied().unwrap_or(9);
    let (l_1, l1) = (lower(-1), lower(1));
    let (s_1, s1) = (shape_at(-1), shape_at(1));

    out.push(Hasher::new(0).done());
    out.push(Hasher::new(1).part(w.lower).done());
    if !w.caps_line {
        out.push(Hasher::new(2).part(hash_str(w.text)).done());
    }
    out.push(Hasher::new(3).part(l_1).done());
    out.push(Hasher::new(4).part(l1).done());
    out.push(Hasher::new(5).part(lower(-2)).done());
    out.push(Hasher::new(6).part(lower(2)).done());
    out.push(Hasher::new(7).part(w.shape).num(caps).done());
    out.push(Hasher::new(8).part(s_1).part(w.shape).num(caps).done());
    out.push(Hasher::new(9).part(w.shape).part(s1).num(caps).done());
    out.push(
        Hasher::new(10)
            .part(s_1)
            .part(w.shape)
            .part(s1)
            .num(caps)
            .done(),
    );
    // Affixes of 1–4 (suffixes) and 1–3 (prefixes) characters of the folded form, folded on
    // the stack for a short ASCII word (most scored words are capitalised: folding them
    // would allocate).
    let mut buf = [0u8; 32];
    let folded;
    let lw: &str = match fold_ascii(w.text, &mut buf) {
        Some(lw) => lw,
        None => {
            folded = fold_cow(w.text);
            &folded
        }
    };
    let len = lw.chars().count();
    let mut ends = lw.char_indices().map(|(b, _)| b).skip(1);
    let mut starts = lw.char_indices().rev().map(|(b, _)| b);
    for n in 1..=4.min(len) {
        let from = starts.next().unwrap_or(0);
        out.push(Hasher::new(11).part(hash_str(&lw[from..])).done());
        if n <= 3 {
            let end = ends.next().unwrap_or(lw.len());
            out.push(Hasher::new(12).part(hash_str(&lw[..end])).done());
        }
    }
    out.push(Hasher::new(13).part(l_1).part(w.lower).done());
    out.push(Hasher::new(14).part(w.lower).part(l1).done());
    out.push(Hasher::new(15).num(start).part(w.shape).num(caps).done());
    out.push(Hasher::new(16).num(ev).part(w.shape).num(caps).done());
    out.push(Hasher::new(17).num(ev).num(start).num(caps).done());
    out.push(Hasher::new(18).num(p1).done());
    out.push(Hasher::new(19).num(p1).num(p2).done());
    out.push(Hasher::new(20).num(p1).part(w.lower).done());
    out.push(Hasher::new(21).num(p1).part(w.shape).num(caps).done());
    out.push(Hasher::new(22).num(earlier).done());
    out.push(Hasher::new(23).num(earlier).part(w.shape).done());
    out.push(Hasher::new(24).num(p1).part(l1).done());
    out.push(Hasher::new(25).num(len.min(12)).num(caps).done());
    out.push(Hasher::new(26).part(l_1).part(w.shape).done());
    out.push(Hasher::new(27).part(w.shape).part(l1).done());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions() {
        assert!(allowed(0, begin_label(2)));
        assert!(allowed(begin_label(2), inside_label(2)));
        assert!(!allowed(0, inside_label(2)));
        assert!(!allowed(begin_label(1), inside_label(2)));
        assert_eq!(label_type(inside_label(3)), Some(3));
    }
}
