//! The publication date of a page, and where it was found.
//!
//! Two kinds of evidence are gathered and weighed, as htmldate and the like do:
//!
//! * **stated** dates, for machines: a complete day in the page's own URL (canonical link or
//!   `og:url`; it holds the local day, which UTC timestamps can miss), else JSON-LD
//!   `datePublished` (of the article, then of any object), publication `<meta>` tags
//!   (`article:published_time`, Dublin Core, Parse.ly, …), microdata, JSON-LD
//!   `dateCreated`/`uploadDate`;
//! * **shown** dates, for readers: the visible text is read in document order, leaving out
//!   navigation, sidebars, comment threads and footers, and the date next to the headline is
//!   taken, preferring short date-like elements (`class="date"`, bylines, `<time>`) and dates
//!   after a label ("Published:", "Stand:", "Mis en ligne le", …); see [`shown`].
//!
//! The stated date wins unless the byline shows a later day (a revision the page is dated by)
//! or the day before a stated timestamp (the timestamp crossed midnight in UTC); see
//! [`decide`]. Without a stated date the shown one is taken, then a publication key in the
//! page's scripts (`"publishedAt": …`), then the first date in the text. Dates before 1995 or
//! after today are never taken. The caller falls back to the URL seen from outside and the
//! file name.

mod page;
mod scan;
mod structured;

use std::sync::LazyLock;
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, NaiveDate};
use dom_query::Document;
use regex::Regex;
use serde_json::Value;

use crate::extract::dates;
use crate::{NewsDate, Provenance};

/// No news page in the scope of newsdex predates this.
const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(1995, 1, 1) {
    Some(d) => d,
    None => panic!("valid date"),
};

/// How far after the headline a byline date may sit (bytes of visible text).
const AFTER_HEADING: usize = 1500;
/// How far before the headline a date may sit (a kicker or a date line above the title).
const BEFORE_HEADING: usize = 400;

/// The page's publication date as written, with its provenance.
pub(super) fn published(
    doc: &Document,
    metas: &[(String, String)],
    ld: &Value,
) -> Option<(String, Provenance)> {
    let ctx = Context {
        today: today(),
        month_first: month_first(doc, metas),
    };
    let stated = match (
        from_url(doc, metas, &ctx),
        from_structured(doc, metas, ld, &ctx),
    ) {
        // The same day: the metadata adds the time of day and the zone.
        (Some(url), Some(meta)) if url.day != meta.day => Some(url),
        (url, meta) => meta.or(url),
    };
    let title = structured::page_title(doc, metas);
    let visible = page::read(doc, title.as_deref());
    let shown = shown(&visible, &ctx);
    let scripted = || {
        structured::script_dates(doc)
            .iter()
            .find_map(|v| ctx.read(v))
            .map(|r| Pick {
                value: r.value,
                day: r.day,
                from: Provenance::Meta,
                utc: r.utc,
            })
    };
    decide(stated, shown, scripted).map(|p| (p.value, p.from))
}

/// A complete day in the page's own URL (canonical link, else `og:url`).
fn from_url(doc: &Document, metas: &[(String, String)], ctx: &Context) -> Option<Pick> {
    let day = structured::page_url(doc, metas)
        .as_deref()
        .and_then(dates::date_from_url)?
        .day();
    ctx.plausible(day).then(|| Pick {
        value: day.to_string(),
        day,
        from: Provenance::Url,
        utc: false,
    })
}

/// The first readable date the page states for machines: JSON-LD `datePublished` (of the
/// article, then of any object), publication `<meta>` tags, microdata, then JSON-LD
/// `dateCreated`/`uploadDate`.
fn from_structured(
    doc: &Document,
    metas: &[(String, String)],
    ld: &Value,
    ctx: &Context,
) -> Option<Pick> {
    let lds = structured::json_ld(doc);
    let json = ld
        .get("datePublished")
        .and_then(crate::ingest::scalar_value)
        .into_iter()
        .chain(lds.article_published)
        .chain(lds.other_published)
        .map(|v| (v, Provenance::JsonLd));
    let markup = structured::meta_published(metas)
        .into_iter()
        .chain(structured::microdata(doc))
        .map(|v| (v, Provenance::Meta));
    let created = lds.created.into_iter().map(|v| (v, Provenance::JsonLd));
    json.chain(markup).chain(created).find_map(|(v, from)| {
        let r = ctx.read(&v)?;
        Some(Pick {
            value: r.value,
            day: r.day,
            from,
            utc: r.utc,
        })
    })
}

