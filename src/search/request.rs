//! `SearchRequest`: what to search for, filtered how, sorted how, which page.

use serde::{Deserialize, Serialize};

use super::facets::FacetField;
pub use super::period::DateBound;
use super::query::Operator;
use super::timeline::Interval;
use crate::{EntityKind, Error, Result};

/// Order of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best BM25 score first.
    #[default]
    Relevance,
    /// Latest publication first (undated last).
    Newest,
    /// Earliest publication first (undated last).
    Oldest,
}

/// Which articles pass the wire filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WireFilter {
    /// Articles crediting any wire service.
    Any,
    /// Articles crediting this wire service (case-insensitive: `AP`, `Reuters`, `AFP`, …).
    Named(String),
    /// Articles crediting none.
    None,
}

/// Parses a half-life such as `30d`, `12h`, `2w`, `1y` (a bare number is days) into seconds.
///
/// # Errors
/// [`Error::InvalidRequest`] naming the accepted forms.
///
/// # Example
/// ```
/// assert_eq!(newsdex::search::parse_half_life("30d")?, 30 * 86_400);
/// assert_eq!(newsdex::search::parse_half_life("12h")?, 12 * 3_600);
/// assert!(newsdex::search::parse_half_life("soon").is_err());
/// # Ok::<(), newsdex::Error>(())
/// ```
pub fn parse_half_life(s: &str) -> Result<u64> {
    let t = s.trim().to_lowercase();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
        Error::InvalidRequest(format!(
            "--recency {s:?}: expected a positive number with h, d, w or y (e.g. 30d)"
        ))
    })?;
    let unit_secs = match unit {
        "h" => 3_600,
        "" | "d" => 86_400,
        "w" => 7 * 86_400,
        "m" => 30 * 86_400,
        "y" => 365 * 86_400,
        _ => {
            return Err(Error::InvalidRequest(format!(
                "--recency {s:?}: unknown unit {unit:?}; use h, d, w, m (30 days) or y"
            )));
        }
    };
    Ok(n * unit_secs)
}

/// A search: query text, filters, order and page.
///
/// # Example
/// ```
/// use newsdex::search::{SearchRequest, Sort};
/// let req = SearchRequest::new("drones AND Iran")
///     .outlet("Harbor Times")
///     .since("2022")?
///     .sort(Sort::Newest)
///     .limit(5);
/// assert_eq!(req.outlets, ["Harbor Times"]);
/// # Ok::<(), newsdex::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchRequest {
    /// The query text (see the README for the syntax). Empty matches every article.
    pub query: String,
    /// Only these outlets (any of them; case-insensitive).
    pub outlets: Vec<String>,
    /// Published in or after this period.
    pub since: Option<DateBound>,
    /// Published in or before this period.
    pub until: Option<DateBound>,
    /// Only these languages (ISO 639-1 codes or names; any of them).
    pub languages: Vec<String>,
    /// Only articles mentioning all of these entities (any name of each: canonical, alias
    /// or surface; case-insensitive).
    pub entities: Vec<String>,
    /// Only articles with an entity of one of these types (with `entities`: each named
    /// entity must be of one of them).
    #[serde(default)]
    pub entity_types: Vec<EntityKind>,
    /// Only articles whose text mentions a date in each of these periods.
    #[serde(default)]
    pub mentions: Vec<DateBound>,
    /// Order of hits.
    pub sort: Sort,
    /// Hits per page; 0 counts without returning hits.
    pub limit: usize,
    /// Hits to skip (paging).
    pub offset: usize,
    /// How words side by side combine.
    pub operator: Operator,
    /// Snippet length in characters; 0 for no snippets.
    pub snippet_chars: usize,
    /// Count and show every copy of a syndicated story; by default a story counts once.
    #[serde(default)]
    pub all_copies: bool,
    /// Fields to count matching stories by.
    #[serde(default)]
    pub facets: Vec<FacetField>,
    /// Values listed per facet.
    #[serde(default = "default_facet_limit")]
    pub facet_limit: usize,
    /// Count matching stories per period of publication.
    #[serde(default)]
    pub timeline: Option<Interval>,
    /// With a timeline: one series per outlet.
    #[serde(default)]
    pub per_outlet: bool,
    /// With a timeline: divide each bucket by all the index holds for it that passes the
    /// filters (whatever the query text); per outlet, by every article the outlet ran.
    #[serde(default)]
    pub normalize: bool,
    /// Blend BM25 with freshness: a story this many seconds older than the newest in the
    /// index keeps 3/4 of its score, twice as old 5/8 (see [`SearchRequest::recency`]).
    #[serde(default)]
    pub recency: Option<u64>,
    /// Only articles crediting (or not crediting) wire services.
    #[serde(default)]
    pub wire: Option<WireFilter>,
    /// Explain each hit's score: BM25 per field and term.
    #[serde(default)]
    pub explain: bool,
    /// Keyword in context: every match in each hit's body with this many words either side.
    #[serde(default)]
    pub kwic: Option<usize>,
    /// Include the parsed query and its traps in the results (see [`super::debug_query`]).
    #[serde(default)]
    pub debug_query: bool,
}

fn default_facet_limit() -> usize {
    10
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            outlets: Vec::new(),
            since: None,
            until: None,
            languages: Vec::new(),
            entities: Vec::new(),
            entity_types: Vec::new(),
            mentions: Vec::new(),
            sort: Sort::Relevance,
            limit: 10,
            offset: 0,
            operator: Operator::And,
            snippet_chars: 200,
            all_copies: false,
            facets: Vec::new(),
            facet_limit: default_facet_limit(),
            timeline: None,
            per_outlet: false,
            normalize: false,
            recency: None,
            wire: None,
            explain: false,
            kwic: None,
            debug_query: false,
        }
    }
}

