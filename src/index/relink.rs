//! The alias table an index was built with, and re-applying another one without reading any
//! source file: entities are found again from each article's stored title and body.
//!
//! The index folder records the table in `newsdex-aliases.tsv`: a first line
//! `# applied <fingerprint>` (the recognition version and the table's fingerprint, see
//! [`applied_fingerprint`]), then the entries added to the shipped table (none when only the
//! shipped table was used). A folder without the file was built before the record was kept,
//! with a table and a recognition unknown: its entities are found again at its next run. The
//! same table then serves searches, so `--entity Kiev` finds what was linked to "Kyiv".

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use tantivy::{IndexWriter, TantivyDocument};

use super::document::{ARTICLE, replace};
use super::readback::ReadBack;
use super::state::first_str;
use super::{NewsIndex, write_atomically};
use crate::extract::article_entities;
use crate::extract::entities::AliasTable;
use crate::{Error, Result};

/// The file in an index folder that records the alias table applied to it.
pub const ALIAS_RECORD: &str = "newsdex-aliases.tsv";

/// The alias table an open index resolves entity names with, read from the folder's record on
/// first use: building the shipped table costs more than a whole search, and most searches
/// name no entity.
pub(crate) struct AppliedAliases {
    dir: Option<PathBuf>,
    table: RwLock<Option<(Arc<AliasTable>, String)>>,
}

impl AppliedAliases {
    pub(crate) fn new(dir: Option<PathBuf>) -> AppliedAliases {
        AppliedAliases {
            dir,
            table: RwLock::new(None),
        }
    }

    /// The table and its fingerprint, loading them if no one has yet.
    pub(crate) fn get(&self) -> Result<(Arc<AliasTable>, String)> {
        if let Some(loaded) = self.read().as_ref() {
            return Ok(loaded.clone());
        }
        let (table, fingerprint) = recorded(self.dir.as_deref())?;
        let loaded = (Arc::new(table), fingerprint);
        let mut g = self.table.write().unwrap_or_else(|p| p.into_inner());
        Ok(g.get_or_insert(loaded).clone())
    }

    /// Replaces the table; `fingerprint` is what the index records as applied.
    pub(crate) fn set(&self, table: Arc<AliasTable>, fingerprint: String) {
        *self.table.write().unwrap_or_else(|p| p.into_inner()) = Some((table, fingerprint));
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Option<(Arc<AliasTable>, String)>> {
        self.table.read().unwrap_or_else(|p| p.into_inner())
    }
}

/// What an index records as applied: the recognition version
/// ([`RECOGNITION`](crate::extract::entities::RECOGNITION)) and the table's fingerprint.
pub(crate) fn applied_fingerprint(table: &AliasTable) -> String {
    format!(
        "r{}-{}",
        crate::extract::entities::RECOGNITION,
        table.fingerprint()
    )
}

/// The table recorded in an index folder, and the fingerprint applied to it; the shipped
/// table when the folder records none, with an empty fingerprint (applied: unknown), or the
/// current one for an index in memory, which lives no longer than this program.
pub(crate) fn recorded(dir: Option<&Path>) -> Result<(AliasTable, String)> {
    let shipped = || AliasTable::shipped().clone();
    let Some(dir) = dir else {
        let t = shipped();
        let fp = applied_fingerprint(&t);
        return Ok((t, fp));
    };
    let path = dir.join(ALIAS_RECORD);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok((shipped(), String::new()));
        }
        Err(e) => return Err(Error::io(path, e)),
    };
    let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
    let fingerprint = first
        .strip_prefix("# applied ")
        .map(str::trim)
        .unwrap_or_default()
        .to_string();
    let table = AliasTable::shipped_with(rest, &path.to_string_lossy())?;
    Ok((table, fingerprint))
}

