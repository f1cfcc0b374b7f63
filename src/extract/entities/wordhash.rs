//! What the tagger's features are made of: a word's folded form (lowercase, digits as `0`)
//! and its collapsed shape (`Xx`, `X.X.`, `d-d-d`), each kept as a 64-bit hash computed as
//! the string would be hashed, without building the string for ASCII words. Features combine
//! these hashes, so a scored word hashes no string but its own affixes.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::ingest::Fnv1a;

/// A `HashMap` keyed by a hash already computed (a word's `Word::lower`).
pub(crate) type HashedMap<V> = HashMap<u64, V, BuildHasherDefault<Prehashed>>;

/// The hasher of [`HashedMap`]: the key is already a well-mixed hash.
#[derive(Default)]
pub(crate) struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Keys are `u64`s (`write_u64`); anything else is hashed with FNV-1a.
        let mut h = Fnv1a::default();
        h.write(bytes);
        self.0 ^= h.finish();
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// FNV-1a over the bytes of the characters fed to it: a word's folded form or shape is
/// hashed as it is computed, without building the string.
#[derive(Clone, Copy)]
pub(super) struct Stream(Fnv1a);

impl Stream {
    pub(super) fn new() -> Stream {
        Stream(Fnv1a::default())
    }
    fn byte(&mut self, b: u8) {
        self.0.write_u8(b);
    }
    fn char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.0.write(c.encode_utf8(&mut buf).as_bytes());
    }
    fn str(mut self, s: &str) -> u64 {
        self.0.write(s.as_bytes());
        self.0.finish()
    }
    /// The hash of what was fed.
    pub(super) fn finish(&self) -> u64 {
        self.0.finish()
    }
}

/// The hash of `s` as `Word::lower` and `Word::shape` hash their strings.
pub(super) fn hash_str(s: &str) -> u64 {
    Stream::new().str(s)
}

/// Hash of [`fold`]`(word)`, without allocating for ASCII words.
pub(super) fn fold_hash(word: &str) -> u64 {
    if !word.is_ascii() {
        return hash_str(&fold(word));
    }
    let mut h = Stream::new();
    for &b in word.as_bytes() {
        h.byte(if b.is_ascii_digit() {
            b'0'
        } else {
            b.to_ascii_lowercase()
        });
    }
    h.finish()
}

/// Shape classes: `X` upper, `x` lower, `d` digit; any other character stands for itself.
fn class_of(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        c
    }
}

/// Feeds the collapsed shape of `chars` to `h`: runs of `X`, `x` or `d` count once.
pub(super) fn shape_into(chars: impl Iterator<Item = char>, h: &mut Stream) {
    let mut last = None;
    for c in chars {
        let class = class_of(c);
        if Some(class) != last || !matches!(class, 'X' | 'x' | 'd') {
            h.char(class);
        }
        last = Some(class);
    }
}

/// Hash of [`shape`]`(word)`.
pub(super) fn shape_hash(word: &str) -> u64 {
    let mut h = Stream::new();
    if word.is_ascii() {
        // The same classes, a byte at a time.
        let mut last = 0u8;
        for &b in word.as_bytes() {
            let class = if b.is_ascii_uppercase() {
                b'X'
            } else if b.is_ascii_lowercase() {
                b'x'
            } else if b.is_ascii_digit() {
                b'd'
            } else {
                b
            };
            if class != last || !matches!(class, b'X' | b'x' | b'd') {
                h.byte(class);
            }
            last = class;
        }
    } else {
        shape_into(word.chars(), &mut h);
    }
    h.finish()
}

#[cfg(test)]
fn shape(word: &str) -> String {
    let mut out = String::with_capacity(8);
    let mut last = None;
    for c in word.chars() {
        let class = class_of(c);
        if Some(class) != last || !matches!(class, 'X' | 'x' | 'd') {
            out.push(class);
        }
        last = Some(class);
    }
    out
}

/// [`fold`] of an ASCII `word` that fits in `buf`, written there; `None` otherwise.
pub(super) fn fold_ascii<'b>(word: &str, buf: &'b mut [u8]) -> Option<&'b str> {
    if !word.is_ascii() || word.len() > buf.len() {
        return None;
    }
    let out = &mut buf[..word.len()];
    for (o, &b) in out.iter_mut().zip(word.as_bytes()) {
        *o = if b.is_ascii_digit() {
            b'0'
        } else {
            b.to_ascii_lowercase()
        };
    }
    std::str::from_utf8(out).ok()
}

/// [`fold`], borrowing `word` when it has no capital and no digit.
pub(super) fn fold_cow(word: &str) -> Cow<'_, str> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_folds() {
        assert_eq!(shape("Amir-Abdollahian"), "Xx-Xx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("BRUSSELS"), "X");
        assert_eq!(shape("1996-08-22"), "d-d-d");
        assert_eq!(fold("Kyiv1996"), "kyiv0000");
        // The hashes stand for these strings, computed without building them.
        for w in [
            "Amir-Abdollahian",
            "U.S.",
            "BRUSSELS",
            "1996-08-22",
            "Київ-2",
            "ǅemal",
        ] {
            assert_eq!(shape_hash(w), hash_str(&shape(w)), "{w}");
            assert_eq!(fold_hash(w), hash_str(&fold(w)), "{w}");
            let mut buf = [0u8; 32];
            if let Some(f) = fold_ascii(w, &mut buf) {
                assert_eq!(f, fold(w));
            }
        }
        assert_eq!(fold_ascii("Київ", &mut [0u8; 32]), None);
        assert_eq!(fold_ascii("Abdollahian", &mut [0u8; 4]), None);
        let mut h = Stream::new();
        shape_into("Iran".chars().flat_map(char::to_uppercase), &mut h);
        assert_eq!(h.finish(), hash_str("X"));
    }
}
