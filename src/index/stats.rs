//! `IndexStats`: what an index holds — articles, outlets, languages, date span, size.

use std::collections::HashMap;

use serde::Serialize;

use super::NewsIndex;
use crate::Result;

/// A value with its number of articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// The value (an outlet name, a language code).
    pub name: String,
    /// Articles with it.
    pub articles: u64,
}

/// A summary of an index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexStats {
    /// Articles in the last commit.
    pub articles: u64,
    /// Outlets, most articles first.
    pub outlets: Vec<Count>,
    /// Languages, most articles first.
    pub languages: Vec<Count>,
    /// Earliest publication date (RFC 3339, UTC), if any article is dated.
    pub first_published: Option<String>,
    /// Latest publication date (RFC 3339, UTC).
    pub last_published: Option<String>,
    /// Articles without a publication date.
    pub undated: u64,
    /// Size of the index folder in bytes (0 in memory).
    pub index_bytes: u64,
    /// Schema version the index was built with.
    pub schema_version: u32,
    /// Index segments (fewer is faster to search).
    pub segments: usize,
}

impl NewsIndex {
    /// Summarises the index as of its last commit (see [`NewsIndex::reload`]).
    ///
    /// # Errors
    /// [`crate::Error::Tantivy`] if the index files cannot be read.
    pub fn stats(&self) -> Result<IndexStats> {
        let searcher = self.reader.searcher();
        let mut outlets: HashMap<String, u64> = HashMap::new();
        let mut languages: HashMap<String, u64> = HashMap::new();
        let (mut first, mut last): (Option<tantivy::DateTime>, Option<tantivy::DateTime>) =
            (None, None);
        let mut undated = 0;
        let mut articles = 0;
        let mut buf = String::new();
        for segment in searcher.segment_readers() {
            let ff = segment.fast_fields();
            let outlet = ff.str("outlet")?;
            let language = ff.str("language")?;
            // A column is absent from a segment where no document has the field.
            let published = ff.column_opt::<tantivy::DateTime>("published")?;
            let kind = ff.str("doc_kind")?;
            let mut kind_buf = String::new();
            for doc in segment.doc_ids_alive() {
                if let Some(kind) = &kind
                    && let Some(ord) = kind.term_ords(doc).next()
                {
                    kind.ord_to_str(ord, &mut kind_buf)
                        .map_err(tantivy::TantivyError::from)?;
                    if kind_buf == super::SOURCE {
                        continue;
                    }
                }
                articles += 1;
                for (col, counts) in [(&outlet, &mut outlets), (&language, &mut languages)] {
                    if let Some(col) = col
                        && let Some(ord) = col.term_ords(doc).next()
                    {
                        col.ord_to_str(ord, &mut buf)
                            .map_err(tantivy::TantivyError::from)?;
                        *counts.entry(buf.clone()).or_default() += 1;
                    }
                }
                match published.as_ref().and_then(|c| c.first(doc)) {
                    Some(d) => {
                        first = Some(first.map_or(d, |f| f.min(d)));
                        last = Some(last.map_or(d, |l| l.max(d)));
                    }
                    None => undated += 1,
                }
            }
        }
        Ok(IndexStats {
            articles,
            outlets: sorted(outlets),
            languages: sorted(languages),
            first_published: first.map(rfc3339),
            last_published: last.map(rfc3339),
            undated,
            index_bytes: self.dir().map(dir_size).unwrap_or(0),
            schema_version: self.schema.version(),
            segments: searcher.segment_readers().len(),
        })
    }
}

fn sorted(counts: HashMap<String, u64>) -> Vec<Count> {
    let mut v: Vec<Count> = counts
        .into_iter()
        .map(|(name, articles)| Count { name, articles })
        .collect();
    v.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then_with(|| a.name.cmp(&b.name))
    });
    v
}

pub(crate) fn rfc3339(d: tantivy::DateTime) -> String {
    chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

fn dir_size(dir: &std::path::Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}
