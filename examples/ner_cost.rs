//! Time per stage of entity and mentioned-date extraction over a JSONL dump of extracted
//! articles (`newsdex extract FILE --jsonl --no-entities --no-mentioned-dates > dump.jsonl`):
//! `cargo run --release --example ner_cost -- dump.jsonl [rounds]`. Prints seconds per stage.
use std::time::Instant;

use newsdex::extract::entities::{AliasTable, entities};
use newsdex::extract::mentions::mentioned_dates;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: ner_cost DUMP.jsonl [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(1);
    let text = std::fs::read_to_string(path).expect("readable dump");
    let mut docs = Vec::new();
    for line in text.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        let published = s("published")
            .and_then(|p| chrono::NaiveDate::parse_from_str(p.get(..10)?, "%Y-%m-%d").ok());
        docs.push((
            s("title"),
            s("body").unwrap_or_default(),
            s("language"),
            published,
        ));
    }
    let aliases = AliasTable::shipped();
    for _ in 0..rounds {
        let t = Instant::now();
        let mut n = 0;
        for (title, body, lang, _) in &docs {
            n += entities(title.as_deref(), body, lang.as_deref(), aliases).len();
        }
        let ent = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let mut m = 0;
        for (_, body, _, published) in &docs {
            m += mentioned_dates(body, *published).len();
        }
        let dates = t.elapsed().as_secs_f64();
        println!(
            "{} docs: entities {ent:.3} s ({n}), mentioned dates {dates:.3} s ({m})",
            docs.len()
        );
    }
}
