//! Corpus-level boilerplate: paragraphs that repeat across many articles of one outlet
//! (a standing footer, a subscription pitch the rules do not know, a "most read" box that
//! leaked into the text).
//!
//! Each paragraph (line) of three or more words is reduced to a 64-bit hash of its
//! normalised text (lowercase, single spaces, digits as 0, so "© 2022" and "© 2023" agree).
//! A paragraph is boilerplate for an outlet when it occurs in at least
//! [`RepeatedParagraphs::MIN_ARTICLES`] of its articles and in at least 1% of them.
//! The index keeps every article's paragraph hashes in a column, so the counts cover the
//! whole corpus, persist across runs, and cleaning needs no re-reading of source files.

use std::collections::HashMap;
use std::hash::Hasher;

use super::Cut;
use crate::ingest::Fnv1a;

/// The hash of each countable paragraph of a body, in order (with repeats).
pub fn paragraph_hashes(body: &str) -> impl Iterator<Item = u64> + '_ {
    body.lines().filter_map(paragraph_hash)
}

/// The hash of one paragraph, `None` when it is too short to count (under three words).
pub fn paragraph_hash(line: &str) -> Option<u64> {
    // One pass over the characters, hashing byte by byte (FNV-1a hashes bytes one at a time,
    // so this is the hash of the words lowercased and joined with single spaces).
    let mut words = 0;
    let mut in_word = false;
    let mut h = Fnv1a::default();
    for c in line.chars() {
        if c.is_whitespace() {
            in_word = false;
            continue;
        }
        if !in_word {
            if words > 0 {
                h.write_u8(b' ');
            }
            words += 1;
            in_word = true;
        }
        if c.is_ascii() {
            let b = c as u8;
            h.write_u8(if b.is_ascii_digit() {
                b'0'
            } else {
                b.to_ascii_lowercase()
            });
        } else {
            let mut buf = [0u8; 4];
            for lc in c.to_lowercase() {
                h.write(lc.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    (words >= 3).then(|| h.finish())
}

/// Counts of paragraphs per outlet, and the verdict on which are boilerplate.
///
/// Outlets are numbered, so a count costs its 12-byte key and no string: an index of 200,000
/// articles counts some two million paragraphs at the end of every run.
#[derive(Debug, Default, Clone)]
pub struct RepeatedParagraphs {
    /// Lowercased outlet → its number.
    outlets: HashMap<String, u32>,
    /// Articles counted per outlet number.
    articles: Vec<u32>,
    counts: HashMap<(u32, u64), u32>,
}

impl RepeatedParagraphs {
    /// Fewest articles of one outlet a paragraph must occur in to count as boilerplate.
    pub const MIN_ARTICLES: u32 = 5;

    /// An empty count.
    pub fn new() -> Self {
        Self::default()
    }

    fn outlet_id(&self, outlet: &str) -> Option<u32> {
        match self.outlets.get(outlet) {
            Some(id) => Some(*id),
            None => self.outlets.get(&outlet.to_lowercase()).copied(),
        }
    }

    /// Counts the paragraphs of one article (each distinct paragraph once). Articles without
    /// an outlet are not counted: paragraphs are only compared within an outlet.
    pub fn observe(&mut self, outlet: Option<&str>, hashes: impl IntoIterator<Item = u64>) {
        let Some(outlet) = outlet else { return };
        let id = match self.outlet_id(outlet) {
            Some(id) => id,
            None => {
                let id = self.articles.len() as u32;
                self.outlets.insert(outlet.to_lowercase(), id);
                self.articles.push(0);
                id
            }
        };
        self.articles[id as usize] += 1;
        let mut distinct: Vec<u64> = hashes.into_iter().collect();
        distinct.sort_unstable();
        distinct.dedup();
        for h in distinct {
            *self.counts.entry((id, h)).or_default() += 1;
        }
    }

    fn repeated_id(&self, id: u32, hash: u64) -> Option<u32> {
        let n = *self.counts.get(&(id, hash))?;
        let total = *self.articles.get(id as usize)?;
        Self::is_repeated(n, total).then_some(n)
    }

    /// Whether a paragraph found in `n` of an outlet's `total` articles is boilerplate.
    fn is_repeated(n: u32, total: u32) -> bool {
        n >= Self::MIN_ARTICLES && n * 100 >= total
    }

    /// Forgets every paragraph that is not boilerplate. Call it once all articles are
    /// counted: the count then holds only what [`Self::strip`] removes, a small fraction of
    /// the paragraphs seen.
    pub fn retain_repeated(&mut self) {
        let articles = &self.articles;
        self.counts.retain(|(id, _), n| {
            Self::is_repeated(*n, articles.get(*id as usize).copied().unwrap_or(0))
        });
        self.counts.shrink_to_fit();
    }

    /// In how many articles of the outlet the paragraph occurs, when that makes it boilerplate.
    pub fn repeated(&self, outlet: &str, hash: u64) -> Option<u32> {
        self.repeated_id(self.outlet_id(outlet)?, hash)
    }

    /// Whether any of these paragraphs of the outlet is boilerplate.
    pub fn any_repeated(&self, outlet: &str, hashes: &[u64]) -> bool {
        self.outlet_id(outlet)
            .is_some_and(|id| hashes.iter().any(|h| self.repeated_id(id, *h).is_some()))
    }

    /// Whether any paragraph of the outlet is boilerplate (a quick check before [`Self::strip`]).
    pub fn has_any(&self) -> bool {
        self.counts
            .keys()
            .any(|(id, h)| self.repeated_id(*id, *h).is_some())
    }

    /// Removes the boilerplate paragraphs of a body; returns the new body, the cuts, and the
    /// hashes of the removed paragraphs.
    ///
    /// # Example
    /// ```
    /// use newsdex::extract::boilerplate::{RepeatedParagraphs, paragraph_hashes};
    /// let mut r = RepeatedParagraphs::new();
    /// for i in 0..5 {
    ///     let body = format!("Story number {i} about the port.\nRead the Ledger every morning at six.");
    ///     r.observe(Some("Capital Ledger"), paragraph_hashes(&body));
    /// }
    /// let (body, cuts, _) = r.strip("Capital Ledger", "A new story about rates.\nRead the Ledger every morning at six.");
    /// assert_eq!(body, "A new story about rates.");
    /// assert_eq!(cuts[0].rule, "repeated: in 5 articles of Capital Ledger");
    /// ```
    pub fn strip(&self, outlet: &str, body: &str) -> (String, Vec<Cut>, Vec<u64>) {
        let mut kept = Vec::new();
        let mut cuts = Vec::new();
        let mut removed = Vec::new();
        for line in body.lines() {
            match paragraph_hash(line).and_then(|h| self.repeated(outlet, h).map(|n| (h, n))) {
                Some((h, n)) => {
                    cuts.push(Cut {
                        rule: format!("repeated: in {n} articles of {outlet}"),
                        text: line.trim().to_string(),
                    });
                    removed.push(h);
                }
                None => kept.push(line),
            }
        }
        let mut body = kept.join("\n").trim().to_string();
        while body.contains("\n\n\n") {
            body = body.replace("\n\n\n", "\n\n");
        }
        (body, cuts, removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hash as first written (word by word): stored hashes must not change.
    fn paragraph_hash_reference(line: &str) -> Option<u64> {
        let mut words = 0;
        let mut h = Fnv1a::default();
        for word in line.split_whitespace() {
            if words > 0 {
                h.write(b" ");
            }
            words += 1;
            for c in word.chars() {
                let c = if c.is_ascii_digit() { '0' } else { c };
                for lc in c.to_lowercase() {
                    let mut buf = [0u8; 4];
                    h.write(lc.encode_utf8(&mut buf).as_bytes());
                }
            }
        }
        (words >= 3).then(|| h.finish())
    }

    #[test]
    fn hash_is_unchanged_by_the_single_pass() {
        for line in [
            "",
            "two words",
            "  The port reopened  on 3 May 2024.  ",
            "tab\tand\u{a0}nbsp\u{85}next\u{3000}ideographic \u{b}vt",
            "ΟΔΥΣΣΕΥΣ Straße İSTANBUL Київ ǅemal ١٢٣ 42",
            "© 2022 Harbor  Times. All rights",
        ] {
            assert_eq!(
                paragraph_hash(line),
                paragraph_hash_reference(line),
                "{line:?}"
            );
        }
    }

    #[test]
    fn hashes_ignore_case_spacing_and_digits_but_not_words() {
        assert_eq!(
            paragraph_hash("© 2022 Harbor  Times. All rights"),
            paragraph_hash("© 2023 harbor times. all RIGHTS")
        );
        assert_ne!(
            paragraph_hash("The port reopened today"),
            paragraph_hash("The port closed today")
        );
        assert_eq!(paragraph_hash("Two words"), None);
    }

    #[test]
    fn only_frequent_paragraphs_of_the_same_outlet_count() {
        let footer = "Follow the Herald for more from the Danube region.";
        let mut r = RepeatedParagraphs::new();
        for i in 0..4 {
            r.observe(
                Some("Danube Herald"),
                paragraph_hashes(&format!("Story {i} text goes here.\n{footer}")),
            );
        }
        let h = paragraph_hash(footer).unwrap();
        assert_eq!(r.repeated("Danube Herald", h), None, "four is not enough");
        r.observe(Some("Harbor Times"), paragraph_hashes(footer));
        assert_eq!(
            r.repeated("Danube Herald", h),
            None,
            "another outlet's copy does not count"
        );
        r.observe(Some("danube herald"), paragraph_hashes(footer));
        assert_eq!(r.repeated("Danube Herald", h), Some(5));
        r.observe(None, paragraph_hashes(footer));
        assert_eq!(r.repeated("Danube Herald", h), Some(5));
    }

    #[test]
    fn a_paragraph_in_under_one_percent_of_a_large_outlet_is_news() {
        let mut r = RepeatedParagraphs::new();
        let line = "The central bank left rates unchanged on Thursday.";
        for i in 0..600 {
            let body = if i < 5 {
                format!("Story {i} body here.\n{line}")
            } else {
                format!("Story {i} body here.")
            };
            r.observe(Some("Wire"), paragraph_hashes(&body));
        }
        assert_eq!(r.repeated("Wire", paragraph_hash(line).unwrap()), None);
    }
}
