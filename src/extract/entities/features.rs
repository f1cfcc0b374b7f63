//! What the sequence tagger sees of a token: hashed features (no feature string is stored, so
//! the model holds no text), built from the word, its neighbours, its shape, the labels
//! already given to its left, and what the rest of the document says about the same word.

use std::borrow::Cow;
use std::hash::Hasher as _;

use super::tokenize::Token;
use crate::ingest::Fnv1a;

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
    /// Lowercase, digits folded to `0` (borrowed from the text when that changes nothing, as
    /// for most words: tagging allocates per name, not per word).
    pub lower: Cow<'a, str>,
    /// Collapsed shape: `Xx`, `X`, `X.X.`, `Xx-Xx`, `d-d-d`, `x`.
    pub shape: Cow<'a, str>,
    /// What the rest of the document says about this lowercase form: bit 0 seen capitalised
    /// inside a sentence of ordinary case, bit 1 seen in lowercase there.
    pub evidence: u8,
    /// First of its sentence.
    pub sentence_start: bool,
    /// On a line written in capitals (a headline).
    pub caps_line: bool,
}

pub(crate) use crate::ingest::FnvMap;

/// One document ready for tagging: lines of words with their document-level evidence.
#[derive(Debug, Clone, Default)]
pub struct Doc<'a> {
    /// Lines of words (an entity never crosses a line).
    pub lines: Vec<Vec<Word<'a>>>,
}

/// [`shape_of`] without allocating for the common shapes (`x`, `Xx`, `X`, `d`, a single
/// punctuation mark).
fn shape_cow(word: &str) -> Cow<'_, str> {
    let b = word.as_bytes();
    if b.len() == 1 && !b[0].is_ascii_alphanumeric() && b[0].is_ascii() {
        return Cow::Borrowed(word);
    }
    if !b.is_empty() && b.iter().all(u8::is_ascii_alphanumeric) {
        let rest = &b[1..];
        if b.iter().all(u8::is_ascii_lowercase) {
            return Cow::Borrowed("x");
        }
        if b.iter().all(u8::is_ascii_uppercase) {
            return Cow::Borrowed("X");
        }
        if b.iter().all(u8::is_ascii_digit) {
            return Cow::Borrowed("d");
        }
        if b[0].is_ascii_uppercase() && rest.iter().all(u8::is_ascii_lowercase) {
            return Cow::Borrowed("Xx");
        }
    }
    Cow::Owned(shape(word))
}

fn shape(word: &str) -> String {
    let mut out = String::with_capacity(8);
    let mut last = None;
    for c in word.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if Some(class) != last || !matches!(class, 'X' | 'x' | 'd') {
            out.push(class);
        }
        last = Some(class);
    }
    out
}

/// [`fold`], borrowing `word` when it has no capital and no digit.
fn fold_cow(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase() && !b.is_ascii_digit())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(fold(word))
    }
}

fn fold(word: &str) -> String {
    let lower = word.to_lowercase();
    if !lower.bytes().any(|b| b.is_ascii_digit()) {
        return lower;
    }
    lower
        .chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
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
        for line in lines {
            let (mut letters, mut upper, mut titled) = (0usize, 0usize, 0usize);
            for t in line {
                let w = t.of(text);
                if w.chars().any(char::is_alphabetic) {
                    letters += 1;
                    upper += usize::from(!w.chars().any(char::is_lowercase));
                    titled += usize::from(w.chars().next().is_some_and(char::is_uppercase));
                }
            }
            let title_case = headline && letters >= 3 && titled * 10 >= letters * 7;
            let caps_line = letters >= 2 && upper * 10 >= letters * 7 || title_case;
            let words: Vec<Word> = line
                .iter()
                .map(|t| {
                    let w = t.of(text);
                    Word {
                        text: w,
                        lower: fold_cow(w),
                        shape: if title_case {
                            Cow::Owned(shape(&w.to_uppercase()))
                        } else {
                            shape_cow(w)
                        },
                        evidence: 0,
                        sentence_start: t.sentence_start,
                        caps_line,
                    }
                })
                .collect();
            doc.lines.push(words);
        }
        // Evidence per lowercase form, then copied to each word (the map borrows the words).
        let words = doc.lines.iter().map(Vec::len).sum();
        let mut evidence: FnvMap<&str, u8> =
            FnvMap::with_capacity_and_hasher(words, Default::default());
        for w in doc.lines.iter().flatten() {
            if w.caps_line || w.sentence_start {
                continue;
            }
            let bit = match w.text.chars().next() {
                Some(c) if c.is_uppercase() => 1,
                Some(c) if c.is_lowercase() => 2,
                _ => 0,
            };
            if bit != 0 {
                *evidence.entry(w.lower.as_ref()).or_insert(0) |= bit;
            }
        }
        let found: Vec<u8> = doc
            .lines
            .iter()
            .flatten()
            .map(|w| evidence.get(w.lower.as_ref()).copied().unwrap_or(0))
            .collect();
        for (w, e) in doc.lines.iter_mut().flatten().zip(found) {
            w.evidence = e;
        }
        doc
    }
}

/// FNV-1a over a template number and its parts.
struct Hasher(Fnv1a);

