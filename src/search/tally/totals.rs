//! The denominators of a normalised timeline when no filter narrows the articles: every
//! article's publication day, read straight down each segment's date column a run of values
//! at a time, instead of visiting 200,000 documents one by one through a query (which cost
//! a normalised timeline several times the query alone). A story of several clustered copies
//! still counts once, by its lowest-ranked copy, as the tally counts it.

use std::collections::HashMap;

use chrono::NaiveDate;
use tantivy::columnar::Cardinality;
use tantivy::{DocAddress, Searcher};

use super::buckets::{MAX_TABLE_DAYS, SegmentTimeline};
use crate::search::timeline::{Counts, Interval};

/// Values decoded at a time.
const RUN: usize = 1024;

/// Stories per bucket of `interval` over every article of `searcher` (each copy a story
/// unless `collapse`), or `None` where this way cannot count them (a segment with deleted
/// documents, whose values the column still holds, or with several dates per document):
/// the caller then runs the query.
pub(crate) fn every_article(
    searcher: &Searcher,
    interval: Interval,
    collapse: bool,
) -> tantivy::Result<Option<Counts>> {
    let mut counts = Counts::default();
    // Clustered copies: key → (rank, address, bucket).
    type Copy = (u64, DocAddress, Option<NaiveDate>);
    let mut clusters: HashMap<u64, Vec<Copy>> = HashMap::new();
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        if reader.has_deletes() {
            return Ok(None);
        }
        let ff = reader.fast_fields();
        let published = ff.column_opt::<tantivy::DateTime>("published")?;
        let timeline = match published {
            Some(column) => {
                if column.get_cardinality() == Cardinality::Multivalued {
                    return Ok(None);
                }
                let mut t = SegmentTimeline::new(interval, Some(column), None, MAX_TABLE_DAYS);
                t.count_every_value(RUN);
                t.harvest(&mut counts);
                Some(t)
            }
            None => None,
        };
        if !collapse {
            continue;
        }
        let (Some(keys), ranks) = (
            ff.column_opt::<u64>("dup_key")?,
            ff.column_opt::<u64>("dup_rank")?,
        ) else {
            continue;
        };
        let mut clustered = Vec::new();
        keys.get_docids_for_value_range(1..=u64::MAX, 0..reader.max_doc(), &mut clustered);
        for doc in clustered {
            let Some(key) = keys.first(doc) else { continue };
            let rank = ranks.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
            let bucket = timeline.as_ref().and_then(|t| t.bucket(t.day(doc)?.1));
            clusters
                .entry(key)
                .or_default()
                .push((rank, DocAddress::new(ord as u32, doc), bucket));
        }
    }
    // Every copy was counted: take back all but each story's lowest-ranked one.
    for (_, copies) in clusters {
        let best = copies.iter().map(|&(rank, addr, _)| (rank, addr)).min();
        for (rank, addr, bucket) in copies {
            if Some((rank, addr)) == best {
                continue;
            }
            if let Some(start) = bucket
                && let Some(series) = counts.get_mut(&None)
                && let Some(n) = series.get_mut(&start)
            {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    series.remove(&start);
                }
            }
        }
    }
    counts.retain(|_, series| !series.is_empty());
    Ok(Some(counts))
}
