//! Which segments merge. A merge reads its segments through memory maps, and every page it
//! touches counts as the indexer's resident memory until the merge ends, so the size of the
//! largest merge sets the peak memory of a long run: merges here are bounded in the documents
//! they read, however large the corpus grows.

use std::collections::HashMap;

use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};
use tantivy::{IndexWriter, TantivyDocument};

use crate::Result;
use crate::index::NewsIndex;

/// Segments of more documents than this are left as they are.
const MERGE_MAX_DOCS: usize = 30_000;

/// While the writer runs, no merge reads more documents than this (about 2.6 KB each of
/// mapped index at 200,000 generated articles: some 105 MiB). Merges of four 20,480-document
/// segments used to read 82,000 documents, over 200 MiB of maps on top of the writer's heap;
/// 61,440 still peaked at 417 MiB.
const MERGED_MAX_DOCS: u32 = 40_960;

/// Merges every four segments of similar size (tantivy's default waits for eight), up to
/// [`MERGE_MAX_DOCS`] each and [`MERGED_MAX_DOCS`] together.
pub(super) fn policy() -> CappedMerges {
    let mut policy = LogMergePolicy::default();
    policy.set_min_num_segments(4);
    policy.set_max_docs_before_merge(MERGE_MAX_DOCS);
    CappedMerges(policy)
}

/// tantivy's log merge policy, with each merge cut to its smallest segments that together
/// hold at most [`MERGED_MAX_DOCS`] documents.
#[derive(Debug)]
pub(super) struct CappedMerges(LogMergePolicy);

impl MergePolicy for CappedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs: HashMap<SegmentId, u32> =
            segments.iter().map(|m| (m.id(), m.max_doc())).collect();
        self.0
            .compute_merge_candidates(segments)
            .into_iter()
            .filter_map(|c| {
                let group = capped(c.0, MERGED_MAX_DOCS, |id| {
                    docs.get(id).copied().unwrap_or(0)
                });
                (group.len() >= 2).then_some(MergeCandidate(group))
            })
            .collect()
    }
}

/// The smallest of `ids` whose documents add up to at most `cap`.
fn capped(mut ids: Vec<SegmentId>, cap: u32, docs: impl Fn(&SegmentId) -> u32) -> Vec<SegmentId> {
    ids.sort_by_key(|id| docs(id));
    let mut total = 0u32;
    ids.into_iter()
        .take_while(|id| {
            total = total.saturating_add(docs(id));
            total <= cap
        })
        .collect()
}

/// At the end of a run, merges the small segments left over (fewer than the policy's four
/// of a size, or one per run of an incremental update): fewer segments to search. They merge
/// in groups of at most [`MERGED_MAX_DOCS`] documents, one group at a time, through maps of
/// their own: the index's reader maps the same segments, and pages a merge touched through
/// the reader's maps stayed resident until the reader let go of those segments (two merges
/// of 82,000 documents at the end of a run once held 500 MiB of maps).
pub(super) fn merge_leftovers(index: &NewsIndex) -> Result<()> {
    let own = match index.dir() {
        Some(dir) => {
            let mut own = tantivy::Index::open_in_dir(dir)?;
            crate::index::register_plugins(&mut own, &index.schema);
            own
        }
        None => index.index.clone(),
    };
    let metas = own.searchable_segment_metas()?;
    let docs: HashMap<SegmentId, u32> = metas.iter().map(|m| (m.id(), m.max_doc())).collect();
    let mut small: Vec<SegmentId> = metas
        .iter()
        .filter(|m| (m.num_docs() as usize) <= MERGE_MAX_DOCS)
        .map(|m| m.id())
        .collect();
    // A live `SegmentMeta` marks its segment's files as in use: held through the merges, it
    // kept the garbage collector from deleting the merged-away segments.
    drop(metas);
    let mut writer: Option<IndexWriter<TantivyDocument>> = None;
    while small.len() >= 2 {
        let group = capped(small.clone(), MERGED_MAX_DOCS, |id| {
            docs.get(id).copied().unwrap_or(0)
        });
        if group.len() < 2 {
            break;
        }
        small.retain(|id| !group.contains(id));
        let w = match &mut writer {
            Some(w) => w,
            None => {
                let w: IndexWriter<TantivyDocument> = own.writer_with_num_threads(1, 15_000_000)?;
                w.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
                writer.insert(w)
            }
        };
        w.merge(&group).wait()?;
    }
    if let Some(w) = writer {
        w.wait_merging_threads()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftover_merge_leaves_no_files_of_merged_segments() {
        let dir = tempfile::tempdir().unwrap();
        let index = NewsIndex::create(dir.path()).unwrap();
        let mut w = index.indexer(crate::WriterOptions::default()).unwrap();
        for i in 0..3 {
            let a = crate::Article::new(format!("a{i}"), format!("a{i}.txt"), "A ferry left.");
            w.add_article(&a).unwrap();
            w.commit().unwrap();
        }
        w.finish().unwrap();
        let stores = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "store"))
            })
            .count();
        assert_eq!(
            stores,
            index.index.searchable_segment_metas().unwrap().len()
        );
        assert_eq!(stores, 1);
    }

    #[test]
    fn a_merge_takes_the_smallest_segments_up_to_the_cap() {
        let ids: Vec<SegmentId> = (0..4).map(|_| SegmentId::generate_random()).collect();
        let sizes: HashMap<SegmentId, u32> = ids.iter().map(|id| (*id, 20_480)).collect();
        let group = capped(ids.clone(), MERGED_MAX_DOCS, |id| sizes[id]);
        assert_eq!(group.len(), 2, "two of 20,480 fit in {MERGED_MAX_DOCS}");
        let mut sizes = sizes;
        sizes.insert(ids[3], 5_000);
        let group = capped(ids.clone(), MERGED_MAX_DOCS, |id| sizes[id]);
        assert_eq!(group[0], ids[3], "smallest first");
    }
}
