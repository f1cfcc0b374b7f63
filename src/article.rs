//! `Article`: what extraction produces and the index stores, one per news story.
//!
//! Its serde shape is the record `newsdex extract --jsonl` prints (see the README), so the
//! field order and names here are part of the public contract.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// One clean news article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id: the input's id, else the canonical URL, else the path (plus `#line`/`#index`).
    pub id: String,
    /// Source file (an absolute path when read from disk).
    pub path: String,
    /// Headline.
    pub title: Option<String>,
    /// Main text, boilerplate removed; paragraphs separated by blank lines.
    pub body: String,
    /// Normalised outlet name.
    pub outlet: Option<String>,
    /// Bylines, cleaned.
    pub authors: Vec<String>,
    /// Publication date; `None` when the article is undated (never the file's mtime).
    pub published: Option<NewsDate>,
    /// ISO 639-1 language code.
    pub language: Option<String>,
    /// Named entities found in title and body.
    pub entities: Vec<Entity>,
    /// Dates the text mentions, resolved against `published`.
    pub mentioned_dates: Vec<MentionedDate>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Last-modified date, kept apart from `published`.
    pub modified: Option<NewsDate>,
    /// Section or desk.
    pub section: Option<String>,
    /// Standfirst or meta description.
    pub description: Option<String>,
    /// Words in the body.
    pub word_count: u64,
    /// Where `outlet` came from.
    pub outlet_source: Provenance,
    /// Where `published` came from.
    pub published_source: Provenance,
    /// Wire services the article credits (`AP`, `Reuters`, `AFP`, a dateline's agency).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wire: Vec<String>,
}

impl Article {
    /// An article with an id, a path and a body, every other field empty.
    ///
    /// # Example
    /// ```
    /// let a = newsdex::Article::new("a1", "notes/a1.txt", "Kyiv was without power on Saturday.");
    /// assert_eq!(a.word_count, 6);
    /// ```
    pub fn new(id: impl Into<String>, path: impl Into<String>, body: impl Into<String>) -> Self {
        let body = body.into();
        Article {
            id: id.into(),
            path: path.into(),
            title: None,
            word_count: count_words(&body),
            body,
            outlet: None,
            authors: Vec::new(),
            published: None,
            language: None,
            entities: Vec::new(),
            mentioned_dates: Vec::new(),
            url: None,
            modified: None,
            section: None,
            description: None,
            outlet_source: Provenance::None,
            published_source: Provenance::None,
            wire: Vec::new(),
        }
    }
}

/// Counts whitespace-separated words that contain a letter or digit.
pub(crate) fn count_words(text: &str) -> u64 {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count() as u64
}

/// A date as a source gave it: either a whole day, or an instant with its UTC offset.
///
/// Serialised as `YYYY-MM-DD` or RFC 3339 (`2022-10-18T09:30:00+03:00`), keeping the
/// source's offset so the calendar day is the one the outlet printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NewsDate {
    /// A calendar day with no time.
    Day(NaiveDate),
    /// An instant, with the offset it was written in.
    Instant(DateTime<FixedOffset>),
}

impl NewsDate {
    /// The instant this date stands for in UTC (midnight UTC for a day).
    pub fn to_utc(&self) -> DateTime<Utc> {
        match self {
            NewsDate::Day(d) => Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight")),
            NewsDate::Instant(t) => t.with_timezone(&Utc),
        }
    }

    /// The time as the source wrote it, read as if it were UTC (midnight for a day): what
    /// the index keeps as `published`, so a day filter and a day of the timeline are the day
    /// the source printed ("2022-10-17T01:00:00+03:00" is on 17 October, not 16 October UTC).
    /// Ordering by it puts articles of different offsets up to a day's hours out of
    /// instant order, which a day's granularity does not see.
    pub fn local_instant(&self) -> DateTime<Utc> {
        match self {
            NewsDate::Day(_) => self.to_utc(),
            NewsDate::Instant(t) => Utc.from_utc_datetime(&t.naive_local()),
        }
    }

    /// The calendar day as written by the source.
    pub fn day(&self) -> NaiveDate {
        match self {
            NewsDate::Day(d) => *d,
            NewsDate::Instant(t) => t.date_naive(),
        }
    }

    /// Parses the serialised form (`YYYY-MM-DD` or RFC 3339).
    pub fn parse(s: &str) -> Option<NewsDate> {
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return Some(NewsDate::Day(d));
        }
        DateTime::parse_from_rfc3339(s).ok().map(NewsDate::Instant)
    }
}

