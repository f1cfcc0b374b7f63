//! Snippets: the part of the body where the query's words are densest (tantivy's
//! `SnippetGenerator`), or the opening of the body when only the title matched.

use std::cell::RefCell;
use std::collections::HashMap;

use tantivy::Searcher;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;

use super::Snippet;
use crate::Result;

/// Snippet generators for one search, one per indexed field a hit's body lives in (for a
/// per-language body: the variant of the hit's language, whose analyser matches word forms).
pub(crate) struct Snippets<'a> {
    searcher: &'a Searcher,
    query: &'a dyn Query,
    chars: usize,
    generators: RefCell<HashMap<Field, SnippetGenerator>>,
    terms: RefCell<HashMap<Field, Vec<String>>>,
}

impl<'a> Snippets<'a> {
    pub(crate) fn new(searcher: &'a Searcher, query: &'a dyn Query, chars: usize) -> Snippets<'a> {
        Snippets {
            searcher,
            query,
            chars,
            generators: RefCell::new(HashMap::new()),
            terms: RefCell::new(HashMap::new()),
        }
    }

    /// The snippet of `body`, highlighting the query's terms as indexed in `field`.
    pub(crate) fn for_text(&self, field: Field, body: &str) -> Result<Snippet> {
        let whole = body.trim();
        let mut terms = self.terms.borrow_mut();
        let terms = terms.entry(field).or_insert_with(|| {
            let mut texts = Vec::new();
            self.query.query_terms(&mut |term, _| {
                if term.field() == field
                    && let Some(t) = term.value().as_str()
                {
                    texts.push(t.to_string());
                }
            });
            texts
        });
        let mut generators = self.generators.borrow_mut();
        let generator = match generators.entry(field) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(v) => v.insert(generator(
                self.searcher,
                self.query,
                field,
                terms,
                self.chars,
            )?),
        };
        // Analysing (stemming) a whole long body costs more than the rest of a search: the
        // snippet is looked for in a window around the first mention of a query term.
        let within = window(whole, terms, self.chars);
        let at = within.start;
        let text = &whole[within];
        let s = generator.snippet(text);
        if s.is_empty() || s.highlighted().is_empty() {
            return Ok(Snippet {
                text: opening(body, self.chars),
                highlights: Vec::new(),
            });
        }
        // A body that fits whole is shown whole, not cut at its last word.
        if whole.chars().count() <= self.chars {
            let shift = s.fragment_range().start;
            return Ok(Snippet {
                text: whole.to_string(),
                highlights: s
                    .highlighted()
                    .iter()
                    .map(|r| (r.start + shift, r.end + shift))
                    .collect(),
            });
        }
        // tantivy's fragment can begin at the match itself ("lighthouse once."): give it the
        // words before it, up to the snippet's length, so a match is seen in its context.
        let range = s.fragment_range();
        let room = self.chars.saturating_sub(s.fragment().chars().count());
        let before = lead_in(&text[..range.start], room);
        // "…" where the snippet cuts the body, at either end: a snippet that starts mid-sentence
        // or stops at a match says so.
        let (start, end) = (at + range.start - before.len(), at + range.end);
        let open = if whole[..start].trim().is_empty() {
            ""
        } else {
            "…"
        };
        let close = if whole[end..].trim().is_empty() {
            ""
        } else {
            "…"
        };
        let shift = open.len() + before.len();
        Ok(Snippet {
            text: format!("{open}{before}{}{close}", s.fragment()),
            highlights: s
                .highlighted()
                .iter()
                .map(|r| (r.start + shift, r.end + shift))
                .collect(),
        })
    }
}

