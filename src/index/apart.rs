//! The text store: one long text field (the body) kept in a document store of its own.
//!
//! A hit's other stored fields (title, outlet, URL, entities…) are a few hundred bytes, its
//! body a few KiB. In one document store, reading any of them decompresses a 32 KiB block
//! made mostly of bodies, about one block per hit read out of index order — most of the
//! cost of an export. Kept apart, a block of the main store holds the metadata of dozens of
//! articles, and bodies are decompressed only when their text is needed (snippets, KWIC,
//! re-indexing from the index).
//!
//! The field marked `apart` in the schema is built without tantivy's `STORED` flag; a
//! tantivy segment plugin ([`TextStore`]) writes its values, one per document in doc-id
//! order, to the segment's `.text` file in tantivy's own store format (same compression and
//! block size as the main store), and stacks those files when segments merge.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use tantivy::directory::FileSlice;
use tantivy::index::SegmentId;
use tantivy::indexer::doc_id_mapping::{DocIdMapping, MappingType};
use tantivy::plugin::{PluginMergeContext, PluginWriter, PluginWriterContext, SegmentPlugin};
use tantivy::schema::document::ErasedDocument;
use tantivy::schema::{Field, Schema, Value};
use tantivy::store::{StoreReader, StoreWriter};
use tantivy::{
    DocAddress, DocId, Searcher, SearcherGeneration, Segment, SegmentReader, TantivyDocument,
    TantivyError, Warmer,
};

use crate::{Error, Result};
use tantivy::index::SegmentComponent;

/// The segment file's extension.
const EXTENSION: &str = "text";

fn component() -> SegmentComponent {
    SegmentComponent::Custom(EXTENSION.to_string())
}

/// The plugin that keeps one field's text in its own store. Registered on every index whose
/// schema marks a field `apart` (tantivy refuses to write an index without it).
pub(crate) struct TextStore {
    field: Field,
}

impl TextStore {
    /// The plugin for `field`, ready to register on a tantivy index.
    pub(crate) fn plugin(field: Field) -> Arc<dyn SegmentPlugin> {
        Arc::new(TextStore { field })
    }
}

impl SegmentPlugin for TextStore {
    fn extensions(&self) -> &[&str] {
        &[EXTENSION]
    }

    fn create_writer(&self, ctx: &PluginWriterContext) -> tantivy::Result<Box<dyn PluginWriter>> {
        let store = store_writer(ctx.segment)?;
        Ok(Box::new(TextWriter {
            field: self.field,
            store,
            entry: Vec::new(),
        }))
    }

    fn merge(&self, ctx: PluginMergeContext) -> tantivy::Result<()> {
        // newsdex never sorts an index, so a merged segment is its sources' live documents
        // stacked in order: copy them so.
        if ctx.doc_id_mapping.mapping_type() == MappingType::Shuffled {
            return Err(TantivyError::InvalidArgument(
                "the text store cannot merge a sorted index".into(),
            ));
        }
        let mut store = store_writer(ctx.target_segment)?;
        for reader in ctx.readers {
            let source = StoreReader::open(reader.open_read(component())?, 4)?;
            let alive = reader.alive_bitset();
            for doc in 0..reader.max_doc() {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    store.store_bytes(&source.get_document_bytes(doc)?)?;
                }
            }
        }
        store.close()?;
        Ok(())
    }
}

/// The text of one text-store entry (see `TextWriter::add_document`).
pub(crate) fn entry_text(entry: &[u8]) -> Option<String> {
    match entry.split_first() {
        Some((1, text)) => Some(String::from_utf8_lossy(text).into_owned()),
        _ => None,
    }
}

fn store_writer(segment: &Segment) -> tantivy::Result<StoreWriter> {
    let settings = segment.index().settings();
    Ok(StoreWriter::new(
        segment.open_write(component())?,
        settings.docstore_compression,
        settings.docstore_blocksize,
        false,
    )?)
}

/// Writes each document's text as it is added (so memory stays one block).
struct TextWriter {
    field: Field,
    store: StoreWriter,
    /// The entry being written, reused.
    entry: Vec<u8>,
}

impl PluginWriter for TextWriter {
    fn add_document(
        &mut self,
        _doc_id: DocId,
        doc: &dyn ErasedDocument,
        _schema: &Schema,
    ) -> tantivy::Result<()> {
        // Every document gets an entry, so entries follow doc ids: a marker byte (1: has the
        // field, 0: has not), then the text. Never empty: tantivy's store writes no block
        // for a run of empty entries, then cannot read them back.
        let text = doc
            .as_any()
            .downcast_ref::<TantivyDocument>()
            .and_then(|d| d.get_first(self.field))
            .and_then(|v| v.as_str());
        self.entry.clear();
        match text {
            Some(text) => {
                self.entry.push(1);
                self.entry.extend_from_slice(text.as_bytes());
            }
            None => self.entry.push(0),
        }
        self.store.store_bytes(&self.entry)?;
        Ok(())
    }

    fn serialize(
        self: Box<Self>,
        _segment: &Segment,
        doc_id_map: Option<&DocIdMapping>,
    ) -> tantivy::Result<()> {
        if doc_id_map.is_some() {
            return Err(TantivyError::InvalidArgument(
                "the text store cannot write a sorted segment".into(),
            ));
        }
        self.store.close()?;
        Ok(())
    }

