//! `newsdex extract`: the article records the indexer would store, without indexing.

use std::io::Write;
use std::process::ExitCode;

use newsdex::Article;
use newsdex::extract::{CorpusItem, Cut, extract_corpus};

use crate::args::ExtractArgs;
use crate::output;

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let (limits, opts) = args.extraction.options()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut first = true;
    let mut result: anyhow::Result<()> = Ok(());
    if args.json {
        out.write_all(b"[")?;
    }
    extract_corpus(&args.paths, &opts, &limits, |item| {
        if result.is_err() {
            return;
        }
        match item {
            CorpusItem::Problem(e) => {
                failed = true;
                let _ = writeln!(std::io::stderr(), "newsdex: {e}");
            }
            CorpusItem::Article(article, cuts) => {
                result = print(&mut out, &args, &article, &cuts, first);
                first = false;
            }
        }
    });
    result?;
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

fn print(
    out: &mut impl Write,
    args: &ExtractArgs,
    article: &Article,
    cuts: &[Cut],
    first: bool,
) -> anyhow::Result<()> {
    if args.jsonl || args.json {
        let mut value = serde_json::to_value(article)?;
        if args.explain {
            value["removed"] = serde_json::to_value(cuts)?;
        }
        if args.jsonl {
            serde_json::to_writer(&mut *out, &value)?;
            out.write_all(b"\n")?;
        } else {
            out.write_all(if first { b"\n" } else { b",\n" })?;
            serde_json::to_writer_pretty(&mut *out, &value)?;
        }
    } else {
        out.write_all(human(article, args.explain.then_some(cuts)).as_bytes())?;
    }
    Ok(())
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
