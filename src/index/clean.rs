//! Corpus-level cleaning, run at the end of an indexing run: paragraphs that repeat across
//! many articles of one outlet are removed from those articles' bodies.
//!
//! Counting reads only fast columns (each article's paragraph hashes, current and already
//! removed), so it covers the whole index at the cost of a scan. Articles still holding a
//! repeated paragraph are rebuilt from their stored fields — no source file is read again —
//! and the removed paragraphs' hashes stay with them, so the counts never drift.

use tantivy::columnar::Column;
use tantivy::{DocAddress, IndexWriter, TantivyDocument};

use super::document::replace;
use super::readback::ReadBack;
use super::state::first_str;
use super::{NewsIndex, SOURCE};
use crate::Result;
use crate::article::count_words;
use crate::extract::boilerplate::RepeatedParagraphs;

/// What a cleaning pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Cleaned {
    pub articles: usize,
    pub paragraphs: usize,
}

fn values(col: Option<&Column<u64>>, doc: u32) -> impl Iterator<Item = u64> + '_ {
    col.into_iter().flat_map(move |c| c.values_for_doc(doc))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Pass {
    Count,
    Find,
}

/// Removes corpus-level boilerplate from the articles of the last commit. The caller commits.
pub(crate) fn clean_repeated(
    index: &NewsIndex,
    writer: &IndexWriter<TantivyDocument>,
) -> Result<Cleaned> {
    let searcher = index.reader.searcher();
    let mut counts = RepeatedParagraphs::new();
    let (mut outlet, mut kind) = (String::new(), String::new());
    // Two scans of the fast columns: one counts, the next finds the articles holding a
    // repeated paragraph. Scanning twice is cheaper than keeping every article's hashes.
    let mut hashes: Vec<u64> = Vec::new();
    let mut candidates: Vec<(DocAddress, String)> = Vec::new();
    for pass in [Pass::Count, Pass::Find] {
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let ff = segment.fast_fields();
            let outlets = ff.str("outlet")?;
            let kinds = ff.str("doc_kind")?;
            let current = ff.column_opt::<u64>("para_hashes")?;
            let removed = ff.column_opt::<u64>("para_removed")?;
            for doc in segment.doc_ids_alive() {
                if first_str(kinds.as_ref(), doc, &mut kind)? && kind == SOURCE {
                    continue;
                }
                if !first_str(outlets.as_ref(), doc, &mut outlet)? {
                    continue;
                }
                hashes.clear();
                hashes.extend(values(current.as_ref(), doc));
                match pass {
                    Pass::Count => counts.observe(
                        Some(&outlet),
                        hashes.iter().copied().chain(values(removed.as_ref(), doc)),
                    ),
                    Pass::Find => {
                        if counts.any_repeated(&outlet, &hashes) {
                            candidates.push((DocAddress::new(ord as u32, doc), outlet.clone()));
                        }
                    }
                }
            }
        }
        if pass == Pass::Count && !counts.has_any() {
            return Ok(Cleaned::default());
        }
    }
    let fields = index.schema.fields();
    let aliases = index.aliases()?;
    let mut cleaned = Cleaned::default();
    let stored = ReadBack::open(index, &searcher)?;
    for (addr, outlet) in candidates {
        let (mut article, source, mut removed) = stored.article(addr)?;
        let (body, cuts, hashes) = counts.strip(&outlet, &article.body);
        if cuts.is_empty() {
            continue;
        }
        article.word_count = count_words(&body);
        article.body = body;
        // Entities (their mentions are not stored) are found again in the cleaned text.
        article.entities = crate::extract::entities::entities(
            article.title.as_deref(),
            &article.body,
            article.language.as_deref(),
            &aliases,
        );
        removed.0.extend(hashes);
        replace(writer, fields, &article, &source, &removed)?;
        cleaned.articles += 1;
        cleaned.paragraphs += cuts.len();
    }
    Ok(cleaned)
}
