//! Research searches through the binary and the library: syndication clusters and
//! collapsing, facets, timelines, uncapped export, keyword in context, explained scores,
//! query debugging, recency and wire filters.

use std::collections::BTreeMap;

use newsdex::search::{FacetField, Interval, SearchRequest};
use newsdex::{NewsIndex, SearchResults};
use serde_json::Value;

use crate::util::{TestEnv, assert_exit, ids, run, stderr, stdout};

/// The word every copy of the syndicated Meridian Wire story has (plus one other article).
const TRIO: &str = "Ukrenergo";

fn facet(r: &SearchResults, field: FacetField) -> BTreeMap<String, u64> {
    r.facets
        .iter()
        .find(|f| f.field == field)
        .map(|f| {
            f.values
                .iter()
                .map(|v| (v.value.clone(), v.count))
                .collect()
        })
        .unwrap_or_default()
}

fn day_count(r: &SearchResults, period: &str) -> u64 {
    let t = r.timeline.as_ref().expect("a timeline");
    t.series[0]
        .buckets
        .iter()
        .find(|b| b.period == period)
        .map_or(0, |b| b.count)
}

#[test]
fn the_syndicated_trio_counts_once_by_default_and_three_times_with_all_copies() {
    let env = TestEnv::new();
    let report = env.index_sample_corpus();
    assert_eq!(report["report"]["syndication_clusters"], 1, "{report}");
    assert_eq!(report["report"]["syndicated_articles"], 3);

    let flags = ["--facet", "outlet", "--timeline", "day", "--limit", "100"];
    let once = env.search(TRIO, &flags);
    let mut all_flags = flags.to_vec();
    all_flags.push("--all-copies");
    let all = env.search(TRIO, &all_flags);

    // Hits and totals.
    assert_eq!(
        all.total,
        once.total + 2,
        "{:?} vs {:?}",
        ids(&once),
        ids(&all)
    );
    assert_eq!(once.hits.len() as u64, once.total);
    assert_eq!(all.hits.len() as u64, all.total);
    assert_eq!(once.total_copies, all.total);
    // Facets: the three outlets of the copies count once together by default.
    let sum = |m: BTreeMap<String, u64>| m.values().sum::<u64>();
    assert_eq!(sum(facet(&once, FacetField::Outlet)), once.total);
    assert_eq!(sum(facet(&all, FacetField::Outlet)), all.total);
    // Timeline: the day of the story.
    assert_eq!(day_count(&once, "2022-11-05"), 1);
    assert_eq!(day_count(&all, "2022-11-05"), 3);

    // The hit standing for the story names the other outlets that carried it.
    let story = once
        .hits
        .iter()
        .find(|h| h.cluster.is_some())
        .expect("a clustered hit");
    assert!(story.canonical);
    assert_eq!(story.also_in.len(), 2, "{:?}", story.also_in);
    let outlets: Vec<&str> = std::iter::once(story.outlet.as_deref().unwrap())
        .chain(story.also_in.iter().map(String::as_str))
        .collect();
    for o in ["Danube Herald", "Harbor Times", "The Baltic Courier"] {
        assert!(outlets.contains(&o), "{outlets:?}");
    }
    // With --all-copies every copy is a hit of its own, in the same cluster.
    let clusters: Vec<_> = all.hits.iter().filter_map(|h| h.cluster.clone()).collect();
    assert_eq!(clusters.len(), 3);
    assert!(clusters.iter().all(|c| *c == clusters[0]));
    assert_eq!(
        all.hits
            .iter()
            .filter(|h| h.cluster.is_some() && h.canonical)
            .count(),
        1
    );

    // The terminal output says it too.
    let out = run(env.newsdex().args(["search", TRIO, "--color", "never"]));
    assert!(stdout(&out).contains("also in: "), "{}", stdout(&out));
}

/// A long wire story with small per-copy edits, as an outlet would republish it.
fn wire_copy(outlet: &str, date: &str, extra: &str) -> String {
    let body: String = (0..12)
        .map(|i| {
            format!(
                "Harbour cranes stood idle for the {i}th hour as dock workers in the northern port \
                 extended their strike over pay and shift rotas, the union said on its website. "
            )
        })
        .collect();
    format!(
        "Title: Port Strike Spreads\nOutlet: {outlet}\nDate: {date}\n\nHAMBURG, Aug 25 (Coastal Wire) — {body}{extra}\n"
    )
}

