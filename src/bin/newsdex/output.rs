//! Printers for people: colour on a terminal (anstream strips it when piped or with
//! NO_COLOR), plain text otherwise. JSON output is printed by the commands with serde.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use anstream::ColorChoice;
use owo_colors::OwoColorize;

use newsdex::index::IndexReport;
use newsdex::{IndexStats, SearchResults};

use crate::args::ColorWhen;

pub type Color = ColorChoice;

pub fn color_choice(when: ColorWhen) -> Color {
    match when {
        ColorWhen::Auto => ColorChoice::Auto,
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
    }
}

/// Stdout for people, coloured as `color` resolves for the real stdout, and buffered: Rust's
/// stdout is line-buffered, so a page of ten hits went out in some 60 `write` calls, a
/// measurable share of a whole-process search. Printers end with `flush`, which writes it
/// all at once (and reports a closed pipe); dropping the stream flushes too.
pub fn stdout(color: Color) -> anstream::AutoStream<Box<dyn Write>> {
    // Resolved here, against stdout itself: the buffer in between is no terminal.
    let choice = match color {
        ColorChoice::Auto => anstream::AutoStream::choice(&std::io::stdout()),
        chosen => chosen,
    };
    let buffered: Box<dyn Write> = Box::new(std::io::BufWriter::with_capacity(
        1 << 16,
        std::io::stdout().lock(),
    ));
    anstream::AutoStream::new(buffered, choice)
}

