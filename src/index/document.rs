//! `Article` → tantivy document, shaped by the schema's fields.

use tantivy::TantivyDocument;

use super::schema::Fields;
use crate::extract::boilerplate::paragraph_hashes;
use crate::ingest::Fingerprint;
use crate::{Article, Entity, EntityKind, MentionedDate, NewsDate, Provenance};

/// Where a document's article came from, for incremental bookkeeping.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct DocSource {
    pub fingerprint: Fingerprint,
    /// The article's place in its syndication cluster, kept when a document is rebuilt.
    pub cluster: ClusterSlot,
}

/// An article's syndication cluster (`key` 0: none) and its rank there (0: the canonical copy).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ClusterSlot {
    pub key: u64,
    pub rank: u64,
}

/// Paragraphs already removed from an article's body as corpus-level boilerplate.
#[derive(Debug, Clone, Default)]
pub(crate) struct Removed(pub Vec<u64>);

fn date(d: chrono::DateTime<chrono::Utc>) -> tantivy::DateTime {
    tantivy::DateTime::from_timestamp_secs(d.timestamp())
}

/// `doc_kind` of article documents.
pub(crate) const ARTICLE: &str = "article";
/// `doc_kind` of the one bookkeeping record per source file.
pub(crate) const SOURCE: &str = "source";

/// Replaces the stored document of `article` (same id) with one built from it: how the
/// end-of-run passes (boilerplate cleaning, cluster assignment, alias re-linking) rewrite an
/// article from its stored fields without reading its source file.
pub(crate) fn replace(
    writer: &tantivy::IndexWriter<TantivyDocument>,
    fields: &Fields,
    article: &Article,
    source: &DocSource,
    removed: &Removed,
) -> crate::Result<()> {
    writer.delete_term(tantivy::Term::from_field_text(fields.id, &article.id));
    writer.add_document(to_document_with(article, fields, source, removed))?;
    Ok(())
}

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
    to_document_with(a, f, source, &Removed::default())
}

pub(crate) fn to_document_with(
    a: &Article,
    f: &Fields,
    source: &DocSource,
    removed: &Removed,
) -> TantivyDocument {
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
        // The source's own wall clock (see `NewsDate::local_instant`): filters and
        // timelines by day then agree with the day every output prints.
        doc.add_date(f.published, date(p.local_instant()));
        doc.add_text(f.published_text, p.to_string());
    }
    if let Some(m) = &a.modified {
        doc.add_date(f.modified, date(m.local_instant()));
    }
    if let Some(l) = &a.language {
        doc.add_text(f.language, l);
    }
    if let Some(s) = &a.section {
        doc.add_text(f.section, s);
    }
    for e in &a.entities {
        doc.add_text(f.entities, format!("{}:{}", e.kind, e.name));
        // Every other form it was found as ("Kiev" for Kyiv, "Amir-Abdollahian"): `--entity`
        // matches these and the canonical name in `entities`. Most mentions are written as
        // the canonical name, so this keeps a field's worth of terms out of the index.
        let canonical = e.name.to_lowercase();
        // A person is also found by surname (`--entity Klitschko` for "Vitali Klitschko"),
        // written or not: the short form an article would link to its full name.
        let surname = (e.kind == crate::EntityKind::Person)
            .then(|| canonical.rsplit_once(' ').map(|(_, last)| last.to_string()))
            .flatten();
        let mut other: Vec<String> = e
            .mentions
            .iter()
            .map(|m| m.text.to_lowercase())
            .chain(surname)
            .filter(|m| *m != canonical)
            .collect();
        other.sort_unstable();
        other.dedup();
        for n in other {
            doc.add_text(f.entity_names, n);
        }
    }
    for w in &a.wire {
        doc.add_text(f.wire, w);
    }
    for m in &a.mentioned_dates {
        if let Some(start) = crate::search::DateBound::parse(&m.value) {
            doc.add_date(f.mentioned_dates, date(start.start()));
        }
    }
    doc.add_u64(f.word_count, a.word_count);
    if let Some(sig) = crate::extract::syndication::simhash(&a.body) {
        doc.add_u64(f.simhash, sig);
    }
    doc.add_u64(f.dup_key, source.cluster.key);
    doc.add_u64(f.dup_rank, source.cluster.rank);
    for h in paragraph_hashes(&a.body) {
        doc.add_u64(f.para_hashes, h);
    }
    for h in &removed.0 {
        doc.add_u64(f.para_removed, *h);
    }
    doc.add_u64(f.source_hash, source.fingerprint.hash);
    doc.add_u64(f.source_size, source.fingerprint.size);
    doc.add_i64(f.source_mtime, source.fingerprint.mtime);
    doc
}

/// What an article keeps outside the doc store: fields fast columns already hold, read back
/// from them (see `readback`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Kept {
    pub mentioned_dates: Vec<tantivy::DateTime>,
    pub source: DocSource,
    pub removed: Removed,
}

/// The article a stored document holds, its body (kept in the text store) and its
/// bookkeeping (`kept`, from fast columns):
/// what re-indexing needs to rebuild the document without the source file (corpus-level
/// cleaning, cluster assignment, re-applied aliases).
///
/// Entity mentions and the surface text of mentioned dates are kept nowhere, so they come
/// back empty; everything indexed is rebuilt as it was.
/// The first text value of `field` in a stored document.
pub(crate) fn first_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    use tantivy::schema::Value;
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(String::from)
}

/// Every text value of `field` in a stored document, in order.
pub(crate) fn all_texts(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<String> {
    use tantivy::schema::Value;
    doc.get_all(field)
        .filter_map(|v| v.as_str().map(String::from))
        .collect()
}

pub(crate) fn article_from_doc(
    doc: &TantivyDocument,
    body: String,
    f: &Fields,
    kept: Kept,
) -> (Article, DocSource, Removed) {
    use tantivy::schema::Value;
    let text = |field| first_text(doc, field);
    let all = |field| all_texts(doc, field);
    let day = |d: tantivy::DateTime| {
        chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0)
            .map(|t| t.date_naive().format("%Y-%m-%d").to_string())
    };
    let mut a = Article::new(
        text(f.id).unwrap_or_default(),
        text(f.path).unwrap_or_default(),
        body,
    );
    a.title = text(f.title);
    a.url = text(f.url);
    a.outlet = text(f.outlet);
    a.outlet_source = text(f.outlet_source).map_or(Provenance::None, |s| Provenance::parse(&s));
    a.authors = all(f.authors);
    a.published = text(f.published_text).and_then(|s| NewsDate::parse(&s));
    a.published_source =
        text(f.published_source).map_or(Provenance::None, |s| Provenance::parse(&s));
    a.modified = doc
        .get_first(f.modified)
        .and_then(|v| v.as_datetime())
        .and_then(|d| chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0))
        .map(|t| NewsDate::Instant(t.fixed_offset()));
    a.language = text(f.language);
    a.wire = all(f.wire);
    a.section = text(f.section);
    a.description = text(f.description);
    a.entities = all(f.entities)
        .into_iter()
        .filter_map(|e| {
            let (kind, name) = e.split_once(':')?;
            Some(Entity {
                name: name.to_string(),
                kind: EntityKind::parse(kind)?,
                mentions: Vec::new(),
            })
        })
        .collect();
    a.mentioned_dates = kept
        .mentioned_dates
        .into_iter()
        .filter_map(day)
        .map(|value| MentionedDate {
            text: String::new(),
            value,
        })
        .collect();
    (a, kept.source, kept.removed)
}