#[test]
fn clusters_stay_right_across_runs_additions_and_deletions() {
    let env = TestEnv::new();
    env.write("a.txt", wire_copy("Alpha News", "2022-08-25", ""));
    env.write(
        "b.txt",
        wire_copy("Beta Daily", "2022-08-26", "Ferries were not affected."),
    );
    env.write("other.txt", "Title: Cheese Fair\nOutlet: Alpha News\nDate: 2022-08-25\n\nThe cheese fair opened with forty stalls and a brass band playing in the square all afternoon while children raced wooden boats on the pond and farmers compared the weight of their wheels of cheese before the judges arrived to taste them and award the prizes.\n");
    let r = env.index_corpus();
    assert_eq!(r["report"]["syndication_clusters"], 1);
    assert_eq!(r["report"]["syndicated_articles"], 2);
    let hits = env.search("strike", &["--all-copies"]);
    let canonical: Vec<_> = hits.hits.iter().filter(|h| h.canonical).collect();
    assert_eq!(canonical.len(), 1);
    assert_eq!(canonical[0].outlet.as_deref(), Some("Alpha News"));

    // A re-run that changes nothing keeps the clusters and rewrites nothing (the one commit
    // is the run's own; a rewrite would need a second).
    let r = env.index_corpus();
    assert_eq!(r["report"]["syndicated_articles"], 2);
    assert_eq!(r["report"]["commits"], 1, "{}", r["report"]);

    // A new, earlier copy joins and becomes the canonical one.
    env.write(
        "c.txt",
        wire_copy("Gamma Post", "2022-08-24", "Talks resume Monday."),
    );
    let r = env.index_corpus();
    assert_eq!(r["report"]["syndicated_articles"], 3);
    let once = env.search("strike", &[]);
    assert_eq!(once.total, 1);
    assert_eq!(once.hits[0].outlet.as_deref(), Some("Gamma Post"));
    assert_eq!(once.hits[0].also_in, ["Alpha News", "Beta Daily"]);

    // Deleting the canonical copy promotes the next earliest.
    std::fs::remove_file(env.corpus().join("c.txt")).unwrap();
    env.index_corpus();
    let once = env.search("strike", &[]);
    assert_eq!(once.hits[0].outlet.as_deref(), Some("Alpha News"));
    assert!(once.hits[0].canonical);
    assert_eq!(once.hits[0].also_in, ["Beta Daily"]);

    // Deleting all but one leaves an article with no cluster.
    std::fs::remove_file(env.corpus().join("b.txt")).unwrap();
    let r = env.index_corpus();
    assert_eq!(r["report"]["syndication_clusters"], 0);
    let once = env.search("strike", &[]);
    assert_eq!(once.hits[0].cluster, None);
}

