//! Any text as a publication date, a URL and a search period.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::extract::dates::{date_from_file_name, date_from_url, parse_date};
use newsdex::search::DateBound;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = parse_date(&text);
    let _ = date_from_url(&text);
    let _ = date_from_file_name(&text);
    if let Some(b) = DateBound::parse(&text) {
        assert!(b.start() < b.end());
    }
});
