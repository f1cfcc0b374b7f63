//! The `newsdex` binary end to end: search flags and query syntax on the sample corpus,
//! output formats, exit codes, `extract`, completions and the man page.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::util::{
    TestEnv, assert_exit, describe, extract_jsonl, id_set, ids, newsdex_bare, only_hit,
    published_utc, run, sample_corpus, stderr, stdout, utc_day,
};

/// A fresh index of the sample corpus, private to the calling test.
fn sample_env() -> TestEnv {
    let env = TestEnv::new();
    env.index_sample_corpus();
    env
}

// ---------------------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------------------

#[test]
fn outlet_filter_is_case_insensitive_and_combines_with_since() {
    let env = sample_env();
    let all = env.search_all("drones AND Iran", &[]);
    let filtered = env.search_all(
        "drones AND Iran",
        &["--outlet", "meridian wire", "--since", "2022"],
    );
    assert!(filtered.total > 0, "Meridian Wire has drones+Iran stories");
    for hit in &filtered.hits {
        assert_eq!(hit.outlet.as_deref(), Some("Meridian Wire"), "{}", hit.id);
        let when = published_utc(hit.published.as_deref()).expect("--since drops undated");
        assert!(when >= utc_day(2022, 1, 1), "{} is before 2022", hit.id);
    }
    // Exactly the unfiltered hits that satisfy both filters.
    let expected: BTreeSet<String> = all
        .hits
        .iter()
        .filter(|h| h.outlet.as_deref() == Some("Meridian Wire"))
        .filter(|h| published_utc(h.published.as_deref()).is_some_and(|d| d >= utc_day(2022, 1, 1)))
        .map(|h| h.id.clone())
        .collect();
    assert_eq!(id_set(&filtered), expected);
    // The wire's 2021 Iran story is about nuclear talks, not drones: never a hit.
    assert!(filtered.total < all.total);
}

#[test]
fn repeated_outlet_flags_give_the_union_of_outlets() {
    let env = sample_env();
    let meridian = env.search_all("drones AND Iran", &["--outlet", "Meridian Wire"]);
    let dispatch = env.search_all("drones AND Iran", &["--outlet", "the northern dispatch"]);
    let both = env.search_all(
        "drones AND Iran",
        &[
            "--outlet",
            "MERIDIAN WIRE",
            "--outlet",
            "The Northern Dispatch",
        ],
    );
    assert!(meridian.total > 0 && dispatch.total > 0);
    let union: BTreeSet<String> = id_set(&meridian)
        .union(&id_set(&dispatch))
        .cloned()
        .collect();
    assert_eq!(id_set(&both), union);
    assert_eq!(both.total, meridian.total + dispatch.total);
}

#[test]
fn unknown_outlet_matches_nothing() {
    let env = sample_env();
    let out = run(env
        .newsdex()
        .args(["search", "drones", "--outlet", "Nonexistent Daily"]));
    assert_exit(&out, 1, "search with an outlet nobody has");
}

#[test]
fn until_keeps_only_articles_up_to_the_end_of_that_period() {
    let env = sample_env();
    let all = env.search_all("drones", &[]);
    let until = env.search_all("drones", &["--until", "2022-10"]);
    assert!(until.total > 0);
    for hit in &until.hits {
        let when = published_utc(hit.published.as_deref())
            .unwrap_or_else(|| panic!("--until drops undated articles, got {}", hit.id));
        assert!(
            when < utc_day(2022, 11, 1),
            "{} is after October 2022",
            hit.id
        );
    }
    let expected: BTreeSet<String> = all
        .hits
        .iter()
        .filter(|h| published_utc(h.published.as_deref()).is_some_and(|d| d < utc_day(2022, 11, 1)))
        .map(|h| h.id.clone())
        .collect();
    assert_eq!(id_set(&until), expected);
}

#[test]
fn lang_de_returns_only_the_german_articles() {
    let env = sample_env();
    let de = env.search_all("", &["--lang", "de"]);
    // The corpus README: 6 German articles (3 of them without language metadata).
    assert_eq!(de.total, 6, "{:?}", ids(&de));
    for hit in &de.hits {
        assert_eq!(hit.language.as_deref(), Some("de"), "{}", hit.id);
    }
    // A language name works like its code.
    let german = env.search_all("", &["--lang", "German"]);
    assert_eq!(id_set(&german), id_set(&de));
}

#[test]
fn lang_ru_returns_only_the_russian_articles() {
    let env = sample_env();
    let ru = env.search_all("", &["--lang", "ru"]);
    assert_eq!(ru.total, 6, "{:?}", ids(&ru));
    for hit in &ru.hits {
        assert_eq!(hit.language.as_deref(), Some("ru"), "{}", hit.id);
    }
    // Two languages: the union.
    let both = env.search_all("", &["--lang", "ru", "--lang", "de"]);
    assert_eq!(both.total, 12);
}

