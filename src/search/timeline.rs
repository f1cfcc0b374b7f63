//! Timelines: matching stories per day, week, month or year of publication, optionally one
//! series per outlet, optionally divided by everything the index holds for the same bucket
//! (and outlet) so attention is comparable over time.

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
#[cfg(test)]
use tantivy::Searcher;
#[cfg(test)]
use tantivy::columnar::StrColumn;

#[cfg(test)]
use super::collapse::Group;
use crate::ingest::FnvMap;
use crate::{Error, Result};

/// Width of a timeline bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    /// Calendar days (UTC).
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

impl Interval {
    /// Parses `day`, `week`, `month` or `year`.
    ///
    /// # Errors
    /// [`Error::InvalidRequest`] for anything else.
    pub fn parse(s: &str) -> Result<Interval> {
        match s.trim().to_lowercase().as_str() {
            "day" | "daily" => Ok(Interval::Day),
            "week" | "weekly" => Ok(Interval::Week),
            "month" | "monthly" => Ok(Interval::Month),
            "year" | "yearly" => Ok(Interval::Year),
            other => Err(Error::InvalidRequest(format!(
                "unknown timeline interval {other:?}: expected day, week, month or year"
            ))),
        }
    }

    /// The first day of the bucket holding `d`.
    pub(crate) fn start(self, d: NaiveDate) -> NaiveDate {
        match self {
            Interval::Day => d,
            Interval::Week => d - Days::new(u64::from(d.weekday().num_days_from_monday())),
            Interval::Month => d.with_day(1).unwrap_or(d),
            Interval::Year => d.with_ordinal(1).unwrap_or(d),
        }
    }

    /// The first day of the bucket after the one starting on `d`.
    pub(crate) fn next(self, d: NaiveDate) -> Option<NaiveDate> {
        match self {
            Interval::Day => d.succ_opt(),
            Interval::Week => d.checked_add_days(Days::new(7)),
            Interval::Month => d.checked_add_months(Months::new(1)),
            Interval::Year => d.checked_add_months(Months::new(12)),
        }
    }

    /// The bucket's name: `2022-11-05`, `2022-W44`, `2022-11` or `2022`.
    fn label(self, start: NaiveDate) -> String {
        match self {
            Interval::Day => start.format("%Y-%m-%d").to_string(),
            Interval::Week => {
                let w = start.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            Interval::Month => start.format("%Y-%m").to_string(),
            Interval::Year => start.format("%Y").to_string(),
        }
    }
}

/// One bucket of a series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bucket {
    /// The period: `2022-11-05`, `2022-W44`, `2022-11` or `2022`.
    pub period: String,
    /// Its first day.
    pub start: String,
    /// Matching stories published in it.
    pub count: u64,
    /// With normalising: all stories the index holds for the period (and outlet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    /// With normalising: `count / total` (0 when the total is 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
}

/// Counts over time for all matches, or for one outlet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// The outlet, with `per_outlet`; `None` for all matches together.
    pub outlet: Option<String>,
    /// Matching stories in the series.
    pub count: u64,
    /// One bucket per period from the first to the last period with a match (empty periods
    /// included, with count 0).
    pub buckets: Vec<Bucket>,
}

/// A date histogram of the matches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    /// Bucket width.
    pub interval: Interval,
    /// Whether buckets carry `total` and `share`.
    pub normalized: bool,
    /// One series, or one per outlet (largest first).
    pub series: Vec<Series>,
    /// Matching stories without a publication date (in no bucket).
    pub undated: u64,
}

/// Counts per outlet (if asked) and bucket start.
pub(crate) type Counts = HashMap<Option<String>, FnvMap<NaiveDate, u64>>;

