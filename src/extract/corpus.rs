//! Extraction of many files at once, with corpus-level boilerplate: what `newsdex extract`
//! prints is what the indexer would store.
//!
//! Two passes over the files: the first counts every article's paragraphs per outlet, the
//! second extracts again and removes the paragraphs that repeat across an outlet's articles.
//! Only paragraph hashes are kept between the passes, so memory stays small for any corpus.

use std::path::PathBuf;

use rayon::prelude::*;

use super::boilerplate::{RepeatedParagraphs, paragraph_hashes};
use super::{Cut, ExtractOptions, Extracted, extract_file};
use crate::article::count_words;
use crate::ingest::{Candidate, ReadLimits, SourceFile, WalkItem, walk};
use crate::{Article, Error};

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
    if opts.strip_boilerplate {
        for chunk in candidates.chunks(64) {
            let counted: Vec<Vec<(Option<String>, Vec<u64>)>> = chunk
                .par_iter()
                .map(|c| match load(c) {
                    Ok(x) => x
                        .articles
                        .iter()
                        .map(|a| (a.outlet.clone(), paragraph_hashes(&a.body).collect()))
                        .collect(),
                    Err(_) => Vec::new(),
                })
                .collect();
            for (outlet, hashes) in counted.into_iter().flatten() {
                repeated.observe(outlet.as_deref(), hashes);
            }
        }
    }
    let clean = repeated.has_any();

    for chunk in candidates.chunks(64) {
        let results: Vec<Result<Extracted, Error>> = chunk.par_iter().map(load).collect();
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
                emit(CorpusItem::Article(Box::new(article), cuts));
            }
        }
    }
}
