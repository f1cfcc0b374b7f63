//! # Embedding newsdex in a program
//!
//! Builds an index from `sample-corpus/` (or the folder given as the first argument) in a
//! temporary folder, then runs a filtered search and prints the hits with marked snippets.
//!
//! ```text
//! cargo run --example embed -- sample-corpus "drones AND iran"
//! ```

use std::path::PathBuf;

use newsdex::index::IndexEvent;
use newsdex::search::{SearchRequest, Sort};
use newsdex::{NewsIndex, WriterOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let corpus = PathBuf::from(args.next().unwrap_or_else(|| "sample-corpus".into()));
    let query = args.next().unwrap_or_else(|| "drones AND iran".into());

    // # Indexing
    // `open_or_create` makes the folder on first use; a re-run reads only changed files.
    let dir = tempfile::tempdir()?;
    let index = NewsIndex::open_or_create(dir.path().join("index"))?;
    let mut indexer = index.indexer(WriterOptions::default())?;
    // Progress arrives as events; a program can show them however it likes.
    indexer.add_paths(&[corpus], &|event| {
        if let IndexEvent::Problem(err) = event {
            eprintln!("skipped: {err}");
        }
    })?;
    let report = indexer.finish()?;
    println!(
        "indexed {} articles from {} files",
        report.articles_indexed(),
        report.files_indexed
    );

    // # Searching
    // Filters are typed values, never pasted into the query text.
    let request = SearchRequest::new(query)
        .since("2022")?
        .sort(Sort::Newest)
        .limit(5);
    let results = index.search(&request)?;
    println!("{} matching articles, newest first:", results.total);
    for hit in &results.hits {
        println!(
            "- {} ({}, {})",
            hit.title.as_deref().unwrap_or("untitled"),
            hit.outlet.as_deref().unwrap_or("?"),
            hit.published.as_deref().unwrap_or("undated")
        );
        if let Some(snippet) = &hit.snippet {
            println!("  {}", snippet.marked("**", "**"));
        }
    }
    Ok(())
}