/// Counts the groups' shown copies per bucket (and outlet); returns them and the undated:
/// the plain reference `tally` is tested against.
#[cfg(test)]
pub(crate) fn bucket_counts(
    searcher: &Searcher,
    groups: &[Group],
    interval: Interval,
    per_outlet: bool,
) -> Result<(Counts, u64)> {
    let mut counts = Counts::new();
    let mut undated = 0;
    let mut outlets: HashMap<u32, Option<StrColumn>> = HashMap::new();
    let mut outlet_buf = String::new();
    for g in groups {
        let Some(day) = g
            .rep
            .published
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
            .map(|t| t.date_naive())
        else {
            undated += 1;
            continue;
        };
        let outlet = if per_outlet {
            let seg = g.rep.addr.segment_ord;
            let col = match outlets.get(&seg) {
                Some(c) => c,
                None => {
                    let c = searcher.segment_reader(seg).fast_fields().str("outlet")?;
                    outlets.entry(seg).or_insert(c)
                }
            };
            crate::index::first_str(col.as_ref(), g.rep.addr.doc_id, &mut outlet_buf)?
                .then(|| outlet_buf.clone())
        } else {
            None
        };
        *counts
            .entry(outlet)
            .or_default()
            .entry(interval.start(day))
            .or_default() += 1;
    }
    Ok((counts, undated))
}

/// Most buckets a series is filled out to (empty periods between matches); beyond, only
/// periods with matches are listed.
const MAX_FILLED: usize = 20_000;

/// Assembles the timeline from match counts and, when normalising, the index's counts.
pub(crate) fn build(
    interval: Interval,
    counts: Counts,
    undated: u64,
    totals: Option<&Counts>,
) -> Timeline {
    let first = counts.values().flat_map(|s| s.keys()).min().copied();
    let last = counts.values().flat_map(|s| s.keys()).max().copied();
    let mut periods = Vec::new();
    if let (Some(first), Some(last)) = (first, last) {
        let mut d = first;
        while d <= last && periods.len() < MAX_FILLED {
            periods.push(d);
            match interval.next(d) {
                Some(n) => d = n,
                None => break,
            }
        }
        if periods.last() != Some(&last) {
            periods = counts
                .values()
                .flat_map(|s| s.keys().copied())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
        }
    }
    // Labels once per period, not once per period and series.
    let labels: Vec<(String, String)> = periods
        .iter()
        .map(|&start| (interval.label(start), start.format("%Y-%m-%d").to_string()))
        .collect();
    let mut out: Vec<Series> = counts
        .into_iter()
        .map(|(outlet, counts)| {
            let totals = totals.map(|t| t.get(&outlet));
            let buckets = periods
                .iter()
                .zip(&labels)
                .map(|(start, (period, first_day))| {
                    let count = counts.get(start).copied().unwrap_or(0);
                    let total = totals.map(|t| t.and_then(|t| t.get(start)).copied().unwrap_or(0));
                    Bucket {
                        period: period.clone(),
                        start: first_day.clone(),
                        count,
                        total,
                        share: total.map(|t| if t == 0 { 0.0 } else { count as f64 / t as f64 }),
                    }
                })
                .collect();
            Series {
                count: counts.values().sum(),
                outlet,
                buckets,
            }
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.outlet.cmp(&b.outlet)));
    Timeline {
        interval,
        normalized: totals.is_some(),
        series: out,
        undated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn buckets_start_and_label() {
        let d = day("2022-11-05");
        assert_eq!(Interval::Week.start(d), day("2022-10-31"));
        assert_eq!(Interval::Week.label(day("2022-10-31")), "2022-W44");
        assert_eq!(Interval::Month.label(Interval::Month.start(d)), "2022-11");
        assert_eq!(Interval::Year.label(Interval::Year.start(d)), "2022");
    }

    #[test]
    fn gaps_are_filled_and_shares_computed() {
        let mut counts = Counts::new();
        let series = counts.entry(None).or_default();
        series.insert(day("2022-10-01"), 2);
        series.insert(day("2022-12-01"), 1);
        let mut totals = Counts::new();
        let series = totals.entry(None).or_default();
        series.insert(day("2022-10-01"), 4);
        series.insert(day("2022-12-01"), 1);
        let t = build(Interval::Month, counts, 3, Some(&totals));
        let b = &t.series[0].buckets;
        assert_eq!(b.len(), 3);
        assert_eq!((b[1].period.as_str(), b[1].count), ("2022-11", 0));
        assert_eq!(b[0].share, Some(0.5));
        assert_eq!(t.series[0].count, 3);
        assert_eq!(t.undated, 3);
    }
}
