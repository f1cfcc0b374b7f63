//! Training the tagger: an averaged perceptron, updated on its own greedy decisions (so it
//! learns from the label history it will really see), documents visited in a fixed
//! pseudo-random order per epoch: the same data always gives the same model.

use super::features::{Doc, LABELS, begin_label, inside_label};
use super::model::{Model, best, decode};
use super::tokenize::tokenize;

/// A training document: text and its entities as byte spans with a type
/// (0 person, 1 organisation, 2 place, 3 other).
#[derive(Debug, Clone)]
pub struct TrainDoc {
    /// The text.
    pub text: String,
    /// `(start, end, type)`, byte offsets into `text`.
    pub spans: Vec<(usize, usize, usize)>,
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// Hash buckets: `2^bits`.
    pub bits: u32,
    /// Passes over the data.
    pub epochs: usize,
    /// Seed of the document order.
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            bits: 18,
            epochs: 20,
            seed: 17,
        }
    }
}

struct Prepared<'a> {
    doc: Doc<'a>,
    gold: Vec<usize>,
}

fn prepare(d: &TrainDoc) -> Prepared<'_> {
    let lines = tokenize(&d.text);
    let mut gold = Vec::new();
    for line in &lines {
        for t in line {
            let label = d
                .spans
                .iter()
                .find(|&&(s, e, _)| t.start >= s && t.end <= e)
                .map_or(0, |&(s, _, ty)| {
                    if t.start == s {
                        begin_label(ty)
                    } else {
                        inside_label(ty)
                    }
                });
            gold.push(label);
        }
    }
    Prepared {
        doc: Doc::new(&d.text, &lines),
        gold,
    }
}

/// Trains a model on `docs`; `progress(epoch, errors, tokens)` is called after each epoch.
pub fn train(
    docs: &[TrainDoc],
    opts: &TrainOptions,
    mut progress: impl FnMut(usize, usize, usize),
) -> Model {
    let prepared: Vec<Prepared> = docs.iter().map(prepare).collect();
    let n = (1usize << opts.bits) * LABELS;
    let mask = (1u64 << opts.bits) - 1;
    let mut w = vec![0f32; n];
    // Averaging: `u` accumulates step × update, the average is `w - u / steps`.
    let mut u = vec![0f32; n];
    let mut step = 1f32;
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut state = opts.seed.max(1);
    for epoch in 0..opts.epochs {
        for i in (1..order.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            order.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let (mut errors, mut tokens) = (0, 0);
        for &d in &order {
            let p = &prepared[d];
            let mut k = 0;
            decode(&p.doc, false, |feats, prev| {
                let mut scores = [0f32; LABELS];
                for f in feats {
                    let row = (f & mask) as usize * LABELS;
                    for (s, x) in scores.iter_mut().zip(&w[row..row + LABELS]) {
                        *s += x;
                    }
                }
                let guess = best(&scores, prev);
                let truth = p.gold[k];
                k += 1;
                tokens += 1;
                if guess != truth {
                    errors += 1;
                    for f in feats {
                        let row = (f & mask) as usize * LABELS;
                        w[row + truth] += 1.0;
                        u[row + truth] += step;
                        w[row + guess] -= 1.0;
                        u[row + guess] -= step;
                    }
                }
                step += 1.0;
                guess
            });
        }
        progress(epoch + 1, errors, tokens);
    }
    let averaged: Vec<f32> = w.iter().zip(&u).map(|(w, u)| w - u / step).collect();
    Model::quantise(opts.bits, &averaged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::entities::features::label_type;

    #[test]
    fn learns_a_tiny_pattern_deterministically() {
        let text = "Yesterday Marta Lind visited Oslo .\nMarta Lind left Oslo today .".to_string();
        let spans = |t: &str| {
            let mut s = Vec::new();
            for (name, ty) in [("Marta Lind", 0), ("Oslo", 2)] {
                for (at, _) in t.match_indices(name) {
                    s.push((at, at + name.len(), ty));
                }
            }
            s
        };
        let docs = vec![TrainDoc {
            spans: spans(&text),
            text: text.clone(),
        }];
        let opts = TrainOptions {
            bits: 12,
            epochs: 5,
            seed: 1,
        };
        let a = train(&docs, &opts, |_, _, _| {});
        let b = train(&docs, &opts, |_, _, _| {});
        assert_eq!(a.to_bytes(), b.to_bytes());
        let p = prepare(&docs[0]);
        let tagged: Vec<usize> = a.tag(&p.doc).concat();
        let types: Vec<Option<usize>> = tagged.iter().map(|&l| label_type(l)).collect();
        assert_eq!(types[1], Some(0));
        assert_eq!(types[4], Some(2));
    }
}
