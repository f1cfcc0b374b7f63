//! Printing what research searches add: facets, timelines (a bar chart on a terminal),
//! KWIC lines, score explanations, query debugging, and CSV rows.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write};

use anstream::ColorChoice;
use owo_colors::OwoColorize;

use newsdex::SearchResults;
use newsdex::search::{Hit, QueryDebug, Timeline};

use crate::args::SearchArgs;
use crate::output::{Color, stdout};

/// `--debug-query`, on stderr so that JSON on stdout stays clean.
pub fn print_debug(d: &QueryDebug, color: Color) -> std::io::Result<()> {
    let mut err = anstream::AutoStream::new(std::io::stderr().lock(), color);
    writeln!(err, "{} {}", "parsed:".bold(), d.parsed)?;
    writeln!(
        err,
        "{} words side by side combine with {} (+ must match, - must not, no sign: may match)",
        "operator:".bold(),
        d.default_operator
    )?;
    for w in &d.warnings {
        writeln!(err, "{} {w}", "warning:".yellow().bold())?;
    }
    err.flush()
}

/// Filter values no article has, on stderr (stdout may be data): `note: no article has outlet
/// "Harbour Times" (the index has "Harbor Times")`.
pub fn print_unmatched(r: &SearchResults, color: Color) -> std::io::Result<()> {
    if r.unmatched.is_empty() {
        return Ok(());
    }
    let mut err = anstream::AutoStream::new(std::io::stderr().lock(), color);
    for u in &r.unmatched {
        let what = match u.filter.as_str() {
            "lang" => "language",
            "entity" => "entity named",
            other => other,
        };
        write!(
            err,
            "{} no article has {what} \"{}\"",
            "note:".yellow().bold(),
            u.value
        )?;
        if !u.suggestions.is_empty() {
            let held: Vec<String> = u.suggestions.iter().map(|s| format!("\"{s}\"")).collect();
            write!(err, " (the index has {})", held.join(", "))?;
        }
        writeln!(err)?;
    }
    err.flush()
}

/// Facets, timeline and explanations after the hit list.
pub fn print_research(r: &SearchResults, color: Color) -> std::io::Result<()> {
    let mut out = stdout(color);
    for hit in &r.hits {
        if let Some(e) = &hit.explanation {
            writeln!(
                out,
                "{} {}  bm25 {:.2}{}",
                "explain".bold(),
                hit.title.as_deref().unwrap_or(&hit.id),
                e.bm25,
                e.recency
                    .map(|f| format!(" × recency {f:.2} = {:.2}", hit.score))
                    .unwrap_or_default()
            )?;
            for p in &e.parts {
                writeln!(
                    out,
                    "  {:>7.3}  {:<8} {:<20} {}",
                    p.score,
                    p.field,
                    p.term,
                    format!(
                        "boost {}{}{}{}",
                        p.boost,
                        p.freq.map(|f| format!(", freq {f}")).unwrap_or_default(),
                        p.length
                            .map(|l| format!(", length {l}"))
                            .unwrap_or_default(),
                        p.idf.map(|i| format!(", idf {i:.2}")).unwrap_or_default()
                    )
                    .dimmed()
                )?;
            }
        }
    }
    for f in &r.facets {
        writeln!(out)?;
        writeln!(
            out,
            "{} {}",
            f.field.name().bold(),
            format!("({} distinct, {} without)", f.distinct, f.missing).dimmed()
        )?;
        for v in &f.values {
            writeln!(out, "  {:>6}  {}", v.count, v.value)?;
        }
    }
    if let Some(t) = &r.timeline {
        writeln!(out)?;
        print_timeline(
            &mut out,
            t,
            std::io::stdout().is_terminal() || color == ColorChoice::Always,
        )?;
    }
    out.flush()
}