/// A candidate date: the value to hand back, its day, where it came from.
#[derive(Debug)]
struct Pick {
    value: String,
    day: NaiveDate,
    from: Provenance,
    /// A timestamp in UTC (or without a zone), rather than a bare day or a local time.
    utc: bool,
}

/// How far after the headline a byline date still overrides the metadata (bytes of text).
const BYLINE_NEAR: usize = 800;

/// The stated date (URL or metadata), unless the date shown under the headline says otherwise:
/// - a later day in the byline: pages show readers the day of their last substantive revision
///   ("Updated …", "Stand: …"), and that is the day the page is dated by;
/// - the day before a stated timestamp, near the headline: the timestamp is in UTC (or another
///   zone) and crossed midnight, while the page shows its own calendar day.
///
/// Without a stated date, the shown one; a date in the page's scripts comes before a date that
/// merely occurs somewhere in the text ([`Place::Anywhere`]).
fn decide(
    stated: Option<Pick>,
    shown: Option<Shown>,
    scripted: impl FnOnce() -> Option<Pick>,
) -> Option<Pick> {
    match (stated, shown) {
        (Some(stated), Some(s)) if overrides(&stated, &s) => Some(s.into_pick()),
        (Some(stated), _) => Some(stated),
        (None, Some(s)) if s.place != Place::Anywhere => Some(s.into_pick()),
        (None, s) => scripted().or_else(|| s.map(Shown::into_pick)),
    }
}

fn overrides(stated: &Pick, s: &Shown) -> bool {
    let near = s.distance <= BYLINE_NEAR && !s.hidden;
    let later = s.place == Place::Byline && s.day > stated.day;
    let midnight = stated.utc
        && matches!(s.place, Place::Byline | Place::AboveHeadline)
        && stated.day.pred_opt() == Some(s.day);
    near && (later || midnight)
}

/// A value read from markup: what to hand back, its day, and whether it is a UTC timestamp.
struct Read {
    value: String,
    day: NaiveDate,
    utc: bool,
}

/// What decides whether a date can be the publication date, and how to read it.
struct Context {
    today: NaiveDate,
    /// `05/11/2022` is month first (the page is in US English).
    month_first: bool,
}

impl Context {
    fn plausible(&self, d: NaiveDate) -> bool {
        EARLIEST <= d && d <= self.today
    }

    /// A value from markup, as the caller will parse it, with its day: the value itself when
    /// [`dates::parse_date`] reads it, else the first day written in it (`Di., 25.01.2022 -
    /// 14:45` → `2022-01-25`). `10/05/2022` is read in the page's order, not always the US one.
    fn read(&self, value: &str) -> Option<Read> {
        let value = value.trim();
        if !AMBIGUOUS.is_match(value)
            && let Some(d) = dates::parse_date(value)
        {
            let day = d.day();
            let utc = matches!(d, NewsDate::Instant(t) if t.offset().local_minus_utc() == 0);
            return self.plausible(day).then(|| Read {
                value: value.to_string(),
                day,
                utc,
            });
        }
        let day = scan::scan(value, self.month_first).first()?.date;
        self.plausible(day).then(|| Read {
            value: day.to_string(),
            day,
            utc: false,
        })
    }
}

/// A numeric date whose order depends on the language: `10/05/2022`, `10-05-2022`.
static AMBIGUOUS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}[/-]\d{1,2}[/-]\d{4}").expect("valid regex"));

/// A date seen on the page, at its place in the visible text.
#[derive(Debug)]
struct Seen {
    at: usize,
    day: NaiveDate,
    /// In a date-like element, after a label, or in an attribute made for dates.
    dateish: bool,
    /// The value to hand back (as written in an attribute, or the day).
    value: String,
    from: Provenance,
    /// Held by an element that shows no text.
    hidden: bool,
}

/// Where a shown date was found, most telling first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// A date-like element right after the headline (a byline, a dateline).
    Byline,
    /// A date-like element just above the headline.
    AboveHeadline,
    /// Plain text right after the headline.
    AfterHeadline,
    /// Plain text just above the headline.
    BeforeHeadline,
    /// A date-like element, or a date after a label ("Published:"), elsewhere.
    Elsewhere,
    /// Any date in the text, when nothing better is there.
    Anywhere,
}