/// tantivy's snippet generator for `field`, analysing text with a [finder](crate::index::finder)
/// for `terms` (the query's terms in `field`) when the field's analyser has one, so that only
/// words that may be one of the terms are stemmed. Terms weigh as in tantivy's own
/// `SnippetGenerator::create`: rarer terms more.
fn generator(
    searcher: &Searcher,
    query: &dyn Query,
    field: Field,
    terms: &[String],
    chars: usize,
) -> Result<SnippetGenerator> {
    let refs: Vec<&str> = terms.iter().map(String::as_str).collect();
    let analyser = crate::index::analyser_of(searcher.schema(), field);
    let Some(finder) = analyser.and_then(|a| crate::index::finder(a, &refs)) else {
        let mut g = SnippetGenerator::create(searcher, query, field)?;
        g.set_max_num_chars(chars);
        return Ok(g);
    };
    let mut weights = std::collections::BTreeMap::new();
    for text in terms {
        let doc_freq = searcher.doc_freq(&tantivy::Term::from_field_text(field, text))?;
        if doc_freq > 0 {
            weights.insert(text.clone(), 1.0 / (1.0 + doc_freq as f32));
        }
    }
    Ok(SnippetGenerator::new(weights, finder, field, chars))
}

/// The end of `text`, at most `room` characters, starting at a word.
fn lead_in(text: &str, room: usize) -> &str {
    if room == 0 {
        return "";
    }
    let mut start = text.len();
    for (i, _) in text.char_indices().rev().take(room) {
        start = i;
    }
    if start > 0 && !text[..start].ends_with(char::is_whitespace) {
        // Start after a space, never inside a word.
        match text[start..].find(char::is_whitespace) {
            Some(sp) => start += sp + 1,
            None => return "",
        }
    }
    &text[start..]
}

/// The part of `body` a snippet of `chars` characters is looked for in: from a little before
/// the first mention of one of `terms` (as indexed: lowercase, maybe stemmed, so matched as a
/// case-insensitive prefix of a word form) to several snippets' length after it. The whole
/// body when it is short or no term is found as such (a stem that is no prefix of its word).
/// Returned as a byte range of `body`.
fn window(body: &str, terms: &[String], chars: usize) -> std::ops::Range<usize> {
    let span = chars.max(40) * 6;
    if body.len() <= span * 2 || terms.is_empty() {
        return 0..body.len();
    }
    let hay = body.as_bytes();
    let first = terms
        .iter()
        .filter(|t| !t.is_empty())
        .filter_map(|t| {
            let t = t.as_bytes();
            hay.windows(t.len()).position(|w| w.eq_ignore_ascii_case(t))
        })
        .min();
    let Some(first) = first else {
        return 0..body.len();
    };
    let mut start = first.saturating_sub(chars.max(40));
    while !body.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + span).min(body.len());
    while !body.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// The first `chars` characters of the body, cut at a word boundary.
fn opening(body: &str, chars: usize) -> String {
    let flat: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= chars {
        return flat;
    }
    let cut = flat
        .char_indices()
        .nth(chars)
        .map_or(flat.len(), |(i, _)| i);
    let end = flat[..cut].rfind(' ').unwrap_or(cut);
    format!("{}…", &flat[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_cuts_at_words() {
        assert_eq!(
            opening("Kyiv was dark\n\non Saturday night", 15),
            "Kyiv was dark…"
        );
        assert_eq!(opening("short", 15), "short");
    }

    #[test]
    fn lead_in_starts_at_a_word() {
        assert_eq!(lead_in("the mayor mentioned the ", 14), "mentioned the ");
        assert_eq!(
            lead_in("the mayor mentioned the ", 100),
            "the mayor mentioned the "
        );
        assert_eq!(lead_in("unbroken", 3), "");
        assert_eq!(lead_in("anything ", 0), "");
    }

    #[test]
    fn window_starts_near_the_first_mention() {
        let body = format!(
            "{}Oil prices rose. {}",
            "Filler words here. ".repeat(40),
            "More. ".repeat(300)
        );
        let w = &body[window(&body, &["oil".to_string()], 40)];
        assert!(w.contains("Oil prices rose."), "{w}");
        assert!(w.len() <= 240 + 3 && w.len() < body.len());
        // Short bodies, and terms not found as written (a stem unlike its word), keep it whole.
        assert_eq!(
            &"Oil prices rose."[window("Oil prices rose.", &["oil".to_string()], 40)],
            "Oil prices rose."
        );
        assert_eq!(&body[window(&body, &["happi".to_string()], 40)], body);
        // Never cut inside a character.
        let ru = format!(
            "{}Нефть подорожала. {}",
            "Слова. ".repeat(100),
            "Ещё. ".repeat(200)
        );
        assert!(ru[window(&ru, &["подорожа".to_string()], 40)].contains("подорожала"));
    }
}