fn print_timeline(out: &mut impl Write, t: &Timeline, bars: bool) -> std::io::Result<()> {
    let what = if t.normalized {
        "share of all stories"
    } else {
        "stories"
    };
    writeln!(
        out,
        "{} per {} ({what})",
        "timeline".bold(),
        format!("{:?}", t.interval).to_lowercase()
    )?;
    let value = |b: &newsdex::search::Bucket| {
        if t.normalized {
            b.share.unwrap_or(0.0)
        } else {
            b.count as f64
        }
    };
    let max = t
        .series
        .iter()
        .flat_map(|s| s.buckets.iter().map(value))
        .fold(0.0f64, f64::max);
    for s in &t.series {
        if let Some(o) = &s.outlet {
            writeln!(out, "  {}", o.bold())?;
        }
        for b in &s.buckets {
            let shown = if t.normalized {
                format!(
                    "{:>6.1}%  {:>4}/{:<4}",
                    value(b) * 100.0,
                    b.count,
                    b.total.unwrap_or(0)
                )
            } else {
                format!("{:>6}", b.count)
            };
            let bar = if bars && max > 0.0 {
                let eighths = (value(b) / max * 40.0 * 8.0).round() as usize;
                let blocks = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
                format!(" {}{}", "█".repeat(eighths / 8), blocks[eighths % 8])
            } else {
                String::new()
            };
            writeln!(out, "  {:<10} {shown}{}", b.period, bar.green())?;
        }
    }
    if t.undated > 0 {
        writeln!(out, "  {:<10} {:>6}", "undated", t.undated)?;
    }
    Ok(())
}

/// Text with colour codes, which anstream strips when stdout is not a terminal.
pub fn write_colored(text: &str, color: Color) -> std::io::Result<()> {
    let mut out = stdout(color);
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// The count line for KWIC output on a terminal.
pub fn print_summary(r: &SearchResults, color: Color) -> std::io::Result<()> {
    let mut out = stdout(color);
    writeln!(
        out,
        "{}",
        format!(
            "{} articles (KWIC for {}–{}) · {:.1} ms",
            r.total,
            r.offset + 1.min(r.hits.len()),
            r.offset + r.hits.len(),
            r.took_ms
        )
        .dimmed()
    )?;
    out.flush()
}

/// Header of hit CSV rows.
pub const HIT_CSV_HEADER: &str =
    "rank,generation,id,score,published,outlet,title,url,language,section,wire,cluster,also_in\n";

/// Header of KWIC CSV rows.
pub const KWIC_CSV_HEADER: &str = "generation,id,outlet,published,title,left,match,right,offset\n";

/// One CSV field, quoted when it needs to be.
fn csv(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

pub fn hit_csv(rank: u64, generation: u64, h: &Hit, out: &mut String) {
    let opt = |v: &Option<String>| csv(v.as_deref().unwrap_or(""));
    let _ = writeln!(
        out,
        "{rank},{generation},{},{:.4},{},{},{},{},{},{},{},{},{}",
        csv(&h.id),
        h.score,
        opt(&h.published),
        opt(&h.outlet),
        opt(&h.title),
        opt(&h.url),
        opt(&h.language),
        opt(&h.section),
        csv(&h.wire.join("; ")),
        opt(&h.cluster),
        csv(&h.also_in.join("; ")),
    );
}

/// The KWIC lines of a hit: human (`outlet date │ left [match] right`), JSON Lines or CSV.
pub fn kwic_records(
    h: &Hit,
    generation: Option<u64>,
    args: &SearchArgs,
    out: &mut String,
) -> anyhow::Result<()> {
    let Some(lines) = &h.kwic else { return Ok(()) };
    let day = h
        .published
        .as_deref()
        .map_or("undated", |d| d.get(..10).unwrap_or(d));
    for l in lines {
        if args.csv {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{},{}",
                generation.map(|g| g.to_string()).unwrap_or_default(),
                csv(&h.id),
                csv(h.outlet.as_deref().unwrap_or("")),
                csv(h.published.as_deref().unwrap_or("")),
                csv(h.title.as_deref().unwrap_or("")),
                csv(&l.left),
                csv(&l.keyword),
                csv(&l.right),
                l.offset
            );
        } else if args.jsonl || generation.is_some() {
            let record = serde_json::json!({
                "generation": generation,
                "id": h.id,
                "outlet": h.outlet,
                "published": h.published,
                "title": h.title,
                "left": l.left,
                "match": l.keyword,
                "right": l.right,
                "offset": l.offset,
            });
            out.push_str(&serde_json::to_string(&record)?);
            out.push('\n');
        } else {
            let outlet = h.outlet.as_deref().unwrap_or("?");
            let _ = writeln!(
                out,
                "{outlet:<20.20} {day:<10} │ {:>50} \u{1b}[1;33m{}\u{1b}[0m {}",
                tail_chars(&l.left, 50),
                l.keyword,
                l.right
            );
        }
    }
    Ok(())
}

fn tail_chars(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        s.to_string()
    } else {
        format!("…{}", s.chars().skip(count - n + 1).collect::<String>())
    }
}