impl SearchRequest {
    /// A request for `query` with defaults: relevance order, 10 hits, snippets of 200 characters.
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            ..Default::default()
        }
    }

    /// Adds an outlet to the outlet filter.
    pub fn outlet(mut self, outlet: impl Into<String>) -> Self {
        self.outlets.push(outlet.into());
        self
    }

    /// Only articles published in or after a period (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
    ///
    /// # Errors
    /// [`Error::InvalidRequest`] when the text is not such a period.
    pub fn since(mut self, period: &str) -> Result<Self> {
        self.since = Some(DateBound::parse_flag("--since", period)?);
        Ok(self)
    }

    /// Only articles published in or before a period.
    ///
    /// # Errors
    /// [`Error::InvalidRequest`] when the text is not such a period.
    pub fn until(mut self, period: &str) -> Result<Self> {
        self.until = Some(DateBound::parse_flag("--until", period)?);
        Ok(self)
    }

    /// Adds a language to the language filter.
    pub fn language(mut self, lang: impl Into<String>) -> Self {
        self.languages.push(lang.into());
        self
    }

    /// Adds an entity the articles must mention.
    pub fn entity(mut self, name: impl Into<String>) -> Self {
        self.entities.push(name.into());
        self
    }

    /// Adds an entity type (`person`, `organization`, `place`, `other`) to the type filter.
    pub fn entity_type(mut self, kind: EntityKind) -> Self {
        self.entity_types.push(kind);
        self
    }

    /// Only articles that mention a date in a period (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-Www`).
    ///
    /// # Errors
    /// [`Error::InvalidRequest`] when the text is not such a period.
    pub fn mentions(mut self, period: &str) -> Result<Self> {
        self.mentions
            .push(DateBound::parse_flag("--mentions", period)?);
        Ok(self)
    }

    /// Sets the order.
    pub fn sort(mut self, sort: Sort) -> Self {
        self.sort = sort;
        self
    }

    /// Sets the page size.
    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    /// Sets the number of hits to skip.
    pub fn offset(mut self, offset: usize) -> Self {
        self.offset = offset;
        self
    }

    /// Sets how words side by side combine.
    pub fn operator(mut self, op: Operator) -> Self {
        self.operator = op;
        self
    }

    /// Sets the snippet length (0: none).
    pub fn snippet_chars(mut self, n: usize) -> Self {
        self.snippet_chars = n;
        self
    }

    /// Counts and shows every copy of a syndicated story (turns collapsing off).
    pub fn all_copies(mut self, yes: bool) -> Self {
        self.all_copies = yes;
        self
    }

    /// Adds a facet to count.
    pub fn facet(mut self, field: FacetField) -> Self {
        self.facets.push(field);
        self
    }

    /// Sets how many values each facet lists.
    pub fn facet_limit(mut self, n: usize) -> Self {
        self.facet_limit = n;
        self
    }

    /// Asks for a timeline with buckets of this width.
    pub fn timeline(mut self, interval: Interval) -> Self {
        self.timeline = Some(interval);
        self
    }

    /// Timeline: one series per outlet.
    pub fn per_outlet(mut self, yes: bool) -> Self {
        self.per_outlet = yes;
        self
    }

    /// Timeline: divide by the index's own output per bucket (and outlet).
    pub fn normalize(mut self, yes: bool) -> Self {
        self.normalize = yes;
        self
    }

    /// Blends BM25 with freshness: `score × (1 + 2^(−age / half_life)) / 2`, where age is
    /// counted back from the newest article in the index (a corpus is often historical) and
    /// an undated article counts as infinitely old (half its score).
    ///
    /// # Errors
    /// [`Error::InvalidRequest`] when the half-life is not like `30d`, `12h`, `2w`, `1y`.
    pub fn recency(mut self, half_life: &str) -> Result<Self> {
        self.recency = Some(parse_half_life(half_life)?);
        Ok(self)
    }

    /// Sets the wire filter.
    pub fn wire(mut self, filter: WireFilter) -> Self {
        self.wire = Some(filter);
        self
    }

    /// Explains each hit's score.
    pub fn explain(mut self, yes: bool) -> Self {
        self.explain = yes;
        self
    }

    /// Includes the parsed query and warnings on its traps in the results.
    pub fn debug_query(mut self, yes: bool) -> Self {
        self.debug_query = yes;
        self
    }

    /// Keyword in context with `words` words either side of each match.
    pub fn kwic(mut self, words: usize) -> Self {
        self.kwic = Some(words);
        self
    }

    /// Checks the request is consistent.
    ///
    /// # Errors
    /// [`Error::InvalidRequest`] for an inverted date range, or timeline options without a
    /// timeline.
    pub fn validate(&self) -> Result<()> {
        if (self.per_outlet || self.normalize) && self.timeline.is_none() {
            return Err(Error::InvalidRequest(
                "--per-outlet and --normalize need --timeline day|week|month|year".into(),
            ));
        }
        if let (Some(s), Some(u)) = (self.since, self.until)
            && s.start() >= u.end()
        {
            return Err(Error::InvalidRequest(format!(
                "inverted date range: --since {} is after --until {}",
                s.start().date_naive(),
                u.end().date_naive().pred_opt().unwrap_or_default()
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverted_range_is_refused() {
        let r = SearchRequest::new("x")
            .since("2023")
            .unwrap()
            .until("2022")
            .unwrap();
        assert!(
            r.validate()
                .unwrap_err()
                .to_string()
                .contains("inverted date range")
        );
        let r = SearchRequest::new("x")
            .since("2022-10-16")
            .unwrap()
            .until("2022-10-16")
            .unwrap();
        assert!(r.validate().is_ok());
    }
}