impl fmt::Display for NewsDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NewsDate::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            NewsDate::Instant(t) => {
                if t.offset().local_minus_utc() == 0 {
                    write!(f, "{}", t.format("%Y-%m-%dT%H:%M:%SZ"))
                } else {
                    write!(f, "{}", t.format("%Y-%m-%dT%H:%M:%S%:z"))
                }
            }
        }
    }
}

impl Serialize for NewsDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for NewsDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        NewsDate::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s:?}")))
    }
}

/// Where a piece of metadata came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Provenance {
    /// A JSON-LD `NewsArticle` (or similar) in the page.
    JsonLd,
    /// `<meta>` tags (Open Graph, `article:*`, Dublin Core, …) or other page markup such as `<time>`.
    Meta,
    /// The article's URL (a date in its path, or its domain).
    Url,
    /// The file's path (a date in its name, an outlet's folder).
    Path,
    /// The text itself (e.g. an appeal "A Message from The Moscow Times").
    Text,
    /// Metadata the file states explicitly: a header block, front matter, JSON keys.
    Header,
    /// Nowhere: the value is absent.
    #[default]
    None,
}

impl Provenance {
    /// Parses the name used in output; unknown names are `None`.
    pub fn parse(s: &str) -> Provenance {
        match s {
            "json-ld" => Provenance::JsonLd,
            "meta" => Provenance::Meta,
            "url" => Provenance::Url,
            "path" => Provenance::Path,
            "text" => Provenance::Text,
            "header" => Provenance::Header,
            _ => Provenance::None,
        }
    }

    /// The name used in output and in the index.
    pub fn as_str(&self) -> &'static str {
        match self {
            Provenance::JsonLd => "json-ld",
            Provenance::Meta => "meta",
            Provenance::Url => "url",
            Provenance::Path => "path",
            Provenance::Text => "text",
            Provenance::Header => "header",
            Provenance::None => "none",
        }
    }
}

/// The kind of a named entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A company, agency, party, team, ….
    Organization,
    /// A country, city, region, ….
    Place,
    /// Anything else with a name (events, nationalities, products).
    Other,
}

impl EntityKind {
    /// Every kind.
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Place,
        EntityKind::Other,
    ];

    /// The lowercase name used in the index and in output.
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Other => "other",
        }
    }

    /// Parses `person`, `organization` (or `organisation`, `org`), `place` (or `location`), `other`.
    pub fn parse(s: &str) -> Option<EntityKind> {
        match s.to_ascii_lowercase().as_str() {
            "person" | "people" | "per" => Some(EntityKind::Person),
            "organization" | "organisation" | "org" => Some(EntityKind::Organization),
            "place" | "location" | "loc" => Some(EntityKind::Place),
            "other" | "misc" => Some(EntityKind::Other),
            _ => None,
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A named entity with all its mentions in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical name ("Kyiv" for "Kiev").
    pub name: String,
    /// Kind of entity.
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// One item per occurrence, with the exact surface text.
    pub mentions: Vec<Mention>,
}

/// One occurrence of an entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// The surface text as it appears.
    pub text: String,
}

/// A date the article mentions, resolved against its publication date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionedDate {
    /// The surface text as it appears in the body.
    pub text: String,
    /// TimeML-like value: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `YYYY-Www`.
    pub value: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_date_round_trips() {
        for s in [
            "2022-11-05",
            "2022-10-18T09:30:00+03:00",
            "2022-10-18T06:30:00Z",
        ] {
            let d = NewsDate::parse(s).unwrap();
            assert_eq!(d.to_string(), s);
        }
    }

    #[test]
    fn news_date_keeps_the_printed_day() {
        let d = NewsDate::parse("2022-10-18T01:30:00+03:00").unwrap();
        assert_eq!(d.day().to_string(), "2022-10-18");
        assert_eq!(d.to_utc().date_naive().to_string(), "2022-10-17");
        assert_eq!(d.local_instant().to_rfc3339(), "2022-10-18T01:30:00+00:00");
        let day = NewsDate::parse("2022-10-18").unwrap();
        assert_eq!(day.local_instant(), day.to_utc());
    }

    #[test]
    fn words_are_counted() {
        assert_eq!(count_words("Kyiv , on  Saturday — 5 drones"), 5);
        assert_eq!(count_words(""), 0);
    }
}