// ---------------------------------------------------------------------------------------
// Sorting and paging
// ---------------------------------------------------------------------------------------

fn assert_sorted(flag: &str, newest_first: bool) {
    let env = sample_env();
    let results = env.search_all("", &["--sort", flag, "--all-copies"]);
    assert_eq!(results.total, env.article_count());
    let dates: Vec<Option<chrono::DateTime<chrono::Utc>>> = results
        .hits
        .iter()
        .map(|h| published_utc(h.published.as_deref()))
        .collect();
    let dated = dates.iter().take_while(|d| d.is_some()).count();
    assert!(
        dates[dated..].iter().all(Option::is_none),
        "undated articles come last: {dates:?}"
    );
    assert!(dated > 10);
    for pair in dates[..dated].windows(2) {
        let ok = if newest_first {
            pair[0] >= pair[1]
        } else {
            pair[0] <= pair[1]
        };
        assert!(ok, "--sort {flag}: {:?} then {:?}", pair[0], pair[1]);
    }
}

#[test]
fn sort_newest_orders_by_publication_date_descending() {
    assert_sorted("newest", true);
}

#[test]
fn sort_oldest_orders_by_publication_date_ascending() {
    assert_sorted("oldest", false);
}

#[test]
fn sort_applies_to_a_filtered_query() {
    let env = sample_env();
    let oldest = env.search_all("drones AND Iran", &["--sort", "oldest", "--since", "2022"]);
    assert!(oldest.total >= 3);
    let first = published_utc(oldest.hits[0].published.as_deref()).unwrap();
    let last = published_utc(oldest.hits.last().unwrap().published.as_deref()).unwrap();
    assert!(first <= last);
    let newest = env.search_all("drones AND Iran", &["--sort", "newest", "--since", "2022"]);
    assert_eq!(
        newest.hits[0].published,
        oldest.hits.last().unwrap().published,
        "newest first is oldest last"
    );
}

#[test]
fn limit_and_offset_page_through_results_without_overlap() {
    let env = sample_env();
    let whole = env.search("drones", &["--limit", "10"]);
    let page1 = env.search("drones", &["--limit", "5"]);
    let page2 = env.search("drones", &["--limit", "5", "--offset", "5"]);
    assert!(whole.total > 10, "need more than two pages of hits");
    assert_eq!(page1.total, whole.total);
    assert_eq!(page2.total, whole.total);
    assert_eq!(page1.hits.len(), 5);
    assert_eq!(page2.hits.len(), 5);
    assert_eq!(page2.offset, 5);
    let p1: BTreeSet<String> = id_set(&page1);
    assert!(p1.is_disjoint(&id_set(&page2)), "pages overlap");
    let mut joined = ids(&page1);
    joined.extend(ids(&page2));
    assert_eq!(joined, ids(&whole), "page 2 continues page 1");
    // Past the end: no hits, but the total still counts everything.
    let beyond = env.search("drones", &["--offset", "500"]);
    assert!(beyond.hits.is_empty());
    assert_eq!(beyond.total, whole.total);
}

#[test]
fn limit_short_flag_caps_hits() {
    let env = sample_env();
    let r = env.search("drones", &["-n", "3"]);
    assert_eq!(r.hits.len(), 3);
    assert!(r.total > 3);
}

// ---------------------------------------------------------------------------------------
// Query syntax
// ---------------------------------------------------------------------------------------

#[test]
fn phrase_query_requires_adjacent_words() {
    let env = TestEnv::new();
    env.write(
        "a.txt",
        "Title: Harbour bridge closes\nOutlet: Test Wire\nDate: 2022-01-03\n\n\
         The old harbour bridge closed for repairs on Monday.",
    );
    env.write(
        "b.txt",
        "Title: Ferry timetable changes\nOutlet: Test Wire\nDate: 2022-01-04\n\n\
         The bridge near the harbour will stay open, the ferry company said.",
    );
    env.index_corpus();
    let phrase = env.search_all("\"harbour bridge\"", &[]);
    assert_eq!(phrase.total, 1);
    assert_eq!(
        phrase.hits[0].title.as_deref(),
        Some("Harbour bridge closes")
    );
    let words = env.search_all("harbour bridge", &[]);
    assert_eq!(words.total, 2);
    // Slop lets the words move apart.
    let slop = env.search_all("\"bridge harbour\"~3", &[]);
    assert_eq!(slop.total, 2);
}

#[test]
fn phrase_query_on_the_sample_corpus() {
    let env = sample_env();
    // Every copy of a syndicated story: with collapsing the copy shown may differ.
    let phrase = env.search_all("\"power grid\"", &["--all-copies"]);
    let words = env.search_all("power grid", &["--all-copies"]);
    assert!(phrase.total >= 1);
    assert!(
        phrase.total < words.total,
        "a phrase is narrower than its words"
    );
    assert!(id_set(&phrase).is_subset(&id_set(&words)));
}

