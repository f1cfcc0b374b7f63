//! Keyword in context: every place the query matched in a body, with N words either side.
//!
//! Matches are found as snippets find them (tantivy's `SnippetGenerator`, with the analyser
//! of the field variant the article was indexed in, so `drone` finds "drones"), but over the
//! whole body whatever its length; words matched side by side ("power stations") make one
//! line.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use tantivy::Searcher;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;

use crate::Result;

/// One match in context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KwicLine {
    /// Up to N words before the match.
    pub left: String,
    /// The matched words as written.
    #[serde(rename = "match")]
    pub keyword: String,
    /// Up to N words after the match.
    pub right: String,
    /// Byte offset of the match (the start of the word holding it) in the body.
    pub offset: usize,
}

/// Match finders for one search, one per indexed field variant.
pub(crate) struct Kwic<'a> {
    searcher: &'a Searcher,
    query: &'a dyn Query,
    words: usize,
    generators: HashMap<Field, SnippetGenerator>,
}

impl<'a> Kwic<'a> {
    pub(crate) fn new(searcher: &'a Searcher, query: &'a dyn Query, words: usize) -> Kwic<'a> {
        Kwic {
            searcher,
            query,
            words,
            generators: HashMap::new(),
        }
    }

    /// Every match of the query in `body`, as indexed in `field`.
    pub(crate) fn lines(&mut self, field: Field, body: &str) -> Result<Vec<KwicLine>> {
        let generator = match self.generators.entry(field) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(SnippetGenerator::create(self.searcher, self.query, field)?)
            }
        };
        // One fragment as long as the body holds every match.
        generator.set_max_num_chars(body.len() + 1);
        let snippet = generator.snippet(body);
        let shift = snippet.fragment_range().start;
        let ranges: Vec<(usize, usize)> = snippet
            .highlighted()
            .iter()
            .map(|r| widen(body, (r.start + shift, r.end + shift)))
            .collect();
        Ok(context_lines(body, &merge(body, ranges), self.words))
    }
}

/// The match at `s..e` widened to the run of non-space characters holding it: "Drohnen" in
/// "Kamikaze-Drohnen." is shown as all of that, so a line joins its three parts with spaces
/// where the body has them and nowhere else.
fn widen(body: &str, (s, e): (usize, usize)) -> (usize, usize) {
    if s > e || !body.is_char_boundary(s) || !body.is_char_boundary(e) {
        return (s, e);
    }
    let start = body[..s]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = body[e..]
        .find(char::is_whitespace)
        .map_or(body.len(), |i| e + i);
    (start, end)
}

/// Joins ranges that overlap (two matches in one word) or are separated only by spaces or
/// hyphens.
fn merge(body: &str, mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        if let Some(last) = out.last_mut()
            && (s <= last.1
                || body
                    .get(last.1..s)
                    .is_some_and(|gap| gap.len() <= 3 && gap.chars().all(|c| c == ' ' || c == '-')))
        {
            last.1 = last.1.max(e);
            continue;
        }
        out.push((s, e));
    }
    out
}

/// The lines for matches at `ranges` (byte ranges of `body`).
pub(crate) fn context_lines(body: &str, ranges: &[(usize, usize)], words: usize) -> Vec<KwicLine> {
    ranges
        .iter()
        .filter(|(s, e)| s < e && body.is_char_boundary(*s) && body.is_char_boundary(*e))
        .map(|&(s, e)| KwicLine {
            left: last_words(&body[..s], words),
            keyword: flat(&body[s..e]),
            right: first_words(&body[e..], words),
            offset: s,
        })
        .collect()
}

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn first_words(s: &str, n: usize) -> String {
    s.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

fn last_words(s: &str, n: usize) -> String {
    let mut words: Vec<&str> = s.split_whitespace().rev().take(n).collect();
    words.reverse();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_either_side() {
        let body = "On Saturday Iran admitted it had sent drones to Russia before the war began.";
        let s = body.find("drones").unwrap();
        let lines = context_lines(body, &[(s, s + 6)], 3);
        assert_eq!(lines[0].left, "it had sent");
        assert_eq!(lines[0].keyword, "drones");
        assert_eq!(lines[0].right, "to Russia before");
        assert_eq!(lines[0].offset, s);
    }

    #[test]
    fn a_match_inside_a_word_shows_the_word_as_written() {
        let body = "mit sogenannten Kamikaze-Drohnen. Eine Drohne schlug ein.";
        let s = body.find("Drohnen").unwrap();
        let t = body.find("Kamikaze").unwrap();
        // Two matches in one word make one line.
        let ranges = vec![widen(body, (s, s + 7)), widen(body, (t, t + 8))];
        let lines = context_lines(body, &merge(body, ranges), 2);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].left, "mit sogenannten");
        assert_eq!(lines[0].keyword, "Kamikaze-Drohnen.");
        assert_eq!(lines[0].right, "Eine Drohne");
        assert_eq!(lines[0].offset, t);
        // At the ends of the body, and a match that is a whole word already.
        assert_eq!(widen("Drohnen", (0, 7)), (0, 7));
        assert_eq!(widen("über Kiew", (6, 10)), (6, 10));
    }

    #[test]
    fn side_by_side_matches_merge() {
        let body = "a third of power stations were hit";
        let p = body.find("power").unwrap();
        let st = body.find("stations").unwrap();
        let merged = merge(body, vec![(st, st + 8), (p, p + 5)]);
        assert_eq!(merged, vec![(p, st + 8)]);
        let lines = context_lines(body, &merged, 2);
        assert_eq!(lines[0].keyword, "power stations");
        assert_eq!(lines[0].right, "were hit");
    }
}
