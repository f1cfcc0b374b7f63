//! Any bytes as a JSON file and as a JSON Lines file of articles.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::extract::{ExtractOptions, extract};
use newsdex::ingest::{Format, SourceFile, read};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    for format in [Format::Json, Format::JsonLines] {
        let file = SourceFile::from_text("fuzz.json", format, text.clone());
        if let Ok(outcome) = read(&file) {
            for raw in outcome.articles {
                let _ = extract(raw, &ExtractOptions::default());
            }
        }
    }
});
