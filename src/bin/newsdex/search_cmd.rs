//! `newsdex search`: flags → `SearchRequest`, results printed.

use std::path::Path;
use std::process::ExitCode;

use newsdex::search::{Operator, SearchRequest, Sort};
use newsdex::{NewsIndex, NewsSchema};

use crate::args::{SearchArgs, SortArg};
use crate::output::{self, Color};

/// The one place search flags become a library request.
fn request(args: &SearchArgs) -> newsdex::Result<SearchRequest> {
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
        .snippet_chars(args.snippet_chars);
    req.outlets = args.outlet.clone();
    req.languages = args.lang.clone();
    req.entities = args.entity.clone();
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
    let index = NewsIndex::open_with_schema(dir, schema)?;
    if let Some(path) = &args.aliases {
        let mut table = (*index.aliases()).clone();
        table.extend(&crate::aliases::read(path)?, &path.to_string_lossy())?;
        index.set_aliases(table);
    }
    let results = index.search(&req)?;
    if args.count {
        output::write_all(&format!("{}\n", results.total))?;
    } else if args.json {
        output::write_all(&format!("{}\n", serde_json::to_string(&results)?))?;
    } else if args.jsonl {
        let mut out = String::new();
        for hit in &results.hits {
            out.push_str(&serde_json::to_string(hit)?);
            out.push('\n');
        }
        output::write_all(&out)?;
    } else {
        output::print_results(&results, color)?;
    }
    Ok(if results.total > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
