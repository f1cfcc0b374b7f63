//! The sequence tagger: an averaged perceptron over hashed features, decoded greedily left to
//! right per line (BIO labels, invalid transitions excluded). Weights are quantised to 16
//! bits and shipped inside the crate ([`Model::english`]); [`super::train`] builds them.

use std::sync::OnceLock;

use super::features::{Doc, HashedMap, History, LABELS, Word, allowed, features, label_type};
use crate::{Error, Result};

const MAGIC: &[u8; 8] = b"NDXNER01";

/// A trained tagger.
#[derive(Debug, Clone)]
pub struct Model {
    bits: u32,
    weights: Vec<i16>,
}

/// The English model (CoNLL-2003 training set; see the README for provenance).
static ENGLISH: &[u8] = include_bytes!("data/ner-en.bin");

impl Model {
    /// The English model shipped with newsdex, decoded once.
    pub fn english() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| {
            // The bytes are part of the crate and checked by a test: a failure here is a
            // broken build, not bad input.
            Model::from_bytes(ENGLISH).expect("the shipped English model is well-formed")
        })
    }

    /// A model from float weights (`2^bits` buckets × the tagger's nine labels), quantised.
    pub fn quantise(bits: u32, weights: &[f32]) -> Model {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-9);
        let scale = f32::from(i16::MAX) / max;
        Model {
            bits,
            weights: weights.iter().map(|w| (w * scale).round() as i16).collect(),
        }
    }

    /// Reads a model written by [`Model::to_bytes`].
    ///
    /// # Errors
    /// [`Error::Input`] when the bytes are not a model.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model> {
        let bad = |why: &str| Error::input("entity model", why);
        if bytes.len() < 10 || &bytes[..8] != MAGIC {
            return Err(bad("not a newsdex entity model"));
        }
        let bits = u32::from(bytes[8]);
        if usize::from(bytes[9]) != LABELS || !(8..=24).contains(&bits) {
            return Err(bad("unsupported model layout"));
        }
        let n = (1usize << bits) * LABELS;
        let body = &bytes[10..];
        if body.len() != n * 2 {
            return Err(bad("truncated model"));
        }
        let weights = body
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        Ok(Model { bits, weights })
    }

    /// The model as bytes: a header, then the weights as little-endian `i16`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(10 + self.weights.len() * 2);
        out.extend_from_slice(MAGIC);
        out.push(self.bits as u8);
        out.push(LABELS as u8);
        for w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    fn score(&self, feats: &[u64], scores: &mut [i32; LABELS]) {
        *scores = [0; LABELS];
        let mask = (1u64 << self.bits) - 1;
        // The rows are scattered over megabytes: touching them all first lets the memory
        // loads run side by side instead of one after another in the summing loop.
        let mut touch = 0i16;
        for f in feats {
            touch ^= self.weights[(f & mask) as usize * LABELS];
        }
        std::hint::black_box(touch);
        for f in feats {
            let row = (f & mask) as usize * LABELS;
            for (s, w) in scores.iter_mut().zip(&self.weights[row..row + LABELS]) {
                *s += i32::from(*w);
            }
        }
    }

    /// Labels for every word of `doc`, line by line.
    pub fn tag(&self, doc: &Doc) -> Vec<Vec<usize>> {
        let mut scores = [0i32; LABELS];
        decode(doc, true, |feats, prev| {
            self.score(feats, &mut scores);
            best(&scores, prev)
        })
    }
}

/// The best allowed label after `prev`.
pub(crate) fn best<T: PartialOrd + Copy>(scores: &[T; LABELS], prev: usize) -> usize {
    let mut best = 0;
    for l in 1..LABELS {
        if allowed(prev, l) && scores[l] > scores[best] {
            best = l;
        }
    }
    best
}

/// Greedy decoding: `choose(features, previous label)` picks each word's label in turn.
/// With `shortcut`, a word that cannot begin a name is `O` without being scored when it
/// follows an `O`: a lowercase word outside a headline (names start with a capital), and a
/// token without a letter (punctuation, numbers: on CoNLL dev the model began a name there
/// twice, both wrong). Scoring every word would cost about three times as much for next to
/// no name; a word inside a name is always scored ("Fed Cup 1997", "St. Louis").
pub(crate) fn decode(
    doc: &Doc,
    shortcut: bool,
    mut choose: impl FnMut(&[u64], usize) -> usize,
) -> Vec<Vec<usize>> {
    // Sized for every word at once: growing it rehashed every form seen so far.
    let words = doc.lines.iter().map(Vec::len).sum();
    let mut earlier: HashedMap<usize> =
        HashedMap::with_capacity_and_hasher(words, Default::default());
    let mut feats = Vec::with_capacity(64);
    let mut out = Vec::with_capacity(doc.lines.len());
    for line in &doc.lines {
        let mut labels: Vec<usize> = Vec::with_capacity(line.len());
        for i in 0..line.len() {
            let history = History {
                line: &labels,
                earlier: &earlier,
            };
            let prev = labels.last().copied().unwrap_or(0);
            let w = &line[i];
            if shortcut && prev == 0 && cannot_begin(w) {
                labels.push(0);
                continue;
            }
            features(line, i, &history, &mut feats);
            let label = choose(&feats, prev);
            labels.push(label);
        }
        for (w, &l) in line.iter().zip(&labels) {
            if w.text.chars().next().is_some_and(char::is_alphabetic) {
                earlier.insert(w.lower, label_type(l).map_or(0, |t| t + 1));
            }
        }
        out.push(labels);
    }
    out
}

/// Whether decoding with the shortcut skips `w` after an `O` (see [`decode`]).
fn cannot_begin(w: &Word) -> bool {
    let mut chars = w.text.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => !w.caps_line,
        Some(c) if c.is_alphabetic() => false,
        _ => !chars.any(char::is_alphabetic),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_model_loads_and_round_trips() {
        let m = Model::english();
        let again = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(again.weights.len(), m.weights.len());
        assert!(Model::from_bytes(b"nonsense").is_err());
    }

    #[test]
    fn the_shortcut_skips_only_words_that_cannot_begin_a_name() {
        let text = "In 1996 , 3M and Kofi Annan met in St. Louis ( 42 % ) .";
        let lines = super::super::tokenize::tokenize(text);
        let doc = Doc::new(text, &lines);
        let skipped: Vec<&str> = doc.lines[0]
            .iter()
            .filter(|w| cannot_begin(w))
            .map(|w| w.text)
            .collect();
        assert_eq!(
            skipped,
            [
                "1996", ",", "and", "met", "in", ".", "(", "42", "%", ")", "."
            ]
        );
        // Names after numbers and punctuation are still found.
        let found = super::super::Span::texts(text, &super::super::tag(Model::english(), text));
        assert!(found.contains(&"Kofi Annan"), "{found:?}");
        // After a name's first word every word is scored, punctuation too ("St. Louis"): a
        // chooser that begins a name on every scored word after an `O` and continues it
        // otherwise sees "St", "." and "Louis", not "met" and "in".
        let words = ["met", "in", "St", ".", "Louis"];
        let doc = Doc::new(
            "met in St. Louis",
            &super::super::tokenize::tokenize("met in St. Louis"),
        );
        let labels = decode(&doc, true, |_, prev| if prev == 0 { 3 } else { 4 });
        assert_eq!(
            doc.lines[0].iter().map(|w| w.text).collect::<Vec<_>>(),
            words
        );
        assert_eq!(labels[0], [0, 0, 3, 4, 4]);
    }
}
