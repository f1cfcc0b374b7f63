//! Any bytes as a saved web page: charset sniffing, parsing, metadata, main text, boilerplate.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::extract::{ExtractOptions, extract};
use newsdex::ingest::{Format, SourceFile, read};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let file = SourceFile::from_text("fuzz.html", Format::Html, text);
    if let Ok(outcome) = read(&file) {
        for raw in outcome.articles {
            let _ = extract(raw, &ExtractOptions::default());
        }
    }
});
