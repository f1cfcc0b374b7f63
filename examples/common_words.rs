//! # The English common-word list
//!
//! Rebuilds `src/extract/entities/data/common-en.txt`: words the English training text (the
//! same CoNLL-2003 set the tagger learns from, `{"id", "body"}` JSON Lines, tokens separated
//! by spaces) writes in lowercase at least five times and more than three times as often as
//! it capitalises them mid-sentence. A one-word name the tagger finds at a sentence's start
//! is dropped when its lowercase form is on the list ("Dollar", "Firms", "Police"): the
//! capital there comes from the sentence, and the word is common. Deterministic.
//!
//! ```text
//! cargo run --release --example common_words -- ../shared/eval/ner/conll-train.input.jsonl \
//!     src/extract/entities/data/common-en.txt
//! ```

use std::collections::{BTreeSet, HashMap};
use std::error::Error;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(input), Some(output)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: common_words TRAIN.input.jsonl OUT.txt");
        std::process::exit(2);
    };
    let mut lower: HashMap<String, usize> = HashMap::new();
    let mut capital: HashMap<String, usize> = HashMap::new();
    for line in std::fs::read_to_string(input)?.lines() {
        let doc: serde_json::Value = serde_json::from_str(line)?;
        let body = doc["body"].as_str().unwrap_or_default();
        for sentence_line in body.lines() {
            let mut starts = true;
            for token in sentence_line.split(' ').filter(|t| !t.is_empty()) {
                let alphabetic = token.chars().all(char::is_alphabetic);
                if alphabetic && token.chars().all(char::is_lowercase) {
                    *lower.entry(token.to_string()).or_default() += 1;
                } else if alphabetic && !starts && token.starts_with(char::is_uppercase) {
                    *capital.entry(token.to_lowercase()).or_default() += 1;
                }
                starts = matches!(token, "." | "?" | "!" | ":" | "\"" | "(" | "-");
            }
        }
    }
    let words: BTreeSet<&String> = lower
        .iter()
        .filter(|(w, n)| **n >= 5 && **n > 3 * capital.get(*w).copied().unwrap_or(0))
        .map(|(w, _)| w)
        .collect();
    let mut text = String::from(
        "# Common English words (see examples/common_words.rs, which writes this file).\n",
    );
    for w in &words {
        text.push_str(w);
        text.push('\n');
    }
    std::fs::write(output, text)?;
    eprintln!("wrote {} words to {output}", words.len());
    Ok(())
}