/// A date shown to the reader, and where.
#[derive(Debug)]
struct Shown {
    value: String,
    day: NaiveDate,
    from: Provenance,
    place: Place,
    /// Distance from the headline in bytes of text.
    distance: usize,
    /// Held by an element that shows no text (`<time datetime="…"></time>`).
    hidden: bool,
}

impl Shown {
    fn into_pick(self) -> Pick {
        Pick {
            value: self.value,
            day: self.day,
            from: self.from,
            utc: false,
        }
    }
}

/// The date shown to the reader, by [`Place`]: a date-like one in the byline under the headline
/// (within [`AFTER_HEADING`]), else just above it (within [`BEFORE_HEADING`]), else a plain
/// date right after or before it, else a date-like one anywhere, else any date.
fn shown(v: &page::Visible, ctx: &Context) -> Option<Shown> {
    let found = scan::scan(&v.text, ctx.month_first);
    let mut seen: Vec<Seen> = found
        .iter()
        .enumerate()
        .filter(|(_, f)| ctx.plausible(f.date))
        .map(|(i, f)| {
            let since = i.checked_sub(1).map_or(0, |p| found[p].end);
            Seen {
                at: f.start,
                day: f.date,
                dateish: v.in_dateish(f.start) || v.labelled(f.start, since),
                value: f.date.to_string(),
                from: Provenance::Text,
                hidden: false,
            }
        })
        .collect();
    seen.extend(v.marks.iter().filter(|m| !m.modified).filter_map(|m| {
        let r = ctx.read(&m.value)?;
        Some(Seen {
            at: m.at,
            day: r.day,
            dateish: true,
            value: r.value,
            from: Provenance::Meta,
            hidden: m.hidden,
        })
    }));
    seen.sort_by_key(|s| s.at);
    let make = |s: &Seen, place: Place, distance: usize| Shown {
        value: s.value.clone(),
        day: s.day,
        from: s.from,
        place,
        distance,
        hidden: s.hidden,
    };
    if let Some((start, end)) = v.heading {
        let after = |s: &&Seen| s.at >= end && s.at - end <= AFTER_HEADING;
        let before = |s: &&Seen| s.at < start && start - s.at <= BEFORE_HEADING;
        let near = |s: &&Seen| s.at >= end && s.at - end <= BEFORE_HEADING;
        if let Some(s) = seen.iter().filter(after).find(|s| s.dateish) {
            return Some(make(s, Place::Byline, s.at - end));
        }
        if let Some(s) = seen.iter().filter(before).rev().find(|s| s.dateish) {
            return Some(make(s, Place::AboveHeadline, start - s.at));
        }
        if let Some(s) = seen.iter().find(near) {
            return Some(make(s, Place::AfterHeadline, s.at - end));
        }
        if let Some(s) = seen.iter().rfind(before) {
            return Some(make(s, Place::BeforeHeadline, start - s.at));
        }
    }
    if let Some(s) = seen.iter().find(|s| s.dateish) {
        return Some(make(s, Place::Elsewhere, usize::MAX));
    }
    // Last resort: the first date from the headline on, else the first date of the page.
    let from = v.heading.map_or(0, |(start, _)| start);
    seen.iter()
        .find(|s| s.at >= from)
        .or_else(|| seen.first())
        .map(|s| make(s, Place::Anywhere, usize::MAX))
}

/// Today's date (UTC); dates after it are typos or event announcements.
fn today() -> NaiveDate {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    i64::try_from(secs)
        .ok()
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .map_or(NaiveDate::MAX, |t| t.date_naive())
}

/// Is the page in US English, where `05/11/2022` is May 11?
fn month_first(doc: &Document, metas: &[(String, String)]) -> bool {
    let lang = doc
        .select("html")
        .first()
        .attr("lang")
        .map(|l| l.to_string())
        .or_else(|| {
            metas
                .iter()
                .find(|(k, _)| k == "og:locale" || k == "content-language")
                .map(|(_, v)| v.clone())
        })
        .unwrap_or_default()
        .to_lowercase()
        .replace('_', "-");
    lang == "en" || lang.starts_with("en-us")
}

#[cfg(test)]
mod tests;