#[test]
fn facets_count_every_match_not_only_the_page() {
    let env = TestEnv::new();
    env.index_sample_corpus();
    let r = env.search(
        "",
        &[
            "--limit",
            "1",
            "--facet",
            "outlet,language,section",
            "--facet-limit",
            "50",
        ],
    );
    assert_eq!(r.hits.len(), 1);
    for f in &r.facets {
        if f.field == FacetField::Section {
            continue; // optional field: counted with `missing`
        }
        let sum: u64 = f.values.iter().map(|v| v.count).sum();
        assert_eq!(sum + f.missing, r.total, "{:?}", f.field);
    }
    let lang = facet(&r, FacetField::Language);
    assert!(
        lang["en"] >= 1 && lang.contains_key("de") && lang.contains_key("ru"),
        "{lang:?}"
    );
    // --facet-limit cuts the list, not the counts.
    let r2 = env.search("drones", &["--facet", "outlet", "--facet-limit", "2"]);
    let o = &r2.facets[0];
    assert_eq!(o.values.len(), 2);
    assert!(o.distinct > 2);
    assert!(o.values[0].count >= o.values[1].count);
    // Unknown facets are refused with the accepted names.
    let out = run(env.newsdex().args(["search", "x", "--facet", "colour"]));
    assert_exit(&out, 2, "unknown facet");
    assert!(
        stderr(&out).contains("outlet, entity, person"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn entity_facets_read_the_entities_field() {
    use newsdex::{Article, Entity, EntityKind, WriterOptions};
    let index = NewsIndex::create_in_ram().unwrap();
    let mut w = index.indexer(WriterOptions::default()).unwrap();
    let entity = |kind, name: &str| Entity {
        name: name.into(),
        kind,
        mentions: Vec::new(),
    };
    let mut a = Article::new("a", "a.txt", "Ministers met in Vienna.");
    a.entities = vec![
        entity(EntityKind::Person, "Hossein Amir-Abdollahian"),
        entity(EntityKind::Place, "Vienna"),
        entity(EntityKind::Organization, "European Union"),
    ];
    let mut b = Article::new("b", "b.txt", "Ministers met again in Vienna.");
    b.entities = vec![entity(EntityKind::Place, "Vienna")];
    let c = Article::new("c", "c.txt", "Ministers stayed home.");
    for x in [&a, &b, &c] {
        w.add_article(x).unwrap();
    }
    w.finish().unwrap();
    let mut req = SearchRequest::new("ministers");
    for f in [
        FacetField::Person,
        FacetField::Place,
        FacetField::Organization,
        FacetField::Entity,
    ] {
        req = req.facet(f);
    }
    let r = index.search(&req).unwrap();
    assert_eq!(facet(&r, FacetField::Place)["Vienna"], 2);
    assert_eq!(facet(&r, FacetField::Person)["Hossein Amir-Abdollahian"], 1);
    assert_eq!(facet(&r, FacetField::Organization).len(), 1);
    assert_eq!(facet(&r, FacetField::Entity)["place:Vienna"], 2);
    assert_eq!(r.facets[3].missing, 1, "c has no entities");
}

#[test]
fn timelines_bucket_per_outlet_and_normalise() {
    let env = TestEnv::new();
    env.index_sample_corpus();
    let r = env.search("drones", &["--timeline", "month"]);
    let t = r.timeline.as_ref().unwrap();
    let counted: u64 = t.series[0].buckets.iter().map(|b| b.count).sum();
    assert_eq!(counted + t.undated, r.total);
    assert!(t.series[0].buckets.iter().any(|b| b.period == "2022-10"));
    // Months without a match between the first and last are listed with 0.
    let periods: Vec<&str> = t.series[0]
        .buckets
        .iter()
        .map(|b| b.period.as_str())
        .collect();
    assert!(periods.windows(2).all(|w| w[0] < w[1]), "{periods:?}");

    let per = env.search("drones", &["--timeline", "year", "--per-outlet"]);
    let pt = per.timeline.as_ref().unwrap();
    // One series per outlet (articles without an outlet have a series of their own).
    assert!(pt.series.iter().filter(|s| s.outlet.is_some()).count() > 1);
    let total: u64 = pt.series.iter().map(|s| s.count).sum();
    assert_eq!(total + pt.undated, per.total);

    // Normalised: every article matches the empty query, so every share is 1.
    let all = env.search("", &["--timeline", "year", "--normalize"]);
    for b in &all.timeline.as_ref().unwrap().series[0].buckets {
        if b.count > 0 {
            assert_eq!(b.share, Some(1.0), "{b:?}");
        }
    }
    let some = env.search("drones", &["--timeline", "year", "--normalize"]);
    for b in &some.timeline.as_ref().unwrap().series[0].buckets {
        let share = b.share.unwrap();
        assert!((0.0..=1.0).contains(&share) && b.total.unwrap() >= b.count);
    }
    // Timeline options need a timeline.
    let out = run(env.newsdex().args(["search", "x", "--per-outlet"]));
    assert_exit(&out, 2, "--per-outlet alone");
    // Piped output prints a table, not bars.
    let out = run(env
        .newsdex()
        .args(["search", "drones", "--timeline", "year"]));
    let text = stdout(&out);
    assert!(
        text.contains("timeline per year") && text.contains("2022"),
        "{text}"
    );
    assert!(!text.contains('█'));
}

/// An export is records only: asking it for facets or a timeline is an error naming both
/// flags, not a silently missing count.
#[test]
fn export_refuses_facets_and_timelines() {
    // The flags are refused before any index is opened.
    let env = TestEnv::new();
    for flag in [["--facet", "outlet"], ["--timeline", "month"]] {
        let out = run(env.newsdex().args(["search", "drones", "--all"]).args(flag));
        assert_exit(&out, 2, "--all with a count");
        let err = stderr(&out);
        assert!(err.contains("--all") && err.contains(flag[0]), "{err}");
    }
}

#[test]
fn export_streams_every_match_in_a_stable_order_with_the_generation() {
    let env = TestEnv::new();
    env.index_sample_corpus();
    let total = env.search("", &[]).total;
    let generation = env.search("", &[]).generation;
    let export = |extra: &[&str]| {
        let out = run(env.newsdex().args(["search", "", "--all"]).args(extra));
        assert_exit(&out, 0, "--all");
        stdout(&out)
    };
    let jsonl = export(&[]);
    let records: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        records.len() as u64,
        total,
        "--all ignores --limit's default of 10"
    );
    assert!(records.iter().all(|r| r["generation"] == generation));
    assert_eq!(records[0]["rank"], 1);
    assert_eq!(jsonl, export(&[]), "the same order on a re-run");
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    // A syndicated story ties by the smallest id among its copies, not the id of the copy
    // shown (the canonical one): the export decides that from the copies alone.
    let single: Vec<&str> = records
        .iter()
        .filter(|r| r["cluster"].is_null())
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let mut sorted = single.clone();
    sorted.sort();
    assert_eq!(
        single, sorted,
        "equal scores (the empty query) are ordered by id"
    );

    // Pages cut from the same order, ties included.
    for offset in ["0", "5", "10", "40"] {
        let page = env.search("", &["--limit", "5", "--offset", offset]);
        let o: usize = offset.parse().unwrap();
        let want: Vec<&str> = ids.iter().skip(o).take(5).copied().collect();
        assert_eq!(crate::util::ids(&page), want, "offset {offset}");
    }

    let newest = export(&["--sort", "newest"]);
    let dates: Vec<String> = newest
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter_map(|r| r["published"].as_str().map(|d| d[..10].to_string()))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));

    let csv = export(&["--csv"]);
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("rank,generation,id,score")
    );
    assert_eq!(lines.count() as u64, total);
    // All copies: two more records.
    let copies = export(&["--all-copies"]);
    assert_eq!(copies.lines().count() as u64, total + 2);
}