#[test]
fn minus_term_excludes_articles_with_that_word() {
    let env = sample_env();
    let drones = env.search_all("drones", &[]);
    let both = env.search_all("drones AND Iran", &[]);
    let without = env.search_all("drones -Iran", &[]);
    assert!(without.total > 0);
    assert!(id_set(&without).is_disjoint(&id_set(&both)));
    assert_eq!(without.total + both.total, drones.total);
    // NOT is the same as -.
    let not = env.search_all("drones NOT Iran", &[]);
    assert_eq!(id_set(&not), id_set(&without));
}

#[test]
fn or_query_matches_either_word() {
    let env = sample_env();
    let haaland = env.search_all("Haaland", &[]);
    let bellingham = env.search_all("Bellingham", &[]);
    let either = env.search_all("Haaland OR Bellingham", &[]);
    assert!(haaland.total >= 1 && bellingham.total >= 1);
    let union: BTreeSet<String> = id_set(&haaland)
        .union(&id_set(&bellingham))
        .cloned()
        .collect();
    assert_eq!(id_set(&either), union);
    // Lowercase "or" is a word, not an operator: all three words must then match.
    let out = run(env.newsdex().args(["search", "Haaland or Bellingham"]));
    assert_exit(&out, 1, "lowercase or is a plain word");
}

#[test]
fn any_flag_matches_any_word_while_default_requires_all() {
    let env = sample_env();
    let out = run(env.newsdex().args(["search", "Haaland Bellingham"]));
    assert_exit(&out, 1, "default AND: no article names both players");
    let any = env.search_all("Haaland Bellingham", &["--any"]);
    let or = env.search_all("Haaland OR Bellingham", &[]);
    assert_eq!(id_set(&any), id_set(&or));
    assert!(any.total >= 2);
}

#[test]
fn title_field_query_searches_only_titles() {
    let env = sample_env();
    let anywhere = env.search_all("drones", &[]);
    let in_title = env.search_all("title:drones", &[]);
    assert!(in_title.total > 0);
    assert!(
        in_title.total < anywhere.total,
        "some articles mention drones only in the body"
    );
    for hit in &in_title.hits {
        let title = hit.title.as_deref().unwrap_or_default().to_lowercase();
        assert!(title.contains("drones"), "{}: {title}", hit.id);
    }
}

