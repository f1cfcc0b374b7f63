//! Snippets: the part of the body where the query's words are densest (tantivy's
//! `SnippetGenerator`), or the opening of the body when only the title matched.

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::{Searcher, TantivyDocument};

use super::Snippet;
use crate::Result;

pub(crate) struct Snippets {
    generator: SnippetGenerator,
    chars: usize,
}

impl Snippets {
    pub(crate) fn new(
        searcher: &Searcher,
        query: &dyn Query,
        field: Field,
        chars: usize,
    ) -> Result<Snippets> {
        let mut generator = SnippetGenerator::create(searcher, query, field)?;
        generator.set_max_num_chars(chars);
        Ok(Snippets { generator, chars })
    }

    pub(crate) fn for_doc(&self, doc: &TantivyDocument, body: &str) -> Snippet {
        let s = self.generator.snippet_from_doc(doc);
        if !s.is_empty() && !s.highlighted().is_empty() {
            // A body that fits whole is shown whole, not cut at its last word.
            let whole = body.trim();
            if whole.chars().count() <= self.chars {
                let shift = s.fragment_range().start;
                return Snippet {
                    text: whole.to_string(),
                    highlights: s
                        .highlighted()
                        .iter()
                        .map(|r| (r.start + shift, r.end + shift))
                        .collect(),
                };
            }
            return Snippet {
                text: s.fragment().to_string(),
                highlights: s.highlighted().iter().map(|r| (r.start, r.end)).collect(),
            };
        }
        Snippet {
            text: opening(body, self.chars),
            highlights: Vec::new(),
        }
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
