//! Extraction speed per page, one thread: `cargo bench --bench extract_pages -- [--parse-only] [--repeat N] FILE...`
//!
//! Each file is read and decoded outside the clock (as `bench/extract_speed.sh` does for
//! trafilatura), then extracted `--repeat` times; a page's time is the fastest run, which
//! filters out the noise of a shared machine. `--parse-only` times the HTML parse alone,
//! the floor any extractor built on html5ever pays.
//!
//! Prints one summary line to stderr in the same shape as the Python side of the script.

use std::time::Instant;

use newsdex::extract::{ExtractOptions, extract_file};
use newsdex::ingest::{Format, ReadLimits, SourceFile};

fn main() {
    let mut args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let parse_only = take_flag(&mut args, "--parse-only");
    let repeat = take_value(&mut args, "--repeat").map_or(3, |v| v.parse().unwrap_or(3));
    let opts = ExtractOptions::default();
    let limits = ReadLimits::default();
    let mut times = Vec::new();
    let mut failed = 0;
    for path in &args {
        let path = std::path::Path::new(path);
        let gzipped = path.extension().is_some_and(|e| e == "gz");
        let file = match SourceFile::load(path, Format::Html, gzipped, &limits) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("{e}");
                failed += 1;
                continue;
            }
        };
        let mut best = f64::INFINITY;
        for _ in 0..repeat.max(1) {
            let start = Instant::now();
            if parse_only {
                std::hint::black_box(dom_query::Document::from(file.text.as_str()));
            } else if extract_file(&file, &opts).is_err() {
                failed += 1;
            }
            best = best.min(start.elapsed().as_secs_f64() * 1000.0);
        }
        times.push(best);
    }
    if times.is_empty() {
        eprintln!(
            "usage: cargo bench --bench extract_pages -- [--parse-only] [--repeat N] FILE..."
        );
        std::process::exit(2);
    }
    times.sort_by(f64::total_cmp);
    let total: f64 = times.iter().sum();
    let median = times[times.len() / 2];
    let p90 = times[(times.len() - 1) * 9 / 10];
    let mode = if parse_only { "parse" } else { "extract" };
    eprintln!(
        "mode=newsdex_{mode} pages={} repeat={repeat} total_ms={total:.1} median_ms={median:.3} p90_ms={p90:.3} pages_per_s={:.1} failed={failed}",
        times.len(),
        times.len() as f64 * 1000.0 / total
    );
}

fn take_flag(args: &mut Vec<String>, name: &str) -> bool {
    let before = args.len();
    args.retain(|a| a != name);
    args.len() != before
}

fn take_value(args: &mut Vec<String>, name: &str) -> Option<String> {
    let i = args.iter().position(|a| a == name)?;
    args.remove(i);
    (i < args.len()).then(|| args.remove(i))
}