#[test]
fn outlet_field_query_takes_a_quoted_name() {
    let env = sample_env();
    let stats = env.stats();
    let ledger_count = stats["outlets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "Capital Ledger")
        .and_then(|o| o["articles"].as_u64())
        .expect("Capital Ledger in stats");
    let exact = env.search_all("outlet:\"Capital Ledger\"", &[]);
    assert_eq!(exact.total, ledger_count);
    for hit in &exact.hits {
        assert_eq!(hit.outlet.as_deref(), Some("Capital Ledger"));
    }
    let lower = env.search_all("outlet:\"capital ledger\"", &[]);
    assert_eq!(id_set(&lower), id_set(&exact));
    // Combined with words.
    let gas = env.search_all("gas outlet:\"Capital Ledger\"", &[]);
    assert!(gas.total >= 1 && gas.total < exact.total);
}

#[test]
fn prefix_query_matches_word_beginnings() {
    let env = sample_env();
    let drones = env.search_all("drones", &[]);
    let prefix = env.search_all("drone*", &[]);
    assert!(prefix.total >= drones.total);
    assert!(id_set(&drones).is_subset(&id_set(&prefix)));
    // German: only the prefix reaches "Drohnenangriff" from its beginning.
    let exact = env.search_all("Drohnenangr", &[]);
    let prefix = env.search_all("Drohnenangr*", &[]);
    assert_eq!(exact.total, 0);
    assert!(prefix.total >= 1, "Drohnenangr* finds Drohnenangriff");
}

#[test]
fn fuzzy_query_forgives_a_typo() {
    let env = sample_env();
    let out = run(env.newsdex().args(["search", "drnoes"]));
    assert_exit(&out, 1, "the misspelling itself is in no article");
    let drones = env.search_all("drones", &[]);
    let fuzzy = env.search_all("drnoes~1", &[]);
    assert!(fuzzy.total > 0);
    assert!(id_set(&drones).is_subset(&id_set(&fuzzy)));
}

#[test]
fn published_range_query_matches_the_date_filters() {
    let env = sample_env();
    let range = env.search_all("published:[2022-10 TO 2022-11]", &[]);
    let filters = env.search_all("", &["--since", "2022-10", "--until", "2022-11"]);
    assert!(range.total > 10, "the corpus is dense in Oct–Nov 2022");
    assert_eq!(id_set(&range), id_set(&filters));
    for hit in &range.hits {
        let when = published_utc(hit.published.as_deref()).expect("dated");
        assert!(
            when >= utc_day(2022, 10, 1) && when < utc_day(2022, 12, 1),
            "{}",
            hit.id
        );
    }
    // An exclusive upper bound stops at the start of November.
    let october = env.search_all("published:[2022-10 TO 2022-11}", &[]);
    assert!(october.total < range.total);
    for hit in &october.hits {
        let when = published_utc(hit.published.as_deref()).unwrap();
        assert!(when < utc_day(2022, 11, 1), "{}", hit.id);
    }
}

#[test]
fn count_prints_only_the_number_of_matches() {
    let env = sample_env();
    let total = env.search("drones AND Iran", &[]).total;
    let out = run(env.newsdex().args(["search", "drones AND Iran", "--count"]));
    assert_exit(&out, 0, "search --count");
    assert_eq!(stdout(&out).trim(), total.to_string());
    let none = run(env.newsdex().args(["search", "zeppelinbahnhof", "--count"]));
    assert_exit(&none, 1, "count of nothing");
    assert_eq!(stdout(&none).trim(), "0");
}

// ---------------------------------------------------------------------------------------
// Output formats
// ---------------------------------------------------------------------------------------

#[test]
fn json_output_is_one_object_with_total_hits_and_timing() {
    let env = sample_env();
    let v = env.search_value("drones AND Iran", &["--limit", "3"]);
    let obj = v.as_object().expect("one JSON object");
    assert!(obj["total"].as_u64().unwrap() > 3);
    assert!(obj["took_ms"].is_number());
    let hits = obj["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 3);
    for hit in hits {
        for key in ["id", "score", "title", "outlet", "published", "snippet"] {
            assert!(hit.get(key).is_some(), "hit lacks {key}: {hit}");
        }
        assert!(hit["id"].is_string());
        assert!(hit["score"].as_f64().unwrap() > 0.0);
        let snippet = &hit["snippet"];
        assert!(snippet["text"].is_string(), "{snippet}");
        let highlights = snippet["highlights"].as_array().expect("highlights array");
        assert!(!highlights.is_empty(), "the body matched: {snippet}");
        let text = snippet["text"].as_str().unwrap();
        for h in highlights {
            let (a, b) = (
                h[0].as_u64().unwrap() as usize,
                h[1].as_u64().unwrap() as usize,
            );
            let word = text.get(a..b).expect("highlight is a byte range of text");
            let word = word.to_lowercase();
            // Bodies are stemmed: every form of "drone" is a match.
            assert!(
                word.starts_with("drone") || word == "iran",
                "highlighted {word:?}"
            );
        }
    }
    // Relevance order: scores never increase.
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn jsonl_output_is_one_hit_per_line() {
    let env = sample_env();
    let total = env.search("drones", &[]).total;
    let out = run(env
        .newsdex()
        .args(["search", "drones", "--jsonl", "--limit", "4"]));
    assert_exit(&out, 0, "search --jsonl");
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4.min(total as usize));
    let mut seen = BTreeSet::new();
    for line in lines {
        let hit: Value = serde_json::from_str(line).expect("each line is JSON");
        assert!(hit["id"].is_string() && hit["title"].is_string(), "{hit}");
        assert!(
            hit.get("total").is_none(),
            "a line is a hit, not the results"
        );
        assert!(seen.insert(hit["id"].as_str().unwrap().to_string()));
    }
}

#[test]
fn json_and_jsonl_conflict() {
    let env = sample_env();
    let out = run(env
        .newsdex()
        .args(["search", "drones", "--json", "--jsonl"]));
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
}

#[test]
fn human_output_lists_titles_outlets_and_a_total() {
    let env = sample_env();
    let first = env.search("drones AND Iran", &["--limit", "2"]);
    let out = run(env.newsdex().args([
        "--color",
        "never",
        "search",
        "drones AND Iran",
        "--limit",
        "2",
    ]));
    assert_exit(&out, 0, "human search");
    let text = stdout(&out);
    for hit in &first.hits {
        assert!(text.contains(hit.title.as_deref().unwrap()), "{text}");
        assert!(text.contains(hit.outlet.as_deref().unwrap()), "{text}");
    }
    assert!(
        text.contains(&format!("{} articles", first.total)),
        "{text}"
    );
}

#[test]
fn color_always_wraps_matched_words_in_escape_codes() {
    let env = sample_env();
    let out = run(env.newsdex().args([
        "--color",
        "always",
        "search",
        "drones AND Iran",
        "--limit",
        "3",
    ]));
    assert_exit(&out, 0, "coloured search");
    let text = stdout(&out);
    let marked = regex::Regex::new(r"\x1b\[[0-9;]*m(?i:(drones|iran))\x1b\[[0-9;]*m").unwrap();
    assert!(
        marked.is_match(&text),
        "no escape codes around a matched word:\n{text:?}"
    );
}

#[test]
fn color_never_prints_no_escape_codes() {
    let env = sample_env();
    let out = run(env
        .newsdex()
        .args(["--color", "never", "search", "drones AND Iran"]));
    assert_exit(&out, 0, "uncoloured search");
    let text = stdout(&out);
    assert!(text.contains("Iran"));
    assert!(!text.contains('\x1b'), "{text:?}");
}

#[test]
fn piped_output_has_no_escape_codes_by_default() {
    let env = sample_env();
    // stdout is a pipe here, and --color defaults to auto.
    let out = run(env.newsdex().args(["search", "drones AND Iran"]));
    assert_exit(&out, 0, "piped search");
    assert!(!stdout(&out).contains('\x1b'));
    let stats = run(env.newsdex().args(["stats"]));
    assert_exit(&stats, 0, "piped stats");
    assert!(!stdout(&stats).contains('\x1b'));
}

#[test]
fn clicolor_force_is_honoured_when_auto() {
    let env = sample_env();
    let out = run(env
        .newsdex()
        .env("CLICOLOR_FORCE", "1")
        .args(["search", "drones AND Iran"]));
    assert_exit(&out, 0, "forced colour");
    assert!(stdout(&out).contains('\x1b'));
}

// ---------------------------------------------------------------------------------------
// Exit codes and messages
// ---------------------------------------------------------------------------------------

#[test]
fn search_exits_0_with_hits_and_1_without() {
    let env = sample_env();
    let hit = run(env.newsdex().args(["search", "drones"]));
    assert_exit(&hit, 0, "search with hits");
    let miss = run(env.newsdex().args(["search", "zeppelinbahnhof"]));
    assert_exit(&miss, 1, "search without hits");
    assert!(
        stderr(&miss).trim().is_empty(),
        "no hits is not an error: {}",
        stderr(&miss)
    );
    let json = run(env.newsdex().args(["search", "zeppelinbahnhof", "--json"]));
    assert_exit(&json, 1, "json search without hits");
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["total"], 0);
    assert_eq!(v["hits"].as_array().unwrap().len(), 0);
}

#[test]
fn malformed_query_exits_2_and_points_at_the_problem() {
    let env = sample_env();
    let out = run(env.newsdex().args(["search", "drones AND (Iran"]));
    assert_exit(&out, 2, "unbalanced parenthesis");
    let err = stderr(&out);
    assert!(
        err.contains("drones AND (Iran"),
        "stderr repeats the query: {err}"
    );
    let query_line = err
        .lines()
        .position(|l| l.contains("drones AND (Iran"))
        .unwrap();
    let caret_line = err.lines().nth(query_line + 1).expect("a caret line");
    let caret = caret_line.find('^').expect("a caret");
    let paren = err.lines().nth(query_line).unwrap().find('(').unwrap();
    assert_eq!(caret, paren, "the caret points at the unclosed '(':\n{err}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn unclosed_quote_exits_2() {
    let env = sample_env();
    let out = run(env.newsdex().args(["search", "\"power grid"]));
    assert_exit(&out, 2, "unclosed quote");
    assert!(stderr(&out).contains('^'));
}

#[test]
fn unknown_field_exits_2_naming_it() {
    let env = sample_env();
    let out = run(env.newsdex().args(["search", "colour:blue"]));
    assert_exit(&out, 2, "unknown field");
    let err = stderr(&out);
    assert!(err.contains("colour"), "{err}");
    assert!(
        err.contains("title"),
        "the message lists the searchable fields: {err}"
    );
}

#[test]
fn inverted_date_range_exits_2() {
    let env = sample_env();
    let out = run(env
        .newsdex()
        .args(["search", "drones", "--since", "2023", "--until", "2022"]));
    assert_exit(&out, 2, "inverted range");
    assert!(stderr(&out).contains("inverted"), "{}", stderr(&out));
}

#[test]
fn bad_since_value_exits_2_naming_the_accepted_forms() {
    let env = sample_env();
    let out = run(env
        .newsdex()
        .args(["search", "drones", "--since", "last tuesday"]));
    assert_exit(&out, 2, "bad --since");
    let err = stderr(&out);
    assert!(
        err.contains("last tuesday") && err.contains("YYYY"),
        "{err}"
    );
    let out = run(env
        .newsdex()
        .args(["search", "drones", "--until", "2022-13"]));
    assert_exit(&out, 2, "bad --until month");
}

#[test]
fn missing_index_folder_exits_2_naming_it() {
    let env = TestEnv::new();
    let out = run(env.newsdex().args(["search", "drones"]));
    assert_exit(&out, 2, "search without an index");
    let err = stderr(&out);
    assert!(
        err.contains(&env.index_dir().display().to_string()),
        "the message names the folder: {err}"
    );
    assert!(
        !env.index_dir().exists(),
        "searching must not create an index"
    );
    let stats = run(env.newsdex().args(["stats"]));
    assert_exit(&stats, 2, "stats without an index");
}

#[test]
fn a_command_line_of_missing_paths_exits_2_and_creates_no_index() {
    let env = TestEnv::new();
    let gone = env.corpus().join("no-such-folder");
    let out = run(env.newsdex().args(["index", "-q"]).arg(&gone));
    assert_exit(&out, 2, "index only a missing path");
    assert!(stderr(&out).contains("no-such-folder"), "{}", stderr(&out));
    assert!(
        !env.index_dir().exists(),
        "nothing to index creates no index"
    );
    // Beside a path that exists, it is a failed input like any other.
    let out = run(env
        .newsdex()
        .args(["index", "-q"])
        .arg(&gone)
        .arg(sample_corpus().join("json")));
    assert_exit(&out, 0, "index a missing path and a real one");
    assert!(
        env.search_all("", &[]).total > 0,
        "the real path was indexed"
    );
}

#[test]
fn folder_that_is_not_an_index_exits_2() {
    let env = TestEnv::new();
    std::fs::create_dir(env.index_dir()).unwrap();
    std::fs::write(env.index_dir().join("notes.txt"), "not an index").unwrap();
    let out = run(env.newsdex().args(["search", "drones"]));
    assert_exit(&out, 2, "search a folder that is not an index");
    assert!(
        stderr(&out).contains("not a newsdex index"),
        "{}",
        stderr(&out)
    );
    // Indexing into it must not delete the user's files.
    let idx = run(env.newsdex().args(["index", "-q"]).arg(env.corpus()));
    assert_exit(&idx, 2, "index into a foreign folder");
    assert!(env.index_dir().join("notes.txt").exists());
}

#[test]
fn newsdex_index_environment_variable_sets_the_index() {
    let env = sample_env();
    let out = run(newsdex_bare()
        .env("NEWSDEX_INDEX", env.index_dir())
        .args(["search", "drones", "--count"]));
    assert_exit(&out, 0, "search with NEWSDEX_INDEX");
    assert!(stdout(&out).trim().parse::<u64>().unwrap() > 0);
}

// ---------------------------------------------------------------------------------------
// extract
// ---------------------------------------------------------------------------------------

const REQUIRED_KEYS: &[&str] = &[
    "id",
    "path",
    "title",
    "body",
    "outlet",
    "authors",
    "published",
    "language",
    "entities",
    "mentioned_dates",
];
const OPTIONAL_KEYS: &[&str] = &[
    "url",
    "modified",
    "section",
    "description",
    "word_count",
    "outlet_source",
    "published_source",
    "wire",
];

/// The well-formed part of the sample corpus (everything but `broken/`).
fn good_sample_folders() -> Vec<std::path::PathBuf> {
    ["html", "json", "jsonl", "md", "txt"]
        .iter()
        .map(|d| sample_corpus().join(d))
        .collect()
}

#[test]
fn extract_jsonl_records_have_the_contract_keys() {
    let folders = good_sample_folders();
    let paths: Vec<&std::path::Path> = folders.iter().map(|p| p.as_path()).collect();
    let (records, out) = extract_jsonl(&paths);
    assert_exit(&out, 0, "extract --jsonl of well-formed files");
    // 48 articles in the well-formed files (corpus README).
    assert_eq!(
        records.len(),
        48,
        "{}",
        describe(&out).chars().take(500).collect::<String>()
    );
    for r in &records {
        let obj = r.as_object().expect("a record is an object");
        for key in REQUIRED_KEYS {
            assert!(obj.contains_key(*key), "missing {key} in {}", r["path"]);
        }
        for key in obj.keys() {
            assert!(
                REQUIRED_KEYS.contains(&key.as_str()) || OPTIONAL_KEYS.contains(&key.as_str()),
                "unexpected key {key} in {}",
                r["path"]
            );
        }
        assert!(r["entities"].is_array(), "{}", r["path"]);
        assert!(r["mentioned_dates"].is_array(), "{}", r["path"]);
        assert!(r["authors"].is_array(), "{}", r["path"]);
        assert!(r["id"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(r["body"].is_string());
        assert!(r["published"].is_null() || r["published"].is_string());
    }
}

#[test]
fn extract_keeps_json_ids_verbatim() {
    let json = sample_corpus().join("json");
    let jsonl = sample_corpus().join("jsonl");
    let (records, out) = extract_jsonl(&[&json, &jsonl]);
    assert_exit(&out, 0, "extract json folders");
    let got: BTreeSet<&str> = records.iter().filter_map(|r| r["id"].as_str()).collect();
    for id in [
        "cl-2022-1020-eu-uk-sanctions-iran-drones",
        "dh-2021-0311-ecb-pepp",
        "dh-2023-0726-fed-hike",
        "dh-2023-1123-dutch-election",
        "ht-2022-1105-kyiv-blackouts",
        "nd-2022-1105-zelensky-iran-lying",
        "mw-2022-0908-ecb-75bp",
        "mw-2022-1010-kyiv-missiles",
        "mw-2022-1017-kyiv-kamikaze",
        "mw-2022-1022-grid-strikes",
        "nv-2022-0921-mobilizaciya",
        "nv-2022-1010-udary-po-kievu",
        "nv-2023-0815-klyuchevaya-stavka",
        "ra-2021-0927-bundestagswahl",
        "ra-2022-0714-hafenstreik-hamburg",
        "ra-2022-0721-ezb-zinserhoehung",
    ] {
        assert!(got.contains(id), "id {id} not kept verbatim; got {got:?}");
    }
}

#[test]
fn extract_turns_an_integer_id_into_its_decimal_string() {
    let env = TestEnv::new();
    let file = env.write(
        "feed.json",
        r#"{"id": 90210, "title": "Canal Locks Reopen After Winter Works", "text": "The canal locks reopened to barges on Tuesday.", "date": "2022-03-01", "source": "Inland Courier"}"#,
    );
    let lines = env.write(
        "feed.jsonl",
        "{\"id\": 7, \"headline\": \"Barge Traffic Returns\", \"content\": \"Barges returned to the canal.\"}\n",
    );
    let (records, out) = extract_jsonl(&[&file, &lines]);
    assert_exit(&out, 0, "extract integer ids");
    let ids: Vec<&str> = records.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, ["90210", "7"]);
}

#[test]
fn extract_html_path_ends_with_the_file_name() {
    let page = sample_corpus()
        .join("html")
        .join("capital-ledger-2023-09-14-ecb-record-high.html");
    let (records, out) = extract_jsonl(&[&page]);
    assert_exit(&out, 0, "extract one page");
    assert_eq!(records.len(), 1);
    let path = records[0]["path"].as_str().unwrap();
    assert!(
        path.ends_with("capital-ledger-2023-09-14-ecb-record-high.html"),
        "{path}"
    );
    assert_eq!(records[0]["outlet"], "Capital Ledger");
}

#[test]
fn extract_reports_broken_files_and_exits_2() {
    let broken = sample_corpus().join("broken");
    let (records, out) = extract_jsonl(&[&broken]);
    assert_exit(&out, 2, "extract broken files");
    // The two good lines of half-bad.jsonl still come out.
    let ids: BTreeSet<&str> = records.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(
        ids,
        BTreeSet::from(["bc-2023-0321-xi-putin-moscow", "bc-2023-0404-finland-nato"])
    );
    let err = stderr(&out);
    assert!(
        err.contains("truncated.json") && err.contains("half-bad.jsonl#L2"),
        "{err}"
    );
}

#[test]
fn extract_json_prints_an_array() {
    let page = sample_corpus().join("md");
    let out = run(newsdex_bare().args(["extract", "--json"]).arg(&page));
    assert_exit(&out, 0, "extract --json");
    let v: Value = serde_json::from_slice(&out.stdout).expect("a JSON array");
    assert_eq!(v.as_array().map(Vec::len), Some(8));
}

// ---------------------------------------------------------------------------------------
// Completions, man page, version
// ---------------------------------------------------------------------------------------

#[test]
fn completions_bash_prints_a_script_for_newsdex() {
    let out = run(newsdex_bare().args(["completions", "bash"]));
    assert_exit(&out, 0, "completions bash");
    let text = stdout(&out);
    assert!(text.contains("newsdex"));
    assert!(
        text.contains("complete"),
        "a bash completion script: {text}"
    );
    for shell in ["zsh", "fish"] {
        let out = run(newsdex_bare().args(["completions", shell]));
        assert_exit(&out, 0, shell);
        assert!(stdout(&out).contains("newsdex"));
    }
}

#[test]
fn completions_for_an_unknown_shell_is_a_usage_error() {
    let out = run(newsdex_bare().args(["completions", "tcsh"]));
    assert_exit(&out, 2, "unknown shell");
}

#[test]
fn man_prints_a_roff_page() {
    let out = run(newsdex_bare().arg("man"));
    assert_exit(&out, 0, "man");
    let text = stdout(&out);
    assert!(text.contains(".TH"), "{text}");
    assert!(text.contains("newsdex"));
}

#[test]
fn version_and_help() {
    let out = run(newsdex_bare().arg("--version"));
    assert_exit(&out, 0, "--version");
    assert!(stdout(&out).contains(env!("CARGO_PKG_VERSION")));
    let out = run(newsdex_bare().args(["search", "--help"]));
    assert_exit(&out, 0, "search --help");
    for flag in [
        "--outlet", "--since", "--until", "--lang", "--sort", "--json",
    ] {
        assert!(stdout(&out).contains(flag), "{flag} in help");
    }
}

#[test]
fn title_phrase_finds_the_undated_explainer() {
    let env = sample_env();
    let r = env.search_all("title:\"Shahed Drones\"", &[]);
    let hit = only_hit(&r);
    assert_eq!(hit.outlet.as_deref(), Some("The Northern Dispatch"));
    assert_eq!(hit.published, None, "the explainer is undated");
}

#[test]
fn no_color_beats_clicolor_force_but_not_color_always() {
    let env = sample_env();
    let out = run(env
        .newsdex()
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .args(["search", "drones AND Iran"]));
    assert_exit(&out, 0, "NO_COLOR");
    assert!(!stdout(&out).contains('\x1b'));
    let always = run(env.newsdex().env("NO_COLOR", "1").args([
        "--color",
        "always",
        "search",
        "drones AND Iran",
    ]));
    assert_exit(&always, 0, "--color always with NO_COLOR");
    assert!(
        stdout(&always).contains('\x1b'),
        "an explicit --color always wins"
    );
}

#[test]
fn snippet_chars_zero_leaves_snippets_out() {
    let env = sample_env();
    let r = env.search("drones", &["--snippet-chars", "0"]);
    assert!(r.total > 0);
    assert!(r.hits.iter().all(|h| h.snippet.is_none()));
    let short = env.search("drones", &["--snippet-chars", "60"]);
    for hit in &short.hits {
        let text = &hit.snippet.as_ref().unwrap().text;
        assert!(
            text.chars().count() <= 80,
            "{} chars: {text}",
            text.chars().count()
        );
    }
}

#[test]
fn published_comparisons_and_single_periods() {
    let env = sample_env();
    let ge = env.search_all("published:>=2022-10-16", &[]);
    let since = env.search_all("", &["--since", "2022-10-16"]);
    assert_eq!(id_set(&ge), id_set(&since));
    assert!(ge.total > 0);
    let month = env.search_all("published:2022-10", &[]);
    let flags = env.search_all("", &["--since", "2022-10", "--until", "2022-10"]);
    assert_eq!(id_set(&month), id_set(&flags));
    for hit in &month.hits {
        let when = published_utc(hit.published.as_deref()).unwrap();
        assert!(
            when >= utc_day(2022, 10, 1) && when < utc_day(2022, 11, 1),
            "{}",
            hit.id
        );
    }
    let out = run(env
        .newsdex()
        .args(["search", "published:[yesterday TO today]"]));
    assert_exit(&out, 2, "a range of non-dates");
}

#[test]
fn must_prefix_and_grouping() {
    let env = sample_env();
    let plus = env.search_all("+kyiv drones", &["--any"]);
    let and = env.search_all("kyiv AND drones", &[]);
    assert!(id_set(&and).is_subset(&id_set(&plus)));
    for hit in &plus.hits {
        // +kyiv is required even with --any.
        let kyiv = env.search_all(&format!("id:\"{}\" AND kyiv", hit.id), &[]);
        assert_eq!(kyiv.total, 1, "{} lacks kyiv", hit.id);
    }
    let grouped = env.search_all("(drones OR missiles) AND kyiv", &[]);
    let a = env.search_all("drones AND kyiv", &[]);
    let b = env.search_all("missiles AND kyiv", &[]);
    let union: BTreeSet<String> = id_set(&a).union(&id_set(&b)).cloned().collect();
    assert_eq!(id_set(&grouped), union);
    assert!(grouped.total >= a.total.max(b.total) && b.total > 0);
}

#[test]
fn filter_values_no_article_has_are_named_with_close_ones() {
    let env = sample_env();
    let out = run(env
        .newsdex()
        .args(["search", "drones", "--outlet", "Harbour Times", "--count"]));
    assert_exit(&out, 1, "an outlet spelt another way finds nothing");
    let err = stderr(&out);
    assert!(
        err.contains("no article has outlet \"Harbour Times\" (the index has \"Harbor Times\")"),
        "{err}"
    );
    let v = env.search_value(
        "drones",
        &["--outlet", "harbor times", "--entity", "Klitchko"],
    );
    assert_eq!(v["unmatched"][0]["filter"], "entity", "{v}");
    assert_eq!(v["unmatched"].as_array().map(Vec::len), Some(1), "{v}");
    // Values the index holds say nothing.
    let out = run(env
        .newsdex()
        .args(["search", "drones", "--lang", "German", "--count"]));
    assert!(!stderr(&out).contains("note:"), "{}", stderr(&out));
}

#[test]
fn lang_and_author_fields_in_queries() {
    let env = sample_env();
    let field = env.search_all("lang:de", &[]);
    let flag = env.search_all("", &["--lang", "de"]);
    assert_eq!(id_set(&field), id_set(&flag));
    // Language names and three-letter codes work in the query as with --lang.
    for q in ["lang:German", "lang:deu", "language:DE"] {
        assert_eq!(id_set(&env.search_all(q, &[])), id_set(&flag), "{q}");
    }
    let author = env.search_all("author:Horváth", &[]);
    assert!(author.total >= 1);
    for hit in &author.hits {
        assert!(
            hit.authors.iter().any(|a| a.contains("Horváth")),
            "{}: {:?}",
            hit.id,
            hit.authors
        );
    }
}
