//! Outlet names across the corpus, unified at the end of an indexing run: articles that give
//! their outlet only as a domain, or give none, take the name the rest of the index states
//! for that outlet (see [`CorpusOutlets`]).
//!
//! Stated names are counted from the `outlet` column, one look-up per distinct value; the
//! articles to rename are found from the `outlet` and `path` columns, and only they are read
//! back from their stored fields and rewritten (no source file is read again).

use std::collections::HashMap;

use tantivy::{DocAddress, IndexWriter, TantivyDocument};

use super::NewsIndex;
use super::document::{ARTICLE, replace};
use super::readback::ReadBack;
use super::state::first_str;
use crate::Result;
use crate::article::Provenance;
use crate::extract::outlet::CorpusOutlets;

/// Gives the corpus' stated outlet names to articles known by a domain or by their path
/// alone. Returns how many articles were rewritten. The caller commits.
pub(crate) fn unify_outlets(
    index: &NewsIndex,
    writer: &IndexWriter<TantivyDocument>,
) -> Result<usize> {
    let searcher = index.searcher()?;
    let mut known = CorpusOutlets::default();
    let mut name = String::new();
    for segment in searcher.segment_readers() {
        let Some(outlets) = segment.fast_fields().str("outlet")? else {
            continue;
        };
        let mut counts: HashMap<u64, usize> = HashMap::new();
        for doc in segment.doc_ids_alive() {
            if let Some(ord) = outlets.term_ords(doc).next() {
                *counts.entry(ord).or_default() += 1;
            }
        }
        let mut counted: Vec<(u64, usize)> = counts.into_iter().collect();
        counted.sort_unstable();
        for (ord, n) in counted {
            outlets
                .ord_to_str(ord, &mut name)
                .map_err(tantivy::TantivyError::from)?;
            known.observe(&name, n);
        }
    }
    if known.is_empty() {
        return Ok(0);
    }
    let mut renamed: Vec<(DocAddress, String)> = Vec::new();
    let (mut kind, mut path) = (String::new(), String::new());
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let ff = segment.fast_fields();
        let (outlets, paths, kinds) = (ff.str("outlet")?, ff.str("path")?, ff.str("doc_kind")?);
        // What each distinct outlet of the segment becomes, worked out once.
        let mut by_ord: HashMap<u64, Option<String>> = HashMap::new();
        for doc in segment.doc_ids_alive() {
            let outlet_ord = outlets.as_ref().and_then(|o| o.term_ords(doc).next());
            let new = match (outlet_ord, outlets.as_ref()) {
                (Some(o), Some(col)) => match by_ord.get(&o) {
                    Some(new) => new.clone(),
                    None => {
                        col.ord_to_str(o, &mut name)
                            .map_err(tantivy::TantivyError::from)?;
                        let new = known.name_for(Some(&name), "").map(String::from);
                        by_ord.insert(o, new.clone());
                        new
                    }
                },
                _ => {
                    if !first_str(kinds.as_ref(), doc, &mut kind)? || kind != ARTICLE {
                        continue;
                    }
                    if !first_str(paths.as_ref(), doc, &mut path)? {
                        continue;
                    }
                    known.name_for(None, &path).map(String::from)
                }
            };
            if let Some(new) = new {
                renamed.push((DocAddress::new(ord as u32, doc), new));
            }
        }
    }
    if renamed.is_empty() {
        return Ok(0);
    }
    let fields = index.schema.fields();
    let stored = ReadBack::open(index, &searcher)?;
    for (addr, new) in &renamed {
        let (mut article, source, removed) = stored.article(*addr)?;
        if article.outlet.is_none() {
            article.outlet_source = Provenance::Path;
        }
        article.outlet = Some(new.clone());
        replace(writer, fields, &article, &source, &removed)?;
    }
    Ok(renamed.len())
}