#[test]
fn kwic_prints_every_match_with_its_context_on_long_articles_too() {
    let env = TestEnv::new();
    // A long article whose only match is near its end.
    let filler = "The committee reviewed routine budget items for the coming year. ".repeat(4000);
    env.write(
        "long.txt",
        format!("Title: Long Minutes\nOutlet: Town Gazette\nDate: 2023-01-02\n\n{filler}At the very end the mayor mentioned the lighthouse once.\n"),
    );
    env.write(
        "short.txt",
        "Title: Lights\nOutlet: Town Gazette\nDate: 2023-01-03\n\nThe lighthouse keeper said the lighthouse lamp was repaired.\n",
    );
    env.index_corpus();
    let out = run(env.newsdex().args([
        "search",
        "lighthouse",
        "--kwic",
        "--kwic-words",
        "3",
        "--jsonl",
    ]));
    assert_exit(&out, 0, "--kwic --jsonl");
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    for l in &lines {
        assert_eq!(l["match"].as_str().unwrap().to_lowercase(), "lighthouse");
        assert!(l["left"].as_str().unwrap().split_whitespace().count() <= 3);
        assert!(l["right"].as_str().unwrap().split_whitespace().count() <= 3);
    }
    let long = lines.iter().find(|l| l["title"] == "Long Minutes").unwrap();
    assert_eq!(long["left"], "mayor mentioned the");
    assert_eq!(long["right"], "once.");

    // The snippet of the long article is cut around its one match, far into the text.
    let r = env.search("lighthouse", &[]);
    let long_hit = r
        .hits
        .iter()
        .find(|h| h.title.as_deref() == Some("Long Minutes"))
        .unwrap();
    let snippet = long_hit.snippet.as_ref().unwrap();
    assert_eq!(snippet.highlights.len(), 1, "{snippet:?}");
    assert!(snippet.text.contains("mayor mentioned the lighthouse"));

    let out = run(env
        .newsdex()
        .args(["search", "lighthouse", "--kwic", "--csv"]));
    let csv = stdout(&out);
    assert!(csv.starts_with("generation,id,outlet,published,title,left,match,right,offset\n"));
    assert_eq!(csv.lines().count(), 4);
    // Each record names the generation it was read from, as with --all.
    assert!(
        csv.lines().skip(1).all(|l| l
            .split(',')
            .next()
            .is_some_and(|g| g.parse::<u64>().is_ok())),
        "{csv}"
    );
    // Plain text: one line per match.
    let out = run(env
        .newsdex()
        .args(["search", "lighthouse", "--kwic", "--color", "never"]));
    assert_eq!(stdout(&out).lines().filter(|l| l.contains('│')).count(), 3);
    // Through --all too, with the generation.
    let out = run(env
        .newsdex()
        .args(["search", "lighthouse", "--kwic", "--all"]));
    assert_eq!(stdout(&out).lines().count(), 3);
}

