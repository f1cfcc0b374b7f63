//! Any bytes after a YAML or TOML front-matter fence, and as a text header block.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::extract::{ExtractOptions, extract};
use newsdex::ingest::{Format, SourceFile, read};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for (format, doc) in [
        (Format::Markdown, format!("---\n{text}")),
        (Format::Markdown, format!("+++\n{text}")),
        (Format::Text, text.to_string()),
    ] {
        if let Ok(outcome) = read(&SourceFile::from_text("fuzz", format, doc)) {
            for raw in outcome.articles {
                let _ = extract(raw, &ExtractOptions::default());
            }
        }
    }
});
