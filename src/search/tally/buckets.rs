//! One segment's timeline counts. Stories are counted per (outlet, bucket) in a dense table
//! over the days the segment's publication dates span, so counting a match is two array
//! look-ups rather than a hash-map update, and days become buckets once per segment, not
//! once per match. Days outside the table (a span too long, or too many outlets × buckets)
//! are counted in a map, exactly as before the table existed.

use chrono::{Datelike, NaiveDate};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{COLLECT_BLOCK_BUFFER_LEN, DocId};

use super::name_of;
use crate::ingest::FnvMap;
use crate::search::timeline::{Counts, Interval};

/// Most days a table spans (about 180 years): a stray date far from the rest makes the
/// table start at the earliest date and leaves the latest ones to the map.
pub(super) const MAX_TABLE_DAYS: i64 = 1 << 16;

/// Most cells (outlets × buckets) of a table: 4 MiB of counts, zeroed and read once each.
const MAX_TABLE_CELLS: usize = 1 << 20;

/// `NaiveDate::num_days_from_ce` of 1970-01-01.
const EPOCH_CE_DAYS: i64 = 719_163;

/// A segment's stories per (outlet, bucket of their publication date).
pub(super) struct SegmentTimeline {
    interval: Interval,
    published: Option<Column<tantivy::DateTime>>,
    outlets: Option<StrColumn>,
    /// Day since the epoch that `bucket_of[0]` stands for.
    first_day: i64,
    /// The bucket of each day from `first_day` on.
    bucket_of: Vec<u32>,
    /// Each bucket's first day.
    starts: Vec<NaiveDate>,
    /// Stories per (outlet slot, bucket), row by row: slot 0 is "no outlet" (and every story
    /// when the timeline is not per outlet), term ordinal `o` is slot `o + 1`. Zeroed by the
    /// allocator (pages of rows never counted into are never touched).
    counts: Vec<u32>,
    /// The slots counted into: harvest reads only their rows, so a selective query over
    /// many outlets does not scan the whole table.
    touched: Vec<bool>,
    /// Stories on days outside the table, per (outlet ordinal, day since the epoch).
    sparse: FnvMap<(Option<u64>, i64), u64>,
    undated: u64,
}

/// The day since the epoch of a date.
fn epoch_day(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce()) - EPOCH_CE_DAYS
}

/// The date of a day since the epoch.
fn date_of(day: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(day + EPOCH_CE_DAYS).ok()?)
}

impl SegmentTimeline {
    /// Counts into buckets of `interval` over `published`, one series per term of
    /// `outlets` when given, in a table of at most `table_days` days.
    pub(super) fn new(
        interval: Interval,
        published: Option<Column<tantivy::DateTime>>,
        outlets: Option<StrColumn>,
        table_days: i64,
    ) -> SegmentTimeline {
        let mut t = SegmentTimeline {
            interval,
            published,
            outlets,
            first_day: 0,
            bucket_of: Vec::new(),
            starts: Vec::new(),
            counts: Vec::new(),
            touched: Vec::new(),
            sparse: FnvMap::default(),
            undated: 0,
        };
        if let Some(column) = &t.published
            && column.num_docs() > 0
        {
            let first = column.min_value().into_timestamp_secs().div_euclid(86_400);
            let last = column.max_value().into_timestamp_secs().div_euclid(86_400);
            t.table(first, last.min(first.saturating_add(table_days - 1)));
        }
        t
    }

    /// Lays out the table over the days `first..=last`, or leaves it empty (everything then
    /// goes to the map) when it would be too large or the dates are out of chrono's range.
    fn table(&mut self, first: i64, last: i64) {
        let Some(mut start) = date_of(first).map(|d| self.interval.start(d)) else {
            return;
        };
        let days = usize::try_from(last - first + 1).unwrap_or(0);
        let slots = 1 + self.outlets.as_ref().map_or(0, |c| c.num_terms());
        // The fewest days a bucket has: the table's size is known before laying it out.
        let shortest = match self.interval {
            Interval::Day => 1,
            Interval::Week => 7,
            Interval::Month => 28,
            Interval::Year => 365,
        };
        if slots.saturating_mul(days / shortest + 2) > MAX_TABLE_CELLS {
            return;
        }
        let mut bucket_of = Vec::with_capacity(days);
        let mut starts = vec![start];
        let mut next = self.interval.next(start).map_or(i64::MAX, epoch_day);
        for day in first..=last {
            if day >= next {
                let Some(d) = date_of(next) else { return };
                start = d;
                starts.push(start);
                next = self.interval.next(start).map_or(i64::MAX, epoch_day);
            }
            bucket_of.push((starts.len() - 1) as u32);
        }
        self.first_day = first;
        self.counts = vec![0; slots * starts.len()];
        self.touched = vec![false; slots];
        self.bucket_of = bucket_of;
        self.starts = starts;
    }

    /// The (outlet ordinal, day since the epoch) of `doc`, or `None` when undated.
    pub(super) fn day(&self, doc: DocId) -> Option<(Option<u64>, i64)> {
        let secs = self.published.as_ref()?.first(doc)?.into_timestamp_secs();
        let outlet = self.outlets.as_ref().and_then(|c| c.term_ords(doc).next());
        Some((outlet, secs.div_euclid(86_400)))
    }