/// Writes text to stdout in one go.
pub fn write_all(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// A path relative to the current folder when it lies below it.
pub fn display_path(path: &str) -> String {
    let p = Path::new(path);
    std::env::current_dir()
        .ok()
        .and_then(|cwd| {
            p.strip_prefix(cwd)
                .ok()
                .map(|r| r.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| path.to_string())
}

pub fn print_results(results: &SearchResults, color: Color) -> std::io::Result<()> {
    let mut out = stdout(color);
    for (i, hit) in results.hits.iter().enumerate() {
        let n = results.offset + i + 1;
        let title = hit.title.as_deref().unwrap_or("(untitled)");
        writeln!(out, "{:>3}. {}", n, title.bold())?;
        let mut meta = vec![
            hit.outlet
                .clone()
                .unwrap_or_else(|| "unknown outlet".into()),
        ];
        meta.push(
            hit.published
                .as_deref()
                .map_or("undated".into(), |d| d.get(..10).unwrap_or(d).to_string()),
        );
        if let Some(l) = &hit.language {
            meta.push(l.clone());
        }
        meta.push(format!("score {:.2}", hit.score));
        if !hit.wire.is_empty() {
            meta.push(format!("wire: {}", hit.wire.join(", ")));
        }
        writeln!(out, "     {}", meta.join(" · ").dimmed())?;
        if !hit.also_in.is_empty() {
            writeln!(out, "     {} {}", "also in:".bold(), hit.also_in.join(", "))?;
        }
        if let Some(s) = &hit.snippet {
            let open = "\u{1b}[1;33m";
            let close = "\u{1b}[0m";
            let text = s
                .marked(open, close)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            writeln!(out, "     {text}")?;
        }
        if !hit.entities.is_empty() {
            writeln!(out, "     {}", entity_line(&hit.entities, 6).dimmed())?;
        }
        let source = hit.url.clone().unwrap_or_else(|| display_path(&hit.path));
        writeln!(out, "     {}", source.cyan())?;
        writeln!(out)?;
    }
    let shown = if results.hits.is_empty() {
        String::new()
    } else {
        format!(
            " (showing {}–{})",
            results.offset + 1,
            results.offset + results.hits.len()
        )
    };
    let noun = if results.total == 1 {
        "article"
    } else {
        "articles"
    };
    let copies = if results.total_copies > results.total {
        format!(" ({} with syndicated copies)", results.total_copies)
    } else {
        String::new()
    };
    writeln!(
        out,
        "{} {noun}{copies}{shown} · {:.1} ms",
        results.total, results.took_ms
    )?;
    out.flush()
}

/// The first `max` entity names of a hit (`type:Name` values), then how many more.
fn entity_line(entities: &[String], max: usize) -> String {
    let names: Vec<&str> = entities
        .iter()
        .take(max)
        .map(|e| e.split_once(':').map_or(e.as_str(), |(_, n)| n))
        .collect();
    let more = entities.len().saturating_sub(max);
    let mut line = format!("entities: {}", names.join(", "));
    if more > 0 {
        line.push_str(&format!(" (+{more})"));
    }
    line
}

pub fn print_index_report(
    r: &IndexReport,
    stats: &IndexStats,
    dir: &Path,
    color: Color,
) -> std::io::Result<()> {
    let mut out = stdout(color);
    let rate = if r.elapsed_secs > 0.0 {
        r.articles_indexed() as f64 / r.elapsed_secs
    } else {
        0.0
    };
    let verb = if r.interrupted {
        "Interrupted; committed what was done"
    } else {
        "Indexed"
    };
    writeln!(
        out,
        "{} into {} in {:.2} s",
        verb.bold(),
        dir.display(),
        r.elapsed_secs
    )?;
    writeln!(
        out,
        "  files     {} seen: {} indexed, {} unchanged, {} skipped, {} failed{}",
        r.files_seen,
        r.files_indexed,
        r.files_unchanged,
        r.skipped.len(),
        r.failed.len(),
        if r.files_removed > 0 {
            format!("; {} gone", r.files_removed)
        } else {
            String::new()
        }
    )?;
    let kept = if r.articles_kept > 0 {
        format!(", {} kept from a stopped run", r.articles_kept)
    } else {
        String::new()
    };
    writeln!(
        out,
        "  articles  {} added, {} updated, {} removed{kept} ({:.0} articles/s)",
        r.articles_added, r.articles_updated, r.articles_removed, rate
    )?;
    writeln!(
        out,
        "  index     {} from {}, {}",
        counted(stats.articles, "article", "articles"),
        counted(stats.outlets.len(), "outlet", "outlets"),
        human_bytes(stats.index_bytes)
    )?;
    if r.syndication_clusters > 0 {
        writeln!(
            out,
            "  syndicated {} carried by {} articles (near-duplicate copies; searches count each story once)",
            counted(r.syndication_clusters, "story", "stories"),
            r.syndicated_articles
        )?;
    }
    if r.boilerplate_paragraphs > 0 {
        writeln!(
            out,
            "  cleaned   {} removed from {} (boilerplate of their outlet)",
            counted(
                r.boilerplate_paragraphs,
                "repeated paragraph",
                "repeated paragraphs"
            ),
            counted(r.boilerplate_articles, "article", "articles")
        )?;
    }
    if r.outlets_named > 0 {
        writeln!(
            out,
            "  outlets   {} known by a domain or file name took the outlet name the index states",
            counted(r.outlets_named, "article", "articles")
        )?;
    }
    if r.entities_relinked > 0 {
        writeln!(
            out,
            "  entities  {} articles linked again: new alias table or recognition (from stored text)",
            r.entities_relinked
        )?;
    }
    if !r.skipped.is_empty() {
        let mut by_reason: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for s in &r.skipped {
            by_reason.entry(&s.reason).or_default().push(&s.path);
        }
        writeln!(out, "{} ({})", "Skipped".yellow(), r.skipped.len())?;
        for (reason, paths) in by_reason {
            writeln!(out, "  {reason}: {}", paths.len())?;
            for p in paths.iter().take(10) {
                writeln!(out, "    {}", display_path(p))?;
            }
            if paths.len() > 10 {
                writeln!(out, "    … and {} more", paths.len() - 10)?;
            }
        }
    }
    if !r.failed.is_empty() {
        writeln!(out, "{} ({})", "Failed".red(), r.failed.len())?;
        for f in r.failed.iter().take(50) {
            writeln!(out, "  {}: {}", display_path(&f.path), f.reason)?;
        }
        if r.failed.len() > 50 {
            writeln!(
                out,
                "  … and {} more (see --errors FILE)",
                r.failed.len() - 50
            )?;
        }
    }
    out.flush()
}

pub fn print_stats(s: &IndexStats, dir: &Path, json: bool, color: Color) -> std::io::Result<()> {
    if json {
        return write_all(&format!(
            "{}\n",
            serde_json::to_string(s).map_err(std::io::Error::other)?
        ));
    }
    let mut out = stdout(color);
    writeln!(out, "{}  {}", "index".bold(), dir.display())?;
    writeln!(out, "articles   {}  ({} undated)", s.articles, s.undated)?;
    let span = match (&s.first_published, &s.last_published) {
        (Some(a), Some(b)) => format!("{} – {}", &a[..10.min(a.len())], &b[..10.min(b.len())]),
        _ => "-".into(),
    };
    writeln!(out, "published  {span}")?;
    writeln!(
        out,
        "size       {}  ({}, schema version {})",
        human_bytes(s.index_bytes),
        counted(s.segments, "segment", "segments"),
        s.schema_version
    )?;
    writeln!(out, "outlets    {}", s.outlets.len())?;
    for o in &s.outlets {
        writeln!(out, "  {:>6}  {}", o.articles, o.name)?;
    }
    writeln!(
        out,
        "languages  {}",
        s.languages
            .iter()
            .map(|l| format!("{} {}", l.name, l.articles))
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    out.flush()
}

fn human_bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 30 => format!("{:.1} GiB", n as f64 / (1u64 << 30) as f64),
        n if n >= 1 << 20 => format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64),
        n if n >= 1 << 10 => format!("{:.1} KiB", n as f64 / 1024.0),
        n => format!("{n} B"),
    }
}

/// `n` with the noun in the number it takes ("1 story", "3 stories").
fn counted(n: impl TryInto<u64>, one: &str, many: &str) -> String {
    let n: u64 = n.try_into().unwrap_or(u64::MAX);
    format!("{n} {}", if n == 1 { one } else { many })
}
