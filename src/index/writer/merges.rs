//! Which segments merge. Merges read their segments with `pread` (on Unix; see
//! [`PreadDirectory`](super::pread_dir::PreadDirectory)): through memory maps every page a
//! merge touched counted as the indexer's resident memory until the merge ended. What a merge
//! keeps in its heap is what tantivy reads whole (term dictionaries, fast columns, field
//! norms), so merges during a run are bounded in the documents they read, and the merge at the
//! end of a run, which makes everything the run wrote one segment, in the documents it merges.

use std::collections::{HashMap, HashSet};

use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};

use crate::Result;
use crate::index::NewsIndex;

/// Segments of more documents than this are left as they are.
const MERGE_MAX_DOCS: usize = 30_000;

/// While the writer runs, no merge reads more documents than this. Read through memory maps
/// (off Unix) that is about 2.6 KB each of mapped index at 200,000 generated articles, some
/// 105 MiB; merges of four 20,480-document segments used to read 82,000 documents, over
/// 200 MiB of maps on top of the writer's heap.
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

/// The largest merge at the end of a run, in documents. Read with `pread`, a merge keeps in
/// its heap what tantivy reads whole (term dictionaries, fast columns, field norms: about
/// 0.35–0.4 KB per document at 200,000 generated articles), so this bounds the merge's memory
/// (some 100 MiB) however large the run. Without `pread` (not Unix) the merge maps every
/// page it reads, so it is held to the bound of the merges during a run.
#[cfg(unix)]
const FINAL_MAX_DOCS: u32 = 262_144;
#[cfg(not(unix))]
const FINAL_MAX_DOCS: u32 = MERGED_MAX_DOCS;

/// At the end of a run, merges the segments it wrote (`before` holds those the index had
/// when it started) and the small ones left by earlier runs (at most [`MERGE_MAX_DOCS`]
/// documents each) into one, up to [`FINAL_MAX_DOCS`] documents: each segment costs every
/// search its opening and per-field statistics, a few tenths of a millisecond each. An
/// incremental run merges what it added and small segments only, never the large segments of
/// earlier runs.
///
/// The merge reads its segments with `pread`, not memory maps (see
/// [`PreadDirectory`](super::pread_dir::PreadDirectory)), so its memory is bounded by what
/// tantivy keeps whole, not by the documents it reads.
pub(super) fn merge_at_end(own: &tantivy::Index, before: &HashSet<SegmentId>) -> Result<()> {
    let metas = own.searchable_segment_metas()?;
    let segments: Vec<Candidate> = metas
        .iter()
        .map(|m| Candidate {
            id: m.id(),
            max_doc: m.max_doc(),
            live: m.num_docs(),
        })
        .collect();
    // A live `SegmentMeta` marks its segment's files as in use: held through the merge, it
    // kept the garbage collector from deleting the merged-away segments.
    drop(metas);
    let group = final_group(&segments, before);
    if group.len() < 2 {
        return Ok(());
    }
    // The run's writer has just let go of the index lock (see `lock_writer`).
    let mut writer = super::lock_writer(own, 1, 15_000_000)?;
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    writer.merge(&group).wait()?;
    writer.wait_merging_threads()?;
    Ok(())
}

/// A segment the end-of-run merge may take.
#[derive(Clone, Copy)]
struct Candidate {
    id: SegmentId,
    max_doc: u32,
    live: u32,
}

/// The segments the end-of-run merge takes: those not in `before` (written by this run) and
/// the small ones, smallest first, up to [`FINAL_MAX_DOCS`] documents.
fn final_group(segments: &[Candidate], before: &HashSet<SegmentId>) -> Vec<SegmentId> {
    let docs: HashMap<SegmentId, u32> = segments.iter().map(|s| (s.id, s.max_doc)).collect();
    let candidates = segments
        .iter()
        .filter(|s| !before.contains(&s.id) || (s.live as usize) <= MERGE_MAX_DOCS)
        .map(|s| s.id)
        .collect();
    capped(candidates, FINAL_MAX_DOCS, |id| {
        docs.get(id).copied().unwrap_or(0)
    })
}

/// The index in `dir`, its files read with `pread` where the platform has it.
/// The index a writer works on: `index` itself for an index in memory; for a folder, the
/// folder opened again with its files read by `pread` (on Unix), with the same analysers and
/// plugins, so that the segments a merge reads do not stay resident as mapped pages.
pub(super) fn writing_index(index: &NewsIndex) -> Result<tantivy::Index> {
    match index.dir() {
        Some(dir) => {
            let mut own = open_for_merging(dir)?;
            crate::index::register_plugins(&mut own, &index.schema);
            crate::index::analyzers::register(&own);
            Ok(own)
        }
        None => Ok(index.index.clone()),
    }
}

fn open_for_merging(dir: &std::path::Path) -> Result<tantivy::Index> {
    #[cfg(unix)]
    {
        Ok(tantivy::Index::open(
            super::pread_dir::PreadDirectory::open(dir)?,
        )?)
    }
    #[cfg(not(unix))]
    {
        Ok(tantivy::Index::open_in_dir(dir)?)
    }
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

    #[test]
    fn the_end_of_a_run_merges_what_it_wrote_and_small_segments_only() {
        let seg = |max_doc: u32| Candidate {
            id: SegmentId::generate_random(),
            max_doc,
            live: max_doc,
        };
        // A first run: every segment is its own, however large.
        let fresh: Vec<Candidate> = [40_960, 40_960, 40_960, 36_161, 27_956, 20_480]
            .into_iter()
            .map(seg)
            .collect();
        assert_eq!(final_group(&fresh, &HashSet::new()).len(), 6);
        // A later run: its segment, and earlier small ones, but not the earlier large one.
        let old = [seg(200_000), seg(3_000)];
        let before: HashSet<SegmentId> = old.iter().map(|s| s.id).collect();
        let new = seg(500);
        let group = final_group(&[old[0], old[1], new], &before);
        assert_eq!(group, vec![new.id, old[1].id]);
        // The merge stays bounded, whatever the run wrote.
        let huge: Vec<Candidate> = (0..10).map(|_| seg(100_000)).collect();
        let group = final_group(&huge, &HashSet::new());
        assert!(group.len() >= 2 && group.len() as u32 * 100_000 <= FINAL_MAX_DOCS);
    }
}
