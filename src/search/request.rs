//! `SearchRequest`: what to search for, filtered how, sorted how, which page.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::query::Operator;
use crate::{EntityKind, Error, Result};

/// A calendar period written as `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-Www` (ISO week).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateBound {
    start: NaiveDate,
    end: NaiveDate,
}

impl DateBound {
    /// Parses a period; `None` when the text is not one.
    ///
    /// # Example
    /// ```
    /// use newsdex::search::DateBound;
    /// let oct = DateBound::parse("2022-10").unwrap();
    /// assert_eq!(oct.start().to_rfc3339(), "2022-10-01T00:00:00+00:00");
    /// assert_eq!(oct.end().to_rfc3339(), "2022-11-01T00:00:00+00:00");
    /// assert_eq!(DateBound::parse("2022-W42").unwrap().start().date_naive().to_string(), "2022-10-17");
    /// assert!(DateBound::parse("October").is_none());
    /// ```
    pub fn parse(s: &str) -> Option<DateBound> {
        let s = s.trim();
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str| p.parse::<u32>().ok();
        let (start, end) = match parts.as_slice() {
            [y] if y.len() == 4 => {
                let y = num(y)? as i32;
                (
                    NaiveDate::from_ymd_opt(y, 1, 1)?,
                    NaiveDate::from_ymd_opt(y + 1, 1, 1)?,
                )
            }
            [y, w] if y.len() == 4 && (w.starts_with('W') || w.starts_with('w')) => {
                let start = NaiveDate::from_isoywd_opt(
                    num(y)? as i32,
                    num(&w[1..])?,
                    chrono::Weekday::Mon,
                )?;
                (start, start + chrono::Days::new(7))
            }
            [y, m] if y.len() == 4 && m.len() <= 2 => {
                let start = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, 1)?;
                (start, start.checked_add_months(chrono::Months::new(1))?)
            }
            [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
                let start = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?)?;
                (start, start.succ_opt()?)
            }
            _ => return None,
        };
        (1000..=9999)
            .contains(&start.year())
            .then_some(DateBound { start, end })
    }

    /// Parses a period, or says what is wrong.
    ///
    /// # Errors
    /// [`Error::InvalidRequest`] naming the value and the accepted forms.
    pub fn parse_flag(flag: &str, s: &str) -> Result<DateBound> {
        DateBound::parse(s).ok_or_else(|| {
            Error::InvalidRequest(format!(
                "{flag} {s:?}: expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www"
            ))
        })
    }

    /// First instant of the period (midnight UTC).
    pub fn start(&self) -> DateTime<Utc> {
        midnight(self.start)
    }

    /// First instant after the period.
    pub fn end(&self) -> DateTime<Utc> {
        midnight(self.end)
    }
}

fn midnight(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight exists"))
}

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

    /// Checks the request is consistent.
    ///
    /// # Errors
    /// [`Error::InvalidRequest`] for an inverted date range.
    pub fn validate(&self) -> Result<()> {
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
    fn periods() {
        let cases = [
            ("2022", "2022-01-01", "2023-01-01"),
            ("2022-02", "2022-02-01", "2022-03-01"),
            ("2022-12", "2022-12-01", "2023-01-01"),
            ("2022-02-28", "2022-02-28", "2022-03-01"),
            ("2020-W53", "2020-12-28", "2021-01-04"),
        ];
        for (s, a, b) in cases {
            let d = DateBound::parse(s).unwrap();
            assert_eq!(
                (
                    d.start().date_naive().to_string(),
                    d.end().date_naive().to_string()
                ),
                (a.into(), b.into()),
                "{s}"
            );
        }
        for bad in [
            "",
            "22",
            "2022-13",
            "2022-02-30",
            "2022/02",
            "2022-W60",
            "x",
        ] {
            assert!(DateBound::parse(bad).is_none(), "{bad}");
        }
    }

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