    fn mem_usage(&self) -> usize {
        self.store.mem_usage()
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

/// The text files of the segments the index reader holds, opened when it loads them.
///
/// tantivy opens a segment's own files when its reader loads the segment, so a searcher
/// keeps reading them after a merge has replaced the segment and deleted its files. A
/// plugin's file is opened on demand, which would fail after such a deletion; this warmer,
/// run as each new searcher is set up, opens them at the same moment tantivy opens its own.
#[derive(Default)]
pub(crate) struct TextFiles {
    files: Mutex<HashMap<SegmentId, FileSlice>>,
}

impl TextFiles {
    fn get(&self, segment: &SegmentReader) -> Result<FileSlice> {
        let mut files = self.files.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(file) = files.get(&segment.segment_id()) {
            return Ok(file.clone());
        }
        let file = segment
            .open_read(component())
            .map_err(|e| Error::Tantivy(e.into()))?;
        files.insert(segment.segment_id(), file.clone());
        Ok(file)
    }
}

impl TextFiles {
    /// Whether every segment of `searcher` has its text file open (opening those not yet
    /// open). False when one was deleted: another process merged the segment away after
    /// this searcher was loaded and before its text file was opened, so the searcher is
    /// stale and a reload gets the merged segment.
    pub(crate) fn complete(&self, searcher: &Searcher) -> bool {
        searcher
            .segment_readers()
            .iter()
            .all(|segment| self.get(segment).is_ok())
    }
}

impl Warmer for TextFiles {
    /// Opens the new searcher's text files; one already deleted is left for
    /// [`TextFiles::complete`] to report, rather than failing the reload.
    fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        self.complete(searcher);
        Ok(())
    }

    fn garbage_collect(&self, live_generations: &[&SearcherGeneration]) {
        let live: HashSet<SegmentId> = live_generations
            .iter()
            .flat_map(|g| g.segments().keys().copied())
            .collect();
        let mut files = self.files.lock().unwrap_or_else(|p| p.into_inner());
        files.retain(|id, _| live.contains(id));
    }
}

/// Reads the texts of one searcher's articles, opening each segment's store once.
pub(crate) struct Texts<'a> {
    searcher: &'a Searcher,
    /// `Some` when the schema keeps a field apart.
    apart: Option<Field>,
    files: &'a TextFiles,
    stores: RefCell<HashMap<u32, StoreReader>>,
}

impl<'a> Texts<'a> {
    /// A reader over `searcher`'s segments; `apart` is the field the schema keeps apart.
    pub(crate) fn new(
        searcher: &'a Searcher,
        apart: Option<Field>,
        files: &'a TextFiles,
    ) -> Texts<'a> {
        Texts {
            searcher,
            apart,
            files,
            stores: RefCell::new(HashMap::new()),
        }
    }

    /// The text of `field` for the article at `addr`, whose main stored document is `doc`:
    /// from the text store when `field` is the one kept apart, else from `doc`.
    pub(crate) fn get(
        &self,
        field: Field,
        doc: &TantivyDocument,
        addr: DocAddress,
    ) -> Result<Option<String>> {
        if self.apart != Some(field) {
            return Ok(doc
                .get_first(field)
                .and_then(|v| v.as_str())
                .map(String::from));
        }
        let mut stores = self.stores.borrow_mut();
        let store = match stores.entry(addr.segment_ord) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let file = self
                    .files
                    .get(self.searcher.segment_reader(addr.segment_ord))?;
                let store = StoreReader::open(file, 16)
                    .map_err(|e| Error::Tantivy(TantivyError::from(e)))?;
                e.insert(store)
            }
        };
        Ok(entry_text(&store.get_document_bytes(addr.doc_id)?))
    }
}

#[cfg(test)]
mod tests {
    use tantivy::schema::Value;

    use crate::{Article, NewsIndex, WriterOptions};

    /// Bodies read back from the text store after commits, deletes and the end-of-run merge
    /// are the ones written, in every segment, including an empty one.
    #[test]
    fn bodies_survive_commits_deletes_and_merges() {
        let index = NewsIndex::create_in_ram().unwrap();
        let mut w = index.indexer(WriterOptions::default()).unwrap();
        let body = |i: usize| match i % 4 {
            0 => String::new(),
            _ => format!("Harbour story {i}: the ferry left at dawn. ") + &"Quay. ".repeat(i),
        };
        for i in 0..40 {
            w.add_article(&Article::new(format!("a{i}"), "a.txt", body(i)))
                .unwrap();
            if i % 7 == 6 {
                w.commit().unwrap();
            }
        }
        // Replacing an article deletes its first version.
        w.add_article(&Article::new("a5", "a.txt", "Harbour story 5, corrected."))
            .unwrap();
        w.finish().unwrap();
        let searcher = index.searcher().unwrap();
        let texts = index.texts(&searcher);
        let f = index.schema.fields();
        let mut seen = 0;
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            for doc in segment.doc_ids_alive() {
                let addr = tantivy::DocAddress::new(ord as u32, doc);
                let stored: tantivy::TantivyDocument = searcher.doc(addr).unwrap();
                let Some(id) = stored.get_first(f.id).and_then(|v| v.as_str()) else {
                    continue; // a source-file record
                };
                if !id.starts_with('a') {
                    continue;
                }
                let i: usize = id[1..].parse().unwrap();
                let want = if i == 5 {
                    "Harbour story 5, corrected.".to_string()
                } else {
                    body(i)
                };
                let got = texts
                    .get(f.body, &stored, addr)
                    .unwrap()
                    .unwrap_or_default();
                assert_eq!(got, want, "{id}");
                seen += 1;
            }
        }
        assert_eq!(seen, 40);
    }
}
