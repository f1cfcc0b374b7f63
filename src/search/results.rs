//! `SearchResults` and `Hit`: plain data, serialisable, with no terminal concerns.

use serde::{Deserialize, Serialize};

pub use super::explain::{ScoreExplanation, ScorePart};
pub use super::facets::Facet;
pub use super::kwic::KwicLine;
pub use super::timeline::Timeline;

/// A piece of an article's body around the matched words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    /// The text of the fragment.
    pub text: String,
    /// Byte ranges of `text` that matched the query.
    pub highlights: Vec<(usize, usize)>,
}

impl Snippet {
    /// The fragment with each match wrapped in `open` and `close` (e.g. `<b>`, `</b>`).
    ///
    /// # Example
    /// ```
    /// let s = newsdex::search::Snippet { text: "Iran sent drones".into(), highlights: vec![(10, 16)] };
    /// assert_eq!(s.marked("[", "]"), "Iran sent [drones]");
    /// ```
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(
            self.text.len() + self.highlights.len() * (open.len() + close.len()),
        );
        let mut last = 0;
        for &(start, end) in &self.highlights {
            if start < last
                || end > self.text.len()
                || !self.text.is_char_boundary(start)
                || !self.text.is_char_boundary(end)
            {
                continue;
            }
            out.push_str(&self.text[last..start]);
            out.push_str(open);
            out.push_str(&self.text[start..end]);
            out.push_str(close);
            last = end;
        }
        out.push_str(&self.text[last..]);
        out
    }
}

/// One matching article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Article id.
    pub id: String,
    /// BM25 score (title boosted), also for date-sorted results.
    pub score: f32,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date as the source gave it (RFC 3339 or YYYY-MM-DD).
    pub published: Option<String>,
    /// Where the outlet came from (json-ld, meta, url, path, text, header, none).
    pub outlet_source: Option<String>,
    /// Where the publication date came from.
    pub published_source: Option<String>,
    /// Language code.
    pub language: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// Section.
    pub section: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Source file.
    pub path: String,
    /// Entities as `type:Name`.
    pub entities: Vec<String>,
    /// Words in the body.
    pub word_count: u64,
    /// Body text around the matches (absent when snippets are off).
    pub snippet: Option<Snippet>,
    /// Wire services the article credits.
    #[serde(default)]
    pub wire: Vec<String>,
    /// Syndication cluster (16 hex digits) when the story has near-duplicate copies.
    #[serde(default)]
    pub cluster: Option<String>,
    /// Whether this is the cluster's canonical (earliest) copy; true when not syndicated.
    #[serde(default = "yes")]
    pub canonical: bool,
    /// Outlets of the other matching copies of this story: folded into this hit by default,
    /// hits of their own with `all_copies`.
    #[serde(default)]
    pub also_in: Vec<String>,
    /// Why the hit scored (with `explain`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<ScoreExplanation>,
    /// Every match in the body with its context (with `kwic`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kwic: Option<Vec<KwicLine>>,
}

fn yes() -> bool {
    true
}

impl Hit {
    /// The hit's entities typed: [`Hit::entities`] holds them as `type:Name` strings, as the
    /// index and the JSON output do.
    ///
    /// # Example
    /// ```
    /// use newsdex::{EntityKind, search::Hit};
    /// let hit: Hit = serde_json::from_str(r#"{"id": "a", "score": 1.0, "title": null,
    ///     "outlet": null, "published": null, "outlet_source": null, "published_source": null,
    ///     "language": null, "authors": [], "section": null, "url": null, "path": "a.txt",
    ///     "entities": ["place:Kyiv", "person:Vitali Klitschko"], "word_count": 3,
    ///     "snippet": null}"#)?;
    /// let typed: Vec<_> = hit.typed_entities().collect();
    /// assert_eq!(typed, [(EntityKind::Place, "Kyiv"), (EntityKind::Person, "Vitali Klitschko")]);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn typed_entities(&self) -> impl Iterator<Item = (crate::EntityKind, &str)> + '_ {
        self.entities.iter().filter_map(|e| {
            let (kind, name) = e.split_once(':')?;
            Some((crate::EntityKind::parse(kind)?, name))
        })
    }
}

/// The answer to a [`SearchRequest`](super::SearchRequest).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// Matching stories in all (not just this page); copies of a syndicated story count once
    /// unless `all_copies` was asked.
    pub total: u64,
    /// Matching articles, every copy counted.
    #[serde(default)]
    pub total_copies: u64,
    /// Hits skipped before this page.
    pub offset: usize,
    /// This page of hits.
    pub hits: Vec<Hit>,
    /// Counts per facet field asked for, over all matches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facets: Vec<Facet>,
    /// The query as parsed, with warnings on its traps (with `debug_query`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debug: Option<super::QueryDebug>,
    /// Matches over time, when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Timeline>,
    /// Filter values (outlet, language, entity) that no article of the index has, with the
    /// held values closest to them: why a search found nothing, or less than was meant.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unmatched: Vec<super::Unmatched>,
    /// The index commit searched (its opstamp): re-running the query on the same generation
    /// gives the same results.
    #[serde(default)]
    pub generation: u64,
    /// Time taken, milliseconds.
    pub took_ms: f64,
}
