//! The matching copies of the syndication clusters met on one export page, found without a
//! map over every match: clusters are small, so their members are looked up by cluster key
//! in the `dup_key` fast column and tested against the same scoring `Weight` the page came
//! from (one scorer per segment, seeking forward through the members in doc order).
//!
//! From them each page article is decided locally: with collapsing, a story is emitted once,
//! by the copy that comes first in member order among its matching copies (the best score,
//! then the smallest id; for date orders the canonical copy), and shown by its canonical
//! (lowest-ranked) matching copy.

use std::collections::{HashMap, HashSet};

use tantivy::DocAddress;
use tantivy::DocSet;

use super::Sort;
use super::collapse::{Group, Match};
use super::order::ids_of;
use super::pages::{Columns, Pass, Ranked, primary};
use crate::Result;

/// The matching members of each cluster in `keys`, scored as the page was.
fn members(pass: &Pass<'_>, keys: &HashSet<u64>) -> Result<HashMap<u64, Vec<Ranked>>> {
    let mut out: HashMap<u64, Vec<Ranked>> = HashMap::new();
    if keys.is_empty() {
        return Ok(out);
    }
    for (seg, reader) in pass.searcher.segment_readers().iter().enumerate() {
        let cols = Columns::open(reader)?;
        let Some(key_col) = &cols.keys else {
            continue;
        };
        let alive = reader.alive_bitset();
        let wanted: Vec<(u32, u64)> = (0..reader.max_doc())
            .filter_map(|doc| {
                let k = key_col.first(doc)?;
                (k != 0 && keys.contains(&k) && alive.is_none_or(|a| a.is_alive(doc)))
                    .then_some((doc, k))
            })
            .collect();
        if wanted.is_empty() {
            continue;
        }
        let mut scorer = pass.weight.scorer(reader, 1.0)?;
        for (doc, key) in wanted {
            if scorer.doc() < doc {
                scorer.seek(doc);
            }
            if scorer.doc() != doc {
                continue;
            }
            let published = cols.published(doc);
            let score = pass.weighted(scorer.score(), published);
            out.entry(key).or_default().push(Ranked {
                m: Match {
                    addr: DocAddress::new(seg as u32, doc),
                    score,
                    key,
                    rank: cols.rank(doc),
                    published,
                },
                primary: primary(pass.sort, score, published),
            });
        }
    }
    Ok(out)
}

/// The stories a page emits, in page order: with `collapse`, each cluster once (at its
/// first copy in member order), shown by its canonical matching copy; without, every
/// article. Either way a story lists its other matching copies.
pub(crate) fn decide(pass: &Pass<'_>, page: &[Ranked], collapse: bool) -> Result<Vec<Group>> {
    let keys: HashSet<u64> = page.iter().map(|r| r.m.key).filter(|&k| k != 0).collect();
    let clusters = members(pass, &keys)?;
    // Ids decide among copies tied on the sort key (identical copies score alike).
    let mut tied: Vec<DocAddress> = Vec::new();
    if collapse && pass.sort == Sort::Relevance {
        for ms in clusters.values() {
            let best = ms.iter().map(|r| r.primary).min();
            let n = ms.iter().filter(|r| Some(r.primary) == best).count();
            if n > 1 {
                tied.extend(
                    ms.iter()
                        .filter(|r| Some(r.primary) == best)
                        .map(|r| r.m.addr),
                );
            }
        }
    }
    let ids: HashMap<DocAddress, String> = tied
        .iter()
        .copied()
        .zip(ids_of(pass.searcher, &tied)?)
        .collect();
    let mut out = Vec::with_capacity(page.len());
    for r in page {
        let m = r.m;
        let ms = match clusters.get(&m.key) {
            Some(ms) if m.key != 0 && ms.iter().any(|s| s.m.addr == m.addr) => ms,
            _ => {
                out.push(Group {
                    rep: m,
                    score: m.score,
                    copies: Vec::new(),
                });
                continue;
            }
        };
        if !collapse {
            out.push(Group {
                rep: m,
                score: m.score,
                copies: others(ms, m.addr),
            });
            continue;
        }
        let canonical = ms
            .iter()
            .map(|s| s.m)
            .min_by_key(|s| (s.rank, s.addr))
            .unwrap_or(m);
        let emitter = match pass.sort {
            Sort::Relevance => ms
                .iter()
                .min_by(|a, b| {
                    a.primary.cmp(&b.primary).then_with(|| {
                        let id = |x: &Ranked| ids.get(&x.m.addr).map(String::as_str);
                        id(a).cmp(&id(b)).then(a.m.addr.cmp(&b.m.addr))
                    })
                })
                .map_or(m.addr, |s| s.m.addr),
            Sort::Newest | Sort::Oldest => canonical.addr,
        };
        if emitter != m.addr {
            continue;
        }
        let score = ms.iter().map(|s| s.m.score).fold(f32::MIN, f32::max);
        out.push(Group {
            rep: canonical,
            score,
            copies: others(ms, canonical.addr),
        });
    }
    Ok(out)
}

fn others(ms: &[Ranked], except: DocAddress) -> Vec<(DocAddress, f32)> {
    ms.iter()
        .filter(|s| s.m.addr != except)
        .map(|s| (s.m.addr, s.m.score))
        .collect()
}
