//! The page of a search and its exact totals without keeping every match.
//!
//! A search that needs no facet or timeline only shows its first `offset + limit` stories,
//! yet must count all of them exactly. [`TopGroups`] counts every match but keeps only the
//! unclustered matches that can still reach the page (each segment's best `want`, plus any
//! tied with the last of them, since ties are ordered by id later) and every match that
//! belongs to a syndication cluster — few, and they must be folded by cluster before their
//! story's rank is known (or, with every copy shown, name each other in "also in"). Memory and time then grow with the page and the clustered
//! matches, not with all matches: on a query matching a quarter of 200,000 articles this is
//! most of the search.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::collapse::{self, Group, Match};
use super::{Recency, Sort};

/// Collects what a page of `want` stories in `sort` order needs.
pub(crate) struct TopGroups {
    /// Stories wanted: the page's end (`offset + limit`).
    pub want: usize,
    pub sort: Sort,
    /// Fold copies of one syndicated story into one group.
    pub collapse: bool,
    pub recency: Option<Recency>,
}

/// The candidates for the page, and the totals.
pub(crate) struct Top {
    /// Every group that can be on the page (more than `want`: order them with
    /// [`super::order::sort`]).
    pub candidates: Vec<Group>,
    /// Stories matching (groups).
    pub total: usize,
    /// Articles matching (copies included).
    pub copies: usize,
}

/// One segment's share of [`Top`], before clusters are folded.
pub(crate) struct SegmentTop {
    segment: SegmentOrdinal,
    keys: Option<Column<u64>>,
    ranks: Option<Column<u64>>,
    /// Read only when the order or the recency weighting needs it.
    published: Option<Column<tantivy::DateTime>>,
    want: usize,
    sort: Sort,
    recency: Option<Recency>,
    copies: usize,
    /// Unclustered matches: stories of their own.
    singles: usize,
    /// The unclustered matches that may reach the page, ordered later.
    best: Vec<Match>,
    /// Matches with a sort key above this cannot reach the page.
    threshold: u64,
    /// Prune `best` when it reaches this length.
    cap: usize,
    clustered: Vec<Match>,
}

/// The order's key of a match, smaller first: the one export pages by.
fn sort_key(sort: Sort, m: &Match) -> u64 {
    super::pages::primary(sort, m.score, m.published)
}

impl Collector for TopGroups {
    type Fruit = Top;
    type Child = SegmentTop;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentTop> {
        let ff = reader.fast_fields();
        let dated = self.sort != Sort::Relevance || self.recency.is_some();
        Ok(SegmentTop {
            segment,
            keys: ff.column_opt("dup_key")?,
            ranks: ff.column_opt("dup_rank")?,
            published: if dated {
                ff.column_opt("published")?
            } else {
                None
            },
            want: self.want,
            sort: self.sort,
            recency: self.recency,
            copies: 0,
            singles: 0,
            best: Vec::new(),
            threshold: u64::MAX,
            cap: (2 * self.want).max(64),
            clustered: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        // Hits show their score whatever the order.
        true
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Top> {
        let mut copies = 0;
        let mut singles = 0;
        let mut best = Vec::new();
        let mut clustered = Vec::new();
        for f in fruits {
            copies += f.copies;
            singles += f.singles;
            best.extend(f.best);
            clustered.extend(f.clustered);
        }
        // Without collapsing each copy is a story of its own, but still names the others.
        let mut groups = collapse::group(clustered, self.collapse);
        let total = singles + groups.len();
        groups.extend(best.into_iter().map(|m| Group {
            rep: m,
            score: m.score,
            copies: Vec::new(),
        }));
        Ok(Top {
            candidates: groups,
            total,
            copies,
        })
    }
}

/// What a segment hands to [`TopGroups::merge_fruits`].
pub(crate) struct SegmentFruit {
    copies: usize,
    singles: usize,
    best: Vec<Match>,
    clustered: Vec<Match>,
}

impl SegmentTop {
    /// Keeps the `want` best of `best` and everything tied with the last of them.
    fn prune(&mut self) {
        let sort = self.sort;
        let key = |m: &Match| sort_key(sort, m);
        if self.best.len() > self.want {
            let nth = self.want.saturating_sub(1);
            self.best.select_nth_unstable_by_key(nth, key);
            self.threshold = key(&self.best[nth]);
            let threshold = self.threshold;
            self.best.retain(|m| key(m) <= threshold);
        }
        // Ties kept above may fill the buffer again at once: grow it with them.
        self.cap = (2 * self.best.len()).max(self.cap);
    }
}

impl SegmentCollector for SegmentTop {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.copies += 1;
        let first = |c: &Option<Column<u64>>| c.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
        let key = first(&self.keys);
        let mut m = Match {
            addr: DocAddress::new(self.segment, doc),
            score,
            key,
            rank: if key == 0 { 0 } else { first(&self.ranks) },
            published: self
                .published
                .as_ref()
                .and_then(|c| c.first(doc))
                .map(|d| d.into_timestamp_secs()),
        };
        if let Some(r) = self.recency {
            // Each copy by its own date, before folding: a story scores as its best copy.
            m.score *= r.factor(m.published);
        }
        if key != 0 {
            self.clustered.push(m);
            return;
        }
        self.singles += 1;
        if self.want == 0 {
            return;
        }
        if sort_key(self.sort, &m) > self.threshold {
            return;
        }
        self.best.push(m);
        if self.best.len() >= self.cap {
            self.prune();
        }
    }

    fn harvest(mut self) -> SegmentFruit {
        self.prune();
        SegmentFruit {
            copies: self.copies,
            singles: self.singles,
            best: self.best,
            clustered: self.clustered,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(want: usize, sort: Sort) -> SegmentTop {
        SegmentTop {
            segment: 0,
            keys: None,
            ranks: None,
            published: None,
            want,
            sort,
            recency: None,
            copies: 0,
            singles: 0,
            best: Vec::new(),
            threshold: u64::MAX,
            cap: (2 * want).max(64),
            clustered: Vec::new(),
        }
    }

    #[test]
    fn keeps_the_best_and_every_tie_with_the_last_of_them() {
        let mut s = segment(3, Sort::Relevance);
        // 200 matches: scores 0..100 twice, so the third best (99) is tied.
        for doc in 0..200u32 {
            s.collect(doc, (doc % 100) as f32);
        }
        let fruit = s.harvest();
        assert_eq!((fruit.copies, fruit.singles), (200, 200));
        let mut scores: Vec<f32> = fruit.best.iter().map(|m| m.score).collect();
        scores.sort_by(|a, b| b.total_cmp(a));
        assert_eq!(scores, vec![99.0, 99.0, 98.0, 98.0]);
    }

    #[test]
    fn all_tied_scores_are_all_kept() {
        let mut s = segment(2, Sort::Relevance);
        for doc in 0..500u32 {
            s.collect(doc, 1.0);
        }
        assert_eq!(s.harvest().best.len(), 500);
    }

    #[test]
    fn a_count_keeps_nothing() {
        let mut s = segment(0, Sort::Relevance);
        for doc in 0..100u32 {
            s.collect(doc, doc as f32);
        }
        let fruit = s.harvest();
        assert_eq!(fruit.copies, 100);
        assert!(fruit.best.is_empty());
    }
}
