//! Named entities end to end: `extract` lists linked entities with every mention, `search
//! --entity` matches any alias, `--entity-type` filters by type, and `index --aliases`
//! re-links stored articles without reading their files again.

use serde_json::Value;

use crate::util::{TestEnv, assert_exit, extract_jsonl, run};

/// An article written in the manner of the seed (our own text).
const SEED_LIKE: &str = "Title: Kyiv Dark Again as Iran Admits Drone Deliveries\n\
Outlet: Harbor Times\nDate: 2022-11-05\n\n\
Large parts of Kyiv were without power on Saturday after another wave of Russian strikes on \
substations, the city's mayor said.\n\n\
Iran's foreign minister, Hossein Amir-Abdollahian, told reporters in Tehran that his country had \
sent a small number of drones to Russia several months before the invasion of Ukraine, the state \
news agency IRNA reported.\n\n\
Amir-Abdollahian said Iran would examine any evidence that the drones were used in the war. \
Officials in Kiev called the explanation a lie.\n\n\
The Washington Post reported that Russia had ordered hundreds more of the drones, and the \
European Union said it was preparing new sanctions. Air defence units shot down dozens of the \
drones on October 16.\n";

/// An article that says only "Kyiv", never "Kiev".
const KYIV_ONLY: &str = "Title: Drones Strike Kyiv Power Plant\nOutlet: Baltic Courier\nDate: 2022-10-17\n\n\
Explosive drones struck a power plant in Kyiv early on Monday, officials said. Firefighters \
worked through the morning.\n";

/// A German article naming the city "Kiew".
const KIEW: &str = "Title: Drohnen über Kiew\nOutlet: Rheinische Abendpost\nDate: 2022-10-17\nLanguage: de\n\n\
Am Montag haben Drohnen erneut Kiew angegriffen. Die Feuerwehr war bis zum Mittag im Einsatz.\n";

fn entity<'a>(record: &'a Value, name: &str) -> Option<&'a Value> {
    record["entities"]
        .as_array()?
        .iter()
        .find(|e| e["name"] == name)
}

