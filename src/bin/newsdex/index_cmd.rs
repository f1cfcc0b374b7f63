//! `newsdex index`: flags → `WriterOptions`, progress bar, summary.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsdex::index::IndexEvent;
use newsdex::{Error, NewsIndex, NewsSchema, WriterOptions};

use crate::args::IndexArgs;
use crate::output::{self, Color};

pub fn run(
    dir: &Path,
    schema: NewsSchema,
    args: IndexArgs,
    color: Color,
) -> anyhow::Result<ExitCode> {
    // A command line whose every path is missing is a mistake in the command, not bad input:
    // stop before creating or touching an index. One missing path among others is reported
    // like any input that fails (exit 2 with --strict).
    if args
        .paths
        .iter()
        .all(|p| std::fs::symlink_metadata(p).is_err())
    {
        let names: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        anyhow::bail!(
            "nothing to index: no such file or folder: {}",
            names.join(", ")
        );
    }
    let index = if args.rebuild {
        NewsIndex::recreate(dir, schema)?
    } else {
        NewsIndex::open_or_create_with_schema(dir, schema)?
    };
    let cancel = Arc::new(AtomicBool::new(false));
    {
        let cancel = cancel.clone();
        // A second Ctrl-C while committing falls through to the default (immediate exit).
        let _ = ctrlc::set_handler(move || {
            if cancel.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
    }
    let (limits, extract) = args.extraction.options()?;
    let opts = WriterOptions {
        memory_bytes: args.memory.saturating_mul(1024 * 1024),
        threads: args.threads,
        commit_every: args.commit_every.max(1),
        commit_interval: std::time::Duration::from_secs(args.commit_secs.max(1)),
        prune: !args.no_prune,
        limits,
        cancel: Some(cancel),
        extract,
    };
    let mut indexer = index.indexer(opts)?;

    let bar = if args.quiet || args.json {
        ProgressBar::hidden()
    } else {
        progress_bar()
    };
    let on_event = |event: IndexEvent<'_>| match event {
        IndexEvent::Planned { files } => bar.set_length(files as u64),
        IndexEvent::File { .. } => bar.inc(1),
        _ => {}
    };
    let result = indexer.add_paths(&args.paths, &on_event);
    bar.finish_and_clear();
    let (report, interrupted) = match result {
        Ok(()) => (indexer.finish()?, false),
        Err(Error::Interrupted) => (indexer.report(), true),
        Err(e) => return Err(e.into()),
    };
    index.reload()?;
    let stats = index.stats()?;

    if let Some(path) = &args.errors {
        let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
        for failed in &report.failed {
            serde_json::to_writer(&mut f, failed)?;
            f.write_all(b"\n")?;
        }
        f.flush()?;
    }
    if args.json {
        let value = serde_json::json!({ "report": report, "index": stats });
        output::write_all(&format!("{value}\n"))?;
    } else {
        output::print_index_report(&report, &stats, dir, color)?;
    }
    Ok(if interrupted {
        ExitCode::from(130)
    } else if args.strict && !report.failed.is_empty() {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn progress_bar() -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} indexing [{bar:30}] {pos}/{len} files {per_sec} eta {eta}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
