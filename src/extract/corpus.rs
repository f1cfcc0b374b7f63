//! Extraction of many files at once, with corpus-level boilerplate: what `newsdex extract`
//! prints is what the indexer would store.
//!
//! Two passes over the files: the first extracts every article, counts its paragraphs per
//! outlet and notes the outlet names stated, the second removes the paragraphs that repeat
//! across an outlet's articles and gives the stated name to articles known by a domain or by
//! their file name alone ([`CorpusOutlets`]). The
//! first pass's articles are kept for the second while they fit in [`KEPT_BYTES`]; files past
//! that are extracted again, so memory stays bounded for any corpus while a folder of
//! ordinary size is parsed only once.

use std::path::PathBuf;

use rayon::prelude::*;

use super::boilerplate::{RepeatedParagraphs, paragraph_hashes};
use super::outlet::CorpusOutlets;
use super::{Cut, ExtractOptions, Extracted, extract_file};
use crate::article::count_words;
use crate::ingest::{Candidate, ReadLimits, SourceFile, WalkItem, walk};
use crate::{Article, Error, Provenance};

/// How many bytes of extracted text the first pass keeps for the second (256 MiB).
const KEPT_BYTES: usize = 256 << 20;

/// Roughly what an extraction result holds in memory: its text and a fixed cost per article.
fn approximate_size(x: &Extracted) -> usize {
    x.articles
        .iter()
        .map(|a| a.body.len() + a.title.as_ref().map_or(0, String::len) + 512)
        .sum()
}

/// Something extraction of a corpus produced, in walk order.
#[derive(Debug)]
pub enum CorpusItem {
    /// An article, with the boilerplate cut from it.
    Article(Box<Article>, Vec<Cut>),
    /// A file or record that could not be read.
    Problem(Error),
}

/// Extracts every article under `paths` and hands each to `emit`, in walk order.
///
/// # Example
/// ```
/// use newsdex::extract::{extract_corpus, CorpusItem, ExtractOptions};
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("a.txt"), "Title: Port strike ends\n\nDockers returned to work.")?;
/// let mut titles = Vec::new();
/// extract_corpus(&[dir.path().to_path_buf()], &ExtractOptions::default(), &Default::default(), |item| {
///     if let CorpusItem::Article(a, _) = item { titles.push(a.title.clone()); }
/// });
/// assert_eq!(titles, [Some("Port strike ends".to_string())]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn extract_corpus(
    paths: &[PathBuf],
    opts: &ExtractOptions,
    limits: &ReadLimits,
    mut emit: impl FnMut(CorpusItem),
) {
    let mut candidates: Vec<Candidate> = Vec::new();
    for item in walk(paths, &[]) {
        match item {
            WalkItem::File(c) => candidates.push(c),
            WalkItem::Skipped(_) => {}
            WalkItem::Failed(e) => emit(CorpusItem::Problem(e)),
        }
    }
    let load = |c: &Candidate| {
        SourceFile::load(&c.path, c.format, c.gzipped, limits).and_then(|f| extract_file(&f, opts))
    };

    let mut repeated = RepeatedParagraphs::new();
    let mut outlets = CorpusOutlets::default();
    // Pass-one results kept for pass two, by candidate index; `None` once the budget is spent.
    let mut kept: Vec<Option<Result<Extracted, Error>>> = Vec::new();
    if opts.strip_boilerplate {
        let mut budget = KEPT_BYTES;
        for chunk in candidates.chunks(64) {
            let results: Vec<Result<Extracted, Error>> = chunk.par_iter().map(load).collect();
            for result in results {
                if let Ok(x) = &result {
                    for a in &x.articles {
                        repeated.observe(a.outlet.as_deref(), paragraph_hashes(&a.body));
                        if let Some(o) = &a.outlet {
                            outlets.observe(o, 1);
                        }
                    }
                }
                let size = result.as_ref().map_or(0, approximate_size);
                if size <= budget {
                    budget -= size;
                    kept.push(Some(result));
                } else {
                    budget = 0;
                    kept.push(None);
                }
            }
        }
    }
    let clean = repeated.has_any();

    let mut kept = kept.into_iter();
    for chunk in candidates.chunks(64) {
        let earlier: Vec<Option<Result<Extracted, Error>>> =
            chunk.iter().map(|_| kept.next().flatten()).collect();
        let results: Vec<Result<Extracted, Error>> = chunk
            .par_iter()
            .zip(earlier)
            .map(|(c, earlier)| earlier.unwrap_or_else(|| load(c)))
            .collect();
        for result in results {
            let extracted = match result {
                Ok(x) => x,
                Err(e) => {
                    emit(CorpusItem::Problem(e));
                    continue;
                }
            };
            for e in extracted.problems {
                emit(CorpusItem::Problem(e));
            }
            for (mut article, mut cuts) in extracted.articles.into_iter().zip(extracted.cuts) {
                if let (true, Some(outlet)) = (clean, article.outlet.clone()) {
                    let (body, more, _) = repeated.strip(&outlet, &article.body);
                    if !more.is_empty() {
                        article.word_count = count_words(&body);
                        article.body = body;
                        cuts.extend(more);
                    }
                }
                // After cleaning, as the indexer names outlets after its cleaning pass.
                if let Some(name) = outlets.name_for(article.outlet.as_deref(), &article.path) {
                    if article.outlet.is_none() {
                        article.outlet_source = Provenance::Path;
                    }
                    article.outlet = Some(name.to_string());
                }
                emit(CorpusItem::Article(Box::new(article), cuts));
            }
        }
    }
}
