//! Extraction as users see it: boilerplate never searchable, where metadata came from,
//! `extract --explain`.

use crate::util::*;

/// An article in the manner of a wire story with a donation appeal at the end (our own text).
const APPEAL_ARTICLE: &str = "Grid operators in Kyiv rationed power again on Saturday after a night of drone strikes.\n\
Engineers said three substations were damaged and repairs would take at least a week.\n\
The mayor opened heating points across the city.\n\
Officials in Tehran again denied that the drones were Iranian.\n\
A Message from The Moscow Times:\n\
Dear readers,\n\
Our newsroom has been labelled a \"foreign agent\" and our staff face prosecution.\n\
Please support us monthly.\n\
Remind me later.\n";

#[test]
fn appeals_are_cut_and_not_searchable_but_name_the_outlet() {
    let env = TestEnv::new();
    env.write("appeal.txt", APPEAL_ARTICLE);
    env.index_corpus();
    assert_eq!(env.search("\"foreign agent\"", &[]).total, 0);
    assert_eq!(env.search("prosecution", &[]).total, 0);
    let hit = &env.search("substations", &[]).hits[0];
    assert_eq!(hit.outlet.as_deref(), Some("The Moscow Times"));
    assert_eq!(hit.outlet_source.as_deref(), Some("text"));
}

#[test]
fn sample_corpus_appeals_are_not_searchable() {
    let env = TestEnv::new();
    env.index_sample_corpus();
    for q in [
        "\"foreign agent\"",
        "prosecution",
        "преследование",
        "\"Unterstützen Sie\"",
        "\"morning briefing\"",
    ] {
        assert_eq!(env.search(q, &[]).total, 0, "{q} found boilerplate");
    }
    // The news around the appeals is still there.
    assert!(
        env.search("Amir-Abdollahian", &["--outlet", "the baltic courier"])
            .total
            > 0
    );
}

#[test]
fn extract_explain_names_the_rule_and_the_cut_text() {
    let env = TestEnv::new();
    let path = env.write("appeal.txt", APPEAL_ARTICLE);
    let out = run(newsdex_bare().args(["extract", "--explain"]).arg(&path));
    assert_exit(&out, 0, "extract --explain");
    let text = stdout(&out);
    assert!(text.contains("removed    [appeal:message-from]"), "{text}");
    assert!(text.contains("  - Dear readers,"), "{text}");
    assert!(
        text.contains("outlet     The Moscow Times  (text)"),
        "{text}"
    );

    let out = run(newsdex_bare()
        .args(["extract", "--explain", "--jsonl"])
        .arg(&path));
    let record = parse_json(&out.stdout);
    assert_eq!(record["removed"][0]["rule"], "appeal:message-from");
    assert!(!record["body"].as_str().unwrap().contains("Dear readers"));
    assert!(record["body"].as_str().unwrap().ends_with("were Iranian."));
}

