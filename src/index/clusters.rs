//! Syndication clusters, assigned at the end of an indexing run: articles whose body
//! SimHashes are at most [`MAX_DISTANCE`] bits apart are copies of one story.
//!
//! The pass reads only fast columns (id, published, SimHash, current cluster) for the whole
//! index, finds candidate pairs by splitting each 64-bit signature into `MAX_DISTANCE + 1`
//! blocks (two signatures within the distance agree exactly on at least one block), checks
//! them, and joins matches with union-find. Each cluster's canonical copy is its earliest
//! published member (undated last, ties by id); the cluster key is a hash of the canonical
//! id. Only articles whose key or rank changed are rewritten (from their stored fields), so a
//! re-run that changes nothing writes nothing, a new copy joins its cluster, and deleting the
//! canonical copy promotes the next one.

use std::collections::HashMap;

use tantivy::{DocAddress, IndexWriter, TantivyDocument};

use super::document::{ClusterSlot, replace};
use super::readback::ReadBack;
use super::state::first_str;
use super::{NewsIndex, SOURCE};
use crate::Result;
use crate::extract::syndication::{MAX_DISTANCE, MAX_GAP_SECS, distance};

/// What a clustering pass found and did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Clustered {
    /// Clusters (of two or more articles) in the index.
    pub clusters: usize,
    /// Articles in those clusters.
    pub members: usize,
    /// Articles rewritten because their cluster changed.
    pub rewritten: usize,
}

/// One article, as the pass needs it. Ids are looked up only for articles in a cluster
/// (a few percent): keeping every id here made the pass's memory grow with the corpus.
struct Member {
    addr: DocAddress,
    published: Option<i64>,
    sig: Option<u64>,
    slot: ClusterSlot,
}

/// Recomputes the clusters of the last commit and rewrites the articles whose cluster
/// changed. The caller commits.
pub(crate) fn assign_clusters(
    index: &NewsIndex,
    writer: &IndexWriter<TantivyDocument>,
) -> Result<Clustered> {
    let searcher = index.searcher()?;
    let members = scan(&searcher)?;
    let ids = Ids::open(&searcher)?;
    let slots = cluster(&members, |addr| ids.get(addr))?;
    let mut done = Clustered::default();
    let mut seen_keys = std::collections::HashSet::new();
    let fields = index.schema.fields();
    let stored = ReadBack::open(index, &searcher)?;
    for (m, slot) in members.iter().zip(&slots) {
        if slot.key != 0 {
            done.members += 1;
            if seen_keys.insert(slot.key) {
                done.clusters += 1;
            }
        }
        if *slot == m.slot {
            continue;
        }
        let (article, mut source, removed) = stored.article(m.addr)?;
        source.cluster = *slot;
        replace(writer, fields, &article, &source, &removed)?;
        done.rewritten += 1;
    }
    Ok(done)
}

fn scan(searcher: &tantivy::Searcher) -> Result<Vec<Member>> {
    let mut out = Vec::new();
    let mut kind = String::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let ff = segment.fast_fields();
        let ids = ff.str("id")?;
        let kinds = ff.str("doc_kind")?;
        let sigs = ff.column_opt::<u64>("simhash")?;
        let keys = ff.column_opt::<u64>("dup_key")?;
        let ranks = ff.column_opt::<u64>("dup_rank")?;
        let published = ff.column_opt::<tantivy::DateTime>("published")?;
        for doc in segment.doc_ids_alive() {
            if first_str(kinds.as_ref(), doc, &mut kind)? && kind == SOURCE {
                continue;
            }
            // Articles without an id (none are written) are left out.
            if ids
                .as_ref()
                .is_none_or(|c| c.term_ords(doc).next().is_none())
            {
                continue;
            }
            let first =
                |c: &Option<tantivy::columnar::Column<u64>>| c.as_ref().and_then(|c| c.first(doc));
            out.push(Member {
                addr: DocAddress::new(ord as u32, doc),
                published: published
                    .as_ref()
                    .and_then(|c| c.first(doc))
                    .map(|d| d.into_timestamp_secs()),
                sig: first(&sigs),
                slot: ClusterSlot {
                    key: first(&keys).unwrap_or(0),
                    rank: first(&ranks).unwrap_or(0),
                },
            });
        }
    }
    Ok(out)
}

/// The `id` column of every segment, for the few articles whose id the pass needs.
struct Ids(Vec<Option<tantivy::columnar::StrColumn>>);

impl Ids {
    fn open(searcher: &tantivy::Searcher) -> Result<Ids> {
        let cols = searcher
            .segment_readers()
            .iter()
            .map(|s| s.fast_fields().str("id"))
            .collect::<std::result::Result<_, _>>()?;
        Ok(Ids(cols))
    }

    fn get(&self, addr: DocAddress) -> Result<String> {
        let mut id = String::new();
        first_str(
            self.0[addr.segment_ord as usize].as_ref(),
            addr.doc_id,
            &mut id,
        )?;
        Ok(id)
    }
}

