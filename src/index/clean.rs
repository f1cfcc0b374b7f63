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

/// Articles whose paragraphs one count covers. Paragraph hashes are counted in parts (a part
/// of the hash space per scan), each part pruned to its repeated paragraphs before the next:
/// counting every paragraph of the corpus at once held a table that grew with the corpus
/// (about 1.4 million entries at 200,000 articles).
const PART_ARTICLES: u64 = if cfg!(test) { 3 } else { 50_000 };

/// Removes corpus-level boilerplate from the articles of the last commit. The caller commits.
pub(crate) fn clean_repeated(
    index: &NewsIndex,
    writer: &IndexWriter<TantivyDocument>,
) -> Result<Cleaned> {
    let searcher = index.searcher()?;
    let parts = searcher.num_docs() / PART_ARTICLES + 1;
    // One scan per part counts its paragraphs; the last scan finds the articles holding a
    // repeated paragraph. Scanning again is cheaper than keeping every article's hashes.
    let mut tables: Vec<RepeatedParagraphs> = Vec::new();
    for part in 0..parts {
        let mut counts = RepeatedParagraphs::new();
        scan(&searcher, |_, outlet, current, removed| {
            let in_part = |h: &u64| h % parts == part;
            counts.observe(
                Some(outlet),
                current.iter().chain(removed).copied().filter(in_part),
            );
        })?;
        counts.retain_repeated();
        if counts.has_any() {
            tables.push(counts);
        }
    }
    if tables.is_empty() {
        return Ok(Cleaned::default());
    }
    let mut candidates: Vec<(DocAddress, String)> = Vec::new();
    scan(&searcher, |addr, outlet, current, _| {
        if tables.iter().any(|t| t.any_repeated(outlet, current)) {
            candidates.push((addr, outlet.to_string()));
        }
    })?;
    let fields = index.schema.fields();
    let aliases = index.aliases()?;
    let mut cleaned = Cleaned::default();
    let stored = ReadBack::open(index, &searcher)?;
    for (addr, outlet) in candidates {
        let (mut article, source, mut removed) = stored.article(addr)?;
        let mut body = article.body.clone();
        let mut cuts = 0;
        for table in &tables {
            let (stripped, cut, hashes) = table.strip(&outlet, &body);
            body = stripped;
            cuts += cut.len();
            removed.0.extend(hashes);
        }
        if cuts == 0 {
            continue;
        }
        article.word_count = count_words(&body);
        article.body = body;
        // Entities (their mentions are not stored) are found again in the cleaned text.
        // Credits are found again too: they decide which entities are organisations.
        article.wire = crate::extract::wire::wire_credits(&article.body);
        article.entities = crate::extract::article_entities(&article, &aliases);
        replace(writer, fields, &article, &source, &removed)?;
        cleaned.articles += 1;
        cleaned.paragraphs += cuts;
    }
    Ok(cleaned)
}

/// Calls `visit` with every article's address, outlet, current and removed paragraph hashes
/// (articles without an outlet and source records are skipped).
fn scan(
    searcher: &tantivy::Searcher,
    mut visit: impl FnMut(DocAddress, &str, &[u64], &[u64]),
) -> Result<()> {
    let (mut outlet, mut kind) = (String::new(), String::new());
    let (mut current, mut removed): (Vec<u64>, Vec<u64>) = (Vec::new(), Vec::new());
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let ff = segment.fast_fields();
        let outlets = ff.str("outlet")?;
        let kinds = ff.str("doc_kind")?;
        let current_col = ff.column_opt::<u64>("para_hashes")?;
        let removed_col = ff.column_opt::<u64>("para_removed")?;
        for doc in segment.doc_ids_alive() {
            if first_str(kinds.as_ref(), doc, &mut kind)? && kind == SOURCE {
                continue;
            }
            if !first_str(outlets.as_ref(), doc, &mut outlet)? {
                continue;
            }
            current.clear();
            current.extend(values(current_col.as_ref(), doc));
            removed.clear();
            removed.extend(values(removed_col.as_ref(), doc));
            visit(
                DocAddress::new(ord as u32, doc),
                &outlet,
                &current,
                &removed,
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::{Article, NewsIndex, WriterOptions};

    #[test]
    fn repeated_paragraphs_are_removed_when_counted_in_parts() {
        let index = NewsIndex::create_in_ram().unwrap();
        let mut w = index.indexer(WriterOptions::default()).unwrap();
        for i in 0..10 {
            let body = format!(
                "Story {i}: the {} crane at berth {i} was repaired.\n\nSubscribe to the Harbor Times newsletter today.\n\nThe {} ferry left on time.",
                [
                    "red", "blue", "tall", "old", "new", "grey", "big", "small", "long", "wide"
                ][i],
                [
                    "early", "late", "night", "cargo", "fast", "slow", "first", "last", "river",
                    "sea"
                ][i],
            );
            let mut a = Article::new(format!("a{i}"), format!("a{i}.txt"), body);
            a.outlet = Some("Harbor Times".into());
            w.add_article(&a).unwrap();
        }
        let report = w.finish().unwrap();
        assert_eq!(
            (report.boilerplate_articles, report.boilerplate_paragraphs),
            (10, 10)
        );
        let searcher = index.searcher().unwrap();
        let texts = index.texts(&searcher);
        let body = index.schema.fields().body;
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            for doc in segment.doc_ids_alive() {
                let addr = tantivy::DocAddress::new(ord as u32, doc);
                let d: tantivy::TantivyDocument = searcher.doc(addr).unwrap();
                let text = texts.get(body, &d, addr).unwrap().unwrap_or_default();
                assert!(!text.contains("Subscribe"), "{text}");
                assert!(text.contains("ferry"), "{text}");
            }
        }
    }
}