#[test]
fn provenance_of_outlet_and_date_is_reported() {
    let env = TestEnv::new();
    let header = env.write(
        "a.txt",
        "Title: A\nOutlet: Harbor Times\nDate: 2022-11-05\n\nBody text here.",
    );
    let page = env.write(
        "b.html",
        r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"B","datePublished":"2022-10-01","publisher":{"name":"Danube Herald"}}</script>
           <meta property="og:site_name" content="DH"></head><body><article><p>The body of the page, long enough to be an article.</p></article></body></html>"#,
    );
    let meta = env.write(
        "c.html",
        r#"<html><head><meta property="og:site_name" content="Capital Ledger"><meta property="article:published_time" content="2022-10-02T10:00:00+02:00"></head>
           <body><article><p>Another page body that is long enough to count as the article.</p></article></body></html>"#,
    );
    let from_url = env.write(
        "d.json",
        r#"{"title":"D","text":"Body.","url":"https://www.reuters.com/world/2022/10/03/story/"}"#,
    );
    let from_name = env.write(
        "harbor-times-2022-10-04-story.txt",
        "Headline of the story\n\nBody of the story.",
    );
    let undated = env.write(
        "lanterns.txt",
        "Lanterns were lit across the old town\n\nBody.",
    );
    let (records, out) = extract_jsonl(&[&header, &page, &meta, &from_url, &from_name, &undated]);
    assert_exit(&out, 0, "extract");
    let got: Vec<(String, String, String)> = records
        .iter()
        .map(|r| {
            (
                r["outlet"].as_str().unwrap_or("-").to_string(),
                r["outlet_source"].as_str().unwrap().to_string(),
                r["published_source"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("Harbor Times", "header", "header"),
        ("Danube Herald", "json-ld", "json-ld"),
        ("Capital Ledger", "meta", "meta"),
        ("Reuters", "url", "url"),
        // Named by its file, after the outlet a.txt states.
        ("Harbor Times", "path", "path"),
        ("-", "none", "none"),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(records[4]["published"], "2022-10-04");
    assert!(records[5]["published"].is_null(), "never the file's mtime");
}

#[test]
fn each_language_is_searched_with_its_own_stemmer() {
    let env = TestEnv::new();
    env.write("ru.txt", "Title: Удар по Киеву\nLanguage: ru\n\nНочью дроны атаковали энергетические объекты столицы.");
    env.write("de.txt", "Title: Angriff auf Kiew\n\nEine Drohne traf in der Nacht ein Wohnhaus im Zentrum der Hauptstadt.");
    env.write(
        "en.txt",
        "Title: Night attack on Kyiv\n\nSeveral drones hit energy sites in the capital overnight.",
    );
    env.index_corpus();
    let titles = |q: &str| -> Vec<String> {
        env.search_all(q, &[])
            .hits
            .into_iter()
            .filter_map(|h| h.title)
            .collect()
    };
    assert_eq!(titles("дронов"), ["Удар по Киеву"]);
    assert_eq!(titles("Drohnen"), ["Angriff auf Kiew"]);
    assert_eq!(titles("drone"), ["Night attack on Kyiv"]);
    // Detected, not stated: the German article is German.
    assert_eq!(
        env.search("Drohnen", &[]).hits[0].language.as_deref(),
        Some("de")
    );
    // The stemmed match is highlighted in the snippet.
    let hit = &env.search("Drohnen", &[]).hits[0];
    assert_eq!(
        hit.snippet
            .as_ref()
            .unwrap()
            .marked("[", "]")
            .matches("[Drohne]")
            .count(),
        1
    );
}

#[test]
fn names_and_outlets_are_never_stemmed() {
    let env = TestEnv::new();
    env.write(
        "a.txt",
        "Title: A\nOutlet: The Times\n\nText about markets and prices.",
    );
    env.write(
        "b.txt",
        "Title: B\nOutlet: The Time\n\nText about markets and prices.",
    );
    env.index_corpus();
    let outlets = |o: &str| {
        env.search_all("", &["--outlet", o])
            .hits
            .into_iter()
            .filter_map(|h| h.outlet)
            .collect::<Vec<_>>()
    };
    assert_eq!(outlets("the times"), ["The Times"]);
    assert_eq!(outlets("the time"), ["The Time"]);
}

/// Six articles of one outlet ending with the same standing paragraph, which no rule knows.
fn write_outlet_with_footer(env: &TestEnv, n: usize, outlet: &str, prefix: &str) {
    let footer = "The Lakeside Gazette is printed on recycled paper at our Vetrino works.";
    let topics = [
        "ferry timetable",
        "school budget",
        "harbour crane",
        "bakery prize",
        "bridge repairs",
        "choir concert",
        "tram line",
    ];
    for (i, topic) in topics.iter().enumerate().take(n) {
        env.write(
            &format!("{prefix}{i}.txt"),
            format!("Title: News about the {topic}\nOutlet: {outlet}\n\nCouncillors discussed the {topic} on Monday evening.\n\nA decision is expected next month.\n\n{footer}\n"),
        );
    }
}

#[test]
fn paragraphs_repeated_across_an_outlet_are_removed_at_index_time() {
    let env = TestEnv::new();
    write_outlet_with_footer(&env, 6, "Lakeside Gazette", "g");
    // The same words in one article of another outlet are that outlet's text.
    write_outlet_with_footer(&env, 1, "Hill Courier", "h");
    let report = env.index_corpus();
    assert_eq!(report["report"]["boilerplate_articles"], 6, "{report}");
    let found = env.search_all("recycled paper", &[]);
    assert_eq!(
        found
            .hits
            .iter()
            .map(|h| h.outlet.clone().unwrap())
            .collect::<Vec<_>>(),
        ["Hill Courier"]
    );
    // The articles themselves are intact.
    assert_eq!(
        env.search_all("councillors", &["--outlet", "lakeside gazette"])
            .total,
        6
    );

    // A later run: a new article of the outlet is cleaned too, the old ones stay clean.
    env.write("g9.txt", "Title: Market day\nOutlet: Lakeside Gazette\n\nStalls filled the square.\n\nThe Lakeside Gazette is printed on recycled paper at our Vetrino works.\n");
    let again = env.index_corpus();
    assert_eq!(again["report"]["boilerplate_articles"], 1, "{again}");
    assert_eq!(env.search_all("recycled paper", &[]).total, 1);
    assert_eq!(env.article_count(), 8);
}

#[test]
fn extract_applies_corpus_level_boilerplate_too() {
    let env = TestEnv::new();
    write_outlet_with_footer(&env, 5, "Lakeside Gazette", "g");
    let out = run(newsdex_bare()
        .args(["extract", "--jsonl", "--explain"])
        .arg(env.corpus()));
    assert_exit(&out, 0, "extract");
    let records: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| parse_json(l.as_bytes()))
        .collect();
    assert_eq!(records.len(), 5);
    for r in &records {
        assert!(
            !r["body"].as_str().unwrap().contains("recycled paper"),
            "{r}"
        );
        assert_eq!(
            r["removed"][0]["rule"],
            "repeated: in 5 articles of Lakeside Gazette"
        );
    }
}

#[test]
fn mentioned_dates_are_resolved_and_searchable() {
    let env = TestEnv::new();
    env.write(
        "grid.txt",
        "Title: Grid cuts widen\nDate: 2022-11-05\nLanguage: en\n\n\
         Power was cut across the capital on Saturday after strikes on substations.\n\
         Engineers had warned last week that reserves were thin.\n\
         The grid operator first rationed supply in September.",
    );
    let (records, _) = extract_jsonl(&[&env.corpus().join("grid.txt")]);
    let dates: Vec<(String, String)> = records[0]["mentioned_dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["text"].as_str().unwrap().to_string(),
                d["value"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for want in [
        ("Saturday", "2022-11-05"),
        ("last week", "2022-W43"),
        ("September", "2022-09"),
    ] {
        assert!(
            dates.contains(&(want.0.to_string(), want.1.to_string())),
            "{want:?} not in {dates:?}"
        );
    }
    env.index_corpus();
    for (period, hits) in [
        ("2022-11-05", 1),
        ("2022-11-06", 0),
        ("2022-09", 1),
        ("2022-W43", 1),
        ("2021", 0),
    ] {
        assert_eq!(
            env.search("", &["--mentions", period]).total,
            hits,
            "--mentions {period}"
        );
    }
    assert_eq!(
        env.search("mentions:2022-11-05 AND substations", &[]).total,
        1
    );
}
