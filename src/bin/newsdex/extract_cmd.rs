//! `newsdex extract`: the article records the indexer would store, without indexing.

use std::io::Write;
use std::process::ExitCode;

use rayon::prelude::*;

use newsdex::extract::{Cut, ExtractOptions, Extracted, extract_file};
use newsdex::ingest::{Candidate, ReadLimits, SourceFile, WalkItem, walk};
use newsdex::{Article, Error};

use crate::args::ExtractArgs;
use crate::output;

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let limits = ReadLimits {
        max_file_bytes: args.max_file_size.saturating_mul(1024 * 1024),
    };
    let opts = ExtractOptions::default();
    let mut failed = false;
    let mut candidates: Vec<Candidate> = Vec::new();
    for item in walk(&args.paths, &[]) {
        match item {
            WalkItem::File(c) => candidates.push(c),
            WalkItem::Skipped(_) => {}
            WalkItem::Failed(e) => {
                failed = true;
                report(&e);
            }
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut first = true;
    if args.json {
        out.write_all(b"[")?;
    }
    // Files are extracted in parallel, in chunks, and printed in walk order.
    for chunk in candidates.chunks(64) {
        let results: Vec<Result<Extracted, Error>> = chunk
            .par_iter()
            .map(|c| {
                SourceFile::load(&c.path, c.format, c.gzipped, &limits)
                    .and_then(|f| extract_file(&f, &opts))
            })
            .collect();
        for result in results {
            let extracted = match result {
                Ok(x) => x,
                Err(e) => {
                    failed = true;
                    report(&e);
                    continue;
                }
            };
            for e in &extracted.problems {
                failed = true;
                report(e);
            }
            for (article, cuts) in extracted.articles.iter().zip(&extracted.cuts) {
                if args.jsonl || args.json {
                    let mut value = serde_json::to_value(article)?;
                    if args.explain {
                        value["removed"] = serde_json::to_value(cuts)?;
                    }
                    if args.jsonl {
                        serde_json::to_writer(&mut out, &value)?;
                        out.write_all(b"\n")?;
                    } else {
                        out.write_all(if first { b"\n" } else { b",\n" })?;
                        serde_json::to_writer_pretty(&mut out, &value)?;
                    }
                } else {
                    out.write_all(
                        human(article, args.explain.then_some(cuts.as_slice())).as_bytes(),
                    )?;
                }
                first = false;
            }
        }
    }
    if args.json {
        out.write_all(b"\n]\n")?;
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn report(e: &Error) {
    let _ = writeln!(std::io::stderr(), "newsdex: {e}");
}

fn human(a: &Article, cuts: Option<&[Cut]>) -> String {
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
    let mut s = format!(
        "── {}\nid         {}\ntitle      {}\noutlet     {}  ({})\npublished  {}  ({})\nlanguage   {}\nauthors    {}\nsection    {}\nurl        {}\nwords      {}\n",
        output::display_path(&a.path),
        a.id,
        opt(&a.title),
        opt(&a.outlet),
        a.outlet_source.as_str(),
        a.published.map_or("-".into(), |d| d.to_string()),
        a.published_source.as_str(),
        opt(&a.language),
        if a.authors.is_empty() {
            "-".into()
        } else {
            a.authors.join(", ")
        },
        opt(&a.section),
        opt(&a.url),
        a.word_count,
    );
    s.push('\n');
    for line in a.body.lines() {
        if !line.is_empty() {
            s.push_str("    ");
            s.push_str(line);
        }
        s.push('\n');
    }
    if let Some(cuts) = cuts {
        if cuts.is_empty() {
            s.push_str("removed    nothing\n");
        }
        for cut in cuts {
            s.push_str(&format!("removed    [{}]\n", cut.rule));
            for line in cut.text.lines() {
                s.push_str("  - ");
                s.push_str(line);
                s.push('\n');
            }
        }
    }
    s.push('\n');
    s
}
