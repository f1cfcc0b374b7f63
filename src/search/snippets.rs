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
}

impl<'a> Snippets<'a> {
    pub(crate) fn new(searcher: &'a Searcher, query: &'a dyn Query, chars: usize) -> Snippets<'a> {
        Snippets {
            searcher,
            query,
            chars,
            generators: RefCell::new(HashMap::new()),
        }
    }

    /// The snippet of `body`, highlighting the query's terms as indexed in `field`.
    pub(crate) fn for_text(&self, field: Field, body: &str) -> Result<Snippet> {
        let mut generators = self.generators.borrow_mut();
        let generator = match generators.entry(field) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(v) => {
                let mut g = SnippetGenerator::create(self.searcher, self.query, field)?;
                g.set_max_num_chars(self.chars);
                v.insert(g)
            }
        };
        let whole = body.trim();
        let s = generator.snippet(whole);
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
        Ok(Snippet {
            text: s.fragment().to_string(),
            highlights: s.highlighted().iter().map(|r| (r.start, r.end)).collect(),
        })
    }
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
}