/// Records `table` as the one applied to the index in `dir`.
pub(crate) fn record(dir: &Path, table: &AliasTable) -> Result<()> {
    write_atomically(
        &dir.join(ALIAS_RECORD),
        &format!(
            "# applied {}\n{}",
            applied_fingerprint(table),
            table.added()
        ),
    )
}

/// Finds the entities of every stored article again with `table`, rewriting the articles
/// whose entities change. Returns how many changed. The caller commits.
pub(crate) fn relink_all(
    index: &NewsIndex,
    writer: &IndexWriter<TantivyDocument>,
    table: &AliasTable,
) -> Result<usize> {
    let searcher = index.searcher()?;
    let fields = index.schema.fields();
    let mut kind = String::new();
    let mut changed = 0;
    let stored = ReadBack::open(index, &searcher)?;
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let kinds = segment.fast_fields().str("doc_kind")?;
        let published = segment
            .fast_fields()
            .column_opt::<tantivy::DateTime>("published")?;
        for doc in segment.doc_ids_alive() {
            if !first_str(kinds.as_ref(), doc, &mut kind)? || kind != ARTICLE {
                continue;
            }
            let (mut article, source, removed) =
                stored.article(tantivy::DocAddress::new(ord as u32, doc))?;
            let found = article_entities(&article, table);
            let same = found.len() == article.entities.len()
                && found
                    .iter()
                    .zip(&article.entities)
                    .all(|(a, b)| a.name == b.name && a.kind == b.kind);
            // Releases before recognition version 4 kept the UTC instant, not the source's
            // own clock (`NewsDate::local_instant`): such a document is written again too.
            let kept = published
                .as_ref()
                .and_then(|c| c.first(doc))
                .map(tantivy::DateTime::into_timestamp_secs);
            let clock = article.published.map(|p| p.local_instant().timestamp());
            if same && kept == clock {
                continue;
            }
            article.entities = found;
            replace(writer, fields, &article, &source, &removed)?;
            changed += 1;
        }
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use tantivy::schema::OwnedValue;

    use super::*;
    use crate::index::document::{DocSource, to_document};
    use crate::{Article, NewsDate};

    /// An index from before recognition version 4 kept the UTC instant in `published`; its
    /// first run with this release writes such an article again, on the source's clock.
    #[test]
    fn documents_that_kept_the_utc_instant_are_written_again() {
        let index = NewsIndex::create_in_ram().unwrap();
        let f = index.schema.fields();
        let when = NewsDate::parse("2022-10-17T01:00:00+03:00").unwrap();
        let mut a = Article::new("tz1", "late.jsonl", "Drones over Kyiv after midnight.");
        a.published = Some(when);
        a.entities = article_entities(&a, AliasTable::shipped());
        let mut old = TantivyDocument::default();
        for (field, value) in to_document(&a, f, &DocSource::default()).field_values() {
            if field != f.published {
                old.add_field_value(field, &OwnedValue::from(value));
            }
        }
        let utc = when.to_utc().timestamp();
        old.add_date(f.published, tantivy::DateTime::from_timestamp_secs(utc));
        let mut writer = index.index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.add_document(old).unwrap();
        writer.commit().unwrap();
        index.reader.reload().unwrap();

        let published = |index: &NewsIndex| {
            let searcher = index.searcher().unwrap();
            let segment = searcher.segment_reader(0);
            let column = segment
                .fast_fields()
                .column_opt::<tantivy::DateTime>("published")
                .unwrap()
                .unwrap();
            let doc = segment.doc_ids_alive().next().unwrap();
            column.first(doc).unwrap().into_timestamp_secs()
        };
        assert_eq!(published(&index), utc);
        assert_eq!(
            relink_all(&index, &writer, AliasTable::shipped()).unwrap(),
            1
        );
        writer.commit().unwrap();
        index.reader.reload().unwrap();
        assert_eq!(published(&index), when.local_instant().timestamp());
        // Once on the source's clock, nothing is written again.
        assert_eq!(
            relink_all(&index, &writer, AliasTable::shipped()).unwrap(),
            0
        );
    }
}