    /// The bucket of a day since the epoch.
    pub(super) fn bucket(&self, day: i64) -> Option<NaiveDate> {
        Some(self.interval.start(date_of(day)?))
    }

    /// The name of an outlet by term ordinal.
    pub(super) fn outlet_name(&self, ord: u64) -> Option<String> {
        name_of(self.outlets.as_ref(), ord)
    }

    /// Counts one story.
    pub(super) fn count(&mut self, doc: DocId) {
        match self.day(doc) {
            Some((outlet, day)) => self.add(outlet, day),
            None => self.undated += 1,
        }
    }

    /// Counts a block of at most `COLLECT_BLOCK_BUFFER_LEN` stories, their dates read
    /// together.
    pub(super) fn count_block(&mut self, docs: &[DocId]) {
        let mut published = [None; COLLECT_BLOCK_BUFFER_LEN];
        let published = &mut published[..docs.len()];
        if let Some(c) = &self.published {
            c.first_vals(docs, published);
        }
        for (&doc, time) in docs.iter().zip(published.iter()) {
            match time {
                Some(t) => {
                    let outlet = self.outlets.as_ref().and_then(|c| c.term_ords(doc).next());
                    self.add(outlet, t.into_timestamp_secs().div_euclid(86_400));
                }
                None => self.undated += 1,
            }
        }
    }

    /// Counts every value of the date column, `run` at a time, as one story each (no
    /// outlets): for a column of one date per document in a segment without deletions,
    /// every dated document.
    pub(super) fn count_every_value(&mut self, run: usize) {
        let Some(column) = self.published.clone() else {
            return;
        };
        let total = column.values.num_vals();
        let mut values = vec![tantivy::DateTime::from_timestamp_secs(0); run];
        let mut start = 0u32;
        while start < total {
            let len = ((total - start) as usize).min(run);
            column
                .values
                .get_range(u64::from(start), &mut values[..len]);
            for v in &values[..len] {
                self.add(None, v.into_timestamp_secs().div_euclid(86_400));
            }
            start += len as u32;
        }
    }

    /// Counts a story of `outlet` published on `day` (since the epoch).
    fn add(&mut self, outlet: Option<u64>, day: i64) {
        let bucket = usize::try_from(day - self.first_day)
            .ok()
            .and_then(|i| self.bucket_of.get(i));
        match bucket {
            Some(&b) => {
                let slot = outlet.map_or(0, |o| o as usize + 1);
                if let Some(n) = self.counts.get_mut(slot * self.starts.len() + b as usize) {
                    *n += 1;
                    self.touched[slot] = true;
                }
            }
            None => *self.sparse.entry((outlet, day)).or_default() += 1,
        }
    }

    /// Adds the counts to `out` (outlet name → bucket → stories); returns the undated.
    pub(super) fn harvest(&self, out: &mut Counts) -> u64 {
        let mut undated = self.undated;
        let width = self.starts.len().max(1);
        for (slot, row) in self.counts.chunks(width).enumerate() {
            if !self.touched[slot] {
                continue;
            }
            let outlet = slot.checked_sub(1).and_then(|o| self.outlet_name(o as u64));
            let into = out.entry(outlet).or_default();
            for (&start, &n) in self.starts.iter().zip(row) {
                if n > 0 {
                    *into.entry(start).or_default() += u64::from(n);
                }
            }
        }
        // Days to buckets by ordinal first: names are looked up once per outlet and
        // bucket, not once per outlet and day.
        let mut by_ord: FnvMap<Option<u64>, FnvMap<NaiveDate, u64>> = FnvMap::default();
        for (&(ord, day), &n) in &self.sparse {
            match self.bucket(day) {
                Some(start) => *by_ord.entry(ord).or_default().entry(start).or_default() += n,
                None => undated += n,
            }
        }
        for (ord, days) in by_ord {
            let into = out
                .entry(ord.and_then(|o| self.outlet_name(o)))
                .or_default();
            for (start, n) in days {
                *into.entry(start).or_default() += n;
            }
        }
        undated
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> i64 {
        epoch_day(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
    }

    /// The table's buckets are those `Interval::start` gives day by day, across month,
    /// year and leap-day boundaries, for every interval.
    #[test]
    fn table_buckets_are_interval_starts() {
        for interval in [
            Interval::Day,
            Interval::Week,
            Interval::Month,
            Interval::Year,
        ] {
            let mut t = SegmentTimeline::new(interval, None, None, MAX_TABLE_DAYS);
            let (first, last) = (day("2019-12-27"), day("2021-03-03"));
            t.table(first, last);
            assert_eq!(t.bucket_of.len() as i64, last - first + 1, "{interval:?}");
            for d in first..=last {
                let b = t.bucket_of[(d - first) as usize] as usize;
                assert_eq!(Some(t.starts[b]), t.bucket(d), "{interval:?} day {d}");
            }
            assert_eq!(t.counts.len(), t.starts.len(), "{interval:?}");
        }
    }

    /// Epoch days and dates convert both ways, before and after 1970.
    #[test]
    fn epoch_days_round_trip() {
        assert_eq!(day("1970-01-01"), 0);
        assert_eq!(day("1969-12-31"), -1);
        for d in [-800_000, -1, 0, 1, 19_300, 2_000_000] {
            assert_eq!(date_of(d).map(epoch_day), Some(d));
        }
        assert_eq!(date_of(i64::MAX / 2), None);
    }
}