/// The cluster slot each member should have (`key` 0 when it has no near-duplicate); `id_of`
/// gives a member's id (only members of clusters are asked).
fn cluster(
    members: &[Member],
    id_of: impl Fn(DocAddress) -> Result<String>,
) -> Result<Vec<ClusterSlot>> {
    let sigs: Vec<(usize, u64, Option<i64>)> = members
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.sig.map(|s| (i, s, m.published)))
        .collect();
    let mut parent: Vec<usize> = (0..members.len()).collect();
    for (i, j) in candidate_pairs(&sigs) {
        union(&mut parent, i, j);
    }
    // (root, member) of members that joined another, sorted: each run of one root is a
    // cluster. A map of every member's group would hold a vector per article.
    let mut joined: Vec<(usize, usize)> = Vec::new();
    for i in 0..members.len() {
        let root = find(&mut parent, i);
        if root != i {
            joined.push((root, i));
            joined.push((root, root));
        }
    }
    joined.sort_unstable();
    joined.dedup();
    let mut slots = vec![ClusterSlot::default(); members.len()];
    for run in joined.chunk_by(|a, b| a.0 == b.0) {
        let mut group: Vec<(Option<i64>, String, usize)> = Vec::with_capacity(run.len());
        for &(_, i) in run {
            group.push((members[i].published, id_of(members[i].addr)?, i));
        }
        group.sort_by(|a, b| (a.0.is_none(), a.0, &a.1).cmp(&(b.0.is_none(), b.0, &b.1)));
        let key = cluster_key(&group[0].1);
        for (rank, (_, _, i)) in group.into_iter().enumerate() {
            slots[i] = ClusterSlot {
                key,
                rank: rank as u64,
            };
        }
    }
    Ok(slots)
}

/// Pairs of member indexes whose signatures are within [`MAX_DISTANCE`] bits and whose
/// publication times are within [`MAX_GAP_SECS`] (an undated article is compared with all).
fn candidate_pairs(sigs: &[(usize, u64, Option<i64>)]) -> Vec<(usize, usize)> {
    let blocks = MAX_DISTANCE as usize + 1;
    let mut pairs = Vec::new();
    for b in 0..blocks {
        let lo = 64 * b / blocks;
        let hi = 64 * (b + 1) / blocks;
        let mask = ((1u64 << (hi - lo)) - 1) << lo;
        let mut buckets: HashMap<u64, Vec<(usize, u64, Option<i64>)>> = HashMap::new();
        for &(i, s, t) in sigs {
            buckets.entry(s & mask).or_default().push((i, s, t));
        }
        for mut bucket in buckets.into_values() {
            // Dated first, in time order, so each is compared only within the window.
            bucket.sort_by_key(|&(i, _, t)| (t.is_none(), t, i));
            let dated = bucket.iter().take_while(|e| e.2.is_some()).count();
            let (with_date, undated) = bucket.split_at(dated);
            let mut check = |a: (usize, u64, Option<i64>), b: (usize, u64, Option<i64>)| {
                if distance(a.1, b.1) <= MAX_DISTANCE {
                    pairs.push((a.0, b.0));
                }
            };
            for (x, &a) in with_date.iter().enumerate() {
                let t = a.2.unwrap_or(0);
                for &b in with_date[x + 1..]
                    .iter()
                    .take_while(|b| b.2.unwrap_or(0) - t <= MAX_GAP_SECS)
                {
                    check(a, b);
                }
                for &b in undated {
                    check(a, b);
                }
            }
            for (x, &a) in undated.iter().enumerate() {
                for &b in &undated[x + 1..] {
                    check(a, b);
                }
            }
        }
    }
    pairs
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// A nonzero key from the canonical copy's id (FNV-1a).
fn cluster_key(id: &str) -> u64 {
    let h = id.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    h.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A member whose id is its document number's name in `IDS`.
    fn member(id: &str, published: Option<i64>, sig: Option<u64>) -> Member {
        let doc = IDS.iter().position(|i| *i == id).unwrap() as u32;
        Member {
            addr: DocAddress::new(0, doc),
            published,
            sig,
            slot: ClusterSlot::default(),
        }
    }

    const IDS: [&str; 5] = ["a", "b", "c", "far", "short"];

    #[test]
    fn near_signatures_cluster_and_earliest_is_canonical() {
        let s = 0x0123_4567_89ab_cdef_u64;
        let members = [
            member("b", Some(20), Some(s ^ 0b101)),
            member("a", Some(10), Some(s)),
            member("c", None, Some(s ^ (1 << 40))),
            member("far", Some(5), Some(!s)),
            member("short", Some(5), None),
        ];
        let slots = cluster(&members, |a| Ok(IDS[a.doc_id as usize].to_string())).unwrap();
        let key = cluster_key("a");
        assert_eq!(slots[1], ClusterSlot { key, rank: 0 });
        assert_eq!(slots[0], ClusterSlot { key, rank: 1 });
        assert_eq!(slots[2], ClusterSlot { key, rank: 2 });
        assert_eq!(slots[3], ClusterSlot::default());
        assert_eq!(slots[4], ClusterSlot::default());
    }
}