impl Hasher {
    fn new(template: u8) -> Hasher {
        let mut h = Hasher(Fnv1a::default());
        h.byte(template);
        h
    }
    fn byte(&mut self, b: u8) {
        self.0.write_u8(b);
    }
    fn part(mut self, s: &str) -> Hasher {
        self.0.write(s.as_bytes());
        self.byte(0xff);
        self
    }
    fn num(mut self, n: usize) -> Hasher {
        self.byte(n as u8);
        self
    }
    fn done(self) -> u64 {
        self.0.finish()
    }
}

const BOS: &str = "<s>";
const EOS: &str = "</s>";

/// The labels already given in the document: to the left in this line, and the last type
/// each lowercase form was tagged with earlier in the document.
pub struct History<'a> {
    /// Labels of the line so far.
    pub line: &'a [usize],
    /// Lowercase form → label type + 1 of its last tagging (0 for `O`).
    pub earlier: &'a FnvMap<&'a str, usize>,
}

/// The hashed features of word `i` of `line`, into `out` (cleared first).
pub fn features(line: &[Word], i: usize, history: &History, out: &mut Vec<u64>) {
    out.clear();
    let w = &line[i];
    let at = |k: isize| -> Option<&Word> {
        let j = i as isize + k;
        (j >= 0).then(|| line.get(j as usize)).flatten()
    };
    let lower = |k: isize| at(k).map_or(if k < 0 { BOS } else { EOS }, |w| w.lower.as_ref());
    let shape_at = |k: isize| at(k).map_or(if k < 0 { BOS } else { EOS }, |w| w.shape.as_ref());
    let p1 = if i >= 1 { history.line[i - 1] } else { LABELS };
    let p2 = if i >= 2 { history.line[i - 2] } else { LABELS };
    let caps = usize::from(w.caps_line);
    let start = usize::from(w.sentence_start);
    let ev = usize::from(w.evidence);
    let earlier = history.earlier.get(w.lower.as_ref()).copied().unwrap_or(9);

    out.push(Hasher::new(0).done());
    out.push(Hasher::new(1).part(&w.lower).done());
    if !w.caps_line {
        out.push(Hasher::new(2).part(w.text).done());
    }
    out.push(Hasher::new(3).part(lower(-1)).done());
    out.push(Hasher::new(4).part(lower(1)).done());
    out.push(Hasher::new(5).part(lower(-2)).done());
    out.push(Hasher::new(6).part(lower(2)).done());
    out.push(Hasher::new(7).part(&w.shape).num(caps).done());
    out.push(
        Hasher::new(8)
            .part(shape_at(-1))
            .part(&w.shape)
            .num(caps)
            .done(),
    );
    out.push(
        Hasher::new(9)
            .part(&w.shape)
            .part(shape_at(1))
            .num(caps)
            .done(),
    );
    out.push(
        Hasher::new(10)
            .part(shape_at(-1))
            .part(&w.shape)
            .part(shape_at(1))
            .num(caps)
            .done(),
    );
    // Affixes of 1–4 (suffixes) and 1–3 (prefixes) characters, as slices of the word.
    let lw: &str = &w.lower;
    let len = lw.chars().count();
    let mut ends = lw.char_indices().map(|(b, _)| b).skip(1);
    let mut starts = lw.char_indices().rev().map(|(b, _)| b);
    for n in 1..=4.min(len) {
        let from = starts.next().unwrap_or(0);
        out.push(Hasher::new(11).part(&lw[from..]).done());
        if n <= 3 {
            let end = ends.next().unwrap_or(lw.len());
            out.push(Hasher::new(12).part(&lw[..end]).done());
        }
    }
    out.push(Hasher::new(13).part(lower(-1)).part(&w.lower).done());
    out.push(Hasher::new(14).part(&w.lower).part(lower(1)).done());
    out.push(Hasher::new(15).num(start).part(&w.shape).num(caps).done());
    out.push(Hasher::new(16).num(ev).part(&w.shape).num(caps).done());
    out.push(Hasher::new(17).num(ev).num(start).num(caps).done());
    out.push(Hasher::new(18).num(p1).done());
    out.push(Hasher::new(19).num(p1).num(p2).done());
    out.push(Hasher::new(20).num(p1).part(&w.lower).done());
    out.push(Hasher::new(21).num(p1).part(&w.shape).num(caps).done());
    out.push(Hasher::new(22).num(earlier).done());
    out.push(Hasher::new(23).num(earlier).part(&w.shape).done());
    out.push(Hasher::new(24).num(p1).part(lower(1)).done());
    out.push(Hasher::new(25).num(len.min(12)).num(caps).done());
    out.push(Hasher::new(26).part(lower(-1)).part(&w.shape).done());
    out.push(Hasher::new(27).part(&w.shape).part(lower(1)).done());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("Amir-Abdollahian"), "Xx-Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("BRUSSELS"), "X");
        assert_eq!(shape("1996-08-22"), "d-d-d");
        assert_eq!(fold("Kyiv1996"), "kyiv0000");
    }

    #[test]
    fn transitions() {
        assert!(allowed(0, begin_label(2)));
        assert!(allowed(begin_label(2), inside_label(2)));
        assert!(!allowed(0, inside_label(2)));
        assert!(!allowed(begin_label(1), inside_label(2)));
        assert_eq!(label_type(inside_label(3)), Some(3));
    }
}
