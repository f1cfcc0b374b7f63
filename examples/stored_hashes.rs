//! # The hashes an index stores for each article
//!
//! Reads `newsdex extract --jsonl` output on stdin and prints, per article, its id, its
//! SimHash and its paragraph hashes: the values the index keeps in the `simhash` and
//! `para_hashes` fast fields and compares across runs. Diff the output of two builds to
//! check that a change to the hashing code leaves stored values alone.
//!
//! ```text
//! newsdex extract CORPUS --jsonl | cargo run --release --example stored_hashes > hashes.tsv
//! ```

use std::io::{BufRead, Write};

use newsdex::extract::boilerplate::paragraph_hashes;
use newsdex::extract::syndication::simhash;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let stdin = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let body = v["body"].as_str().unwrap_or_default();
        let sig = simhash(body).map_or("-".to_string(), |s| format!("{s:016x}"));
        let paras: Vec<String> = paragraph_hashes(body).map(|h| format!("{h:x}")).collect();
        writeln!(out, "{}\t{sig}\t{}", v["id"], paras.join(","))?;
    }
    Ok(())
}
