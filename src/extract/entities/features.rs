//! What the sequence tagger sees of a token: hashed features (no feature string is stored, so
//! the model holds no text), built from the word, its neighbours, its shape, the labels
//! already given to its left, and what the rest of the document says about the same word.

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
    /// Lowercase, digits folded to `0`.
    pub lower: String,
    /// Collapsed shape: `Xx`, `X`, `X.X.`, `Xx-Xx`, `d-d-d`, `x`.
    pub shape: String,
    /// First of its sentence.
    pub sentence_start: bool,
    /// On a line written in capitals (a headline).
    pub caps_line: bool,
}

pub(crate) use crate::ingest::FnvMap;

/// One document ready for tagging: lines of words, and document-level evidence.
#[derive(Debug, Clone, Default)]
pub struct Doc<'a> {
    /// Lines of words (an entity never crosses a line).
    pub lines: Vec<Vec<Word<'a>>>,
    /// Lowercase form → evidence: bit 0 seen capitalised inside a sentence of ordinary
    /// case, bit 1 seen in lowercase there.
    evidence: FnvMap<String, u8>,
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
        let mut doc = Doc::default();
        for line in lines {
            let letters: Vec<&str> = line
                .iter()
                .map(|t| t.of(text))
                .filter(|w| w.chars().any(char::is_alphabetic))
                .collect();
            let upper = letters
                .iter()
                .filter(|w| !w.chars().any(char::is_lowercase))
                .count();
            let titled = letters
                .iter()
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                .count();
            let title_case = headline && letters.len() >= 3 && titled * 10 >= letters.len() * 7;
            let caps_line = letters.len() >= 2 && upper * 10 >= letters.len() * 7 || title_case;
            let words: Vec<Word> = line
                .iter()
                .map(|t| {
                    let w = t.of(text);
                    Word {
                        text: w,
                        lower: fold(w),
                        shape: if title_case {
                            shape(&w.to_uppercase())
                        } else {
                            shape(w)
                        },
                        sentence_start: t.sentence_start,
                        caps_line,
                    }
                })
                .collect();
            if !caps_line {
                for w in words.iter().filter(|w| !w.sentence_start) {
                    let first = w.text.chars().next();
                    let bit = match first {
                        Some(c) if c.is_uppercase() => 1,
                        Some(c) if c.is_lowercase() => 2,
                        _ => 0,
                    };
                    if bit != 0 {
                        match doc.evidence.get_mut(&w.lower) {
                            Some(e) => *e |= bit,
                            None => {
                                doc.evidence.insert(w.lower.clone(), bit);
                            }
                        }
                    }
                }
            }
            doc.lines.push(words);
        }
        doc
    }

    /// The document-level evidence about a lowercase form (see [`Doc`]).
    pub fn evidence(&self, lower: &str) -> u8 {
        self.evidence.get(lower).copied().unwrap_or(0)
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

/// The hashed features of word `i` of `line` in `doc`, into `out` (cleared first).
pub fn features(doc: &Doc, line: &[Word], i: usize, history: &History, out: &mut Vec<u64>) {
    out.clear();
    let w = &line[i];
    let at = |k: isize| -> Option<&Word> {
        let j = i as isize + k;
        (j >= 0).then(|| line.get(j as usize)).flatten()
    };
    let lower = |k: isize| at(k).map_or(if k < 0 { BOS } else { EOS }, |w| w.lower.as_str());
    let shape_at = |k: isize| at(k).map_or(if k < 0 { BOS } else { EOS }, |w| w.shape.as_str());
    let p1 = if i >= 1 { history.line[i - 1] } else { LABELS };
    let p2 = if i >= 2 { history.line[i - 2] } else { LABELS };
    let caps = usize::from(w.caps_line);
    let start = usize::from(w.sentence_start);
    let ev = usize::from(doc.evidence(&w.lower));
    let earlier = history.earlier.get(w.lower.as_str()).copied().unwrap_or(9);

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
    let bounds: Vec<usize> = w.lower.char_indices().map(|(b, _)| b).collect();
    let len = bounds.len();
    for n in 1..=4.min(len) {
        out.push(Hasher::new(11).part(&w.lower[bounds[len - n]..]).done());
        if n <= 3 {
            let end = bounds.get(n).copied().unwrap_or(w.lower.len());
            out.push(Hasher::new(12).part(&w.lower[..end]).done());
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
