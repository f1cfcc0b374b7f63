//! `Article` → tantivy document, shaped by the schema's fields.

use tantivy::TantivyDocument;

use super::schema::Fields;
use crate::Article;
use crate::ingest::Fingerprint;

/// Where a document's article came from, for incremental bookkeeping.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct DocSource {
    pub fingerprint: Fingerprint,
}

fn date(d: chrono::DateTime<chrono::Utc>) -> tantivy::DateTime {
    tantivy::DateTime::from_timestamp_secs(d.timestamp())
}

/// `doc_kind` of article documents.
pub(crate) const ARTICLE: &str = "article";
/// `doc_kind` of the one bookkeeping record per source file.
pub(crate) const SOURCE: &str = "source";

/// The record that remembers a source file's fingerprint, whatever became of its articles
/// (they may have been replaced by a later file with the same ids, or be none at all).
pub(crate) fn source_record(path: &str, f: &Fields, source: &DocSource) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.doc_kind, SOURCE);
    doc.add_text(f.path, path);
    doc.add_u64(f.source_hash, source.fingerprint.hash);
    doc.add_u64(f.source_size, source.fingerprint.size);
    doc.add_i64(f.source_mtime, source.fingerprint.mtime);
    doc
}

pub(crate) fn to_document(a: &Article, f: &Fields, source: &DocSource) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.doc_kind, ARTICLE);
    doc.add_text(f.id, &a.id);
    doc.add_text(f.path, &a.path);
    if let Some(url) = &a.url {
        doc.add_text(f.url, url);
    }
    // Title and body are kept once for display, and indexed once, in the variant of the
    // article's language (stemmed where newsdex has a stemmer for it).
    let language = a.language.as_deref();
    if let Some(t) = &a.title {
        doc.add_text(f.title, t);
        doc.add_text(f.title_variants.for_language(language), t);
    }
    doc.add_text(f.body, &a.body);
    doc.add_text(f.body_variants.for_language(language), &a.body);
    if let Some(d) = &a.description {
        doc.add_text(f.description, d);
    }
    if let Some(o) = &a.outlet {
        doc.add_text(f.outlet, o);
    }
    doc.add_text(f.outlet_source, a.outlet_source.as_str());
    doc.add_text(f.published_source, a.published_source.as_str());
    for author in &a.authors {
        doc.add_text(f.authors, author);
    }
    if let Some(p) = &a.published {
        doc.add_date(f.published, date(p.to_utc()));
        doc.add_text(f.published_text, p.to_string());
    }
    if let Some(m) = &a.modified {
        doc.add_date(f.modified, date(m.to_utc()));
    }
    if let Some(l) = &a.language {
        doc.add_text(f.language, l);
    }
    if let Some(s) = &a.section {
        doc.add_text(f.section, s);
    }
    for e in &a.entities {
        doc.add_text(f.entities, format!("{}:{}", e.kind, e.name));
        doc.add_text(f.entity_names, &e.name);
    }
    for m in &a.mentioned_dates {
        if let Some(start) = crate::search::DateBound::parse(&m.value) {
            doc.add_date(f.mentioned_dates, date(start.start()));
        }
    }
    doc.add_u64(f.word_count, a.word_count);
    doc.add_u64(f.source_hash, source.fingerprint.hash);
    doc.add_u64(f.source_size, source.fingerprint.size);
    doc.add_i64(f.source_mtime, source.fingerprint.mtime);
    doc
}
