//! A small index for the search module's tests: syndicated copies, undated articles,
//! articles without an outlet, entities, several segments.

use crate::{Article, Entity, EntityKind, NewsDate, NewsIndex, WriterOptions};

/// Stories of 60 pseudo-random words, some run by two or three outlets (identical text:
/// syndication clusters), some undated, with entities, over several segments.
pub(crate) fn index() -> NewsIndex {
    let index = NewsIndex::create_in_ram().unwrap();
    let mut w = index.indexer(WriterOptions::default()).unwrap();
    let vocab = [
        "crane", "ferry", "tide", "dock", "cargo", "pilot", "quay", "berth", "storm", "barge",
        "lock", "canal", "mayor", "budget", "vote", "river", "bridge", "toll", "fleet", "salt",
    ];
    let kinds = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Place,
    ];
    let mut n = 0;
    for story in 0..40u64 {
        let mut x = story.wrapping_mul(6364136223846793005).wrapping_add(1);
        let mut words: Vec<&str> = (0..60)
            .map(|_| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                vocab[(x >> 33) as usize % vocab.len()]
            })
            .collect();
        words.extend(std::iter::repeat_n("harbour", story as usize % 3 + 1));
        let body = words.join(" ");
        for copy in 0..(story % 3 + 1) {
            let mut a = Article::new(format!("s{story:02}-{copy}"), "a.txt", body.clone());
            a.outlet = (story % 5 != 4).then(|| format!("Outlet {}", (story + copy) % 4));
            a.published = if (story + copy) % 6 == 0 {
                None
            } else {
                NewsDate::parse(&format!("2024-0{}-{:02}", story % 3 + 1, copy * 9 + 1))
            };
            a.entities = (0..(story + copy) % 4)
                .map(|e| Entity {
                    name: format!("Name {}", (story + e) % 5),
                    kind: kinds[e as usize % 3],
                    mentions: Vec::new(),
                })
                .collect();
            w.add_article(&a).unwrap();
            n += 1;
            if n % 11 == 0 {
                w.commit().unwrap();
            }
        }
    }
    w.finish().unwrap();
    index
}
