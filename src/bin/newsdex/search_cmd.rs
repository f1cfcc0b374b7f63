//! `newsdex search`: flags → `SearchRequest`, results printed.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use newsdex::search::{
    FacetField, Interval, Operator, SearchRequest, Sort, WireFilter, debug_query,
};
use newsdex::{NewsIndex, NewsSchema};

use crate::args::{SearchArgs, SortArg};
use crate::output::{self, Color};
use crate::research;

/// The one place search flags become a library request.
fn request(args: &SearchArgs) -> newsdex::Result<SearchRequest> {
    let quiet_body = args.all || args.kwic;
    let mut req = SearchRequest::new(args.query.clone())
        .sort(match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Newest => Sort::Newest,
            SortArg::Oldest => Sort::Oldest,
        })
        .limit(if args.count { 0 } else { args.limit })
        .offset(args.offset)
        .operator(if args.any {
            Operator::Or
        } else {
            Operator::And
        })
        .snippet_chars(
            args.snippet_chars
                .unwrap_or(if quiet_body { 0 } else { 200 }),
        )
        .all_copies(args.all_copies)
        .facet_limit(args.facet_limit)
        .per_outlet(args.per_outlet)
        .normalize(args.normalize)
        .explain(args.explain)
        .debug_query(args.debug_query);
    req.outlets = args.outlet.clone();
    req.languages = args.lang.clone();
    req.entities = args.entity.clone();
    for f in args.facet.iter().filter(|f| !f.trim().is_empty()) {
        req = req.facet(FacetField::parse(f)?);
    }
    if let Some(t) = &args.timeline {
        req = req.timeline(Interval::parse(t)?);
    }
    if args.kwic {
        req = req.kwic(args.kwic_words);
    }
    if let Some(h) = &args.recency {
        req = req.recency(h)?;
    }
    if args.no_wire {
        req = req.wire(WireFilter::None);
    } else if let Some(w) = &args.wire {
        req = req.wire(if w.trim().is_empty() {
            WireFilter::Any
        } else {
            WireFilter::Named(w.clone())
        });
    }
    req.entity_types = args.entity_type.iter().map(|t| t.kind()).collect();
    for m in &args.mentions {
        req = req.mentions(m)?;
    }
    if let Some(s) = &args.since {
        req = req.since(s)?;
    }
    if let Some(u) = &args.until {
        req = req.until(u)?;
    }
    req.validate()?;
    Ok(req)
}

pub fn run(
    dir: &Path,
    schema: NewsSchema,
    args: SearchArgs,
    color: Color,
) -> anyhow::Result<ExitCode> {
    let req = request(&args)?;
    if args.debug_query {
        research::print_debug(&debug_query(&req)?, color)?;
    }
    let index = NewsIndex::open_with_schema(dir, schema)?;
    index.set_search_threads(args.threads);
    if let Some(path) = &args.aliases {
        let mut table = (*index.aliases()?).clone();
        table.extend(&crate::aliases::read(path)?, &path.to_string_lossy())?;
        index.set_aliases(table)?;
    }
    if args.all {
        return export(&index, &req, &args);
    }
    let results = index.search(&req)?;
    if !args.json {
        // In --json output they are the `unmatched` key.
        research::print_unmatched(&results, color)?;
    }
    // All that is printed is in `results` and the process ends next: leaving the index's
    // memory maps to the exit, which tears them down at once, saves unmapping each file
    // (about a millisecond over a dozen segments).
    std::mem::forget(index);
    if args.count {
        output::write_all(&format!("{}\n", results.total))?;
    } else if args.json {
        output::write_all(&format!("{}\n", serde_json::to_string(&results)?))?;
    } else if args.kwic {
        let mut out = String::new();
        // Records (JSON Lines, CSV) name the generation they were read from, as exports do.
        let generation = (args.jsonl || args.csv).then_some(results.generation);
        for hit in &results.hits {
            research::kwic_records(hit, generation, &args, &mut out)?;
        }
        if args.csv {
            out.insert_str(0, research::KWIC_CSV_HEADER);
        }
        if args.jsonl || args.csv {
            output::write_all(&out)?;
        } else {
            research::write_colored(&out, color)?;
            research::print_summary(&results, color)?;
        }
    } else if args.jsonl {
        let mut out = String::new();
        for hit in &results.hits {
            out.push_str(&serde_json::to_string(hit)?);
            out.push('\n');
        }
        output::write_all(&out)?;
    } else if args.csv {
        let mut out = String::from(research::HIT_CSV_HEADER);
        for (i, hit) in results.hits.iter().enumerate() {
            research::hit_csv(
                (results.offset + i + 1) as u64,
                results.generation,
                hit,
                &mut out,
            );
        }
        output::write_all(&out)?;
    } else {
        output::print_results(&results, color)?;
        research::print_research(&results, color)?;
    }
    Ok(if results.total > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `--all`: every match streamed as JSON Lines or CSV (per hit, or per KWIC line).
fn export(index: &NewsIndex, req: &SearchRequest, args: &SearchArgs) -> anyhow::Result<ExitCode> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    if args.csv {
        out.write_all(
            if args.kwic {
                research::KWIC_CSV_HEADER
            } else {
                research::HIT_CSV_HEADER
            }
            .as_bytes(),
        )?;
    }
    let mut line = String::new();
    let summary = index.export(req, |record| -> anyhow::Result<()> {
        line.clear();
        if args.kwic {
            research::kwic_records(&record.hit, Some(record.generation), args, &mut line)?;
        } else if args.csv {
            research::hit_csv(record.rank, record.generation, &record.hit, &mut line);
        } else {
            line.push_str(&serde_json::to_string(&record)?);
            line.push('\n');
        }
        out.write_all(line.as_bytes())?;
        Ok(())
    });
    // A closed pipe (`| head`) ends the export quietly: main treats it as success.
    let summary = summary?;
    out.flush()?;
    Ok(if summary.records > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
