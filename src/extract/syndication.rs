//! Near-duplicate signatures: a 64-bit SimHash over word shingles of an article's body.
//!
//! Two copies of one wire story — republished with a new headline, a sentence added or cut,
//! and each outlet's own boilerplate — share most of their word 3-shingles, so their SimHashes
//! differ in few bits; unrelated articles differ in about half of them (32 ± 4). Copies whose
//! signatures differ in at most [`MAX_DISTANCE`] bits and which were published at most
//! [`MAX_GAP_SECS`] apart belong to one syndication cluster (joined transitively; the index
//! assigns clusters at the end of each indexing run).
//!
//! Bodies shorter than [`MIN_WORDS`] words get no signature: with so few shingles, unrelated
//! short items (market tables, briefs) would collide by chance.

use std::hash::Hasher;

use crate::extract::text::word_runs;
use crate::ingest::Fnv1a;

/// Largest Hamming distance between the SimHashes of two copies of one story.
///
/// Measured on the sample corpus: the three copies of the syndicated Meridian Wire story
/// (one with a quote paragraph cut, two with a sentence added and their own appeals) are
/// 5, 7 and 10 bits apart, and unrelated articles at least 17. On Reuters-21578 (17,268
/// bodies of 40 words or more, 149 million pairs) 478 pairs are within 7 bits — repeats and
/// corrections of one report, and templated daily or weekly reports whose text barely
/// changes — and 0.0005% of pairs (760) are within 12.
pub const MAX_DISTANCE: u32 = 7;

/// Largest gap between the publication times of two copies (3 days): a syndicated story
/// runs within days of the original, while a templated report ("grain carloadings fall in
/// week") repeats with nearly the same words a week later and is another story. Undated
/// articles are compared with all.
pub const MAX_GAP_SECS: i64 = 3 * 86_400;

/// Shortest body (in words) that gets a signature.
pub const MIN_WORDS: usize = 40;

/// Words per shingle.
const SHINGLE: usize = 3;

/// The SimHash of a body, `None` when it is shorter than [`MIN_WORDS`] words.
///
/// Words are lowercased runs of letters and digits; each run of three consecutive words is
/// hashed (FNV-1a, then a SplitMix64 finaliser) and votes on every bit.
///
/// # Example
/// ```
/// use newsdex::extract::syndication::{distance, simhash};
/// let story = "Russian strikes on energy infrastructure left large parts of the capital without \
///     power on Saturday, the city's mayor said, as engineers worked to restore supplies to \
///     hospitals and water pumping stations. Officials urged residents to limit their use of \
///     electricity in the evening hours, when demand peaks across the region.";
/// let story = story.repeat(3);
/// let copy = format!("{story} Updated.");
/// let a = simhash(&story).unwrap();
/// assert!(distance(a, simhash(&copy).unwrap()) <= 7);
/// assert!(simhash("Too short to judge.").is_none());
/// ```
pub fn simhash(body: &str) -> Option<u64> {
    // The lowercased words go into one buffer (spans into it), not a String each: this runs
    // for every article indexed.
    let mut text: Vec<u8> = Vec::with_capacity(body.len());
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(body.len() / 4);
    for w in word_runs(body) {
        let start = text.len();
        if w.is_ascii() {
            text.extend(w.bytes().map(|b| b.to_ascii_lowercase()));
        } else if w.contains('Σ') {
            // str::to_lowercase knows the word-final sigma; char by char does not.
            text.extend_from_slice(w.to_lowercase().as_bytes());
        } else {
            let mut buf = [0u8; 4];
            for c in w.chars().flat_map(char::to_lowercase) {
                text.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
        spans.push((start, text.len()));
    }
    if spans.len() < MIN_WORDS {
        return None;
    }
    // A bit's vote (+1 per shingle with it set, -1 per shingle without) is positive when
    // more than half the shingles set it: counting the ones is the same test, and
    // vectorises.
    let mut ones = [0u32; 64];
    let mut shingles = 0u32;
    for shingle in spans.windows(SHINGLE) {
        let mut h = Fnv1a::default();
        for &(a, b) in shingle {
            h.write(&text[a..b]);
            h.write_u8(b' ');
        }
        let h = mix(h.finish());
        for (bit, one) in ones.iter_mut().enumerate() {
            *one += (h >> bit & 1) as u32;
        }
        shingles += 1;
    }
    let sig = ones
        .iter()
        .enumerate()
        .filter(|(_, n)| **n * 2 > shingles)
        .fold(0u64, |acc, (bit, _)| acc | 1 << bit);
    Some(sig)
}

/// SplitMix64's finaliser: spreads FNV's weak low bits over the whole word.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Bits in which two signatures differ.
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(seed: u64, words: usize) -> String {
        // Deterministic pseudo-words, so unrelated texts share few shingles.
        let mut x = seed;
        (0..words)
            .map(|_| {
                x = mix(x.wrapping_add(0x9e37_79b9_7f4a_7c15));
                format!("w{}", x % 5000)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn unrelated_texts_are_far_apart() {
        for seed in 0..20 {
            let a = simhash(&text(seed, 300)).unwrap();
            let b = simhash(&text(seed + 100, 300)).unwrap();
            assert!(distance(a, b) > MAX_DISTANCE + 4, "{}", distance(a, b));
        }
    }

    #[test]
    fn small_edits_stay_close() {
        let base = text(7, 300);
        let edited =
            format!("Opening line added by the outlet. {base} Sign up for our newsletter.");
        let a = simhash(&base).unwrap();
        assert!(distance(a, simhash(&edited).unwrap()) <= MAX_DISTANCE);
        assert_eq!(simhash(&base.to_uppercase()), Some(a));
    }

    /// The signature as first written (a String per word): stored signatures must not change.
    fn simhash_reference(body: &str) -> Option<u64> {
        let words: Vec<String> = body
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if words.len() < MIN_WORDS {
            return None;
        }
        let mut votes = [0i32; 64];
        for shingle in words.windows(SHINGLE) {
            let mut h = Fnv1a::default();
            for w in shingle {
                h.write(w.as_bytes());
                h.write_u8(b' ');
            }
            let h = mix(h.finish());
            for (bit, vote) in votes.iter_mut().enumerate() {
                *vote += if h >> bit & 1 == 1 { 1 } else { -1 };
            }
        }
        Some(
            votes
                .iter()
                .enumerate()
                .filter(|(_, v)| **v > 0)
                .fold(0, |acc, (bit, _)| acc | 1 << bit),
        )
    }

    #[test]
    fn signature_is_unchanged_by_the_buffer() {
        let mixed = format!(
            "{} ΟΔΥΣΣΕΥΣ ΚΑΙ ΠΗΝΕΛΟΠΗ Straße İstanbul Дроны АТАКОВАЛИ Київ 2024 ǅemal",
            text(3, 60)
        );
        for body in [
            mixed.as_str(),
            &text(9, 200),
            "ΣΊΣΥΦΟΣ ΟΔΟΣ ΝΟΣΟΣ ".repeat(20).as_str(),
        ] {
            assert_eq!(simhash(body), simhash_reference(body));
        }
    }
}
