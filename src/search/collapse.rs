//! Collecting every match with what ranking, collapsing and counting need — score,
//! syndication cluster, publication time — read from fast columns, never stored fields; then
//! folding the copies of one syndicated story into one group.
//!
//! Totals, facets and timelines count groups, so with collapsing on (the default) a story
//! carried by three outlets counts once everywhere, not only in the hit list.

use std::collections::HashMap;

use tantivy::DocAddress;
#[cfg(test)]
use tantivy::collector::{Collector, SegmentCollector};
#[cfg(test)]
use tantivy::columnar::Column;
#[cfg(test)]
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// One matching article.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Match {
    pub addr: DocAddress,
    pub score: f32,
    /// Syndication cluster, 0 for none.
    pub key: u64,
    /// Rank in the cluster, 0 for the canonical copy.
    pub rank: u64,
    /// Publication time, seconds since the epoch.
    pub published: Option<i64>,
}

/// Collects every match (memory: one small [`Match`] per matching article): the plain
/// reference the page collector and the tally are tested against.
#[cfg(test)]
pub(crate) struct Matches;

#[cfg(test)]
pub(crate) struct SegmentMatches {
    segment: SegmentOrdinal,
    keys: Option<Column<u64>>,
    ranks: Option<Column<u64>>,
    published: Option<Column<tantivy::DateTime>>,
    out: Vec<Match>,
}

#[cfg(test)]
impl Collector for Matches {
    type Fruit = Vec<Match>;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        let ff = reader.fast_fields();
        Ok(SegmentMatches {
            segment,
            keys: ff.column_opt("dup_key")?,
            ranks: ff.column_opt("dup_rank")?,
            published: ff.column_opt("published")?,
            out: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Match>>) -> tantivy::Result<Vec<Match>> {
        let mut all = Vec::with_capacity(fruits.iter().map(Vec::len).sum());
        for f in fruits {
            all.extend(f);
        }
        Ok(all)
    }
}

#[cfg(test)]
impl SegmentCollector for SegmentMatches {
    type Fruit = Vec<Match>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let first = |c: &Option<Column<u64>>| c.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
        self.out.push(Match {
            addr: DocAddress::new(self.segment, doc),
            score,
            key: first(&self.keys),
            rank: first(&self.ranks),
            published: self
                .published
                .as_ref()
                .and_then(|c| c.first(doc))
                .map(|d| d.into_timestamp_secs()),
        });
    }

    fn harvest(self) -> Vec<Match> {
        self.out
    }
}

/// A story: the copy shown for it, the best score among its matching copies, and the other
/// matching copies with their scores.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub rep: Match,
    pub score: f32,
    pub copies: Vec<(DocAddress, f32)>,
}

impl Group {
    /// The matching copies holding the story's best score: the smallest of their ids breaks
    /// ties between stories ordered by relevance (as an export's local decision does).
    pub(crate) fn best(&self) -> impl Iterator<Item = DocAddress> + '_ {
        let rep = (self.rep.score == self.score).then_some(self.rep.addr);
        rep.into_iter().chain(
            self.copies
                .iter()
                .filter(|c| c.1 == self.score)
                .map(|c| c.0),
        )
    }
}

/// Folds matches (scores already weighted for recency) into groups: with `collapse`, all
/// copies of one cluster become one group shown by its lowest-ranked (earliest) matching
/// copy and scored by its best; without, each match is its own group, still listing the
/// other matching copies of its cluster.
pub(crate) fn group(matches: Vec<Match>, collapse: bool) -> Vec<Group> {
    let single = |m: Match| Group {
        rep: m,
        score: m.score,
        copies: Vec::new(),
    };
    if !collapse {
        let mut by_key: HashMap<u64, Vec<(DocAddress, f32)>> = HashMap::new();
        for m in matches.iter().filter(|m| m.key != 0) {
            by_key.entry(m.key).or_default().push((m.addr, m.score));
        }
        return matches
            .into_iter()
            .map(|m| {
                let mut g = single(m);
                if let Some(all) = by_key.get(&m.key).filter(|_| m.key != 0) {
                    g.copies = all.iter().copied().filter(|c| c.0 != m.addr).collect();
                }
                g
            })
            .collect();
    }
    let mut groups: Vec<Group> = Vec::with_capacity(matches.len());
    let mut by_key: HashMap<u64, usize> = HashMap::new();
    for m in matches {
        if m.key == 0 {
            groups.push(single(m));
            continue;
        }
        match by_key.get(&m.key) {
            None => {
                by_key.insert(m.key, groups.len());
                groups.push(single(m));
            }
            Some(&g) => {
                let g = &mut groups[g];
                g.score = g.score.max(m.score);
                if (m.rank, m.addr) < (g.rep.rank, g.rep.addr) {
                    g.copies.push((g.rep.addr, g.rep.score));
                    g.rep = m;
                } else {
                    g.copies.push((m.addr, m.score));
                }
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(doc: u32, score: f32, key: u64, rank: u64) -> Match {
        Match {
            addr: DocAddress::new(0, doc),
            score,
            key,
            rank,
            published: None,
        }
    }

    #[test]
    fn copies_fold_into_the_earliest_with_the_best_score() {
        let matches = vec![
            m(0, 1.0, 7, 2),
            m(1, 3.0, 0, 0),
            m(2, 2.0, 7, 0),
            m(3, 5.0, 7, 1),
        ];
        let groups = group(matches.clone(), true);
        assert_eq!(groups.len(), 2);
        let g = groups.iter().find(|g| g.rep.key == 7).unwrap();
        assert_eq!(g.rep.addr.doc_id, 2);
        assert_eq!(g.score, 5.0);
        assert_eq!(g.copies.len(), 2);
        let all = group(matches, false);
        assert_eq!(all.len(), 4);
        assert_eq!(all[0].copies.len(), 2, "each copy lists the others");
        assert!(all[1].copies.is_empty());
    }
}