fn mentions(e: &Value) -> Vec<String> {
    e["mentions"]
        .as_array()
        .map(|m| {
            m.iter()
                .filter_map(|x| x["text"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn extract_lists_linked_entities_and_mentioned_dates() {
    let env = TestEnv::new();
    let path = env.write("seed-like.txt", SEED_LIKE);
    let (records, out) = extract_jsonl(&[&path]);
    assert_exit(&out, 0, "extract");
    let r = &records[0];
    let kyiv = entity(r, "Kyiv").unwrap_or_else(|| panic!("no Kyiv in {}", r["entities"]));
    assert_eq!(kyiv["type"], "place");
    let kyiv_mentions = mentions(kyiv);
    assert!(
        kyiv_mentions.contains(&"Kiev".to_string()),
        "{kyiv_mentions:?}"
    );
    assert!(
        kyiv_mentions.contains(&"Kyiv".to_string()),
        "{kyiv_mentions:?}"
    );
    let names: Vec<&str> = r["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert_eq!(names.iter().filter(|n| **n == "Kyiv").count(), 1);
    let minister = entity(r, "Hossein Amir-Abdollahian").expect("the minister");
    assert_eq!(minister["type"], "person");
    assert_eq!(
        mentions(minister),
        ["Hossein Amir-Abdollahian", "Amir-Abdollahian"]
    );
    for name in [
        "Iran",
        "Russia",
        "Ukraine",
        "IRNA",
        "The Washington Post",
        "European Union",
    ] {
        assert!(entity(r, name).is_some(), "{name} missing from {names:?}");
    }
    let dates: Vec<(String, String)> = r["mentioned_dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["text"].as_str().unwrap_or_default().to_string(),
                d["value"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert!(
        dates.contains(&("Saturday".into(), "2022-11-05".into())),
        "{dates:?}"
    );
    assert!(
        dates.contains(&("October 16".into(), "2022-10-16".into())),
        "{dates:?}"
    );
}

fn index_three(env: &TestEnv) {
    env.write("seed-like.txt", SEED_LIKE);
    env.write("kyiv-only.txt", KYIV_ONLY);
    env.write("kiew.txt", KIEW);
    env.index_corpus();
}

#[test]
fn entity_filter_matches_any_alias() {
    let env = TestEnv::new();
    index_three(&env);
    // "Kiev" finds the article that only says "Kyiv", and the German "Kiew".
    let hits = env.search_all("drones", &["--entity", "Kiev"]);
    let titles: Vec<&str> = hits
        .hits
        .iter()
        .filter_map(|h| h.title.as_deref())
        .collect();
    assert!(
        titles.contains(&"Drones Strike Kyiv Power Plant"),
        "{titles:?}"
    );
    assert_eq!(env.search_all("", &["--entity", "kiev"]).total, 3);
    assert_eq!(env.search_all("", &["--entity", "Київ"]).total, 3);
    // In the query language, `entity:` matches a canonical name or a form written in the
    // text, without the alias table.
    assert_eq!(env.search_all("entity:kyiv", &[]).total, 3);
    assert_eq!(env.search_all("entity:kyi*", &[]).total, 3);
    assert_eq!(env.search_all("entity:Kiev", &[]).total, 1);
    assert_eq!(
        env.search_all("entity:\"Hossein Amir-Abdollahian\"", &[])
            .total,
        1
    );
    assert_eq!(env.search_all("entity:Amir-Abdollahian", &[]).total, 1);
    // All named entities must match.
    assert_eq!(
        env.search_all("", &["--entity", "Kyiv", "--entity", "IRNA"])
            .total,
        1
    );
    // Hits carry their entities.
    let hit = &env.search_all("", &["--entity", "IRNA"]).hits[0];
    assert!(
        hit.entities.contains(&"place:Kyiv".to_string()),
        "{:?}",
        hit.entities
    );
}

#[test]
fn entity_filter_finds_a_person_by_surname() {
    let env = TestEnv::new();
    env.write(
        "mayor.txt",
        "Title: Kyiv Mayor Asks Residents to Save Power\nOutlet: Harbor Times\nDate: 2022-11-06\n\n\
         Vitali Klitschko, the mayor of Kyiv, asked residents on Sunday to charge their phones \
         while the power was on.\n",
    );
    env.index_corpus();
    // Written only in full, found by the surname too, but not by the first name.
    assert_eq!(
        env.search_all("", &["--entity", "Vitali Klitschko"]).total,
        1
    );
    assert_eq!(env.search_all("", &["--entity", "klitschko"]).total, 1);
    assert_eq!(env.search_all("", &["--entity", "Vitali"]).total, 0);
}

#[test]
fn entity_filter_crosses_scripts_for_people_the_alias_table_knows() {
    let env = TestEnv::new();
    env.write(
        "mayor-en.txt",
        "Title: Kyiv Mayor Asks Residents to Save Power\nOutlet: Harbor Times\nDate: 2022-11-06\n\n\
         Vitali Klitschko, the mayor of Kyiv, asked residents on Sunday to charge their phones.\n",
    );
    env.write(
        "mayor-ru.txt",
        "Title: Мэр Киева призвал экономить свет\nOutlet: Novaya Vest\nDate: 2022-11-06\n\n\
         В воскресенье Виталий Кличко призвал жителей заряжать телефоны, пока есть свет. \
         По словам Кличко, отключения продлятся.\n",
    );
    env.index_corpus();
    for name in ["Klitschko", "Кличко", "Віталій Кличко", "Vitali Klitschko"] {
        assert_eq!(env.search_all("", &["--entity", name]).total, 2, "{name}");
    }
}

#[test]
fn entity_type_filter() {
    let env = TestEnv::new();
    index_three(&env);
    assert_eq!(env.search_all("", &["--entity-type", "person"]).total, 1);
    assert_eq!(env.search_all("", &["--entity-type", "place"]).total, 3);
    assert_eq!(
        env.search_all(
            "",
            &["--entity", "Amir-Abdollahian", "--entity-type", "person"]
        )
        .total,
        1
    );
    assert_eq!(
        env.search_value("", &["--entity", "Kyiv", "--entity-type", "person"])["total"],
        0
    );
}

#[test]
fn an_index_without_a_record_of_its_recognition_finds_entities_again() {
    let env = TestEnv::new();
    env.write(
        "plant.txt",
        "Title: Shipyard Orders\nOutlet: Harbor Times\nDate: 2023-03-01\n\n\
         Officials at Vostok Dynamics said on Monday that the shipyard had won two new orders.\n",
    );
    let aliases = env.root().join("mine.tsv");
    std::fs::write(
        &aliases,
        "Vostok Dynamics Group\torganization\tVostok Dynamics\n",
    )
    .unwrap();
    let out = run(env
        .newsdex()
        .args(["index", "-q", "--aliases"])
        .arg(&aliases)
        .arg(env.corpus()));
    assert_exit(&out, 0, "index --aliases");
    // Each run records what it applied: the recognition version and the table.
    let record = env.index_dir().join(newsdex::index::ALIAS_RECORD);
    let text = std::fs::read_to_string(&record).unwrap();
    assert!(
        text.starts_with(&format!(
            "# applied r{}-",
            newsdex::extract::entities::RECOGNITION
        )),
        "{text}"
    );
    // An index built before records were kept (no file): the next run finds its entities
    // again from stored text, here with the shipped table, which lacks the group's name.
    std::fs::remove_file(&record).unwrap();
    let report = env.index_corpus();
    assert_eq!(report["report"]["files_indexed"], 0, "{report}");
    assert_eq!(report["report"]["entities_relinked"], 1, "{report}");
    assert!(record.exists());
    let hits = env.search_all("", &["--entity", "Vostok Dynamics"]);
    assert!(
        hits.hits[0]
            .entities
            .contains(&"organization:Vostok Dynamics".to_string()),
        "{:?}",
        hits.hits[0].entities
    );
    // Recorded now: another run finds nothing to do.
    assert_eq!(env.index_corpus()["report"]["entities_relinked"], 0);
}

#[test]
fn aliases_file_relinks_stored_articles_without_reading_files() {
    let env = TestEnv::new();
    env.write(
        "plant.txt",
        "Title: Shipyard Orders\nOutlet: Harbor Times\nDate: 2023-03-01\n\n\
         Officials at Vostok Dynamics said on Monday that the shipyard had won two new orders. \
         Vostok Dynamics employs about four thousand people.\n",
    );
    env.index_corpus();
    assert_eq!(env.search_value("", &["--entity", "VDG"])["total"], 0);
    let aliases = env.root().join("mine.tsv");
    std::fs::write(
        &aliases,
        "# our aliases\nVostok Dynamics Group\torganization\tVostok Dynamics|VDG\n",
    )
    .unwrap();
    let out = run(env
        .newsdex()
        .args(["index", "--json", "-q", "--aliases"])
        .arg(&aliases)
        .arg(env.corpus()));
    assert_exit(&out, 0, "index --aliases");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["report"]["files_indexed"], 0, "{report}");
    assert_eq!(report["report"]["entities_relinked"], 1, "{report}");
    // The index remembers the table: searches resolve with it, no flag needed.
    let hits = env.search_all("", &["--entity", "VDG"]);
    assert_eq!(hits.total, 1);
    assert!(
        hits.hits[0]
            .entities
            .contains(&"organization:Vostok Dynamics Group".to_string()),
        "{:?}",
        hits.hits[0].entities
    );
    // A bad alias file is an error naming the line.
    std::fs::write(&aliases, "Broken line without tabs\n").unwrap();
    let out = run(env
        .newsdex()
        .args(["index", "-q", "--aliases"])
        .arg(&aliases)
        .arg(env.corpus()));
    assert_exit(&out, 2, "index with a bad alias file");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("line 1"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