#[test]
fn explain_breaks_scores_down_and_debug_query_warns() {
    let env = TestEnv::new();
    env.index_sample_corpus();
    let r = env.search("drones iran", &["--explain", "--limit", "3"]);
    for h in &r.hits {
        let e = h.explanation.as_ref().expect("an explanation per hit");
        assert!(!e.parts.is_empty());
        let sum: f32 = e.parts.iter().map(|p| p.score).sum();
        assert!(
            (sum - e.bm25).abs() < 0.01 * e.bm25.max(1.0),
            "{sum} vs {}",
            e.bm25
        );
        assert!((e.bm25 - h.score).abs() < 0.01 * h.score.max(1.0));
        assert!(
            e.parts
                .iter()
                .all(|p| p.field == "title" || p.field == "body"),
            "{e:?}"
        );
        assert!(e.parts.iter().any(|p| p.term == "iran"));
        assert!(
            e.parts.iter().any(|p| p.field == "title" && p.boost == 2.0)
                || h.title.is_none()
                || !h.title.as_deref().unwrap().to_lowercase().contains("iran")
        );
    }
    let out = run(env.newsdex().args([
        "search",
        "drones iran",
        "--explain",
        "--limit",
        "1",
        "--color",
        "never",
    ]));
    assert!(stdout(&out).contains("explain"), "{}", stdout(&out));

    let out = run(env
        .newsdex()
        .args(["search", "drones iran", "--debug-query", "--count"]));
    let err = stderr(&out);
    assert!(err.contains("parsed: +drones +iran"), "{err}");
    assert!(err.contains("must ALL match (AND)"), "{err}");
    let out =
        run(env
            .newsdex()
            .args(["search", "drones iran", "--any", "--debug-query", "--count"]));
    assert!(stderr(&out).contains("ANY matches (OR"), "{}", stderr(&out));
    // --json carries it too.
    let r = env.search("drones iran", &["--debug-query"]);
    assert_eq!(r.debug.as_ref().unwrap().parsed, "+drones +iran");
    let out = run(env
        .newsdex()
        .args(["search", "\"of the\"", "--debug-query", "--count"]));
    assert!(
        stderr(&out).contains("only of stop words"),
        "{}",
        stderr(&out)
    );
}

/// An article published just after midnight in its own time zone is on that day for the
/// date filters and the timeline, as every output prints it — not on the day before in UTC.
#[test]
fn days_are_the_sources_own_days() {
    let env = TestEnv::new();
    env.write(
        "late.jsonl",
        concat!(
            r#"{"id":"tz1","title":"Late","text":"Drones over Kyiv after midnight.","#,
            r#""date":"2022-10-17T01:00:00+03:00","source":"Night Desk"}"#,
            "\n",
            r#"{"id":"tz2","title":"Evening","text":"Drones over Kyiv in the evening.","#,
            r#""date":"2022-10-16T22:30:00-05:00","source":"Night Desk"}"#,
            "\n"
        ),
    );
    env.index_corpus();
    let on = |since: &str, until: &str| {
        ids(&env.search("drones", &["--since", since, "--until", until]))
    };
    assert_eq!(on("2022-10-17", "2022-10-17"), ["tz1"]);
    assert_eq!(on("2022-10-16", "2022-10-16"), ["tz2"]);
    let timeline = env.search("drones", &["--timeline", "day"]);
    assert_eq!(day_count(&timeline, "2022-10-17"), 1);
    assert_eq!(day_count(&timeline, "2022-10-16"), 1);
    let hit = env.search("midnight", &[]);
    assert_eq!(
        hit.hits[0].published.as_deref(),
        Some("2022-10-17T01:00:00+03:00")
    );
}

#[test]
fn recency_lifts_newer_stories() {
    let env = TestEnv::new();
    env.write("old.txt", "Title: Ferry timetable\nOutlet: Isle Post\nDate: 2020-01-01\n\nThe ferry timetable changes.\n");
    env.write("new.txt", "Title: Ferry timetable\nOutlet: Isle Post\nDate: 2023-01-01\n\nThe ferry timetable changes.\n");
    env.index_corpus();
    let plain = env.search("ferry", &[]);
    assert_eq!(plain.hits[0].score, plain.hits[1].score);
    let fresh = env.search("ferry", &["--recency", "30d", "--explain"]);
    assert!(
        fresh.hits[0]
            .published
            .as_deref()
            .unwrap()
            .starts_with("2023")
    );
    assert!(fresh.hits[0].score > fresh.hits[1].score);
    assert_eq!(
        fresh.hits[0].explanation.as_ref().unwrap().recency,
        Some(1.0)
    );
    let out = run(env.newsdex().args(["search", "ferry", "--recency", "soon"]));
    assert_exit(&out, 2, "bad half-life");
}

#[test]
fn wire_credits_are_filters_and_facets() {
    let env = TestEnv::new();
    env.write("ap.txt", "Title: Storm\nOutlet: Gulf Times\nDate: 2023-01-01\n\nMIAMI (AP) — A storm reached the coast.\n");
    env.write("afp.txt", "Title: Sturm\nOutlet: Nord Blatt\nDate: 2023-01-01\n\nA storm hit the coast, AFP reported.\n");
    env.write("own.txt", "Title: Storm diary\nOutlet: Gulf Times\nDate: 2023-01-02\n\nOur reporter watched the storm.\n");
    env.index_corpus();
    assert_eq!(env.search("storm", &["--wire"]).total, 2);
    assert_eq!(env.search("storm", &["--no-wire"]).total, 1);
    let ap = env.search("storm", &["--wire", "ap"]);
    assert_eq!(ap.total, 1);
    assert_eq!(ap.hits[0].wire, ["AP"]);
    let f = env.search("storm", &["--facet", "wire"]);
    assert_eq!(
        facet(&f, FacetField::Wire),
        BTreeMap::from([("AFP".into(), 1), ("AP".into(), 1)])
    );
}

#[test]
fn the_library_offers_the_same() {
    let env = TestEnv::new();
    env.index_sample_corpus();
    let index = NewsIndex::open(env.index_dir()).unwrap();
    let req = SearchRequest::new(TRIO)
        .facet(FacetField::Outlet)
        .timeline(Interval::Week)
        .limit(0);
    let once = index.search(&req).unwrap();
    let all = index.search(&req.clone().all_copies(true)).unwrap();
    assert_eq!(all.total, once.total + 2);
    assert_eq!(once.total_copies, all.total);
    let mut exported = 0;
    let summary = index
        .export(&SearchRequest::new(TRIO), |r| {
            exported += 1;
            assert_eq!(r.generation, once.generation);
            Ok::<(), newsdex::Error>(())
        })
        .unwrap();
    assert_eq!((summary.records, exported), (once.total, once.total));
    let debug = newsdex::search::debug_query(&SearchRequest::new("a b")).unwrap();
    assert_eq!(debug.default_operator, "AND");
}
